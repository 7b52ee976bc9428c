import { PeriodicLoop } from '../runtime/loop';
import type { Timers } from '../runtime/timers';
import { realTimers } from '../runtime/timers';
import { z } from 'zod';
import type { GraphAuditIngester, RejectedRecord, WindowReport } from '../audit/graph';
import type { Store, TimeWindow } from '../store/store';
import type { GraphItem, GraphRecordIngester, RightsIngestStore } from './graph-records';
import { RIGHTS_GRAPH_SOURCE, RIGHTS_STREAM, splitSink } from './graph-records';
import type { SettleSchedule } from './settle';
import { DEFAULT_SETTLE_SCHEDULE, planResweeps } from './settle';
import type { SinkTally } from './sink';
import { stageSink } from './sink';
import type { ContextProvider } from './stage';
import { IngestStage } from './stage';
import type { StoredIngestStatus } from './status';
import { emptyStatus, readStoredStatus, writeStatus } from './status';
import { DAY_MS, HOUR_MS, MINUTE_MS, planBackfill, planIncrement, searchableEnd } from './windows';

/** The Store methods ingestion needs (the rights ones for admin records). */
export type IngestStore = Pick<Store, 'ingest' | 'getState' | 'setState' | 'updateState' | 'markCovered' | 'uncovered' | 'coverage'> & RightsIngestStore;

export interface IngestScheduleSettings {
  /** BACKFILL_DAYS: whole days of history ingested on first start, one query per day. */
  readonly backfillDays: number;
  /** Incremental windows end this long before now: Exchange events take 60–90 minutes to become searchable. */
  readonly lagMs: number;
  /** Each incremental window reaches back this far before the watermark; late events are the re-sweeps' job, so none by default. */
  readonly overlapMs: number;
  /** Time between runs; raised when the submission budget could not sustain it. */
  readonly intervalMs: number;
  /** Backfill days queried at once (the tenant allows 50 queued queries; each takes minutes). */
  readonly backfillConcurrency: number;
}

export const DEFAULT_INGEST_SCHEDULE: IngestScheduleSettings = {
  backfillDays: 30,
  lagMs: HOUR_MS,
  overlapMs: 0,
  intervalMs: 30 * MINUTE_MS,
  backfillConcurrency: 3,
};

/** Less new time than this and a run leaves the incremental window for the next one. */
const MIN_INCREMENT_MS = 5 * MINUTE_MS;
/** Incremental runs may spend at most this share of the daily submission budget. */
const INCREMENTAL_BUDGET_SHARE = 0.5;
const KEPT_FAILED_WINDOWS = 20;
const KEPT_REJECTED = 20;

export const CURSOR_KEY = 'ingest.graph.cursor';

const windowSchema = z.object({ from: z.string(), to: z.string() });
const cursorSchema = z.object({
  watermark: z.string().nullable(),
  backfill: z.object({ from: z.string(), to: z.string(), total: z.number(), remaining: z.array(windowSchema) }).nullable(),
});
type Cursor = z.infer<typeof cursorSchema>;

export type { Timers };
export { realTimers };

/** The pino methods used; pino's logger fits. */
export interface IngestLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const silentLogger: IngestLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface GraphSchedulerDeps {
  readonly store: IngestStore;
  /** The one Graph query per window: SendAs records, and the admin records that grant rights when its kind asks for them. */
  readonly records: GraphRecordIngester;
  readonly clock: { now(): Date };
  readonly timers?: Timers;
  readonly logger?: IngestLogger;
  readonly settings?: Partial<IngestScheduleSettings>;
  /** Aborting it stops the loop; pass the same signal to the Graph runtime's sleep so a poll stops too. */
  readonly signal?: AbortSignal;
  /** When windows are re-swept for late records and settle. */
  readonly settle?: SettleSchedule;
  /** What the classifier knows beyond each record (see IngestStage). */
  readonly context?: ContextProvider;
}

/** Provisional coverage older than this is not re-swept: Graph's backfill reach, beyond which it was never queried. */
const RESWEEP_REACH_MS = 30 * DAY_MS;

/** What one run did, for tests and logs. */
export interface RunSummary {
  readonly windows: readonly TimeWindow[];
  readonly records: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly rejected: number;
  readonly queriesCreated: number;
  readonly queriesResumed: number;
  /** Re-sweep windows asked this run (late records). */
  readonly resweeps: readonly TimeWindow[];
  readonly errors: readonly { readonly code: string; readonly message: string }[];
  /** Rights changes newly stored from admin records. */
  readonly rightsInserted: number;
  /** Admin records that could not be read (counted apart from `rejected`, the SendAs records'). */
  readonly rightsRejected: number;
}

