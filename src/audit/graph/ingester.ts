import type { TokenCredential } from '@azure/identity';
import type { AuditEvent } from '../event';
import type { RejectCode, TimeBounds } from '../normalize';
import { normalizeRecord, timeBoundsAt } from '../normalize';
import { GraphAuditClient } from './client';
import type { FetchLike, GraphProblem, GraphRuntime } from './http';
import { GraphHttp } from './http';
import type { CreateIntent, JournalEntry, KeyValueState } from './journal';
import { QueryJournal } from './journal';
import type { PollStep, RetryPolicy } from './retry';
import { backoffDelay, DEFAULT_POLL_LADDER, DEFAULT_RETRY_POLICY, pollDelay } from './retry';
import type { AuditLogQuery, QueryFilters, QueryWindow } from './wire';
import { queryDisplayName, SENDAS_QUERY_FILTERS } from './wire';

export interface GraphAuditSettings {
  /** GRAPH_BASE_URL: the Graph root, v1.0 by default; a 404 on create falls back to beta once and is remembered. */
  readonly baseUrl: string;
  /** `$top` asked of the records route; Graph treats it as a hint. */
  readonly pageSize: number;
  readonly pollLadder: readonly PollStep[];
  /** How long one run waits for a query; past it the query stays journalled and the next run resumes it. */
  readonly maxPollMs: number;
  /** A journalled query older than this is abandoned and the window submitted again. */
  readonly maxQueryAgeMs: number;
  readonly retry: RetryPolicy;
  readonly requestTimeoutMs: number;
  /** Windows are bisected on truncation or unreadable pages down to this size, then reported as failed. */
  readonly minWindowMs: number;
  /** Query submissions allowed in any 24 hours (the tenant's baseline is about 200, shared with other apps). */
  readonly submissionBudget: number;
  /** POSTs for one window whose answers were lost and whose query Graph does not list, before the run gives up. */
  readonly maxCreateAttempts: number;
  /**
   * The per-query record cap when Graph does not say (beta has no `recordCountLimit`): a result that
   * reaches it with no next page is treated as truncated.
   */
  readonly recordCountLimit: number;
}

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export const DEFAULT_GRAPH_AUDIT_SETTINGS: GraphAuditSettings = {
  baseUrl: DEFAULT_GRAPH_BASE_URL,
  pageSize: 500,
  pollLadder: DEFAULT_POLL_LADDER,
  maxPollMs: 45 * 60_000,
  maxQueryAgeMs: 24 * 3600_000,
  retry: DEFAULT_RETRY_POLICY,
  requestTimeoutMs: 120_000,
  minWindowMs: 60_000,
  submissionBudget: 150,
  maxCreateAttempts: 3,
  recordCountLimit: 1_000_000,
};

/**
 * What one record of a query's result is: an item to store under its id, or a skip or a rejection
 * (counted). A query that asks for several kinds of record names the `stream` a rejection belongs to
 * (`rights` for admin records), so each kind's unreadable records are counted apart.
 */
export type RecordReading<T> =
  | { readonly kind: 'item'; readonly id: string; readonly item: T }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'rejected'; readonly code: string; readonly message: string; readonly stream?: string };

/**
 * What a window's query asks for and how its records are read: SendAs records alone (SENDAS_QUERY), or
 * SendAs and admin records together (src/ingest/graph-records.ts). Either way one query per window.
 */
export interface GraphQueryKind<T> {
  readonly filters: QueryFilters;
  read(record: unknown, bounds: TimeBounds): RecordReading<T>;
}

/** The SendAs / SendOnBehalf query, read into audit events. */
export const SENDAS_QUERY: GraphQueryKind<AuditEvent> = {
  filters: SENDAS_QUERY_FILTERS,
  read: (record, bounds) => {
    const result = normalizeRecord(record, bounds);
    switch (result.kind) {
      case 'event':
        return { kind: 'item', id: result.event.id, item: result.event };
      case 'skipped':
        return { kind: 'skipped' };
      case 'rejected':
        return { kind: 'rejected', code: result.rejection.code, message: result.rejection.message };
      default:
        return result satisfies never;
    }
  },
};

/** One page's worth of new items (audit events for the SendAs query), in the order Graph sent them. */
export interface IngestBatch<T = AuditEvent> {
  readonly events: readonly T[];
  readonly window: QueryWindow;
  readonly queryId: string;
  readonly page: number;
}

/** Where events go: the shell classifies and stores them. A throw stops the run; the query stays journalled. */
export type EventSink<T = AuditEvent> = (batch: IngestBatch<T>) => Promise<void>;

