import type { Config } from './config';
import { Authorizer } from './bot/auth';
import { SendAsWatchBot, turnErrorHandler } from './bot/bot';
import type { Logger } from './runtime/logger';
import { Responder } from './bot/respond';
import type { IngestionStatus } from './query/engine';
import type { AdapterOptions } from './bot/adapter';
import { createAdapter } from './bot/adapter';
import type { HttpTimeouts, RunningServer } from './bot/http';
import { startHttp } from './bot/http';
import type { Store } from './store/store';
import { openElection, openStore } from './store/open';
import { isPostgresUrl } from './store/postgres/db';
import type { StoreLock } from './store/sqlite/single-process';
import { lockStoreForThisProcess } from './store/sqlite/single-process';
import { loadRightsExports } from './cli/rights';
import type { LeaderDuties } from './store/leader';
import { CLASSIFIER_VERSION } from './classify/classify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphIngestion, GraphIngestionOptions } from './ingest';
import type { DirectoryLookup } from './directory';
import { createGraphDirectory } from './directory';
import { demoDirectory } from './directory/demo';
import type { ContextProvider } from './ingest';
import { createGraphIngestion, GraphIngestScheduler, IngestStage, readIngestStatus } from './ingest';
import { INGEST_HISTORY_MS, batchContext, contextualClassifier } from './query/context';
import { loadSource, startDemoFeed } from './ingest/sources';
import { feedHealthLines, ingestHealthLines } from './ingest/health-lines';
import { OnDemandFetcher } from './bot/ondemand';
import { isIngestionTail } from './query/engine';
import type { PendingRequest } from './bot/respond';
import type { TimeWindow } from './store/store';
import type { Notifications, NotifyOptions } from './notify';
import { createNotifications } from './notify';
import type { CloudAdapter } from 'botbuilder';
import type { PeriodicLoop } from './runtime/loop';
import { createGraphCredential } from './audit/graph';
import type { ManagementFeed, ManagementFeedOptions } from './ingest/management-feed';
import { createManagementFeed } from './ingest/management-feed';
import { readFeedHealth } from './ingest/management-status';
import type { TokenCredential } from '@azure/identity';
import { ExchangeAdminClient } from './exchange/client';
import { demoAuditSettings } from './exchange/demo';
import { AdminApiAuditSettings, UNCHECKED_AUDIT_SETTINGS } from './exchange/lookup';
import type { AuditSettingsLookup } from './exchange/settings';
import { sharedPlaceDatabase } from './places/database';
import type { PlaceLookup } from './places/place';

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
  /** Management Activity feed seams: a clock, timers, a credential or a fetch of the test's (or simulator's) own. */
  readonly feed?: Partial<Omit<ManagementFeedOptions, 'ingest'>>;
  /** The HTTP server's timeouts; tests shorten them. */
  readonly httpTimeouts?: Partial<HttpTimeouts>;
  /** Client IPs to places; by default the offline database the @ip-location-db packages ship. */
  readonly places?: PlaceLookup;
  /** A credential for the Exchange Online Admin API instead of the configured one (tests). */
  readonly exchangeCredential?: Pick<TokenCredential, 'getToken'>;
}

/** package.json sits one folder above both src/ (tests) and dist/ (the build). */
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
/** Graph ingestion for AUDIT_SOURCE=graph: the background scheduler and the ingester on-demand questions use. */
function createGraph(config: Config, store: Store, logger: Logger, options: AppOptions, context: ContextProvider): GraphIngestion | null {
  if (config.auditSource.kind !== 'graph' || config.graph.credential === null) return null;
  return createGraphIngestion(
    store,
    {
      credential: config.graph.credential,
      graph: { baseUrl: config.graph.baseUrl, submissionBudget: config.graph.submissionBudget },
      schedule: { backfillDays: config.graph.backfillDays, intervalMs: config.graph.intervalMinutes * 60_000 },
      adminRecords: config.graph.adminRecords,
    },
    { logger, ...options.graph, context },
  );
}

/**
 * The Management Activity feed for AUDIT_FEED=management-activity: a fresh one per leadership term
 * (a stopped feed cannot start again). Its events go through the same classify → store path as Graph's.
 */
