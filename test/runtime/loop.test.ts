import { PeriodicLoop } from '../../src/runtime/loop';
import type { Timers } from '../../src/runtime/timers';

/** Sleeps that end only when aborted: the test decides when time passes. */
class HeldTimers implements Timers {
  readonly sleeps: number[] = [];
  private wakeUp: (() => void) | null = null;

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Ends the current sleep as if its time had passed. */
  elapse(): void {
    this.wakeUp?.();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the periodic loop', () => {
  it('runs a pass at once, sleeps the delay the work asks for, and stop() cuts the sleep short', async () => {
    const timers = new HeldTimers();
    let passes = 0;
    const loop = new PeriodicLoop({ run: () => Promise.resolve(void (passes += 1)), nextDelayMs: () => 5_000 }, timers);
    loop.start();
    await settle();
    expect([passes, timers.sleeps]).toEqual([1, [5_000]]);
    timers.elapse();
    await settle();
    expect(passes).toBe(2);
    await loop.stop();
    expect(passes).toBe(2);
  });

  it('sleeps before its first pass when asked to, and runs every pass after a sleep', async () => {
    const timers = new HeldTimers();
    let passes = 0;
    const loop = new PeriodicLoop({ run: () => Promise.resolve(void (passes += 1)), nextDelayMs: () => 3_600_000 }, timers);
    loop.start({ sleepFirst: true });
    await settle();
    expect([passes, timers.sleeps]).toEqual([0, [3_600_000]]);
    timers.elapse();
    await settle();
    expect([passes, timers.sleeps]).toEqual([1, [3_600_000, 3_600_000]]);
    await loop.stop();
    expect(passes).toBe(1);
  });

  it('runs the next pass without sleeping when woken during a pass', async () => {
    const timers = new HeldTimers();
    let passes = 0;
    const loop = new PeriodicLoop(
      {
        run: () => {
          passes += 1;
          if (passes === 1) loop.wake();
          return Promise.resolve();
        },
        nextDelayMs: () => 60_000,
      },
      timers,
    );
    loop.start();
    await settle();
    expect([passes, timers.sleeps]).toEqual([2, [60_000]]);
    loop.wake();
    await settle();
    expect(passes).toBe(3);
    await loop.stop();
  });

  it('waits for the pass in progress when stopped', async () => {
    let finish: () => void = () => undefined;
    let finished = false;
    const loop = new PeriodicLoop({ run: () => new Promise<void>((resolve) => (finish = resolve)).then(() => void (finished = true)), nextDelayMs: () => 1 }, new HeldTimers());
    loop.start();
    const stopped = loop.stop();
    finish();
    await stopped;
    expect(finished).toBe(true);
  });
});
