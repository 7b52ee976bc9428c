import type { GraphRuntime } from '../../src/audit/graph';

/** A clock that moves only when told to; tests never read the real one. */
export class FakeClock {
  private ms: number;

  constructor(start: string) {
    this.ms = Date.parse(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

/** A Graph runtime on a fake clock whose sleeps return at once, advance the clock and are recorded. */
export function instantRuntime(clock: FakeClock): GraphRuntime & { readonly sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => clock.now(),
    sleep: (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    },
  };
}
