import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Anomaly } from '../../anomaly';
import type {
  OutboxStore,
  ClaimOptions,
  ConversationRecord,
  DeliveryClaim,
  DeliveryRow,
  DeliveryState,
  Mute,
  OutboxCounts,
  RecordAnomaliesResult,
  RecordedAnomaly,
  StoredConversation,
  SubscribeOptions,
  SubscribeResult,
} from '../store';
import { DELIVERY_STATES } from '../store';
import type { ConversationRow, DeliveryDbRow } from '../outbox-rows';
import { clipErrorText, conversationOf, deliveryOf, iso, isoOrNull, mailboxKey, ms } from '../outbox-rows';
import { OUTBOX_CHANNEL, pgText, transaction } from './db';

const DELIVERY_COLUMNS = 'anomaly_key, conversation_id, state, attempts, created_ms, next_attempt_ms, sent_ms, activity_id, last_error';

function clipError(text: string): string | null {
  return pgText(clipErrorText(text));
}

/** Delivery rows for one anomaly: every subscribed conversation that has not muted its kind for its mailbox. */
const FAN_OUT_SQL = `
  INSERT INTO deliveries (anomaly_key, conversation_id, state, attempts, created_ms, next_attempt_ms)
  SELECT $1::text, c.id, 'pending', 0, $2::bigint, $2::bigint FROM conversations c
  WHERE c.subscribed
    AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.conversation_id = c.id AND m.kind = $3 AND m.mailbox = $4)
  ON CONFLICT DO NOTHING`;

/**
 * Conversations that are due: every pending delivery's time has come (a retry holds back newer ones,
 * so they go out together) and none is on the wire (one card at a time per conversation). The rows
 * are locked with SKIP LOCKED: a conversation another replica is claiming is left to it.
 */
const DUE_CONVERSATIONS_SQL = `
  WITH due AS (
    SELECT d.conversation_id AS id, MIN(d.created_ms) AS first_ms FROM deliveries d
    WHERE d.state = 'pending'
      AND NOT EXISTS (SELECT 1 FROM deliveries s WHERE s.conversation_id = d.conversation_id AND s.state = 'sending')
    GROUP BY d.conversation_id
    HAVING MAX(d.next_attempt_ms) <= $1
  )
  SELECT c.* FROM conversations c JOIN due ON due.id = c.id
  ORDER BY due.first_ms, c.id
  LIMIT $2
  FOR UPDATE OF c SKIP LOCKED`;

/**
 * Leases one locked conversation's oldest pending deliveries. The due check runs again: the list
 * above was read before the lock was won, and a replica that claimed this conversation in between has
 * committed by now (it held the lock until then), so its leases are visible here.
 */
const LEASE_SQL = `
  WITH picked AS (
    SELECT d.anomaly_key, d.attempts, d.created_ms, a.at_ms, a.body
    FROM deliveries d JOIN anomalies a ON a.key = d.anomaly_key
    WHERE d.conversation_id = $1 AND d.state = 'pending'
      AND NOT EXISTS (SELECT 1 FROM deliveries s WHERE s.conversation_id = $1 AND s.state = 'sending')
      AND (SELECT MAX(p.next_attempt_ms) FROM deliveries p WHERE p.conversation_id = $1 AND p.state = 'pending') <= $2
    ORDER BY d.created_ms, a.at_ms, d.anomaly_key
    LIMIT $3
  ), leased AS (
    UPDATE deliveries d SET state = 'sending', lease_token = $4, lease_until_ms = $5
    FROM picked WHERE d.anomaly_key = picked.anomaly_key AND d.conversation_id = $1 AND d.state = 'pending'
    RETURNING d.anomaly_key
  )
  SELECT picked.attempts, picked.body FROM picked JOIN leased USING (anomaly_key)
  ORDER BY picked.created_ms, picked.at_ms, picked.anomaly_key`;

/**
 * The notification tables of the PostgreSQL store: conversations, mutes, recorded anomalies and the
 * delivery outbox. Multi-row changes run in one transaction; what replicas may race on is serialized
 * by row locks (an anomaly is announced by whoever updates its row first) or skipped (claims).
 */
export class PostgresOutbox implements OutboxStore {
  constructor(private readonly pool: Pool) {}

