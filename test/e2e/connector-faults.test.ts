import { createHook } from 'node:async_hooks';
import { Writable } from 'node:stream';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { loadConfig } from '../../src/config';
import type { ConnectorCall } from '../fakes/connector';
import { FakeConnector } from '../fakes/connector';
import { postActivity, teamsMessage } from '../support/activities';

const NOW = new Date('2026-11-18T10:00:00.000Z');
/** Short waits so the suite is quick; the policy's shape is what is under test, not its defaults. */
const RETRY = { attempts: 3, attemptTimeoutMs: 2_000, deadlineMs: 4_000, backoffMs: [50, 100], maxRetryAfterMs: 2_000 };
/** Slower than the typing indicator's half second, well within an attempt. */
const SLOW_MS = 1_200;
/** Longer than any bounded turn here (deadline, error card, typing); a turn past it is hung. */
const HUNG_MS = 15_000;

interface LogLine {
  readonly level: number;
  readonly event?: string;
  readonly reason?: string;
  readonly correlationId?: string;
}

const isCard = (call: ConnectorCall): boolean => Array.isArray(call.body?.attachments);

describe('the Bot Connector slow, throttling or failing: replies retried within bounds, and every turn ends', () => {
  let connector: FakeConnector;
  let app: App;
  const logs: LogLine[] = [];
  let conversationCount = 0;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as LogLine);
        done();
      },
    });
    // Thirty turns at once: more than the default turn bound, which is not what these tests are about.
    const config = loadConfig({ PORT: '0', STORE_PATH: ':memory:', DEMO_USERS: '40', DEMO_DAYS: '14', MAX_TURNS_IN_FLIGHT: '64' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    app = await startApp(config.config, createLogger('debug', sink), { now: () => NOW, connectorRetry: RETRY });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  /** A conversation of its own per test, so a fault left unused never meets another test's call. */
  function conversation(): string {
    conversationCount += 1;
    return `a:fault-chat-${conversationCount}`;
  }

  /** Asks and waits for the HTTP answer, which CloudAdapter gives only once the turn has ended. */
  async function ask(conversationId: string, text = 'help'): Promise<{ status: number; activityId: string; logs: LogLine[] }> {
    const from = logs.length;
    const activity = teamsMessage({ serviceUrl: connector.url, text, conversationId });
    let hung: NodeJS.Timeout | undefined;
    const { status } = await Promise.race([
      postActivity(app.url, activity),
      new Promise<never>((_resolve, reject) => (hung = setTimeout(() => reject(new Error('the turn hung')), HUNG_MS))),
    ]).finally(() => clearTimeout(hung));
    return { status, activityId: String(activity.id), logs: logs.slice(from) };
  }

  function cardCalls(conversationId: string): ConnectorCall[] {
    return connector.calls.filter((c) => c.conversationId === conversationId && isCard(c));
  }

  async function quietFor(ms: number): Promise<number> {
    const before = connector.calls.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return connector.calls.length - before;
  }

  it('waits for a slow connector, shows typing meanwhile, and nothing follows the turn', async () => {
    const id = conversation();
    connector.inject({ kind: 'reply', conversationId: id, status: 200, body: { id: 'slow-reply' }, delayMs: SLOW_MS });
    const turn = await ask(id);
    expect(turn.status).toBe(200);
    expect(cardCalls(id)).toHaveLength(1);
    expect(connector.calls.some((c) => c.conversationId === id && c.body?.type === 'typing')).toBe(true);
    expect(turn.logs.filter((l) => l.level >= 40)).toEqual([]);
    expect(await quietFor(2_500)).toBe(0);
  });

  it('abandons a reply the connector has not answered within the attempt timeout, without posting it twice', async () => {
    const id = conversation();
    connector.inject({ kind: 'reply', conversationId: id, status: 200, body: { id: 'too-late' }, delayMs: 3_000 });
    const turn = await ask(id);
    expect(turn.logs).toContainEqual(expect.objectContaining({ event: 'connector-gave-up', reason: 'timed-out' }));
    const failure = turn.logs.find((l) => l.event === 'turn-failed');
    expect(failure).toBeDefined();
    // The fake records a call when it answers: wait for the abandoned one.
    await connector.waitFor(() => cardCalls(id).length >= 2);
    await quietFor(500);
    // The answer once (abandoned, perhaps shown anyway) and the error card: never the answer again.
    const cards = cardCalls(id).map((c) => JSON.stringify(c.body));
    expect(cards).toHaveLength(2);
    expect(cards.filter((c) => c.includes(String(failure?.correlationId)))).toHaveLength(1);
  });

  it('honours a 429 Retry-After within bounds and delivers the card once', async () => {
    const id = conversation();
    connector.inject({ kind: 'reply', conversationId: id, status: 429, headers: { 'retry-after': '1' } });
    const turn = await ask(id);
    expect(turn.status).toBe(200);
    const cards = cardCalls(id);
    expect(cards).toHaveLength(2);
    expect(cards[1].at - cards[0].at).toBeGreaterThanOrEqual(950);
    expect(cards[1].assignedId).not.toBeNull();
    expect(turn.logs.filter((l) => l.level >= 40)).toEqual([]);
  });

  it('gives up at once on a Retry-After longer than an admin would wait, and the turn ends', async () => {
    const id = conversation();
    connector.inject({ kind: 'reply', conversationId: id, status: 429, headers: { 'retry-after': '3600' } });
    const turn = await ask(id);
    expect(turn.logs).toContainEqual(expect.objectContaining({ event: 'connector-gave-up', reason: 'retry-after-too-long' }));
    const cards = cardCalls(id);
    // The throttled answer, then the error card (the fault was used up, so it got through).
    expect(cards).toHaveLength(2);
    expect(cards[1].assignedId).not.toBeNull();
  });

  it('retries a 500 and delivers the card', async () => {
    const id = conversation();
    connector.inject({ kind: 'reply', conversationId: id, status: 500 });
    const turn = await ask(id);
    const cards = cardCalls(id);
    expect(cards).toHaveLength(2);
    expect(cards[1].assignedId).not.toBeNull();
    expect(turn.logs.filter((l) => l.level >= 40)).toEqual([]);
  });

  it('stops after three 500s, tries the error card the same bounded way, and the turn ends', async () => {
    const id = conversation();
    for (let i = 0; i < 6; i += 1) connector.inject({ kind: 'reply', conversationId: id, status: 500 });
    const turn = await ask(id);
    expect(turn.logs.filter((l) => l.event === 'connector-gave-up' && l.reason === 'attempts-exhausted')).toHaveLength(2);
    expect(turn.logs).toContainEqual(expect.objectContaining({ event: 'error-card-failed' }));
    expect(cardCalls(id)).toHaveLength(6);
    expect(await quietFor(1_000)).toBe(0);
  });

  it('does not show an error card when only the typing indicator fails', async () => {
    const id = conversation();
    connector.inject({ kind: 'reply', conversationId: id, status: 200, body: { id: 'slow-reply' }, delayMs: SLOW_MS });
    for (let i = 0; i < 3; i += 1) connector.inject({ kind: 'reply', conversationId: id, status: 500 });
    const turn = await ask(id);
    expect(turn.logs).toContainEqual(expect.objectContaining({ event: 'typing-failed' }));
    expect(turn.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(cardCalls(id)).toHaveLength(1);
  });

  it('lets nothing pile up when the connector throttles and fails every call of many concurrent turns', async () => {
    // Timers started on behalf of the bot's connector calls (retry waits, attempt timeouts, typing), by their stack.
    const pending = new Set<number>();
    let started = 0;
    const stackLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    const hook = createHook({
      init(asyncId, type) {
        if (type !== 'Timeout' || !/[\\/]src[\\/]bot[\\/](connector|typing)\.ts/.test(new Error().stack ?? '')) return;
        started += 1;
        pending.add(asyncId);
      },
      destroy(asyncId) {
        pending.delete(asyncId);
      },
    }).enable();
    try {
      const ids = Array.from({ length: 30 }, () => conversation());
      for (const [index, id] of ids.entries()) {
        for (let i = 0; i < 10; i += 1) {
          connector.inject(
            index % 2 === 0
              ? { kind: 'reply', conversationId: id, status: 429, headers: { 'retry-after': String(3600 * (i + 1)) } }
              : { kind: 'reply', conversationId: id, status: 503, delayMs: 200 },
          );
        }
      }
      const turns = await Promise.all(ids.map((id) => ask(id)));
      expect(turns.every((t) => t.status === 200)).toBe(true);
      expect(started).toBeGreaterThan(30);
      // botbuilder's HTTP client leaves an aborted request's timeout armed until it would have fired.
      expect(await quietFor(RETRY.attemptTimeoutMs + 500)).toBe(0);
      expect(pending.size).toBe(0);
      // Each turn: at most three tries for its answer and three for its error card.
      for (const id of ids) expect(cardCalls(id).length).toBeLessThanOrEqual(6);
    } finally {
      hook.disable();
      Error.stackTraceLimit = stackLimit;
    }
  });
});
