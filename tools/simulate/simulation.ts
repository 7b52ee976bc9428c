import type { FetchLike } from '../../src/audit/graph';
import type { DemoTenant, PlantedAnomaly } from '../../src/audit/demo/tenant';
import { buildDemoTenant, generateDemoTenant } from '../../src/audit/demo/tenant';
import { generateDemoRights } from '../../src/audit/demo/rights';
import { Random, seedFrom } from '../../src/audit/demo/random';
import type { Anomaly } from '../../src/detect/anomaly';
import { findAnomalies } from '../../src/detect/find';
import { createGraphIngestion } from '../../src/ingest';
import { DEFAULT_SETTLE_SCHEDULE, settleAfterMs } from '../../src/ingest/settle';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/ingest/windows';
import { DetectionScheduler } from '../../src/notify/scheduler';
import type { Interval } from '../../src/store/coverage';
import { gaps, mergeIntervals, toWindow } from '../../src/store/coverage';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { ClassifiedEvent } from '../../src/store/store';
import { FakeClock } from '../../test/fakes/clock';
import type { FakeAuditRecord, FakeGraph } from '../../test/fakes/graph';
import type { FakeFeedRecord } from '../../test/fakes/management-activity';
import { startFakeGraph } from '../../test/fakes/graph';
import { detectableAt } from './detectable';
import type { LatencyProfile } from './latency';
import { drawDelayMs, maxDelayMs } from './latency';
import type { FeedRig } from './feed';
import { FEED_BLOB_MS, FEED_CLIENT, FEED_SECRET, FEED_TENANT, startFeedRig } from './feed';
import { VirtualTime } from './virtual-time';

/** Which feed brings new records: Graph queries alone, or the Management Activity feed with Graph re-sweeps behind it. */
export type SimulatedFeed = 'graph' | 'management-activity';

export interface SimulationOptions {
  /** Simulated days of live tenant activity, after a backfilled baseline. */
  readonly days: number;
  readonly seed: number;
  readonly latency: LatencyProfile;
  /** Demo tenant size. */
  readonly users: number;
  /** History before the live days, backfilled on the first start (the detectors' baseline). */
  readonly baselineDays: number;
  /** GRAPH_QUERY_BUDGET: submissions allowed in any 24 hours. */
  readonly budget: number;
  /** Inject Microsoft's faults (429, 5xx, malformed pages, 403 blips, truncation, ambiguous creates, slow queries). */
  readonly faults: boolean;
  /**
   * GRAPH_ADMIN_RECORDS (on unless false): the tenant's admin records (grants and removals of rights,
   * late like its sends) are served too, and each window's one query asks for them beside the SendAs records.
   */
  readonly adminRecords?: boolean;
  readonly feed?: SimulatedFeed;
  /** With the Management Activity feed: the delay from an event to its content being listed. */
  readonly feedLatency?: LatencyProfile;
  /** With the Management Activity feed: nothing is listed this long after subscribing (the API says up to 12 hours). */
  readonly feedFirstContentMinutes?: number;
  /** SENDAS_NOTIFY_EVERY_MINUTES: the detectors' cadence (the app's default is 5). */
  readonly detectEveryMinutes?: number;
  readonly onProgress?: (line: string) => void;
}