class RunTally implements SinkTally {
  inserted = 0;
  duplicates = 0;
  records = 0;
  skipped = 0;
  rejected = 0;
  queriesCreated = 0;
  queriesResumed = 0;
  rightsInserted = 0;
  rightsRejected = 0;
  readonly windows: TimeWindow[] = [];
  readonly resweeps: TimeWindow[] = [];
  readonly errors: { code: string; message: string }[] = [];
  readonly gaveUp: { window: TimeWindow; code: string; message: string }[] = [];
  readonly rejectedRecords: RejectedRecord[] = [];
  readonly rightsRejectedRecords: RejectedRecord[] = [];
  /** A retryable failure stops the run: the next run tries again with a fresh budget and token. */
  blocked = false;
}

function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return Date.parse(a.from) === Date.parse(b.from) && Date.parse(a.to) === Date.parse(b.to);
}

function within(inner: TimeWindow, outer: TimeWindow): boolean {
  return Date.parse(inner.from) >= Date.parse(outer.from) && Date.parse(inner.to) <= Date.parse(outer.to);
}

/**
 * The background ingester for AUDIT_SOURCE=graph. On first start it backfills `backfillDays` in
 * day-sized windows (newest first); every run then re-sweeps the provisional windows whose re-sweep is
 * due (planned purely from the store's coverage and now: see settle.ts) and ingests
 * [watermark − overlap, now − lag). Records go through the ingestion stage; each completed window is
 * marked provisional or settled as of its query's creation. Progress (cursor) and the status shown in
 * /healthz and "audit health" live in store state, so a restart carries on where it stopped.
 */
export class GraphIngestScheduler {
  readonly settings: IngestScheduleSettings;
  private readonly logger: IngestLogger;
  private readonly abort = new AbortController();
  private readonly loop: PeriodicLoop;
  private active: Promise<RunSummary> | null = null;
  readonly stage: IngestStage;

  constructor(private readonly deps: GraphSchedulerDeps) {
    this.settings = { ...DEFAULT_INGEST_SCHEDULE, ...deps.settings };
    this.stage = new IngestStage(deps.store, deps.settle ?? DEFAULT_SETTLE_SCHEDULE, deps.context);
    this.logger = deps.logger ?? silentLogger;
    this.loop = new PeriodicLoop({ run: async () => void (await this.runOnce()), nextDelayMs: () => this.nextDelayMs() }, deps.timers ?? realTimers);
    deps.signal?.addEventListener('abort', () => void this.stop(), { once: true });
  }

  private get ingester(): GraphAuditIngester<GraphItem> {
    return this.deps.records.ingester;
  }

  /**
   * The interval actually used: the configured one, or longer when incremental runs alone would
   * spend more than half the daily submission budget (the rest is for backfill and questions).
   */
  get intervalMs(): number {
    // One query per window whether or not it asks for admin records too.
    const perDay = Math.max(1, Math.floor(this.ingester.settings.submissionBudget * INCREMENTAL_BUDGET_SHARE));
    return Math.max(this.settings.intervalMs, Math.ceil(DAY_MS / perDay));
  }

  /** Starts the background loop; runs at once, then every interval (or until the budget frees up). */
  start(): void {
    if (!this.abort.signal.aborted) this.loop.start();
  }

  /** Stops the loop for good: the current run ends early (between windows), and this waits for it. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop.stop();
  }

  /** One run; concurrent calls share it. The scheduler's error boundary: nothing escapes. */
  runOnce(): Promise<RunSummary> {
    if (this.active !== null) return this.active;
    this.active = this.run().finally(() => {
      this.active = null;
    });
    return this.active;
  }

