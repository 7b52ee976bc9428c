import { EventLoopSlices } from '../../src/runtime/slices';

/** A clock that moves only when work says it took time. */
function fakeClock(): { now: () => number; spend: (ms: number) => void } {
  let at = 0;
  return { now: () => at, spend: (ms) => (at += ms) };
}

/**
 * `count` requests that arrive together, each taking `ms`, then a socket that becomes readable. As in the
 * server, each request starts in a callback of its own (microtasks drain between them) and the socket is
 * read after all of them unless work makes way. Returns the order things happened in.
 */
async function burst(slices: EventLoopSlices, clock: ReturnType<typeof fakeClock>, count: number, ms: number): Promise<string[]> {
  const order: string[] = [];
  const pieces = Array.from(
    { length: count },
    (_, i) =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          void slices.enter().then(() => {
            clock.spend(ms);
            order.push(`work ${i}`);
            resolve();
          });
        }),
      ),
  );
  const socket = new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('socket read'))));
  await Promise.all([...pieces, socket]);
  return order;
}

describe('sharing the event loop between turns and everything else', () => {
  it('runs short work back to back within one slice, before the loop reads its sockets', async () => {
    const clock = fakeClock();
    const slices = new EventLoopSlices(20, clock.now);
    const order = await burst(slices, clock, 3, 5);
    expect(order).toEqual(['work 0', 'work 1', 'work 2', 'socket read']);
    expect(slices.deferred).toBe(0);
  });

  it('lets the loop read its sockets once a slice has used its budget, then goes on in a new slice', async () => {
    const clock = fakeClock();
    const slices = new EventLoopSlices(20, clock.now);
    const order = await burst(slices, clock, 6, 15);
    // 15 ms each against a 20 ms budget: two pieces per slice.
    expect(order.indexOf('socket read')).toBe(2);
    expect(order.filter((step) => step.startsWith('work'))).toEqual(['work 0', 'work 1', 'work 2', 'work 3', 'work 4', 'work 5']);
    expect(slices.deferred).toBe(4);
  });

  it('never holds work back when the loop is idle between pieces', async () => {
    const clock = fakeClock();
    const slices = new EventLoopSlices(20, clock.now);
    for (let i = 0; i < 5; i++) {
      await slices.enter();
      clock.spend(30);
      // A loop turn passes between pieces, as between requests that arrive apart.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(slices.deferred).toBe(0);
  });
});
