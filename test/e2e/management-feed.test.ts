import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import type { FakeManagementActivity } from '../fakes/management-activity';
import { contentIdOf, feedRecords, startFakeManagementActivity } from '../fakes/management-activity';
import type { AppProcess } from './support/app-process';
import { startAppProcess } from './support/app-process';

const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const CLIENT = '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70';
const SECRET = 'test-only-secret';
const EPOCH = '2026-11-18T08:00:00.000Z';
/** Virtual time runs 1,200 times faster: a minute of the feed is 50 ms, five hours 15 s. */
const SPEED = 1200;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The real app in its own process (it must trust the fake Entra's certificate, which Node reads only
 * at start) on AUDIT_FEED=management-activity: the token comes from the HTTPS Entra fake through
 * @azure/identity, and the fake API throws every fault it has at the feed.
 */
describe('the bot on the Management Activity feed, against the fake API with every fault', () => {
  let dir: string;
  let graph: FakeGraph;
  let feed: FakeManagementActivity;
  let app: AppProcess | null = null;
  const wallStart = Date.now();
  const now = (): Date => new Date(Date.parse(EPOCH) + (Date.now() - wallStart) * SPEED);
  const waitUntilVirtual = async (at: number): Promise<void> => {
    while (now().getTime() < at) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-feed-e2e-'));
    graph = await startFakeGraph({ records: [], now, identity: { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET } });
    feed = await startFakeManagementActivity({
      tenantId: TENANT,
      records: feedRecords({ from: '2026-11-18T08:01:00.000Z', minutes: 16 * 60, perMinute: 6 }),
      now,
      identity: graph,
      pageSize: 4,
      firstContentDelayMs: HOUR,
    });
  });
  afterAll(async () => {
    if (app !== null) {
      app.process.kill('SIGTERM');
      await app.exited;
    }
    await feed.close();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every SendAs and SendOnBehalf once, reports the expired blob, and says so in /healthz', async () => {
    feed.faults.duplicateEvery = 2;
    feed.faults.repeatInListing = true;
    feed.faults.throttle = { times: 3, route: 'start' };
    // The 17th five-minute blob after subscribing (the fake gives it no twin) expires: its records are lost to the feed, for the Graph re-sweep.
    feed.faults.expiredBucketAfterSubscribing = 17;
    const storePath = join(dir, 'sendas.db');
    app = await startAppProcess(
      {
        STORE_PATH: storePath,
        LOG_LEVEL: 'warn',
        AUDIT_SOURCE: 'graph',
        AUDIT_FEED: 'management-activity',
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: SECRET,
        AZURE_AUTHORITY_HOST: graph.authorityHost ?? '',
        NODE_EXTRA_CA_CERTS: graph.caCertPath ?? '',
        GRAPH_BASE_URL: graph.baseUrl,
        MANAGEMENT_BASE_URL: feed.baseUrl,
        BACKFILL_DAYS: '1',
        SENDAS_TEST_EPOCH: EPOCH,
        SENDAS_TEST_EPOCH_AT_MS: String(wallStart),
        SENDAS_TEST_SPEED: String(SPEED),
      },
      'the app on the feed',
    );
    // The feed only has content from the subscription on; the app's start-up took some virtual hours.
    while (feed.subscription.firstStartAt === null) await new Promise((resolve) => setTimeout(resolve, 20));
    const subscribed = feed.subscription.firstStartAt;
    const expiredId = contentIdOf(Math.floor(subscribed / (5 * MINUTE)) * 5 * MINUTE + 17 * 5 * MINUTE, false);
    await waitUntilVirtual(subscribed + 1.5 * HOUR);
    feed.faults.throttle = { times: 6, route: 'blob' };
    await waitUntilVirtual(subscribed + 2 * HOUR);
    feed.faults.throttle = { times: 4, route: 'content' };
    await waitUntilVirtual(subscribed + 3 * HOUR);

    // The feed lists once a virtual minute: what became available more than 10 minutes ago must be stored by now.
    const settledBefore = now().getTime() - 10 * MINUTE;
    const blobs = feed.blobs();
    const sends = (ops: readonly string[]) => (b: (typeof blobs)[number]) => b.records.filter((r) => ops.includes(String(r.auditData.Operation))).map((r) => String(r.auditData.Id));
    const lost = new Set(blobs.filter((b) => b.contentId === expiredId).flatMap(sends(['SendAs', 'SendOnBehalf'])));
    const expected = [...new Set(blobs.filter((b) => b.contentCreated < settledBefore).flatMap(sends(['SendAs', 'SendOnBehalf'])))].filter((id) => !lost.has(id)).sort();
    const possible = new Set(blobs.flatMap(sends(['SendAs', 'SendOnBehalf'])));
    expect(lost.size).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(50);

    const db = new Database(storePath, { readonly: true, fileMustExist: true });
    let stored: string[];
    try {
      stored = (db.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[]).sort();
    } finally {
      db.close();
    }
    // Nothing lost (every settled send is there), nothing foreign, and no blob's records counted twice.
    expect(stored.filter((id) => expected.includes(id))).toEqual(expected);
    expect(stored.filter((id) => !possible.has(id) || lost.has(id))).toEqual([]);

    const health = (await (await fetch(`${app.url}/healthz`)).json()) as { feed?: { subscription: { enabled: boolean }; gaps: { contentId: string | null; reason: string }[]; contentLagMs: number; totals: { inserted: number } } };
    expect(health.feed?.subscription.enabled).toBe(true);
    expect(health.feed?.gaps).toEqual([expect.objectContaining({ reason: 'expired', contentId: expiredId })]);
    expect(health.feed?.totals.inserted).toBeGreaterThanOrEqual(stored.length);
    expect(health.feed?.contentLagMs).toBeLessThan(30 * MINUTE);

    // The token was asked of the HTTPS Entra fake for the Management API's own resource; every call named the publisher.
    expect(graph.tokenRequests.some((t) => t.kind === 'token' && t.status === 200 && t.params.scope === 'https://manage.office.com/.default')).toBe(true);
    expect(feed.requests.every((r) => r.publisherId === TENANT && r.status !== 401)).toBe(true);
    expect(feed.requests.filter((r) => r.apiCode === 'AF429').length).toBe(3 + 6 + 4);
    expect(feed.requests.filter((r) => r.route === 'start' && r.status === 200)).toHaveLength(1);
    const fetched = feed.requests.filter((r) => r.route === 'blob' && r.status === 200).map((r) => r.url);
    expect(new Set(fetched).size).toBe(fetched.length);
  }, 120_000);
});
