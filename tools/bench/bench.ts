import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import { readAuditRecords, splitLines } from '../../src/audit/read';
import { classify } from '../../src/classify/classify';
import { positiveInteger } from '../../src/cli/args';
import type { Timing } from './measure';
import { figures, line, peakRssMb, percentile, perSecond, rate, timed } from './measure';
import { generateFeedContent, throughFilter, throughJsonParse } from './feed-filter';
import { BENCH_END, generateInChildProcess } from './generate';
import { SqliteStore } from '../../src/store/sqlite/store';
import { loadExport } from '../../src/sources/file';
import type { ContextProvider } from '../../src/ingest/stage';
import { INGEST_BATCH } from '../../src/ingest/stage';
import { INGEST_HISTORY_MS, batchContext } from '../../src/query/context';
import { normalizeRecord, timeBoundsAt } from '../../src/audit/normalize';
import type { ClassifiedEvent, Store } from '../../src/store/store';
import { Client } from 'pg';
import { PostgresStore } from '../../src/store/postgres/store';
import { POSTGRES_MISSING_MESSAGE, ThrowawayPostgres, findPostgresBinaries } from '../postgres/throwaway';
import { answerQuery } from '../../src/query/engine';
import type { DataQuery } from '../../src/query/engine';

const MAX_LINE = 64 * 1024 * 1024;
const NORMALIZE_ROUNDS = 5;

async function plainJsonParse(path: string): Promise<number> {
  let count = 0;
  for await (const pieces of splitLines(createReadStream(path), MAX_LINE)) {
    for (const piece of pieces) {
      if ('line' in piece && piece.line !== '') {
        JSON.parse(piece.line);
        count += 1;
      }
    }
  }
  return count;
}

async function normalizeAndClassify(path: string): Promise<number> {
  let count = 0;
  for await (const batch of readAuditRecords(createReadStream(path), { readAt: new Date() })) {
    for (const item of batch) {
      if (item.kind === 'event') classify(item.event);
      count += 1;
    }
  }
  return count;
}

async function benchNormalize(path: string): Promise<void> {
  process.stdout.write('\nNormalize + classify (issue 2: ratio target >= 0.8, peak RSS < 400 MB)\n');
  // Best of five runs each, alternating: neither path alone pays for a cold cache or the JIT's warm-up,
  // and on a shared 2-vCPU machine a single run of either can be 15% slow for reasons of its own.
  const best = (a: Timing, b: Timing): Timing => (a.seconds <= b.seconds ? a : b);
  let plain = await timed(() => plainJsonParse(path));
  let full = await timed(() => normalizeAndClassify(path));
  for (let round = 1; round < NORMALIZE_ROUNDS; round += 1) {
    plain = best(plain, await timed(() => plainJsonParse(path)));
    full = best(full, await timed(() => normalizeAndClassify(path)));
  }
  line('plain JSON.parse of the lines', rate(plain));
  line('read + normalize + classify', rate(full));
  line('ratio (normalize+classify / JSON.parse)', (plain.seconds / full.seconds).toFixed(2));
  line('peak RSS so far', `${peakRssMb()} MB`);
  figures('normalize', { records: full.count, jsonParsePerSecond: perSecond(plain), normalizeClassifyPerSecond: perSecond(full), ratio: Number((plain.seconds / full.seconds).toFixed(2)), peakRssMb: peakRssMb() });
}

/**
 * Reading Audit.Exchange content from the Management Activity feed, one record in a hundred a
 * SendAs: the filter (Operation read from the bytes, only kept records parsed) against JSON.parse of
 * every record. Best of five, alternating, as for normalize: on a shared machine one run of either
 * path can be twice as slow for reasons of its own. The ratio is given by wall time and by the CPU
 * time the process used (user and system): on a loaded machine the process waits for a core for
 * part of the wall time, which the CPU time leaves out (it counts the collector's helper threads in).
 */