export interface SimulationResult {
  readonly feed: SimulatedFeed;
  readonly detectEveryMinutes: number;
  readonly days: number;
  readonly seed: number;
  readonly users: number;
  /** Records generated, and how many of them are stored at the end. */
  readonly records: number;
  readonly stored: number;
  /** Records searchable within the run but never stored. */
  readonly lost: number;
  /** The first lost records, with the coverage of their time at the end: what to look into. */
  readonly lostSamples: readonly { readonly time: string; readonly searchableAt: string; readonly coverage: string }[];
  /** Stored events beyond one per generated record. */
  readonly duplicated: number;
  /** Records missing from a window at a moment the store called that window settled. */
  readonly falseComplete: number;
  /** With admin records: the same four measures for them (the rights changes they are stored as). */
  readonly rights: {
    readonly records: number;
    readonly stored: number;
    readonly lost: number;
    readonly duplicated: number;
    readonly falseComplete: number;
  } | null;
  /** Records more than 5 hours late: the ones a single incremental pass misses. */
  readonly lateOver5h: number;
  readonly lateOver50h: number;
  /** Graph queries created (ambiguous creates included), against the budget. */
  readonly submissions: number;
  readonly submissionsMaxPer24h: number;
  readonly budget: number;
  readonly resweepQueries: number;
  readonly faultsInjected: Readonly<Record<string, number>>;
  /** Kinds of anomaly planted in the tenant, and those found by an anomaly citing a planted record. */
  readonly plantedKinds: readonly string[];
  readonly plantedKindsDetected: readonly string[];
  /** Management Activity feed runs, and what the feed itself read and stored (Graph stores the rest). */
  readonly feedRuns: number;
  readonly feedStored: number;
  /**
   * Anomalies citing planted records: their latency from the moment they became detectable (the record that
   * made them so became available: searchable in Graph, or listed by the feed, whichever is first) to being
   * recorded.
   */
  readonly detectedPlanted: number;
  readonly detections: readonly Detection[];
  readonly detectionP50Minutes: number | null;
  readonly detectionP95Minutes: number | null;
  readonly simulatedHours: number;
  readonly wallSeconds: number;
}

/** One detected planted anomaly, with the path of the record that made it detectable. */
export interface Detection {
  readonly kinds: string;
  readonly key: string;
  /** From detectable to recorded. */
  readonly minutes: number;
  /** Whether that record came first through the feed or Graph. */
  readonly via: 'feed' | 'graph' | null;
  /** The older measure, from the last cited record being available: a spike cites the biggest groups' first sends, not the one over the threshold. */
  readonly lastCitedMinutes: number;
  /** The record that made it detectable (null when the replay could not raise it): when it happened, was listed by the feed, searchable in Graph, available, stored, and the first detection run after. */
  readonly trigger: {
    readonly id: string;
    readonly happened: string | null;
    readonly listed: string | null;
    readonly searchable: string | null;
    readonly available: string | null;
    readonly stored: string | null;
    readonly detectionRan: string | null;
  } | null;
  readonly recorded: string;
}

interface SimRecord {
  readonly id: string;
  readonly time: number;
  readonly searchableAt: number;
  /** When the feed lists its blob (null without the feed, or for content from before the subscription). */
  readonly listedAt: number | null;
  /** The first moment the app could read it: `searchableAt`, or its listing in the feed when sooner. */
  readonly availableAt: number;
  readonly planted: PlantedAnomaly | null;
}

const START = Date.parse('2026-09-01T00:00:00.000Z');
const TICK_MS = 30 * MINUTE_MS;
const MAX_DRAIN_MS = 7 * DAY_MS;
/** The detectors' window, as the app's notify scheduler runs them. */
const DETECTION_WINDOW_MS = 48 * HOUR_MS;
const EVERYTHING = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Faults the fake Graph lacks, injected at the fetch seam the Graph client takes: the request reaches the fake, then the answer fails. */
class FaultyFetch {
  ambiguousCreates = 0;
  forbiddenBlips = 0;
  readonly created: number[] = [];
  readonly fired: Record<string, number> = {};

  constructor(private readonly clock: FakeClock) {}

  readonly fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const create = init.method === 'POST' && /\/security\/auditLog\/queries$/.test(path);
    const response = await fetch(url, init);
    if (create && response.status === 201) this.created.push(this.clock.now().getTime());
    if (create && response.status === 201 && this.ambiguousCreates > 0) {
      this.ambiguousCreates -= 1;
      this.count('ambiguous-create');
      await response.text();
      throw new TypeError('fetch failed: other side closed (the query was created)');
    }
    if (/\/records$/.test(path) && this.forbiddenBlips > 0) {
      this.forbiddenBlips -= 1;
      this.count('403-blip');
      await response.text();
      return new Response(JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }), {
        status: 403,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return response;
  };

