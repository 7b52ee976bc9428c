import type { GraphAuditSettings } from '../../src/audit/graph';
import type { IngestScheduleSettings, IngestStore, Timers } from '../../src/ingest';
import { createGraphRecordIngester } from '../../src/ingest/graph-records';
import { GraphIngestScheduler, ingestionHealth, readIngestStatus } from '../../src/ingest';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { Store } from '../../src/store/store';
import { FakeClock, instantRuntime } from '../fakes/clock';
import type { DemoRecordOptions } from '../fakes/demo-records';
import { demoGraphRecords } from '../fakes/demo-records';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';

/** A Thursday afternoon: the windows cover office hours, when delegates send. */
const NOW = '2026-09-03T15:30:00.000Z';
const HOUR = 3600_000;
/** Three whole days before today, and today up to an hour before now. */
const BACKFILL = { from: '2026-08-31T00:00:00.000Z', to: '2026-09-03T14:30:00.000Z' };
const EVERYTHING = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

async function storedIds(store: Store): Promise<string[]> {
  return (await store.listEvents(EVERYTHING, { limit: 1_000_000 })).map((e) => e.id).sort();
}

interface Rig {
  readonly clock: FakeClock;
  readonly fake: FakeGraph;
  readonly store: SqliteStore;
  scheduler(options?: { graph?: Partial<GraphAuditSettings>; schedule?: Partial<IngestScheduleSettings>; store?: IngestStore; timers?: Timers; signal?: AbortSignal }): GraphIngestScheduler;
}

const open: { fake: FakeGraph; store: SqliteStore }[] = [];
afterEach(async () => {
  for (const { fake, store } of open.splice(0)) {
    await fake.close();
    await store.close();
  }
});

