import type { Timers } from '../../src/ingest/scheduler';
import type { FakeClock } from '../../test/fakes/clock';

interface Loop {
  readonly name: string;
  /** One run; answers the wait before the next, as the app's loop would sleep after it. */
  readonly run: () => Promise<number>;
  next: number;
  running: boolean;
}

/**
 * The app's loops (the feed every minute, detection every 5 minutes) on a virtual clock. The Graph
 * scheduler is driven by the caller; whenever anything sleeps (a Graph poll, a retry backoff), the
 * clock moves through the sleep and every loop due meanwhile runs, as it would beside it in the app.
 * A loop never runs inside its own run.
 */
export class VirtualTime {
  private readonly loops: Loop[] = [];

  constructor(private readonly clock: FakeClock) {}

  every(name: string, first: number, run: () => Promise<number>): void {
    this.loops.push({ name, run, next: first, running: false });
  }

  /** The next moment a loop is due (Infinity when none). */
  nextDue(): number {
    return Math.min(...this.loops.filter((l) => !l.running).map((l) => l.next));
  }

  /** Stops a loop: it is never due again. */
  end(name: string): void {
    for (const loop of this.loops) if (loop.name === name) loop.next = Number.POSITIVE_INFINITY;
  }

  /** Moves the clock to `until` (never back), running every loop due on the way. */
  async advanceTo(until: number): Promise<void> {
    for (;;) {
      const due = this.loops.filter((l) => !l.running && l.next <= until).sort((a, b) => a.next - b.next)[0];
      if (due === undefined) break;
      if (due.next > this.now()) this.clock.set(new Date(due.next).toISOString());
      due.running = true;
      try {
        const wait = await due.run();
        if (Number.isFinite(due.next)) due.next = this.now() + wait;
      } finally {
        due.running = false;
      }
    }
    if (until > this.now()) this.clock.set(new Date(until).toISOString());
  }

  /** Sleeps that pass at once, moving the clock and letting the other loops run meanwhile. */
  readonly timers: Timers = {
    sleep: (ms: number) => this.advanceTo(this.now() + ms),
  };

  private now(): number {
    return this.clock.now().getTime();
  }
}
