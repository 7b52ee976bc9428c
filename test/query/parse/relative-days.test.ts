import { NOW, expectNotUnderstood, expectQuery, expectRangeOf } from './support';

/** NOW is Wednesday 18 November 2026, 10:00 UTC; weeks start on Monday. */
const now = NOW.toISOString();
const SUNDAY = { now: new Date('2026-11-22T10:00:00.000Z') };

describe('English: weekdays, weekends and other relative days (issue 17)', () => {
  it.each([
    ['who sent as finance on Monday', 'on', '2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z'],
    ['who sent as finance monday', 'on', '2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z'],
    ['who sent as finance on Wednesday', 'on', '2026-11-18T00:00:00.000Z', now],
    ['who sent as finance on Thursday', 'on', '2026-11-12T00:00:00.000Z', '2026-11-13T00:00:00.000Z'],
    ['who sent as finance on tue', 'on', '2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z'],
    ['who sent as finance last Friday', 'on', '2026-11-13T00:00:00.000Z', '2026-11-14T00:00:00.000Z'],
    ['who sent as finance last Tuesday', 'on', '2026-11-10T00:00:00.000Z', '2026-11-11T00:00:00.000Z'],
    ['who sent as finance since Monday', 'since', '2026-11-16T00:00:00.000Z', now],
    ['who sent as finance since last Friday', 'since', '2026-11-13T00:00:00.000Z', now],
    ['who sent as finance from Monday to Tuesday', 'between', '2026-11-16T00:00:00.000Z', '2026-11-18T00:00:00.000Z'],
    ['who sent as finance over the weekend', 'between', '2026-11-14T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
    ['who sent as finance last weekend', 'between', '2026-11-14T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
    ['who sent as finance 2 days ago', 'on', '2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z'],
    ['who sent as finance the day before yesterday', 'on', '2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z'],
    ['who sent as finance this year', 'since', '2026-01-01T00:00:00.000Z', now],
    ['who sent as finance last year', 'between', '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['who sent as finance from March 2 to 9', 'between', '2026-03-02T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ['who sent as finance on 3/2', 'on', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
    ['anomalies from last week', 'last-week', '2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
  ] as const)('%s', (text, kind, from, to) => {
    expectRangeOf(text, { kind, from, to });
  });

  it.each([
    ['who sent as finance lately', 7, '2026-11-11T10:00:00.000Z'],
    ['who sent as finance recently', 7, '2026-11-11T10:00:00.000Z'],
    ['who sent as finance over the past fortnight', 14, '2026-11-04T10:00:00.000Z'],
    // "In the last week" counts back from now; "last week" alone is the calendar week (en-ranges).
    ['who sent as finance in the last week', 7, '2026-11-11T10:00:00.000Z'],
  ] as const)('%s is stated, not assumed', (text, amount, from) => {
    expectRangeOf(text, { kind: 'last-days', amount, from, to: now });
  });

  it('reads the weekend and weekdays from a Sunday', () => {
    expectRangeOf('who sent as hr over the weekend', { kind: 'between', from: '2026-11-21T00:00:00.000Z', to: '2026-11-22T10:00:00.000Z' }, SUNDAY);
    expectRangeOf('who sent as hr last weekend', { kind: 'between', from: '2026-11-14T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' }, SUNDAY);
    expectRangeOf('who sent as hr on Sunday', { kind: 'on', from: '2026-11-22T00:00:00.000Z', to: '2026-11-22T10:00:00.000Z' }, SUNDAY);
    expectRangeOf('who sent as hr last Sunday', { kind: 'on', from: '2026-11-15T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' }, SUNDAY);
  });

  it('reads a weekend across the end of daylight saving at the zone’s midnights', () => {
    expectRangeOf(
      'who sent as hr over the weekend',
      { kind: 'between', from: '2026-10-31T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z' },
      { now: new Date('2026-11-04T15:00:00.000Z'), timeZone: 'America/New_York' },
    );
  });

  it('refuses 3/2 where day-first and month-first disagree, keeping the mailbox in the suggestion', () => {
    expect(expectNotUnderstood('who sent as finance on 3/2', { locale: 'en-GB' }).suggestion).toBe('who sent as finance this week');
  });
});

describe('Japanese: 曜日, 週末 and other relative days (issue 17)', () => {
  const tokyo = { timeZone: 'Asia/Tokyo', locale: 'ja-JP' };
  it.each([
    ['月曜日に finance として送信したのは誰', 'on', '2026-11-15T15:00:00.000Z', '2026-11-16T15:00:00.000Z'],
    ['月曜日以降 finance として送信したのは誰', 'since', '2026-11-15T15:00:00.000Z', now],
    ['月曜から finance として送信したのは誰', 'since', '2026-11-15T15:00:00.000Z', now],
    ['先週の金曜日に finance として送信したのは誰', 'on', '2026-11-12T15:00:00.000Z', '2026-11-13T15:00:00.000Z'],
    ['先週金曜 finance として送信したのは誰', 'on', '2026-11-12T15:00:00.000Z', '2026-11-13T15:00:00.000Z'],
    ['先週末 finance として送信したのは誰', 'between', '2026-11-13T15:00:00.000Z', '2026-11-15T15:00:00.000Z'],
    ['土日に finance として送信したのは誰', 'between', '2026-11-13T15:00:00.000Z', '2026-11-15T15:00:00.000Z'],
    ['一昨日 finance として送信したのは誰', 'on', '2026-11-15T15:00:00.000Z', '2026-11-16T15:00:00.000Z'],
    ['おととい finance として送信したのは誰', 'on', '2026-11-15T15:00:00.000Z', '2026-11-16T15:00:00.000Z'],
    ['2日前に finance として送信したのは誰', 'on', '2026-11-15T15:00:00.000Z', '2026-11-16T15:00:00.000Z'],
    ['3/3 に finance として送信したのは誰', 'on', '2026-03-02T15:00:00.000Z', '2026-03-03T15:00:00.000Z'],
    ['3月2日～9日に finance として送信したのは誰', 'between', '2026-03-01T15:00:00.000Z', '2026-03-09T15:00:00.000Z'],
    ['今年 finance として送信したのは誰', 'since', '2025-12-31T15:00:00.000Z', now],
    ['去年 finance として送信したのは誰', 'between', '2024-12-31T15:00:00.000Z', '2025-12-31T15:00:00.000Z'],
  ] as const)('%s', (text, kind, from, to) => {
    expectRangeOf(text, { kind, from, to }, tokyo);
  });

  it('最近 is the last 7 days, stated', () => {
    expectRangeOf('最近 finance として送信したのは誰', { kind: 'last-days', amount: 7, from: '2026-11-11T10:00:00.000Z', to: now }, tokyo);
  });
});

describe('one-slip typos in keywords (issue 17)', () => {
  const range = (from: string, to: string) => ({ from, to, timeZone: 'UTC' });
  it('reads slipped keywords and ranges, keeping names exactly as typed', () => {
    expectQuery('who snet as finanse', {
      intent: 'who-sent-as',
      subject: { text: 'finanse', kind: 'name' },
      range: { ...range('2026-11-11T10:00:00.000Z', now), kind: 'default', amount: 7 },
    });
    expectQuery('who sent as finance yesterdy', {
      intent: 'who-sent-as',
      subject: { text: 'finance', kind: 'name' },
      range: { ...range('2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z'), kind: 'yesterday' },
    });
    expectQuery('anomolies', { intent: 'anomalies', range: { ...range('2026-11-11T10:00:00.000Z', now), kind: 'default', amount: 7 } });
    expectQuery('hlep', { intent: 'help' });
  });

  it('never turns a name into a keyword', () => {
    expectQuery('who sent as marcy', {
      intent: 'who-sent-as',
      subject: { text: 'marcy', kind: 'name' },
      range: { ...range('2026-11-11T10:00:00.000Z', now), kind: 'default', amount: 7 },
    });
    // Correcting "snet" would also turn "augusta" into the month: no reading, and the name stays in the suggestion.
    expect(expectNotUnderstood('who snet as augusta').suggestion).toBe('who sent as augusta this week');
  });

  it('leaves "sends" alone: who sends as X asks about permissions, which the audit log cannot answer', () => {
    expect(expectNotUnderstood('who sends as finance').suggestion).toBe('who sent as finance this week');
  });
});
