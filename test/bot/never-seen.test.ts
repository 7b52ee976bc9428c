import { TestAdapter } from 'botbuilder';
import { Authorizer } from '../../src/bot/auth';
import { SendAsWatchBot } from '../../src/bot/bot';
import { createLogger } from '../../src/runtime/logger';
import { Responder } from '../../src/bot/respond';
import { loadDemoTenant } from '../../src/sources/demo';
import { SqliteStore } from '../../src/store/sqlite/store';
import { cardText } from '../support/activities';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('the bot never gives a false all-clear', () => {
  let store: SqliteStore;
  let adapter: TestAdapter;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await loadDemoTenant(store, { users: 200, days: 30, seed: 42 }, NOW);
    const logger = createLogger('silent');
    const bot = new SendAsWatchBot({
      responder: new Responder({ store, now: () => NOW }),
      authorizer: new Authorizer({ anonymous: true, tenantId: TENANT, admins: [] }, logger),
      logger,
    });
    adapter = new TestAdapter((context) => bot.run(context), { channelId: 'msteams', from: { id: '29:user', name: 'Adele Vance' } });
  });
  afterAll(() => store.close());

  async function say(text: string, locale: string): Promise<string> {
    const before = adapter.activeQueue.length;
    const conversation = { id: 'a:chat', tenantId: TENANT, isGroup: false, conversationType: 'personal', name: 'chat' };
    await adapter.send({ type: 'message', text, locale, localTimezone: 'UTC', conversation, channelData: { tenant: { id: TENANT } } }).startTest();
    const sent = adapter.activeQueue.splice(before);
    return sent.flatMap((a) => a.attachments ?? []).map((a) => cardText(a.content as unknown)).join('\n');
  }

  it('an unknown address gets "never seen" with the closest known ones, in English and Japanese', async () => {
    const en = await say('who sent as finanse@contoso.com this week', 'en-US');
    expect(en).toMatch(/No mailbox or person named .finanse@contoso\.com. appears in the audit data/);
    expect(en).toMatch(/finance@contoso\.com/);
    expect(en).not.toMatch(/No Send As or Send on Behalf events in this range/);
    const ja = await say('今週 finanse@contoso.com として送信したのは誰', 'ja-JP');
    expect(ja).toMatch(/監査データにありません/);
    expect(ja).toMatch(/finance@contoso\.com/);
  });

  it('finds the display-name actor by name and shows the name as Exchange wrote it', async () => {
    const en = await say('what did Alex Wilber send as last 30 days', 'en-US');
    expect(en).toMatch(/Alex Wilber/);
    expect(en).not.toMatch(/appears in the audit data/);
  });
});
