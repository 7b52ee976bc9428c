import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** The issuer of Bot Framework channel tokens. */
export const BOT_ISSUER = 'https://api.botframework.com';

/** A local stand-in for login.botframework.com: the OpenID metadata and signing keys the bot trusts. */
export async function startMetadata(keys: { kid: string; key: KeyObject; endorsements: string[] }[]): Promise<{ server: Server; url: string }> {
  let base = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: BOT_ISSUER, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
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

/** A Teams channel's signing key, published by `startMetadata`, and the tokens it signs for one bot and service URL. */
export function teamsSigner(botId: string, serviceUrl: string): { readonly publicKey: KeyObject; sign(claims?: Record<string, unknown>): string } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: pair.publicKey,
    sign(claims = {}) {
      const now = Math.floor(Date.now() / 1000);
      return jwt.sign({ iss: BOT_ISSUER, aud: botId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 300, ...claims }, pair.privateKey, { algorithm: 'RS256', keyid: 'trusted' });
    },
  };
}
