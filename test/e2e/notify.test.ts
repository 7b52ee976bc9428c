import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { loadConfig } from '../../src/config';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import { FakeConnector } from '../fakes/connector';
import { cardActions, cardText, postActivity, teamsMessage } from '../support/activities';
import { anomalyItems } from '../notify/support';

/**
 * The demo tenant plants its anomalies on the last full day before now (2026-11-19); a few of its
 * records are still "in flight" at 06:00, as late audit records are, so the test reads what was found.
 */
const NOW = new Date('2026-11-20T06:00:00.000Z');
const SURELY_FOUND = ['new-delegate', 'external-actor', 'spike'];

async function eventually(condition: () => Promise<boolean>, tries = 250): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met in time');
}

describe('notifications in the running app, over real HTTP', () => {
  let connector: FakeConnector;
  let app: App;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    const config = loadConfig({ PORT: '0', STORE_PATH: ':memory:', DEMO_USERS: '200', DEMO_DAYS: '30', LOG_LEVEL: 'silent' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    app = await startApp(config.config, createLogger('silent'), { now: () => NOW });
    // Detection runs once at start: wait until it has recorded what the demo tenant planted.
    for (let i = 0; i < 300 && (await app.store.outboxCounts()).anomalies < SURELY_FOUND.length; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  async function post(activity: Record<string, unknown>): Promise<{ status: number; body: string }> {
    const response = await postActivity(app.url, activity);
    expect(response.status).toBe(200);
    return response;
  }

  /** Says `text` and returns the card the bot replied with (proactive cards may arrive meanwhile). */
  async function say(text: string, conversationId: string, extra: Partial<Parameters<typeof teamsMessage>[0]> = {}): Promise<Record<string, unknown>> {
    const activity = teamsMessage({ serviceUrl: connector.url, text, conversationId, ...extra });
    const isReply = (c: { kind: string; activityId: string | null }) => c.kind === 'reply' && c.activityId === activity.id;
    await post(activity);
    await connector.waitFor((calls) => calls.some(isReply));
    const reply = connector.calls.find(isReply);
    return (reply?.body?.attachments as { content: Record<string, unknown> }[])[0].content;
  }

  /** The kinds of the anomalies the outbox holds for a conversation. */
  async function announcedKinds(conversationId: string): Promise<string[]> {
    const deliveries = await app.store.listDeliveries({ conversationId });
    const kinds = await Promise.all(deliveries.map(async (d) => (await app.store.getAnomaly(d.anomalyKey))?.anomaly.kind));
    return kinds.map(String).sort();
  }

  const proactive = (conversationId: string) => connector.calls.filter((c) => c.kind === 'send' && c.conversationId === conversationId);
  const proactiveCards = (conversationId: string) =>
    proactive(conversationId).map((c) => (c.body?.attachments as { content: Record<string, unknown> }[])[0].content);

  it('turns notifications on, confirms, and posts the planted anomalies as one proactive card', async () => {
    const notice = await say('subscribe', 'a:personal-1');
    expect(cardText(notice)).toMatch(/Notifications are on/);
    expect(cardText(notice)).toMatch(/recent anomal(y|ies) follows?/);
    await connector.waitFor(() => proactive('a:personal-1').length === 1);
    const [card] = proactiveCards('a:personal-1');
    const text = cardText(card);
    expect(text).toMatch(/anomalies need a look/);
    const kinds = await announcedKinds('a:personal-1');
    for (const kind of SURELY_FOUND) expect(kinds).toContain(kind);
    expect(anomalyItems(card)).toHaveLength(kinds.length);
    const muted = cardActions(card).filter((a) => a.type === 'Action.Execute' && a.data?.verb === 'mute').map((a) => String(a.data?.kind));
    expect(muted.sort()).toEqual(kinds);
    const newcomer = [...generateDemoTenant({ users: 200, days: 30, seed: '42', end: NOW })].find((r) => r.truth.anomaly === 'new-delegate');
    expect(text).toContain(String(newcomer?.auditData.UserId).toLowerCase());
    // The connector has the card; the outbox learns it a moment later, from the answer.
    await eventually(async () => (await app.store.listDeliveries({ conversationId: 'a:personal-1' })).every((d) => d.state === 'sent'));
  });

  it('shows an anomaly’s evidence events when its button is pressed', async () => {
    const [card] = proactiveCards('a:personal-1');
    const evidence = cardActions(card).find((a) => a.data?.verb === 'evidence');
    expect(evidence).toBeDefined();
    expect(evidence?.data).not.toHaveProperty('key');
    const recorded = await app.store.getAnomaly(String(evidence?.data?.anomaly));
    expect(recorded?.anomaly.evidence.length).toBeGreaterThan(1);
    const before = connector.cards('a:personal-1').length;
    await post(teamsMessage({ serviceUrl: connector.url, conversationId: 'a:personal-1', extra: { value: evidence?.data } }));
    const expected = 1 + (recorded?.anomaly.evidence.length ?? 0);
    await connector.waitFor(() => connector.cards('a:personal-1').length >= before + expected);
    const shown = connector.cards('a:personal-1').slice(before);
    expect(cardText(shown[0])).toMatch(/Evidence/);
    for (const id of recorded?.anomaly.evidence ?? []) expect(shown.slice(1).some((c) => cardText(c).includes(id))).toBe(true);
    // A card posted before the rename still sends `key`: the same evidence follows.
    const { anomaly: key, ...rest } = evidence?.data ?? {};
    const beforeOld = connector.cards('a:personal-1').length;
    await post(teamsMessage({ serviceUrl: connector.url, conversationId: 'a:personal-1', extra: { value: { ...rest, key } } }));
    await connector.waitFor(() => connector.cards('a:personal-1').length >= beforeOld + expected);
    expect(connector.cards('a:personal-1').slice(beforeOld).map(cardText)).toEqual(shown.map(cardText));
  });

  it('mutes a rule for a mailbox from the card (Action.Execute) and confirms', async () => {
    const [card] = proactiveCards('a:personal-1');
    const mute = cardActions(card).find((a) => a.data?.verb === 'mute' && a.data?.kind === 'spike');
    const before = connector.cards('a:personal-1').length;
    const invoke = {
      ...teamsMessage({ serviceUrl: connector.url, conversationId: 'a:personal-1' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'mute', data: mute?.data } },
    };
    expect((await postActivity(app.url, invoke)).status).toBe(200);
    await connector.waitFor(() => connector.cards('a:personal-1').length > before);
    expect(cardText(connector.cards('a:personal-1').at(-1))).toMatch(/will not post “Spike” anomalies about/);
    expect(await app.store.listMutes('a:personal-1')).toEqual([{ conversationId: 'a:personal-1', kind: 'spike', mailbox: String(mute?.data?.mailbox).toLowerCase() }]);
  });

  it('lifts the mute from the "Muted" card’s Undo (Action.Submit), once', async () => {
    const muted = connector.cards('a:personal-1').at(-1);
    const undo = cardActions(muted).find((a) => a.type === 'Action.Execute' && a.data?.verb === 'unmute');
    expect(undo?.data).toMatchObject({ verb: 'unmute', kind: 'spike' });
    for (const expected of [/post “Spike” anomalies about .* again/, /were not muted in this conversation/]) {
      const before = connector.cards('a:personal-1').length;
      await post(teamsMessage({ serviceUrl: connector.url, conversationId: 'a:personal-1', extra: { value: undo?.data } }));
      await connector.waitFor(() => connector.cards('a:personal-1').length > before);
      expect(cardText(connector.cards('a:personal-1').at(-1))).toMatch(expected);
    }
    expect(await app.store.listMutes('a:personal-1')).toEqual([]);
  });

  it('answers "anomalies" from the detectors', async () => {
    // Yesterday only: over the week the demo's high rights anomalies (issue 19) push the medium ones past the first page.
    const card = await say('anomalies yesterday', 'a:personal-1');
    expect(cardText(card)).toMatch(/^Anomalies/);
    for (const kind of ['New delegate', 'External sender', 'Spike']) expect(cardText(card)).toContain(kind);
  });

  it('posts to a channel as a new post, not into the thread it was asked in', async () => {
    await say('<at>SendAs Watch</at> subscribe', '19:channel@thread.tacv2;messageid=1763500000000', { conversationType: 'channel' });
    await connector.waitFor(() => proactive('19:channel@thread.tacv2').length === 1);
    expect(proactive('19:channel@thread.tacv2;messageid=1763500000000')).toEqual([]);
    expect((await app.store.getConversation('19:channel@thread.tacv2'))?.conversationType).toBe('channel');
  });

  it('turns notifications off, and forgets a conversation the app is removed from', async () => {
    const notice = await say('unsubscribe', 'a:personal-1');
    expect(cardText(notice)).toMatch(/Notifications are off/);
    expect((await app.store.getConversation('a:personal-1'))?.subscribed).toBe(false);
    const remove = { ...teamsMessage({ serviceUrl: connector.url, conversationId: 'a:personal-1' }), type: 'installationUpdate', action: 'remove', text: undefined };
    await post(remove);
    expect(await app.store.getConversation('a:personal-1')).toBeNull();
    const health = (await (await fetch(`${app.url}/healthz`)).json()) as { notifications: { subscribed: number; deliveries: Record<string, number> } };
    expect(health.notifications.subscribed).toBe(1);
    expect(health.notifications.deliveries.sent).toBe((await app.store.listDeliveries({ state: 'sent' })).length);
    expect(health.notifications.deliveries.sent).toBeGreaterThanOrEqual(2 * SURELY_FOUND.length);
  });

  it('forgets a channel whose team is deleted', async () => {
    const channel = '19:channel@thread.tacv2';
    expect((await app.store.getConversation(channel))?.subscribed).toBe(true);
    const teamDeleted = {
      ...teamsMessage({ serviceUrl: connector.url, conversationId: channel, conversationType: 'channel' }),
      type: 'conversationUpdate',
      text: undefined,
      channelData: { eventType: 'teamDeleted', team: { id: channel, name: 'Finance admins' }, tenant: { id: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
    };
    expect((await postActivity(app.url, teamDeleted)).status).toBeLessThan(300);
    expect(await app.store.getConversation(channel)).toBeNull();
    expect(await app.store.listConversations({ subscribed: true })).toEqual([]);
  });
});
