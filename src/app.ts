import type { Config } from './config';
import { Authorizer } from './bot/auth';
import { SendAsWatchBot, turnErrorHandler } from './bot/bot';
import type { Logger } from './bot/logger';
import { Responder } from './bot/respond';
import type { IngestionStatus } from './query/engine';
import type { Language } from './classify/messages';
import type { AdapterOptions, RunningServer } from './server';
import { createAdapter, startHttp } from './server';
import { loadDemoTenant } from './sources/demo';
import type { Store } from './store/store';
import { openElection, openStore } from './store/open';
import type { LeaderDuties } from './store/leader';
import { CLASSIFIER_VERSION, classify } from './classify/classify';
import { SendAsWatchError, describeError } from './errors';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadExport } from './sources/file';
import type { GraphIngestion, GraphIngestionOptions } from './ingest';
import { createGraphCredential } from './audit/graph';
import { createGraphDirectory } from './directory';
import { createGraphIngestion, GraphIngestScheduler, readIngestStatus, storeSink } from './ingest';
import { describeIngestStatus } from './ingest/words';
import type { FetchOutcome } from './bot/ondemand';
import { OnDemandFetcher } from './bot/ondemand';
import { isIngestionTail } from './query/engine';
import type { PendingRequest } from './bot/respond';
import type { TimeWindow } from './store/store';
import type { Notifications, NotifyOptions } from './notify';
import { createNotifications } from './notify';
import type { CloudAdapter } from 'botbuilder';

export interface App {
  readonly url: string;
  readonly store: Store;
  close(): Promise<void>;
}

export interface AppOptions {
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Extra Bot Framework settings (e.g. OpenID metadata of a local fake) for security tests. */
  readonly botFrameworkOverrides?: Record<string, string>;
  /** Graph test seams: a credential, a fetch, timers and a clock of the test's own. */
  readonly graph?: GraphIngestionOptions;
  /** How often a progress card's elapsed time is refreshed while Graph works. */
  readonly progressEveryMs?: number;
  /** Notification tuning and seams (timers, jitter, a sender) beyond configuration. */
  readonly notify?: NotifyOptions;
  /** How a turn's calls to the Bot Connector are retried; tests shorten the waits. */
  readonly connectorRetry?: AdapterOptions['connectorRetry'];
}

/** package.json sits one folder above both src/ (tests) and dist/ (the build). */
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
const LAST_INGEST_KEY = 'ingest:last-success';

/** Loads the configured audit source into the store before serving. */
async function loadSource(config: Config, store: Store, logger: Logger, now: Date): Promise<void> {
  const source = config.auditSource;
  if (source.kind === 'demo') {
    const loaded = await loadDemoTenant(store, config.demo, now);
    logger.info({ event: 'demo-loaded', inserted: loaded.inserted, stillInFlight: loaded.stillInFlight }, 'demo tenant loaded');
  } else if (source.kind === 'file') {
    let size: number;
    try {
      size = statSync(source.path).size;
    } catch {
      throw new SendAsWatchError('SENDAS_CONFIG_INVALID', `AUDIT_SOURCE names ${source.path}, which cannot be read.`);
    }
    const tally = await loadExport(createReadStream(source.path), store, `file:${source.path}`);
    logger.info({ event: 'file-loaded', bytes: size, inserted: tally.inserted, duplicates: tally.duplicates, rejected: tally.rejected, skipped: tally.skipped }, 'audit export loaded');
    for (const rejection of tally.rejections.slice(0, 20)) logger.warn({ event: 'record-rejected', rejection }, 'a record in the export was rejected');
  } else {
    return;
  }
  await store.setState(LAST_INGEST_KEY, now.toISOString());
}

/** Graph ingestion for AUDIT_SOURCE=graph: the background scheduler and the ingester on-demand questions use. */
function createGraph(config: Config, store: Store, logger: Logger, options: AppOptions): GraphIngestion | null {
  if (config.auditSource.kind !== 'graph' || config.graph.credential === null) return null;
  return createGraphIngestion(
    store,
    {
      credential: config.graph.credential,
      graph: { baseUrl: config.graph.baseUrl, submissionBudget: config.graph.submissionBudget },
      schedule: { backfillDays: config.graph.backfillDays, intervalMs: config.graph.intervalMinutes * 60_000 },
    },
    { logger, ...options.graph },
  );
}

