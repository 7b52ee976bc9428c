import fc from 'fast-check';
import { EXAMPLE_QUESTIONS, parseQuestion } from '../../../src/query/parse';
import type { ParseContext, ParseResult } from '../../../src/query/query';
import { NOW } from './support';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ZONES = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Chatham', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Not/A_Zone', ''];

const contexts: fc.Arbitrary<ParseContext> = fc.record({
  now: fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
  timeZone: fc.constantFrom(...ZONES),
  locale: fc.constantFrom('en-US', 'en-GB', 'ja-JP', '', 'fr-FR'),
});

/** Pieces of real questions, so random text often parses and exercises every range path. */
const FRAGMENTS = [
  'who sent as', 'who sent on behalf of', 'what did', 'send as', 'explain', 'anomalies', 'audit health', 'help', '?',
  'finance', 'Alex Wilber', 'finance@contoso.com', 'ALEX@CONTOSO.COM', '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  'today', 'yesterday', 'this week', 'last week', 'this month', 'last month', 'last 7 days', 'past 24 hours',
  'last 3650 days', 'last 999999 hours', 'since 2022-02-01', 'between 2022-02-01 and 2022-02-10', 'from Dec 20 to Jan 5',
  'on Feb 29', 'on 2099-12-31', 'in February 2022', 'in dec', '2/3/2022', '13/2/2022', 'since yesterday',
  'として送信したのは誰', 'の代理で送信したのは誰', 'は誰として送信した', '今日', '昨日', '今週', '先週', '今月', '先月',
  '過去7日間', '直近３日', '過去24時間', '2月1日以降', '2022/02/01〜2022/02/10', '2022年2月', '12月', '2022年2月1日',
  '異常', 'ヘルプ', '購読', '（', '）', '、', '\u202e', '\u200b', '～', 'ｆｉｎａｎｃｅ',
];

const questionLike = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 8 })
  .chain((parts) => fc.constantFrom(parts.join(' '), parts.join('')));

const pad = (n: number): string => String(n).padStart(2, '0');
const day = fc.tuple(fc.integer({ min: 1990, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
const amount = fc.integer({ min: -1, max: 100_000 });

/** Range phrases with random numbers and dates, valid or not, in both languages. */
const rangePhrase = fc.oneof(
  fc.constantFrom('today', 'yesterday', 'this week', 'last week', 'this month', 'last month', 'in feb', 'since yesterday', '今日', '先週', '今月', '先月'),
  amount.map((n) => `last ${n} days`),
  amount.map((n) => `in the past ${n} hours`),
  amount.map((n) => `過去${n}日間`),
  day.map(([y, m, d]) => `on ${y}-${pad(m)}-${pad(d)}`),
  day.map(([y, m, d]) => `since ${m}/${d}/${y}`),
  day.map(([y, m, d]) => `${y}年${m}月${d}日以降`),
  day.map(([y, m]) => `in ${['jan', 'feb', 'march', 'dec'][m % 4] ?? 'jan'} ${y}`),
  fc.tuple(day, day).map(([[y1, m1, d1], [y2, m2, d2]]) => `between ${y1}-${pad(m1)}-${pad(d1)} and ${y2}-${pad(m2)}-${pad(d2)}`),
  fc.tuple(day, day).map(([[, m1, d1], [, m2, d2]]) => `${m1}/${d1}〜${m2}/${d2}`),
  fc.tuple(day, day).map(([[, m1, d1], [, m2, d2]]) => `from ${['Jan', 'Feb', 'Nov', 'Dec'][m1 % 4] ?? 'Jan'} ${d1} to ${['Jan', 'Feb', 'Nov', 'Dec'][m2 % 4] ?? 'Jan'} ${d2}`),
);

/** A question that takes a range, with a range phrase before or after it. */
const rangedQuestion = fc
  .tuple(
    fc.constantFrom('who sent as finance', 'who sent on behalf of alex@contoso.com', 'what did Alex Wilber send as', 'anomalies', 'audit health', 'finance として送信したのは誰', '異常はある？'),
    rangePhrase,
    fc.boolean(),
  )
  .map(([question, range, before]) => (before ? `${range} ${question}` : `${question} ${range}`));

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'ｗｈｏ　ｓｅｎｔａ＠．０１２３４５６７８９～〜？異常誰送信として'), maxLength: 60 }),
  questionLike,
  rangedQuestion,
);

