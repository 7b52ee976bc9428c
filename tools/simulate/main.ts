import { join } from 'node:path';
import { Command } from 'commander';
import { positiveInteger } from '../../src/cli/args';
import { readLatencyProfile } from './latency';
import type { SimulatedFeed, SimulationResult } from './simulation';
import { runSimulation } from './simulation';

/** `both` runs the same tenant, delays and faults through each feed in turn, for their figures side by side. */
type FeedChoice = SimulatedFeed | 'both';

function feedKind(value: string): FeedChoice {
  if (value === 'graph' || value === 'management-activity' || value === 'both') return value;
  throw new Error(`--feed is graph, management-activity or both, not ${value}`);
}

/**
 * npm run simulate -- --days N --seed S --latency FILE: the real Graph ingestion against the fake
 * Graph on a virtual clock. Progress goes to stdout; the last line is one JSON object of figures
 * (with --feed both: each feed's full figures, then a last line of their detection latency side by side).
 */
async function main(): Promise<void> {
  const program = new Command('simulate')
    .description('Simulate Graph audit ingestion over a demo tenant with late records and Microsoft faults')
    .option('--days <n>', 'simulated days of live activity', positiveInteger, 14)
    .option('--seed <n>', 'random seed (tenant, delays, faults)', positiveInteger, 1)
    .option('--latency <file>', 'delay profile {"delays": [[minMinutes, maxMinutes, weight], ...]}', join(__dirname, 'latency-default.json'))
    .option('--users <n>', 'demo tenant size', positiveInteger, 1000)
    .option('--baseline-days <n>', 'history backfilled on the first start', positiveInteger, 30)
    .option('--budget <n>', 'GRAPH_QUERY_BUDGET: submissions in any 24 hours', positiveInteger, 150)
    .option('--no-faults', 'no injected faults')
    .option('--admin-records', 'GRAPH_ADMIN_RECORDS=on (the default): serve the tenant\'s admin records too, asked for in the same query as the sends')
    .option('--no-admin-records', 'GRAPH_ADMIN_RECORDS=off: SendAs records alone')
    .option('--feed <kind>', 'graph, management-activity (the live feed, Graph re-sweeps behind it), or both in turn', feedKind, 'graph' as FeedChoice)
    .option('--feed-latency <file>', 'delay profile from an event to its feed content being listed', join(__dirname, 'latency-feed.json'))
    .option('--feed-first-content-minutes <n>', 'nothing listed this long after subscribing (the API says up to 12 h)', positiveInteger, 120)
    .option('--detect-every <minutes>', 'SENDAS_NOTIFY_EVERY_MINUTES: the detectors cadence', positiveInteger, 5)
    .parse();
  const options = program.opts<{
    days: number;
    seed: number;
    latency: string;
    users: number;
    baselineDays: number;
    budget: number;
    faults: boolean;
    adminRecords?: boolean;
    feed: FeedChoice;
    feedLatency: string;
    feedFirstContentMinutes: number;
    detectEvery: number;
  }>();
  const feeds: readonly SimulatedFeed[] = options.feed === 'both' ? ['graph', 'management-activity'] : [options.feed];
  const results: Partial<Record<SimulatedFeed, SimulationResult>> = {};
  for (const feed of feeds) {
    if (feeds.length > 1) process.stdout.write(`feed: ${feed}\n`);
    const result = await runSimulation({
      days: options.days,
      seed: options.seed,
      latency: readLatencyProfile(options.latency),
      users: options.users,
      baselineDays: options.baselineDays,
      budget: options.budget,
      faults: options.faults,
      adminRecords: options.adminRecords !== false,
      feed,
      feedLatency: readLatencyProfile(options.feedLatency),
      feedFirstContentMinutes: options.feedFirstContentMinutes,
      detectEveryMinutes: options.detectEvery,
      onProgress: (line) => process.stdout.write(`${line}\n`),
    });
    results[feed] = result;
    if (feeds.length > 1) process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  // The last line: one feed's figures, or both feeds' detection latency side by side.
  if (feeds.length === 1) process.stdout.write(`${JSON.stringify(results[feeds[0]])}\n`);
  else process.stdout.write(`${JSON.stringify(Object.fromEntries(feeds.map((feed) => [feed, latencyOf(results[feed])])))}\n`);
}

function latencyOf(result: SimulationResult | undefined): Record<string, unknown> {
  if (result === undefined) return {};
  const { detectionP50Minutes, detectionP95Minutes, detections, plantedKinds, plantedKindsDetected, lost, duplicated, falseComplete } = result;
  return { detectionP50Minutes, detectionP95Minutes, detections: detections.map((d) => ({ kinds: d.kinds, minutes: d.minutes, via: d.via })), plantedKinds, plantedKindsDetected, lost, duplicated, falseComplete };
}

main().catch((error: unknown) => {
  process.stderr.write(`simulate: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
