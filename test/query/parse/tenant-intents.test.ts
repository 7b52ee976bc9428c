import { EXAMPLE_QUESTIONS } from '../../../src/query/parse';
import type { TenantIntent } from '../../../src/query/query';
import { TENANT_INTENTS } from '../../../src/query/query';
import { expectNotUnderstood, expectParsed, expectRangeOf } from './support';

/** Tenant-wide questions name no mailbox: "top delegates", 外部の送信者. NOW is Wednesday 18 November 2026, 10:00 UTC. */
describe('tenant-wide questions', () => {
  it.each<[string, TenantIntent]>([
    ['top delegates', 'top-delegates'],
    ['Who are the top delegates?', 'top-delegates'],
    ['show me the most active delegates', 'top-delegates'],
    ['who sent as other mailboxes the most', 'top-delegates'],
    ["who sent on behalf of other people's mailboxes the most", 'top-delegates'],
    ['which delegates sent the most', 'top-delegates'],
    ['delegate leaderboard', 'top-delegates'],
    ['which shared mailboxes were used most', 'top-mailboxes'],
    ['which mailboxes were sent as the most', 'top-mailboxes'],
    ['most used shared mailboxes', 'top-mailboxes'],
    ['top shared mailboxes', 'top-mailboxes'],
    ['which shared mailboxes are the busiest', 'top-mailboxes'],
    ['external senders', 'external-senders'],
    ['any external senders?', 'external-senders'],
    ['did anyone external send as our mailboxes', 'external-senders'],
    ['who from outside the organization sent as our mailboxes', 'external-senders'],
    ['did any guests send as anyone', 'external-senders'],
    ['new delegates', 'new-delegates'],
    ['any new delegates?', 'new-delegates'],
    ['first-time delegates', 'new-delegates'],
    ['who started sending on behalf of others', 'new-delegates'],
    ['代理送信が多い人は誰', 'top-delegates'],
    ['代理人ランキング', 'top-delegates'],
    ['上位の代理人を教えてください', 'top-delegates'],
    ['どの共有メールボックスが一番使われましたか', 'top-mailboxes'],
    ['よく使われた共有メールボックス', 'top-mailboxes'],
    ['外部の送信者', 'external-senders'],
    ['社外のユーザーが送信した？', 'external-senders'],
    ['ゲストの送信はありますか', 'external-senders'],
    ['新しい代理人はいますか', 'new-delegates'],
    ['初めて代理送信した人', 'new-delegates'],
  ])('%s → %s, over the last 7 days as assumed', (text, intent) => {
    const parsed = expectParsed(text);
    expect(parsed.query.intent).toBe(intent);
    expect(parsed.assumed).toEqual(['range']);
    expect(parsed.language).toBe(/[ぁ-んァ-ン一-龯]/.test(text) ? 'ja' : 'en');
  });

  it('reads the range, in the asker zone', () => {
    expectRangeOf('top delegates this month', { kind: 'this-month', from: '2026-11-01T00:00:00.000Z', to: '2026-11-18T10:00:00.000Z' });
    expectRangeOf('external senders last 30 days', { kind: 'last-days', amount: 30, from: '2026-10-19T10:00:00.000Z', to: '2026-11-18T10:00:00.000Z' });
    expectRangeOf('new delegates this week', { kind: 'this-week', from: '2026-11-16T00:00:00.000Z', to: '2026-11-18T10:00:00.000Z' });
    expectRangeOf('今月 よく使われた共有メールボックス', { kind: 'this-month', from: '2026-10-31T15:00:00.000Z', to: '2026-11-18T10:00:00.000Z' }, { timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    expectRangeOf('先週の新しい代理人', { kind: 'last-week', from: '2026-11-08T15:00:00.000Z', to: '2026-11-15T15:00:00.000Z' }, { timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
  });

  it('keeps the N of "top 5 delegates" and refuses an N no card can hold', () => {
    expect(expectParsed('top 5 delegates last week').query).toMatchObject({ intent: 'top-delegates', limit: 5 });
    expect(expectParsed('上位3人の代理人').query).toMatchObject({ intent: 'top-delegates', limit: 3 });
    expect(expectParsed('top delegates').query).not.toHaveProperty('limit');
    expectNotUnderstood('top 0 delegates');
    expectNotUnderstood('top 500 delegates');
  });

  it('leaves questions about one mailbox to the mailbox intents', () => {
    expect(expectParsed('who sent as finance this month').query.intent).toBe('who-sent-as');
    expect(expectParsed('who sent as the shared mailbox finance').query.intent).toBe('who-sent-as');
    expect(expectParsed('今月 finance として送信したのは誰').query.intent).toBe('who-sent-as');
    expect(expectParsed('what did alex send as this month').query.intent).toBe('what-did-send-as');
  });

  it('suggests a tenant-wide question, keeping the range, for a near miss', () => {
    expect(expectNotUnderstood('busiest delegate ranking thing last week').suggestion).toBe('top delegates last week');
    expect(expectNotUnderstood('外部 ゲスト 何', { locale: 'ja-JP' }).suggestion).toBe('今月 外部の送信者');
  });

  it('has an example for each, in both languages, that parses back to it', () => {
    for (const language of ['en', 'ja'] as const) {
      for (const intent of TENANT_INTENTS) {
        const example = EXAMPLE_QUESTIONS[language].find((e) => e.intent === intent);
        expect(example).toBeDefined();
        expect(expectParsed(example?.text ?? '', { locale: language === 'ja' ? 'ja-JP' : 'en-US' }).query.intent).toBe(intent);
      }
    }
  });
});
