import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import type { Server } from 'restify';
import restify from 'restify';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { Config } from '../config';
import { SendAsWatchError, describeError } from '../errors';
import type { Logger } from '../runtime/logger';
import { EventLoopSlices } from '../runtime/slices';
import type { GuardedAdapter } from './adapter';
import { checkInboundActivity } from './inbound';

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
  readonly adapter: GuardedAdapter;
  readonly health: HealthCheck;
  /** Tests shorten the timeouts. */
  readonly timeouts?: Partial<HttpTimeouts>;
}

export interface RunningServer {
  readonly server: Server;
  /** http://host:port */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Timeouts for what the Bot Connector does: it sends a whole request at once (headers and a body of a
 * few KB), reuses its connections, and waits about 15 s for an answer. A client slower than this is
 * not the Bot Connector. Node checks the header and request timeouts only every
 * `connectionsCheckingInterval`, 30 s by default.
 */
export interface HttpTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
  readonly checkEveryMs: number;
  readonly keepAliveMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 15_000,
  checkEveryMs: 1_000,
  /**
   * Longer than a client keeps an idle connection (undici 4 s, .NET 60-120 s is not reached: it asks
   * again sooner under load), so the client closes first and never writes into a socket the server is
   * closing.
   */
  keepAliveMs: 65_000,
};

/** How long a /healthz snapshot of the store is reused: the check never queues behind turns. */
const HEALTH_SNAPSHOT_MS = 250;
/**
 * Turns start back to back while the event loop has read its sockets within this long; later ones wait
 * for the next loop turn, so /healthz and new requests are never queued behind a burst of turns.
 */
const TURN_SLICE_MS = 20;
/** A caller turned away at the turn bound is told to come back after this. */
const BUSY_RETRY_AFTER_SECONDS = 1;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** Whether a host name (no port, IPv6 without brackets) is this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

/** The host part of a Host header: `[::1]:3978` → `::1`, `localhost:3978` → `localhost`. */
function hostOfHeader(header: string | undefined): string {
  if (header === undefined) return '';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed !== null) return bracketed[1];
  return header.replace(/:\d+$/, '');
}

