import { parseQuestion } from '../../../src/query/parse';
import { context, expectNotUnderstood, expectQuery } from './support';

describe('questions that are not questions', () => {
  it.each([
    ['empty', ''],
    ['blank', '   \t\n  '],
    ['invisible characters only', '\u200b\u200e\u202e\ufeff'],
    ['the word SendAs alone', 'SendAs'],
    ['a number', '12345'],
    ['a date alone', '2022-02-01'],
    ['a range alone', 'last week'],
    ['a URL', 'https://contoso.com/who-sent-as?finance=1'],
    ['emoji', '🙂🔥👀'],
    ['SQL', "'; DROP TABLE events; --"],
    ['SQL in the subject', "who sent as finance'; DROP TABLE events; --"],
    ['a template expression', '${process.env.MicrosoftAppPassword}'],
    ['a template expression as the subject', 'who sent as ${user.name}'],
    ['an adaptive card expression', "who sent as ${json('{}')}"],
    ['markdown', '**who** sent `as` [finance](https://contoso.com)'],
    ['HTML', '<script>alert(1)</script>'],
    ['a JSON body', '{"type":"message","text":"help"}'],
    ['a sentence of range words', 'today yesterday last week'],
    ['two subjects', 'who sent as finance@contoso.com and hr@contoso.com'],
    ['a name that is a paragraph', `who sent as ${'word '.repeat(20)}`],
    ['an unknown question', 'what is the weather in Tokyo'],
    ['Japanese small talk', '今日はいい天気ですね'],
  ])('%s', (_label, text) => {
    const result = expectNotUnderstood(text);
    expect(result.suggestion.length).toBeGreaterThan(0);
  });

  it('refuses text over the length cap without reading it', () => {
    const huge = `who sent as finance ${'x'.repeat(100_000)}`;
    // Not read at all, so not even its mailbox is taken: the suggestion leaves a blank for it.
    expect(expectNotUnderstood(huge)).toEqual({ suggestion: 'who sent as … this week', language: 'en' });
    expect(expectNotUnderstood(huge, { locale: 'ja-JP' }).language).toBe('ja');
  });

  it('refuses text just over 1000 characters and reads text of exactly 1000', () => {
    const question = 'who sent as finance ';
    const ofLength = (length: number): string => question + '.'.repeat(length - question.length);
    expectNotUnderstood(ofLength(1001));
    expectQuery(ofLength(1000), {
      intent: 'who-sent-as',
      subject: { text: 'finance', kind: 'name' },
      range: { kind: 'default', from: '2026-11-11T10:00:00.000Z', to: '2026-11-18T10:00:00.000Z', amount: 7, timeZone: 'UTC' },
    });
  });

  it('counts the cap after invisible characters are gone', () => {
    const padded = `who sent as finance${'\u200b'.repeat(1500)}`;
    expect(parseQuestion(padded, context()).kind).toBe('parsed');
  });

  it('does not let bidi or zero-width characters change what is read', () => {
    expectQuery('anom\u200Balies', {
      intent: 'anomalies',
      range: { kind: 'default', from: '2026-11-11T10:00:00.000Z', to: '2026-11-18T10:00:00.000Z', amount: 7, timeZone: 'UTC' },
    });
    const result = parseQuestion('who sent as \u202Efinance@contoso.com\u202C', context());
    expect(result.kind === 'parsed' && result.query).toMatchObject({ subject: { text: 'finance@contoso.com', kind: 'address' } });
  });

  it('throws only for a caller that passes an invalid clock', () => {
    expect(() => parseQuestion('help', context({ now: new Date(Number.NaN) }))).toThrow(RangeError);
  });
});
