import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { Random } from '../../src/audit/demo/random';
import type { ManagementFeed } from '../../src/ingest/management-feed';
import { createManagementFeed } from '../../src/ingest/management-feed';
import type { Timers } from '../../src/ingest/scheduler';
import { IngestStage } from '../../src/ingest/stage';
import type { SqliteStore } from '../../src/store/sqlite/store';
import type { FakeClock } from '../../test/fakes/clock';
import type { FakeGraph } from '../../test/fakes/graph';
import type { FakeFeedRecord, FakeManagementActivity } from '../../test/fakes/management-activity';
import { contentIdOf, startFakeManagementActivity } from '../../test/fakes/management-activity';

export const FEED_TENANT = 'simulated';
export const FEED_CLIENT = 'simulated-client';
export const FEED_SECRET = 'simulated-secret';
/** Records available within one such period share a content blob. */
export const FEED_BLOB_MS = 60_000;

/**
 * A client-credentials token from the fake Entra over HTTPS, trusting its self-signed certificate
 * explicitly (in-process, NODE_EXTRA_CA_CERTS comes too late); kept until 5 virtual minutes before expiry.
 */
function httpsEntraCredential(identity: FakeGraph, clock: FakeClock): { getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number }> } {
  if (identity.authorityHost === null || identity.caCertPath === null) throw new Error('the fake Graph was started without its HTTPS Entra');
  const tokenUrl = new URL(`${identity.authorityHost}/${FEED_TENANT}/oauth2/v2.0/token`);
  const ca = readFileSync(identity.caCertPath);
  const cache = new Map<string, { token: string; expiresOnTimestamp: number }>();
  const fetchToken = (scope: string): Promise<{ token: string; expiresOnTimestamp: number }> =>
    new Promise((resolve, reject) => {
      const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: FEED_CLIENT, client_secret: FEED_SECRET, scope }).toString();
      const req = request(tokenUrl, { method: 'POST', ca, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const answer = JSON.parse(text) as { access_token?: string; expires_in?: number; error_description?: string };
          if (res.statusCode !== 200 || answer.access_token === undefined) return reject(new Error(`token refused: ${answer.error_description ?? res.statusCode}`));
          resolve({ token: answer.access_token, expiresOnTimestamp: clock.now().getTime() + (answer.expires_in ?? 3600) * 1000 });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    getToken: async (scopes) => {
      const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
      const held = cache.get(scope);
      if (held !== undefined && held.expiresOnTimestamp - clock.now().getTime() > 5 * 60_000) return held;
      const fresh = await fetchToken(scope);
      cache.set(scope, fresh);
      return fresh;
    },
  };
}

export interface FeedRig {
  readonly fake: FakeManagementActivity;
  readonly feed: ManagementFeed;
  /** Injects a throttling burst now and then; call before each feed run. */
  armFaults(random: Random): void;
  readonly fired: Record<string, number>;
  close(): Promise<void>;
}

/**
 * The real Management Activity runner, wired as the app wires it (the one ingestion stage, the store's
 * key-value state, detection after a run that stored records), against the fake API over loopback HTTP with its faults: empty content for
 * `firstContentDelayMs` after subscribing, expired blobs, twin blobs, blobs repeated in a listing,
 * small pages (NextPageUri) and AF429 bursts.
 */
export async function startFeedRig(options: {
  readonly records: readonly FakeFeedRecord[];
  readonly clock: FakeClock;
  readonly identity: FakeGraph;
  readonly store: SqliteStore;
  readonly timers: Timers;
  readonly faults: boolean;
  readonly firstContentDelayMs: number;
  /** Blob periods (start ms) whose blob answers AF20051. */
  readonly expiredBlobs: readonly number[];
  /** After a run that stored new records: the app runs detection on them at once. */
  readonly onStored: () => Promise<unknown>;
}): Promise<FeedRig> {
  const { clock } = options;
  const fake = await startFakeManagementActivity({
    tenantId: FEED_TENANT,
    records: options.records,
    now: () => clock.now(),
    identity: options.identity,
    blobEveryMs: FEED_BLOB_MS,
    pageSize: options.faults ? 4 : 100,
    firstContentDelayMs: options.firstContentDelayMs,
  });
  const fired: Record<string, number> = {};
  if (options.faults) {
    fake.faults.duplicateEvery = 5;
    for (const bucket of options.expiredBlobs) fake.faults.expiredContentIds.add(contentIdOf(bucket, false));
    if (options.expiredBlobs.length > 0) fired['feed-expired-blob'] = options.expiredBlobs.length;
  }
  const stage = new IngestStage(options.store);
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const feed = createManagementFeed(
    options.store,
    { tenantId: FEED_TENANT, baseUrl: fake.baseUrl, publisherId: FEED_TENANT, intervalMs: 60_000 },
    {
      credential: httpsEntraCredential(options.identity, clock),
      ingest: (events) => stage.storeEvents(events),
      clock,
      timers: options.timers,
      logger: silent,
      onRun: async (run) => {
        if (run.inserted > 0) await options.onStored();
      },
    },
  );
  return {
    fake,
    feed,
    fired,
    armFaults: (random) => {
      const count = (kind: string): void => {
        fired[kind] = (fired[kind] ?? 0) + 1;
      };
      if (fake.faults.throttle.times === 0 && random.next() < 0.01) {
        fake.faults.throttle = { times: 1 + Math.floor(random.next() * 4), route: null };
        count('feed-af429');
      }
      fake.faults.repeatInListing = random.next() < 0.05;
      if (fake.faults.repeatInListing) count('feed-repeat-in-listing');
    },
    close: async () => {
      await feed.stop();
      await fake.close();
    },
  };
}