function serviceUrlIsLoopback(serviceUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(serviceUrl).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

/** Counts of what the front door turned away, for /healthz. */
interface Refusals {
  requests: number;
  connections: number;
  busy: number;
}

/**
 * Everything decided before a request's body is read: connection caps, the Host check of anonymous
 * mode, /healthz, and /api/messages requests that cannot be valid or that come past the turn bound.
 * It sits in front of restify, which never sees what it answers.
 */
class FrontDoor {
  readonly refused: Refusals = { requests: 0, connections: 0, busy: 0 };
  private readonly byAddress = new Map<string, number>();
  /** Connections with no request in progress (never sent one, or idle between keep-alive requests), longest first. */
  private readonly waiting = new Map<Socket, true>();
  private connections = 0;
  turnsInFlight = 0;
  readonly slices = new EventLoopSlices(TURN_SLICE_MS);
  /** POSTs to /api/messages answered, and closed by the client (or its socket) before an answer was written: a bench tells lost answers from answers never given. */
  readonly questions = { answered: 0, closedUnanswered: 0 };
  private snapshot: { at: number; value: { readonly ok: boolean } & Record<string, unknown> } | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly deps: HttpDeps,
    private readonly anonymous: boolean,
  ) {}

  /**
   * Closes a connection beyond the per-address cap at once. At the total cap, the connection waiting
   * longest without a request in progress (a slow-loris, an idle keep-alive) is closed to make room;
   * when every connection is busy with a request, the newcomer is closed.
   */
  admit(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    const { maxConnections, maxConnectionsPerAddress } = this.deps.config.http;
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (fromAddress >= maxConnectionsPerAddress) return this.turnAway(socket);
    if (this.connections >= maxConnections) {
      const oldest = this.waiting.keys().next();
      if (oldest.done === true) return this.turnAway(socket);
      this.refused.connections += 1;
      oldest.value.destroy();
    }
    this.connections += 1;
    this.byAddress.set(address, fromAddress + 1);
    this.waiting.set(socket, true);
    socket.once('close', () => {
      this.waiting.delete(socket);
      this.connections -= 1;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left === 0) this.byAddress.delete(address);
      else this.byAddress.set(address, left);
    });
  }

  private turnAway(socket: Socket): void {
    this.refused.connections += 1;
    socket.destroy();
  }

  /** Counts a turn from when its body is in (a slow body holds a connection, never a turn). False when at the bound. */
  startTurn(res: { once(event: 'close', listener: () => void): unknown }): boolean {
    if (this.turnsInFlight >= this.deps.config.http.maxTurnsInFlight) return false;
    this.turnsInFlight += 1;
    res.once('close', () => (this.turnsInFlight -= 1));
    return true;
  }

  /** True when the request was answered here; false passes it on to restify. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    // Busy until answered, then idle (keep-alive) and first in line to make room again.
    this.waiting.delete(req.socket);
    res.once('finish', () => {
      if (!req.socket.destroyed) this.waiting.set(req.socket, true);
    });
    if (this.anonymous && !isLoopbackHost(hostOfHeader(req.headers.host))) {
      return this.refuse(res, 403, 'Forbidden', 'anonymous mode answers only requests addressed to this machine (Host: localhost or 127.0.0.1)');
    }
    const path = (req.url ?? '').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      void this.health(res);
      return true;
    }
    if (path !== '/api/messages') return false;
    if (req.method === 'POST') this.countAnswer(res);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return this.refuse(res, 405, 'MethodNotAllowed', 'POST an activity');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (type !== 'application/json' || encoding !== 'identity') return this.refuse(res, 415, 'UnsupportedMediaType', 'send application/json, not compressed');
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) return this.refuse(res, 411, 'LengthRequired', 'send a Content-Length');
    const maxBodyBytes = this.deps.config.maxBodyBytes;
    if (Number(declared) > maxBodyBytes) return this.refuse(res, 413, 'PayloadTooLarge', `the body exceeds ${maxBodyBytes} bytes`);
    // The connection stays open: the body is within the cap, and Node discards it unread.
    if (this.turnsInFlight >= this.deps.config.http.maxTurnsInFlight) return this.busy(res, false);
    return false;
  }

  private countAnswer(res: ServerResponse): void {
    res.once('close', () => {
      if (res.writableFinished) this.questions.answered += 1;
      else this.questions.closedUnanswered += 1;
    });
  }

  /** 503 with Retry-After: the turn bound is reached. */
  busy(res: ServerResponse, close: boolean): true {
    this.refused.busy += 1;
    res.setHeader('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
    return this.refuse(res, 503, 'ServiceUnavailable', 'too many questions at once; try again shortly', close);
  }

  /** Answers with a short JSON body; closing the connection means an unread body is never read. */
  private refuse(res: ServerResponse, status: number, error: string, message: string, close = true): true {
    if (status !== 503) this.refused.requests += 1;
    res.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
    res.end(JSON.stringify({ error, message }));
    return true;
  }

  private async health(res: ServerResponse): Promise<void> {
    const snapshot = await this.healthSnapshot();
    const status = snapshot.ok ? 200 : 503;
    const body = { ...snapshot, turnsInFlight: this.turnsInFlight, connections: this.connections, refusedRequests: this.refused.requests, refusedConnections: this.refused.connections, busyRefusals: this.refused.busy, turnsDeferred: this.slices.deferred, questionsAnswered: this.questions.answered, questionsClosedUnanswered: this.questions.closedUnanswered };
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  /** The store's figures, at most HEALTH_SNAPSHOT_MS old; while a refresh runs the last one is served. */
  private async healthSnapshot(): Promise<{ readonly ok: boolean } & Record<string, unknown>> {
    const fresh = this.snapshot !== null && performance.now() - this.snapshot.at < HEALTH_SNAPSHOT_MS;
    if (!fresh && this.refreshing === null) {
      this.refreshing = this.deps
        .health()
        .catch((error: unknown) => ({ ok: false, error: describeError(error) }))
        .then((value) => {
          this.snapshot = { at: performance.now(), value };
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    if (this.snapshot === null) await this.refreshing;
    return this.snapshot?.value ?? { ok: false, error: 'no health figures yet' };
  }
}

/**
 * botbuilder writes some failures straight to console.error, with stacks, whatever LOG_LEVEL says
 * (an expired token, for one). While the server runs, the console goes through the logger.
 */
function routeConsole(logger: Logger): () => void {
  const original = { error: console.error, warn: console.warn };
  const toLogger = (...args: unknown[]): void => {
    const first = args[0];
    const detail = first instanceof Error ? describeError(first) : String(first).split('\n')[0].slice(0, 300);
    logger.warn({ event: 'library-console', detail }, 'a library wrote to the console');
    if (first instanceof Error) logger.debug({ event: 'library-console', stack: first.stack }, 'its stack');
  };
  console.error = toLogger;
  console.warn = toLogger;
  return () => {
    console.error = original.error;
    console.warn = original.warn;
  };
}

/**
 * The only place that knows HTTP: POST /api/messages through the Bot Framework adapter, GET /healthz,
 * the app's public pages. The front door answers what needs no body; then bodies are read as plain
 * JSON, size-capped, and an activity without the envelope botbuilder relies on is a 400.
 */
export async function startHttp(deps: HttpDeps): Promise<RunningServer> {
  const anonymous = deps.config.botId === '';
  const server = restify.createServer({ name: 'sendas-watch', handleUncaughtExceptions: false });
  const door = new FrontDoor(deps, anonymous);
  const http = server.server;
  const timeouts = { ...HTTP_TIMEOUTS, ...deps.timeouts };
  http.headersTimeout = timeouts.headersMs;
  http.requestTimeout = timeouts.requestMs;
  http.keepAliveTimeout = timeouts.keepAliveMs;
  // Read when the server starts listening (Node's http.Server): how often the two timeouts above are checked.
  (http as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval = timeouts.checkEveryMs;
  http.prependListener('connection', (socket: Socket) => door.admit(socket));
  const restifyListeners = http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (door.handle(req, res)) return;
    for (const listener of restifyListeners) listener.call(http, req, res);
  });

  server.use(restify.plugins.bodyParser({ maxBodySize: deps.config.maxBodyBytes, mapParams: false, mapFiles: false }));
  server.on('restifyError', (_req, _res, _err, callback: () => void) => {
    door.refused.requests += 1;
    callback();
  });
  server.post('/api/messages', async (req, res) => {
    const inbound = checkInboundActivity(req.body);
    if (!inbound.ok) {
      door.refused.requests += 1;
      deps.logger.warn({ event: 'activity-refused', problem: inbound.problem }, 'refused a malformed activity');
      res.send(400, { error: 'BadRequest', message: inbound.problem });
      return;
    }
    const activity = req.body as Activity;
    if (!door.startTurn(res)) {
      door.busy(res, false);
      return;
    }
    // Anonymous mode has no token to vouch for a serviceUrl: replies go to this machine only.
    if (anonymous && !serviceUrlIsLoopback(activity.serviceUrl)) {
      door.refused.requests += 1;
      deps.logger.warn({ event: 'activity-refused', problem: 'serviceUrl is not on this machine' }, 'refused an activity that would send replies off this machine');
      res.send(403, { error: 'Forbidden', message: 'anonymous mode replies only to a serviceUrl on this machine' });
      return;
    }
    try {
      // A caller is authenticated before its turn waits for a slice: a forged token costs no wait.
      const answer = await deps.adapter.serve(activity, req.header('authorization') ?? '', async (context) => {
        await door.slices.enter();
        await deps.bot.run(context);
      });
      if (answer.retryAfterSeconds !== undefined) res.header('retry-after', String(answer.retryAfterSeconds));
      if (answer.body === undefined) {
        res.status(answer.status);
        res.end();
      } else res.send(answer.status, answer.body);
    } catch (error) {
      deps.logger.error({ event: 'http-turn-failed', err: describeError(error) }, 'a request to /api/messages failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
  // The app manifest's developer links point here: what the bot is, what it keeps, on what terms.
  for (const [route, html] of Object.entries(PAGES)) {
    server.get(route, (_req, res, next) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=3600' });
      res.end(html);
      next();
    });
  }
  const restoreConsole = routeConsole(deps.logger);
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      restoreConsole();
      reject(listenError(error, deps.config.port, deps.config.host));
    };
    // restify re-emits the HTTP server's errors on itself, where an unheard one would end the process.
    server.once('error', failed);
    server.listen(deps.config.port, deps.config.host, () => {
      server.removeListener('error', failed);
      resolve();
    });
  });
  const address = server.address();
  const url = `http://${deps.config.host}:${address.port}`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        restoreConsole();
        // Idle keep-alive connections would hold close() for the keep-alive timeout.
        http.closeIdleConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that cannot be had, in one sentence: most often another bot (`npm start` twice) holds it. */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE') {
    return new SendAsWatchError('SENDAS_CONFIG_INVALID', `port ${port} on ${host} is already in use (another SendAs Watch or another program listens there): stop it, or set PORT to another port`);
  }
  if (error.code === 'EACCES') return new SendAsWatchError('SENDAS_CONFIG_INVALID', `port ${port} on ${host} needs privileges this process does not have: set PORT to 1024 or above`);
  return error;
}