function feedFactory(config: Config, store: Store, logger: Logger, options: AppOptions, context: ContextProvider): ((onStored: () => Promise<unknown>) => ManagementFeed) | null {
  const feed = config.feed;
  const credential = config.graph.credential;
  if (feed.kind !== 'management-activity' || credential === null) return null;
  const shared = options.feed?.credential ?? createGraphCredential(credential);
  // The one ingestion stage: classified, stored, and noted for detection like every other source's events.
  const stage = new IngestStage(store, undefined, context);
  return (onStored) =>
    createManagementFeed(
      store,
      { tenantId: feed.tenantId, baseUrl: feed.baseUrl, publisherId: feed.publisherId, intervalMs: feed.intervalSeconds * 1000 },
      {
        logger,
        ...options.feed,
        credential: shared,
        ingest: (events) => stage.storeEvents(events),
        // Detection at once on what a run stored: minutes from the record to the card, not the detection interval on top.
        onRun: async (run) => {
          await options.feed?.onRun?.(run);
          if (run.inserted > 0) await onStored();
        },
      },
    );
}

/**
 * What only the elected replica runs: the Graph ingestion scheduler, anomaly detection and delivery.
 * A stopped scheduler cannot start again, so a replica elected a second time (it lost its database
 * session in between) runs fresh ones; the Graph ingester and its query journal stay shared.
 */
function leaderDuties(config: Config, store: Store, logger: Logger, options: AppOptions, now: () => Date, graph: GraphIngestion | null, notifications: Notifications, adapter: CloudAdapter, context: ContextProvider): LeaderDuties {
  let terms = 0;
  const newFeed = feedFactory(config, store, logger, options, context);
  let running: { scheduler: GraphIngestScheduler | null; notifications: Notifications; demoFeed: PeriodicLoop | null; feed: ManagementFeed | null } | null = null;
  return {
    elected: () => {
      terms += 1;
      const first = terms === 1;
      const scheduler =
        graph === null || first
          ? graph?.scheduler ?? null
          : new GraphIngestScheduler({ store, records: graph.records, clock: options.graph?.clock ?? { now }, timers: options.graph?.timers, logger, settings: graph.scheduler.settings, context });
      const termNotifications = first ? notifications : createNotifications(config, store, logger, now, options.notify);
      running = {
        scheduler,
        notifications: termNotifications,
        demoFeed: config.auditSource.kind === 'demo' ? startDemoFeed(config.demo, store, logger, now, context) : null,
        feed: newFeed?.(() => termNotifications.detection.runForNewRecords()) ?? null,
      };
      running.scheduler?.start();
      running.feed?.start();
      running.notifications.start(adapter);
      return Promise.resolve();
    },
    deposed: async () => {
      const stopping = running;
      running = null;
      await stopping?.demoFeed?.stop();
      await stopping?.notifications.stop();
      await stopping?.feed?.stop();
      await stopping?.scheduler?.stop();
    },
    // Another replica enqueued deliveries (a subscribe's catch-up): send them now, not at the next idle pass.
    nudged: () => running?.notifications.delivery()?.wake(),
  };
}

/**
 * Where mailbox audit settings come from: the Exchange Online Admin API when configured (the watched
 * mailboxes are read at once, so "audit health" lists them), the demo tenant's own, or nowhere.
 */
function createAuditSettings(config: Config, logger: Logger, now: () => Date, options: AppOptions): AuditSettingsLookup {
  const { exchangeAdmin } = config;
  const credentialSettings = config.graph.credential;
  const credential = !exchangeAdmin.enabled ? null : options.exchangeCredential ?? (credentialSettings === null ? null : createGraphCredential(credentialSettings));
  if (credential !== null) {
    const lookup = new AdminApiAuditSettings(new ExchangeAdminClient({ credential, tenant: exchangeAdmin.tenant, baseUrl: exchangeAdmin.baseUrl }), now);
    for (const mailbox of config.notify.watchlist) {
      void lookup.view(mailbox).then((view) => {
        if (view.status === 'unreadable') logger.warn({ event: 'audit-settings-unreadable', mailbox, problem: view.problem }, 'mailbox audit settings could not be read');
      });
    }
    return lookup;
  }
  if (config.auditSource.kind === 'demo') return demoAuditSettings(config.demo.users, config.demo.seed, now().toISOString());
  return UNCHECKED_AUDIT_SETTINGS;
}

