import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGraphRecordIngester } from '../../src/ingest/graph-records';
import { GraphIngestScheduler } from '../../src/ingest';
import { SqliteStore } from '../../src/store/sqlite/store';
import { FakeClock } from '../fakes/clock';
import { demoGraphRecords } from '../fakes/demo-records';
import { startFakeGraph } from '../fakes/graph';

/**
 * Scale: every record of a multi-week backfill arrives once, through real HTTP paging into a SQLite
 * file. SENDAS_GRAPH_USERS=1000 (about 50,000 records) turns it into the throughput measurement
 * quoted in the README; the default size keeps `npm test` quick.
 */
const USERS = Number(process.env.SENDAS_GRAPH_USERS ?? 120);
const DAYS = 45;

test(`backfill of ${DAYS} days for ${USERS} users: every record stored exactly once`, async () => {
  const clock = new FakeClock('2026-09-03T15:30:00.000Z');
  const records = demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: DAYS + 2, users: USERS });
  const fake = await startFakeGraph({ records, now: () => clock.now(), maxPageSize: 1000 });
  const dir = mkdtempSync(join(tmpdir(), 'sendas-throughput-'));
  const store = new SqliteStore(join(dir, 'store.db'), { now: () => clock.now().getTime() });
  try {
    const scheduler = new GraphIngestScheduler({
      store,
      records: createGraphRecordIngester({ credential: fake.credential(), state: store, runtime: { now: () => clock.now(), sleep: () => Promise.resolve() }, settings: { baseUrl: fake.baseUrl } }, true),
      // The clock stands still (polls return at once): the run is the backfill alone.
      clock,
      settings: { backfillDays: DAYS, backfillConcurrency: 3 },
    });
    const started = performance.now();
    const summary = await scheduler.runOnce();
    const seconds = (performance.now() - started) / 1000;

    const expected = fake.idsIn('2026-07-20T00:00:00Z', '2026-09-03T14:30:00Z');
    expect(expected.length).toBeGreaterThan(USERS * DAYS * 0.3);
    expect(summary.errors).toEqual([]);
    expect(summary.inserted).toBe(expected.length);
    expect(summary.duplicates).toBe(0);
    expect((await store.stats()).totalEvents).toBe(expected.length);
    if (process.env.SENDAS_GRAPH_USERS !== undefined) {
      const pages = fake.requests.filter((r) => r.route === 'records').length;
      process.stdout.write(`graph ingest: ${expected.length} records, ${pages} pages, ${summary.queriesCreated} queries in ${seconds.toFixed(1)} s = ${Math.round(expected.length / seconds)} records/s\n`);
    }
  } finally {
    await fake.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
