import type { TokenCredential } from '@azure/identity';
import { z } from 'zod';
import type { AuditEvent } from '../audit/event';
import type { FetchLike, GraphProblem, KeyValueState } from '../audit/graph';
import { DEFAULT_RETRY_POLICY } from '../audit/graph';
import type { ContentBlob, FilteredContent, ManagementActivityClient, ManagementSettings } from '../audit/management';
import { AF, createManagementActivityClient, filterContent, parseManagementTime } from '../audit/management';
import { normalizeRecord, timeBoundsAt } from '../audit/normalize';
import type { TimeWindow } from '../store/store';
import type { IngestLogger, Timers } from './scheduler';
import { realTimers } from './scheduler';
import type { FeedGap, FeedStatus, KeptAside } from './management-status';
import { emptyFeedStatus, readFeedStatus, writeFeedStatus } from './management-status';

/** Operations turned into events; the classifier and the store take them as from any other source. */
const SEND_OPERATIONS = ['SendAs', 'SendOnBehalf'] as const;
/** Permission changes, counted and kept aside for the grant-history issue; not ingested yet. */
export const PERMISSION_OPERATIONS = ['Add-RecipientPermission', 'Remove-RecipientPermission', 'Add-MailboxPermission', 'Remove-MailboxPermission', 'Set-Mailbox'] as const;
const KEPT_OPERATIONS: ReadonlySet<string> = new Set([...SEND_OPERATIONS, ...PERMISSION_OPERATIONS]);
const PERMISSION_SET: ReadonlySet<string> = new Set(PERMISSION_OPERATIONS.map((op) => op.toLowerCase()));

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface FeedSettings {
  /** Time between content listings. */
  readonly intervalMs: number;
  /** The longest window one listing may ask for (the API allows 24 hours). */
  readonly maxWindowMs: number;
  /** How far back content can be listed and read (the API keeps it 7 days). */
  readonly retentionMs: number;
  /** Each listing reaches back this far before the cursor: a blob listed late is still read (ids dedupe). */
  readonly overlapMs: number;
  /** The API refuses to start a subscription again within 15 minutes of the last start. */
  readonly restartBlockMs: number;
  /** The longest wait between runs while the API keeps throttling. */
  readonly maxBackoffMs: number;
}

export const DEFAULT_FEED_SETTINGS: FeedSettings = {
  intervalMs: MINUTE_MS,
  maxWindowMs: DAY_MS,
  retentionMs: 7 * DAY_MS,
  overlapMs: 15 * MINUTE_MS,
  restartBlockMs: 15 * MINUTE_MS,
  maxBackoffMs: 15 * MINUTE_MS,
};

/** Where normalized events go (the shell classifies and stores them); the store dedupes by id. */
export type FeedIngest = (events: readonly AuditEvent[]) => Promise<{ readonly inserted: number; readonly duplicates: number }>;

/** What one run did: the seam for coverage (availability windows read completely) and for tests. */
export interface FeedRun {
  /** Availability windows whose every listed blob was read: records that became available then are stored. */
  readonly covered: readonly TimeWindow[];
  /** Content that could not be read and stays uncovered for the Graph re-sweep. */
  readonly gaps: readonly FeedGap[];
  readonly blobs: number;
  readonly duplicateBlobs: number;
  readonly records: number;
  readonly skipped: number;
  readonly events: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly permissionRecords: number;
  readonly rejected: number;
  readonly error: { readonly code: string; readonly message: string } | null;
}

const STATE_KEY = 'feed.management.state';
const KEPT_ASIDE_KEY = 'feed.management.permission-records';
const KEPT_ASIDE_MAX = 200;

const stateSchema = z.object({
  subscription: z.object({ enabled: z.boolean(), lastStartAt: z.string().nullable(), enabledAt: z.string().nullable() }),
  /** Content that became available before this instant has been read (or reported as a gap). */
  cursor: z.string().nullable(),
  /** Blobs read within the overlap: a blob listed again is not read again. */
  seen: z.array(z.object({ id: z.string(), created: z.string() })),
});
type FeedState = z.infer<typeof stateSchema>;

