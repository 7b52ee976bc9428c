import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { LoopPacer } from '../../src/runtime/pacer';

describe('the loop pacer', () => {
  it('lets waiters go one at a time, in the order they came', async () => {
    const pacer = new LoopPacer();
    const order: string[] = [];
    const all = ['a', 'b', 'c'].map(async (name) => {
      await pacer.next();
      order.push(name);
    });
    expect(pacer.queued).toBe(3);
    await Promise.all(all);
    expect([order, pacer.queued]).toEqual([['a', 'b', 'c'], 0]);
  });

  it('polls for I/O between two waiters: data that arrives during the first is read before the second starts', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const [accepted] = (await once(server, 'connection')) as [Socket];
    await once(client, 'connect');
    const events: string[] = [];
    accepted.on('data', () => events.push('data read'));
    const pacer = new LoopPacer();
    const first = pacer.next().then(() => {
      events.push('first starts');
      // Reaches the server's socket at once (loopback); it can only be read when the loop polls.
      client.write('x');
    });
    const second = pacer.next().then(() => events.push('second starts'));
    await Promise.all([first, second]);
    client.destroy();
    server.close();
    expect(events).toEqual(['first starts', 'data read', 'second starts']);
  });
});
