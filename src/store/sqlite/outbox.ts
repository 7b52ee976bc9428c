import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Anomaly } from '../../anomaly';
import type {
  ClaimOptions,
  OutboxStore,
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
import { settle } from './settle';
import { clipErrorText, conversationOf, deliveryOf, iso, isoOrNull, mailboxKey, ms } from '../outbox-rows';

/** Delivery rows for one anomaly: every subscribed conversation that has not muted its kind for its mailbox. */
const FAN_OUT_SQL = `
  INSERT OR IGNORE INTO deliveries (anomaly_key, conversation_id, state, attempts, created_ms, next_attempt_ms)
  SELECT @key, c.id, 'pending', 0, @at, @at FROM conversations c
  WHERE c.subscribed = 1
    AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.conversation_id = c.id AND m.kind = @kind AND m.mailbox = @mailbox)`;

/**
 * The notification tables of the SQLite store: conversations, mutes, recorded anomalies and the
 * delivery outbox. Every multi-row change runs in one transaction; better-sqlite3 is synchronous, so
 * a claim cannot interleave with another in this process, and SQLite's write lock covers other ones.
 */
export class SqliteOutbox {
  constructor(private readonly db: Database.Database) {}

  saveConversation(c: ConversationRecord, at: string): void {
    this.db
      .prepare(
        `INSERT INTO conversations (id, tenant_id, service_url, channel_id, conversation_type, reference, seen_ms)
         VALUES (@id, @tenantId, @serviceUrl, @channelId, @conversationType, @reference, @seen)
         ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, service_url = excluded.service_url,
           channel_id = excluded.channel_id, conversation_type = excluded.conversation_type,
           reference = excluded.reference, seen_ms = excluded.seen_ms`,
      )
      .run({ ...c, seen: ms(at) });
  }

  getConversation(id: string): StoredConversation | null {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
    return row === undefined ? null : conversationOf(row);
  }

  listConversations(filter: { readonly subscribed?: boolean } = {}): StoredConversation[] {
    const rows =
      filter.subscribed === undefined
        ? (this.db.prepare('SELECT * FROM conversations ORDER BY id').all() as ConversationRow[])
        : (this.db.prepare('SELECT * FROM conversations WHERE subscribed = ? ORDER BY id').all(filter.subscribed ? 1 : 0) as ConversationRow[]);
    return rows.map(conversationOf);
  }

  subscribe(id: string, options: SubscribeOptions): SubscribeResult {
    return this.db.transaction((): SubscribeResult => {
      const row = this.db.prepare('SELECT subscribed FROM conversations WHERE id = ?').get(id) as { subscribed: number } | undefined;
      if (row === undefined) return { found: false, wasSubscribed: false, enqueued: 0 };
      const at = ms(options.at);
      this.db
        .prepare('UPDATE conversations SET subscribed = 1, subscribed_ms = CASE WHEN subscribed = 1 THEN subscribed_ms ELSE @at END, locale = @locale, time_zone = @timeZone WHERE id = @id')
        .run({ id, at, locale: options.locale, timeZone: options.timeZone });
      let enqueued = 0;
      if (options.catchUpFrom !== null) {
        // Cancelled deliveries come back (unsubscribed before they went out); sent, dead and unknown ones never do.
        enqueued = this.db
          .prepare(
            `INSERT INTO deliveries (anomaly_key, conversation_id, state, attempts, created_ms, next_attempt_ms)
             SELECT a.key, @id, 'pending', 0, @at, @at FROM anomalies a
             WHERE a.announced_ms IS NOT NULL AND a.at_ms >= @from
               AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.conversation_id = @id AND m.kind = a.kind AND m.mailbox = a.mailbox)
             ORDER BY a.at_ms
             ON CONFLICT (anomaly_key, conversation_id) DO UPDATE SET state = 'pending', attempts = 0, created_ms = excluded.created_ms,
               next_attempt_ms = excluded.next_attempt_ms, last_error = NULL
             WHERE deliveries.state = 'cancelled'`,
          )
          .run({ id, at, from: ms(options.catchUpFrom) }).changes;
      }
      return { found: true, wasSubscribed: row.subscribed === 1, enqueued };
    })();
  }

  unsubscribe(id: string, at: string): boolean {
    return this.db.transaction((): boolean => {
      const changed = this.db.prepare('UPDATE conversations SET subscribed = 0, subscribed_ms = NULL WHERE id = ? AND subscribed = 1').run(id).changes;
      this.cancelPending(id, 'unsubscribed', at);
      return changed > 0;
    })();
  }

  removeConversation(id: string, reason: string, at: string): { removed: boolean; cancelled: number } {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
      this.db.prepare('DELETE FROM mutes WHERE conversation_id = ?').run(id);
      return { removed, cancelled: this.cancelPending(id, reason, at) };
    })();
  }

  private cancelPending(conversationId: string, reason: string, at: string, where = '', params: Record<string, string> = {}): number {
    return this.db
      .prepare(
        `UPDATE deliveries SET state = 'cancelled', last_error = @reason, next_attempt_ms = @at
         WHERE conversation_id = @conversationId AND state = 'pending' ${where}`,
      )
      .run({ conversationId, reason: clipErrorText(reason), at: ms(at), ...params }).changes;
  }

  addMute(mute: Mute, at: string): { added: boolean; cancelled: number } {
    const mailbox = mailboxKey(mute.mailbox);
    return this.db.transaction(() => {
      const added =
        this.db
          .prepare('INSERT OR IGNORE INTO mutes (conversation_id, kind, mailbox, created_ms) VALUES (?, ?, ?, ?)')
          .run(mute.conversationId, mute.kind, mailbox, ms(at)).changes > 0;
      const cancelled = this.cancelPending(
        mute.conversationId,
        `muted ${mute.kind} for ${mailbox}`,
        at,
        'AND anomaly_key IN (SELECT key FROM anomalies WHERE kind = @kind AND mailbox = @mailbox)',
        { kind: mute.kind, mailbox },
      );
      return { added, cancelled };
    })();
  }

  removeMute(mute: Mute): boolean {
    return (
      this.db
        .prepare('DELETE FROM mutes WHERE conversation_id = ? AND kind = ? AND mailbox = ?')
        .run(mute.conversationId, mute.kind, mailboxKey(mute.mailbox)).changes > 0
    );
  }

  listMutes(conversationId: string): Mute[] {
    return this.db
      .prepare('SELECT conversation_id AS conversationId, kind, mailbox FROM mutes WHERE conversation_id = ? ORDER BY kind, mailbox')
      .all(conversationId) as Mute[];
  }

  recordAnomalies(anomalies: readonly Anomaly[], at: string, announce: boolean): RecordAnomaliesResult {
    const now = ms(at);
    const insert = this.db.prepare(
      `INSERT INTO anomalies (key, kind, severity, at_ms, mailbox, body, first_seen_ms, last_seen_ms)
       VALUES (@key, @kind, @severity, @atMs, @mailbox, @body, @now, @now)
       ON CONFLICT (key) DO UPDATE SET last_seen_ms = excluded.last_seen_ms`,
    );
    const unannounced = this.db.prepare('SELECT 1 FROM anomalies WHERE key = ? AND announced_ms IS NULL');
    const markAnnounced = this.db.prepare('UPDATE anomalies SET announced_ms = ? WHERE key = ?');
    const fanOut = this.db.prepare(FAN_OUT_SQL);
    return this.db.transaction((): RecordAnomaliesResult => {
      let added = 0;
      let announced = 0;
      let enqueued = 0;
      for (const anomaly of anomalies) {
        const before = this.db.prepare('SELECT 1 FROM anomalies WHERE key = ?').get(anomaly.key);
        const mailbox = anomaly.mailbox === null ? null : mailboxKey(anomaly.mailbox);
        insert.run({ key: anomaly.key, kind: anomaly.kind, severity: anomaly.severity, atMs: ms(anomaly.at), mailbox, body: JSON.stringify(anomaly), now });
        if (before === undefined) added += 1;
        if (!announce || unannounced.get(anomaly.key) === undefined) continue;
        markAnnounced.run(now, anomaly.key);
        announced += 1;
        enqueued += fanOut.run({ key: anomaly.key, at: now, kind: anomaly.kind, mailbox: mailbox ?? '' }).changes;
      }
      return { added, announced, enqueued };
    })();
  }

  getAnomaly(key: string): RecordedAnomaly | null {
    const row = this.db.prepare('SELECT body, first_seen_ms, announced_ms FROM anomalies WHERE key = ?').get(key) as
      | { body: string; first_seen_ms: number; announced_ms: number | null }
      | undefined;
    if (row === undefined) return null;
    return { anomaly: JSON.parse(row.body) as Anomaly, firstSeenAt: iso(row.first_seen_ms), announcedAt: isoOrNull(row.announced_ms) };
  }

  claimDeliveries(options: ClaimOptions): DeliveryClaim[] {
    const now = ms(options.now);
    const leaseUntil = now + options.leaseMs;
    return this.db.transaction((): DeliveryClaim[] => {
      // A conversation is due when every one of its pending deliveries is (a retry holds back newer ones,
      // so they go out together) and none is on the wire (one card at a time per conversation).
      const due = this.db
        .prepare(
          `SELECT d.conversation_id AS id FROM deliveries d JOIN conversations c ON c.id = d.conversation_id
           WHERE d.state = 'pending'
             AND NOT EXISTS (SELECT 1 FROM deliveries s WHERE s.conversation_id = d.conversation_id AND s.state = 'sending')
           GROUP BY d.conversation_id
           HAVING MAX(d.next_attempt_ms) <= @now
           ORDER BY MIN(d.created_ms), d.conversation_id
           LIMIT @limit`,
        )
        .pluck()
        .all({ now, limit: Math.max(0, Math.floor(options.conversations)) }) as string[];
      const claims: DeliveryClaim[] = [];
      for (const conversationId of due) {
        const token = randomUUID();
        const rows = this.db
          .prepare(
            `SELECT d.anomaly_key, d.attempts, a.body FROM deliveries d JOIN anomalies a ON a.key = d.anomaly_key
             WHERE d.conversation_id = ? AND d.state = 'pending' ORDER BY d.created_ms, a.at_ms, d.anomaly_key LIMIT ?`,
          )
          .all(conversationId, Math.max(1, Math.floor(options.perConversation))) as { anomaly_key: string; attempts: number; body: string }[];
        const lease = this.db.prepare(
          "UPDATE deliveries SET state = 'sending', lease_token = ?, lease_until_ms = ? WHERE anomaly_key = ? AND conversation_id = ? AND state = 'pending'",
        );
        for (const row of rows) lease.run(token, leaseUntil, row.anomaly_key, conversationId);
        const conversation = this.getConversation(conversationId);
        if (conversation === null) continue;
        claims.push({
          token,
          conversation,
          anomalies: rows.map((r) => JSON.parse(r.body) as Anomaly),
          attempts: rows.reduce((n, r) => Math.max(n, r.attempts), 0),
          leaseUntil: iso(leaseUntil),
        });
      }
      return claims;
    })();
  }

  completeDeliveries(token: string, at: string, activityId: string | null): number {
    return this.db
      .prepare(
        `UPDATE deliveries SET state = 'sent', sent_ms = ?, activity_id = ?, lease_until_ms = NULL, last_error = NULL
         WHERE lease_token = ? AND state IN ('sending', 'unknown')`,
      )
      .run(ms(at), activityId, token).changes;
  }

  rescheduleDeliveries(token: string, retryAt: string, failure: string | null): number {
    return this.db
      .prepare(
        `UPDATE deliveries SET state = 'pending', next_attempt_ms = @retryAt, attempts = attempts + @counted,
           last_error = COALESCE(@failure, last_error), lease_token = NULL, lease_until_ms = NULL
         WHERE lease_token = @token AND state IN ('sending', 'unknown')`,
      )
      .run({ token, retryAt: ms(retryAt), counted: failure === null ? 0 : 1, failure: failure === null ? null : clipErrorText(failure) }).changes;
  }

  failDeliveries(token: string, failure: string, at: string): number {
    return this.db
      .prepare(
        `UPDATE deliveries SET state = 'dead', attempts = attempts + 1, last_error = ?, next_attempt_ms = ?, lease_until_ms = NULL
         WHERE lease_token = ? AND state IN ('sending', 'unknown')`,
      )
      .run(clipErrorText(failure), ms(at), token).changes;
  }

  markUnknown(token: string, failure: string, at: string): number {
    return this.db
      .prepare(
        `UPDATE deliveries SET state = 'unknown', attempts = attempts + 1, last_error = ?, next_attempt_ms = ?, lease_until_ms = NULL
         WHERE lease_token = ? AND state = 'sending'`,
      )
      .run(clipErrorText(failure), ms(at), token).changes;
  }

  expireLeases(now: string): DeliveryRow[] {
    const rows = this.db
      .prepare(
        `UPDATE deliveries SET state = 'unknown', last_error = 'lease expired while sending: the card may have been delivered'
         WHERE state = 'sending' AND lease_until_ms <= ?
         RETURNING anomaly_key, conversation_id, state, attempts, created_ms, next_attempt_ms, sent_ms, activity_id, last_error`,
      )
      .all(ms(now)) as DeliveryDbRow[];
    return rows.map(deliveryOf);
  }

  nextDeliveryDue(): string | null {
    const row = this.db
      .prepare(
        `SELECT MIN(t) AS t FROM (
           SELECT MAX(d.next_attempt_ms) AS t FROM deliveries d JOIN conversations c ON c.id = d.conversation_id
           WHERE d.state = 'pending'
             AND NOT EXISTS (SELECT 1 FROM deliveries s WHERE s.conversation_id = d.conversation_id AND s.state = 'sending')
           GROUP BY d.conversation_id
           UNION ALL
           SELECT MIN(lease_until_ms) AS t FROM deliveries WHERE state = 'sending'
         )`,
      )
      .get() as { t: number | null };
    return isoOrNull(row.t);
  }

  listDeliveries(filter: { readonly conversationId?: string; readonly state?: DeliveryState } = {}): DeliveryRow[] {
    const clauses: string[] = [];
    const params: Record<string, string> = {};
    if (filter.conversationId !== undefined) {
      clauses.push('conversation_id = @conversationId');
      params.conversationId = filter.conversationId;
    }
    if (filter.state !== undefined) {
      clauses.push('state = @state');
      params.state = filter.state;
    }
    const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
    const rows = this.db
      .prepare(
        `SELECT anomaly_key, conversation_id, state, attempts, created_ms, next_attempt_ms, sent_ms, activity_id, last_error
         FROM deliveries ${where} ORDER BY conversation_id, created_ms, anomaly_key`,
      )
      .all(params) as DeliveryDbRow[];
    return rows.map(deliveryOf);
  }

  outboxCounts(): OutboxCounts {
    const deliveries = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
    for (const row of this.db.prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all() as { state: DeliveryState; n: number }[]) {
      deliveries[row.state] = row.n;
    }
    const conversations = this.db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(subscribed), 0) AS s FROM conversations').get() as { n: number; s: number };
    const anomalies = this.db.prepare('SELECT COUNT(*) FROM anomalies').pluck().get() as number;
    return { deliveries, conversations: conversations.n, subscribed: conversations.s, anomalies };
  }
}

