import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { escapeMarkdown } from '../../src/cards';
import { en, ja } from '../../src/i18n/cards';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import type { StoredEvent } from '../../src/store/store';
import { FakeConnector } from '../fakes/connector';
import { cardActions, cardText, postActivity, teamsMessage } from '../support/activities';

const NOW = new Date('2026-11-18T10:00:00.000Z');

type Card = Record<string, unknown>;
interface Drill {
  readonly verb: string;
  readonly actor: string;
  readonly sentAs: string;
  readonly from: string;
  readonly to: string;
}

function testConfig(): Config {
  const result = loadConfig({ PORT: '0', STORE_PATH: ':memory:', DEMO_USERS: '200', DEMO_DAYS: '30', LOG_LEVEL: 'silent' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

const actionData = (card: unknown, verb: string): Record<string, unknown>[] =>
  cardActions(card)
    .filter((action) => action.type === 'Action.Execute' && action.verb === verb)
    .map((action) => action.data ?? {});

const explainIds = (card: unknown): string[] => actionData(card, 'explain').map((data) => String(data.eventId));

const olderEvents = (card: unknown): Record<string, unknown> | undefined => actionData(card, 'events').find((data) => data.before !== undefined);

describe('drilling into an actor’s events over real HTTP', () => {
  let connector: FakeConnector;
  let app: App;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    app = await startApp(testConfig(), createLogger('silent'), { now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  /** Posts an activity and returns the card the bot delivered to the connector because of it. */
  async function deliveredCard(activity: Record<string, unknown>): Promise<{ card: Card; status: number; body: string; messageId: string }> {
    const before = connector.cards().length;
    const { status, body } = await postActivity(app.url, activity);
    await connector.waitFor(() => connector.cards().length > before);
    const call = connector.activities().at(-1);
    expect(call?.activityId).toBe(activity.id);
    return { card: connector.cards().at(-1) as Card, status, body, messageId: String(call?.assignedId) };
  }

  const invoke = (verb: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...teamsMessage({ serviceUrl: connector.url }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
    ...extra,
  });

  const submit = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => teamsMessage({ serviceUrl: connector.url, extra: { value: data, ...extra } });

  /** Every event of the drill's actor sending as its identity, newest first, from the store itself. */
  async function storedEvents(drill: Drill): Promise<StoredEvent[]> {
    return app.store.listEvents({ from: drill.from, to: drill.to, actor: drill.actor, sentAs: drill.sentAs }, { limit: 100_000 });
  }

  let answer: Card;
  let drills: Drill[];

  beforeAll(async () => {
    ({ card: answer } = await deliveredCard(teamsMessage({ serviceUrl: connector.url, text: 'who sent as finance@contoso.com this week' })));
    drills = actionData(answer, 'drill') as unknown as Drill[];
  });

  it('answers with drill buttons for the rows', () => {
    expect(cardText(answer)).toContain('Who sent as finance@contoso.com');
    expect(drills.length).toBeGreaterThan(2);
    for (const drill of drills) expect(drill).toMatchObject({ verb: 'drill', sentAs: 'finance@contoso.com' });
  });

  it("answers a Japanese card's buttons in Japanese though the client's locale is en-US (the buttons carry the card's language)", async () => {
    const { card: japanese } = await deliveredCard(teamsMessage({ serviceUrl: connector.url, text: '今週 finance として送信したのは誰' }));
    const [drill] = actionData(japanese, 'drill');
    expect(drill).toMatchObject({ verb: 'drill', lang: 'ja' });
    const { card: events } = await deliveredCard(invoke('drill', { ...drill }));
    expect(cardText(events)).toContain(`が finance@contoso.com から送信したイベント`);
    expect(cardActions(events).filter((a) => a.verb === 'explain').map((a) => (a as { title?: string }).title)).toContain(ja.events.explain);
    for (const data of actionData(events, 'explain')) expect(data.lang).toBe('ja');
    // An English card's buttons stay English for a Japanese client.
    const english = await deliveredCard(invoke('drill', { ...drills[0] }, { locale: 'ja-JP' }));
    expect(cardText(english.card)).toContain('Events: ');
  });

  it('lists the events of the first row through Action.Execute and through Action.Submit, as the store has them', async () => {
    const drill = drills[0];
    const stored = await storedEvents(drill);
    expect(stored.length).toBeGreaterThan(0);
    const executed = await deliveredCard(invoke('drill', { ...drill }));
    expect(executed.status).toBe(200);
    const submitted = await deliveredCard(submit({ ...drill }));
    for (const { card } of [executed, submitted]) {
      const text = cardText(card);
      expect(card.version).toBe('1.5');
      expect(text).toContain(`Events: ${escapeMarkdown(drill.actor)} sending from finance@contoso.com`);
      expect(text).toContain(`**${stored.length} ${stored.length === 1 ? 'event' : 'events'}** in this range, newest first.`);
      const shown = explainIds(card);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toEqual(stored.slice(0, shown.length).map((event) => event.id));
    }
  });

  it('explains an event from the list, by Action.Execute and by Action.Submit', async () => {
    const { card } = await deliveredCard(invoke('drill', { ...drills[0] }));
    const [firstId, secondId = firstId] = explainIds(card);
    for (const [id, activity] of [
      [firstId, invoke('explain', { verb: 'explain', eventId: firstId })],
      [secondId, submit({ verb: 'explain', eventId: secondId })],
    ] as const) {
      const stored = await app.store.getEvent(id);
      const { card: detail } = await deliveredCard(activity);
      const text = cardText(detail);
      expect(text).toContain(`Audit event ${id}`);
      expect(text).toContain(`**${en.categories[stored?.category ?? 'unknown']}**`);
    }
  });

  it('turns to older events in place: the invoke response carries the card, a Submit updates the message', async () => {
    // This week's rows fit on one card each; the busiest row of a month does not.
    const { card: month } = await deliveredCard(teamsMessage({ serviceUrl: connector.url, text: 'who sent as finance@contoso.com in the last 30 days' }));
    const monthDrills = actionData(month, 'drill') as unknown as Drill[];
    const counts = await Promise.all(monthDrills.map(async (drill) => (await storedEvents(drill)).length));
    const busiest = monthDrills[counts.indexOf(Math.max(...counts))];
    const stored = await storedEvents(busiest);
    const first = await deliveredCard(invoke('drill', { ...busiest }));
    const older = olderEvents(first.card);
    expect(stored.length).toBeGreaterThan(explainIds(first.card).length);
    expect(older).toBeDefined();

    const before = connector.calls.length;
    const response = await postActivity(app.url, invoke('events', older ?? {}));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { statusCode: number; type: string; value: Card };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(connector.calls.length).toBe(before);
    const shownFirst = explainIds(first.card).length;
    const second = explainIds(body.value);
    expect(second).toEqual(stored.slice(shownFirst, shownFirst + second.length).map((event) => event.id));
    expect(cardText(body.value)).toMatch(new RegExp(`Events ${shownFirst + 1}–${shownFirst + second.length} of ${stored.length}`));

    const updates = connector.calls.filter((call) => call.kind === 'update').length;
    await postActivity(app.url, submit(older ?? {}, { replyToId: first.messageId }));
    await connector.waitFor((calls) => calls.filter((call) => call.kind === 'update').length > updates);
    const update = connector.calls.filter((call) => call.kind === 'update').at(-1);
    expect(update?.activityId).toBe(first.messageId);
    const updated = (update?.body?.attachments as { content: Card }[])[0].content;
    expect(explainIds(updated)).toEqual(second);
  });

  it('refuses a forged paging payload with 400', async () => {
    const forged = { verb: 'events', actor: 'a@contoso.com', sentAs: 'finance@contoso.com', from: '2026-11-16T00:00:00.000Z', to: '2026-11-18T00:00:00.000Z', before: { time: 'yesterday', id: 'x' } };
    const response = await postActivity(app.url, invoke('events', forged));
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/before\.time/);
  });
});
