/**
 * The app in a process of its own, so a test can kill it with SIGKILL mid-delivery and start it again
 * on the same SQLite file. Settings come from the environment as in production; the clock starts at
 * SENDAS_TEST_EPOCH (a fixed instant) and moves with the process's monotonic time, so leases and
 * Retry-After waits pass as they would, on dates the test chose. Prints one JSON line when ready;
 * the app's own logs follow as JSON lines. SIGTERM closes it gracefully.
 */
import { performance } from 'node:perf_hooks';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { configOrThrow } from '../../src/config';

async function main(): Promise<void> {
  const { config } = configOrThrow(process.env);
  const epoch = Date.parse(process.env.SENDAS_TEST_EPOCH ?? '');
  if (Number.isNaN(epoch)) throw new Error('SENDAS_TEST_EPOCH must be an ISO instant');
  const started = performance.now();
  const now = (): Date => new Date(epoch + (performance.now() - started));
  const app = await startApp(config, createLogger(config.logLevel), { now });
  process.stdout.write(`${JSON.stringify({ event: 'child-ready', url: app.url })}\n`);
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`notify child failed: ${String(error)}\n`);
  process.exit(1);
});