/** The Graph directory (app names, mailbox kinds, people) when Graph is configured; the demo tenant's own for the demo. */
function createDirectory(config: Config, logger: Logger, now: () => Date, options: AppOptions): DirectoryLookup | undefined {
  if (config.graph.credential === null) return config.auditSource.kind === 'demo' ? demoDirectory(config.demo.users, config.demo.seed) : undefined;
  return createGraphDirectory({
    credential: options.graph?.credential ?? createGraphCredential(config.graph.credential),
    baseUrl: config.graph.baseUrl,
    now,
    onProblem: (what, message) => logger.warn({ event: 'directory-lookup-failed', what, message }, 'a directory lookup failed'),
    ...(options.graph?.fetch === undefined ? {} : { fetch: options.graph.fetch }),
  });
}

/** Assembles the store, the audit source, the bot and the HTTP server from the configuration. */
export async function startApp(config: Config, logger: Logger, given: AppOptions = {}): Promise<App> {
  const places = given.places ?? sharedPlaceDatabase();
  const now = given.now ?? (() => new Date());
  const directory = createDirectory(config, logger, now, given);
  const options: AppOptions = { ...given, notify: { places, ...(directory === undefined ? {} : { directory }), ...given.notify } };
  const storeLocation = config.storeUrl ?? config.storePath;
  // PostgreSQL replicas elect a leader; a SQLite file has room for one bot (a second is refused at once).
  const storeLock: StoreLock | null = isPostgresUrl(storeLocation) || storeLocation === ':memory:' ? null : lockStoreForThisProcess(storeLocation);
  let store: Store;
  try {
    store = await openStore(storeLocation);
  } catch (error) {
    storeLock?.release();
    throw error;
  }
  const contextSources = { store, historyMs: INGEST_HISTORY_MS, ...(directory === undefined ? {} : { directory }) };
  // Stored events are reclassified with the context ingestion gives new ones, so both end the same.
  const reclassified = await store.reclassify(CLASSIFIER_VERSION, contextualClassifier(contextSources));
  if (reclassified > 0) logger.info({ event: 'reclassified', changed: reclassified }, 'stored events reclassified by a newer classifier');
  // Every source's records are classified knowing their mailbox's kind and connector history (issue 16).
  const classifyContext: ContextProvider = (events) => batchContext(events, contextSources);
  await loadSource(config.auditSource, config.demo, store, logger, now(), classifyContext);
  await loadRightsExports(config.rightsExports, store, logger, now());

  const sourceName = config.auditSource.kind;
  const graph = createGraph(config, store, logger, options, classifyContext);
  const ingestionStatus = async (): Promise<IngestionStatus> => {
    const status = await readIngestStatus(store, now());
    const feedLines = config.feed.kind === 'management-activity' ? feedHealthLines(await readFeedHealth(store, now())) : [];
    return { source: sourceName, lastIngest: status?.lastSuccessAt ?? null, lines: [...ingestHealthLines(status), ...feedLines] };
  };
  const graphGaps =
    graph === null
      ? undefined
      : { missing: async (range: TimeWindow) => (await store.uncovered(range)).filter((gap) => !isIngestionTail(gap, now())) };
  const notifications = createNotifications(config, store, logger, now, options.notify);
  const election = openElection(storeLocation, { checkEveryMs: config.leaderCheckSeconds * 1000, logger });
  const auditSettings = createAuditSettings(config, logger, now, options);
  const responder = new Responder({ store, now, ingestionStatus, graph: graphGaps, findAnomalies: notifications.findAnomalies, places, auditSettings, directory, review: { keepDays: config.notify.reviewKeepDays } });
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
          fetchWindow: (window) => graph.fetchWindow(window),
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
      timeouts: options.httpTimeouts,
      health: async () => {
        const stats = await store.stats();
        const base = { ok: true, version: PACKAGE_VERSION, source: sourceName, leader: election.leading, events: stats.totalEvents, newestEvent: stats.newestEvent, notifications: await notifications.health() };
        const status = await readIngestStatus(store, now());
        const feed = config.feed.kind === 'management-activity' ? { feed: await readFeedHealth(store, now()) } : {};
        return { ...base, lastIngest: status?.lastSuccessAt ?? null, ingestion: status, ...feed };
      },
    });
  } catch (error) {
    await graph?.stop();
    await store.close();
    storeLock?.release();
    throw error;
  }
  const duties = leaderDuties(config, store, logger, options, now, graph, notifications, adapter, classifyContext);
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
      storeLock?.release();
    },
  };
}