  async saveConversation(c: ConversationRecord, at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO conversations (id, tenant_id, service_url, channel_id, conversation_type, reference, seen_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, service_url = excluded.service_url,
         channel_id = excluded.channel_id, conversation_type = excluded.conversation_type,
         reference = excluded.reference, seen_ms = excluded.seen_ms`,
      [pgText(c.id), pgText(c.tenantId), pgText(c.serviceUrl), pgText(c.channelId), pgText(c.conversationType), pgText(c.reference), ms(at)],
    );
  }

  async getConversation(id: string): Promise<StoredConversation | null> {
    const { rows } = await this.pool.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [pgText(id)]);
    return rows.length === 0 ? null : conversationOf(rows[0]);
  }

  async listConversations(filter: { readonly subscribed?: boolean } = {}): Promise<StoredConversation[]> {
    const { rows } =
      filter.subscribed === undefined
        ? await this.pool.query<ConversationRow>('SELECT * FROM conversations ORDER BY id')
        : await this.pool.query<ConversationRow>('SELECT * FROM conversations WHERE subscribed = $1 ORDER BY id', [filter.subscribed]);
    return rows.map(conversationOf);
  }

  subscribe(id: string, options: SubscribeOptions): Promise<SubscribeResult> {
    return transaction(this.pool, async (client): Promise<SubscribeResult> => {
      const { rows } = await client.query<{ subscribed: boolean }>('SELECT subscribed FROM conversations WHERE id = $1 FOR UPDATE', [pgText(id)]);
      if (rows.length === 0) return { found: false, wasSubscribed: false, enqueued: 0 };
      const at = ms(options.at);
      await client.query(
        'UPDATE conversations SET subscribed = true, subscribed_ms = CASE WHEN subscribed THEN subscribed_ms ELSE $2 END, locale = $3, time_zone = $4 WHERE id = $1',
        [pgText(id), at, pgText(options.locale), pgText(options.timeZone)],
      );
      let enqueued = 0;
      if (options.catchUpFrom !== null) {
        // Cancelled deliveries come back (unsubscribed before they went out); sent, dead and unknown ones never do.
        const result = await client.query(
          `INSERT INTO deliveries (anomaly_key, conversation_id, state, attempts, created_ms, next_attempt_ms)
           SELECT a.key, $1::text, 'pending', 0, $2::bigint, $2::bigint FROM anomalies a
           WHERE a.announced_ms IS NOT NULL AND a.at_ms >= $3
             AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.conversation_id = $1 AND m.kind = a.kind AND m.mailbox = a.mailbox)
           ORDER BY a.at_ms
           ON CONFLICT (anomaly_key, conversation_id) DO UPDATE SET state = 'pending', attempts = 0, created_ms = excluded.created_ms,
             next_attempt_ms = excluded.next_attempt_ms, last_error = NULL
           WHERE deliveries.state = 'cancelled'`,
          [pgText(id), at, ms(options.catchUpFrom)],
        );
        enqueued = result.rowCount ?? 0;
      }
      if (enqueued > 0) await nudgeLeader(client);
      return { found: true, wasSubscribed: rows[0].subscribed, enqueued };
    });
  }

  unsubscribe(id: string, at: string): Promise<boolean> {
    return transaction(this.pool, async (client) => {
      const result = await client.query('UPDATE conversations SET subscribed = false, subscribed_ms = NULL WHERE id = $1 AND subscribed', [pgText(id)]);
      await cancelPending(client, id, 'unsubscribed', at);
      return (result.rowCount ?? 0) > 0;
    });
  }

  removeConversation(id: string, reason: string, at: string): Promise<{ removed: boolean; cancelled: number }> {
    return transaction(this.pool, async (client) => {
      const removed = ((await client.query('DELETE FROM conversations WHERE id = $1', [pgText(id)])).rowCount ?? 0) > 0;
      await client.query('DELETE FROM mutes WHERE conversation_id = $1', [pgText(id)]);
      return { removed, cancelled: await cancelPending(client, id, reason, at) };
    });
  }

  addMute(mute: Mute, at: string): Promise<{ added: boolean; cancelled: number }> {
    const mailbox = pgText(mailboxKey(mute.mailbox)) ?? '';
    return transaction(this.pool, async (client) => {
      const inserted = await client.query(
        'INSERT INTO mutes (conversation_id, kind, mailbox, created_ms) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [pgText(mute.conversationId), mute.kind, mailbox, ms(at)],
      );
      const cancelled = await cancelPending(client, mute.conversationId, `muted ${mute.kind} for ${mailbox}`, at, {
        sql: 'AND anomaly_key IN (SELECT key FROM anomalies WHERE kind = $4 AND mailbox = $5)',
        params: [mute.kind, mailbox],
      });
      return { added: (inserted.rowCount ?? 0) > 0, cancelled };
    });
  }

  async removeMute(mute: Mute): Promise<boolean> {
    const deleted = await this.pool.query('DELETE FROM mutes WHERE conversation_id = $1 AND kind = $2 AND mailbox = $3', [
      pgText(mute.conversationId),
      mute.kind,
      pgText(mailboxKey(mute.mailbox)) ?? '',
    ]);
    return (deleted.rowCount ?? 0) > 0;
  }

  async listMutes(conversationId: string): Promise<Mute[]> {
    const { rows } = await this.pool.query<Mute>(
      'SELECT conversation_id AS "conversationId", kind, mailbox FROM mutes WHERE conversation_id = $1 ORDER BY kind, mailbox',
      [pgText(conversationId)],
    );
    return rows;
  }

  recordAnomalies(anomalies: readonly Anomaly[], at: string, { announce }: { readonly announce: boolean }): Promise<RecordAnomaliesResult> {
    const now = ms(at);
    // Key order, so replicas recording overlapping sets lock the same rows in the same order.
    const ordered = [...anomalies].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return transaction(this.pool, async (client): Promise<RecordAnomaliesResult> => {
      let added = 0;
      let announced = 0;
      let enqueued = 0;
      for (const anomaly of ordered) {
        const key = pgText(anomaly.key);
        const mailbox = anomaly.mailbox === null ? null : pgText(mailboxKey(anomaly.mailbox));
        // xmax is 0 only on a row this statement inserted: an existing key was merely touched.
        const recorded = await client.query<{ inserted: boolean }>(
          `INSERT INTO anomalies (key, kind, severity, at_ms, mailbox, body, first_seen_ms, last_seen_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
           ON CONFLICT (key) DO UPDATE SET last_seen_ms = excluded.last_seen_ms
           RETURNING (xmax = 0) AS inserted`,
          [key, anomaly.kind, anomaly.severity, ms(anomaly.at), mailbox, pgText(JSON.stringify(anomaly)), now],
        );
        if (recorded.rows[0]?.inserted === true) added += 1;
        if (!announce) continue;
        // Whoever sets announced_ms first announces; a concurrent announcer waits on the row and then finds it set.
        const marked = await client.query('UPDATE anomalies SET announced_ms = $2 WHERE key = $1 AND announced_ms IS NULL', [key, now]);
        if ((marked.rowCount ?? 0) === 0) continue;
        announced += 1;
        enqueued += (await client.query(FAN_OUT_SQL, [key, now, anomaly.kind, mailbox ?? ''])).rowCount ?? 0;
      }
      if (enqueued > 0) await nudgeLeader(client);
      return { added, announced, enqueued };
    });
  }

  async getAnomaly(key: string): Promise<RecordedAnomaly | null> {
    const { rows } = await this.pool.query<{ body: string; first_seen_ms: number; announced_ms: number | null }>(
      'SELECT body, first_seen_ms, announced_ms FROM anomalies WHERE key = $1',
      [pgText(key)],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return { anomaly: JSON.parse(row.body) as Anomaly, firstSeenAt: iso(row.first_seen_ms), announcedAt: isoOrNull(row.announced_ms) };
  }

  claimDeliveries(options: ClaimOptions): Promise<DeliveryClaim[]> {
    const now = ms(options.now);
    const leaseUntil = now + options.leaseMs;
    const perConversation = Math.max(1, Math.floor(options.perConversation));
    return transaction(this.pool, async (client) => {
      const due = await client.query<ConversationRow>(DUE_CONVERSATIONS_SQL, [now, Math.max(0, Math.floor(options.conversations))]);
      const claims: DeliveryClaim[] = [];
      for (const row of due.rows) {
        const token = randomUUID();
        const leased = await client.query<{ attempts: number; body: string }>(LEASE_SQL, [row.id, now, perConversation, token, leaseUntil]);
        if (leased.rows.length === 0) continue;
        claims.push({
          token,
          conversation: conversationOf(row),
          anomalies: leased.rows.map((r) => JSON.parse(r.body) as Anomaly),
          attempts: leased.rows.reduce((n, r) => Math.max(n, r.attempts), 0),
          leaseUntil: iso(leaseUntil),
        });
      }
      return claims;
    });
  }

  async completeDeliveries(token: string, at: string, activityId: string | null): Promise<number> {
    const result = await this.pool.query(
      `UPDATE deliveries SET state = 'sent', sent_ms = $2, activity_id = $3, lease_until_ms = NULL, last_error = NULL
       WHERE lease_token = $1 AND state IN ('sending', 'unknown')`,
      [pgText(token), ms(at), pgText(activityId)],
    );
    return result.rowCount ?? 0;
  }

  async rescheduleDeliveries(token: string, retryAt: string, failure: string | null): Promise<number> {
    const result = await this.pool.query(
      `UPDATE deliveries SET state = 'pending', next_attempt_ms = $2, attempts = attempts + $3,
         last_error = COALESCE($4, last_error), lease_token = NULL, lease_until_ms = NULL
       WHERE lease_token = $1 AND state IN ('sending', 'unknown')`,
      [pgText(token), ms(retryAt), failure === null ? 0 : 1, failure === null ? null : clipError(failure)],
    );
    return result.rowCount ?? 0;
  }

  async failDeliveries(token: string, failure: string, at: string): Promise<number> {
    const result = await this.pool.query(
      `UPDATE deliveries SET state = 'dead', attempts = attempts + 1, last_error = $2, next_attempt_ms = $3, lease_until_ms = NULL
       WHERE lease_token = $1 AND state IN ('sending', 'unknown')`,
      [pgText(token), clipError(failure), ms(at)],
    );
    return result.rowCount ?? 0;
  }

  async markUnknown(token: string, failure: string, at: string): Promise<number> {
    const result = await this.pool.query(
      `UPDATE deliveries SET state = 'unknown', attempts = attempts + 1, last_error = $2, next_attempt_ms = $3, lease_until_ms = NULL
       WHERE lease_token = $1 AND state = 'sending'`,
      [pgText(token), clipError(failure), ms(at)],
    );
    return result.rowCount ?? 0;
  }

  /** Replicas expiring at once each get a disjoint share: the second waits on the row, then finds it no longer sending. */
  async expireLeases(now: string): Promise<DeliveryRow[]> {
    const { rows } = await this.pool.query<DeliveryDbRow>(
      `WITH expired AS (
         UPDATE deliveries SET state = 'unknown', last_error = 'lease expired while sending: the card may have been delivered'
         WHERE state = 'sending' AND lease_until_ms <= $1
         RETURNING ${DELIVERY_COLUMNS}
       ) SELECT * FROM expired ORDER BY conversation_id, created_ms, anomaly_key`,
      [ms(now)],
    );
    return rows.map(deliveryOf);
  }

  async nextDeliveryDue(): Promise<string | null> {
    const { rows } = await this.pool.query<{ t: number | null }>(
      `SELECT MIN(t) AS t FROM (
         SELECT MAX(d.next_attempt_ms) AS t FROM deliveries d JOIN conversations c ON c.id = d.conversation_id
         WHERE d.state = 'pending'
           AND NOT EXISTS (SELECT 1 FROM deliveries s WHERE s.conversation_id = d.conversation_id AND s.state = 'sending')
         GROUP BY d.conversation_id
         UNION ALL
         SELECT MIN(lease_until_ms) AS t FROM deliveries WHERE state = 'sending'
       ) due`,
    );
    return isoOrNull(rows[0].t);
  }

  async listDeliveries(filter: { readonly conversationId?: string; readonly state?: DeliveryState } = {}): Promise<DeliveryRow[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.conversationId !== undefined) {
      params.push(pgText(filter.conversationId));
      clauses.push(`conversation_id = $${params.length}`);
    }
    if (filter.state !== undefined) {
      params.push(filter.state);
      clauses.push(`state = $${params.length}`);
    }
    const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
    const { rows } = await this.pool.query<DeliveryDbRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries ${where} ORDER BY conversation_id, created_ms, anomaly_key`,
      params,
    );
    return rows.map(deliveryOf);
  }

