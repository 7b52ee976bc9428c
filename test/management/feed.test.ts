import type { Timers } from '../../src/ingest';
import type { FeedRun, ManagementFeed } from '../../src/ingest/management-feed';
import { createManagementFeed } from '../../src/ingest/management-feed';
import { readFeedHealth } from '../../src/ingest/management-status';
import { feedHealthLines } from '../../src/ingest/health-lines';
import { wordHealthLines } from '../../src/i18n/ingest/health';
import { classify } from '../../src/classify/classify';
import { FakeClock } from '../fakes/clock';
import type { FakeFeedRecord, FakeManagementActivity } from '../fakes/management-activity';
import { contentIdOf, feedRecords, startFakeManagementActivity } from '../fakes/management-activity';
import { MemoryStore } from '../fakes/memory-store';

const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PUBLISHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const MANAGE_SCOPE = 'https://manage.office.com/.default';
const START = '2026-11-18T08:00:00.000Z';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Tokens as the fake Entra would have issued them: one for the Management API, one for Graph. */
const identity = {
  tokenRequests: [
    { kind: 'token' as const, params: { scope: MANAGE_SCOPE }, status: 200, token: 'manage-token' },
    { kind: 'token' as const, params: { scope: 'https://graph.microsoft.com/.default' }, status: 200, token: 'graph-token' },
  ],
};

interface Rig {
  readonly clock: FakeClock;
  readonly store: MemoryStore;
  readonly fake: FakeManagementActivity;
  readonly feed: ManagementFeed;
  readonly scopes: string[];
  /** Each run's report, as the ingestion stage would receive it. */
  readonly runs: FeedRun[];
}

async function rig(records: readonly FakeFeedRecord[], options: { firstContentDelayMs?: number; pageSize?: number } = {}): Promise<Rig> {
  const clock = new FakeClock(START);
  const store = new MemoryStore();
  const fake = await startFakeManagementActivity({ tenantId: TENANT, records, now: () => clock.now(), identity, pageSize: options.pageSize ?? 4, firstContentDelayMs: options.firstContentDelayMs ?? 0 });
  const scopes: string[] = [];
  const runs: FeedRun[] = [];
  // Sleeps (retry backoff) pass at once and move the clock, as they would in real time.
  const timers: Timers = {
    sleep: (ms) => {
      clock.advance(ms);
      return Promise.resolve();
    },
  };
  const feed = createManagementFeed(
    store,
    { tenantId: TENANT, baseUrl: fake.baseUrl, publisherId: PUBLISHER, intervalMs: MINUTE },
    {
      credential: {
        getToken: (scope: string | string[]) => {
          scopes.push(String(scope));
          return Promise.resolve({ token: String(scope) === MANAGE_SCOPE ? 'manage-token' : 'graph-token', expiresOnTimestamp: clock.now().getTime() + HOUR });
        },
      },
      ingest: (events) => store.ingest(events.map((event) => ({ event, classification: classify(event) }))),
      clock,
      timers,
      onRun: (run) => {
        runs.push(run);
        return Promise.resolve();
      },
    },
  );
  return { clock, store, fake, feed, scopes, runs };
}

/** Runs the feed once a minute until `until`. */
async function runUntil(r: Rig, until: number, each?: (at: number) => void): Promise<void> {
  while (r.clock.now().getTime() < until) {
    each?.(r.clock.now().getTime());
    await r.feed.runOnce();
    r.clock.advance(MINUTE);
  }
}

const sendIds = (records: readonly FakeFeedRecord[]): string[] =>
  records.filter((r) => r.auditData.Operation === 'SendAs' || r.auditData.Operation === 'SendOnBehalf').map((r) => String(r.auditData.Id));