  count(kind: string): void {
    this.fired[kind] = (this.fired[kind] ?? 0) + 1;
  }
}

/** Arms each fault with a small chance per run; counts the ones the fake fired. */
function armFaults(fake: FakeGraph, faulty: FaultyFetch, random: Random): void {
  const { faults } = fake;
  const chance = (p: number): boolean => random.next() < p;
  const arm = (kind: string, pending: boolean, p: number, set: () => void): void => {
    if (!pending && chance(p)) {
      set();
      faulty.count(kind);
    }
  };
  arm('429-create', faults.createThrottle.times > 0, 0.05, () => (faults.createThrottle = { times: 1, retryAfter: '30' }));
  arm('429-page', faults.pageThrottle.times > 0, 0.05, () => (faults.pageThrottle = { times: 1, retryAfter: '10', page: null }));
  arm('5xx-page', faults.pageError.times > 0, 0.04, () => (faults.pageError = { times: 2, status: 503, page: null }));
  arm('malformed-page', faults.malformedPage.times > 0, 0.03, () => (faults.malformedPage = { times: 1, page: null }));
  arm('slow-query', faults.slowQueries.times > 0, 0.03, () => (faults.slowQueries = { times: 1, polls: 40 }));
  if (faulty.forbiddenBlips === 0 && chance(0.03)) faulty.forbiddenBlips = 1;
  if (faulty.ambiguousCreates === 0 && chance(0.02)) faulty.ambiguousCreates = 1;
}