export interface IngestOptions {
  /**
   * Whether a window is already fully ingested (the store's coverage). Asked only for the parts of a
   * window split in an earlier run, so a part finished then is not submitted again.
   */
  readonly isCovered?: (window: QueryWindow) => Promise<boolean>;
}

/** A record the normalizer refused, with where it was: page (from 0) and index within the page. */
export interface RejectedRecord {
  readonly queryId: string;
  readonly page: number;
  readonly index: number;
  readonly recordId: string | null;
  /** A RejectCode, or a kind's own (`bad-parameter` for admin records). */
  readonly code: RejectCode | (string & {});
  readonly message: string;
  /** The reading's stream (`rights`), absent for SendAs records. */
  readonly stream?: string;
}

export interface WindowFailure {
  readonly window: QueryWindow;
  readonly problem: GraphProblem;
  /**
   * True when trying again cannot help: a minimum-size window still truncated or still unreadable.
   * Everything else (throttling, permissions, a query still running) is worth another run.
   */
  readonly permanent: boolean;
}

export interface WindowReport {
  readonly window: QueryWindow;
  /** Parts of the window ingested completely, in time order. */
  readonly complete: readonly QueryWindow[];
  readonly failures: readonly WindowFailure[];
  /** Records Graph returned, duplicates and rejects included. */
  readonly records: number;
  /** Events handed to the sink: new within this run. */
  readonly events: number;
  /** Records seen twice within the run (re-paging and split windows can repeat them). */
  readonly duplicatesInRun: number;
  /** Records of other operations. */
  readonly skipped: number;
  readonly rejectedCount: number;
  /** Of rejectedCount, those of each named stream (`rights`: admin records). */
  readonly rejectedByStream: Readonly<Record<string, number>>;
  /** The first rejected records, with their position. */
  readonly rejected: readonly RejectedRecord[];
  readonly queriesCreated: number;
  /** Queries whose create answer was lost, found by name in Graph's list and used (counted in queriesCreated too). */
  readonly queriesAdopted: number;
  readonly queriesResumed: number;
  /** POSTs that created or may have created a query: each spends one of the tenant's submissions. */
  readonly submissions: number;
  readonly pages: number;
}

const REJECTED_KEPT = 100;

const RESUMABLE: ReadonlySet<GraphProblem['code']> = new Set(['throttled', 'network', 'unauthorized', 'forbidden']);

/** The running tally of one `ingest` call, across every split of the window. */
class Run<T> {
  readonly seen = new Set<string>();
  readonly complete: QueryWindow[] = [];
  readonly failures: WindowFailure[] = [];
  readonly rejected: RejectedRecord[] = [];
  records = 0;
  events = 0;
  duplicatesInRun = 0;
  skipped = 0;
  rejectedCount = 0;
  readonly rejectedByStream: Record<string, number> = {};
  queriesCreated = 0;
  queriesAdopted = 0;
  queriesResumed = 0;
  submissions = 0;
  pages = 0;

  constructor(
    readonly kind: GraphQueryKind<T>,
    readonly sink: EventSink<T>,
    readonly isCovered: ((window: QueryWindow) => Promise<boolean>) | null,
  ) {}

  fail(window: QueryWindow, problem: GraphProblem, permanent = false): void {
    this.failures.push({ window, problem, permanent });
  }

  /** Reads one page; returns the items not seen before in this run. */
  accept(records: readonly unknown[], queryId: string, page: number, bounds: TimeBounds): T[] {
    const events: T[] = [];
    this.records += records.length;
    records.forEach((record, index) => {
      const result = this.kind.read(record, bounds);
      switch (result.kind) {
        case 'item':
          if (this.seen.has(result.id)) {
            this.duplicatesInRun += 1;
          } else {
            this.seen.add(result.id);
            events.push(result.item);
          }
          break;
        case 'skipped':
          this.skipped += 1;
          break;
        case 'rejected':
          this.rejectedCount += 1;
          if (result.stream !== undefined) this.rejectedByStream[result.stream] = (this.rejectedByStream[result.stream] ?? 0) + 1;
          if (this.rejected.length < REJECTED_KEPT) {
            const stream = result.stream === undefined ? {} : { stream: result.stream };
            this.rejected.push({ queryId, page, index, recordId: envelopeId(record), code: result.code, message: result.message, ...stream });
          }
          break;
        default:
          result satisfies never;
      }
    });
    this.events += events.length;
    return events;
  }

