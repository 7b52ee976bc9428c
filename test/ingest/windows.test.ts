import { dayWindows, planBackfill, planIncrement } from '../../src/ingest/windows';

const HOUR = 3600_000;

test('day windows cut at UTC midnight, partial days at the ends', () => {
  expect(dayWindows(Date.parse('2026-09-01T18:00:00Z'), Date.parse('2026-09-03T06:15:00Z'))).toEqual([
    { from: '2026-09-01T18:00:00.000Z', to: '2026-09-02T00:00:00.000Z' },
    { from: '2026-09-02T00:00:00.000Z', to: '2026-09-03T00:00:00.000Z' },
    { from: '2026-09-03T00:00:00.000Z', to: '2026-09-03T06:15:00.000Z' },
  ]);
});

test('backfill: N whole days before today plus today up to an hour before now (whole minutes), newest first', () => {
  const plan = planBackfill(new Date('2026-09-03T15:30:42Z'), 2, HOUR);
  expect(plan).toEqual({
    from: '2026-09-01T00:00:00.000Z',
    to: '2026-09-03T14:30:00.000Z',
    windows: [
      { from: '2026-09-03T00:00:00.000Z', to: '2026-09-03T14:30:00.000Z' },
      { from: '2026-09-02T00:00:00.000Z', to: '2026-09-03T00:00:00.000Z' },
      { from: '2026-09-01T00:00:00.000Z', to: '2026-09-02T00:00:00.000Z' },
    ],
  });
});

describe('incremental windows', () => {
  const watermark = '2026-09-03T14:30:00.000Z';
  test('from 4 h before the watermark to 1 h before now', () => {
    expect(planIncrement(watermark, new Date('2026-09-03T16:00:10Z'), HOUR, 4 * HOUR, 5 * 60_000)).toEqual([{ from: '2026-09-03T10:30:00.000Z', to: '2026-09-03T15:00:00.000Z' }]);
  });
  test('nothing while less than the minimum step of new time has passed', () => {
    expect(planIncrement(watermark, new Date('2026-09-03T15:34:00Z'), HOUR, 4 * HOUR, 5 * 60_000)).toEqual([]);
  });
  test('after a long absence: day-sized pieces', () => {
    const windows = planIncrement(watermark, new Date('2026-09-06T03:00:00Z'), HOUR, 4 * HOUR, 5 * 60_000);
    expect(windows[0]).toEqual({ from: '2026-09-03T10:30:00.000Z', to: '2026-09-04T00:00:00.000Z' });
    expect(windows.at(-1)).toEqual({ from: '2026-09-06T00:00:00.000Z', to: '2026-09-06T02:00:00.000Z' });
    expect(windows).toHaveLength(4);
  });
});
