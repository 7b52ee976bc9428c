import type { ParseContext } from '../../../src/query/query';
import { expectNotUnderstood, expectRangeOf } from './support';

/** Every case asks "… finance として送信したのは誰" at NOW: Wednesday 2026-11-18 19:00 in Tokyo. */
const ask = (range: string): string => `${range} finance として送信したのは誰`;
const tokyo: Partial<ParseContext> = { timeZone: 'Asia/Tokyo', locale: 'ja-JP' };
const NOW_ISO = '2026-11-18T10:00:00.000Z';

describe('Japanese ranges in Tokyo', () => {
  it.each([
    ['今日', 'today', '2026-11-17T15:00:00.000Z', NOW_ISO],
    ['本日', 'today', '2026-11-17T15:00:00.000Z', NOW_ISO],
    ['きょう', 'today', '2026-11-17T15:00:00.000Z', NOW_ISO],
    ['昨日', 'yesterday', '2026-11-16T15:00:00.000Z', '2026-11-17T15:00:00.000Z'],
    ['きのう', 'yesterday', '2026-11-16T15:00:00.000Z', '2026-11-17T15:00:00.000Z'],
    ['今週', 'this-week', '2026-11-15T15:00:00.000Z', NOW_ISO],
    ['今週の', 'this-week', '2026-11-15T15:00:00.000Z', NOW_ISO],
    ['先週', 'last-week', '2026-11-08T15:00:00.000Z', '2026-11-15T15:00:00.000Z'],
    ['今月', 'this-month', '2026-10-31T15:00:00.000Z', NOW_ISO],
    ['先月に', 'last-month', '2026-09-30T15:00:00.000Z', '2026-10-31T15:00:00.000Z'],
    ['2月1日以降', 'since', '2026-01-31T15:00:00.000Z', NOW_ISO],
    ['12月1日以降', 'since', '2025-11-30T15:00:00.000Z', NOW_ISO],
    ['2022/02/01以降', 'since', '2022-01-31T15:00:00.000Z', NOW_ISO],
    ['2022-02-01から', 'since', '2022-01-31T15:00:00.000Z', NOW_ISO],
    ['2022年2月1日から', 'since', '2022-01-31T15:00:00.000Z', NOW_ISO],
    ['2/1以降', 'since', '2026-01-31T15:00:00.000Z', NOW_ISO],
    ['2月から', 'since', '2026-01-31T15:00:00.000Z', NOW_ISO],
    ['先週から', 'since', '2026-11-08T15:00:00.000Z', NOW_ISO],
    ['2022年2月', 'in-month', '2022-01-31T15:00:00.000Z', '2022-02-28T15:00:00.000Z'],
    ['2月', 'in-month', '2026-01-31T15:00:00.000Z', '2026-02-28T15:00:00.000Z'],
    ['二月中に', 'in-month', '2026-01-31T15:00:00.000Z', '2026-02-28T15:00:00.000Z'],
    ['12月に', 'in-month', '2025-11-30T15:00:00.000Z', '2025-12-31T15:00:00.000Z'],
    ['11月', 'in-month', '2026-10-31T15:00:00.000Z', NOW_ISO],
    ['2022/02/01〜2022/02/10', 'between', '2022-01-31T15:00:00.000Z', '2022-02-10T15:00:00.000Z'],
    ['２０２２/０２/０１～２０２２/０２/１０', 'between', '2022-01-31T15:00:00.000Z', '2022-02-10T15:00:00.000Z'],
    ['2022/02/01~2022/02/10', 'between', '2022-01-31T15:00:00.000Z', '2022-02-10T15:00:00.000Z'],
    ['2022年2月1日から2022年2月10日まで', 'between', '2022-01-31T15:00:00.000Z', '2022-02-10T15:00:00.000Z'],
    ['2022年2月1日から2月10日まで', 'between', '2022-01-31T15:00:00.000Z', '2022-02-10T15:00:00.000Z'],
    ['2/1〜2/10の間', 'between', '2026-01-31T15:00:00.000Z', '2026-02-10T15:00:00.000Z'],
    ['2022年2月1日', 'on', '2022-01-31T15:00:00.000Z', '2022-02-01T15:00:00.000Z'],
    ['2月1日に', 'on', '2026-01-31T15:00:00.000Z', '2026-02-01T15:00:00.000Z'],
    ['12月25日', 'on', '2025-12-24T15:00:00.000Z', '2025-12-25T15:00:00.000Z'],
  ] as const)('%s → %s', (phrase, kind, from, to) => {
    expectRangeOf(ask(phrase), { kind, from, to }, tokyo);
  });

  it.each([
    ['過去7日間', 'last-days', 7, '2026-11-11T10:00:00.000Z'],
    ['過去７日間', 'last-days', 7, '2026-11-11T10:00:00.000Z'],
    ['過去七日間', 'last-days', 7, '2026-11-11T10:00:00.000Z'],
    ['直近3日', 'last-days', 3, '2026-11-15T10:00:00.000Z'],
    ['ここ14日', 'last-days', 14, '2026-11-04T10:00:00.000Z'],
    ['過去1週間', 'last-days', 7, '2026-11-11T10:00:00.000Z'],
    ['過去十四日間', 'last-days', 14, '2026-11-04T10:00:00.000Z'],
    ['過去24時間', 'last-hours', 24, '2026-11-17T10:00:00.000Z'],
    ['24時間以内', 'last-hours', 24, '2026-11-17T10:00:00.000Z'],
    ['3日以内', 'last-days', 3, '2026-11-15T10:00:00.000Z'],
  ] as const)('%s → %s %d', (phrase, kind, amount, from) => {
    expectRangeOf(ask(phrase), { kind, from, to: NOW_ISO, amount }, tokyo);
  });

  it('reads the range wherever it stands', () => {
    const lastMonth = { kind: 'last-month', from: '2026-09-30T15:00:00.000Z', to: '2026-10-31T15:00:00.000Z' } as const;
    expectRangeOf('finance として先月送信したのは誰', lastMonth, tokyo);
    expectRangeOf('finance として送信したのは誰（先月）', lastMonth, tokyo);
    expectRangeOf('先月、alex は誰として送信した？', lastMonth, tokyo);
  });

  it('reads Japanese words in the asker’s own zone, not Tokyo’s', () => {
    expectRangeOf(ask('今日'), { kind: 'today', from: '2026-11-18T08:00:00.000Z', to: NOW_ISO }, { timeZone: 'America/Los_Angeles', locale: 'ja-JP' });
  });
});

describe('Japanese ranges that cannot be meant', () => {
  it.each(['2022年2月30日', '過去0日間', '過去4000日', '13月', '2022/13/01以降', '今日 昨日', '1999年1月1日'])('%s', (phrase) => {
    const result = expectNotUnderstood(ask(phrase), tokyo);
    expect(result).toEqual({ suggestion: '今週 finance として送信したのは誰', language: 'ja' });
  });
});
