import 'dotenv/config';
import type { Server } from 'restify';
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, ShowTypingMiddleware } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Config } from './config';
import { configOrThrow, redactedConfig } from './config';
import { describeError } from './errors';
import type { Logger } from './bot/logger';
import { createLogger, terminalDestination } from './bot/logger';

function page(title: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

const PAGES: Readonly<Record<string, string>> = {
  '/': page('SendAs Watch', [
    'SendAs Watch is a Microsoft Teams bot that tells Microsoft 365 admins who really sent as, or on behalf of, a mailbox.',
    'It reads Exchange audit records through Microsoft Graph, classifies every SendAs and SendOnBehalf event with reasons, and warns where the audit data has holes or is not yet complete.',
  ]),
  '/privacy': page('SendAs Watch: privacy', [
    'SendAs Watch stores Exchange SendAs and SendOnBehalf audit records of your own tenant, in the database its operator configures, to answer questions from the administrators listed in its configuration.',
    'Message subjects from audit records are shown only to those administrators and are never written to logs. Nothing is sent to any party other than Microsoft Teams and Microsoft Graph.',
    'To remove the data, delete the store the operator configured (STORE_PATH or STORE_URL).',
  ]),
  '/terms': page('SendAs Watch: terms of use', [
    'SendAs Watch is provided as is, without warranty. Audit data can be incomplete or late; the bot says so where it knows, but its answers are not proof that something did or did not happen.',
  ]),
};

/** What /healthz reports; the assembly (src/app.ts) fills it. */
export type HealthCheck = () => Promise<{ readonly ok: boolean } & Record<string, unknown>>;

export interface HttpDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly bot: ActivityHandler;
  readonly adapter: CloudAdapter;
  readonly health: HealthCheck;
}

export interface RunningServer {
  readonly server: Server;
  /** http://host:port */
  readonly url: string;
  close(): Promise<void>;
}

/** The adapter for the configured bot identity; anonymous (no app id) for local use. */
export function createAdapter(config: Config, overrides: Record<string, string> = {}): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.botId,
    MicrosoftAppPassword: config.botPassword,
    // Anonymous local mode has no identity to be single-tenant about; botbuilder refuses the combination.
    MicrosoftAppType: config.botId === '' ? 'MultiTenant' : config.botType,
    MicrosoftAppTenantId: config.botTenantId,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ ...settings, ...overrides }, credentials));
  // Teams shows "typing…" while a question takes longer than half a second.
  adapter.use(new ShowTypingMiddleware(500, 2000));
  return adapter;
}

/**
 * The only place that knows HTTP: POST /api/messages through the Bot Framework adapter, GET /healthz.
 * Bodies are size-capped; malformed JSON is refused with 400 by the body parser before the bot sees it.
 */
export async function startHttp(deps: HttpDeps): Promise<RunningServer> {
  const server = restify.createServer({ name: 'sendas-watch', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.config.maxBodyBytes, mapParams: false, mapFiles: false }));
  server.post('/api/messages', async (req, res) => {
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (error) {
      deps.logger.error({ event: 'http-turn-failed', err: describeError(error) }, 'a request to /api/messages failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
  // The app manifest's developer links point here: what the bot is, what it keeps, on what terms.
  for (const [route, page] of Object.entries(PAGES)) {
    server.get(route, (_req, res, next) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=3600' });
      res.end(page);
      next();
    });
  }
  server.get('/healthz', async (_req, res) => {
    try {
      const health = await deps.health();
      res.send(health.ok ? 200 : 503, health);
    } catch (error) {
      res.send(503, { ok: false, error: describeError(error) });
    }
  });
  await new Promise<void>((resolve) => {
    server.listen(deps.config.port, deps.config.host, resolve);
  });
  const address = server.address();
  const url = `http://${deps.config.host}:${address.port}`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const bootLogger = createLogger('info');
  let loaded: { config: Config; warnings: readonly string[] };
  try {
    loaded = configOrThrow(process.env);
  } catch (error) {
    bootLogger.fatal(describeError(error));
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(2);
  }
  const logger = createLogger(loaded.config.logLevel, terminalDestination(process.stdout));
  for (const warning of loaded.warnings) logger.warn(warning);
  logger.info({ config: redactedConfig(loaded.config) }, 'configuration loaded');
  const { startApp } = await import('./app');
  const app = await startApp(loaded.config, logger);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`sendas-watch failed to start: ${describeError(error)}\n`);
    process.exit(1);
  });
}
