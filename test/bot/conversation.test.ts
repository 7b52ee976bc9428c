import type { Activity } from 'botbuilder';
import { TeamsInfo, TestAdapter } from 'botbuilder';
import { Authorizer } from '../../src/bot/auth';
import { SendAsWatchBot } from '../../src/bot/bot';
import type { ConversationHooks } from '../../src/bot/bot';
import { createLogger } from '../../src/runtime/logger';
import { Responder } from '../../src/bot/respond';
import { SqliteStore } from '../../src/store/sqlite/store';
import { loadDemoTenant } from '../../src/sources/demo';
import { cardActions, cardText } from '../support/activities';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ADMIN_OID = '00000000-0000-4000-8000-00000000a001';

interface Harness {
  adapter: TestAdapter;
  replies: Partial<Activity>[];
  say(text: string, overrides?: Partial<Activity>): Promise<string>;
}

function harness(store: SqliteStore, auth: { anonymous: boolean; admins: string[] }, conversations?: ConversationHooks): Harness {
  const logger = createLogger('silent');
  const bot = new SendAsWatchBot({
    responder: new Responder({ store, now: () => NOW }),
    authorizer: new Authorizer({ anonymous: auth.anonymous, tenantId: TENANT, admins: auth.admins }, logger),
    logger,
    conversations,
  });
  // The template overwrites what each activity sets, so it holds only what never varies.
  const adapter = new TestAdapter((context) => bot.run(context), {
    channelId: 'msteams',
    from: { id: '29:user', name: 'Adele Vance', aadObjectId: ADMIN_OID },
  });
  const replies: Partial<Activity>[] = [];
  return {
    adapter,
    replies,
    say: async (text, overrides = {}) => {
      const before = adapter.activeQueue.length;
      const conversation = { id: 'a:chat', tenantId: TENANT, isGroup: false, conversationType: 'personal', name: 'chat' };
      await adapter.send({ type: 'message', text, locale: 'en-US', localTimezone: 'UTC', conversation, channelData: { tenant: { id: TENANT } }, ...overrides }).startTest();
      const sent = adapter.activeQueue.splice(before);
      replies.push(...sent);
      const cards = sent.flatMap((a) => a.attachments ?? []).map((a) => a.content as unknown);
      return cards.map(cardText).join('\n---\n');
    },
  };
}

describe('conversations with the bot (TestAdapter)', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await loadDemoTenant(store, { users: 200, days: 30, seed: 42 }, NOW);
  });
  afterAll(() => store.close());

  const intents: [string, RegExp][] = [
    ['who sent as finance@contoso.com this week', /finance@contoso\.com/],
    ['who sent on behalf of ceo@contoso.com last month', /ceo@contoso\.com|No /],
    ['what did alex send as last month', /alex|Which/i],
    ['explain 00000000-0000-0000-0000-000000000000', /00000000-0000-0000-0000-000000000000/],
    ['anomalies', /anomal/i],
    ['audit health', /\d/],
    ['top delegates this month', /Top delegates[\s\S]*Genuine delegate sends per person[\s\S]*sent as/],
    ['new delegates this week', /New delegates[\s\S]*checked against every record back to/],
    ['help', /who sent as/i],
  ];
  it.each(intents)('answers "%s" with a card', async (question, expected) => {
    const { say } = harness(store, { anonymous: true, admins: [] });
    expect(await say(question)).toMatch(expected);
  });

  it('answers in Japanese when the locale is ja-JP', async () => {
    const { say } = harness(store, { anonymous: true, admins: [] });
    const text = await say('who sent as finance@contoso.com this week', { locale: 'ja-JP', localTimezone: 'Asia/Tokyo' });
    expect(text).toMatch(/[ぁ-んァ-ン]/);
    expect(text).toMatch(/日本時間/);
  });

  it('offers the closest question for what it does not understand', async () => {
    const { say, replies } = harness(store, { anonymous: true, admins: [] });
    expect(await say('who sends as finance')).toMatch(/who sent as finance/i);
    expect(cardActions(replies[0].attachments?.[0].content).some((a) => a.data?.verb === 'ask')).toBe(true);
  });

  it('answers listed admins by object id', async () => {
    const { say } = harness(store, { anonymous: false, admins: [ADMIN_OID] });
    expect(await say('who sent as finance@contoso.com this week')).toMatch(/finance@contoso\.com/);
  });

  it('refuses a user who is not an admin, politely, and shows no audit data', async () => {
    const { say } = harness(store, { anonymous: false, admins: ['99999999-0000-4000-8000-000000000000'] });
    const text = await say('who sent as finance@contoso.com this week');
    expect(text).not.toMatch(/finance@contoso\.com/);
    expect(text).toMatch(/not|permission|access/i);
  });

  it('refuses an admin writing from another tenant', async () => {
    const { say } = harness(store, { anonymous: false, admins: [ADMIN_OID] });
    const text = await say('who sent as finance@contoso.com this week', {
      conversation: { id: 'a:chat', tenantId: '11111111-1111-4111-8111-111111111111', isGroup: false, conversationType: 'personal', name: 'chat' },
      channelData: { tenant: { id: '11111111-1111-4111-8111-111111111111' } },
    });
    expect(text).not.toMatch(/finance@contoso\.com/);
  });

  it('refuses an activity whose conversation and channel data name different tenants', async () => {
    const { say } = harness(store, { anonymous: false, admins: [ADMIN_OID] });
    const text = await say('who sent as finance@contoso.com this week', { channelData: { tenant: { id: '11111111-1111-4111-8111-111111111111' } } });
    expect(text).not.toMatch(/finance@contoso\.com/);
  });

  it('records the conversation of an admin, never that of a refused sender', async () => {
    const seen = jest.fn(() => Promise.resolve());
    const hooks: ConversationHooks = { seen, removed: () => Promise.resolve(), subscriptions: () => ({}) as ReturnType<ConversationHooks['subscriptions']> };
    await harness(store, { anonymous: false, admins: ['99999999-0000-4000-8000-000000000000'] }, hooks).say('help');
    await harness(store, { anonymous: false, admins: [ADMIN_OID] }, hooks).say('help', { channelData: { tenant: { id: '11111111-1111-4111-8111-111111111111' } } });
    expect(seen).not.toHaveBeenCalled();
    await harness(store, { anonymous: false, admins: [ADMIN_OID] }, hooks).say('help');
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('matches admins listed by UPN through the Teams member API, and refuses when it cannot tell', async () => {
    const lookup = jest.spyOn(TeamsInfo, 'getMember');
    try {
      lookup.mockResolvedValueOnce({ id: '29:user', name: 'Adele Vance', userPrincipalName: 'Adele.Vance@contoso.com' });
      const allowed = harness(store, { anonymous: false, admins: ['adele.vance@contoso.com'] });
      expect(await allowed.say('who sent as finance@contoso.com this week')).toMatch(/finance@contoso\.com/);
      lookup.mockRejectedValueOnce(new Error('member API unreachable'));
      const unknown = harness(store, { anonymous: false, admins: ['adele.vance@contoso.com'] });
      expect(await unknown.say('who sent as finance@contoso.com this week')).not.toMatch(/finance@contoso\.com/);
    } finally {
      lookup.mockRestore();
    }
  });
});
