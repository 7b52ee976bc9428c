import { join } from 'node:path';
import { Command } from 'commander';
import { positiveInteger } from '../../src/cli/args';
import { readLatencyProfile } from './latency';
import { runSimulation } from './simulation';

/**
 * npm run simulate -- --days N --seed S --latency FILE: the real Graph ingestion against the fake
 * Graph on a virtual clock. Progress goes to stdout; the last line is one JSON object of figures.
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
    .parse();
  const options = program.opts<{ days: number; seed: number; latency: string; users: number; baselineDays: number; budget: number; faults: boolean }>();
  const result = await runSimulation({
    days: options.days,
    seed: options.seed,
    latency: readLatencyProfile(options.latency),
    users: options.users,
    baselineDays: options.baselineDays,
    budget: options.budget,
    faults: options.faults,
    onProgress: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulate: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