  private async run(): Promise<RunSummary> {
    const { clock } = this.deps;
    const tally = new RunTally();
    const startedAt = clock.now();
    const status = (await this.readStatusSafely()) ?? emptyStatus('graph', this.intervalMs, this.ingester.settings.submissionBudget);
    // The status is shared by every source: a store that was fed a demo or a file before keeps its counts.
    await this.saveStatusSafely({ ...status, source: 'graph', running: true, lastRunAt: startedAt.toISOString() });
    let cursor: Cursor | null = null;
    try {
      cursor = (await this.readCursor()) ?? this.initialCursor(startedAt);
      await this.saveCursor(cursor);
      await this.finishOrphans(cursor, tally);
      if (!tally.blocked) await this.backfill(cursor, tally);
      if (!tally.blocked) await this.resweep(tally);
      if (!tally.blocked && cursor.backfill === null) await this.increment(cursor, tally);
    } catch (error) {
      if (!this.abort.signal.aborted) {
        tally.errors.push({ code: 'internal', message: (error as Error).message });
        this.logger.error({ err: error }, 'Graph ingestion run failed');
      }
    }
    const summary: RunSummary = {
      windows: tally.windows,
      records: tally.records,
      inserted: tally.inserted,
      duplicates: tally.duplicates,
      skipped: tally.skipped,
      rejected: tally.rejected,
      queriesCreated: tally.queriesCreated,
      queriesResumed: tally.queriesResumed,
      resweeps: tally.resweeps,
      errors: tally.errors,
      rightsInserted: tally.rightsInserted,
      rightsRejected: tally.rightsRejected,
    };
    await this.saveStatusSafely(await this.nextStatus(status, cursor, tally, startedAt));
    return summary;
  }

  private initialCursor(now: Date): Cursor {
    if (this.settings.backfillDays <= 0) {
      return { watermark: new Date(searchableEnd(now, this.settings.lagMs)).toISOString(), backfill: null };
    }
    const plan = planBackfill(now, this.settings.backfillDays, this.settings.lagMs);
    return { watermark: null, backfill: { from: plan.from, to: plan.to, total: plan.windows.length, remaining: [...plan.windows] } };
  }

  /**
   * Queries journalled by an earlier run for windows this run will not ask for (an incremental
   * window whose end has moved on): finishing them costs no submission. A backfill day, or a part
   * of one that was split, is resumed when the backfill reaches that day.
   */
  private async finishOrphans(cursor: Cursor, tally: RunTally): Promise<void> {
    const planned = cursor.backfill?.remaining ?? [];
    for (const entry of await this.ingester.pending()) {
      if (tally.blocked) return;
      if (planned.some((w) => within(entry.window, w))) continue;
      const extendsWatermark = cursor.watermark !== null && Date.parse(entry.window.from) <= Date.parse(cursor.watermark) && Date.parse(entry.window.to) > Date.parse(cursor.watermark);
      const settled = await this.ingestWindow(entry.window, tally);
      if (settled && extendsWatermark && cursor.watermark !== null) {
        cursor.watermark = entry.window.to;
        await this.saveCursor(cursor);
      }
    }
  }

  private async backfill(cursor: Cursor, tally: RunTally): Promise<void> {
    const backfill = cursor.backfill;
    if (backfill === null) return;
    while (backfill.remaining.length > 0 && !tally.blocked && !this.abort.signal.aborted) {
      const batch = backfill.remaining.slice(0, Math.max(1, this.settings.backfillConcurrency));
      // allSettled: a window that throws must not leave its siblings running on after the run has ended,
      // and the days that did finish are recorded before the error goes up.
      const outcomes = await Promise.allSettled(batch.map((w) => this.ingestWindow(w, tally)));
      const done = batch.filter((_, i) => {
        const outcome = outcomes[i];
        return outcome.status === 'fulfilled' && outcome.value;
      });
      backfill.remaining = backfill.remaining.filter((w) => !done.some((d) => sameWindow(d, w)));
      await this.saveCursor(cursor);
      const thrown = outcomes.find((o) => o.status === 'rejected');
      if (thrown !== undefined) throw thrown.reason;
    }
    if (backfill.remaining.length === 0) {
      cursor.watermark = backfill.to;
      cursor.backfill = null;
      await this.saveCursor(cursor);
      this.logger.info({ from: backfill.from, to: backfill.to }, 'Graph backfill complete');
    }
  }

  private async increment(cursor: Cursor, tally: RunTally): Promise<void> {
    if (cursor.watermark === null) return;
    const windows = planIncrement(cursor.watermark, this.deps.clock.now(), this.settings.lagMs, this.settings.overlapMs, MIN_INCREMENT_MS);
    for (const window of windows) {
      if (tally.blocked || this.abort.signal.aborted) return;
      if (!(await this.ingestWindow(window, tally))) return;
      cursor.watermark = window.to;
      await this.saveCursor(cursor);
    }
  }

  /** Asks again for the provisional windows whose re-sweep is due; what they hold late is stored once. */
  private async resweep(tally: RunTally): Promise<void> {
    const now = this.deps.clock.now();
    const spans = await this.deps.store.coverage({ from: new Date(now.getTime() - RESWEEP_REACH_MS).toISOString(), to: now.toISOString() });
    for (const window of planResweeps(spans, now, this.stage.schedule)) {
      if (tally.blocked || this.abort.signal.aborted) return;
      tally.resweeps.push(window);
      await this.ingestWindow(window, tally);
    }
  }

