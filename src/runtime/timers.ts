import { setTimeout as delay } from 'node:timers/promises';

/** Sleeping, injected so tests sleep for nothing. */
export interface Timers {
  /** Resolves after `ms`, or early when `signal` aborts; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realTimers: Timers = {
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
};
