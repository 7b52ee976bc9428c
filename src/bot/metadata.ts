import { createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
// Not in the package's index: the one place botbuilder builds its key fetcher.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';

/**
 * The Bot Framework's signing keys, fetched the way an outage cannot turn into a hang. botbuilder's
 * own OpenIdMetadata fetches with no timeout, once per waiting request, and throws its internal error
 * text (turned into a 500 with that text as the body) when the host is down. Here one fetch at a time
 * runs per metadata URL, with a timeout; a request waits for it at most `waitMs`; the last keys that
 * were fetched stay in use while a refresh fails; and a failed fetch is not tried again for `retryMs`.
 */

/** Thrown when no keys were ever fetched: the caller cannot be checked, so it is told to come back. */
export class SigningKeysUnavailable extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the Bot Framework signing keys could not be fetched');
    this.name = 'SigningKeysUnavailable';
  }
}

export interface SigningKeySettings {
  /** A fetch of the metadata and the key set together gives up after this long. */
  readonly fetchTimeoutMs: number;
  /** A request waits this long for a fetch in progress before it is answered without it. */
  readonly waitMs: number;
  /** After a failed fetch, none is tried again for this long. */
  readonly retryMs: number;
  /** Keys older than this are refreshed (in the background while they are still in use). */
  readonly refreshMs: number;
  /** A token naming a key not in the set refreshes it, at most this often. */
  readonly unknownKeyRefreshMs: number;
}

export const DEFAULT_SIGNING_KEY_SETTINGS: SigningKeySettings = {
  fetchTimeoutMs: 10_000,
  waitMs: 500,
  retryMs: 5_000,
  refreshMs: 24 * 3_600_000,
  unknownKeyRefreshMs: 5 * 60_000,
};

interface PublishedKey extends JsonWebKey {
  readonly kid?: string;
  readonly endorsements?: string[];
}

/**
 * What botbuilder's JwtTokenExtractor asks of its metadata: the key and endorsements for a kid. It hands
 * the key to jsonwebtoken's verify, which takes a KeyObject as it is and parses a PEM text again on every
 * token: a forged-token flood spent a tenth of its CPU there.
 */
interface SigningKey {
  readonly key: KeyObject;
  readonly endorsements?: string[];
}

export class GuardedOpenIdMetadata {
  private keys: readonly PublishedKey[] | null = null;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private failedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  /** Each published key built once per fetched set. */
  private readonly built = new WeakMap<PublishedKey, KeyObject>();

  constructor(
    readonly url: string,
    private readonly settings: SigningKeySettings = DEFAULT_SIGNING_KEY_SETTINGS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async getKey(keyId: string): Promise<SigningKey | null> {
    const now = this.now();
    const found = this.find(keyId);
    const stale = now - this.fetchedAt > this.settings.refreshMs;
    const unknownKey = this.keys !== null && found === null && now - this.fetchedAt > this.settings.unknownKeyRefreshMs;
    if (!stale && !unknownKey) return found;
    const refresh = this.refresh();
    // Keys in hand and merely old: use them, the refresh lands for the next request.
    if (this.keys !== null && !unknownKey) return found;
    await Promise.race([refresh, new Promise((resolve) => setTimeout(resolve, this.settings.waitMs).unref())]);
    if (this.keys === null) throw new SigningKeysUnavailable(Math.ceil(this.settings.retryMs / 1000));
    return this.find(keyId);
  }

  /** One fetch at a time, and none for a while after one failed. Never rejects. */
  private refresh(): Promise<void> {
    if (this.inFlight !== null) return this.inFlight;
    if (this.now() - this.failedAt < this.settings.retryMs) return Promise.resolve();
    this.inFlight = this.fetchKeys()
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = this.now();
      })
      .catch(() => {
        this.failedAt = this.now();
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<PublishedKey[]> {
    const signal = AbortSignal.timeout(this.settings.fetchTimeoutMs);
    const config = await fetch(this.url, { signal });
    if (!config.ok) throw new Error(`OpenID metadata answered ${config.status}`);
    const { jwks_uri: jwksUri } = (await config.json()) as { jwks_uri?: unknown };
    if (typeof jwksUri !== 'string') throw new Error('OpenID metadata names no jwks_uri');
    const set = await fetch(jwksUri, { signal });
    if (!set.ok) throw new Error(`the key set answered ${set.status}`);
    const { keys } = (await set.json()) as { keys?: unknown };
    if (!Array.isArray(keys)) throw new Error('the key set holds no keys');
    return keys as PublishedKey[];
  }

  private find(keyId: string): SigningKey | null {
    const published = this.keys?.find((k) => k.kid === keyId);
    // Only RSA keys, as botbuilder: anything else is no key.
    if (published === undefined || published.kty !== 'RSA' || published.n === undefined || published.e === undefined) return null;
    let key = this.built.get(published);
    if (key === undefined) {
      key = createPublicKey({ key: { kty: 'RSA', n: published.n, e: published.e }, format: 'jwk' });
      this.built.set(published, key);
    }
    return { key, endorsements: published.endorsements };
  }
}

interface MetadataCache {
  getOrAddOpenIdMetadata(url: string): unknown;
}

const guarded = new Map<string, GuardedOpenIdMetadata>();

/**
 * Makes botbuilder take its signing keys from GuardedOpenIdMetadata, one per metadata URL for the
 * process (botbuilder's own cache is per process too). botbuilder offers no seam for the fetch, so its
 * static factory is replaced; every token check goes through it.
 */
export function guardSigningKeys(settings: SigningKeySettings = DEFAULT_SIGNING_KEY_SETTINGS): void {
  (JwtTokenExtractor as unknown as MetadataCache).getOrAddOpenIdMetadata = (url: string) => {
    let metadata = guarded.get(url);
    if (metadata === undefined) {
      metadata = new GuardedOpenIdMetadata(url, settings);
      guarded.set(url, metadata);
    }
    return metadata;
  };
}
