import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import jwt from 'jsonwebtoken';
import { Command } from 'commander';
import type { ProbeReport } from './abuse-probe';
import { ServerProcess } from './bot-process';
import { percentile } from './measure';
import { rawStatus as rawStatusOf } from '../../test/support/activities';

/**
 * `npm run bench:abuse`: every attack of issue 18 and of the hostile e2e tests, against the real server
 * (startApp in a child process, as `node dist/server.js` runs it) over loopback, each bounded in count
 * and time. One line per attack: what was tried, what held, the worst /healthz latency during it (a
 * probe asks every 20 ms on a connection of its own) and the server's peak RSS so far.
 */

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const OTHER_TENANT = '99999999-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ADMIN = '00000000-0000-4000-8000-00000000a001';
const ISSUER = 'https://api.botframework.com';
/** Stands in subjects and actors of the planted records: it must never reach the server log. */
const SUBJECT_MARKER = 'CONFIDENTIAL-MERGER-7Q';
const HOSTILE_ID = '0badc0de-0000-4000-8000-000000000001';
/** Bidi controls and other invisible format characters: none may reach a card. */
const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/u;
const HEALTHZ_TARGET_MS = 100;
const RSS_TARGET_MB = 500;

interface Outcome {
  readonly tried: string;
  readonly held: boolean;
  readonly what: string;
  /** Held only if the server never reported more connections open than this (the probe reads it from /healthz). */
  readonly maxConnections?: number;
}

interface Attack {
  readonly name: string;
  readonly server: 'anonymous' | 'app-id';
  /** Longest the attack may take before it counts as not held. */
  readonly limitMs: number;
  run(): Promise<Outcome>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n: number): string => n.toLocaleString('en-US');

/** A Bot Connector that answers every send and keeps the bodies (the cards), for the few that are read. */
class RecordingConnector {
  readonly bodies: string[] = [];
  calls = 0;
  private server: Server | null = null;

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.calls += 1;
        if (this.bodies.length < 20_000) this.bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: randomUUID() }));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** The OpenID metadata host: publishes the bench's key, or takes connections and never answers, or resets them. */
class MetadataHost {
  mode: 'keys' | 'silent' | 'reset' = 'silent';
  connections = 0;
  private server: Server | null = null;

  constructor(private readonly key: KeyObject) {}

  get url(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (this.mode === 'silent') return;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${this.base}/v1/keys` }));
      else res.end(JSON.stringify({ keys: [{ ...this.key.export({ format: 'jwk' }), kid: 'bench', use: 'sig', endorsements: ['msteams'] }] }));
    });
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      if (this.mode === 'reset') socket.destroy();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** The /healthz probe in its own process (tools/bench/abuse-probe.ts), one per server. */
class HealthProbe {
  private constructor(private readonly child: ChildProcess) {}

  static start(url: string): HealthProbe {
    return new HealthProbe(fork(join(__dirname, 'abuse-probe.ts'), [url], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** What the probe saw since the last call. */
  async take(): Promise<{ p99: number; max: number; failures: number; samples: number; peakConnections: number }> {
    const report = await new Promise<ProbeReport>((resolve) => {
      this.child.once('message', (message: ProbeReport) => resolve(message));
      this.child.send('report');
    });
    const sorted = [...report.latencies].sort((a, b) => a - b);
    return { p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN, failures: report.failures, samples: sorted.length, peakConnections: report.peakConnections };
  }

  stop(): void {
    this.child.disconnect();
  }
}

interface HttpOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly agent?: Agent;
  readonly localAddress?: string;
  readonly timeoutMs?: number;
}

interface HttpAnswer {
  /** 0: no answer (refused, reset, timed out). */
  readonly status: number;
  readonly body: string;
  readonly retryAfter: string | undefined;
  readonly timedOut: boolean;
}

function http(url: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    let timedOut = false;
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'], timedOut }));
      res.on('error', () => resolve({ status: 0, body: '', retryAfter: undefined, timedOut }));
    });
    req.setTimeout(options.timeoutMs ?? 15_000, () => {
      timedOut = true;
      req.destroy();
    });
    req.on('error', () => resolve({ status: 0, body: '', retryAfter: undefined, timedOut }));
    req.end(options.body);
  });
}

async function httpStatus(url: string, options: HttpOptions = {}): Promise<number> {
  return (await http(url, options)).status;
}

function json(body: unknown): { headers: Record<string, string>; body: string } {
  const text = JSON.stringify(body);
  return { headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }, body: text };
}

/** Runs `task` over `items`, at most `width` at a time. */
async function pool<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]);
      }
    }),
  );
  return results;
}

/** Tallies statuses: "403 ×500". */
function tally(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s === 0 ? 'no answer' : s} ×${count(n)}`).join(', ');
}