async function rig(records: Partial<DemoRecordOptions> = {}): Promise<Rig> {
  const clock = new FakeClock(NOW);
  const fake = await startFakeGraph({ records: demoGraphRecords({ end: '2026-09-05T00:00:00Z', days: 6, users: 80, ...records }), now: () => clock.now() });
  const store = new SqliteStore(':memory:', { now: () => clock.now().getTime() });
  open.push({ fake, store });
  return {
    clock,
    fake,
    store,
    scheduler: (options = {}) =>
      new GraphIngestScheduler({
        store: options.store ?? store,
        records: createGraphRecordIngester({ credential: fake.credential(), state: store, runtime: instantRuntime(clock), settings: { baseUrl: fake.baseUrl, pageSize: 40, ...options.graph } }, false),
        clock,
        settings: { backfillDays: 3, backfillConcurrency: 1, ...options.schedule },
        ...(options.timers === undefined ? {} : { timers: options.timers }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }),
  };
}

/** The store, with ingest failing whenever `failure` names an error for the batch. */
function failingIngest(store: Store, failure: (batch: Parameters<Store['ingest']>[0]) => string | null): IngestStore {
  return {
    ingest: (batch) => {
      const message = failure(batch);
      return message === null ? store.ingest(batch) : Promise.reject(new Error(message));
    },
    getState: (k) => store.getState(k),
    setState: (k, v) => store.setState(k, v),
    updateState: (k, change) => store.updateState(k, change),
    markCovered: (w, s, m) => store.markCovered(w, s, m),
    uncovered: (w) => store.uncovered(w),
    coverage: (w) => store.coverage(w),
    ingestRightsChanges: (changes) => store.ingestRightsChanges(changes),
    markRightsCovered: (w, s) => store.markRightsCovered(w, s),
    loadDirectory: () => store.loadDirectory(),
  };
}

const queryWindows = (fake: FakeGraph): string[] => [...fake.queries.values()].map((q) => `${q.from}..${q.to}`);
const creates = (fake: FakeGraph): number => fake.requests.filter((r) => r.route === 'create' && r.status === 201).length;

describe('the Graph ingestion scheduler', () => {
  test('first start: backfill in day windows, newest first, up to an hour before now; covered and watermarked', async () => {
    const r = await rig();
    const summary = await r.scheduler().runOnce();

    expect(queryWindows(r.fake)).toEqual([
      '2026-09-03T00:00:00Z..2026-09-03T14:30:00Z',
      '2026-09-02T00:00:00Z..2026-09-03T00:00:00Z',
      '2026-09-01T00:00:00Z..2026-09-02T00:00:00Z',
      '2026-08-31T00:00:00Z..2026-09-01T00:00:00Z',
    ]);
    const expected = r.fake.idsIn(BACKFILL.from, BACKFILL.to);
    expect(expected.length).toBeGreaterThan(100);
    expect(await storedIds(r.store)).toEqual([...expected].sort());
    expect(summary).toMatchObject({ inserted: expected.length, duplicates: 0, queriesCreated: 4, errors: [] });
    expect(await r.store.uncovered(BACKFILL)).toEqual([]);

    const status = await readIngestStatus(r.store, r.clock.now());
    expect(status).toMatchObject({
      running: false,
      healthy: true,
      lastError: null,
      watermark: BACKFILL.to,
      backfill: null,
      submissionsLast24h: 4,
      budgetExhausted: false,
      lastRun: { inserted: expected.length, queriesCreated: 4 },
    });
    expect(status?.lastSuccessAt).toBe(r.clock.now().toISOString());
    expect(status?.lagMs).toBe(r.clock.now().getTime() - Date.parse(BACKFILL.to));
  });

  test('then incremental windows: from the watermark to 1 h before now, provisional as of their query', async () => {
    const r = await rig();
    const scheduler = r.scheduler();
    await scheduler.runOnce();
    r.clock.set('2026-09-03T16:00:00.000Z');
    const before = r.fake.queries.size;
    const summary = await scheduler.runOnce();

    expect(queryWindows(r.fake).slice(before)).toEqual(['2026-09-03T14:30:00Z..2026-09-03T15:00:00Z']);
    expect(await storedIds(r.store)).toEqual(r.fake.idsIn(BACKFILL.from, '2026-09-03T15:00:00Z').sort());
    expect(summary.duplicates).toBe(0);
    expect(await r.store.coverage({ from: BACKFILL.to, to: '2026-09-03T15:00:00.000Z' })).toEqual([
      { from: BACKFILL.to, to: '2026-09-03T15:00:00.000Z', level: 'provisional', checkedAt: '2026-09-03T16:00:00.000Z' },
    ]);
    expect(summary.inserted).toBe(r.fake.idsIn(BACKFILL.to, '2026-09-03T15:00:00Z').length);
    expect((await readIngestStatus(r.store, r.clock.now()))?.watermark).toBe('2026-09-03T15:00:00.000Z');

    // Too soon for another window: nothing is submitted.
    r.clock.advance(2 * 60_000);
    await scheduler.runOnce();
    expect(r.fake.queries.size).toBe(before + 1);
  });

  test('late events that were not searchable at the first query are picked up by a re-sweep, which settles the window in the end', async () => {
    const r = await rig({ lateArrivals: true });
    const scheduler = r.scheduler();
    await scheduler.runOnce();
    const afterBackfill = new Set(await storedIds(r.store));
    const today = { from: '2026-09-03T00:00:00.000Z', to: BACKFILL.to };
    // Due 6 h after the window's end (20:30), gathered for 2 h: re-swept by the run at 23:00, not before.
    r.clock.set('2026-09-03T22:00:00.000Z');
    expect((await scheduler.runOnce()).resweeps).toEqual([]);
    r.clock.set('2026-09-03T23:00:00.000Z');
    const summary = await scheduler.runOnce();
    expect(summary.resweeps).toContainEqual(today);
    const now = await storedIds(r.store);
    const caughtLate = r.fake.idsIn(today.from, today.to).filter((id) => !afterBackfill.has(id));
    expect(caughtLate.length).toBeGreaterThan(0);
    expect(caughtLate.every((id) => now.includes(id))).toBe(true);
    expect(await r.store.coverage(today)).toEqual([{ ...today, level: 'provisional', checkedAt: '2026-09-03T23:00:00.000Z' }]);
    // Runs every half hour until past the last re-sweep: the window settles, with every record in it.
    for (let at = Date.parse('2026-09-03T23:30:00.000Z'); at <= Date.parse('2026-09-07T06:00:00.000Z'); at += 30 * 60_000) {
      r.clock.set(new Date(at).toISOString());
      await scheduler.runOnce();
    }
    expect(await r.store.coverage(today)).toEqual([{ ...today, level: 'settled', checkedAt: expect.any(String) }]);
    const stored = new Set(await storedIds(r.store));
    expect(r.fake.idsIn(today.from, today.to).filter((id) => !stored.has(id))).toEqual([]);
  });

  test('a restart resumes the journalled backfill query instead of submitting it again', async () => {
    const r = await rig();
    r.fake.faults.slowQueries = { times: 1, polls: 60 };
    const first = await r.scheduler({ graph: { maxPollMs: 10 * 60_000 } }).runOnce();
    expect(first.errors).toEqual([{ code: 'poll-timeout', message: expect.stringContaining('the next run resumes it') }]);
    expect(creates(r.fake)).toBe(1);
    const stalled = await readIngestStatus(r.store, r.clock.now());
    expect(stalled).toMatchObject({ healthy: false, lastError: { code: 'poll-timeout' }, backfill: { total: 4, remaining: 4 }, watermark: null, lagMs: null });

    // A new process: new ingester and scheduler over the same store.
    const second = await r.scheduler().runOnce();
    expect(second).toMatchObject({ errors: [], queriesResumed: 1 });
    // Each backfill day was submitted exactly once, the slow one included.
    const submitted = queryWindows(r.fake);
    for (const day of ['2026-09-03T00:00:00Z..2026-09-03T14:30:00Z', '2026-09-02T00:00:00Z..2026-09-03T00:00:00Z', '2026-08-31T00:00:00Z..2026-09-01T00:00:00Z']) {
      expect(submitted.filter((w) => w === day)).toHaveLength(1);
    }
    const status = await readIngestStatus(r.store, r.clock.now());
    expect(status).toMatchObject({ healthy: true, backfill: null });
    expect(await storedIds(r.store)).toEqual(r.fake.idsIn(BACKFILL.from, status?.watermark ?? '').sort());
  });

  test('an incremental query left running is finished on the next run at no submission cost, then the window moves on', async () => {
    const r = await rig();
    await r.scheduler().runOnce();
    r.clock.set('2026-09-03T16:00:00.000Z');
    r.fake.faults.slowQueries = { times: 1, polls: 60 };
    await r.scheduler({ graph: { maxPollMs: 10 * 60_000 } }).runOnce();
    const submitted = creates(r.fake);
    r.clock.set('2026-09-03T17:00:00.000Z');
    const next = await r.scheduler().runOnce();
    expect(next).toMatchObject({ errors: [], queriesResumed: 1, queriesCreated: 1 });
    expect(creates(r.fake)).toBe(submitted + 1);
    // The finished query ([14:30, 15:00)) moved the watermark to its end, where the new window starts.
    expect(queryWindows(r.fake).at(-2)).toBe('2026-09-03T14:30:00Z..2026-09-03T15:00:00Z');
    expect(queryWindows(r.fake).at(-1)).toMatch(/^2026-09-03T15:00:00Z\.\./);
    // It counts as checked when it was created, an hour before it was finished.
    expect(await r.store.coverage({ from: BACKFILL.to, to: '2026-09-03T15:00:00.000Z' })).toEqual([
      { from: BACKFILL.to, to: '2026-09-03T15:00:00.000Z', level: 'provisional', checkedAt: '2026-09-03T16:00:00.000Z' },
    ]);
    const watermark = (await readIngestStatus(r.store, r.clock.now()))?.watermark ?? '';
    expect(await storedIds(r.store)).toEqual(r.fake.idsIn(BACKFILL.from, watermark).sort());
  });

  test('the submission budget stops the backfill and says when it frees up; the cadence stretches to fit it', async () => {
    const r = await rig();
    const scheduler = r.scheduler({ graph: { submissionBudget: 3 } });
    const summary = await scheduler.runOnce();
    expect(creates(r.fake)).toBe(3);
    expect(summary.errors).toEqual([{ code: 'budget-exhausted', message: expect.stringContaining('3 submissions in 24 hours') }]);
    const status = await readIngestStatus(r.store, r.clock.now());
    expect(status).toMatchObject({ budgetExhausted: true, submissionsLast24h: 3, backfill: { remaining: 1 } });
    expect(Date.parse(status?.budgetFreesAt ?? '')).toBe(Date.parse(NOW) + 24 * HOUR);
    // Three a day leave one for incremental runs: one run a day.
    expect(scheduler.intervalMs).toBe(24 * HOUR);
    expect(r.scheduler().intervalMs).toBe(30 * 60_000);
  });

  test('403: the status tells the admin which permission needs consent', async () => {
    const r = await rig();
    r.fake.faults.forbidden = 'graph';
    await r.scheduler().runOnce();
    const status = await readIngestStatus(r.store, r.clock.now());
    expect(status?.healthy).toBe(false);
    expect(status?.lastError?.message).toContain('AuditLogsQuery-Exchange.Read.All needs admin consent');
    expect(status?.submissionsLast24h).toBe(0);
    const since = r.clock.now().toISOString();
    expect(status?.failingSince).toBe(since);
    // Still failing an hour later: the failure is dated from its start.
    r.clock.advance(HOUR);
    await r.scheduler().runOnce();
    const still = await readIngestStatus(r.store, r.clock.now());
    expect(still && ingestionHealth(still)).toEqual({ lastSuccessAt: null, failingSince: since, lastError: 'forbidden' });
    // Consent granted: the next run recovers.
    r.fake.faults.forbidden = null;
    await r.scheduler().runOnce();
    const recovered = await readIngestStatus(r.store, r.clock.now());
    expect(recovered).toMatchObject({ healthy: true, backfill: null, failingSince: null, lastError: { code: 'forbidden' } });
    expect(recovered && ingestionHealth(recovered)).toEqual({ lastSuccessAt: recovered?.lastSuccessAt, failingSince: null, lastError: null });
  });

  test('a window that stays unreadable is given up, listed in the status and left uncovered; the rest goes on', async () => {
    const r = await rig();
    const day = r.fake.idsIn('2026-09-02T00:00:00Z', '2026-09-03T00:00:00Z');
    r.fake.faults.poisonRecordIds.add(day[5]);
    await r.scheduler().runOnce();
    const status = await readIngestStatus(r.store, r.clock.now());
    expect(status).toMatchObject({ healthy: true, backfill: null });
    expect(Date.parse(status?.watermark ?? '')).toBeGreaterThanOrEqual(Date.parse(BACKFILL.to));
    expect(status?.failedWindows).toHaveLength(1);
    const gap = status?.failedWindows[0].window;
    expect(status?.failedWindows[0].code).toBe('unreadable-window');
    expect(await r.store.uncovered(BACKFILL)).toEqual([gap]);
  });

  test('a store failure is caught by the run, recorded, and the journalled query is resumed next time', async () => {
    const r = await rig();
    let failing = true;
    const flaky = failingIngest(r.store, () => (failing ? 'SQLITE_FULL: database or disk is full' : null));
    const summary = await r.scheduler({ store: flaky }).runOnce();
    expect(summary.errors).toEqual([{ code: 'internal', message: 'SQLITE_FULL: database or disk is full' }]);
    expect((await readIngestStatus(r.store, r.clock.now()))?.lastError).toMatchObject({ code: 'internal', message: expect.stringContaining('disk is full') });
    failing = false;
    const next = await r.scheduler({ store: flaky }).runOnce();
    expect(next).toMatchObject({ errors: [], queriesResumed: 1, queriesCreated: 3 });
    expect(await storedIds(r.store)).toEqual(r.fake.idsIn(BACKFILL.from, BACKFILL.to).sort());
  });

  test('concurrent backfill days: one day failing to store does not cost the others; it resumes next run', async () => {
    const r = await rig();
    let failing = true;
    const flaky = failingIngest(r.store, (batch) => (failing && batch.some((b) => b.event.time.startsWith('2026-09-02')) ? 'SQLITE_IOERR: disk I/O error' : null));
    const first = await r.scheduler({ store: flaky, schedule: { backfillConcurrency: 3 } }).runOnce();
    expect(first.errors).toEqual([{ code: 'internal', message: 'SQLITE_IOERR: disk I/O error' }]);
    // Days 09-03 and 09-01 of the first batch finished; 09-02 failed; 08-31 was not reached.
    expect((await readIngestStatus(r.store, r.clock.now()))?.backfill).toMatchObject({ total: 4, remaining: 2 });
    expect(await r.store.uncovered(BACKFILL)).toEqual([
      { from: '2026-08-31T00:00:00.000Z', to: '2026-09-01T00:00:00.000Z' },
      { from: '2026-09-02T00:00:00.000Z', to: '2026-09-03T00:00:00.000Z' },
    ]);
    failing = false;
    const second = await r.scheduler({ store: flaky, schedule: { backfillConcurrency: 3 } }).runOnce();
    expect(second).toMatchObject({ errors: [], queriesResumed: 1 });
    expect(queryWindows(r.fake).filter((w) => w.startsWith('2026-09-02T00:00:00Z..'))).toHaveLength(1);
    expect(await r.store.uncovered(BACKFILL)).toEqual([]);
  });

  test('a backfill day split before a restart is resumed through its parts, not submitted whole again', async () => {
    const r = await rig();
    const day = '2026-09-02T00:00:00Z..2026-09-03T00:00:00Z';
    const firstHalf = '2026-09-02T00:00:00Z..2026-09-02T12:00:00Z';
    const secondHalf = '2026-09-02T12:00:00Z..2026-09-03T00:00:00Z';
    // Day 09-02's query keeps failing on its first page, so the day is split; its first half outlives the run.
    r.fake.faults.pageError = { times: 5, status: 500, page: 0, window: { from: '2026-09-02T00:00:00Z', to: '2026-09-03T00:00:00Z' } };
    r.fake.faults.slowQueries = { times: 1, polls: 100, window: { from: '2026-09-02T00:00:00Z', to: '2026-09-02T12:00:00Z' } };
    const first = await r.scheduler({ graph: { maxPollMs: 5 * 60_000 } }).runOnce();
    expect(first.errors.map((e) => e.code)).toEqual(['poll-timeout']);
    expect(queryWindows(r.fake).filter((w) => [day, firstHalf, secondHalf].includes(w))).toEqual([day, firstHalf, secondHalf]);

    // The next process resumes the first half and leaves the finished second half alone.
    const third = await r.scheduler().runOnce();
    expect(third).toMatchObject({ errors: [], queriesResumed: 1 });
    expect(queryWindows(r.fake).filter((w) => [day, firstHalf, secondHalf].includes(w))).toEqual([day, firstHalf, secondHalf]);
    const status = await readIngestStatus(r.store, r.clock.now());
    expect(status?.backfill).toBeNull();
    expect(await r.store.uncovered(BACKFILL)).toEqual([]);
    expect(await storedIds(r.store)).toEqual(r.fake.idsIn(BACKFILL.from, status?.watermark ?? '').sort());
  });

  test('the loop runs at once, then every interval, until stopped', async () => {
    const r = await rig();
    const sleeps: number[] = [];
    let resolveThird: () => void = () => undefined;
    const third = new Promise<void>((resolve) => (resolveThird = resolve));
    const timers: Timers = {
      sleep: (ms, signal) => {
        sleeps.push(ms);
        r.clock.advance(ms);
        if (sleeps.length < 3) return Promise.resolve();
        resolveThird();
        // The third sleep lasts until the scheduler is stopped.
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    };
    const scheduler = r.scheduler({ timers });
    scheduler.start();
    await third;
    await scheduler.stop();
    expect(sleeps).toEqual([30 * 60_000, 30 * 60_000, 30 * 60_000]);
    const incremental = queryWindows(r.fake).slice(4);
    expect(incremental).toHaveLength(2);
    const [a, b] = incremental.map((w) => w.split('..'));
    // Each window starts where the previous one ended.
    expect(Date.parse(b[0])).toBe(Date.parse(a[1]));
    expect((await readIngestStatus(r.store, r.clock.now()))?.running).toBe(false);
  });

  test('aborting the signal it was given stops the loop in its sleep: no run after it, and stop() returns at once', async () => {
    const r = await rig();
    const sleeps: number[] = [];
    let sleeping: () => void = () => undefined;
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    const timers: Timers = {
      sleep: (ms, signal) => {
        sleeps.push(ms);
        sleeping();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    };
    const shutdown = new AbortController();
    const scheduler = r.scheduler({ timers, signal: shutdown.signal });
    scheduler.start();
    await asleep;
    const queries = queryWindows(r.fake).length;
    shutdown.abort();
    await scheduler.stop();
    scheduler.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect([sleeps.length, queryWindows(r.fake).length]).toEqual([1, queries]);
  });
});