/** The outbox port over the SQLite tables: each call one synchronous transaction, its throw a rejected promise. */
export class SqliteOutboxStore implements OutboxStore {
  private readonly outbox: SqliteOutbox;

  constructor(db: Database.Database) {
    this.outbox = new SqliteOutbox(db);
  }

  saveConversation(conversation: ConversationRecord, at: string): Promise<void> {
    return settle(() => this.outbox.saveConversation(conversation, at));
  }

  getConversation(id: string): Promise<StoredConversation | null> {
    return settle(() => this.outbox.getConversation(id));
  }

  listConversations(filter?: { readonly subscribed?: boolean }): Promise<StoredConversation[]> {
    return settle(() => this.outbox.listConversations(filter));
  }

  subscribe(id: string, options: SubscribeOptions): Promise<SubscribeResult> {
    return settle(() => this.outbox.subscribe(id, options));
  }

  unsubscribe(id: string, at: string): Promise<boolean> {
    return settle(() => this.outbox.unsubscribe(id, at));
  }

  removeConversation(id: string, reason: string, at: string): Promise<{ readonly removed: boolean; readonly cancelled: number }> {
    return settle(() => this.outbox.removeConversation(id, reason, at));
  }

  addMute(mute: Mute, at: string): Promise<{ readonly added: boolean; readonly cancelled: number }> {
    return settle(() => this.outbox.addMute(mute, at));
  }