/** Raw sockets that open, write `opening`, then one byte per `everyMs`; resolves when the server has closed them all or `limitMs` passed. */
async function tricklers(url: string, sockets: number, localAddresses: readonly string[], opening: string, everyMs: number, limitMs: number): Promise<{ refusedAtOnce: number; cutLater: number; stillOpen: number; lastCutMs: number }> {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  let refusedAtOnce = 0;
  let cutLater = 0;
  let lastCutMs = 0;
  const open = new Set<Socket>();
  const timers: NodeJS.Timeout[] = [];
  await pool(
    Array.from({ length: sockets }, (_, i) => i),
    200,
    (i) =>
      new Promise<void>((resolve) => {
        const socket = connect({ host: hostname, port: Number(port), localAddress: localAddresses[i % localAddresses.length] });
        const openedAt = performance.now();
        socket.on('error', () => undefined);
        socket.resume();
        socket.on('connect', () => {
          open.add(socket);
          socket.write(opening);
          timers.push(setInterval(() => !socket.destroyed && socket.write('x'), everyMs));
          resolve();
        });
        socket.on('close', () => {
          if (!open.delete(socket)) resolve();
          if (performance.now() - openedAt < 500) refusedAtOnce += 1;
          else {
            cutLater += 1;
            lastCutMs = performance.now() - started;
          }
        });
      }),
  );
  while (open.size > 0 && performance.now() - started < limitMs) await sleep(100);
  const stillOpen = open.size;
  for (const timer of timers) clearInterval(timer);
  for (const socket of open) socket.destroy();
  return { refusedAtOnce, cutLater, stillOpen, lastCutMs };
}

/** Export records: ordinary delegate sends, and a few hostile ones (bidi controls, invisible characters, the subject marker). */
function records(now: Date): string {
  const lines: string[] = [];
  const at = (minutesAgo: number): string => new Date(now.getTime() - minutesAgo * 60_000).toISOString().slice(0, 19);
  for (let i = 0; i < 2_000; i += 1) {
    lines.push(
      JSON.stringify({
        CreationTime: at(30 + i * 2),
        Id: randomUUID(),
        Operation: i % 5 === 0 ? 'SendOnBehalf' : 'SendAs',
        RecordType: 2,
        ResultStatus: 'Succeeded',
        Workload: 'Exchange',
        OrganizationId: TENANT,
        UserId: `delegate${i % 40}@contoso.com`,
        MailboxOwnerUPN: `shared${i % 15}@contoso.com`,
        SendAsUserSmtp: `shared${i % 15}@contoso.com`,
        ClientInfoString: 'Client=OWA;Action=ViaProxy',
        LogonType: 1,
        ExternalAccess: false,
        Item: { Subject: `${SUBJECT_MARKER} quarterly figures ${i}` },
      }),
    );
  }
  lines.push(
    JSON.stringify({
      CreationTime: at(10),
      Id: HOSTILE_ID,
      Operation: 'SendAs',
      RecordType: 2,
      ResultStatus: 'Succeeded',
      Workload: 'Exchange',
      OrganizationId: TENANT,
      UserId: 'mallory@contoso.com',
      MailboxOwnerUPN: 'ceo@contoso.com',
      SendAsUserSmtp: 'ceo@contoso.com',
      ClientInfoString: 'Client=REST;\u202eevil\u202c;\u2066x\u2069',
      LogonType: 1,
      ExternalAccess: false,
      Item: { Subject: `Invoice \u202egpj.exe\u202c ${SUBJECT_MARKER}\u200b\ufeff` },
    }),
  );
  return `${lines.join('\n')}\n`;
}

