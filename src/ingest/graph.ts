import type { TokenCredential } from '@azure/identity';
import type { FetchLike, GraphAuditIngester, GraphAuditSettings, GraphCredentialSettings, GraphRuntime } from '../audit/graph';
import { createGraphCredential } from '../audit/graph';
import type { TimeWindow } from '../store/store';
import type { IngestLogger, IngestScheduleSettings, IngestStore, Timers } from './scheduler';
import type { GraphItem, GraphRecordIngester } from './graph-records';
import { createGraphRecordIngester } from './graph-records';
import type { ContextProvider } from './stage';
import { GraphIngestScheduler, ingestGraphWindow, realTimers } from './scheduler';

export interface GraphIngestionConfig {
  readonly credential: GraphCredentialSettings;
  readonly graph?: Partial<GraphAuditSettings>;
  readonly schedule?: Partial<IngestScheduleSettings>;
  /** Whether each window's query also asks for the admin records that grant and remove rights (no extra submission); on unless false. */
  readonly adminRecords?: boolean;
}

export interface GraphIngestionOptions {
  readonly logger?: IngestLogger;
  /** Tests pass a fixed clock, instant timers, a credential of their own or a fetch. */
  readonly clock?: { now(): Date };
  readonly timers?: Timers;
  readonly credential?: Pick<TokenCredential, 'getToken'>;
  readonly fetch?: FetchLike;
  /** What the classifier knows beyond each record (see IngestStage). */
  readonly context?: ContextProvider;
}

export interface GraphIngestion {
  readonly ingester: GraphAuditIngester<GraphItem>;
  /** The ingester with its query kind, for a scheduler of a later leadership term. */
  readonly records: GraphRecordIngester;
  readonly scheduler: GraphIngestScheduler;
  /** Whether each window's query asks for admin records too. */
  readonly adminRecords: boolean;
  /** One window for an on-demand question, through the same query, stage and coverage rule as the scheduler. */
  fetchWindow(window: TimeWindow): Promise<{ readonly ok: true } | { readonly ok: false; readonly message: string }>;
  /** Stops the loop, a poll in progress included; its query stays journalled for the next start. */
  stop(): Promise<void>;
}

/** Wires the Graph ingestion for AUDIT_SOURCE=graph: credential, ingester, scheduler. Call `scheduler.start()` to run it. */
export function createGraphIngestion(store: IngestStore, config: GraphIngestionConfig, options: GraphIngestionOptions = {}): GraphIngestion {
  const abort = new AbortController();
  const clock = options.clock ?? { now: () => new Date() };
  const timers = options.timers ?? realTimers;
  // A sleep cut short by stop() throws, so a poll in progress ends the run instead of polling on.
  const runtime: GraphRuntime = {
    now: () => clock.now(),
    sleep: async (ms) => {
      await timers.sleep(ms, abort.signal);
      if (abort.signal.aborted) throw new Error('Graph ingestion stopped');
    },
  };
  const deps = {
    credential: options.credential ?? createGraphCredential(config.credential),
    state: store,
    runtime,
    ...(config.graph === undefined ? {} : { settings: config.graph }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  const records = createGraphRecordIngester(deps, config.adminRecords !== false);
  const scheduler = new GraphIngestScheduler({
    store,
    records,
    clock,
    timers,
    signal: abort.signal,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(config.schedule === undefined ? {} : { settings: config.schedule }),
    ...(options.context === undefined ? {} : { context: options.context }),
  });
  return {
    ingester: records.ingester,
    records,
    scheduler,
    adminRecords: records.kind.adminRecords,
    fetchWindow: async (window) => {
      const report = await ingestGraphWindow(records, scheduler.stage, store, window, { inserted: 0, duplicates: 0, rightsInserted: 0 }, clock.now());
      const failure = report.failures[0];
      return failure === undefined ? { ok: true } : { ok: false, message: failure.problem.message };
    },
    stop: async () => {
      abort.abort();
      await scheduler.stop();
    },
  };
}