  report(window: QueryWindow): WindowReport {
    const byStart = (a: QueryWindow, b: QueryWindow): number => Date.parse(a.from) - Date.parse(b.from);
    return {
      window,
      complete: [...this.complete].sort(byStart),
      failures: [...this.failures].sort((a, b) => byStart(a.window, b.window)),
      records: this.records,
      events: this.events,
      duplicatesInRun: this.duplicatesInRun,
      skipped: this.skipped,
      rejectedCount: this.rejectedCount,
      rejectedByStream: { ...this.rejectedByStream },
      rejected: this.rejected,
      queriesCreated: this.queriesCreated,
      queriesAdopted: this.queriesAdopted,
      queriesResumed: this.queriesResumed,
      submissions: this.submissions,
      pages: this.pages,
    };
  }
}

function envelopeId(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const id = (record as Record<string, unknown>).id;
  return typeof id === 'string' ? id : null;
}

type PollResult =
  | { readonly kind: 'succeeded'; readonly query: AuditLogQuery }
  | { readonly kind: 'stopped'; readonly problem: GraphProblem; readonly forget: boolean };

/**
 * Ingests audit windows from the Graph audit log query API: create (or resume) a query, poll it,
 * page through its records, normalize them and hand new events to a sink. Truncated results and
 * pages that stay unreadable are bisected down to `minWindowMs`; every query is journalled before
 * it is polled so a restart resumes it instead of submitting it again.
 */
export class GraphAuditIngester<T = AuditEvent> {
  readonly journal: QueryJournal;
  private readonly client: GraphAuditClient;

  constructor(
    http: GraphHttp,
    state: KeyValueState,
    private readonly runtime: GraphRuntime,
    readonly settings: GraphAuditSettings,
    readonly kind: GraphQueryKind<T>,
  ) {
    this.journal = new QueryJournal(state);
    this.client = new GraphAuditClient(http, settings.pageSize);
  }

  /** Ingests [window.from, window.to) completely, or says which parts could not be, and why. */
  async ingest(window: QueryWindow, sink: EventSink<T>, options: IngestOptions = {}): Promise<WindowReport> {
    const run = new Run(this.kind, sink, options.isCovered ?? null);
    await this.ingestPart(window, run, false);
    return run.report(window);
  }

  /** Queries submitted earlier and not yet ingested (a restart resumes these first). */
  pending(): Promise<JournalEntry[]> {
    return this.journal.pending();
  }

  /** `resplit`: this part comes from re-splitting a window split in an earlier run. */
  private async ingestPart(window: QueryWindow, run: Run<T>, resplit: boolean): Promise<void> {
    let entry = await this.journal.find(window);
    const resumed = entry !== null;
    if (entry === null) {
      // Parts journalled and no whole: this window was split before a restart; split it the same way.
      if (await this.journal.hasPartsOf(window)) return this.split(window, run, true);
      if (resplit && run.isCovered !== null && (await run.isCovered(window))) {
        run.complete.push(window);
        return;
      }
      const created = await this.create(window, run);
      if (!created.ok) return run.fail(window, created.problem);
      entry = created.value;
      run.queriesCreated += 1;
    } else {
      run.queriesResumed += 1;
    }

    const polled = await this.poll(entry, resumed);
    if (polled.kind === 'stopped') {
      if (polled.forget) await this.journal.forget(entry.queryId);
      return run.fail(window, polled.problem);
    }
    const flaggedTruncated = polled.query.isRecordCountLimitExceeded === true;
    if (flaggedTruncated && this.canSplit(window)) {
      await this.journal.forget(entry.queryId);
      return this.split(window, run);
    }

    const { problem: paged, records } = await this.page(entry, run);
    if (paged !== null) {
      // Throttling, the network, tokens and permissions pass: the same query is resumed on the next run.
      if (RESUMABLE.has(paged.code)) return run.fail(window, paged);
      await this.journal.forget(entry.queryId);
      if (paged.code !== 'server-error' && paged.code !== 'malformed-response') return run.fail(window, paged);
      if (this.canSplit(window)) return this.split(window, run);
      return run.fail(window, { code: 'unreadable-window', message: `records for ${window.from} .. ${window.to} stay unreadable at the smallest window: ${paged.message}` }, true);
    }
    await this.journal.forget(entry.queryId);
    // Beta never sets isRecordCountLimitExceeded: a capped result there is exactly the limit with no next page.
    const limit = polled.query.recordCountLimit ?? this.settings.recordCountLimit;
    if (flaggedTruncated || records >= limit) {
      // The records read are kept; the halves' queries repeat some of them, and the run drops those.
      if (this.canSplit(window)) return this.split(window, run);
      return run.fail(
        window,
        { code: 'truncated', message: `Graph truncated the result for ${window.from} .. ${window.to} at its record limit (${limit}) even at the smallest window; the records it returned were kept` },
        true,
      );
    }
    run.complete.push(window);
  }