  async outboxCounts(): Promise<OutboxCounts> {
    const deliveries = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
    const states = await this.pool.query<{ state: DeliveryState; n: number }>('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state');
    for (const row of states.rows) deliveries[row.state] = row.n;
    const conversations = await this.pool.query<{ n: number; s: number }>('SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE subscribed) AS s FROM conversations');
    const anomalies = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM anomalies');
    return { deliveries, conversations: conversations.rows[0].n, subscribed: conversations.rows[0].s, anomalies: anomalies.rows[0].n };
  }
}

/** Tells the leader, whichever replica it is, that there is work; PostgreSQL delivers it when the transaction commits. */
async function nudgeLeader(client: PoolClient): Promise<void> {
  await client.query("SELECT pg_notify($1, '')", [OUTBOX_CHANNEL]);
}

/** Cancels a conversation's pending deliveries (optionally narrowed by `extra`, whose parameters start at $4). */
async function cancelPending(
  client: PoolClient,
  conversationId: string,
  reason: string,
  at: string,
  extra: { readonly sql: string; readonly params: readonly unknown[] } = { sql: '', params: [] },
): Promise<number> {
  const result = await client.query(
    `UPDATE deliveries SET state = 'cancelled', last_error = $2, next_attempt_ms = $3
     WHERE conversation_id = $1 AND state = 'pending' ${extra.sql}`,
    [pgText(conversationId), clipError(reason), ms(at), ...extra.params],
  );
  return result.rowCount ?? 0;
}