function benchFeedFilter(scale: Scale): void {
  process.stdout.write('\nManagement Activity content filter, 1% SendAs (issue 20: target >= 5x JSON.parse)\n');
  const content = generateFeedContent(scale.filterBlobs, 2000);
  const bytes = content.blobs.reduce((sum, b) => sum + b.length, 0);
  const passes = scale.filterPasses;
  const time = (run: () => number): Timing & { cpuSeconds: number } => {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const kept = run();
    const used = process.cpuUsage(cpu);
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6, count: kept };
  };
  const parsed = [time(() => throughJsonParse(content, passes))];
  const filtered = [time(() => throughFilter(content, passes))];
  for (let round = 1; round < 5; round += 1) {
    parsed.push(time(() => throughJsonParse(content, passes)));
    filtered.push(time(() => throughFilter(content, passes)));
  }
  const best = (runs: readonly (Timing & { cpuSeconds: number })[], of: 'seconds' | 'cpuSeconds'): number => Math.min(...runs.map((r) => r[of]));
  const keptByFilter = filtered[0].count;
  if (keptByFilter !== parsed[0].count || keptByFilter !== content.sendAs * passes) {
    throw new Error(`the filter kept ${keptByFilter} records where JSON.parse found ${parsed[0].count} (${content.sendAs * passes} SendAs)`);
  }
  const records = content.records * passes;
  const asRecords = (seconds: number): Timing => ({ seconds, count: records });
  const parseSeconds = best(parsed, 'seconds');
  const filterSeconds = best(filtered, 'seconds');
  const ratio = parseSeconds / filterSeconds;
  const cpuRatio = best(parsed, 'cpuSeconds') / best(filtered, 'cpuSeconds');
  line('content', `${content.blobs.length} blobs of 2,000 records, ${Math.round(bytes / 1e6)} MB, read ${passes} times`);
  line('JSON.parse of every record', `${rate(asRecords(parseSeconds))} (${Math.round((bytes * passes) / 1e6 / parseSeconds)} MB/s)`);
  line('filter (Operation from the bytes)', `${rate(asRecords(filterSeconds))} (${Math.round((bytes * passes) / 1e6 / filterSeconds)} MB/s)`);
  line('ratio (filter / JSON.parse)', `${ratio.toFixed(1)}x by wall time, ${cpuRatio.toFixed(1)}x by CPU time`);
  figures('feed-filter', {
    records,
    sendAsShare: content.sendAs / content.records,
    jsonParsePerSecond: perSecond(asRecords(parseSeconds)),
    filterPerSecond: perSecond(asRecords(filterSeconds)),
    ratio: Number(ratio.toFixed(2)),
    cpuRatio: Number(cpuRatio.toFixed(2)),
  });
}

async function benchIngest(path: string, workDir: string): Promise<void> {
  process.stdout.write('\nIngest into a fresh SQLite store (issue 3: 1M records < 60 s, peak RSS < 400 MB)\n');
  // As the app wires it without Graph (issue 16): each batch classified with the store's context.
  await ingestOnce(path, workDir, 'ingest', (store) => (events) => batchContext(events, { store, historyMs: INGEST_HISTORY_MS }));
  // The same without context: the per-batch cost of the context is the difference.
  await ingestOnce(path, workDir, 'ingest-without-context', () => undefined);
}

async function ingestOnce(path: string, workDir: string, name: string, contextFor: (store: SqliteStore) => ContextProvider | undefined): Promise<void> {
  const file = join(workDir, `${name}.db`);
  const store = new SqliteStore(file);
  try {
    const result = await timed(async () => {
      const tally = await loadExport(createReadStream(path), store, 'bench', undefined, new Date(), contextFor(store));
      return tally.inserted;
    });
    const sizeMb = Math.round(statSync(file).size / 1e6);
    line(`${name}: events stored`, `${result.count.toLocaleString('en-US')} in ${result.seconds.toFixed(1)} s (${rate(result)})`);
    line(`${name}: store file size`, `${sizeMb} MB`);
    line('peak RSS so far', `${peakRssMb()} MB`);
    figures(name, { events: result.count, seconds: Number(result.seconds.toFixed(2)), perSecond: perSecond(result), storeMb: sizeMb, peakRssMb: peakRssMb() });
  } finally {
    await store.close();
  }
}

/**
 * Fills a store straight from the generator: the query benchmark needs millions of events, not a file.
 * The next batch is generated while the last is written (which only an asynchronous driver allows).
 */
