import { daysIn, formatElapsed, formatInstant, formatSpan, usableZone } from '../../src/cards/format';

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
