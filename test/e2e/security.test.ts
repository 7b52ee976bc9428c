import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { loadConfig } from '../../src/config';
import { postActivity, teamsMessage } from '../support/activities';
import { BOT_ISSUER, startMetadata } from '../support/bot-tokens';

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ISSUER = BOT_ISSUER;
const SERVICE_URL = 'http://127.0.0.1:9/';

describe('Bot Framework authentication with an app id', () => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const webchatOnly = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let metadata: { server: Server; url: string };
  let app: App;

  beforeAll(async () => {
    metadata = await startMetadata([
      { kid: 'trusted', key: trusted.publicKey, endorsements: ['msteams'] },
      { kid: 'webchat-only', key: webchatOnly.publicKey, endorsements: ['webchat'] },
    ]);
    const config = loadConfig({ PORT: '0', BIND_HOST: '127.0.0.1', STORE_PATH: ':memory:', LOG_LEVEL: 'silent', DEMO_USERS: '10', DEMO_DAYS: '1', BOT_ID, BOT_PASSWORD: 'test-only', BOT_TENANT_ID: TENANT, SENDAS_ADMINS: '00000000-0000-4000-8000-00000000a001' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    app = await startApp(config.config, createLogger('silent'), { now: () => new Date('2026-11-18T10:00:00Z'), botFrameworkOverrides: {
        // Setting any endpoint makes botbuilder use only what is given, so the public cloud's issuer is named too.
        ToBotFromChannelOpenIdMetadataUrl: metadata.url,
        ToBotFromChannelTokenIssuer: ISSUER,
        ToBotFromEmulatorOpenIdMetadataUrl: metadata.url,
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => metadata.server.close(() => resolve()));
  });

  function token(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    return jwt.sign({ iss: ISSUER, aud: BOT_ID, serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 300, ...claims }, options.key ?? trusted.privateKey, {
      algorithm: 'RS256',
      keyid: options.kid ?? 'trusted',
    });
  }

  async function statusWith(authorization: string | null): Promise<number> {
    const activity = teamsMessage({ serviceUrl: SERVICE_URL, text: 'help', tenantId: TENANT });
    const { status } = await postActivity(app.url, activity, authorization === null ? {} : { authorization });
    return status;
  }

  it('accepts a token signed by a key the Bot Framework endorses for Teams', async () => {
    expect(await statusWith(`Bearer ${token({})}`)).not.toBe(401);
  });

  it.each([
    ['no Authorization header', () => null],
    ['another audience', () => `Bearer ${token({ aud: '99999999-2222-4333-8444-555555555555' })}`],
    ['another issuer', () => `Bearer ${token({ iss: 'https://evil.example.com' })}`],
    ['an expired token', () => `Bearer ${token({ nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })}`],
    ['a key nobody published', () => `Bearer ${token({}, { key: stranger.privateKey, kid: 'stranger' })}`],
    ['a published key signing with the wrong kid', () => `Bearer ${token({}, { key: stranger.privateKey })}`],
    ['a key endorsed only for another channel', () => `Bearer ${token({}, { key: webchatOnly.privateKey, kid: 'webchat-only' })}`],
    ['a token for another service URL', () => `Bearer ${token({ serviceurl: 'https://smba.example.com/' })}`],
    ['an unsigned token', () => `Bearer ${jwt.sign({ iss: ISSUER, aud: BOT_ID, serviceurl: SERVICE_URL }, '', { algorithm: 'none' })}`],
    ['garbage', () => 'Bearer not.a.token'],
  ])('refuses %s with 401', async (_name, authorization) => {
    expect(await statusWith(authorization())).toBe(401);
  });

  it('refuses a valid token that vouches for no serviceUrl (an emulator-style token) with 401', async () => {
    // botbuilder checks the serviceurl claim of channel tokens only; this token type has none.
    const emulator = token({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: BOT_ID, serviceurl: undefined });
    const activity = teamsMessage({ serviceUrl: 'https://attacker.example.com/', text: 'help', tenantId: TENANT });
    const { status } = await postActivity(app.url, activity, { authorization: `Bearer ${emulator}` });
    expect(status).toBe(401);
  });

  it('writes botbuilder’s complaint about an expired token through the logger, not the console', async () => {
    const original = console.error;
    const consoleError = jest.fn();
    console.error = consoleError;
    const lines: { level: number; event?: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; event?: string });
        done();
      },
    });
    const config = loadConfig({ PORT: '0', BIND_HOST: '127.0.0.1', STORE_PATH: ':memory:', DEMO_USERS: '10', DEMO_DAYS: '1', BOT_ID, BOT_PASSWORD: 'test-only', BOT_TENANT_ID: TENANT, SENDAS_ADMINS: '00000000-0000-4000-8000-00000000a001' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    const logged = await startApp(config.config, createLogger('warn', sink), { botFrameworkOverrides: { ToBotFromChannelOpenIdMetadataUrl: metadata.url, ToBotFromChannelTokenIssuer: ISSUER } });
    try {
      const expired = token({ nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 });
      const { status, body } = await postActivity(logged.url, teamsMessage({ serviceUrl: SERVICE_URL, text: 'help', tenantId: TENANT }), { authorization: `Bearer ${expired}` });
      expect(status).toBe(401);
      expect(body).not.toMatch(/expired|jwt|Error/);
      expect(consoleError).not.toHaveBeenCalled();
      expect(lines.filter((line) => line.event === 'library-console')).toEqual([expect.objectContaining({ level: 40 })]);
    } finally {
      await logged.close();
      console.error = original;
    }
  });
});

let silentHosts = 0;

/**
 * A metadata host that takes connections and never answers; it counts them. Each URL is unique: the
 * signing keys' guard is per URL for the process, and a port the OS hands out again must not inherit
 * an earlier host's failed fetch (it did, and this host saw no connection).
 */
async function startSilentHost(): Promise<{ server: Server; url: string; connections: () => number }> {
  silentHosts += 1;
  let connections = 0;
  const server = createServer(() => undefined);
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration?host=${silentHosts}`, connections: () => connections };
}

describe('Bot Framework signing keys that cannot be fetched', () => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const apps: App[] = [];
  const servers: Server[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function botWith(metadataUrl: string): Promise<App> {
    const config = loadConfig({ PORT: '0', BIND_HOST: '127.0.0.1', STORE_PATH: ':memory:', LOG_LEVEL: 'silent', DEMO_USERS: '10', DEMO_DAYS: '1', BOT_ID, BOT_PASSWORD: 'test-only', BOT_TENANT_ID: TENANT, SENDAS_ADMINS: '00000000-0000-4000-8000-00000000a001' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    const app = await startApp(config.config, createLogger('silent'), { botFrameworkOverrides: { ToBotFromChannelOpenIdMetadataUrl: metadataUrl, ToBotFromChannelTokenIssuer: ISSUER } });
    apps.push(app);
    return app;
  }

  function bearer(kid = 'trusted'): string {
    const now = Math.floor(Date.now() / 1000);
    return `Bearer ${jwt.sign({ iss: ISSUER, aud: BOT_ID, serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 300 }, trusted.privateKey, { algorithm: 'RS256', keyid: kid })}`;
  }

  async function ask(app: App): Promise<{ status: number; body: string; retryAfter: string | null; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer() },
      body: JSON.stringify(teamsMessage({ serviceUrl: SERVICE_URL, text: 'help', tenantId: TENANT })),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after'), ms: performance.now() - started };
  }

  it('answers 503 with Retry-After when the metadata host refuses connections, and says nothing of why', async () => {
    const closed = await startSilentHost();
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const app = await botWith(closed.url);
    const answer = await ask(app);
    expect(answer.status).toBe(503);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.body).not.toMatch(/ECONN|fetch|openid|metadata|Failed|127\.0\.0\.1/i);
  });

  it('answers within about a second when the host never answers, with one connection to it for twenty requests', async () => {
    const silent = await startSilentHost();
    servers.push(silent.server);
    const app = await botWith(silent.url);
    const answers = await Promise.all(Array.from({ length: 20 }, () => ask(app)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));
    // botbuilder alone waited for minutes, one socket per request.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5_000);
    expect(silent.connections()).toBe(1);
  });

  it('keeps the keys it fetched once the host goes away: a known key is still accepted, an unknown one is a 401', async () => {
    const metadata = await startMetadata([{ kid: 'trusted', key: trusted.publicKey, endorsements: ['msteams'] }]);
    const app = await botWith(metadata.url);
    expect((await ask(app)).status).toBe(200);
    metadata.server.closeAllConnections();
    await new Promise<void>((resolve) => metadata.server.close(() => resolve()));
    expect((await ask(app)).status).toBe(200);
    const unknown = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer('rotated-away') },
      body: JSON.stringify(teamsMessage({ serviceUrl: SERVICE_URL, text: 'help', tenantId: TENANT })),
    });
    expect(unknown.status).toBe(401);
  });
});
