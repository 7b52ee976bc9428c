import { setImmediate as nextLoopTurn } from 'node:timers/promises';

/**
 * Shares the event loop between CPU-bound work and everything else. Work that passes `enter()` runs at
 * once while the current slice is younger than `budgetMs`; past it, the work waits for the next turn of
 * the event loop, where sockets (a health check, a new request) are read first. Several short pieces of
 * work still run back to back in one slice, so throughput is kept; what is bounded is how long the loop
 * goes without reading its sockets: about one slice plus the longest single piece. The clock is read at
 * entry, so this holds for pieces that start from callbacks of their own (a request each, microtasks
 * drained between them), as turns do; pieces started together in one callback would all pass at once.
 */
export class EventLoopSlices {
  /** When the current slice began (performance.now()), or null between slices. */
  private sliceStartedAt: number | null = null;
  /** Pieces of work that have waited for a later slice, for /healthz. */
  deferred = 0;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves when the caller may run: at once within the current slice's budget, else in a later loop turn. */
  async enter(): Promise<void> {
    let waited = false;
    for (;;) {
      const at = this.now();
      if (this.sliceStartedAt === null) {
        this.sliceStartedAt = at;
        // Ends this slice at the next check phase, after the sockets of this loop turn have been read.
        setImmediate(() => (this.sliceStartedAt = null));
        return;
      }
      if (at - this.sliceStartedAt < this.budgetMs) return;
      if (!waited) this.deferred += 1;
      waited = true;
      await nextLoopTurn();
    }
  }
}