/**
 * What only the elected replica runs: the Graph ingestion scheduler, anomaly detection and delivery.
 * A stopped scheduler cannot start again, so a replica elected a second time (it lost its database
 * session in between) runs fresh ones; the Graph ingester and its query journal stay shared.
 */
function leaderDuties(config: Config, store: Store, logger: Logger, options: AppOptions, now: () => Date, graph: GraphIngestion | null, notifications: Notifications, adapter: CloudAdapter): LeaderDuties {
  let terms = 0;
  let running: { scheduler: GraphIngestScheduler | null; notifications: Notifications; demoFeed: NodeJS.Timeout | null } | null = null;
  return {
    elected: () => {
      terms += 1;
      const first = terms === 1;
      const scheduler =
        graph === null || first
          ? graph?.scheduler ?? null
          : new GraphIngestScheduler({ store, ingester: graph.ingester, clock: options.graph?.clock ?? { now }, timers: options.graph?.timers, logger, settings: graph.scheduler.settings });
      running = { scheduler, notifications: first ? notifications : createNotifications(config, store, logger, now, options.notify), demoFeed: startDemoFeed(config, store, logger, now) };
      running.scheduler?.start();
      running.notifications.start(adapter);
      return Promise.resolve();
    },
    deposed: async () => {
      const stopping = running;
      running = null;
      if (stopping?.demoFeed) clearInterval(stopping.demoFeed);
      await stopping?.notifications.stop();
      await stopping?.scheduler?.stop();
    },
    // Another replica enqueued deliveries (a subscribe's catch-up): send them now, not at the next idle pass.
    nudged: () => running?.notifications.delivery()?.wake(),
  };
}

/** How often the demo tenant's history is brought up to now: new days, and records that have "arrived". */
const DEMO_REFRESH_MS = 5 * 60_000;

/**
 * In demo mode the leader keeps the synthetic feed live, the way Graph ingestion would: records held
 * back as not yet arrived come in later, so freshness warnings and proactive cards behave as in a tenant.
 */
function startDemoFeed(config: Config, store: Store, logger: Logger, now: () => Date): NodeJS.Timeout | null {
  if (config.auditSource.kind !== 'demo') return null;
  const timer = setInterval(() => {
    const at = now();
    loadDemoTenant(store, config.demo, at)
      .then(async (loaded) => {
        await store.setState(LAST_INGEST_KEY, at.toISOString());
        if (loaded.inserted > 0) logger.info({ event: 'demo-refreshed', inserted: loaded.inserted }, 'demo tenant brought up to date');
      })
      .catch((error: unknown) => logger.error({ event: 'demo-refresh-failed', err: describeError(error) }, 'the demo tenant could not be refreshed'));
  }, DEMO_REFRESH_MS);
  timer.unref();
  return timer;
}

/** One window of an on-demand question: ingested, and what completed marked covered. */
async function fetchFromGraph(graph: GraphIngestion, store: Store, window: TimeWindow): Promise<FetchOutcome> {
  const tally = { inserted: 0, duplicates: 0 };
  const report = await graph.ingester.ingest(window, storeSink(store, tally), { isCovered: async (w) => (await store.uncovered(w)).length === 0 });
  for (const part of report.complete) await store.markCovered(part, 'graph');
  const failure = report.failures[0];
  return failure === undefined ? { ok: true } : { ok: false, message: failure.problem.message };
}

