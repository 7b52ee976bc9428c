import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SIGNING_KEY_SETTINGS, GuardedOpenIdMetadata, SigningKeysUnavailable } from '../../src/bot/metadata';

const HOUR = 3_600_000;

/** An OpenID metadata host whose answers the test switches: keys, 500, or nothing at all. */
async function metadataHost(): Promise<{ url: string; mode: { value: 'keys' | 'failing' | 'silent' }; fetches: () => number; close(): Promise<void> }> {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mode = { value: 'keys' as 'keys' | 'failing' | 'silent' };
  let fetches = 0;
  let base = '';
  const server: Server = createServer((req, res) => {
    if (mode.value === 'silent') return;
    if (mode.value === 'failing') {
      res.statusCode = 500;
      res.end('internal: stack trace here');
      return;
    }
    if (req.url === '/config') fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(req.url === '/config' ? JSON.stringify({ jwks_uri: `${base}/keys` }) : JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', endorsements: ['msteams'] }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/config`,
    mode,
    fetches: () => fetches,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the signing keys botbuilder checks tokens with', () => {
  let host: Awaited<ReturnType<typeof metadataHost>>;
  beforeEach(async () => {
    host = await metadataHost();
  });
  afterEach(async () => {
    await host.close();
  });

  it('keeps the keys it has when a refresh fails after they grew old (botbuilder threw, and the caller got a 500)', async () => {
    let now = 0;
    const metadata = new GuardedOpenIdMetadata(host.url, DEFAULT_SIGNING_KEY_SETTINGS, () => now);
    expect((await metadata.getKey('k1'))?.endorsements).toEqual(['msteams']);
    host.mode.value = 'failing';
    now += 25 * HOUR;
    expect((await metadata.getKey('k1'))?.key.asymmetricKeyType).toBe('rsa');
  });

  it('builds each published key once, not once per token checked', async () => {
    const metadata = new GuardedOpenIdMetadata(host.url, DEFAULT_SIGNING_KEY_SETTINGS, () => 0);
    const first = await metadata.getKey('k1');
    const second = await metadata.getKey('k1');
    expect(first?.key.type).toBe('public');
    expect(second?.key).toBe(first?.key);
  });

  it('tells a caller to come back when keys were never fetched, without waiting for a host that never answers', async () => {
    host.mode.value = 'silent';
    const metadata = new GuardedOpenIdMetadata(host.url, { ...DEFAULT_SIGNING_KEY_SETTINGS, waitMs: 50 });
    const refusal = await Promise.allSettled([metadata.getKey('k1'), metadata.getKey('k1')]);
    expect(refusal.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'resolved'))).toEqual(['SigningKeysUnavailable', 'SigningKeysUnavailable']);
    expect((refusal[0] as PromiseRejectedResult).reason).toBeInstanceOf(SigningKeysUnavailable);
  });

  it('fetches once for many concurrent callers, and for a key not in the set at most every five minutes', async () => {
    let now = 0;
    const metadata = new GuardedOpenIdMetadata(host.url, DEFAULT_SIGNING_KEY_SETTINGS, () => now);
    await Promise.all(Array.from({ length: 20 }, () => metadata.getKey('k1')));
    expect(host.fetches()).toBe(1);
    // A token naming a key not in the set refreshes it, at most every five minutes.
    now += 10 * 60_000;
    expect(await metadata.getKey('rotated')).toBeNull();
    expect(host.fetches()).toBe(2);
    expect(await metadata.getKey('rotated')).toBeNull();
    expect(host.fetches()).toBe(2);
  });
});
