import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import { normalizeRecord, timeBoundsAt } from '../../src/audit/normalize';
import { classify } from '../../src/classify/classify';
import { positiveInteger } from '../../src/cli/args';
import { findAnomalies } from '../../src/detect/find';
import { PlaceDatabase } from '../../src/places/database';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { ClassifiedEvent } from '../../src/store/store';
import { line, peakRssMb, percentile, timed } from './measure';

/** A fixed end keeps the generated history the same from run to run; the anomalies land on the day before. */
const END = new Date('2026-11-20T06:00:00Z');
const HUNT_END = Date.parse('2026-11-20T00:00:00.000Z');

async function load(store: SqliteStore, users: number, days: number): Promise<number> {
  let batch: ClassifiedEvent[] = [];
  let inserted = 0;
  for (const { auditData } of generateDemoTenant({ users, days, seed: 'bench-detect', end: END })) {
    const result = normalizeRecord(auditData, timeBoundsAt(END));
    if (result.kind !== 'event') continue;
    batch.push({ event: result.event, classification: classify(result.event) });
    if (batch.length >= 5000) {
      inserted += (await store.ingest(batch)).inserted;
      batch = [];
    }
  }
  inserted += (await store.ingest(batch)).inserted;
  await store.markCovered({ from: new Date(END.getTime() - days * 86_400_000).toISOString(), to: END.toISOString() }, 'bench', { level: 'settled', checkedAt: END.toISOString() });
  return inserted;
}

/**
 * `npm run bench:detect -- --users 2000 --days 60 [--window-days 1] [--store file.db] [--places]`: loads a
 * generated tenant (or reuses the store file if it exists) and times findAnomalies over the window
 * ending with the last full day, where the generator plants its anomalies.
 */
async function main(): Promise<void> {
  const options = new Command()
    .option('--users <n>', 'tenant users', positiveInteger, 2000)
    .option('--days <n>', 'days of history', positiveInteger, 60)
    .option('--runs <n>', 'timed runs after one warm-up', positiveInteger, 5)
    .option('--window-days <n>', 'days in the hunt window, ending with the last full day', positiveInteger, 1)
    .option('--store <path>', 'SQLite file to build or reuse', ':memory:')
    .option('--places', 'with the IP database, so the new-country detector runs (loaded before timing)', false)
    .parse()
    .opts<{ users: number; days: number; runs: number; windowDays: number; store: string; places: boolean }>();
  const places = options.places ? new PlaceDatabase() : undefined;
  places?.load();
  const window = { from: new Date(HUNT_END - options.windowDays * 86_400_000).toISOString(), to: new Date(HUNT_END).toISOString() };
  const reuse = options.store !== ':memory:' && existsSync(options.store);
  const store = new SqliteStore(options.store);
  process.stdout.write(`detect bench: ${options.users} users, ${options.days} days, store ${options.store}${reuse ? ' (reused)' : ''}\n`);
  if (!reuse) {
    const loading = await timed(() => load(store, options.users, options.days));
    line('load (generate, normalize, classify, ingest)', `${loading.count.toLocaleString('en-US')} events in ${loading.seconds.toFixed(1)} s`);
  }
  line('events in store', (await store.stats()).totalEvents.toLocaleString('en-US'));
  const seconds: number[] = [];
  let found = 0;
  for (let run = 0; run <= options.runs; run += 1) {
    const t = await timed(async () => (await findAnomalies(store, { window, now: END, places })).length);
    if (run > 0) seconds.push(t.seconds);
    found = t.count;
  }
  seconds.sort((a, b) => a - b);
  line(`findAnomalies, ${options.windowDays}-day window (median)`, `${(percentile(seconds, 50) * 1000).toFixed(0)} ms`);
  line(`findAnomalies, ${options.windowDays}-day window (max)`, `${(seconds[seconds.length - 1] * 1000).toFixed(0)} ms`);
  line('anomalies found', String(found));
  line('peak RSS', `${peakRssMb()} MB`);
  await store.close();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