  /** Ingests one window and marks what completed as covered; true when nothing is left worth retrying. */
  private ingestWindow(window: TimeWindow, tally: RunTally): Promise<boolean> {
    return ingestGraphWindow(this.deps.records, this.stage, this.deps.store, window, tally, this.deps.clock.now()).then((report) => {
      this.tallyReport(report, tally);
      const retryable = report.failures.filter((f) => !f.permanent);
      if (retryable.length > 0) tally.blocked = true;
      return retryable.length === 0;
    });
  }

  private tallyReport(report: WindowReport, tally: RunTally): void {
    tally.windows.push(report.window);
    tally.records += report.records;
    tally.skipped += report.skipped;
    const rightsRejected = report.rejectedByStream[RIGHTS_STREAM] ?? 0;
    tally.rightsRejected += rightsRejected;
    tally.rejected += report.rejectedCount - rightsRejected;
    tally.queriesCreated += report.queriesCreated;
    tally.queriesResumed += report.queriesResumed;
    tally.rejectedRecords.push(...report.rejected.filter((r) => r.stream === undefined));
    tally.rightsRejectedRecords.push(...report.rejected.filter((r) => r.stream === RIGHTS_STREAM));
    const fields = { from: report.window.from, to: report.window.to, records: report.records, events: report.events, rejected: report.rejectedCount };
    if (report.failures.length === 0) this.logger.info(fields, 'Graph audit window ingested');
    for (const failure of report.failures) {
      const entry = { code: failure.problem.code, message: failure.problem.message };
      if (failure.permanent) {
        tally.gaveUp.push({ window: failure.window, ...entry });
        this.logger.warn({ ...fields, ...entry }, 'Graph audit window given up: it stays uncovered');
      } else {
        tally.errors.push(entry);
        this.logger.warn({ ...fields, ...entry }, 'Graph audit window not finished; the next run retries');
      }
    }
    if (report.rejectedCount > rightsRejected) this.logger.warn({ ...fields, first: report.rejected.filter((r) => r.stream === undefined).slice(0, 3) }, 'Graph audit records rejected by the normalizer');
    if (rightsRejected > 0) this.logger.warn({ ...fields, rightsRejected, first: report.rejected.filter((r) => r.stream === RIGHTS_STREAM).slice(0, 3) }, 'Graph admin records (rights) rejected by their reader');
  }

