/**
 * The app in a process of its own, run from the src compiled once by test/e2e/global-setup.ts (this
 * file is compiled beside it, into .e2e-dist/): a test can kill it with SIGKILL and start it again,
 * or give it settings only a fresh process reads (NODE_EXTRA_CA_CERTS). Settings come from the
 * environment as in production. Test seams, also from the environment:
 * - SENDAS_TEST_EPOCH: the instant the clock starts at; it then moves with the process's monotonic
 *   time, or, with SENDAS_TEST_EPOCH_AT_MS (a wall-clock ms), from that moment, so the test process
 *   and its fakes can share the clock;
 * - SENDAS_TEST_SPEED: virtual time runs this many times faster; the feed's waits shrink to match;
 * - SENDAS_TEST_MAX_SLEEP_MS: Graph waits (polls, backoff, the scheduler's interval) cut to this.
 * Prints one JSON line when ready; the app's own logs follow as JSON lines. SIGTERM closes it.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as AppModule from '../../src/app';
import type { AppOptions } from '../../src/app';
import type * as LoggerModule from '../../src/runtime/logger';
import type * as ConfigModule from '../../src/config';
import type { Timers } from '../../src/ingest';

// Compiled beside the app's own modules: they are loaded from where this file runs.
const { startApp } = require(join(__dirname, 'app')) as typeof AppModule;
const { createLogger } = require(join(__dirname, 'runtime', 'logger')) as typeof LoggerModule;
const { configOrThrow } = require(join(__dirname, 'config')) as typeof ConfigModule;

/** Waits `ms` divided by `speed`, at most `maxMs` when given; an abort ends it early. */
function timers(speed: number, maxMs: number | null): Timers {
  return {
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(ms / speed, maxMs ?? Number.POSITIVE_INFINITY));
        signal.addEventListener('abort', done, { once: true });
      }),
  };
}

async function main(): Promise<void> {
  const { config } = configOrThrow(process.env);
  const epoch = Date.parse(process.env.SENDAS_TEST_EPOCH ?? '');
  if (Number.isNaN(epoch)) throw new Error('SENDAS_TEST_EPOCH must be an ISO instant');
  const speed = Number(process.env.SENDAS_TEST_SPEED ?? '1');
  const maxSleep = process.env.SENDAS_TEST_MAX_SLEEP_MS === undefined ? null : Number(process.env.SENDAS_TEST_MAX_SLEEP_MS);
  const wallStart = process.env.SENDAS_TEST_EPOCH_AT_MS === undefined ? null : Number(process.env.SENDAS_TEST_EPOCH_AT_MS);
  const started = performance.now();
  const now = (): Date => new Date(epoch + (wallStart === null ? performance.now() - started : Date.now() - wallStart) * speed);
  const options: AppOptions = {
    now,
    graph: { clock: { now }, timers: timers(speed, maxSleep) },
    feed: { clock: { now }, timers: timers(speed, null) },
  };
  const app = await startApp(config, createLogger(config.logLevel), options);
  process.stdout.write(`${JSON.stringify({ event: 'child-ready', url: app.url })}\n`);
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`app child failed: ${String(error)}\n`);
  process.exit(1);
});