function checkResult(result: ParseResult, now: Date): void {
  expect(['en', 'ja']).toContain(result.language);
  if (result.kind === 'not-understood') {
    expect(result.suggestion.length).toBeGreaterThan(0);
    return;
  }
  if (!('range' in result.query)) return;
  const { from, to } = result.query.range;
  expect(from).toMatch(ISO_UTC);
  expect(to).toMatch(ISO_UTC);
  expect(new Date(from).toISOString()).toBe(from);
  expect(new Date(to).toISOString()).toBe(to);
  expect(Date.parse(from)).toBeLessThanOrEqual(Date.parse(to));
  expect(Date.parse(to)).toBeLessThanOrEqual(now.getTime());
}

describe('parseQuestion properties', () => {
  it('never throws, and always returns a well-formed result', () => {
    fc.assert(
      fc.property(anyText, contexts, (text, context) => {
        checkResult(parseQuestion(text, context), context.now);
      }),
      { numRuns: 2000 },
    );
  });

  it('resolves every range it parses to from ≤ to ≤ now as ISO UTC instants', () => {
    let parsedWithRange = 0;
    fc.assert(
      fc.property(rangedQuestion, contexts, (text, context) => {
        const result = parseQuestion(text, context);
        if (result.kind === 'parsed' && 'range' in result.query) parsedWithRange += 1;
        checkResult(result, context.now);
      }),
      { numRuns: 3000 },
    );
    // The generator is meant to reach the range code; if it stops doing so this property proves nothing.
    expect(parsedWithRange).toBeGreaterThan(1000);
  });

  it('reads full-width text like its ASCII form', () => {
    const toFullWidth = (char: string): string => (char >= '!' && char <= '~' ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char === ' ' ? '\u3000' : char);
    const examples = [...EXAMPLE_QUESTIONS.en, ...EXAMPLE_QUESTIONS.ja].map((example) => example.text);
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.infiniteStream(fc.boolean()), (text, flips) => {
        const iterator = flips[Symbol.iterator]();
        const mixed = [...text].map((char) => (iterator.next().value === true ? toFullWidth(char) : char)).join('');
        const context = { now: NOW, timeZone: 'Asia/Tokyo', locale: 'ja-JP' };
        const plain = parseQuestion(text, context);
        const wide = parseQuestion(mixed, context);
        expect(wide.kind).toBe('parsed');
        expect(wide.kind === 'parsed' && wide.query).toEqual(plain.kind === 'parsed' && plain.query);
      }),
      { numRuns: 300 },
    );
  });

  it('reads any simple address as that address, lower-cased, whatever its case', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
    const addresses = fc
      .tuple(fc.stringMatching(/^[a-z0-9](?:[a-z0-9._-]{0,10}[a-z0-9])?$/), label, fc.constantFrom('com', 'co.jp', 'onmicrosoft.com'))
      .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
    fc.assert(
      fc.property(addresses, fc.boolean(), fc.constantFrom('who sent as %s last week', '%s として送信したのは誰', 'what did %s send as'), (address, shout, template) => {
        const typed = shout ? address.toUpperCase() : address;
        const result = parseQuestion(template.replace('%s', typed), { now: NOW, timeZone: 'UTC', locale: 'en-US' });
        expect(result.kind).toBe('parsed');
        if (result.kind !== 'parsed') return;
        const subject = 'subject' in result.query ? result.query.subject : 'actor' in result.query ? result.query.actor : null;
        expect(subject).toEqual({ text: address, kind: 'address' });
      }),
      { numRuns: 500 },
    );
  });
});
