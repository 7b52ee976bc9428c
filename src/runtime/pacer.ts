/**
 * Lets waiting work start one piece per turn of the event loop. Work released together would run
 * back to back in one drain of the microtask queue (sixteen turns of ~40 ms each: the loop stuck for
 * over half a second); released one per setImmediate, the loop polls its sockets between them, so a
 * request such as /healthz waits behind at most one piece.
 */
export class LoopPacer {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves on a later turn of the event loop than any other waiter's. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  get queued(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // An immediate queued from an immediate runs on the next turn, after the loop has polled for I/O.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}