  private canSplit(window: QueryWindow): boolean {
    return Date.parse(window.to) - Date.parse(window.from) > this.settings.minWindowMs;
  }

  private async split(window: QueryWindow, run: Run<T>, resplit = false): Promise<void> {
    const from = Date.parse(window.from);
    const middle = new Date(from + Math.floor((Date.parse(window.to) - from) / 2)).toISOString();
    await this.ingestPart({ from: window.from, to: middle }, run, resplit);
    await this.ingestPart({ from: middle, to: window.to }, run, resplit);
  }

  /**
   * Submits a query for `window`, or adopts the one an earlier POST created without Graph's answer
   * arriving. Creating is not idempotent and each POST spends one of the tenant's shared submissions, so
   * after a lost answer (timeout, 5xx, reset) the queries are listed and one with this window's name is
   * used before another POST is sent. A POST that may have created a query keeps its budget slot.
   */
  private async create(window: QueryWindow, run: Run<T>): Promise<{ ok: true; value: JournalEntry } | { ok: false; problem: GraphProblem }> {
    const earlier = await this.journal.findIntent(window);
    if (earlier !== null) {
      const found = await this.client.findQuery(earlier.baseUrl, window, earlier.displayName);
      if (!found.ok) return { ok: false, problem: unresolvedCreate(window, found.problem) };
      if (found.value !== null) return { ok: true, value: await this.adopt(earlier, found.value.id, run) };
    }
    const submittedAt = earlier?.submittedAt ?? this.runtime.now().toISOString();
    const displayName = earlier?.displayName ?? queryDisplayName(window, submittedAt);
    let baseUrl = (await this.journal.apiBase()) ?? this.settings.baseUrl;
    for (let attempt = 1; ; attempt += 1) {
      const at = this.runtime.now();
      if (!(await this.journal.reserveSubmission(at, this.settings.submissionBudget))) return { ok: false, problem: await this.budgetProblem(at) };
      const intent: CreateIntent = { window, displayName, baseUrl, submittedAt };
      await this.journal.recordIntent(intent);
      const created = await this.client.createQuery(baseUrl, window, displayName, this.kind.filters);
      if (created.ok) {
        run.submissions += 1;
        await this.journal.forgetIntent(window);
        if (created.value.baseUrl !== baseUrl.replace(/\/+$/, '')) await this.journal.rememberApiBase(created.value.baseUrl);
        const entry: JournalEntry = { queryId: created.value.query.id, window, baseUrl: created.value.baseUrl, createdAt: at.toISOString() };
        await this.journal.record(entry);
        return { ok: true, value: entry };
      }
      if (created.problem.ambiguous !== true) {
        // Graph answered (a 4xx, or 429 past patience): no query was made by this POST, and the list showed
        // none from an earlier one.
        await this.journal.releaseSubmission(at);
        await this.journal.forgetIntent(window);
        return { ok: false, problem: created.problem };
      }
      run.submissions += 1;
      baseUrl = created.baseUrl;
      await this.journal.recordIntent({ ...intent, baseUrl });
      const found = await this.client.findQuery(baseUrl, window, displayName);
      if (!found.ok) return { ok: false, problem: unresolvedCreate(window, found.problem) };
      if (found.value !== null) return { ok: true, value: await this.adopt({ ...intent, baseUrl }, found.value.id, run) };
      if (attempt >= this.settings.maxCreateAttempts) {
        return { ok: false, problem: { ...created.problem, message: `${created.problem.message}; Graph lists no query named "${displayName}" after ${attempt} attempts` } };
      }
      await this.runtime.sleep(backoffDelay(attempt, this.settings.retry));
    }
  }

  private async adopt(intent: CreateIntent, queryId: string, run: Run<T>): Promise<JournalEntry> {
    const usual = ((await this.journal.apiBase()) ?? this.settings.baseUrl).replace(/\/+$/, '');
    if (intent.baseUrl !== usual) await this.journal.rememberApiBase(intent.baseUrl);
    const entry: JournalEntry = { queryId, window: intent.window, baseUrl: intent.baseUrl, createdAt: intent.submittedAt };
    await this.journal.record(entry);
    await this.journal.forgetIntent(intent.window);
    run.queriesAdopted += 1;
    return entry;
  }

  private async budgetProblem(at: Date): Promise<GraphProblem> {
    const budget = this.settings.submissionBudget;
    const freesAt = await this.journal.budgetFreesAt(at);
    return {
      code: 'budget-exhausted',
      message: `the audit query budget (${budget} submissions in 24 hours) is spent${freesAt === null ? '' : `; the next one frees up at ${freesAt.toISOString()}`}`,
    };
  }