function maxIn24h(times: readonly number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[i] - times[j] >= DAY_MS) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * Runs the real Graph ingester and scheduler against the fake Graph over real loopback HTTP, on a
 * virtual clock: a demo tenant whose records become searchable after delays drawn from the profile,
 * Microsoft's faults injected, the real detectors run after each ingestion run as the notify
 * scheduler would. Then measures what was lost, duplicated or called settled too early.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const wallStart = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const random = new Random(seedFrom(`simulate:${options.seed}`));
  const liveEnd = START + options.days * DAY_MS;
  // After the live days the clock runs on until every window up to their end has settled (a window
  // re-swept together with later ones waits for their due time too), or this long at most.
  const settledBy = liveEnd + settleAfterMs(DEFAULT_SETTLE_SCHEDULE);
  const giveUpAt = liveEnd + MAX_DRAIN_MS;
  let runEnd = giveUpAt;

  const feedMode = (options.feed ?? 'graph') === 'management-activity';
  const detectEveryMs = (options.detectEveryMinutes ?? 5) * MINUTE_MS;
  const feedLatency = options.feedLatency ?? { delays: [[2, 2, 1]] };
  // The feed subscribes at the start of the live days; its content opens this long after.
  const feedOpensAt = START + (options.feedFirstContentMinutes ?? 0) * MINUTE_MS;

  const records: SimRecord[] = [];
  const fakeRecords: FakeAuditRecord[] = [];
  const feedRecords: FakeFeedRecord[] = [];
  const perDay = new Map<number, number>();
  for (const { auditData, truth } of generateDemoTenant({ users: options.users, days: options.baselineDays + options.days, seed: options.seed, end: new Date(liveEnd) })) {
    const time = Date.parse(String(auditData.CreationTime).endsWith('Z') ? String(auditData.CreationTime) : `${String(auditData.CreationTime)}Z`);
    const searchableAt = time + drawDelayMs(options.latency, random);
    let availableAt = searchableAt;
    let listedAt: number | null = null;
    if (feedMode) {
      const inFeedAt = time + drawDelayMs(feedLatency, random);
      feedRecords.push({ auditData, availableAt: new Date(inFeedAt).toISOString() });
      // Content that became available before the subscription is never listed; the rest is listed once
      // its blob is: at the end of the blob's period, not before the content opens (as the fake lists it).
      if (inFeedAt >= START) {
        listedAt = Math.max(Math.floor(inFeedAt / FEED_BLOB_MS) * FEED_BLOB_MS + FEED_BLOB_MS, feedOpensAt);
        availableAt = Math.min(searchableAt, listedAt);
      }
    }
    records.push({ id: truth.id, time, searchableAt, listedAt, availableAt, planted: truth.anomaly ?? null });
    fakeRecords.push({ auditData, searchableAt: new Date(searchableAt).toISOString() });
    const day = Math.floor(time / DAY_MS);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  records.sort((a, b) => a.time - b.time);
  const byId = new Map(records.map((r) => [r.id, r]));
  // The demo tenant's admin records over the same days, with delays of their own (a random of their own, so
  // the sends' delays and the faults are those of a run without them). Records before the backfill are never asked for.
  const adminRecords = options.adminRecords !== false && !feedMode;
  const rightsRecords: { id: string; time: number; availableAt: number }[] = [];
  if (adminRecords) {
    const rightsRandom = new Random(seedFrom(`simulate-rights:${options.seed}`));
    const historyDays = options.baselineDays + options.days;
    const tenant = buildDemoTenant(options.users, options.seed);
    const demoRights = generateDemoRights(tenant, { end: new Date(liveEnd), days: Math.max(45, historyDays), seed: options.seed });
    for (const { auditData } of [...demoRights.adminRecords, ...adminChurn(demoRights.adminRecords, tenant, START - options.baselineDays * DAY_MS, liveEnd, rightsRandom)]) {
      const time = Date.parse(String(auditData.CreationTime).endsWith('Z') ? String(auditData.CreationTime) : `${String(auditData.CreationTime)}Z`);
      if (time < START - options.baselineDays * DAY_MS) continue;
      const searchableAt = time + drawDelayMs(options.latency, rightsRandom);
      fakeRecords.push({ auditData, searchableAt: new Date(searchableAt).toISOString() });
      rightsRecords.push({ id: String(auditData.Id).toLowerCase(), time, availableAt: searchableAt });
    }
    rightsRecords.sort((a, b) => a.time - b.time);
  }
  // The busiest fifth of the days exceed the record limit: their queries come back truncated and are split.
  const dailyCounts = [...perDay.values()].sort((a, b) => a - b);
  const recordCountLimit = options.faults ? Math.max(50, dailyCounts[Math.floor(dailyCounts.length * 0.8)] ?? 50) : undefined;

  const clock = new FakeClock(new Date(START).toISOString());
  const fake = await startFakeGraph({
    records: fakeRecords,
    now: () => clock.now(),
    maxPageSize: 200,
    ...(recordCountLimit === undefined ? {} : { recordCountLimit }),
    ...(feedMode ? { identity: { tenantId: FEED_TENANT, clientId: FEED_CLIENT, clientSecret: FEED_SECRET } } : {}),
  });
  const store = new SqliteStore(':memory:', { now: () => clock.now().getTime() });
  const faulty = new FaultyFetch(clock);
  const time = new VirtualTime(clock);
  const timers = time.timers;
  const graph = createGraphIngestion(
    store,
    {
      credential: { kind: 'client-secret', tenantId: 'simulated', clientId: 'simulated', clientSecret: 'simulated' },
      graph: { baseUrl: fake.baseUrl, submissionBudget: options.budget, pageSize: 200 },
      schedule: { backfillDays: options.baselineDays },
      adminRecords,
    },
    { clock, timers, credential: fake.credential(), fetch: faulty.fetch, logger: silent },
  );

  // What the app did with each record: when it was first stored, classified how (the oracle replays that).
  const ingested = new Map<string, { at: number; item: ClassifiedEvent }>();
  const ingestInto = store.ingest.bind(store);
  store.ingest = (batch) => {
    const at = clock.now().getTime();
    for (const item of batch) if (!ingested.has(item.event.id)) ingested.set(item.event.id, { at, item });
    return ingestInto(batch);
  };
  const detectionRuns: number[] = [];
  const firstSeen = new Map<string, { at: number; anomaly: Anomaly }>();
  const detection = new DetectionScheduler({
    store: {
      recordAnomalies: (anomalies, at, opts) => {
        for (const anomaly of anomalies) if (!firstSeen.has(anomaly.key)) firstSeen.set(anomaly.key, { at: Date.parse(at), anomaly });
        return store.recordAnomalies(anomalies, at, opts);
      },
      updateState: (key, change) => store.updateState(key, change),
    },
    detect: (window, now) => {
      detectionRuns.push(now.getTime());
      return findAnomalies(store, { window, now });
    },
    clock,
    settings: { detectEveryMs, windowMs: DETECTION_WINDOW_MS, minSeverity: 'low' },
    logger: silent,
    onEnqueued: () => undefined,
    timers,
  });
  time.every('detect', START, async () => {
    await detection.runOnce();
    return detectEveryMs;
  });

  let rig: FeedRig | null = null;
  let feedRuns = 0;
  let feedStored = 0;
  if (feedMode) {
    // A few blob periods whose content has expired by the time it is read (AF20051): Graph must fill them.
    const expiredBlobs: number[] = [];
    for (let at = START; at < liveEnd; at += FEED_BLOB_MS) if (random.next() < 0.002) expiredBlobs.push(at);
    const feedRig = await startFeedRig({
      records: feedRecords,
      clock,
      identity: fake,
      store,
      timers,
      faults: options.faults,
      firstContentDelayMs: feedOpensAt - START,
      expiredBlobs,
      onStored: () => detection.runForNewRecords(),
    });
    rig = feedRig;
    // The app's loop: every interval, longer while throttled; it runs until the last record is listed.
    const feedEnd = liveEnd + maxDelayMs(feedLatency) + HOUR_MS;
    let throttledRuns = 0;
    time.every('feed', START, async () => {
      if (options.faults) feedRig.armFaults(random);
      const run = await feedRig.feed.runOnce();
      feedRuns += 1;
      feedStored += run.inserted;
      if (clock.now().getTime() >= feedEnd) time.end('feed');
      throttledRuns = run.error?.code === 'throttled' ? throttledRuns + 1 : 0;
      const { intervalMs, maxBackoffMs } = feedRig.feed.settings;
      return Math.min(maxBackoffMs, intervalMs * 2 ** throttledRuns);
    });
  }

  const falseComplete = new Set<string>();
  const rightsFalseComplete = new Set<string>();
  let checkedSettled: Interval[] = [];
  let resweepQueries = 0;
  let nextReport = START + DAY_MS;
  try {
    for (let tick = START; tick < runEnd; tick = Math.max(tick + TICK_MS, clock.now().getTime())) {
      // The feed and detection loops run on their own cadence up to the Graph run, and beside it while it sleeps.
      await time.advanceTo(tick);
      if (options.faults) armFaults(fake, faulty, random);
      const run = await graph.scheduler.runOnce();
      resweepQueries += run.resweeps.length;

      // Every newly settled span must hold every record in it.
      const settled = (await store.coverage(EVERYTHING)).filter((s) => s.level === 'settled').map((s) => ({ from: Date.parse(s.from), to: Date.parse(s.to) }));
      const fresh = mergeIntervals(settled).flatMap((span) => gaps(span, checkedSettled));
      for (const span of fresh) {
        const stored = new Set((await store.listEvents(toWindow(span), { limit: 10_000_000 })).map((e) => e.id));
        for (const record of recordsIn(records, span)) if (!stored.has(record.id)) falseComplete.add(record.id);
        // Rights windows are as settled as the Graph windows they were read with: every admin record in one must be stored.
        const inSpan = rightsRecords.filter((r) => r.time >= span.from && r.time < span.to);
        if (inSpan.length > 0) {
          const changes = new Set((await store.listRightsChanges(toWindow(span))).map((c) => c.id));
          for (const record of inSpan) if (!changes.has(record.id)) rightsFalseComplete.add(record.id);
        }
      }
      checkedSettled = mergeIntervals([...checkedSettled, ...fresh]);
      if (tick >= settledBy && gaps({ from: START - options.baselineDays * DAY_MS, to: liveEnd }, checkedSettled).length === 0) {
        runEnd = clock.now().getTime();
        break;
      }

      if (clock.now().getTime() >= nextReport) {
        nextReport += DAY_MS;
        const day = Math.floor((clock.now().getTime() - START) / DAY_MS);
        const stats = await store.stats();
        const rightsStoredSoFar = adminRecords ? `, ${(await store.listRightsChanges({})).length} rights changes` : '';
        progress(
          `day ${day} (live ${options.days}, then until settled): ${stats.totalEvents} stored${rightsStoredSoFar}, ${faulty.created.length} queries created (${maxIn24h(faulty.created)} max in 24 h), ` +
            `settled up to ${new Date(checkedSettled.at(-1)?.to ?? START).toISOString()}, ${falseComplete.size} false-complete`,
        );
      }
    }
  } finally {
    await graph.stop();
    await rig?.close();
  }

  const storedIds = new Set((await store.listEvents(EVERYTHING, { limit: 10_000_000 })).map((e) => e.id));
  const totalEvents = (await store.stats()).totalEvents;
  const stored = records.filter((r) => storedIds.has(r.id)).length;
  const lostRecords = records.filter((r) => r.availableAt <= runEnd && !storedIds.has(r.id));
  const storedChanges = await store.listRightsChanges({});
  const changeIds = new Set(storedChanges.map((c) => c.id));
  const rightsStored = rightsRecords.filter((r) => changeIds.has(r.id)).length;
  const rights = adminRecords
    ? {
        records: rightsRecords.length,
        stored: rightsStored,
        lost: rightsRecords.filter((r) => r.availableAt <= runEnd && !changeIds.has(r.id)).length,
        duplicated: storedChanges.length - rightsStored,
        falseComplete: rightsFalseComplete.size,
      }
    : null;
  const lostSamples = [];
  for (const r of lostRecords.slice(0, 5)) {
    const spans = await store.coverage({ from: new Date(r.time).toISOString(), to: new Date(r.time + 1).toISOString() });
    lostSamples.push({ time: new Date(r.time).toISOString(), searchableAt: new Date(r.searchableAt).toISOString(), coverage: spans.map((s) => `${s.level} checked ${s.checkedAt}`).join(', ') || 'uncovered' });
  }

  const latencies: number[] = [];
  const detections: Detection[] = [];
  const kindsDetected = new Set<string>();
  const byAvailability = [...records].sort((a, b) => a.availableAt - b.availableAt);
  const classified = new Map([...ingested].map(([id, { item }]) => [id, item]));
  const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
  for (const { at, anomaly } of firstSeen.values()) {
    const evidence = anomaly.evidence.map((id) => byId.get(id)).filter((r): r is SimRecord => r !== undefined);
    const planted = evidence.flatMap((r) => (r.planted === null ? [] : [r.planted]));
    if (planted.length === 0) continue;
    for (const kind of planted) kindsDetected.add(kind);
    const lastCited = evidence.reduce((a, b) => (b.availableAt > a.availableAt ? b : a));
    const detectable = await detectableAt(anomaly, at, byAvailability, classified, DETECTION_WINDOW_MS);
    const trigger = detectable === null ? null : byId.get(detectable.recordId) ?? null;
    const ingestedAt = trigger === null ? null : ingested.get(trigger.id)?.at ?? null;
    const minutes = (at - (detectable?.at ?? lastCited.availableAt)) / MINUTE_MS;
    latencies.push(minutes);
    detections.push({
      kinds: [...new Set(planted)].sort().join('+'),
      key: anomaly.key,
      minutes: Math.round(minutes),
      via: trigger === null ? null : trigger.listedAt !== null && trigger.listedAt <= trigger.searchableAt ? 'feed' : 'graph',
      lastCitedMinutes: Math.round((at - lastCited.availableAt) / MINUTE_MS),
      trigger:
        trigger === null
          ? null
          : {
              id: trigger.id,
              happened: iso(trigger.time),
              listed: iso(trigger.listedAt),
              searchable: iso(trigger.searchableAt),
              available: iso(trigger.availableAt),
              stored: iso(ingestedAt),
              detectionRan: iso(ingestedAt === null ? null : detectionRuns.find((run) => run >= ingestedAt)),
            },
      recorded: new Date(at).toISOString(),
    });
  }
  latencies.sort((a, b) => a - b);
  await store.close();
  await fake.close();
  const round = (n: number | null): number | null => (n === null ? null : Math.round(n));
  return {
    feed: feedMode ? 'management-activity' : 'graph',
    detectEveryMinutes: detectEveryMs / MINUTE_MS,
    days: options.days,
    seed: options.seed,
    users: options.users,
    records: records.length,
    stored,
    lost: lostRecords.length,
    lostSamples,
    duplicated: totalEvents - stored,
    falseComplete: falseComplete.size,
    rights,
    lateOver5h: records.filter((r) => r.searchableAt - r.time > 5 * HOUR_MS).length,
    lateOver50h: records.filter((r) => r.searchableAt - r.time > 50 * HOUR_MS).length,
    submissions: faulty.created.length,
    submissionsMaxPer24h: maxIn24h(faulty.created),
    budget: options.budget,
    resweepQueries,
    faultsInjected: { ...faulty.fired, ...rig?.fired },
    feedRuns,
    feedStored,
    plantedKinds: [...new Set(records.flatMap((r) => (r.planted === null ? [] : [r.planted])))].sort(),
    plantedKindsDetected: [...kindsDetected].sort(),
    detectedPlanted: latencies.length,
    detections: detections.sort((a, b) => a.minutes - b.minutes),
    detectionP50Minutes: round(percentile(latencies, 50)),
    detectionP95Minutes: round(percentile(latencies, 95)),
    simulatedHours: Math.round((runEnd - START) / HOUR_MS),
    wallSeconds: Math.round((Date.now() - wallStart) / 100) / 10,
  };
}

