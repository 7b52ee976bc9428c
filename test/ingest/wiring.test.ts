import type { Timers } from '../../src/ingest';
import { createGraphIngestion, readIngestStatus } from '../../src/ingest';
import { SqliteStore } from '../../src/store/sqlite/store';
import { FakeClock } from '../fakes/clock';
import { demoGraphRecords } from '../fakes/demo-records';
import { startFakeGraph } from '../fakes/graph';

test('createGraphIngestion wires credential, ingester and scheduler; stop() ends a poll in progress and keeps its query journalled', async () => {
  const clock = new FakeClock('2026-09-03T15:30:00.000Z');
  const fake = await startFakeGraph({ records: demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 3 }), now: () => clock.now() });
  const store = new SqliteStore(':memory:', { now: () => clock.now().getTime() });
  try {
    fake.faults.slowQueries = { times: 1, polls: 1_000 };
    let polling: () => void = () => undefined;
    const firstPoll = new Promise<void>((resolve) => (polling = resolve));
    // Sleeps last until stop(): the run is caught mid-poll.
    const timers: Timers = {
      sleep: (_ms, signal) => {
        polling();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    };
    const ingestion = createGraphIngestion(
      store,
      { credential: { kind: 'managed-identity' }, graph: { baseUrl: fake.baseUrl }, schedule: { backfillDays: 1, backfillConcurrency: 1 } },
      { clock, timers, credential: fake.credential() },
    );
    ingestion.scheduler.start();
    await firstPoll;
    await ingestion.stop();

    expect(fake.requests.filter((r) => r.route === 'create')).toHaveLength(1);
    expect(await ingestion.ingester.pending()).toHaveLength(1);
    const status = await readIngestStatus(store, clock.now());
    // Stopping is not an error; the run simply did not succeed.
    expect(status).toMatchObject({ running: false, lastError: null, lastSuccessAt: null });
  } finally {
    await fake.close();
    await store.close();
  }
});

test('an on-demand window follows the settle rule: ended 10 hours before the query, provisional; ended 4 days before, settled', async () => {
  const clock = new FakeClock('2026-09-03T15:30:00.000Z');
  const fake = await startFakeGraph({ records: demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 6 }), now: () => clock.now() });
  const store = new SqliteStore(':memory:', { now: () => clock.now().getTime() });
  const instant: Timers = { sleep: (ms) => Promise.resolve(clock.advance(ms)) };
  try {
    const ingestion = createGraphIngestion(store, { credential: { kind: 'managed-identity' }, graph: { baseUrl: fake.baseUrl } }, { clock, timers: instant, credential: fake.credential() });
    const recent = { from: '2026-09-03T00:00:00.000Z', to: '2026-09-03T05:30:00.000Z' };
    const old = { from: '2026-08-29T00:00:00.000Z', to: '2026-08-30T00:00:00.000Z' };
    const askedAt = clock.now().toISOString();
    expect(await ingestion.fetchWindow(recent)).toEqual({ ok: true });
    expect(await store.coverage(recent)).toEqual([{ ...recent, level: 'provisional', checkedAt: askedAt }]);
    const oldAskedAt = clock.now().toISOString();
    expect(await ingestion.fetchWindow(old)).toEqual({ ok: true });
    expect(await store.coverage(old)).toEqual([{ ...old, level: 'settled', checkedAt: oldAskedAt }]);
    expect((await store.listEvents(recent, { limit: 10_000 })).map((e) => e.id).sort()).toEqual(fake.idsIn(recent.from, recent.to).sort());
  } finally {
    await fake.close();
    await store.close();
  }
});
