import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeliveryWorker } from '../../src/notify/deliver';
import { AccessReviewScheduler, accessReviewKey, currentAccessReview } from '../../src/notify/review';
import { DEFAULT_NOTIFY_SETTINGS } from '../../src/notify/settings';
import { reviewCard } from '../../src/cards/builders/review';
import type { Language } from '../../src/i18n/reasons';
import type { Right } from '../../src/rights/identity';
import { PostgresStore } from '../../src/store/postgres/store';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { Store } from '../../src/store/store';
import { FakeClock } from '../fakes/clock';
import { cardText } from '../support/activities';
import { usePostgres } from '../support/postgres';
import { anomaly, conversation } from './fixtures';
import { ManualTimers, ScriptedSender, memoryLogger, until } from './support';

const postgres = usePostgres();
const SETTINGS = { keepDays: 90 };
const id = (text: string): { text: string; key: string } => ({ text, key: text });

/** Rights held since before the history (an inventory export, no admin records) and never used: all dormant. */
async function loadRights(store: Store, holdings: readonly [mailbox: string, trustee: string, right: Right][]): Promise<void> {
  await store.replaceSnapshot('recipient-permission', { takenAt: '2026-08-01T00:00:00.000Z', holdings: holdings.map(([m, t, right]) => ({ mailbox: id(m), trustee: id(t), right })) });
}

interface Backend {
  /** A store on an empty database. */
  fresh(): Promise<Store>;
  /** Another store on the same database: the app after a restart, or a second replica. */
  again(store: Store): Promise<Store>;
  cleanup(): void;
}

