import type { Timers } from './timers';
import { realTimers } from './timers';

export interface PeriodicWork {
  /** One pass. The loop does not catch: a pass handles its own errors (it is an error boundary). */
  run(): Promise<void>;
  /** How long to sleep after a pass; a `wake()` cuts the sleep short. */
  nextDelayMs(): number | Promise<number>;
}

/**
 * A background loop: a pass at once, then a sleep, until stopped. One of these replaces the
 * hand-written start/stop loops of detection, delivery and the leader election, so each of them gets
 * the same answers to "what if wake() comes during a pass" (the next sleep is skipped) and "what does
 * stop() wait for" (the pass in progress, never a whole sleep).
 */
export class PeriodicLoop {
  private stopped = false;
  private woken = false;
  private sleeper: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly work: PeriodicWork,
    private readonly timers: Timers = realTimers,
  ) {}

  /** `sleepFirst`: the first pass comes after a sleep, not at once (work in no hurry adds nothing to a start). */
  start(options: { readonly sleepFirst?: boolean } = {}): void {
    if (this.loop !== null) return;
    this.stopped = false;
    this.loop = (async () => {
      let skipPass = options.sleepFirst === true;
      while (!this.stopped) {
        if (!skipPass) await this.work.run();
        skipPass = false;
        if (this.stopped) break;
        const wait = await this.work.nextDelayMs();
        if (this.woken) {
          this.woken = false;
          continue;
        }
        if (this.stopped) break;
        this.sleeper = new AbortController();
        await this.timers.sleep(wait, this.sleeper.signal);
        this.sleeper = null;
        this.woken = false;
      }
    })();
  }

  /** Runs the next pass now instead of after the sleep. */
  wake(): void {
    this.woken = true;
    this.sleeper?.abort();
  }

  /** Ends the loop after the pass in progress; a sleep is cut short. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper?.abort();
    await this.loop;
    this.loop = null;
  }
}
