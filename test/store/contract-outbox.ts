import type { OutboxStore } from '../../src/store/store';
import { anomaly, conversation } from '../notify/fixtures';
import type { Closable } from './contract';

/** Conversations, mutes, anomalies and the delivery outbox: one transaction boundary. */
export function describeOutboxStoreContract(name: string, open: () => Promise<OutboxStore & Closable>): void {
  describe(`${name} outbox store contract`, () => {
    let store: OutboxStore & Closable;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('notifications: conversations, mutes and the outbox', () => {
      const T0 = '2026-11-20T06:00:00.000Z';
      const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
      const subscribeOptions = (seconds = 0, catchUpFrom: string | null = null) => ({ at: at(seconds), locale: 'ja-JP', timeZone: 'Asia/Tokyo', catchUpFrom });
      const claim = (seconds: number, conversations = 10, perConversation = 50) =>
        store.claimDeliveries({ now: at(seconds), leaseMs: 60_000, conversations, perConversation });

      async function subscribed(...ids: string[]): Promise<void> {
        for (const id of ids) {
          await store.saveConversation(conversation(id), T0);
          expect((await store.subscribe(id, subscribeOptions())).found).toBe(true);
        }
      }

      it('remembers a conversation, keeps its subscription when seen again, and forgets it', async () => {
        await store.saveConversation(conversation('a:chat-1'), T0);
        expect(await store.getConversation('a:chat-1')).toMatchObject({ id: 'a:chat-1', serviceUrl: 'http://127.0.0.1:9/', tenantId: conversation('a:chat-1').tenantId, conversationType: 'personal', subscribed: false, subscribedAt: null, seenAt: T0 });
        expect(await store.subscribe('a:chat-1', subscribeOptions(5))).toEqual({ found: true, wasSubscribed: false, enqueued: 0 });
        await store.saveConversation(conversation('a:chat-1', 'http://127.0.0.1:10/'), at(60));
        expect(await store.getConversation('a:chat-1')).toMatchObject({ serviceUrl: 'http://127.0.0.1:10/', subscribed: true, subscribedAt: at(5), locale: 'ja-JP', timeZone: 'Asia/Tokyo', seenAt: at(60) });
        expect(JSON.parse((await store.getConversation('a:chat-1'))?.reference ?? '{}')).toMatchObject({ serviceUrl: 'http://127.0.0.1:10/', conversation: { id: 'a:chat-1' } });
        expect((await store.subscribe('a:chat-1', subscribeOptions(90))).wasSubscribed).toBe(true);
        expect((await store.getConversation('a:chat-1'))?.subscribedAt).toBe(at(5));
        expect((await store.listConversations({ subscribed: true })).map((c) => c.id)).toEqual(['a:chat-1']);
        expect(await store.unsubscribe('a:chat-1', at(120))).toBe(true);
        expect(await store.unsubscribe('a:chat-1', at(121))).toBe(false);
        expect(await store.listConversations({ subscribed: true })).toEqual([]);
        expect(await store.removeConversation('a:chat-1', 'uninstalled', at(130))).toEqual({ removed: true, cancelled: 0 });
        expect(await store.getConversation('a:chat-1')).toBeNull();
        expect(await store.subscribe('a:chat-1', subscribeOptions())).toEqual({ found: false, wasSubscribed: false, enqueued: 0 });
      });

      it('records each anomaly once and announces it once, to the conversations subscribed at the time', async () => {
        await subscribed('a:one', 'a:two');
        await store.saveConversation(conversation('a:quiet'), T0);
        const first = anomaly();
        expect(await store.recordAnomalies([first], at(1), { announce: true })).toEqual({ added: 1, announced: 1, enqueued: 2 });
        expect(await store.recordAnomalies([first, first], at(2), { announce: true })).toEqual({ added: 0, announced: 0, enqueued: 0 });
        await subscribed('a:later');
        expect(await store.recordAnomalies([first], at(3), { announce: true })).toEqual({ added: 0, announced: 0, enqueued: 0 });
        expect((await store.listDeliveries()).map((d) => `${d.conversationId} ${d.state}`)).toEqual(['a:one pending', 'a:two pending']);
        expect(await store.getAnomaly(first.key)).toEqual({ anomaly: first, firstSeenAt: at(1), announcedAt: at(1) });
        expect(await store.getAnomaly('no-such-key')).toBeNull();
      });

      it('records anomalies seen in answers without announcing them, and announces them when detection finds them', async () => {
        await subscribed('a:one');
        const seen = anomaly({ kind: 'spike' });
        expect(await store.recordAnomalies([seen], at(1), { announce: false })).toEqual({ added: 1, announced: 0, enqueued: 0 });
        expect((await store.getAnomaly(seen.key))?.announcedAt).toBeNull();
        expect(await store.recordAnomalies([seen], at(2), { announce: true })).toEqual({ added: 0, announced: 1, enqueued: 1 });
      });

      it('catches a new subscriber up on recent announced anomalies only, never twice, and brings back cancelled ones', async () => {
        await subscribed('a:one');
        const old = anomaly({ at: '2026-11-10T10:00:00.000Z' });
        const recent = anomaly({ kind: 'external-actor', actor: 'megan.bowen@fabrikam.com' });
        const unannounced = anomaly({ kind: 'risky-client' });
        await store.recordAnomalies([old, recent], at(1), { announce: true });
        await store.recordAnomalies([unannounced], at(1), { announce: false });
        await store.saveConversation(conversation('a:new'), T0);
        expect(await store.subscribe('a:new', subscribeOptions(10, '2026-11-18T06:00:00.000Z'))).toEqual({ found: true, wasSubscribed: false, enqueued: 1 });
        expect((await store.listDeliveries({ conversationId: 'a:new' })).map((d) => d.anomalyKey)).toEqual([recent.key]);
        expect((await store.subscribe('a:new', subscribeOptions(20, '2026-11-18T06:00:00.000Z'))).enqueued).toBe(0);
        expect(await store.unsubscribe('a:new', at(30))).toBe(true);
        expect((await store.listDeliveries({ conversationId: 'a:new' })).map((d) => d.state)).toEqual(['cancelled']);
        expect((await store.subscribe('a:new', subscribeOptions(40, '2026-11-18T06:00:00.000Z'))).enqueued).toBe(1);
        expect((await store.listDeliveries({ conversationId: 'a:new' })).map((d) => d.state)).toEqual(['pending']);
        const lease = (await claim(50)).find((c) => c.conversation.id === 'a:new');
        await store.completeDeliveries(lease?.token ?? '', at(51), 'activity-9');
        await store.unsubscribe('a:new', at(60));
        expect((await store.subscribe('a:new', subscribeOptions(70, '2026-11-18T06:00:00.000Z'))).enqueued).toBe(0);
        expect((await store.listDeliveries({ conversationId: 'a:new' }))[0]).toMatchObject({ state: 'sent', sentAt: at(51), activityId: 'activity-9' });
      });

      it('mutes a kind for a mailbox in one conversation: later anomalies skip it, pending ones are cancelled', async () => {
        await subscribed('a:one', 'a:two');
        const pending = anomaly({ mailbox: 'Finance@Contoso.com' });
        await store.recordAnomalies([pending], at(1), { announce: true });
        expect(await store.addMute({ conversationId: 'a:one', kind: 'new-delegate', mailbox: 'FINANCE@contoso.com' }, at(2))).toEqual({ added: true, cancelled: 1 });
        expect((await store.addMute({ conversationId: 'a:one', kind: 'new-delegate', mailbox: 'finance@contoso.com' }, at(3))).added).toBe(false);
        expect(await store.listMutes('a:one')).toEqual([{ conversationId: 'a:one', kind: 'new-delegate', mailbox: 'finance@contoso.com' }]);
        const next = anomaly({ actor: 'lee.gu@contoso.com' });
        const otherKind = anomaly({ kind: 'spike' });
        const otherMailbox = anomaly({ mailbox: 'hr@contoso.com' });
        expect((await store.recordAnomalies([next, otherKind, otherMailbox], at(4), { announce: true })).enqueued).toBe(5);
        const one = await store.listDeliveries({ conversationId: 'a:one' });
        expect(one.map((d) => `${d.anomalyKey} ${d.state}`).sort()).toEqual([`${pending.key} cancelled`, `${otherKind.key} pending`, `${otherMailbox.key} pending`].sort());
        expect(await store.listDeliveries({ conversationId: 'a:two', state: 'pending' })).toHaveLength(4);
      });

      it('lifts a mute: anomalies announced afterwards reach the conversation again, cancelled ones stay cancelled', async () => {
        await subscribed('a:one');
        const cancelled = anomaly({ mailbox: 'finance@contoso.com' });
        await store.recordAnomalies([cancelled], at(1), { announce: true });
        await store.addMute({ conversationId: 'a:one', kind: 'new-delegate', mailbox: 'finance@contoso.com' }, at(2));
        expect(await store.removeMute({ conversationId: 'a:one', kind: 'new-delegate', mailbox: 'Finance@Contoso.com' })).toBe(true);
        expect(await store.removeMute({ conversationId: 'a:one', kind: 'new-delegate', mailbox: 'finance@contoso.com' })).toBe(false);
        expect(await store.listMutes('a:one')).toEqual([]);
        const later = anomaly({ actor: 'lee.gu@contoso.com', mailbox: 'finance@contoso.com' });
        expect((await store.recordAnomalies([later], at(3), { announce: true })).enqueued).toBe(1);
        const deliveries = await store.listDeliveries({ conversationId: 'a:one' });
        expect(deliveries.map((d) => `${d.anomalyKey} ${d.state}`).sort()).toEqual([`${cancelled.key} cancelled`, `${later.key} pending`].sort());
      });

      it('claims one batch per due conversation, oldest first, and never a conversation already sending', async () => {
        await subscribed('a:one', 'a:two');
        const [a, b, c] = [anomaly(), anomaly({ kind: 'spike' }), anomaly({ kind: 'risky-client' })];
        await store.recordAnomalies([a, b], at(1), { announce: true });
        await store.recordAnomalies([c], at(2), { announce: true });
        const claims = await claim(3, 1);
        expect(claims).toHaveLength(1);
        expect(claims[0]).toMatchObject({ conversation: { id: 'a:one', subscribed: true, locale: 'ja-JP' }, attempts: 0, leaseUntil: at(63) });
        expect(claims[0].anomalies.map((x) => x.key)).toEqual([a.key, b.key, c.key]);
        const rest = await claim(3);
        expect(rest.map((x) => x.conversation.id)).toEqual(['a:two']);
        expect(await claim(3)).toEqual([]);
        // A newer anomaly for a conversation still sending waits for that card.
        await store.recordAnomalies([anomaly({ kind: 'watched-mailbox' })], at(4), { announce: true });
        expect(await claim(5)).toEqual([]);
        expect(await store.completeDeliveries(claims[0].token, at(6), 'act-1')).toBe(3);
        expect((await claim(7)).map((x) => [x.conversation.id, x.anomalies.length])).toEqual([['a:one', 1]]);
      });

      it('caps a claim per conversation and leaves the rest for the next card', async () => {
        await subscribed('a:one');
        await store.recordAnomalies(['new-delegate', 'spike', 'risky-client'].map((kind) => anomaly({ kind: kind as 'spike' })), at(1), { announce: true });
        const [first] = await claim(2, 10, 2);
        expect(first.anomalies).toHaveLength(2);
        await store.completeDeliveries(first.token, at(3), null);
        const [second] = await claim(4, 10, 2);
        expect(second.anomalies).toHaveLength(1);
      });

      it('reschedules a claim: a failure counts an attempt, a release does not, and the conversation waits for its latest retry', async () => {
        await subscribed('a:one');
        await store.recordAnomalies([anomaly()], at(1), { announce: true });
        const [first] = await claim(2);
        expect(await store.rescheduleDeliveries(first.token, at(30), 'HTTP 429')).toBe(1);
        expect(await store.rescheduleDeliveries(first.token, at(30), 'HTTP 429')).toBe(0);
        await store.recordAnomalies([anomaly({ kind: 'spike' })], at(5), { announce: true });
        expect(await store.nextDeliveryDue()).toBe(at(30));
        expect(await claim(29)).toEqual([]);
        const [second] = await claim(30);
        expect(second.anomalies).toHaveLength(2);
        expect(second.attempts).toBe(1);
        await store.rescheduleDeliveries(second.token, at(31), null);
        const [third] = await claim(31);
        expect(third.attempts).toBe(1);
        expect((await store.listDeliveries())[0]).toMatchObject({ state: 'sending', attempts: 1, lastError: 'HTTP 429' });
      });

      it('fails a claim for good and removes a conversation, cancelling what it had pending', async () => {
        await subscribed('a:one');
        await store.recordAnomalies([anomaly()], at(1), { announce: true });
        const [lease] = await claim(2);
        await store.addMute({ conversationId: 'a:one', kind: 'spike', mailbox: 'hr@contoso.com' }, at(2));
        expect(await store.failDeliveries(lease.token, 'HTTP 403 BotNotInConversationRoster', at(3))).toBe(1);
        await store.recordAnomalies([anomaly({ kind: 'spike' })], at(3), { announce: true });
        expect(await store.removeConversation('a:one', 'HTTP 403 BotNotInConversationRoster', at(4))).toEqual({ removed: true, cancelled: 1 });
        expect(await store.listMutes('a:one')).toEqual([]);
        expect((await store.listDeliveries()).map((d) => [d.state, d.attempts, d.lastError])).toEqual([
          ['dead', 1, 'HTTP 403 BotNotInConversationRoster'],
          ['cancelled', 0, 'HTTP 403 BotNotInConversationRoster'],
        ]);
        expect(await store.nextDeliveryDue()).toBeNull();
      });

      it('marks a claim whose send got no answer unknown: never claimed again, and the conversation is free for new cards', async () => {
        await subscribed('a:one');
        await store.recordAnomalies([anomaly()], at(1), { announce: true });
        const [lease] = await claim(2);
        expect(await store.markUnknown(lease.token, 'no answer ECONNRESET', at(3))).toBe(1);
        expect(await store.markUnknown(lease.token, 'no answer ECONNRESET', at(3))).toBe(0);
        expect(await store.listDeliveries()).toEqual([expect.objectContaining({ state: 'unknown', attempts: 1, lastError: 'no answer ECONNRESET' })]);
        expect(await store.nextDeliveryDue()).toBeNull();
        await store.recordAnomalies([anomaly({ kind: 'spike' })], at(4), { announce: true });
        const [next] = await claim(5);
        expect(next.anomalies.map((a) => a.kind)).toEqual(['spike']);
      });

      it('turns a lease that ran out mid-send into unknown, which only the sender that learnt the outcome can settle', async () => {
        await subscribed('a:one', 'a:two');
        await store.recordAnomalies([anomaly()], at(1), { announce: true });
        const claims = await claim(2);
        expect(await store.nextDeliveryDue()).toBe(at(62));
        expect(await store.expireLeases(at(61))).toEqual([]);
        const expired = await store.expireLeases(at(62));
        expect(expired.map((d) => [d.conversationId, d.state])).toEqual([
          ['a:one', 'unknown'],
          ['a:two', 'unknown'],
        ]);
        expect(await claim(63)).toEqual([]);
        expect(await store.nextDeliveryDue()).toBeNull();
        expect(await store.completeDeliveries(claims[0].token, at(64), 'late-ack')).toBe(1);
        expect(await store.completeDeliveries('not-a-lease', at(64), null)).toBe(0);
        const counts = await store.outboxCounts();
        expect(counts).toEqual({ deliveries: { pending: 0, sending: 0, sent: 1, unknown: 1, dead: 0, cancelled: 0 }, conversations: 2, subscribed: 2, anomalies: 1 });
      });
    });
  });
}