async function fillStore(store: Pick<Store, 'ingest'>, records: number): Promise<number> {
  let batch: ClassifiedEvent[] = [];
  let count = 0;
  let writing: Promise<number> = Promise.resolve(0);
  const bounds = timeBoundsAt(BENCH_END);
  for (const { auditData } of generateDemoTenant({ users: 20000, days: 3650, seed: 'bench-query', end: BENCH_END, limit: records })) {
    const result = normalizeRecord(auditData, bounds);
    if (result.kind !== 'event') continue;
    batch.push({ event: result.event, classification: classify(result.event) });
    if (batch.length === INGEST_BATCH) {
      count += await writing;
      writing = store.ingest(batch).then((r) => r.inserted);
      batch = [];
    }
  }
  count += await writing;
  count += (await store.ingest(batch)).inserted;
  return count;
}

async function benchQueries(workDir: string, events: number): Promise<void> {
  process.stdout.write(`\nQuery latency over a ${events.toLocaleString('en-US')}-event SQLite store (issue 3: p95 < 50 ms)\n`);
  const store = new SqliteStore(join(workDir, 'query.db'));
  try {
    const filled = await timed(() => fillStore(store, events));
    line('store filled', `${filled.count.toLocaleString('en-US')} events in ${filled.seconds.toFixed(1)} s (${rate(filled)})`);
    figures('query', { events: filled.count, fillSeconds: Number(filled.seconds.toFixed(1)), ...(await measureQueries(store)) });
  } finally {
    await store.close();
  }
}

/**
 * The same questions over a PostgreSQL store: a throwaway server of its own, durable as a deployment
 * runs it (fsync and synchronous commit on), filled through the store's batch ingest.
 */
