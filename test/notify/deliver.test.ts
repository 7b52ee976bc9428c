import { DeliveryWorker } from '../../src/notify/deliver';
import type { NotifySettings } from '../../src/notify/settings';
import { DEFAULT_NOTIFY_SETTINGS } from '../../src/notify/settings';
import { SqliteStore } from '../../src/store/sqlite/store';
import { FakeClock } from '../fakes/clock';
import { cardText } from '../support/activities';
import { anomaly, conversation } from './fixtures';
import { ScriptedSender, anomalyItems, memoryLogger, rejected } from './support';

const T0 = '2026-11-20T06:00:00.000Z';

describe('delivering the outbox', () => {
  let store: SqliteStore;
  let clock: FakeClock;
  let sender: ScriptedSender;
  let logger: ReturnType<typeof memoryLogger>;

  beforeEach(() => {
    store = new SqliteStore(':memory:', { now: () => 0 });
    clock = new FakeClock(T0);
    sender = new ScriptedSender();
    logger = memoryLogger();
  });
  afterEach(() => store.close());

  function worker(settings: Partial<NotifySettings> = {}, random = () => 0): DeliveryWorker {
    return new DeliveryWorker({ store, sender, clock, logger, random, settings: { ...DEFAULT_NOTIFY_SETTINGS, ...settings } });
  }

  async function subscribe(id: string, locale = 'en', timeZone = 'UTC', tenant?: string): Promise<void> {
    const record = conversation(id);
    await store.saveConversation(tenant === undefined ? record : { ...record, tenantId: tenant }, clock.now().toISOString());
    await store.subscribe(id, { at: clock.now().toISOString(), locale, timeZone, catchUpFrom: null });
  }

  async function announce(...anomalies: ReturnType<typeof anomaly>[]): Promise<void> {
    await store.recordAnomalies(anomalies, clock.now().toISOString(), { announce: true });
  }

  const three = [anomaly(), anomaly({ kind: 'spike', actor: 'lee.gu@contoso.com' }), anomaly({ kind: 'external-actor', actor: 'megan.bowen@fabrikam.com', mailbox: 'sales@contoso.com' })];

  it('sends the anomalies of a cycle as one card per conversation, once', async () => {
    await subscribe('a:one');
    await subscribe('a:two');
    await announce(...three);
    const report = await worker().runOnce();
    expect(report).toMatchObject({ cards: 2, delivered: 6, retried: 0, dead: 0, unknown: 0, deferred: 0 });
    for (const id of ['a:one', 'a:two']) {
      const cards = sender.cardsFor(id);
      expect(cards).toHaveLength(1);
      expect(anomalyItems(cards[0])).toHaveLength(3);
      for (const a of three) expect(cardText(cards[0])).toContain(a.actor);
    }
    expect((await store.listDeliveries()).map((d) => d.state)).toEqual(Array(6).fill('sent'));
    expect((await store.listDeliveries())[0].activityId).toMatch(/^activity-/);
    expect(await worker().runOnce()).toMatchObject({ cards: 0 });
    expect(sender.sent).toHaveLength(2);
    expect(logger.events('notification-sent').map((l) => l.fields)).toEqual([
      expect.objectContaining({ conversation: 'a:one', anomalies: 3, kinds: ['external-actor', 'new-delegate', 'spike'], attempt: 1 }),
      expect.objectContaining({ conversation: 'a:two', anomalies: 3 }),
    ]);
  });

  it('writes each card in its subscriber’s language and time zone', async () => {
    await subscribe('a:ja', 'ja', 'Asia/Tokyo');
    await announce(anomaly({ at: '2026-11-19T23:30:00.000Z' }));
    await worker().runOnce();
    const text = cardText(sender.cardsFor('a:ja')[0]);
    expect(text).toMatch(/確認が必要な異常/);
    expect(text).toMatch(/日本時間/);
    expect(text).toMatch(/11\/20|11月20日|2026\/11\/20/);
  });

  it('honours Retry-After on a 429, and anomalies found meanwhile join the retried card', async () => {
    await subscribe('a:one');
    await announce(three[0]);
    sender.answer('a:one', rejected(429, null, 5000));
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ cards: 0, retried: 1 });
    expect(await store.nextDeliveryDue()).toBe('2026-11-20T06:00:05.000Z');
    clock.advance(1000);
    await announce(three[1]);
    clock.advance(3000);
    expect(await w.runOnce()).toMatchObject({ cards: 0, retried: 0 });
    clock.advance(1000);
    expect(await w.runOnce()).toMatchObject({ cards: 1, delivered: 2 });
    expect(sender.sent).toHaveLength(2);
    expect(anomalyItems(sender.sent[1].card)).toHaveLength(2);
    expect((await store.listDeliveries()).map((d) => [d.state, d.attempts])).toEqual([
      ['sent', 1],
      ['sent', 0],
    ]);
    expect(logger.events('notification-retry')[0].fields).toMatchObject({ failure: 'HTTP 429 Retry-After 5 s', retryInMs: 5000 });
  });

  it('backs off exponentially on 502 / 503 / 504 and gives up after the last attempt', async () => {
    await subscribe('a:one');
    await announce(three[0]);
    sender.answer('a:one', rejected(502), rejected(503), rejected(504));
    const w = worker({ maxAttempts: 3, backoffBaseMs: 2000 }, () => 0.5);
    const waits: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await w.runOnce();
      const due = await store.nextDeliveryDue();
      if (due === null) break;
      waits.push(Date.parse(due) - clock.now().getTime());
      clock.set(due);
    }
    expect(waits).toEqual([2000, 4000]);
    expect(await store.listDeliveries()).toEqual([expect.objectContaining({ state: 'dead', attempts: 3, lastError: 'HTTP 504; gave up after 3 attempts' })]);
    expect(logger.events('notification-dead')).toHaveLength(1);
  });

  it.each([
    [403, 'BotNotInConversationRoster'],
    [403, 'MessageWritesBlocked'],
    [404, 'ConversationNotFound'],
  ])('forgets a conversation Teams refuses for good (%i %s) and logs it, without touching the others', async (status, code) => {
    await subscribe('a:gone');
    await subscribe('a:fine');
    await announce(three[0]);
    sender.answer('a:gone', rejected(status, code));
    const report = await worker().runOnce();
    expect(report).toMatchObject({ cards: 1, dead: 1, removed: ['a:gone'] });
    expect(await store.getConversation('a:gone')).toBeNull();
    expect(await store.listDeliveries({ conversationId: 'a:gone' })).toEqual([expect.objectContaining({ state: 'dead', lastError: `HTTP ${status} ${code}` })]);
    const line = logger.events('conversation-removed')[0];
    expect(line).toMatchObject({ level: 'warn', fields: { conversation: 'a:gone', failure: `HTTP ${status} ${code}` } });
    expect(JSON.stringify(logger.lines)).not.toMatch(/alex\.wilber|finance@/);
    clock.advance(60_000);
    await announce(three[1]);
    await worker().runOnce();
    expect(sender.cardsFor('a:gone')).toHaveLength(1);
    expect(sender.cardsFor('a:fine')).toHaveLength(2);
  });

  it('never resends a card that got no answer, and the conversation goes on', async () => {
    await subscribe('a:one');
    await announce(three[0]);
    sender.answer('a:one', { ok: false, status: null, code: 'ECONNRESET', retryAfterMs: null, certain: false });
    expect(await worker().runOnce()).toMatchObject({ unknown: 1 });
    clock.advance(600_000);
    await worker().runOnce();
    expect(sender.sent).toHaveLength(1);
    expect(await store.listDeliveries()).toEqual([expect.objectContaining({ state: 'unknown', lastError: 'no answer ECONNRESET' })]);
    await announce(three[1]);
    await worker().runOnce();
    expect(sender.sent).toHaveLength(2);
  });

  it('keeps one card per conversation per second: a second card waits as pending, not as sending', async () => {
    await subscribe('a:one');
    await announce(three[0]);
    const w = worker();
    await w.runOnce();
    clock.advance(200);
    await announce(three[1]);
    expect(await w.runOnce()).toMatchObject({ cards: 0, deferred: 1 });
    expect(await store.listDeliveries({ state: 'pending' })).toEqual([expect.objectContaining({ attempts: 0, nextAttemptAt: '2026-11-20T06:00:01.000Z' })]);
    clock.advance(800);
    expect(await w.runOnce()).toMatchObject({ cards: 1 });
  });

  it('stays under the per-tenant cap and the concurrency limit', async () => {
    for (let i = 0; i < 6; i += 1) await subscribe(`a:c${i}`, 'en', 'UTC', 'tenant-a');
    await announce(three[0]);
    const report = await worker({ concurrency: 2, perTenant: [{ windowMs: 1000, max: 4 }] }).runOnce();
    expect(report).toMatchObject({ cards: 4, deferred: 2 });
    expect(sender.maxInFlight).toBe(2);
  });

  it('after a crash mid-send, treats the card as possibly delivered: unknown, never sent again', async () => {
    await subscribe('a:one');
    await announce(three[0]);
    sender.hold();
    const crashed = worker();
    void crashed.runOnce();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await store.listDeliveries()).toEqual([expect.objectContaining({ state: 'sending' })]);
    // The process dies here; a new one starts on the same store once the lease has run out.
    clock.advance(DEFAULT_NOTIFY_SETTINGS.leaseMs);
    const restarted = worker();
    expect(await restarted.runOnce()).toMatchObject({ expired: 1, cards: 0 });
    expect(sender.sent).toHaveLength(1);
    expect(await store.listDeliveries()).toEqual([expect.objectContaining({ state: 'unknown' })]);
    expect(logger.events('delivery-unknown')[0].fields).toMatchObject({ conversation: 'a:one', anomalies: 1, reason: 'lease expired' });
  });

  it('after a crash while waiting out a 429, sends the card exactly once', async () => {
    await subscribe('a:one');
    await announce(three[0]);
    sender.answer('a:one', rejected(429, null, 30_000));
    await worker().runOnce();
    // The process dies during the wait; the new one finds the delivery pending.
    clock.advance(30_000);
    await worker().runOnce();
    await worker().runOnce();
    expect(sender.sent).toHaveLength(2);
    expect((await store.listDeliveries())[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('gives each conversation a slot of its own: one slow to answer holds up no other', async () => {
    await subscribe('a:slow');
    await subscribe('a:quick');
    sender.hold('a:slow');
    const w = worker({ concurrency: 2, idleMs: 60_000 });
    w.start();
    try {
      await announce(three[0]);
      w.wake();
      const settled = async (id: string) => (await store.listDeliveries({ conversationId: id })).every((d) => d.state === 'sent');
      for (let i = 0; i < 200 && !(await settled('a:quick')); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      clock.advance(2000);
      await announce(three[1]);
      w.wake();
      for (let i = 0; i < 200 && sender.cardsFor('a:quick').length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(sender.cardsFor('a:quick')).toHaveLength(2);
      // The slow conversation's first card is still on the wire; its second anomaly waits for it.
      expect((await store.listDeliveries({ conversationId: 'a:slow' })).map((d) => d.state)).toEqual(['sending', 'pending']);
    } finally {
      sender.release();
      await w.stop();
    }
    expect((await store.listDeliveries({ conversationId: 'a:slow' })).map((d) => d.state)).toEqual(['sent', 'pending']);
    clock.advance(1000);
    expect((await worker().runOnce()).cards).toBe(1);
    expect(sender.cardsFor('a:slow')).toHaveLength(2);
  });

  it('runs by itself: new work wakes the loop, stop waits for the sends in flight', async () => {
    await subscribe('a:one');
    const w = worker({ idleMs: 60_000 });
    w.start();
    try {
      await announce(three[0]);
      w.wake();
      for (let i = 0; i < 100 && sender.sent.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sender.sent).toHaveLength(1);
    } finally {
      await w.stop();
    }
    expect((await store.listDeliveries())[0].state).toBe('sent');
  });
});
