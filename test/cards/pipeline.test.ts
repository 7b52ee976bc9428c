import { answerCard, helpCard, parseCardAction } from '../../src/cards';
import type { TemplateName } from '../../src/cards/models';
import type { Answer } from '../../src/query/answer';
import { answerQuery, isDataQuery } from '../../src/query/engine';
import { parseQuestion } from '../../src/query/parse';
import { loadDemoTenant } from '../../src/sources/demo';
import { SqliteStore } from '../../src/store/sqlite/store';
import { cardProblems, executeActions } from './support';

const NOW = new Date('2026-11-18T10:00:00.000Z');

const TEMPLATE_OF: Readonly<Record<Answer['intent'], TemplateName>> = {
  'who-sent-as': 'answer',
  'who-sent-on-behalf': 'answer',
  'what-did-send-as': 'answer',
  explain: 'event-detail',
  events: 'events',
  anomalies: 'anomaly',
  health: 'health',
  'top-delegates': 'ranking',
  'top-mailboxes': 'ranking',
  'external-senders': 'ranking',
  'new-delegates': 'ranking',
  ambiguous: 'ambiguous',
  'not-found': 'not-found',
};

/** Questions as an admin types them, through the real parser, engine and demo store, to the card. */
describe('question to card over the demo tenant', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await loadDemoTenant(store, { users: 200, days: 30, seed: 42 }, NOW);
  });
  afterAll(() => store.close());

  async function ask(text: string, locale: string, timeZone: string) {
    const parsed = parseQuestion(text, { now: NOW, timeZone, locale });
    if (parsed.kind === 'not-understood') return { card: helpCard(parsed.language, { suggestion: parsed.suggestion }), template: 'help' as const };
    if (!isDataQuery(parsed.query)) return { card: helpCard(parsed.language), template: 'help' as const };
    const answer = await answerQuery(parsed.query, { store, now: NOW, language: parsed.language, timeZone, assumed: parsed.assumed });
    return { card: answerCard(answer, { question: text }), template: TEMPLATE_OF[answer.intent], answer };
  }

  it.each([
    ['who sent as finance@contoso.com', 'en-US', 'UTC'],
    ['who sent as finance last month', 'en-GB', 'Europe/London'],
    ['who sent on behalf of finance this week', 'en-US', 'America/New_York'],
    ['今週 finance@contoso.com として送信したのは誰', 'ja-JP', 'Asia/Tokyo'],
    ['who sent as a', 'en-US', 'UTC'],
    ['who sent as zzqx nobody', 'en-US', 'UTC'],
    ['audit health', 'en-US', 'UTC'],
    ['監査の状態', 'ja-JP', 'Asia/Tokyo'],
    ['explain 00000000-0000-0000-0000-000000000000', 'en-US', 'UTC'],
    ['make me a sandwich', 'en-US', 'UTC'],
    ['top delegates this month', 'en-US', 'UTC'],
    ['which shared mailboxes were used most last 30 days', 'en-US', 'UTC'],
    ['今月 外部の送信者', 'ja-JP', 'Asia/Tokyo'],
    ['new delegates this week', 'en-GB', 'Europe/London'],
  ])('%s (%s, %s) gives a clean card whose buttons the bot accepts', async (text, locale, timeZone) => {
    const { card, template } = await ask(text, locale, timeZone);
    expect(cardProblems(card, template)).toEqual([]);
    for (const action of executeActions(card)) expect(parseCardAction(action.data).ok).toBe(true);
  });

  it('drills and pages with payloads that name the rows shown', async () => {
    const { card, answer } = await ask('who sent as finance@contoso.com last month', 'en-US', 'UTC');
    expect(answer?.intent).toBe('who-sent-as');
    const drill = executeActions(card).find((action) => action.verb === 'drill');
    const parsed = parseCardAction(drill?.data);
    expect(parsed.ok && parsed.action.verb === 'drill' && parsed.action.sentAs).toBe('finance@contoso.com');
  });

  it('explains a real delegate event with its verdict, reasons and fields', async () => {
    const [stored] = await store.listEvents({ from: '2026-11-01T00:00:00.000Z', to: NOW.toISOString(), category: 'delegate' }, { limit: 1 });
    const { card, template } = await ask(`説明 ${stored.id}`, 'ja-JP', 'Asia/Tokyo');
    expect(template).toBe('event-detail');
    expect(cardProblems(card, 'event-detail')).toEqual([]);
    expect(JSON.stringify(card)).toContain('本人以外の送信');
  });
});
