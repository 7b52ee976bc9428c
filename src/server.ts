import 'dotenv/config';
import type { Server } from 'restify';
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Activity, ActivityHandler } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { ConnectorRetrySettings } from './bot/connector';
import { BoundedConnectorRetries, DEFAULT_CONNECTOR_RETRY } from './bot/connector';
import { checkInboundActivity } from './bot/inbound';
import { TypingIndicator } from './bot/typing';
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

/** Where the adapter logs connector give-ups, and how its calls are retried (tests shorten the waits). */
export interface AdapterOptions {
  readonly logger?: Logger;
  readonly connectorRetry?: Partial<ConnectorRetrySettings>;
}

/** jsonwebtoken's errors: a forged signature or a malformed token, i.e. a caller who is not who it claims. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder turns a token with a forged signature into a 500 (jsonwebtoken's error is not its own
 * AuthenticationError); every failure to prove who is calling is a 401 here.
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && TOKEN_ERRORS.has(error.name)) throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
      throw error;
    }
  }
}

/** The adapter for the configured bot identity; anonymous (no app id) for local use. */
export function createAdapter(config: Config, overrides: Record<string, string> = {}, options: AdapterOptions = {}): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.botId,
    MicrosoftAppPassword: config.botPassword,
    // Anonymous local mode has no identity to be single-tenant about; botbuilder refuses the combination.
    MicrosoftAppType: config.botId === '' ? 'MultiTenant' : config.botType,
    MicrosoftAppTenantId: config.botTenantId,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const adapter = new CloudAdapter(new StrictBotFrameworkAuthentication({ ...settings, ...overrides }, credentials));
  const logger = options.logger ?? createLogger('silent');
  adapter.use(new BoundedConnectorRetries(logger, { ...DEFAULT_CONNECTOR_RETRY, ...options.connectorRetry }));
  // Teams shows "typing…" while a question takes longer than half a second.
  adapter.use(new TypingIndicator(logger, 500, 2000));
  return adapter;
}

/**
 * Only plain JSON bodies are read. restify's body parser would also take multipart uploads (written to
 * the temp folder, past the size cap) and gzip (capped compressed: 48 KB inflate to 50 MB).
 */
function plainJsonBodies(maxBodyBytes: number, refused: () => void): restify.RequestHandler {
  return (req, res, next) => {
    // restify reports no content-length as undefined, whatever its type says.
    if (!(req.getContentLength() > 0) && !req.isChunked()) return next();
    const encoding = (req.header('content-encoding') ?? 'identity').toLowerCase();
    const type = req.getContentType();
    let status = 0;
    if (encoding !== 'identity') status = 415;
    else if (type !== 'application/json') status = 415;
    else if (req.getContentLength() > maxBodyBytes) status = 413;
    if (status === 0) return next();
    refused();
    res.send(status, { error: status === 413 ? 'PayloadTooLarge' : 'UnsupportedMediaType', message: status === 413 ? `the body exceeds ${maxBodyBytes} bytes` : 'send application/json, not compressed' });
    return next(false);
  };
}

/**
 * The only place that knows HTTP: POST /api/messages through the Bot Framework adapter, GET /healthz.
 * Bodies are plain JSON and size-capped; malformed JSON is refused with 400 by the body parser, and an
 * activity without the envelope botbuilder relies on with 400, before the bot sees either.
 */
export async function startHttp(deps: HttpDeps): Promise<RunningServer> {
  const server = restify.createServer({ name: 'sendas-watch', handleUncaughtExceptions: false });
  let refusedRequests = 0;
  server.use(plainJsonBodies(deps.config.maxBodyBytes, () => (refusedRequests += 1)));
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.config.maxBodyBytes, mapParams: false, mapFiles: false }));
  server.on('restifyError', (_req, _res, _err, callback: () => void) => {
    refusedRequests += 1;
    callback();
  });
  server.post('/api/messages', async (req, res) => {
    const inbound = checkInboundActivity(req.body);
    if (!inbound.ok) {
      refusedRequests += 1;
      deps.logger.warn({ event: 'activity-refused', problem: inbound.problem }, 'refused a malformed activity');
      res.send(400, { error: 'BadRequest', message: inbound.problem });
      return;
    }
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
      res.send(health.ok ? 200 : 503, { ...health, refusedRequests });
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
