import { hostname } from 'node:os';
import type { Pool } from 'pg';
import type { AuditEvent } from '../../audit/event';
import type { Category } from '../../classify/category';
import { CATEGORIES } from '../../classify/category';
import { CLASSIFIER_VERSION } from '../../classify/classify';
import type { Classification } from '../../classify/rule';
import type { Anomaly } from '../../anomaly';
import { domainOf } from '../../classify/context';
import { SendAsWatchError } from '../../errors';
import type { CoverageSpan, Interval } from '../coverage';
import { coveredSpans, gaps, markSpan, mergeIntervals, toInterval, toWindow } from '../coverage';
import type { ActivityGroupRow } from '../groups';
import { activityGroupColumns, DAY_BUCKET_SQL, foldActivityGroups } from '../groups';
import type { ClientGroupRow, EventRow } from '../rows';
import { auditEventOf, eventFromRow, foldClientGroups } from '../rows';
import type {
  ActivityFilter,
  ActivityGroup,
  ActivityGroupFilter,
  ActivitySummaryRow,
  ClaimOptions,
  ClassifiedEvent,
  CoverageMark,
  CoveredSpan,
  ConversationRecord,
  DeliveryClaim,
  DeliveryRow,
  DeliveryState,
  EventBounds,
  HourlyCount,
  IngestResult,
  KnownAddress,
  Mute,
  OutboxCounts,
  BatchClassifier,
  RecordAnomaliesResult,
  RecordedAnomaly,
  StateUpdate,
  Store,
  StoredConversation,
  StoredEvent,
  StoreStats,
  SubscribeOptions,
  SubscribeResult,
  TimeWindow,
} from '../store';
import { createPool, migrate, pgText, transaction } from './db';
import { POSTGRES_MIGRATIONS } from './migrations';
import type { RightsUse } from '../../rights/questions';
import type { DelegateUseRow } from '../rights-rows';
import { delegateUseOf } from '../rights-rows';
import { PostgresOutbox } from './outbox';
import { PostgresRightsStore } from './rights';
import { ForwardsRights } from '../rights-forwarding';
import { PostgresStateStore } from './state';

export interface PostgresStoreOptions {
  /** Clock for `updated_ms` bookkeeping; tests pass a fixed one. */
  readonly now?: () => number;
  /** Connections in the pool, default 10. */
  readonly poolSize?: number;
  /** Shown in pg_stat_activity, to tell replicas apart. */
  readonly applicationName?: string;
}