  private async nextStatus(previous: StoredIngestStatus, cursor: Cursor | null, tally: RunTally, startedAt: Date): Promise<StoredIngestStatus> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const journal = this.ingester.journal;
    const budget = this.ingester.settings.submissionBudget;
    const submissions = await journal.submissionsInLastDay(now);
    const freesAt = submissions >= budget ? await journal.budgetFreesAt(now) : null;
    const lastError = tally.errors.at(-1);
    const aborted = this.abort.signal.aborted && tally.errors.length === 0;
    return {
      ...previous,
      source: 'graph',
      running: false,
      lastRunAt: startedAt.toISOString(),
      lastRunEndedAt: at,
      lastSuccessAt: tally.errors.length === 0 && !aborted ? at : previous.lastSuccessAt,
      lastError: lastError === undefined ? previous.lastError : { at, ...lastError },
      failingSince: lastError === undefined ? (aborted ? previous.failingSince : null) : (previous.failingSince ?? at),
      watermark: cursor?.watermark ?? previous.watermark,
      backfill:
        cursor === null
          ? previous.backfill
          : cursor.backfill === null
            ? null
            : { from: cursor.backfill.from, to: cursor.backfill.to, total: cursor.backfill.total, remaining: cursor.backfill.remaining.length },
      intervalMs: this.intervalMs,
      submissionBudget: budget,
      submissionsLast24h: submissions,
      budgetFreesAt: freesAt === null ? null : freesAt.toISOString(),
      lastRun: {
        windows: tally.windows,
        records: tally.records,
        inserted: tally.inserted,
        duplicates: tally.duplicates,
        skipped: tally.skipped,
        rejected: tally.rejected,
        queriesCreated: tally.queriesCreated,
        queriesResumed: tally.queriesResumed,
      },
      failedWindows: [...tally.gaveUp.map((g) => ({ ...g, at })), ...previous.failedWindows].slice(0, KEPT_FAILED_WINDOWS),
      rejectedRecords: {
        total: previous.rejectedRecords.total + tally.rejected,
        recent: [
          ...tally.rejectedRecords.map((r) => ({ queryId: r.queryId, page: r.page, index: r.index, recordId: r.recordId, message: r.message })),
          ...previous.rejectedRecords.recent,
        ].slice(0, KEPT_REJECTED),
      },
      rightsRecords: {
        inserted: previous.rightsRecords.inserted + tally.rightsInserted,
        rejected: previous.rightsRecords.rejected + tally.rightsRejected,
        recent: [
          ...tally.rightsRejectedRecords.map((r) => ({ queryId: r.queryId, page: r.page, index: r.index, recordId: r.recordId, message: r.message })),
          ...previous.rightsRecords.recent,
        ].slice(0, KEPT_REJECTED),
      },
    };
  }

  /** Until the budget frees up when it is spent, otherwise the interval. */
  private async nextDelayMs(): Promise<number> {
    const now = this.deps.clock.now();
    const journal = this.ingester.journal;
    if ((await journal.submissionsInLastDay(now)) >= this.ingester.settings.submissionBudget) {
      const freesAt = await journal.budgetFreesAt(now);
      if (freesAt !== null) return Math.max(this.intervalMs, freesAt.getTime() - now.getTime());
    }
    return this.intervalMs;
  }

  private async readCursor(): Promise<Cursor | null> {
    const text = await this.deps.store.getState(CURSOR_KEY);
    if (text === null) return null;
    try {
      const parsed = cursorSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Falls through to the warning: a cursor that cannot be read starts the schedule over.
    }
    this.logger.warn({ key: CURSOR_KEY }, 'Graph ingestion cursor unreadable; starting with a fresh backfill');
    return null;
  }

  private saveCursor(cursor: Cursor): Promise<void> {
    return this.deps.store.setState(CURSOR_KEY, JSON.stringify(cursor));
  }

  /** Status is bookkeeping: failing to read or write it must not stop ingestion. */
  private async readStatusSafely(): Promise<StoredIngestStatus | null> {
    try {
      return await readStoredStatus(this.deps.store);
    } catch (error) {
      this.logger.error({ err: error }, 'could not read the Graph ingestion status');
      return null;
    }
  }

  private async saveStatusSafely(status: StoredIngestStatus): Promise<void> {
    try {
      await writeStatus(this.deps.store, status);
    } catch (error) {
      this.logger.error({ err: error }, 'could not write the Graph ingestion status');
    }
  }
}

/**
 * One Graph window through the ingestion stage, for the scheduler and for on-demand questions alike.
 * The window counts as checked when its query was created (what Graph held then is what it returns):
 * now, or earlier when a query journalled by an earlier run is resumed. A part split off in an earlier
 * run and covered since is not submitted again, and keeps its own check: if that check is older, the
 * re-sweep planner finds it due again. When the query asks for admin records too, its rights changes
 * are stored beside the events and each completed part is rights-covered as well: the same query, so
 * the same windows, checks and settle levels (the rights coverage's level is the Graph coverage's).
 */
export async function ingestGraphWindow(
  records: GraphRecordIngester,
  stage: IngestStage,
  store: Pick<Store, 'uncovered'> & RightsIngestStore,
  window: TimeWindow,
  tally: SinkTally & { rightsInserted: number },
  now: Date,
): Promise<WindowReport> {
  const { ingester, kind } = records;
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const journalled = (await ingester.pending()).filter((e) => Date.parse(e.window.from) < to && Date.parse(e.window.to) > from).map((e) => Date.parse(e.createdAt));
  const checkedAt = new Date(Math.min(now.getTime(), ...journalled)).toISOString();
  const skipped: TimeWindow[] = [];
  const isCovered = async (part: TimeWindow): Promise<boolean> => {
    const covered = (await store.uncovered(part)).length === 0;
    if (covered) skipped.push(part);
    return covered;
  };
  if (kind.adminRecords) kind.directory = await store.loadDirectory();
  const sink = splitSink(stageSink(stage, tally), kind.adminRecords ? store : null, tally);
  const report = await ingester.ingest(window, sink, { isCovered });
  for (const part of report.complete) {
    if (skipped.some((s) => s.from === part.from && s.to === part.to)) continue;
    await stage.cover(part, 'graph', checkedAt);
    if (kind.adminRecords) await store.markRightsCovered(part, RIGHTS_GRAPH_SOURCE);
  }
  return report;
}
