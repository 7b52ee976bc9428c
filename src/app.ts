import type { Config } from './config';
import { Authorizer } from './bot/auth';
import { SendAsWatchBot, turnErrorHandler } from './bot/bot';
import type { Logger } from './bot/logger';
import { Responder } from './bot/respond';
import type { IngestionStatus } from './query/engine';
import type { RunningServer } from './server';
import { createAdapter, startHttp } from './server';
import { loadDemoTenant } from './sources/demo';
import { SqliteStore } from './store/sqlite/store';
import type { Store } from './store/store';
import { CLASSIFIER_VERSION, classify } from './classify/classify';
import { SendAsWatchError } from './errors';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadExport } from './sources/file';

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

/** Assembles the store, the audit source, the bot and the HTTP server from the configuration. */
export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const store = new SqliteStore(config.storePath);
  const reclassified = await store.reclassify(CLASSIFIER_VERSION, classify);
  if (reclassified > 0) logger.info({ event: 'reclassified', changed: reclassified }, 'stored events reclassified by a newer classifier');
  await loadSource(config, store, logger, now());

  const sourceName = config.auditSource.kind;
  const ingestionStatus = async (): Promise<IngestionStatus> => ({ source: sourceName, lastIngest: await store.getState(LAST_INGEST_KEY), lines: [] });
  const responder = new Responder({ store, now, ingestionStatus });
  const authorizer = new Authorizer({ anonymous: config.botId === '', tenantId: config.botTenantId, admins: config.admins }, logger);
  const bot = new SendAsWatchBot({ responder, authorizer, logger });
  const adapter = createAdapter(config, options.botFrameworkOverrides);
  adapter.onTurnError = turnErrorHandler(logger);

  let http: RunningServer;
  try {
    http = await startHttp({
      config,
      logger,
      bot,
      adapter,
      health: async () => {
        const stats = await store.stats();
        return { ok: true, version: PACKAGE_VERSION, source: sourceName, events: stats.totalEvents, newestEvent: stats.newestEvent, lastIngest: await store.getState(LAST_INGEST_KEY) };
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const mode = config.botId === '' ? 'anonymous local mode (no BOT_ID): only this machine can reach it' : `bot ${config.botId}`;
  logger.info({ event: 'listening', url: `${http.url}/api/messages` }, `SendAs Watch listening on ${http.url}/api/messages — ${mode}`);
  return {
    url: http.url,
    store,
    close: async () => {
      await http.close();
      await store.close();
    },
  };
}