/** Parameters bound by position; `add` returns the placeholder. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function whereOf(filter: ActivityFilter, params: Params): string {
  const clauses = [`time_ms >= ${params.add(Date.parse(filter.from))}`, `time_ms < ${params.add(Date.parse(filter.to))}`];
  if (filter.sentAs !== undefined) clauses.push(`sent_as = ${params.add(filter.sentAs.toLowerCase())}`);
  if (filter.actor !== undefined) clauses.push(`actor = ${params.add(filter.actor.toLowerCase())}`);
  if (filter.operation !== undefined) clauses.push(`operation = ${params.add(filter.operation)}`);
  if (filter.category !== undefined) clauses.push(`category = ${params.add(filter.category)}`);
  return clauses.join(' AND ');
}

function emptyTotals(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}

/** Escapes LIKE wildcards so a typed `_` or `%` matches itself. */
function likeContaining(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * The events columns with the type each has in a batch's JSON. `reasons` and `raw` are JSON text
 * inside it, so PostgreSQL never has to unescape what they hold (a NUL, half a surrogate pair).
 */
const EVENT_COLUMNS = [
  ['id', 'text'],
  ['time_ms', 'bigint'],
  ['operation', 'text'],
  ['actor', 'text'],
  ['mailbox', 'text'],
  ['sent_as', 'text'],
  ['client', 'text'],
  ['app_id', 'text'],
  ['client_ip', 'text'],
  ['logon_type', 'float8'],
  ['user_type', 'float8'],
  ['external_access', 'boolean'],
  ['subject', 'text'],
  ['internet_message_id', 'text'],
  ['category', 'text'],
  ['confidence', 'text'],
  ['rule_id', 'text'],
  ['reasons', 'text'],
  ['classifier_version', 'integer'],
  ['raw', 'text'],
] as const;

type EventColumn = (typeof EVENT_COLUMNS)[number][0];

const COLUMN_LIST = EVENT_COLUMNS.map(([name]) => name).join(', ');

/**
 * A whole batch in one statement (so one transaction): the rows go in as one JSON array, which
 * PostgreSQL unpacks far faster than the driver could escape one array parameter per column, and the
 * totals are bumped from what was actually inserted. Id order matters when replicas ingest
 * overlapping batches at once: both wait on the same first shared id instead of deadlocking.
 */
const INGEST_SQL = `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS u(${EVENT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
  ), inserted AS (
    INSERT INTO events (${COLUMN_LIST})
    SELECT ${COLUMN_LIST} FROM input ORDER BY id COLLATE "C"
    ON CONFLICT (id) DO NOTHING
    RETURNING actor, sent_as, category
  ), address_counts AS (
    INSERT INTO addresses (address, events)
    SELECT address, COUNT(*) FROM (SELECT actor AS address FROM inserted UNION ALL SELECT sent_as FROM inserted) a
    WHERE address IS NOT NULL AND address <> '' GROUP BY address ORDER BY address
    ON CONFLICT (address) DO UPDATE SET events = addresses.events + excluded.events
  ), category_counts AS (
    INSERT INTO category_totals (category, events)
    SELECT category, COUNT(*) FROM inserted GROUP BY category ORDER BY category
    ON CONFLICT (category) DO UPDATE SET events = category_totals.events + excluded.events
  )
  SELECT COUNT(*) AS inserted FROM inserted`;

/** Reclassification works through the events in id order, this many per transaction. */
const RECLASSIFY_BATCH = 1000;

const COVERAGE_COLUMNS = 'from_ms AS "from", to_ms AS "to", settled, checked_ms AS checked';

interface PgCoverageRow extends Interval {
  readonly settled: boolean;
  readonly checked: number;
}

function coverageSpanOf(row: PgCoverageRow): CoverageSpan {
  return { from: row.from, to: row.to, settled: row.settled, checked: row.checked };
}

/**
 * The store for several replicas: one PostgreSQL database shared by every bot process. Same contract
 * as the SQLite store (the same tests run against both); writes that replicas may race on are
 * idempotent or serialized by row locks, and the outbox is claimed with FOR UPDATE SKIP LOCKED.
 */
export class PostgresStore extends ForwardsRights implements Store {
  private readonly state: PostgresStateStore;
  private readonly outbox: PostgresOutbox;
  protected readonly rights: PostgresRightsStore;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    now: () => number,
    private readonly version: number,
  ) {
    super();
    this.state = new PostgresStateStore(pool, now);
    this.outbox = new PostgresOutbox(pool);
    this.rights = new PostgresRightsStore(pool);
  }

  /** Connects, migrates (under an advisory lock, so replicas starting together do not race) and returns the store. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const now = options.now ?? (() => Date.now());
    const pool = createPool(url, options.applicationName ?? `sendas-watch ${hostname()} ${process.pid}`, options.poolSize ?? 10);
    try {
      const version = await migrate(pool, POSTGRES_MIGRATIONS, now());
      return new PostgresStore(pool, now, version);
    } catch (error) {
      await pool.end();
      if (error instanceof SendAsWatchError) throw error;
      throw new SendAsWatchError('SENDAS_STORE_FAILED', `cannot open the PostgreSQL store: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The schema version after migration, for /healthz and tests. */
  schemaVersion(): number {
    return this.version;
  }

  async ingest(batch: readonly ClassifiedEvent[]): Promise<IngestResult> {
    if (batch.length === 0) return { inserted: 0, duplicates: 0 };
    // Reading the events here, before any SQL, means a batch that cannot be read fails whole.
    const rows = JSON.stringify(batch.map(({ event, classification }) => rowOf(event, classification)));
    const result = await transaction(this.pool, async (client) => {
      // Room to unpack and sort a batch in memory rather than in temp files.
      await client.query("SET LOCAL work_mem = '64MB'");
      return client.query<{ inserted: number }>(INGEST_SQL, [rows]);
    });
    const inserted = result.rows[0]?.inserted ?? 0;
    return { inserted, duplicates: batch.length - inserted };
  }

  async summarize(filter: ActivityFilter): Promise<ActivitySummaryRow[]> {
    const params = new Params();
    const where = whereOf(filter, params);
    const { rows } = await this.pool.query<ClientGroupRow>(
      `SELECT actor, sent_as, category, client, COUNT(*) AS n, MIN(time_ms) AS first_ms, MAX(time_ms) AS last_ms
       FROM events WHERE ${where} GROUP BY actor, sent_as, category, client`,
      params.values,
    );
    return foldClientGroups(rows);
  }

  async listEvents(filter: ActivityFilter, page: { readonly limit: number; readonly before?: { time: string; id: string } }): Promise<StoredEvent[]> {
    const params = new Params();
    let sql = `SELECT * FROM events WHERE ${whereOf(filter, params)}`;
    if (page.before !== undefined) {
      const time = params.add(Date.parse(page.before.time));
      sql += ` AND (time_ms < ${time} OR (time_ms = ${time} AND id < ${params.add(page.before.id)}))`;
    }
    sql += ` ORDER BY time_ms DESC, id DESC LIMIT ${params.add(Math.max(0, Math.floor(page.limit)))}`;
    const { rows } = await this.pool.query<EventRow>(sql, params.values);
    return rows.map(eventFromRow);
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const { rows } = await this.pool.query<EventRow>('SELECT * FROM events WHERE id = $1', [pgText(id)]);
    return rows.length === 0 ? null : eventFromRow(rows[0]);
  }

  async findAddresses(term: string, limit: number): Promise<KnownAddress[]> {
    // ILIKE under the C collation folds ASCII only, as SQLite's LIKE does.
    const { rows } = await this.pool.query<KnownAddress>(
      "SELECT address, events FROM addresses WHERE address ILIKE $1 ESCAPE '\\' ORDER BY events DESC, address LIMIT $2",
      [pgText(likeContaining(term.toLowerCase())), Math.max(0, Math.floor(limit))],
    );
    return rows;
  }

  async stats(window?: TimeWindow): Promise<StoreStats> {
    const byCategory = emptyTotals();
    let totalEvents = 0;
    let range: { oldest: number | null; newest: number | null };
    if (window === undefined) {
      const totals = await this.pool.query<{ category: Category; events: number }>('SELECT category, events FROM category_totals');
      for (const row of totals.rows) {
        byCategory[row.category] = row.events;
        totalEvents += row.events;
      }
      range = (await this.pool.query<typeof range>('SELECT MIN(time_ms) AS oldest, MAX(time_ms) AS newest FROM events')).rows[0];
    } else {
      const params = [Date.parse(window.from), Date.parse(window.to)];
      const counts = await this.pool.query<{ category: Category; n: number }>(
        'SELECT category, COUNT(*) AS n FROM events WHERE time_ms >= $1 AND time_ms < $2 GROUP BY category',
        params,
      );
      for (const row of counts.rows) {
        byCategory[row.category] = row.n;
        totalEvents += row.n;
      }
      range = (await this.pool.query<typeof range>('SELECT MIN(time_ms) AS oldest, MAX(time_ms) AS newest FROM events WHERE time_ms >= $1 AND time_ms < $2', params)).rows[0];
    }
    return { totalEvents, oldestEvent: isoOrNull(range.oldest), newestEvent: isoOrNull(range.newest), byCategory };
  }

  /**
   * Works through the events in id order, a batch per transaction. Rows another replica is
   * reclassifying at the same moment are skipped (SKIP LOCKED), so each change is made and counted once.
   */
  async reclassify(version: number, classifierFor: BatchClassifier): Promise<number> {
    let changed = 0;
    let after = '';
    for (;;) {
      const step = await transaction(this.pool, async (client) => {
        const { rows } = await client.query<EventRow>(
          'SELECT * FROM events WHERE id > $1 AND classifier_version < $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED',
          [after, version, RECLASSIFY_BATCH],
        );
        if (rows.length === 0) return null;
        let differs = 0;
        const stored = rows.map(eventFromRow);
        const events = stored.map(auditEventOf);
        const classify = await classifierFor(events);
        const updates = rows.map((row, i) => {
          const result = classify(events[i]);
          if (result.category !== stored[i].category) differs += 1;
          return { id: row.id, result };
        });
        await client.query(
          `UPDATE events SET category = u.category, confidence = u.confidence, rule_id = u.rule_id, reasons = u.reasons, classifier_version = $6
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, category, confidence, rule_id, reasons)
           WHERE events.id = u.id`,
          [
            updates.map((u) => u.id),
            updates.map((u) => u.result.category),
            updates.map((u) => u.result.confidence),
            updates.map((u) => pgText(u.result.ruleId)),
            updates.map((u) => pgText(JSON.stringify(u.result.reasons))),
            version,
          ],
        );
        return { last: rows[rows.length - 1].id, differs };
      });
      if (step === null) break;
      changed += step.differs;
      after = step.last;
    }
    if (changed > 0) await this.recountCategories();
    return changed;
  }

  /**
   * The exclusive lock makes ingest wait at its totals update: a batch either committed before the
   * count (and is in it) or adds its own totals after it.
   */
  private async recountCategories(): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query('LOCK TABLE category_totals IN EXCLUSIVE MODE');
      await client.query('DELETE FROM category_totals');
      await client.query('INSERT INTO category_totals (category, events) SELECT category, COUNT(*) FROM events GROUP BY category');
    });
  }

  getState(key: string): Promise<string | null> {
    return this.state.getState(key);
  }

  setState(key: string, value: string): Promise<void> {
    return this.state.setState(key, value);
  }

  updateState<T>(key: string, change: (current: string | null) => StateUpdate<T>): Promise<T> {
    return this.state.updateState(key, change);
  }

  /** Read, merge and rewrite under a table lock that only other coverage writers wait for: no interval is lost to a race. */
  async markCovered(window: TimeWindow, source: string, mark: CoverageMark): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query('LOCK TABLE coverage IN SHARE ROW EXCLUSIVE MODE');
      const existing = await client.query<PgCoverageRow>(`SELECT ${COVERAGE_COLUMNS} FROM coverage WHERE source = $1`, [pgText(source)]);
      const marked = markSpan(existing.rows.map(coverageSpanOf), window, mark);
      await client.query('DELETE FROM coverage WHERE source = $1', [pgText(source)]);
      await client.query('INSERT INTO coverage (source, from_ms, to_ms, settled, checked_ms) SELECT $1::text, * FROM unnest($2::bigint[], $3::bigint[], $4::boolean[], $5::bigint[])', [
        pgText(source),
        marked.map((i) => i.from),
        marked.map((i) => i.to),
        marked.map((i) => i.settled),
        marked.map((i) => i.checked),
      ]);
    });
  }

  async uncovered(window: TimeWindow): Promise<TimeWindow[]> {
    const interval = toInterval(window);
    const { rows } = await this.pool.query<Interval>('SELECT from_ms AS "from", to_ms AS "to" FROM coverage WHERE to_ms > $1 AND from_ms < $2', [
      interval.from,
      interval.to,
    ]);
    return gaps(interval, mergeIntervals(rows)).map(toWindow);
  }

  async coverage(window: TimeWindow): Promise<CoveredSpan[]> {
    const interval = toInterval(window);
    const { rows } = await this.pool.query<PgCoverageRow>(`SELECT ${COVERAGE_COLUMNS} FROM coverage WHERE to_ms > $1 AND from_ms < $2`, [interval.from, interval.to]);
    return coveredSpans(window, rows.map(coverageSpanOf));
  }

  async activityGroups(filter: ActivityGroupFilter, samples: number): Promise<ActivityGroup[]> {
    const params = new Params();
    const clauses = [`time_ms >= ${params.add(Date.parse(filter.from))}`, `time_ms < ${params.add(Date.parse(filter.to))}`];
    // One array parameter per list, however long: no parameter limit to split around. An empty list matches nothing.
    if (filter.actors !== undefined) clauses.push(`actor = ANY(${params.add(filter.actors.map((a) => pgText(a.toLowerCase())))}::text[])`);
    if (filter.sentAs !== undefined) clauses.push(`sent_as = ANY(${params.add(filter.sentAs.map((a) => pgText(a.toLowerCase())))}::text[])`);
    if (filter.categories !== undefined) clauses.push(`category = ANY(${params.add(filter.categories)}::text[])`);
    const where = clauses.join(' AND ');
    const columns = activityGroupColumns(filter.byClientIp).join(', ');
    const wanted = Math.max(0, Math.floor(samples));
    const sql =
      wanted === 0
        ? `SELECT ${DAY_BUCKET_SQL} AS day_ms, ${columns}, COUNT(*) AS n, MIN(time_ms) AS first_ms, MAX(time_ms) AS last_ms, NULL AS sample_id
           FROM events WHERE ${where} GROUP BY day_ms, ${columns}`
        : `SELECT day_ms, ${columns}, n, first_ms, last_ms, id AS sample_id FROM (
             SELECT id, ${DAY_BUCKET_SQL} AS day_ms, ${columns},
               ROW_NUMBER() OVER (PARTITION BY ${DAY_BUCKET_SQL}, ${columns} ORDER BY time_ms, id) AS rn,
               COUNT(*) OVER g AS n, MIN(time_ms) OVER g AS first_ms, MAX(time_ms) OVER g AS last_ms
             FROM events WHERE ${where}
             WINDOW g AS (PARTITION BY ${DAY_BUCKET_SQL}, ${columns})
           ) sampled WHERE rn <= ${params.add(wanted)} ORDER BY rn`;
    const { rows } = await this.pool.query<ActivityGroupRow>(sql, params.values);
    return foldActivityGroups(rows);
  }

  async hourlyCounts(window: TimeWindow): Promise<HourlyCount[]> {
    const { rows } = await this.pool.query<{ hour_ms: number; category: Category; n: number }>(
      `SELECT (time_ms / 3600000) * 3600000 AS hour_ms, category, COUNT(*) AS n FROM events
       WHERE time_ms >= $1 AND time_ms < $2 GROUP BY hour_ms, category ORDER BY hour_ms, category`,
      [Date.parse(window.from), Date.parse(window.to)],
    );
    return rows.map((r) => ({ hour: new Date(r.hour_ms).toISOString(), category: r.category, count: r.n }));
  }

  async eventBounds(before: string): Promise<EventBounds> {
    const limit = Date.parse(before);
    const oldest = await this.pool.query<{ t: number | null }>('SELECT MIN(time_ms) AS t FROM events WHERE time_ms < $1', [limit]);
    const newest = await this.pool.query<{ id: string; time_ms: number }>(
      'SELECT id, time_ms FROM events WHERE time_ms < $1 ORDER BY time_ms DESC, id DESC LIMIT 1',
      [limit],
    );
    const last = newest.rows[0];
    return {
      oldest: isoOrNull(oldest.rows[0].t),
      newest: last === undefined ? null : { id: last.id, time: new Date(last.time_ms).toISOString() },
    };
  }

  async sentAsDomains(): Promise<string[]> {
    // A loose index scan: one seek per distinct identity on (sent_as, time_ms), not a pass over every event.
    const { rows } = await this.pool.query<{ v: string }>(
      `WITH RECURSIVE seen(v) AS (
         SELECT MIN(sent_as) FROM events
         UNION ALL
         SELECT (SELECT MIN(sent_as) FROM events WHERE sent_as > seen.v) FROM seen WHERE seen.v IS NOT NULL
       ) SELECT v FROM seen WHERE v IS NOT NULL`,
    );
    const domains = new Set<string>();
    for (const { v } of rows) {
      const domain = domainOf(v);
      if (domain !== null) domains.add(domain);
    }
    return [...domains].sort();
  }

  async delegateUses(window: TimeWindow, actors?: readonly string[]): Promise<RightsUse[]> {
    const { rows } = await this.pool.query<DelegateUseRow>(
      `SELECT id, time_ms, operation, actor, mailbox, sent_as FROM events
       WHERE category = 'delegate' AND time_ms >= $1 AND time_ms < $2 AND ($3::text[] IS NULL OR actor = ANY($3::text[]))
       ORDER BY time_ms, id`,
      [Date.parse(window.from), Date.parse(window.to), actors === undefined ? null : actors.map((a) => pgText(a.toLowerCase()))],
    );
    return rows.map(delegateUseOf);
  }
  saveConversation(conversation: ConversationRecord, at: string): Promise<void> {
    return this.outbox.saveConversation(conversation, at);
  }

  getConversation(id: string): Promise<StoredConversation | null> {
    return this.outbox.getConversation(id);
  }

  listConversations(filter?: { readonly subscribed?: boolean }): Promise<StoredConversation[]> {
    return this.outbox.listConversations(filter);
  }

  subscribe(id: string, options: SubscribeOptions): Promise<SubscribeResult> {
    return this.outbox.subscribe(id, options);
  }

  unsubscribe(id: string, at: string): Promise<boolean> {
    return this.outbox.unsubscribe(id, at);
  }

  removeConversation(id: string, reason: string, at: string): Promise<{ readonly removed: boolean; readonly cancelled: number }> {
    return this.outbox.removeConversation(id, reason, at);
  }

  addMute(mute: Mute, at: string): Promise<{ readonly added: boolean; readonly cancelled: number }> {
    return this.outbox.addMute(mute, at);
  }

  removeMute(mute: Mute): Promise<boolean> {
    return this.outbox.removeMute(mute);
  }

  listMutes(conversationId: string): Promise<Mute[]> {
    return this.outbox.listMutes(conversationId);
  }

  recordAnomalies(anomalies: readonly Anomaly[], at: string, options: { readonly announce: boolean }): Promise<RecordAnomaliesResult> {
    return this.outbox.recordAnomalies(anomalies, at, options);
  }

  getAnomaly(key: string): Promise<RecordedAnomaly | null> {
    return this.outbox.getAnomaly(key);
  }

  claimDeliveries(options: ClaimOptions): Promise<DeliveryClaim[]> {
    return this.outbox.claimDeliveries(options);
  }

  completeDeliveries(token: string, at: string, activityId: string | null): Promise<number> {
    return this.outbox.completeDeliveries(token, at, activityId);
  }

  rescheduleDeliveries(token: string, retryAt: string, failure: string | null): Promise<number> {
    return this.outbox.rescheduleDeliveries(token, retryAt, failure);
  }

  failDeliveries(token: string, failure: string, at: string): Promise<number> {
    return this.outbox.failDeliveries(token, failure, at);
  }

  markUnknown(token: string, failure: string, at: string): Promise<number> {
    return this.outbox.markUnknown(token, failure, at);
  }

  expireLeases(now: string): Promise<DeliveryRow[]> {
    return this.outbox.expireLeases(now);
  }

  nextDeliveryDue(): Promise<string | null> {
    return this.outbox.nextDeliveryDue();
  }

  listDeliveries(filter?: { readonly conversationId?: string; readonly state?: DeliveryState }): Promise<DeliveryRow[]> {
    return this.outbox.listDeliveries(filter);
  }

  outboxCounts(): Promise<OutboxCounts> {
    return this.outbox.outboxCounts();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function rowOf(event: AuditEvent, c: Classification): Record<EventColumn, unknown> {
  return {
    id: pgText(event.id),
    time_ms: Date.parse(event.time),
    operation: event.operation,
    actor: pgText(event.actor),
    mailbox: pgText(event.mailbox),
    sent_as: pgText(event.sentAs),
    client: pgText(event.client),
    app_id: pgText(event.appId),
    client_ip: pgText(event.clientIp),
    logon_type: event.logonType,
    user_type: event.userType,
    external_access: event.externalAccess,
    subject: pgText(event.subject),
    internet_message_id: pgText(event.internetMessageId),
    category: c.category,
    confidence: c.confidence,
    rule_id: pgText(c.ruleId),
    reasons: JSON.stringify(c.reasons),
    classifier_version: CLASSIFIER_VERSION,
    raw: event.rawJson,
  };
}
