import type { Timers } from '../../src/ingest';

/** Real time passes only in small steps, so an app's polls and retries finish in milliseconds. */
export const quickTimers: Timers = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(ms, 5));
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    }),
};