  private async poll(entry: JournalEntry, resumed: boolean): Promise<PollResult> {
    const started = this.runtime.now().getTime();
    const createdAt = Date.parse(entry.createdAt);
    const span = `${entry.window.from} .. ${entry.window.to}`;
    for (let first = true; ; first = false) {
      const now = this.runtime.now().getTime();
      if (now - createdAt > this.settings.maxQueryAgeMs) {
        return { kind: 'stopped', forget: true, problem: { code: 'query-expired', message: `audit query ${entry.queryId} for ${span} has not finished since ${entry.createdAt}; the window will be submitted again` } };
      }
      if (now - started >= this.settings.maxPollMs) {
        return { kind: 'stopped', forget: false, problem: { code: 'poll-timeout', message: `audit query ${entry.queryId} for ${span} is still running after ${Math.round((now - started) / 60_000)} min; the next run resumes it` } };
      }
      if (!(first && resumed)) await this.runtime.sleep(pollDelay(now - createdAt, this.settings.pollLadder));
      const got = await this.client.getQuery(entry.baseUrl, entry.queryId);
      if (!got.ok) {
        if (got.problem.code === 'not-found') {
          return { kind: 'stopped', forget: true, problem: { code: 'query-expired', message: `audit query ${entry.queryId} for ${span} no longer exists at Graph; the window will be submitted again` } };
        }
        return { kind: 'stopped', forget: false, problem: got.problem };
      }
      switch (got.value.status) {
        case 'succeeded':
          return { kind: 'succeeded', query: got.value };
        case 'failed':
          return {
            kind: 'stopped',
            forget: true,
            problem: { code: 'query-failed', message: `Graph reports audit query ${entry.queryId} for ${span} as failed (the range may be outside audit retention, or auditing may be off)` },
          };
        case 'cancelled':
          return { kind: 'stopped', forget: true, problem: { code: 'query-cancelled', message: `audit query ${entry.queryId} for ${span} was cancelled (by an admin or by Microsoft)` } };
        default:
          // notStarted, running, or a status newer than this code: keep polling within the time bound.
          break;
      }
    }
  }

  /** Pages through the records: how many the query returned, and the problem that stopped it (null when every page was read). */
  private async page(entry: JournalEntry, run: Run<T>): Promise<{ problem: GraphProblem | null; records: number }> {
    let url: string | null = this.client.firstPageUrl(entry.baseUrl, entry.queryId);
    let records = 0;
    for (let page = 0; url !== null; page += 1) {
      const got = await this.client.fetchPage(entry.baseUrl, url, `read page ${page + 1} of audit query ${entry.queryId}`);
      if (!got.ok) return { problem: got.problem, records };
      run.pages += 1;
      records += got.value.value.length;
      const events = run.accept(got.value.value, entry.queryId, page, timeBoundsAt(this.runtime.now()));
      if (events.length > 0) await run.sink({ events, window: entry.window, queryId: entry.queryId, page });
      url = got.value['@odata.nextLink'] ?? null;
    }
    return { problem: null, records };
  }
}

export interface GraphIngesterDeps {
  readonly credential: Pick<TokenCredential, 'getToken'>;
  readonly state: KeyValueState;
  readonly runtime: GraphRuntime;
  readonly settings?: Partial<GraphAuditSettings>;
  /** Global fetch unless given. */
  readonly fetch?: FetchLike;
}

/** Listing the queries after a lost create answer failed: submitting again could make a duplicate, so the window waits. */
function unresolvedCreate(window: QueryWindow, problem: GraphProblem): GraphProblem {
  return {
    ...problem,
    message: `a query for ${window.from} .. ${window.to} may have been created but could not be looked for (${problem.message}); the next run looks again before submitting another`,
  };
}

/** The ingester of the SendAs query. */
export function createGraphAuditIngester(deps: GraphIngesterDeps): GraphAuditIngester {
  return createGraphQueryIngester(deps, SENDAS_QUERY);
}

/** The ingester of another kind of query (the admin-record one), sharing the state and its budget. */
export function createGraphQueryIngester<T>(deps: GraphIngesterDeps, kind: GraphQueryKind<T>): GraphAuditIngester<T> {
  const settings: GraphAuditSettings = { ...DEFAULT_GRAPH_AUDIT_SETTINGS, ...deps.settings };
  const http = new GraphHttp(deps.credential, deps.runtime, settings.retry, settings.requestTimeoutMs, deps.fetch);
  return new GraphAuditIngester(http, deps.state, deps.runtime, settings, kind);
}