/** Admin changes a day beyond the demo's planted ones: grants and removals of Send As on the shared mailboxes. */
const ADMIN_CHANGES_PER_DAY = 6;

/**
 * Everyday rights churn over [from, to): Add- and Remove-RecipientPermission records shaped like the
 * demo's own (its first Add-RecipientPermission is the template), at random times, so the simulation
 * carries enough admin records to measure their loss and settling.
 */
function adminChurn(demo: readonly { readonly auditData: Record<string, unknown> }[], tenant: DemoTenant, from: number, to: number, random: Random): { auditData: Record<string, unknown> }[] {
  const template = demo.find((r) => r.auditData.Operation === 'Add-RecipientPermission')?.auditData;
  if (template === undefined) return [];
  const churn: { auditData: Record<string, unknown> }[] = [];
  for (let day = from; day < to; day += DAY_MS) {
    for (let i = 0; i < ADMIN_CHANGES_PER_DAY; i += 1) {
      const time = day + random.int(0, DAY_MS - 1);
      if (time >= to) continue;
      const mailbox = random.pick(tenant.sharedMailboxes);
      const trustee = random.pick(tenant.users);
      churn.push({
        auditData: {
          ...template,
          Id: random.guid(),
          CreationTime: new Date(time).toISOString().slice(0, 19),
          Operation: random.chance(0.5) ? 'Add-RecipientPermission' : 'Remove-RecipientPermission',
          ObjectId: mailbox,
          Parameters: [
            { Name: 'Identity', Value: mailbox },
            { Name: 'Trustee', Value: trustee },
            { Name: 'AccessRights', Value: 'SendAs' },
            { Name: 'Confirm', Value: 'False' },
          ],
        },
      });
    }
  }
  return churn;
}

/** Records with time in [from, to), from the time-sorted list. */
function recordsIn(sorted: readonly SimRecord[], span: Interval): SimRecord[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].time < span.from) lo = mid + 1;
    else hi = mid;
  }
  const out: SimRecord[] = [];
  for (let i = lo; i < sorted.length && sorted[i].time < span.to; i += 1) out.push(sorted[i]);
  return out;
}