  removeMute(mute: Mute): Promise<boolean> {
    return settle(() => this.outbox.removeMute(mute));
  }

  listMutes(conversationId: string): Promise<Mute[]> {
    return settle(() => this.outbox.listMutes(conversationId));
  }

  recordAnomalies(anomalies: readonly Anomaly[], at: string, options: { readonly announce: boolean }): Promise<RecordAnomaliesResult> {
    return settle(() => this.outbox.recordAnomalies(anomalies, at, options.announce));
  }

  getAnomaly(key: string): Promise<RecordedAnomaly | null> {
    return settle(() => this.outbox.getAnomaly(key));
  }

  claimDeliveries(options: ClaimOptions): Promise<DeliveryClaim[]> {
    return settle(() => this.outbox.claimDeliveries(options));
  }

  completeDeliveries(token: string, at: string, activityId: string | null): Promise<number> {
    return settle(() => this.outbox.completeDeliveries(token, at, activityId));
  }

  rescheduleDeliveries(token: string, retryAt: string, failure: string | null): Promise<number> {
    return settle(() => this.outbox.rescheduleDeliveries(token, retryAt, failure));
  }

  failDeliveries(token: string, failure: string, at: string): Promise<number> {
    return settle(() => this.outbox.failDeliveries(token, failure, at));
  }

  markUnknown(token: string, failure: string, at: string): Promise<number> {
    return settle(() => this.outbox.markUnknown(token, failure, at));
  }

  expireLeases(now: string): Promise<DeliveryRow[]> {
    return settle(() => this.outbox.expireLeases(now));
  }

  nextDeliveryDue(): Promise<string | null> {
    return settle(() => this.outbox.nextDeliveryDue());
  }

  listDeliveries(filter?: { readonly conversationId?: string; readonly state?: DeliveryState }): Promise<DeliveryRow[]> {
    return settle(() => this.outbox.listDeliveries(filter));
  }

  outboxCounts(): Promise<OutboxCounts> {
    return settle(() => this.outbox.outboxCounts());
  }
}