/** Assembles the store, the audit source, the bot and the HTTP server from the configuration. */
export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const storeLocation = config.storeUrl ?? config.storePath;
  const store = await openStore(storeLocation);
  const reclassified = await store.reclassify(CLASSIFIER_VERSION, classify);
  if (reclassified > 0) logger.info({ event: 'reclassified', changed: reclassified }, 'stored events reclassified by a newer classifier');
  await loadSource(config, store, logger, now());

  const sourceName = config.auditSource.kind;
  const graph = createGraph(config, store, logger, options);
  const ingestionStatus =
    graph === null
      ? async (): Promise<IngestionStatus> => ({ source: sourceName, lastIngest: await store.getState(LAST_INGEST_KEY), lines: [] })
      : async (language: Language, timeZone: string): Promise<IngestionStatus> => {
          const status = await readIngestStatus(store, now());
          return { source: 'graph', lastIngest: status?.lastSuccessAt ?? null, lines: describeIngestStatus(status, language, timeZone) };
        };
  const graphGaps =
    graph === null
      ? undefined
      : { missing: async (range: TimeWindow) => (await store.uncovered(range)).filter((gap) => !isIngestionTail(gap, now())) };
  const notifications = createNotifications(config, store, logger, now, options.notify);
  const election = openElection(storeLocation, { checkEveryMs: config.leaderCheckSeconds * 1000, logger });
  const directory =
    config.graph.credential === null
      ? undefined
      : createGraphDirectory({
          credential: options.graph?.credential ?? createGraphCredential(config.graph.credential),
          baseUrl: config.graph.baseUrl,
          now,
          onProblem: (what, message) => logger.warn({ event: 'directory-lookup-failed', what, message }, 'could not look up %s in the directory', what),
          ...(options.graph?.fetch === undefined ? {} : { fetch: options.graph.fetch }),
        });
  const responder = new Responder({ store, now, ingestionStatus, graph: graphGaps, findAnomalies: notifications.findAnomalies, directory });
  const authorizer = new Authorizer({ anonymous: config.botId === '', tenantId: config.botTenantId, admins: config.admins }, logger);
  const adapter = createAdapter(config, options.botFrameworkOverrides, { logger, connectorRetry: options.connectorRetry });
  adapter.onTurnError = turnErrorHandler(logger);
  const onDemand =
    graph === null
      ? null
      : new OnDemandFetcher({
          store,
          adapter,
          botId: config.botId,
          logger,
          now,
          progressEveryMs: options.progressEveryMs,
          fetchWindow: (window) => fetchFromGraph(graph, store, window),
          answer: (job, problems) => responder.answerPending(job.request as PendingRequest, job.language, job.timeZone, problems),
        });
  const bot = new SendAsWatchBot({ responder, authorizer, logger, onDemand: onDemand ?? undefined, conversations: notifications.conversations });

  let http: RunningServer;
  try {
    http = await startHttp({
      config,
      logger,
      bot,
      adapter,
      health: async () => {
        const stats = await store.stats();
        const base = { ok: true, version: PACKAGE_VERSION, source: sourceName, leader: election.leading, events: stats.totalEvents, newestEvent: stats.newestEvent, notifications: await notifications.health() };
        if (graph === null) return { ...base, lastIngest: await store.getState(LAST_INGEST_KEY) };
        const status = await readIngestStatus(store, now());
        return { ...base, lastIngest: status?.lastSuccessAt ?? null, ingestion: status };
      },
    });
  } catch (error) {
    await graph?.stop();
    await store.close();
    throw error;
  }
  const duties = leaderDuties(config, store, logger, options, now, graph, notifications, adapter);
  let resumedOnce = false;
  election.start({
    ...duties,
    // Questions left waiting on Graph by a stopped process are finished by the leader alone, once, so
    // two replicas starting together do not both answer them.
    elected: async () => {
      await duties.elected();
      if (resumedOnce || onDemand === null) return;
      resumedOnce = true;
      const resumed = await onDemand.resume();
      if (resumed > 0) logger.info({ event: 'ondemand-resumed', cards: resumed }, 'resumed questions that were waiting on Graph');
    },
  });
  const mode = config.botId === '' ? 'anonymous local mode (no BOT_ID): only this machine can reach it' : `bot ${config.botId}`;
  logger.info({ event: 'listening', url: `${http.url}/api/messages` }, `SendAs Watch listening on ${http.url}/api/messages — ${mode}`);
  return {
    url: http.url,
    store,
    close: async () => {
      await http.close();
      onDemand?.close();
      // Aborting Graph polls first lets the leader's scheduler stop at once.
      await graph?.stop();
      await election.stop();
      await onDemand?.idle();
      await store.close();
    },
  };
}
