import { parseQuestion } from '../../../src/query/parse';
import { context, expectNotUnderstood } from './support';

const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

describe('suggestions for questions not understood', () => {
  it.each([
    ['who sends as finance', 'who sent as finance this week'],
    ['who can send as finance@contoso.com', 'who sent as finance@contoso.com this week'],
    ['finance@contoso.com', 'who sent as finance@contoso.com this week'],
    ['SendAs', 'who sent as … this week'],
    ['who sends on behalf of hr', 'who sent on behalf of hr'],
    ['what does alex send as', 'what did alex send as last month'],
    [`explain this one ${id}`, `explain ${id}`],
    ['suspicious weird stuff', 'anomalies'],
    ['missing events in the audit log', 'audit health'],
    ['stop the notification thing', 'unsubscribe'],
    ['🙂', 'who sent as … this week'],
  ])('%s → %s', (text, suggestion) => {
    expect(expectNotUnderstood(text)).toEqual({ suggestion, language: 'en' });
  });

  it('keeps the intent and subject when only the range was impossible', () => {
    expect(expectNotUnderstood('what did alex send as on 2022-02-30').suggestion).toBe('what did alex send as last month');
    expect(expectNotUnderstood('who sent on behalf of hr@contoso.com last 0 days').suggestion).toBe('who sent on behalf of hr@contoso.com');
  });

  it('answers in the Teams locale language when the text is not Japanese', () => {
    expect(expectNotUnderstood('who sends as finance', { locale: 'ja-JP' })).toEqual({
      suggestion: '今週 finance として送信したのは誰',
      language: 'ja',
    });
  });

  it.each([
    ['finance の代理送信の権限を持っているのは誰', 'finance の代理で送信したのは誰'],
    ['監査ログが遅れている', '監査の状態'],
    ['通知を停止したい気分', '購読解除'],
    ['alex はどのアドレスで送る', '先月 alex は誰として送信した'],
    [`イベント ${id} がおかしい`, `説明 ${id}`],
  ])('Japanese: %s → %s', (text, suggestion) => {
    expect(expectNotUnderstood(text, { locale: 'en-US' })).toEqual({ suggestion, language: 'ja' });
  });
});

describe('a suggestion keeps the asker’s own mailbox or person and range', () => {
  it.each([
    ['who send as finance last week', 'who sent as finance last week'],
    ['who can send as Alex Wilber since Monday', 'who sent as Alex Wilber since Monday'],
    ['who can send as the payroll mailbox', 'who sent as payroll this week'],
    ['who sends on behalf of ceo@contoso.com over the weekend', 'who sent on behalf of ceo@contoso.com over the weekend'],
    ['what does megan send as on friday', 'what did megan send as on friday'],
    ['whats going on with sendas for legal in the last hour', 'who sent as legal in the last hour'],
  ])('%s → %s', (text, suggestion) => {
    expect(expectNotUnderstood(text).suggestion).toBe(suggestion);
  });

  it.each([
    ['先週 payroll の代理送信の権限を持っているのは誰', '先週 payroll の代理で送信したのは誰'],
    ['月曜日以降 経理 として送信できるのは誰', '月曜日以降 経理 として送信したのは誰'],
  ])('Japanese: %s → %s', (text, suggestion) => {
    expect(expectNotUnderstood(text).suggestion).toBe(suggestion);
  });

  it.each(['SendAs', 'who can send as', 'send as someone last week', '送信できるのは誰'])(
    'leaves a blank rather than a sample mailbox when %s names none',
    (text) => {
      const { suggestion } = expectNotUnderstood(text);
      expect(suggestion).not.toMatch(/finance|alex/);
      expect(suggestion).toContain('…');
      expect(parseQuestion(suggestion, context()).kind).toBe('not-understood');
    },
  );
});