async function benchPostgresQueries(events: number): Promise<void> {
  process.stdout.write(`\nQuery latency over a ${events.toLocaleString('en-US')}-event PostgreSQL store (issue 8: beside SQLite)\n`);
  if (findPostgresBinaries() === null) {
    line('skipped', POSTGRES_MISSING_MESSAGE);
    return;
  }
  const server = await ThrowawayPostgres.start({
    settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on', shared_buffers: '512MB', max_wal_size: '8GB' },
  });
  try {
    const url = await server.createDatabase('bench');
    const store = await PostgresStore.open(url);
    try {
      const filled = await timed(() => fillStore(store, events));
      line('store filled', `${filled.count.toLocaleString('en-US')} events in ${filled.seconds.toFixed(1)} s (${rate(filled)})`);
      // What autovacuum does soon after a bulk load: statistics for the planner, a visibility map for index-only scans.
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const vacuumed = await timed(async () => {
          await client.query('VACUUM ANALYZE events');
          return 0;
        });
        line('VACUUM ANALYZE', `${vacuumed.seconds.toFixed(1)} s`);
      } finally {
        await client.end();
      }
      figures('query-postgres', { events: filled.count, fillSeconds: Number(filled.seconds.toFixed(1)), ...(await measureQueries(store)) });
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

/** p50 and p95 of the two questions issue 3 sets targets for, over the busiest mailboxes and people. */
async function measureQueries(store: Store): Promise<Record<string, { p50Ms: number; p95Ms: number }>> {
  const busiest = (await store.findAddresses('@contoso.com', 200)).map((a) => a.address);
  // People are first.last@; shared mailboxes have one word before the @.
  const isPerson = (address: string): boolean => address.slice(0, address.indexOf('@')).includes('.');
  const mailboxes = busiest.filter((a) => !isPerson(a)).slice(0, 20);
  const people = busiest.filter(isPerson).slice(0, 20);
  const now = BENCH_END;
  const week = { from: '2026-10-26T00:00:00.000Z', to: now.toISOString(), kind: 'this-week', timeZone: 'UTC' } as const;
  const month = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', kind: 'last-month', timeZone: 'UTC' } as const;
  const measured: Record<string, { p50Ms: number; p95Ms: number }> = {};
  const cases: { label: string; key: string; queries: DataQuery[] }[] = [
    { label: '"who sent as X this week"', key: 'whoSentAs', queries: mailboxes.map((m) => ({ intent: 'who-sent-as', subject: { text: m, kind: 'address' }, range: week })) },
    { label: '"what did Y send as last month"', key: 'whatDidSendAs', queries: people.map((p) => ({ intent: 'what-did-send-as', actor: { text: p, kind: 'address' }, range: month })) },
  ];
  for (const { label, key, queries } of cases) {
    const latencies: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (const query of queries) {
        const start = process.hrtime.bigint();
        await answerQuery(query, { store, now, language: 'en', timeZone: 'UTC' });
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    latencies.sort((a, b) => a - b);
    line(`${label} (${latencies.length} runs)`, `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`);
    measured[key] = { p50Ms: Number(percentile(latencies, 50).toFixed(1)), p95Ms: Number(percentile(latencies, 95).toFixed(1)) };
  }
  return measured;
}

/** The sizes of a run: quick (the default, every section in minutes on two cores) or --full. */
interface Scale {
  readonly name: 'quick' | 'full';
  readonly records: number;
  readonly storeEvents: number;
  /** Blobs of 2,000 records in the feed-filter section, each read `filterPasses` times. */
  readonly filterBlobs: number;
  readonly filterPasses: number;
}

const SCALES: Readonly<Record<Scale['name'], Scale>> = {
  quick: { name: 'quick', records: 100_000, storeEvents: 200_000, filterBlobs: 20, filterPasses: 5 },
  full: { name: 'full', records: 1_000_000, storeEvents: 5_000_000, filterBlobs: 100, filterPasses: 5 },
};

async function main(): Promise<void> {
  const program = new Command('bench')
    .option('--full', 'the full scale: 1M records, 5M-event stores (30+ minutes); quick by default')
    .option('--records <n>', 'records to generate (quick 100,000; full 1,000,000)', positiveInteger)
    .option('--input <path>', 'read this JSON Lines file of AuditData instead of generating one')
    .option('--store-events <n>', 'events in the store the query latency is measured on (quick 200,000; full 5,000,000)', positiveInteger)
    .option('--only <sections>', 'comma-separated: normalize, feed-filter, ingest, query, query-postgres')
    .parse(process.argv);
  const given = program.opts<{ full?: boolean; records?: number; input?: string; storeEvents?: number; only?: string }>();
  const scale = SCALES[given.full === true ? 'full' : 'quick'];
  const options = { ...given, records: given.records ?? scale.records, storeEvents: given.storeEvents ?? scale.storeEvents };
  const wanted = (section: string): boolean => options.only === undefined || options.only.split(',').includes(section);
  const workDir = mkdtempSync(join(tmpdir(), 'sendas-bench-'));
  try {
    let path = options.input;
    const started = process.hrtime.bigint();
    process.stdout.write(`SendAs Watch bench (${scale.name} scale${scale.name === 'quick' ? '; --full for 1M records and 5M-event stores' : ''}) — Node ${process.version}, ${new Date().toISOString()}\n`);
    // First, on a fresh heap: run after the normalize section it once measured 2.0x, against 4-4.8x on its own.
    if (wanted('feed-filter')) benchFeedFilter(scale);
    if (wanted('normalize') || wanted('ingest')) {
      if (path === undefined || !existsSync(path)) {
        path = join(workDir, 'audit.jsonl');
        const start = process.hrtime.bigint();
        const generated = await generateInChildProcess(path, options.records);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        line('generated demo records', `${generated.count.toLocaleString('en-US')} in ${seconds.toFixed(1)} s, peak RSS ${generated.peakRssMb} MB`);
      }
      line('input', `${path} (${Math.round(statSync(path).size / 1e6)} MB)`);
    }
    if (wanted('normalize') && path !== undefined) await benchNormalize(path);
    if (wanted('ingest') && path !== undefined) await benchIngest(path, workDir);
    if (wanted('query')) await benchQueries(workDir, options.storeEvents);
    if (wanted('query-postgres')) await benchPostgresQueries(options.storeEvents);
    line('peak RSS, whole run', `${peakRssMb()} MB`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    line('whole run', `${seconds.toFixed(0)} s`);
    figures('run', { scale: scale.name, records: options.records, storeEvents: options.storeEvents, seconds: Math.round(seconds), peakRssMb: peakRssMb() });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