describe('the Management Activity feed against the fake API', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('survives no content for hours, AF429 on every route, duplicate blobs, paging and an expired blob: every send stored once, the gap reported', async () => {
    const records = feedRecords({ from: '2026-11-18T08:01:00.000Z', minutes: 5 * 60, perMinute: 6 });
    const r = await rig(records, { firstContentDelayMs: 3 * HOUR, pageSize: 3 });
    closers.push(() => r.fake.close());
    r.fake.faults.duplicateEvery = 3;
    r.fake.faults.repeatInListing = true;
    // The blob of 10:05–10:10 (index 25 of 5-minute buckets from 08:00, no twin) has expired before it is read.
    const expiredBucket = Date.parse('2026-11-18T10:05:00.000Z');
    const expiredId = contentIdOf(expiredBucket, false);
    r.fake.faults.expiredContentIds.add(expiredId);
    const end = Date.parse(START) + 6 * HOUR;
    // Retry backoff moves the clock too, so each burst fires on the first run at or after its minute.
    const bursts: { minute: number; throttle: FakeManagementActivity['faults']['throttle'] }[] = [
      { minute: 0, throttle: { times: 2, route: 'start' } },
      { minute: 200, throttle: { times: 3, route: 'content' } },
      { minute: 230, throttle: { times: 2, route: 'blob' } },
      { minute: 260, throttle: { times: 9, route: null } },
    ];
    await runUntil(r, end, (at) => {
      if (bursts.length > 0 && at - Date.parse(START) >= bursts[0].minute * MINUTE) r.fake.faults.throttle = bursts.shift()?.throttle ?? r.fake.faults.throttle;
    });

    const expiredRecords = r.fake.blobs().find((b) => b.contentId === expiredId)?.records ?? [];
    expect(sendIds(expiredRecords).length).toBeGreaterThan(0);
    const lost = new Set(sendIds(expiredRecords));
    const listed = r.fake.blobs().flatMap((b) => b.records);
    const expected = [...new Set(sendIds(listed))].filter((id) => !lost.has(id)).sort();
    expect(expected.length).toBeGreaterThan(100);
    expect([...r.store.events.keys()].sort()).toEqual(expected);

    // Nothing read twice: each blob fetched successfully at most once, though listed again and again.
    const fetched = r.fake.requests.filter((q) => q.route === 'blob' && q.status === 200).map((q) => q.url);
    expect(new Set(fetched).size).toBe(fetched.length);
    // Throttling happened and was outlasted.
    expect(r.fake.requests.filter((q) => q.apiCode === 'AF429').length).toBe(2 + 3 + 2 + 9);
    // Started once; no listing before content existed lost anything.
    expect(r.fake.requests.filter((q) => q.route === 'start' && q.status === 200)).toHaveLength(1);
    // Every call named the publisher and used a Management API token.
    expect(r.fake.requests.every((q) => q.publisherId === PUBLISHER)).toBe(true);
    expect(new Set(r.scopes)).toEqual(new Set([MANAGE_SCOPE]));

    const health = await readFeedHealth(r.store, r.clock.now());
    expect(health?.gaps).toEqual([expect.objectContaining({ reason: 'expired', contentId: expiredId })]);
    expect(health?.subscription.enabled).toBe(true);
    expect(health?.totals.inserted).toBe(expected.length);
    expect(health?.totals.duplicateBlobs).toBeGreaterThan(0);
    expect(health?.totals.permissionRecords).toBe(listed.filter((x) => x.auditData.Operation === 'Add-RecipientPermission').length - expiredRecords.filter((x) => x.auditData.Operation === 'Add-RecipientPermission').length);
    expect(health?.contentLagMs).toBeLessThanOrEqual(2 * MINUTE);
    const kept = JSON.parse(r.store.state.get('feed.management.permission-records') ?? '[]') as { operation: string }[];
    expect(kept.length).toBe(health?.totals.permissionRecords);

    // Coverage reported: availability windows one after another, none holding the expired blob, up to the cursor.
    const covered = r.runs.flatMap((run) => run.covered);
    const expiredAt = r.fake.blobs().find((b) => b.contentId === expiredId)?.contentCreated ?? 0;
    expect(covered.some((w) => Date.parse(w.from) <= expiredAt && expiredAt < Date.parse(w.to))).toBe(false);
    const holes = covered.slice(1).filter((w, i) => w.from !== covered[i].to);
    expect(holes).toHaveLength(1);
    expect(Date.parse(holes[0].from)).toBeGreaterThan(expiredAt);
    expect(covered.at(-1)?.to).toBe(health?.cursor);
  });

  it('a subscription stopped by an admin is started again once the API allows it (15 minutes), and nothing is lost', async () => {
    const records = feedRecords({ from: '2026-11-18T08:01:00.000Z', minutes: 120, perMinute: 4 });
    const r = await rig(records);
    closers.push(() => r.fake.close());
    await runUntil(r, Date.parse(START) + 40 * MINUTE);
    r.fake.stopSubscription();
    const stoppedAt = r.clock.now().getTime();
    await runUntil(r, Date.parse(START) + 3 * HOUR);

    const starts = r.fake.requests.filter((q) => q.route === 'start');
    const refused = starts.filter((q) => q.apiCode === 'AF429');
    expect(refused.length).toBeGreaterThan(0);
    expect(starts.filter((q) => q.status === 200)).toHaveLength(2);
    // No start was tried between the refusal and 15 minutes later: the feed waited instead of hammering.
    expect(r.fake.subscription.lastStartAt).toBeGreaterThanOrEqual(stoppedAt + 15 * MINUTE);
    expect([...r.store.events.keys()].sort()).toEqual([...new Set(sendIds(r.fake.blobs().flatMap((b) => b.records)))].sort());
    const lines = wordHealthLines(feedHealthLines(await readFeedHealth(r.store, r.clock.now())), 'ja', 'Asia/Tokyo');
    expect(lines[0]).toContain('サブスクリプション: 有効');
  });

  it('a cursor older than the 7 days the API keeps becomes a reported gap, and no listing reaches past 7 days', async () => {
    const records = feedRecords({ from: '2026-11-18T08:01:00.000Z', minutes: 30, perMinute: 2 });
    const r = await rig(records);
    closers.push(() => r.fake.close());
    r.store.state.set('feed.management.state', JSON.stringify({ subscription: { enabled: false, lastStartAt: null, enabledAt: null }, cursor: '2026-11-10T00:00:00.000Z', seen: [] }));
    await runUntil(r, Date.parse(START) + HOUR);
    const health = await readFeedHealth(r.store, r.clock.now());
    expect(health?.gaps.at(-1)).toMatchObject({ reason: 'beyond-retention', from: '2026-11-10T00:00:00.000Z' });
    expect(r.fake.requests.filter((q) => q.apiCode === 'AF20055')).toEqual([]);
    expect(r.store.events.size).toBe(sendIds(records).length);
    expect(wordHealthLines(feedHealthLines(health ?? null), 'en', 'UTC').join(' ')).toMatch(/could not be read.*Graph re-sweep/);
  });
});