function activity(serviceUrl: string, options: { text?: string; conversation?: string; from?: string; tenant?: string; channelTenant?: string; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  const tenant = options.tenant ?? TENANT;
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench', name: 'Bench', aadObjectId: options.from ?? ADMIN },
    recipient: { id: '28:sendas-watch', name: 'SendAs Watch' },
    conversation: { id: options.conversation ?? 'a:abuse', conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: options.channelTenant ?? tenant } },
    locale: 'en-US',
    text: options.text ?? 'help',
    ...options.extra,
  };
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--keep', 'keep the working folder (stores and server logs)', false)
    .option('--only <text>', 'run only the attacks whose name contains this')
    .option('--profile <dir>', 'write a CPU profile of each server (.cpuprofile) into this folder')
    .parse()
    .opts<{ keep: boolean; only?: string; profile?: string }>();
  const workDir = mkdtempSync(join(tmpdir(), 'sendas-bench-abuse-'));
  const exportPath = join(workDir, 'records.jsonl');
  writeFileSync(exportPath, records(new Date()));
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const connector = await new RecordingConnector().start();
  const metadata = await new MetadataHost(signing.publicKey).start();
  const common = { PORT: '0', STORE_URL: '', AUDIT_SOURCE: `file:${exportPath}`, LOG_LEVEL: 'info' };
  const anonymousLog = join(workDir, 'anonymous.log');
  const appIdLog = join(workDir, 'app-id.log');
  const anonymous = await ServerProcess.start({ ...process.env, ...common, BOT_ID: '', BOT_PASSWORD: '', STORE_PATH: join(workDir, 'anonymous.db') }, anonymousLog, options.profile);
  const appId = await ServerProcess.start(
    { ...process.env, ...common, BOT_ID, BOT_PASSWORD: 'bench-only', BOT_TENANT_ID: TENANT, SENDAS_ADMINS: ADMIN, BIND_HOST: '127.0.0.1', STORE_PATH: join(workDir, 'app-id.db'), BENCH_OPENID_METADATA_URL: metadata.url },
    appIdLog,
    options.profile,
  );
  const anonUrl = anonymous.ready.url;
  const appUrl = appId.ready.url;
  const probes = { anonymous: HealthProbe.start(anonUrl), 'app-id': HealthProbe.start(appUrl) };
  // The attacks stand for other machines: they yield the CPU to the servers and probes (started above, at normal priority).
  setPriority(10);
  const messages = (url: string): string => `${url}/api/messages`;

  const token = (claims: Record<string, unknown> = {}, key: KeyObject = signing.privateKey, kid = 'bench'): string => {
    const now = Math.floor(Date.now() / 1000);
    return jwt.sign({ iss: ISSUER, aud: BOT_ID, serviceurl: connector.url, nbf: now - 60, exp: now + 600, ...claims }, key, { algorithm: 'RS256', keyid: kid });
  };
  const withToken = (url: string, body: unknown, authorization: string, timeoutMs = 15_000): Promise<HttpAnswer> => {
    const request = json(body);
    return http(messages(url), { method: 'POST', headers: { ...request.headers, authorization }, body: request.body, timeoutMs });
  };
  const post = (url: string, body: unknown, extra: HttpOptions = {}): Promise<HttpAnswer> => {
    const request = json(body);
    return http(messages(url), { method: 'POST', ...extra, headers: { ...request.headers, ...extra.headers }, body: request.body });
  };
  const internalText = /ECONN|fetch failed|openid|stack|TypeError|jwt|at .*\.js/i;

  const attacks: Attack[] = [
    {
      name: 'slow headers',
      server: 'anonymous',
      limitMs: 20_000,
      run: async () => {
        const result = await tricklers(anonUrl, 1_100, ['127.0.0.2'], 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 1_000, 16_000);
        return {
          tried: '1,100 connections from one address sending a header byte a second',
          held: result.stillOpen === 0,
          // The per-address cap, and the probe's own connection.
          maxConnections: 256 + 1,
          what: `the last cut at the header timeout after ${(result.lastCutMs / 1000).toFixed(1)} s, ${result.stillOpen} left open`,
        };
      },
    },
    {
      name: 'slow bodies',
      server: 'anonymous',
      limitMs: 25_000,
      run: async () => {
        const opening = `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"type":"message","text":"`;
        const slow = tricklers(anonUrl, 300, ['127.0.0.3'], opening, 1_000, 20_000);
        await sleep(1_000);
        const answered = await pool(Array.from({ length: 20 }, (_, i) => i), 5, async (i) => (await post(anonUrl, activity(connector.url, { conversation: `a:during-slow-${i}` }))).status);
        const result = await slow;
        return {
          tried: '300 connections sending a 100 KB body a byte a second, and 20 real questions meanwhile',
          held: result.stillOpen === 0 && answered.every((s) => s === 200),
          what: `${count(result.cutLater)} cut at the request timeout (last after ${(result.lastCutMs / 1000).toFixed(1)} s), ${result.stillOpen} left open; questions: ${tally(answered)}`,
        };
      },
    },
    {
      name: 'idle connections from many addresses',
      server: 'anonymous',
      limitMs: 20_000,
      run: async () => {
        const addresses = Array.from({ length: 15 }, (_, i) => `127.0.0.${10 + i}`);
        const idle = tricklers(anonUrl, 1_500, addresses, '', 60_000, 3_000);
        await sleep(1_500);
        // A monitor opens a new connection for each check: it must get in past the total cap.
        const fresh = await pool(Array.from({ length: 50 }, (_, i) => i), 5, () => httpStatus(`${anonUrl}/healthz`, { agent: new Agent({ keepAlive: false }), timeoutMs: 2_000 }));
        await idle;
        return {
          tried: '1,500 connections that say nothing, from 15 addresses (past the 1,024 total cap), and 50 fresh /healthz connections',
          held: fresh.every((s) => s === 200),
          what: `fresh /healthz connections: ${tally(fresh)}`,
        };
      },
    },
    {
      name: 'flood of questions',
      server: 'anonymous',
      limitMs: 40_000,
      run: async () => {
        const deadline = performance.now() + 8_000;
        const statuses: number[] = [];
        let timedOut = 0;
        let missingRetryAfter = 0;
        const agents = Array.from({ length: 10 }, (_, i) => new Agent({ keepAlive: true, maxSockets: 100, localAddress: `127.0.0.${30 + i}` }));
        await Promise.all(
          Array.from({ length: 1_000 }, async (_, i) => {
            while (performance.now() < deadline) {
              const answer = await post(anonUrl, activity(connector.url, { conversation: `a:flood-${i}`, text: i % 2 === 0 ? 'who sent as shared3@contoso.com this week' : 'help' }), { agent: agents[i % agents.length] });
              statuses.push(answer.status);
              if (answer.timedOut) timedOut += 1;
              if (answer.status === 503 && answer.retryAfter === undefined) missingRetryAfter += 1;
              if (answer.status === 503) await sleep(1_000);
            }
          }),
        );
        for (const agent of agents) agent.destroy();
        const unanswered = statuses.filter((s) => s === 0).length;
        return {
          tried: '1,000 connections from 10 addresses asking back to back for 8 s (503s wait their Retry-After)',
          held: unanswered === 0 && timedOut === 0 && missingRetryAfter === 0 && statuses.every((s) => s === 200 || s === 503) && statuses.includes(200),
          what: `${tally(statuses)}; unanswered ${unanswered}, 503 without Retry-After ${missingRetryAfter}`,
        };
      },
    },
    {
      name: 'requests that cannot be valid',
      server: 'anonymous',
      limitMs: 20_000,
      run: async () => {
        const bomb = gzipSync(JSON.stringify({ ...activity(connector.url), text: ' '.repeat(50_000_000) }));
        const form = `--x\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n${'a'.repeat(600_000)}\r\n--x--\r\n`;
        const kinds: [string, number, () => Promise<number>][] = [
          ['GET', 405, () => httpStatus(messages(anonUrl))],
          ['PUT', 405, () => httpStatus(messages(anonUrl), { method: 'PUT', headers: { 'content-type': 'application/json', 'content-length': '2' }, body: '{}' })],
          ['chunked', 411, () => httpStatus(messages(anonUrl), { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: '{}' })],
          ['10 MB declared, never sent', 413, () => rawStatus(anonUrl, `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n`)],
          ['text/plain', 415, () => httpStatus(messages(anonUrl), { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': '4' }, body: 'help' })],
          ['gzip bomb', 415, () => httpStatus(messages(anonUrl), { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) }, body: bomb })],
          ['multipart', 415, () => httpStatus(messages(anonUrl), { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(form.length) }, body: form })],
          ['invalid JSON', 400, () => httpStatus(messages(anonUrl), { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '9' }, body: '{"type": ' })],
        ];
        const wrong: string[] = [];
        const all = await pool(Array.from({ length: 2_000 }, (_, i) => kinds[i % kinds.length]), 50, async ([label, expected, send]) => {
          const status = await send();
          if (status !== expected) wrong.push(`${label} → ${status}`);
          return status;
        });
        return {
          tried: `2,000 requests: ${kinds.map(([label]) => label).join(', ')}`,
          held: wrong.length === 0,
          what: `${tally(all)}${wrong.length > 0 ? `; unexpected: ${[...new Set(wrong)].slice(0, 3).join(', ')}` : ''}`,
        };
      },
    },
    {
      name: 'malformed activities',
      server: 'anonymous',
      limitMs: 20_000,
      run: async () => {
        const base = activity(connector.url);
        const without = (field: string): Record<string, unknown> => Object.fromEntries(Object.entries(base).filter(([key]) => key !== field));
        const bodies: unknown[] = [
          ...['from', 'recipient', 'conversation', 'serviceUrl', 'type'].map(without),
          ...['file:///etc/passwd', 'ftp://192.0.2.10/', 'javascript:alert(1)', 'gopher://192.0.2.10:70/', 'http://', ''].map((serviceUrl) => ({ ...base, serviceUrl })),
          { ...base, type: 42 },
          { ...base, text: { html: 'help' } },
          { ...base, entities: [{ type: 'mention', text: '<at>x</at>' }] },
          { ...base, type: 'invoke', name: 'adaptiveCard/action', value: 'explain' },
        ];
        const calls = connector.calls;
        const statuses = await pool(Array.from({ length: 500 }, (_, i) => bodies[i % bodies.length]), 25, async (body) => (await post(anonUrl, body)).status);
        return {
          tried: `500 activities with a missing envelope field, a non-http(s) serviceUrl, wrong types or a malformed invoke`,
          held: statuses.every((s) => s === 400) && connector.calls === calls,
          what: `${tally(statuses)}; calls to the connector ${connector.calls - calls}`,
        };
      },
    },
    {
      name: 'DNS rebinding (foreign Host)',
      server: 'anonymous',
      limitMs: 20_000,
      run: async () => {
        const calls = connector.calls;
        const hosts = ['attacker.example.com', 'attacker.example.com:3978', '10.0.0.5', 'localhost.attacker.example.com'];
        const statuses = await pool(Array.from({ length: 500 }, (_, i) => hosts[i % hosts.length]), 25, async (host) => (await post(anonUrl, activity(connector.url), { headers: { host } })).status);
        return { tried: '500 questions with a Host header naming another machine', held: statuses.every((s) => s === 403) && connector.calls === calls, what: `${tally(statuses)}; calls to the connector ${connector.calls - calls}` };
      },
    },
    {
      name: 'serviceUrl off this machine',
      server: 'anonymous',
      limitMs: 20_000,
      run: async () => {
        const urls = ['https://smba.trafficmanager.net/amer/', 'http://192.0.2.10/', 'http://127.0.0.1.attacker.example.com/'];
        const statuses = await pool(Array.from({ length: 500 }, (_, i) => urls[i % urls.length]), 25, async (serviceUrl) => (await post(anonUrl, activity(serviceUrl, { text: 'who sent as ceo@contoso.com this week' }))).status);
        return { tried: '500 audit questions whose replies would go to another machine', held: statuses.every((s) => s === 403), what: tally(statuses) };
      },
    },
    {
      name: 'hostile question text',
      server: 'anonymous',
      limitMs: 30_000,
      run: async () => {
        const texts = ['who sent as shared1@contoso.com this week '.repeat(2_500).slice(0, 100_000), '<'.repeat(100_000), "${concat('pw','ned')}", '\u202e\u0000\u0001\u001b[31m\ufeff\ud800 help'];
        const cards = connector.calls;
        const statuses = await pool(Array.from({ length: 100 }, (_, i) => texts[i % texts.length]), 10, async (text) => (await post(anonUrl, activity(connector.url, { text }))).status);
        await sleep(500);
        const pwned = connector.bodies.slice(-100).some((body) => body.includes('pwned'));
        return {
          tried: '100 questions of 100,000 characters, 100,000 unclosed tags, ${...} templates, control characters',
          held: statuses.every((s) => s === 200) && connector.calls - cards >= 100 && !pwned,
          what: `${tally(statuses)}; cards ${connector.calls - cards}; a template evaluated: ${pwned ? 'yes' : 'no'}`,
        };
      },
    },
    {
      name: 'bidi and invisible characters in records',
      server: 'anonymous',
      limitMs: 20_000,
      run: async () => {
        const before = connector.bodies.length;
        const questions = [`explain ${HOSTILE_ID}`, 'who sent as ceo@contoso.com this week', 'what did mallory@contoso.com send as this week'];
        const statuses = await pool(questions, 3, async (text) => (await post(anonUrl, activity(connector.url, { text }))).status);
        await sleep(500);
        const cards = connector.bodies.slice(before);
        const shown = cards.some((body) => body.includes('gpj.exe'));
        // Parsed and written again, escapes become the characters themselves.
        const leaked = cards.filter((body) => INVISIBLE.test(JSON.stringify((JSON.parse(body) as { attachments?: unknown }).attachments ?? []))).length;
        return {
          tried: 'a record whose subject and client carry U+202E, isolates, zero-width space and BOM, asked about three ways',
          held: statuses.every((s) => s === 200) && shown && leaked === 0,
          what: `${cards.length} cards, the subject shown: ${shown ? 'yes' : 'no'}, cards with invisible characters: ${leaked}`,
        };
      },
    },
    {
      name: 'signing keys: host never answers',
      server: 'app-id',
      limitMs: 20_000,
      run: async () => {
        metadata.mode = 'silent';
        const before = metadata.connections;
        const started = performance.now();
        const answers = await Promise.all(Array.from({ length: 200 }, () => withToken(appUrl, activity(connector.url), `Bearer ${token()}`)));
        const slowest = performance.now() - started;
        return {
          tried: '200 concurrent questions with valid tokens while the OpenID metadata host takes connections and never answers',
          held: answers.every((a) => a.status === 503 && a.retryAfter !== undefined && !internalText.test(a.body)) && slowest < 1_000 && metadata.connections - before <= 1,
          what: `${tally(answers.map((a) => a.status))} in ${Math.round(slowest)} ms; connections to the metadata host ${metadata.connections - before}`,
        };
      },
    },
    {
      name: 'signing keys: host refuses',
      server: 'app-id',
      limitMs: 20_000,
      run: async () => {
        metadata.mode = 'reset';
        // The failed fetch above is not retried for 5 s.
        await sleep(5_500);
        const answers = await pool(Array.from({ length: 200 }, (_, i) => i), 50, () => withToken(appUrl, activity(connector.url), `Bearer ${token()}`));
        return {
          tried: '200 questions with valid tokens while the metadata host resets every connection',
          held: answers.every((a) => a.status === 503 && a.retryAfter !== undefined && !internalText.test(a.body)),
          what: tally(answers.map((a) => a.status)),
        };
      },
    },
    {
      name: 'forged and misused tokens',
      server: 'app-id',
      limitMs: 30_000,
      run: async () => {
        metadata.mode = 'keys';
        await sleep(5_500);
        // Keys are fetched once, by the first request that needs them; until then a token cannot be checked (503).
        let first = await withToken(appUrl, activity(connector.url), `Bearer ${token()}`);
        for (let tries = 0; first.status !== 200 && tries < 20; tries += 1) {
          await sleep(500);
          first = await withToken(appUrl, activity(connector.url), `Bearer ${token()}`);
        }
        const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const now = Math.floor(Date.now() / 1000);
        const forged: [string, string][] = [
          ['none', ''],
          ['garbage', 'Bearer not.a.token'],
          ['unsigned', `Bearer ${jwt.sign({ iss: ISSUER, aud: BOT_ID, serviceurl: connector.url }, '', { algorithm: 'none' })}`],
          ['unknown key', `Bearer ${token({}, stranger.privateKey, 'stranger')}`],
          ['known kid, other key', `Bearer ${token({}, stranger.privateKey)}`],
          ['expired', `Bearer ${token({ nbf: now - 7200, exp: now - 3600 })}`],
          ['other audience', `Bearer ${token({ aud: '99999999-2222-4333-8444-555555555555' })}`],
          ['other issuer', `Bearer ${token({ iss: 'https://evil.example.com' })}`],
          ['other serviceUrl', `Bearer ${token({ serviceurl: 'https://smba.example.com/' })}`],
          ['emulator-style, no serviceurl', `Bearer ${token({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: BOT_ID, serviceurl: undefined })}`],
        ];
        const calls = connector.calls;
        const answers = await pool(Array.from({ length: 1_000 }, (_, i) => forged[i % forged.length]), 50, ([, authorization]) => withToken(appUrl, activity(connector.url), authorization));
        const genuine = await withToken(appUrl, activity(connector.url), `Bearer ${token()}`);
        return {
          tried: `1,000 questions with ${forged.map(([label]) => label).join(', ')} tokens, then one genuine`,
          held: first.status === 200 && answers.every((a) => a.status === 401 && !internalText.test(a.body)) && connector.calls - calls <= 2 && genuine.status === 200,
          what: `${tally(answers.map((a) => a.status))}; the genuine one ${genuine.status}`,
        };
      },
    },
    {
      name: 'refused users and mixed tenants',
      server: 'app-id',
      limitMs: 30_000,
      run: async () => {
        // Keys are served (as the forged-token attack leaves them), so `--only refused` runs on its own too.
        metadata.mode = 'keys';
        const before = await appId.server.conversations();
        // 25 at a time is past the turn bound (16): a 503 is asked again after its Retry-After, as the Bot Connector would.
        let busy = 0;
        const ask = async (body: unknown): Promise<HttpAnswer> => {
          for (let tries = 1; ; tries += 1) {
            const answer = await withToken(appUrl, body, `Bearer ${token()}`);
            if (answer.status !== 503 || answer.retryAfter === undefined || tries === 5) return answer;
            busy += 1;
            await sleep(Number(answer.retryAfter) * 1000);
          }
        };
        const strangers = await pool(Array.from({ length: 200 }, (_, i) => i), 25, (i) =>
          ask(activity(connector.url, { from: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, conversation: `a:stranger-${i}` })),
        );
        const mixed = await pool(Array.from({ length: 50 }, (_, i) => i), 25, (i) => ask(activity(connector.url, { conversation: `a:mixed-${i}`, channelTenant: OTHER_TENANT })));
        const after = await appId.server.conversations();
        return {
          tried: '200 non-admins in 200 conversations, and 50 admins whose conversation and channel data name different tenants, 25 at a time',
          held: [...strangers, ...mixed].every((a) => a.status === 200) && after === before,
          what: `${tally([...strangers, ...mixed].map((a) => a.status))} (refusal cards), after ${busy} answers 503 asked again; conversations stored ${after - before}`,
        };
      },
    },
  ];

  process.stdout.write(`abuse bench: the real server over loopback (anonymous mode, and with an app id against a local OpenID metadata host), Node ${process.version}\n`);
  const selected = attacks.filter((a) => options.only === undefined || a.name.includes(options.only));
  let held = 0;
  let worstRss = 0;
  try {
    for (const attack of selected) {
      const server = attack.server === 'anonymous' ? anonymous.server : appId.server;
      const probe = probes[attack.server];
      await probe.take();
      await server.stats(false);
      const outcome = await Promise.race([attack.run(), sleep(attack.limitMs).then((): Outcome => ({ tried: attack.name, held: false, what: `did not finish within ${attack.limitMs / 1000} s` }))]);
      const health = await probe.take();
      const stats = await server.stats(false);
      const rssMb = Math.round(stats.maxRssBytes / 1024 / 1024);
      worstRss = Math.max(worstRss, rssMb);
      const healthy = health.failures === 0 && health.p99 < HEALTHZ_TARGET_MS;
      const capped = outcome.maxConnections === undefined || health.peakConnections <= outcome.maxConnections;
      const ok = outcome.held && healthy && capped;
      if (ok) held += 1;
      process.stdout.write(
        `${ok ? 'HELD    ' : 'NOT HELD'} ${attack.name}: ${outcome.tried} → ${outcome.what}${outcome.maxConnections === undefined ? '' : `, at most ${health.peakConnections} connections open at the server (cap ${outcome.maxConnections})`} | /healthz p99 ${health.p99.toFixed(1)} ms, max ${health.max.toFixed(1)} ms (${health.samples} probes, ${health.failures} failed), server loop delay p99 ${stats.loopDelay.p99Ms.toFixed(0)} ms, max ${stats.loopDelay.maxMs.toFixed(0)} ms | server peak RSS ${rssMb} MB\n`,
      );
      await sleep(300);
    }
  } finally {
    probes.anonymous.stop();
    probes['app-id'].stop();
    await anonymous.server.stop();
    await appId.server.stop();
    await connector.stop();
    await metadata.stop();
  }
  const leaks = [anonymousLog, appIdLog].filter((path) => readFileSync(path, 'utf8').includes(SUBJECT_MARKER)).length;
  process.stdout.write(`subjects in the server logs: ${leaks === 0 ? 'none' : `found in ${leaks} log(s)`}\n`);
  if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  else process.stdout.write(`stores and server logs kept in ${workDir}\n`);
  const ran = selected.length;
  process.stdout.write(`${ran} attacks, ${held} held; /healthz p99 target < ${HEALTHZ_TARGET_MS} ms in each; server peak RSS ${worstRss} MB (target < ${RSS_TARGET_MB} MB)\n`);
  if (held !== ran || worstRss >= RSS_TARGET_MB || leaks > 0) process.exitCode = 1;
}

/** The tests' raw-bytes request (for a request no client library would send); any failure counts as no answer (0). */
function rawStatus(url: string, text: string): Promise<number> {
  return rawStatusOf(url, text).catch(() => 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:abuse failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
