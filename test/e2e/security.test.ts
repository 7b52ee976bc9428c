import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { loadConfig } from '../../src/config';
import { postActivity, teamsMessage } from '../support/activities';

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'http://127.0.0.1:9/';

/** A local stand-in for login.botframework.com: the OpenID metadata and signing keys the bot trusts. */
async function startMetadata(keys: { kid: string; key: KeyObject; endorsements: string[] }[]): Promise<{ server: Server; url: string }> {
  let base = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/keys') {
      res.end(JSON.stringify({ keys: keys.map(({ kid, key, endorsements }) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', endorsements })) }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: `${base}/v1/.well-known/openidconfiguration` };
}

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
});
