import { expectNotUnderstood, expectRange, expectRangeOf } from './support';

/** Every case asks "who sent as finance …" at NOW (Wednesday 2026-11-18 10:00 UTC). */
const ask = (range: string): string => `who sent as finance ${range}`;
const NOW_ISO = '2026-11-18T10:00:00.000Z';

describe('English ranges in UTC', () => {
  it.each([
    ['today', 'today', '2026-11-18T00:00:00.000Z', NOW_ISO],
    ['so far today', 'today', '2026-11-18T00:00:00.000Z', NOW_ISO],
    ['yesterday', 'yesterday', '2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z'],
    ['this week', 'this-week', '2026-11-16T00:00:00.000Z', NOW_ISO],
    ['during the current week', 'this-week', '2026-11-16T00:00:00.000Z', NOW_ISO],
    ['last week', 'last-week', '2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
    ['in the previous week', 'last-week', '2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
    ['this month', 'this-month', '2026-11-01T00:00:00.000Z', NOW_ISO],
    ['last month', 'last-month', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['since 2022-02-01', 'since', '2022-02-01T00:00:00.000Z', NOW_ISO],
    ['from 2022/02/01', 'since', '2022-02-01T00:00:00.000Z', NOW_ISO],
    ['since February 2022', 'since', '2022-02-01T00:00:00.000Z', NOW_ISO],
    ['since feb', 'since', '2026-02-01T00:00:00.000Z', NOW_ISO],
    ['since yesterday', 'since', '2026-11-17T00:00:00.000Z', NOW_ISO],
    ['since last week', 'since', '2026-11-09T00:00:00.000Z', NOW_ISO],
    ['between 2022-02-01 and 2022-02-10', 'between', '2022-02-01T00:00:00.000Z', '2022-02-11T00:00:00.000Z'],
    ['from 2022-02-01 to 2022-02-10', 'between', '2022-02-01T00:00:00.000Z', '2022-02-11T00:00:00.000Z'],
    ['between 2022-02-10 and 2022-02-01', 'between', '2022-02-01T00:00:00.000Z', '2022-02-11T00:00:00.000Z'],
    ['from Feb 1, 2022 through Feb 10, 2022', 'between', '2022-02-01T00:00:00.000Z', '2022-02-11T00:00:00.000Z'],
    ['between Dec 20 and Jan 5', 'between', '2025-12-20T00:00:00.000Z', '2026-01-06T00:00:00.000Z'],
    ['between Nov 10 and Nov 25', 'between', '2026-11-10T00:00:00.000Z', NOW_ISO],
    ['on 2022-02-01', 'on', '2022-02-01T00:00:00.000Z', '2022-02-02T00:00:00.000Z'],
    ['2022-02-01', 'on', '2022-02-01T00:00:00.000Z', '2022-02-02T00:00:00.000Z'],
    ['on Feb 1st, 2022', 'on', '2022-02-01T00:00:00.000Z', '2022-02-02T00:00:00.000Z'],
    ['on 1 February 2022', 'on', '2022-02-01T00:00:00.000Z', '2022-02-02T00:00:00.000Z'],
    ['on the 1st of Feb 2022', 'on', '2022-02-01T00:00:00.000Z', '2022-02-02T00:00:00.000Z'],
    ['on Dec 25', 'on', '2025-12-25T00:00:00.000Z', '2025-12-26T00:00:00.000Z'],
    ['on Feb 29', 'on', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ['on 2026-11-18', 'on', '2026-11-18T00:00:00.000Z', NOW_ISO],
    ['on 2027-01-01', 'on', NOW_ISO, NOW_ISO],
    ['in February 2022', 'in-month', '2022-02-01T00:00:00.000Z', '2022-03-01T00:00:00.000Z'],
    ['February 2022', 'in-month', '2022-02-01T00:00:00.000Z', '2022-03-01T00:00:00.000Z'],
    ['2022-02', 'in-month', '2022-02-01T00:00:00.000Z', '2022-03-01T00:00:00.000Z'],
    ['in feb', 'in-month', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['in November', 'in-month', '2026-11-01T00:00:00.000Z', NOW_ISO],
    ['in December', 'in-month', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['during the month of may', 'in-month', '2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'],
  ] as const)('%s → %s', (phrase, kind, from, to) => {
    expectRangeOf(ask(phrase), { kind, from, to });
  });

  it.each([
    ['last 30 days', 'last-days', 30, '2026-10-19T10:00:00.000Z'],
    ['past 7 days', 'last-days', 7, '2026-11-11T10:00:00.000Z'],
    ['in the last 3 days', 'last-days', 3, '2026-11-15T10:00:00.000Z'],
    ['over the past seven days', 'last-days', 7, '2026-11-11T10:00:00.000Z'],
    ['last 2 weeks', 'last-days', 14, '2026-11-04T10:00:00.000Z'],
    ['past week', 'last-days', 7, '2026-11-11T10:00:00.000Z'],
    ['last 3650 days', 'last-days', 3650, '2016-11-20T10:00:00.000Z'],
    ['in the last 24 hours', 'last-hours', 24, '2026-11-17T10:00:00.000Z'],
    ['last 24h', 'last-hours', 24, '2026-11-17T10:00:00.000Z'],
    ['past 6 hrs', 'last-hours', 6, '2026-11-18T04:00:00.000Z'],
    ['in the past hour', 'last-hours', 1, '2026-11-18T09:00:00.000Z'],
  ] as const)('%s → %s %d', (phrase, kind, amount, from) => {
    expectRangeOf(ask(phrase), { kind, from, to: NOW_ISO, amount });
  });

  it('places the range anywhere in the question', () => {
    expectRangeOf('last week, who sent as finance?', { kind: 'last-week', from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' });
    expectRangeOf('who sent between 2022-02-01 and 2022-02-10 as finance@contoso.com', {
      kind: 'between',
      from: '2022-02-01T00:00:00.000Z',
      to: '2022-02-11T00:00:00.000Z',
    });
  });
});

describe('US-style dates', () => {
  it('reads M/D/YYYY when only that order is possible', () => {
    expectRangeOf(ask('on 2/13/2022'), { kind: 'on', from: '2022-02-13T00:00:00.000Z', to: '2022-02-14T00:00:00.000Z' }, { locale: 'en-GB' });
  });

  it('reads D/M/YYYY when only that order is possible', () => {
    expectRangeOf(ask('on 13/2/2022'), { kind: 'on', from: '2022-02-13T00:00:00.000Z', to: '2022-02-14T00:00:00.000Z' }, { locale: 'en-US' });
  });

  it('reads an ambiguous date month-first for en-US askers only', () => {
    expectRangeOf(ask('on 2/3/2022'), { kind: 'on', from: '2022-02-03T00:00:00.000Z', to: '2022-02-04T00:00:00.000Z' }, { locale: 'en-US' });
    expectNotUnderstood(ask('on 2/3/2022'), { locale: 'en-GB' });
    expectNotUnderstood(ask('on 2/3/2022'), { locale: 'ja-JP' });
  });

  it('reads a date that is the same either way', () => {
    expectRangeOf(ask('on 2/2/2022'), { kind: 'on', from: '2022-02-02T00:00:00.000Z', to: '2022-02-03T00:00:00.000Z' }, { locale: 'en-GB' });
  });
});

describe('English ranges in other time zones', () => {
  it('reads calendar words at Tokyo midnights (UTC+9, 19:00 local)', () => {
    const tokyo = { timeZone: 'Asia/Tokyo' };
    expectRangeOf(ask('today'), { kind: 'today', from: '2026-11-17T15:00:00.000Z', to: NOW_ISO }, tokyo);
    expectRangeOf(ask('this week'), { kind: 'this-week', from: '2026-11-15T15:00:00.000Z', to: NOW_ISO }, tokyo);
    expectRangeOf(ask('last month'), { kind: 'last-month', from: '2026-09-30T15:00:00.000Z', to: '2026-10-31T15:00:00.000Z' }, tokyo);
    expectRangeOf(ask('on 2022-02-01'), { kind: 'on', from: '2022-01-31T15:00:00.000Z', to: '2022-02-01T15:00:00.000Z' }, tokyo);
    expect(expectRange(ask('today'), tokyo).timeZone).toBe('Asia/Tokyo');
  });

  it('reads calendar words in Los Angeles across the end of daylight saving (1 Nov 2026)', () => {
    const losAngeles = { timeZone: 'America/Los_Angeles' };
    expectRangeOf(ask('today'), { kind: 'today', from: '2026-11-18T08:00:00.000Z', to: NOW_ISO }, losAngeles);
    // October is PDT (UTC-7) from end to end: midnight on 1 November is still before the 02:00 change.
    expectRangeOf(ask('last month'), { kind: 'last-month', from: '2026-10-01T07:00:00.000Z', to: '2026-11-01T07:00:00.000Z' }, losAngeles);
    expectRangeOf(ask('this month'), { kind: 'this-month', from: '2026-11-01T07:00:00.000Z', to: NOW_ISO }, losAngeles);
  });

  it('gives the day the clocks go back 25 hours, and "last 24 hours" exactly 24', () => {
    const mondayAfter = { timeZone: 'America/Los_Angeles', now: new Date('2026-11-02T10:00:00.000Z') };
    expectRangeOf(ask('yesterday'), { kind: 'yesterday', from: '2026-11-01T07:00:00.000Z', to: '2026-11-02T08:00:00.000Z' }, mondayAfter);
    expectRangeOf(ask('last week'), { kind: 'last-week', from: '2026-10-26T07:00:00.000Z', to: '2026-11-02T08:00:00.000Z' }, mondayAfter);
    expectRangeOf(
      ask('last 24 hours'),
      { kind: 'last-hours', amount: 24, from: '2026-11-01T10:00:00.000Z', to: '2026-11-02T10:00:00.000Z' },
      mondayAfter,
    );
  });

  it('gives the day the clocks go forward 23 hours (8 Mar 2026)', () => {
    const mondayAfter = { timeZone: 'America/Los_Angeles', now: new Date('2026-03-09T12:00:00.000Z') };
    expectRangeOf(ask('yesterday'), { kind: 'yesterday', from: '2026-03-08T08:00:00.000Z', to: '2026-03-09T07:00:00.000Z' }, mondayAfter);
  });

  it('falls back to UTC for a zone that does not exist', () => {
    const range = expectRange(ask('today'), { timeZone: 'Mars/Olympus_Mons' });
    expect(range).toEqual({ kind: 'today', from: '2026-11-18T00:00:00.000Z', to: NOW_ISO, timeZone: 'UTC' });
  });
});

describe('English ranges that cannot be meant', () => {
  it.each([
    'last 0 days',
    'last 3651 days',
    'last 87601 hours',
    'last 99999999999999999999 days',
    'on 2022-02-30',
    'on 2023-02-29',
    'on 1999-12-31',
    'on 2101-01-01',
    'since 2022-13-01',
    'between 2022-02-01 and 2022-02-31',
    'today yesterday',
    'last week since 2022-02-01',
  ])('%s', (phrase) => {
    const result = expectNotUnderstood(ask(phrase));
    expect(result.suggestion).toBe('who sent as finance this week');
  });
});
