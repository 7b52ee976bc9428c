import { daysIn, formatInstant, formatSpan, usableZone } from '../../src/cards/format';
import { formatElapsed, zoneName } from '../../src/i18n/dates';
import { WARNING_WORDS } from '../../src/i18n/query/warnings';

describe('card dates', () => {
  it('shows whole local days as days, the exclusive end as the last day included', () => {
    const week = { from: '2025-04-30T15:00:00.000Z', to: '2025-05-07T15:00:00.000Z' };
    expect(formatSpan(week, 'Asia/Tokyo', 'en')).toBe('1 May 2025 – 7 May 2025');
    expect(formatSpan(week, 'Asia/Tokyo', 'ja')).toBe('2025年5月1日 – 2025年5月7日');
    // The same instants are not whole days in London: shown to the minute.
    expect(formatSpan(week, 'Europe/London', 'en')).toBe('30 Apr 2025 16:00 – 7 May 2025 16:00');
  });

  it('shows a single whole day once, and a part of one day with its times', () => {
    expect(formatSpan({ from: '2025-05-06T15:00:00.000Z', to: '2025-05-07T15:00:00.000Z' }, 'Asia/Tokyo', 'en')).toBe('7 May 2025');
    expect(formatSpan({ from: '2025-05-06T15:00:00.000Z', to: '2025-05-07T03:30:00.000Z' }, 'Asia/Tokyo', 'ja')).toBe('2025年5月7日 00:00 – 12:30');
  });

  it('falls back to UTC for a zone it does not know, and escapes what is not a date', () => {
    expect(usableZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(usableZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(formatInstant('2025-05-07T10:00:00Z', 'Mars/Olympus_Mons', 'en')).toBe('7 May 2025 10:00');
    expect(formatInstant('**soon**', 'UTC', 'en')).toBe('\\*\\*soon\\*\\*');
  });

  it('counts the days in a range, at least one', () => {
    expect(daysIn({ from: '2025-05-01T00:00:00Z', to: '2025-05-08T00:00:00Z' })).toBe(7);
    expect(daysIn({ from: '2025-05-01T00:00:00Z', to: '2025-05-01T02:00:00Z' })).toBe(1);
  });

  it('words elapsed time in both languages', () => {
    expect(formatElapsed(9_500, 'en')).toBe('9 s');
    expect(formatElapsed(130_000, 'en')).toBe('2 min 10 s');
    expect(formatElapsed(3_600_000, 'ja')).toBe('1時間0分0秒');
    expect(formatElapsed(-5, 'en')).toBe('0 s');
  });
});

describe('zoneName', () => {
  it.each([
    ['Asia/Tokyo', 'Tokyo time', '日本時間'],
    ['America/New_York', 'New York time', 'ニューヨーク時間'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires time', 'アルゼンチン標準時'],
    ['UTC', 'UTC', 'UTC'],
    ['Not/A_Zone', 'UTC', 'UTC'],
  ])('names %s as an admin says it', (zone, en, ja) => {
    expect(zoneName(zone, 'en')).toBe(en);
    expect(zoneName(zone, 'ja')).toBe(ja);
  });
});

describe('one date style per card and language', () => {
  it('words the engine warnings in the same style as the card around them, the exclusive end as the last day', () => {
    const incident = { from: '2022-01-28T00:00:00.000Z', to: '2022-03-26T00:00:00.000Z' };
    expect(WARNING_WORDS.en.coverage([incident], 'UTC')).toContain(formatSpan(incident, 'UTC', 'en'));
    expect(formatSpan(incident, 'UTC', 'en')).toBe('28 Jan 2022 – 25 Mar 2022');
    expect(WARNING_WORDS.ja.coverage([incident], 'UTC')).toContain('2022年1月28日 – 2022年3月25日');
    const provisional = { from: '2026-11-18T08:00:00.000Z', checkedAt: '2026-11-19T08:00:00.000Z', whole: false };
    expect(WARNING_WORDS.ja.provisional(provisional, 'Asia/Tokyo')).toContain(formatInstant('2026-11-18T08:00:00.000Z', 'Asia/Tokyo', 'ja'));
    expect(WARNING_WORDS.en.provisional(provisional, 'Asia/Tokyo')).toContain(formatInstant('2026-11-19T08:00:00.000Z', 'Asia/Tokyo', 'en'));
  });
});
