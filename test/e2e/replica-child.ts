/**
 * One bot replica in a process of its own, so a test can kill it with SIGKILL as a crashed host would
 * die. Settings come from the environment as in production (STORE_URL names the shared database); the
 * clock starts at SENDAS_TEST_EPOCH (a fixed instant) and moves with the process's monotonic time.
 * Graph waits (query polls, backoff, the scheduler's interval) are cut to SENDAS_TEST_MAX_SLEEP_MS, so
 * a backfill takes seconds. Prints one JSON line when ready; SIGTERM closes it gracefully.
 */
import { performance } from 'node:perf_hooks';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { configOrThrow } from '../../src/config';
import type { Timers } from '../../src/ingest';

function cappedTimers(maxMs: number): Timers {
  return {
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(ms, maxMs));
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      }),
  };
}

async function main(): Promise<void> {
  const { config } = configOrThrow(process.env);
  const epoch = Date.parse(process.env.SENDAS_TEST_EPOCH ?? '');
  if (Number.isNaN(epoch)) throw new Error('SENDAS_TEST_EPOCH must be an ISO instant');
  const maxSleepMs = Number(process.env.SENDAS_TEST_MAX_SLEEP_MS ?? '50');
  const started = performance.now();
  const now = (): Date => new Date(epoch + (performance.now() - started));
  const app = await startApp(config, createLogger(config.logLevel), { now, graph: { clock: { now }, timers: cappedTimers(maxSleepMs) } });
  process.stdout.write(`${JSON.stringify({ event: 'child-ready', url: app.url })}\n`);
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`replica child failed: ${String(error)}\n`);
  process.exit(1);
});