function freshState(): FeedState {
  return { subscription: { enabled: false, lastStartAt: null, enabledAt: null }, cursor: null, seen: [] };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

class Tally {
  readonly covered: TimeWindow[] = [];
  readonly gaps: FeedGap[] = [];
  readonly keptAside: KeptAside[] = [];
  readonly rejections: { contentId: string; index: number; message: string }[] = [];
  blobs = 0;
  duplicateBlobs = 0;
  records = 0;
  skipped = 0;
  events = 0;
  inserted = 0;
  duplicates = 0;
  permissionRecords = 0;
  rejected = 0;
  newestContentAt: string | null = null;
  error: { code: string; message: string } | null = null;
}

/**
 * The live feed from the Office 365 Management Activity API (AUDIT_FEED=management-activity): starts
 * the Audit.Exchange subscription once, then every minute lists the content that became available
 * since the cursor (24-hour windows, never more than 7 days back, `NextPageUri` paging), reads each
 * blob once, keeps SendAs/SendOnBehalf and the permission cmdlets without parsing the rest, and hands
 * the events to `ingest`. Cursor, subscription and seen blobs live in the store's key-value state, so
 * a restart carries on; clock and timers are seams so it can run on a virtual clock.
 */
export class ManagementFeed {
  readonly settings: FeedSettings;
  private readonly timers: Timers;
  private readonly logger: IngestLogger;
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private active: Promise<FeedRun> | null = null;
  private throttledRuns = 0;

  constructor(
    private readonly deps: {
      readonly client: ManagementActivityClient;
      readonly state: KeyValueState;
      readonly ingest: FeedIngest;
      readonly clock: { now(): Date };
      readonly timers?: Timers;
      readonly logger?: IngestLogger;
      readonly settings?: Partial<FeedSettings>;
      /** Reports each run (coverage and gaps) to whoever records them. */
      readonly onRun?: (run: FeedRun) => Promise<void>;
    },
  ) {
    this.settings = { ...DEFAULT_FEED_SETTINGS, ...deps.settings };
    this.timers = deps.timers ?? realTimers;
    this.logger = deps.logger ?? { info: () => undefined, warn: () => undefined, error: () => undefined };
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Runs at once, then every interval (longer while throttled). */
  start(): void {
    if (this.loop !== null) return;
    this.loop = (async () => {
      while (!this.abort.signal.aborted) {
        const run = await this.runOnce();
        if (this.abort.signal.aborted) break;
        this.throttledRuns = run.error?.code === 'throttled' ? this.throttledRuns + 1 : 0;
        const wait = Math.min(this.settings.maxBackoffMs, this.settings.intervalMs * 2 ** this.throttledRuns);
        await this.timers.sleep(wait, this.abort.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.loop = null;
  }

  /** One run; concurrent calls share it. The feed's error boundary: nothing escapes. */
  runOnce(): Promise<FeedRun> {
    if (this.active !== null) return this.active;
    this.active = this.run().finally(() => {
      this.active = null;
    });
    return this.active;
  }

  private async run(): Promise<FeedRun> {
    const startedAt = this.deps.clock.now();
    const tally = new Tally();
    let state: FeedState | null = null;
    try {
      state = await this.readState();
      if (await this.ensureSubscription(state, tally)) await this.readContent(state, tally);
    } catch (error) {
      if (!this.abort.signal.aborted) {
        tally.error = { code: 'internal', message: (error as Error).message };
        this.logger.error({ err: error }, 'Management Activity feed run failed');
      }
    }
    const run: FeedRun = {
      covered: tally.covered,
      gaps: tally.gaps,
      blobs: tally.blobs,
      duplicateBlobs: tally.duplicateBlobs,
      records: tally.records,
      skipped: tally.skipped,
      events: tally.events,
      inserted: tally.inserted,
      duplicates: tally.duplicates,
      permissionRecords: tally.permissionRecords,
      rejected: tally.rejected,
      error: tally.error,
    };
    await this.saveStatusSafely(state, tally, startedAt);
    if (tally.keptAside.length > 0) await this.keepAside(tally.keptAside);
    if (this.deps.onRun !== undefined) await this.deps.onRun(run);
    this.log(run);
    return run;
  }

  /** True when the subscription is on; starts it when not, never sooner than 15 minutes after the last start. */
  private async ensureSubscription(state: FeedState, tally: Tally): Promise<boolean> {
    if (state.subscription.enabled) return true;
    const now = this.deps.clock.now().getTime();
    const last = state.subscription.lastStartAt === null ? null : Date.parse(state.subscription.lastStartAt);
    if (last !== null && now - last < this.settings.restartBlockMs) {
      tally.error = {
        code: 'subscription-waiting',
        message: `the Audit.Exchange subscription was started at ${state.subscription.lastStartAt}; the API refuses another start before ${iso(last + this.settings.restartBlockMs)}`,
      };
      return false;
    }
    state.subscription.lastStartAt = iso(now);
    const started = await this.deps.client.startSubscription();
    if (!started.ok) {
      await this.saveState(state);
      tally.error = this.problem(started.problem);
      return false;
    }
    state.subscription.enabled = true;
    if (started.value === 'started' || state.subscription.enabledAt === null) state.subscription.enabledAt = iso(now);
    await this.saveState(state);
    this.logger.info({ event: 'feed-subscribed', outcome: started.value }, 'Audit.Exchange subscription enabled');
    return true;
  }

  private async readContent(state: FeedState, tally: Tally): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const end = Math.floor(now / 1000) * 1000;
    // A minute inside the retention, so a listing made now is not refused a moment later.
    const oldest = end - this.settings.retentionMs + MINUTE_MS;
    let cursor = state.cursor === null ? oldest : Date.parse(state.cursor);
    if (cursor < oldest) {
      tally.gaps.push({ from: iso(cursor), to: iso(oldest), reason: 'beyond-retention', contentId: null });
      cursor = oldest;
      state.cursor = iso(cursor);
      await this.saveState(state);
    }
    const seen = new Set(state.seen.map((s) => s.id));
    for (let from = Math.max(oldest, cursor - this.settings.overlapMs); from < end && !this.abort.signal.aborted; ) {
      const to = Math.min(end, from + this.settings.maxWindowMs);
      const complete = await this.readWindow({ from: iso(from), to: iso(to) }, state, seen, tally);
      if (!complete.ok) return;
      if (to > cursor) {
        if (!complete.gap) tally.covered.push({ from: iso(Math.max(from, cursor)), to: iso(to) });
        cursor = to;
        state.cursor = iso(cursor);
      }
      // Blobs older than the overlap will not be listed again.
      state.seen = state.seen.filter((s) => parseManagementTime(s.created) >= cursor - this.settings.overlapMs - HOUR_MS);
      await this.saveState(state);
      from = to;
    }
  }

  /** Lists [from, to) and reads every blob not read before. `gap`: some content had expired. */
  private async readWindow(window: TimeWindow, state: FeedState, seen: Set<string>, tally: Tally): Promise<{ ok: false } | { ok: true; gap: boolean }> {
    const client = this.deps.client;
    const blobs: ContentBlob[] = [];
    let url: string | null = client.firstContentPageUrl(window);
    for (let page = 0; url !== null; page += 1) {
      const listed = await client.contentPage(url, page);
      if (!listed.ok) {
        if (listed.problem.apiCode === AF.noSubscription || listed.problem.apiCode === AF.subscriptionDisabled) {
          state.subscription.enabled = false;
          await this.saveState(state);
        }
        tally.error = this.problem(listed.problem);
        return { ok: false };
      }
      blobs.push(...listed.value.blobs);
      url = listed.value.nextPageUri;
    }
    let gap = false;
    // Blobs come in no particular order; oldest first keeps the newest-content figure honest.
    blobs.sort((a, b) => parseManagementTime(a.contentCreated) - parseManagementTime(b.contentCreated));
    for (const blob of blobs) {
      if (this.abort.signal.aborted) return { ok: false };
      if (seen.has(blob.contentId)) {
        tally.duplicateBlobs += 1;
        continue;
      }
      const read = await client.content(blob, (bytes) => {
        const filtered = filterContent(bytes, KEPT_OPERATIONS);
        return filtered.ok ? filtered.content : null;
      });
      if (!read.ok) {
        if (read.problem.apiCode === AF.contentExpired || read.problem.code === 'malformed-response') {
          // Expired, or still unreadable after every retry: reported, left uncovered for the Graph re-sweep.
          gap = true;
          const reason = read.problem.apiCode === AF.contentExpired ? 'expired' : 'unreadable';
          tally.gaps.push({ from: blob.contentCreated, to: blob.contentCreated, reason, contentId: blob.contentId });
        } else {
          tally.error = this.problem(read.problem);
          return { ok: false };
        }
      } else {
        await this.accept(blob, read.value, tally);
      }
      seen.add(blob.contentId);
      state.seen.push({ id: blob.contentId, created: blob.contentCreated });
      await this.saveState(state);
    }
    return { ok: true, gap };
  }

  private async accept(blob: ContentBlob, content: FilteredContent, tally: Tally): Promise<void> {
    tally.blobs += 1;
    tally.records += content.total;
    tally.skipped += content.skipped;
    tally.rejected += content.unreadable.length;
    for (const bad of content.unreadable) tally.rejections.push({ contentId: blob.contentId, index: bad.index, message: bad.message });
    if (tally.newestContentAt === null || parseManagementTime(blob.contentCreated) > parseManagementTime(tally.newestContentAt)) tally.newestContentAt = blob.contentCreated;
    const events: AuditEvent[] = [];
    const bounds = timeBoundsAt(this.deps.clock.now());
    for (const kept of content.kept) {
      if (PERMISSION_SET.has(kept.operation.toLowerCase())) {
        tally.permissionRecords += 1;
        tally.keptAside.push(asideOf(kept.record, kept.operation, blob.contentId));
        continue;
      }
      const result = normalizeRecord(kept.record, bounds, kept.text);
      if (result.kind === 'event') {
        events.push(result.event);
      } else if (result.kind === 'rejected') {
        tally.rejected += 1;
        tally.rejections.push({ contentId: blob.contentId, index: kept.index, message: result.rejection.message });
      }
    }
    if (events.length === 0) return;
    const stored = await this.deps.ingest(events);
    tally.events += events.length;
    tally.inserted += stored.inserted;
    tally.duplicates += stored.duplicates;
  }

  private problem(problem: GraphProblem): { code: string; message: string } {
    return { code: problem.code, message: problem.message };
  }

  private log(run: FeedRun): void {
    const fields = { event: 'feed-run', blobs: run.blobs, duplicateBlobs: run.duplicateBlobs, records: run.records, inserted: run.inserted, permissionRecords: run.permissionRecords, rejected: run.rejected };
    if (run.error !== null && run.error.code !== 'subscription-waiting') this.logger.warn({ ...fields, error: run.error }, 'Management Activity feed run stopped early');
    else if (run.blobs > 0) this.logger.info(fields, 'Management Activity feed run');
    for (const gap of run.gaps) this.logger.warn({ event: 'feed-gap', gap }, 'Management Activity content could not be read; the Graph re-sweep covers it');
  }

  private async readState(): Promise<FeedState> {
    const text = await this.deps.state.getState(STATE_KEY);
    if (text === null) return freshState();
    try {
      const parsed = stateSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Falls through: unreadable state starts the feed over (7 days back; the store dedupes).
    }
    this.logger.warn({ key: STATE_KEY }, 'Management Activity feed state unreadable; starting over');
    return freshState();
  }

  private saveState(state: FeedState): Promise<void> {
    return this.deps.state.setState(STATE_KEY, JSON.stringify(state));
  }

  private async keepAside(records: readonly KeptAside[]): Promise<void> {
    await this.deps.state.updateState(KEPT_ASIDE_KEY, (current) => {
      let previous: KeptAside[] = [];
      try {
        previous = current === null ? [] : (JSON.parse(current) as KeptAside[]);
      } catch {
        previous = [];
      }
      return { value: JSON.stringify([...records, ...previous].slice(0, KEPT_ASIDE_MAX)), result: undefined };
    });
  }

  /** Status is bookkeeping: failing to write it must not stop the feed. */
  private async saveStatusSafely(state: FeedState | null, tally: Tally, startedAt: Date): Promise<void> {
    try {
      const previous = (await readFeedStatus(this.deps.state)) ?? emptyFeedStatus();
      const at = this.deps.clock.now().toISOString();
      const failed = tally.error !== null && tally.error.code !== 'subscription-waiting';
      const aborted = this.abort.signal.aborted && tally.error === null;
      const next: FeedStatus = {
        ...previous,
        lastRunAt: startedAt.toISOString(),
        lastSuccessAt: failed || aborted ? previous.lastSuccessAt : at,
        lastError: tally.error === null ? previous.lastError : { at, ...tally.error },
        failingSince: failed ? (previous.failingSince ?? at) : aborted ? previous.failingSince : null,
        subscription: state === null ? previous.subscription : { enabled: state.subscription.enabled, enabledAt: state.subscription.enabledAt, lastStartAt: state.subscription.lastStartAt },
        cursor: state?.cursor ?? previous.cursor,
        newestContentAt: tally.newestContentAt ?? previous.newestContentAt,
        gaps: [...tally.gaps.map((g) => ({ ...g, at })), ...previous.gaps].slice(0, 20),
        totals: {
          blobs: previous.totals.blobs + tally.blobs,
          duplicateBlobs: previous.totals.duplicateBlobs + tally.duplicateBlobs,
          records: previous.totals.records + tally.records,
          skipped: previous.totals.skipped + tally.skipped,
          inserted: previous.totals.inserted + tally.inserted,
          permissionRecords: previous.totals.permissionRecords + tally.permissionRecords,
          rejected: previous.totals.rejected + tally.rejected,
        },
        recentRejections: [...tally.rejections, ...previous.recentRejections].slice(0, 20),
      };
      await writeFeedStatus(this.deps.state, next);
    } catch (error) {
      this.logger.error({ err: error }, 'could not write the Management Activity feed status');
    }
  }
}

function asideOf(record: unknown, operation: string, contentId: string): KeptAside {
  const data = typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : {};
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return { id: text(data.Id), operation, time: text(data.CreationTime), objectId: text(data.ObjectId), userId: text(data.UserId), contentId };
}

export interface ManagementFeedConfig {
  readonly tenantId: string;
  readonly baseUrl: string;
  readonly publisherId: string;
  readonly intervalMs: number;
}

export interface ManagementFeedOptions {
  readonly credential: Pick<TokenCredential, 'getToken'>;
  readonly ingest: FeedIngest;
  readonly logger?: IngestLogger;
  /** Tests and the simulator pass a clock, timers and a fetch of their own. */
  readonly clock?: { now(): Date };
  readonly timers?: Timers;
  readonly fetch?: FetchLike;
  readonly settings?: Partial<FeedSettings>;
  readonly onRun?: (run: FeedRun) => Promise<void>;
}

/** Wires the feed for AUDIT_FEED=management-activity: client, state, clock. Call `start()` to run it. */
export function createManagementFeed(state: KeyValueState, config: ManagementFeedConfig, options: ManagementFeedOptions): ManagementFeed {
  const clock = options.clock ?? { now: () => new Date() };
  const timers = options.timers ?? realTimers;
  let feed: ManagementFeed | null = null;
  const settings: ManagementSettings = { baseUrl: config.baseUrl, tenantId: config.tenantId, publisherId: config.publisherId, retry: DEFAULT_RETRY_POLICY, requestTimeoutMs: 120_000 };
  const client = createManagementActivityClient({
    credential: options.credential,
    settings,
    runtime: {
      now: () => clock.now(),
      sleep: async (ms) => {
        const signal = feed?.signal ?? new AbortController().signal;
        await timers.sleep(ms, signal);
        if (signal.aborted) throw new Error('Management Activity feed stopped');
      },
    },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  feed = new ManagementFeed({
    client,
    state,
    ingest: options.ingest,
    clock,
    timers,
    settings: { intervalMs: config.intervalMs, ...options.settings },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.onRun === undefined ? {} : { onRun: options.onRun }),
  });
  return feed;
}
