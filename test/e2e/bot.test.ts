import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import { FakeConnector } from '../fakes/connector';
import { BOT_ACCOUNT, cardActions, cardText, postActivity, teamsMessage } from '../support/activities';

const NOW = new Date('2026-11-18T10:00:00.000Z');

function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ PORT: '0', STORE_PATH: ':memory:', DEMO_USERS: '200', DEMO_DAYS: '30', LOG_LEVEL: 'silent', ...env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

describe('the bot over real HTTP, anonymous local mode', () => {
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

  async function ask(text: string, options: Partial<Parameters<typeof teamsMessage>[0]> = {}): Promise<Record<string, unknown>> {
    const activity = teamsMessage({ serviceUrl: connector.url, text, ...options });
    const before = connector.cards().length;
    const { status } = await postActivity(app.url, activity);
    expect(status).toBe(200);
    await connector.waitFor(() => connector.cards().length > before);
    const reply = connector.activities().at(-1);
    expect(reply?.kind).toBe('reply');
    expect(reply?.activityId).toBe(activity.id);
    return connector.cards().at(-1) as Record<string, unknown>;
  }

  it('answers who sent as finance this week with an answer card naming the planted newcomer', async () => {
    const card = await ask('who sent as finance@contoso.com this week');
    const text = cardText(card);
    expect(card.version).toBe('1.5');
    expect(text).toMatch(/finance@contoso\.com/);
    const newcomer = [...generateDemoTenant({ users: 200, days: 30, seed: '42', end: NOW })].find((r) => r.truth.anomaly === 'new-delegate');
    expect(text).toContain(String(newcomer?.auditData.UserId));
    expect(text).toMatch(/Outlook Mobile/);
  });

  it('answers in Japanese for a ja-JP asker, with dates in their zone', async () => {
    const card = await ask('今週 finance として送信したのは誰', { locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
    const text = cardText(card);
    expect(text).toMatch(/finance@contoso\.com/);
    expect(text).toMatch(/日本時間/);
    expect(text).toMatch(/[ぁ-んァ-ン]/);
  });

  it('strips the @mention in a channel and answers there', async () => {
    const card = await ask('<at>SendAs Watch</at> audit health', {
      conversationId: '19:channel@thread.tacv2;messageid=1',
      conversationType: 'channel',
      extra: { entities: [{ type: 'mention', mentioned: BOT_ACCOUNT, text: '<at>SendAs Watch</at>' }] },
    });
    expect(connector.activities().at(-1)?.conversationId).toBe('19:channel@thread.tacv2;messageid=1');
    expect(cardText(card)).toMatch(/\d/);
  });

  it('shows the help card with a suggestion for what it does not understand', async () => {
    const card = await ask('who sends as finance');
    expect(cardText(card)).toMatch(/who sent as finance/i);
    expect(cardActions(card).some((a) => a.data?.verb === 'ask')).toBe(true);
  });

  it('welcomes on install', async () => {
    const install = { ...teamsMessage({ serviceUrl: connector.url }), type: 'installationUpdate', action: 'add', text: undefined };
    const before = connector.cards().length;
    expect((await postActivity(app.url, install)).status).toBe(200);
    await connector.waitFor(() => connector.cards().length > before);
    expect(cardActions(connector.cards().at(-1)).some((a) => a.data?.verb === 'ask')).toBe(true);
  });

  it('explains an event from an Action.Submit value', async () => {
    const [event] = await app.store.listEvents({ from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), category: 'connector' }, { limit: 1 });
    const submit = teamsMessage({ serviceUrl: connector.url, extra: { value: { verb: 'explain', eventId: event.id } } });
    const before = connector.cards().length;
    expect((await postActivity(app.url, submit)).status).toBe(200);
    await connector.waitFor(() => connector.cards().length > before);
    const text = cardText(connector.cards().at(-1));
    expect(text).toContain(event.id);
    expect(text).toMatch(/connector/i);
  });

  it('turns a page through Action.Execute, answering in the invoke response', async () => {
    const card = await ask('what did adele send as last month');
    const base = cardActions(card).find((a) => a.data?.verb === 'drill' || a.data?.verb === 'page' || a.data?.verb === 'ask');
    expect(base).toBeDefined();
    const invoke = {
      ...teamsMessage({ serviceUrl: connector.url }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'explain', data: { verb: 'explain', eventId: 'no-such-event' } } },
    };
    const response = await postActivity(app.url, invoke);
    expect(response.status).toBe(200);
  });

  it('refuses a malformed card action with 400 and keeps serving', async () => {
    const invoke = {
      ...teamsMessage({ serviceUrl: connector.url }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'page', data: { verb: 'page', page: 'seven' } } },
    };
    const response = await postActivity(app.url, invoke);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 400 });
    await ask('help');
  });

  it('answers a malformed Action.Submit with a card saying so, in the asker’s language', async () => {
    const before = connector.cards().length;
    const submit = teamsMessage({ serviceUrl: connector.url, locale: 'ja-JP', extra: { value: { verb: 'page', page: 'seven' } } });
    expect((await postActivity(app.url, submit)).status).toBe(200);
    await connector.waitFor(() => connector.cards().length > before);
    expect(cardText(connector.cards().at(-1))).toMatch(/ボタンを処理できませんでした/);
  });

  it('refuses invalid JSON with 400, reports health and serves the pages the manifest links to', async () => {
    expect((await postActivity(app.url, '{"type": "message",')).status).toBe(400);
    const health = (await (await fetch(`${app.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, source: 'demo' });
    expect(health.events).toBeGreaterThan(1000);
    for (const path of ['/', '/privacy', '/terms']) {
      const page = await fetch(`${app.url}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/SendAs Watch/);
    }
  });
});

describe('the bot with an app id', () => {
  it('refuses unsigned requests with 401', async () => {
    const app = await startApp(
      testConfig({ BOT_ID: '11111111-2222-4333-8444-555555555555', BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', DEMO_DAYS: '1', DEMO_USERS: '10' }),
      createLogger('silent'),
      { now: () => NOW },
    );
    try {
      const response = await postActivity(app.url.replace('0.0.0.0', '127.0.0.1'), teamsMessage({ serviceUrl: 'http://127.0.0.1:9/', text: 'help' }));
      expect(response.status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