function sqlite(): Backend {
  const dir = mkdtempSync(path.join(tmpdir(), 'review-'));
  let n = 0;
  const files = new Map<Store, string>();
  return {
    fresh: () => {
      n += 1;
      const file = path.join(dir, `store-${n}.db`);
      const store = new SqliteStore(file);
      files.set(store, file);
      return Promise.resolve(store);
    },
    again: async (store) => {
      const file = files.get(store) as string;
      await store.close();
      const reopened = new SqliteStore(file);
      files.set(reopened, file);
      return reopened;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresql(): Backend {
  const urls = new Map<Store, string>();
  return {
    fresh: async () => {
      const url = await postgres.freshDatabase();
      const store = await PostgresStore.open(url, { poolSize: 2 });
      urls.set(store, url);
      return store;
    },
    again: async (store) => {
      const url = urls.get(store) as string;
      const other = await PostgresStore.open(url, { poolSize: 2 });
      urls.set(other, url);
      return other;
    },
    cleanup: () => undefined,
  };
}

describe.each([
  ['SQLite', sqlite],
  ['PostgreSQL', postgresql],
])('the monthly access review, %s store', (_name, backendOf) => {
  const backend = backendOf();
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
  });
  afterAll(() => backend.cleanup());

  const track = (store: Store): Store => {
    open.push(store);
    return store;
  };

  async function subscribed(store: Store, ids: readonly string[], at: string, locale = 'en'): Promise<void> {
    for (const conversationId of ids) {
      await store.saveConversation(conversation(conversationId), at);
      await store.subscribe(conversationId, { at, locale, timeZone: 'UTC', catchUpFrom: null });
    }
  }

  function scheduler(store: Store, clock: FakeClock, day: number | null = 3): AccessReviewScheduler {
    return new AccessReviewScheduler({ store, clock, day, settings: SETTINGS, logger: memoryLogger(), onEnqueued: () => undefined });
  }

  it('enqueues the month’s review once, from its day on, and not again after a restart; next month again', async () => {
    let store = track(await backend.fresh());
    await loadRights(store, [
      ['finance@contoso.com', 'alex@contoso.com', 'SendAs'],
      ['hr@contoso.com', 'bo@contoso.com', 'FullAccess'],
    ]);
    const clock = new FakeClock('2026-12-02T23:00:00.000Z');
    await subscribed(store, ['a:one', 'a:two'], clock.now().toISOString());

    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'not-yet' });
    expect(await store.listDeliveries()).toEqual([]);

    clock.set('2026-12-03T00:30:00.000Z');
    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'enqueued', key: 'access-review:2026-12', rights: 2, enqueued: 2 });
    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'sent-already' });

    // A restart (SQLite: the file reopened; PostgreSQL: another process on the database) within the month.
    store = track(await backend.again(store));
    clock.set('2026-12-20T08:00:00.000Z');
    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'sent-already' });
    const deliveries = await store.listDeliveries();
    expect(deliveries.map((d) => [d.anomalyKey, d.conversationId]).sort()).toEqual([
      ['access-review:2026-12', 'a:one'],
      ['access-review:2026-12', 'a:two'],
    ]);

    clock.set('2027-01-03T00:00:00.000Z');
    expect(await scheduler(store, clock).runOnce()).toMatchObject({ status: 'enqueued', key: 'access-review:2027-01', enqueued: 2 });
  });

  it('checks every hour, the first time an hour after start, so a start or a takeover adds nothing at once', async () => {
    const store = track(await backend.fresh());
    await loadRights(store, [['finance@contoso.com', 'alex@contoso.com', 'SendAs']]);
    const clock = new FakeClock('2026-12-05T10:00:00.000Z');
    await subscribed(store, ['a:one'], clock.now().toISOString());
    const timers = new ManualTimers(clock);
    let woken = 0;
    const s = new AccessReviewScheduler({ store, clock, day: 1, settings: SETTINGS, logger: memoryLogger(), onEnqueued: () => (woken += 1), timers });
    s.start();
    try {
      await until(() => timers.asked.length === 1);
      expect(timers.asked).toEqual([3_600_000]);
      expect(await store.listDeliveries()).toEqual([]);
      expect(timers.tick()).toBe(true);
      // A database round trip or three: wait in real time, not in event-loop turns.
      for (let i = 0; i < 500 && woken === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(woken).toBe(1);
      expect((await store.listDeliveries()).map((d) => d.anomalyKey)).toEqual(['access-review:2026-12']);
    } finally {
      await s.stop();
    }
  });

  it('two replicas checking at once enqueue one delivery per conversation', async () => {
    const first = track(await backend.fresh());
    await loadRights(first, [['finance@contoso.com', 'alex@contoso.com', 'SendAs']]);
    const clock = new FakeClock('2026-12-05T10:00:00.000Z');
    await subscribed(first, ['a:one'], clock.now().toISOString());
    const second = track(await backend.again(first));
    // SQLite's `again` closed the first store: the "replicas" are then one after another, as a restart is.
    const stores = _name === 'SQLite' ? [second, second] : [first, second];
    const runs = await Promise.all(stores.map((s) => scheduler(s, clock).runOnce()));
    expect(runs.reduce((n, r) => n + (r.status === 'enqueued' ? r.enqueued : 0), 0)).toBe(1);
    expect((await second.listDeliveries()).map((d) => d.conversationId)).toEqual(['a:one']);
  });

  it('records nothing when there is nothing to review, nobody subscribed, or it is turned off', async () => {
    const store = track(await backend.fresh());
    const clock = new FakeClock('2026-12-05T10:00:00.000Z');
    await loadRights(store, [['finance@contoso.com', 'alex@contoso.com', 'SendAs']]);
    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'no-subscribers' });
    expect(await store.getAnomaly(accessReviewKey(clock.now()))).toBeNull();
    await subscribed(store, ['a:one'], clock.now().toISOString());
    expect(await scheduler(store, clock, null).runOnce()).toEqual({ status: 'off' });
    await store.replaceSnapshot('recipient-permission', { takenAt: '2026-08-01T00:00:00.000Z', holdings: [] });
    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'nothing-to-review' });
    expect(await store.getAnomaly(accessReviewKey(clock.now()))).toBeNull();
    expect(await store.listDeliveries()).toEqual([]);
  });

  it('a right kept in a review is left out of the next review for keepDays, then asked about again', async () => {
    const store = track(await backend.fresh());
    await loadRights(store, [
      ['finance@contoso.com', 'alex@contoso.com', 'SendAs'],
      ['finance@contoso.com', 'bo@contoso.com', 'SendOnBehalf'],
    ]);
    await store.recordReviewDecision({ mailboxKey: 'finance@contoso.com', trusteeKey: 'alex@contoso.com', right: 'SendAs', decision: 'keep', by: 'adele@contoso.com', at: '2026-12-05T10:00:00.000Z' });
    await store.recordReviewDecision({ mailboxKey: 'finance@contoso.com', trusteeKey: 'bo@contoso.com', right: 'SendOnBehalf', decision: 'remove', by: 'adele@contoso.com', at: '2026-12-05T10:01:00.000Z' });
    const clock = new FakeClock('2027-01-03T00:00:00.000Z');
    await subscribed(store, ['a:one'], clock.now().toISOString());
    const trustees = async (at: string): Promise<string[][]> =>
      (await currentAccessReview(store, new Date(at), SETTINGS)).review.flatMap((m) => m.items.map((i) => [i.dormant.interval.trustee.key, i.decision?.decision ?? '-', String(i.settled)]));
    // January: Alex was kept a month ago; Bo's removal is decided but the right is still held.
    expect(await trustees('2027-01-03T00:00:00.000Z')).toEqual([['bo@contoso.com', 'remove', 'true']]);
    // Nothing left to decide: no card goes out this month.
    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'nothing-to-review' });
    // March: 90 days after the Keep, Alex is reviewed again, with the old decision shown but not standing.
    expect(await trustees('2027-03-06T00:00:00.000Z')).toEqual([
      ['alex@contoso.com', 'keep', 'false'],
      ['bo@contoso.com', 'remove', 'true'],
    ]);
  });

  it('delivery renders the review as it stands when sent, in the subscriber’s language, with Keep and Remove', async () => {
    const store = track(await backend.fresh());
    await loadRights(store, [['finance@contoso.com', 'alex@contoso.com', 'SendAs']]);
    const clock = new FakeClock('2026-12-05T10:00:00.000Z');
    await subscribed(store, ['a:en'], clock.now().toISOString());
    await subscribed(store, ['a:ja'], clock.now().toISOString(), 'ja');
    await scheduler(store, clock).runOnce();
    const sender = new ScriptedSender();
    const accessReviewCard = async (language: Language, zone: string) => reviewCard(await currentAccessReview(store, clock.now(), SETTINGS), language, zone);
    const worker = new DeliveryWorker({ store, sender, clock, logger: memoryLogger(), random: () => 0, settings: DEFAULT_NOTIFY_SETTINGS, accessReviewCard });
    expect(await worker.runOnce()).toMatchObject({ cards: 2, delivered: 2 });
    const en = JSON.stringify(sender.cardsFor('a:en')[0]);
    expect(cardText(sender.cardsFor('a:en')[0])).toMatch(/^Access review$/m);
    expect(en).toContain('"verb":"review-keep","mailbox":"finance@contoso.com","trustee":"alex@contoso.com","right":"SendAs","lang":"en"');
    expect(cardText(sender.cardsFor('a:ja')[0])).toMatch(/^アクセス レビュー$/m);
    // Sent once: another pass and another check send nothing more.
    expect(await worker.runOnce()).toMatchObject({ cards: 0 });
    expect(await scheduler(store, clock).runOnce()).toEqual({ status: 'sent-already' });
  });

  it('a review the store cannot read when it is due waits and is sent later, not lost', async () => {
    const store = track(await backend.fresh());
    await loadRights(store, [['finance@contoso.com', 'alex@contoso.com', 'SendAs']]);
    const clock = new FakeClock('2026-12-05T10:00:00.000Z');
    await subscribed(store, ['a:one'], clock.now().toISOString());
    await scheduler(store, clock).runOnce();
    const sender = new ScriptedSender();
    let broken = true;
    const accessReviewCard = async (language: Language, zone: string) => {
      if (broken) throw new Error('store busy');
      return reviewCard(await currentAccessReview(store, clock.now(), SETTINGS), language, zone);
    };
    const worker = new DeliveryWorker({ store, sender, clock, logger: memoryLogger(), random: () => 0, settings: DEFAULT_NOTIFY_SETTINGS, accessReviewCard });
    expect(await worker.runOnce()).toMatchObject({ cards: 0, retried: 1, unknown: 0 });
    expect(sender.sent).toEqual([]);
    expect((await store.listDeliveries()).map((d) => [d.state, d.lastError])).toEqual([['pending', 'render: store busy']]);
    broken = false;
    clock.advance(DEFAULT_NOTIFY_SETTINGS.backoffBaseMs);
    expect(await worker.runOnce()).toMatchObject({ cards: 1 });
    expect(cardText(sender.cardsFor('a:one')[0])).toMatch(/^Access review$/m);
  });

  it('a review that shares a claim with anomalies goes out as a line of the anomaly card, naming the question that opens it', async () => {
    const store = track(await backend.fresh());
    await loadRights(store, [['finance@contoso.com', 'alex@contoso.com', 'SendAs']]);
    const clock = new FakeClock('2026-12-05T10:00:00.000Z');
    await subscribed(store, ['a:one'], clock.now().toISOString());
    await store.recordAnomalies([anomaly()], clock.now().toISOString(), { announce: true });
    await scheduler(store, clock).runOnce();
    const sender = new ScriptedSender();
    const worker = new DeliveryWorker({ store, sender, clock, logger: memoryLogger(), random: () => 0, settings: DEFAULT_NOTIFY_SETTINGS, accessReviewCard: () => Promise.reject(new Error('not for a mixed claim')) });
    expect(await worker.runOnce()).toMatchObject({ cards: 1, delivered: 2 });
    expect(cardText(sender.cardsFor('a:one')[0])).toMatch(/access review is ready: 1 right not used in 30 days\. Ask “access review”/);
  });
});
