import type { CoveredSpan } from '../../src/store/store';
import { DEFAULT_SETTLE_SCHEDULE, coverageMarks, planResweeps } from '../../src/ingest/settle';

const H = 3600_000;
const T0 = Date.parse('2026-09-01T00:00:00.000Z');
const iso = (hours: number): string => new Date(T0 + hours * H).toISOString();
const span = (from: number, to: number, checked: number, level: CoveredSpan['level'] = 'provisional'): CoveredSpan => ({ from: iso(from), to: iso(to), level, checkedAt: iso(checked) });

describe('the settle schedule', () => {
  it('marks a window checked 10 h after it ended provisional, and settles only what ended 74 h before the check', () => {
    expect(coverageMarks({ from: iso(0), to: iso(24) }, iso(34), DEFAULT_SETTLE_SCHEDULE)).toEqual([
      { window: { from: iso(0), to: iso(24) }, mark: { level: 'provisional', checkedAt: iso(34) } },
    ]);
    expect(coverageMarks({ from: iso(0), to: iso(24) }, iso(90), DEFAULT_SETTLE_SCHEDULE)).toEqual([
      { window: { from: iso(0), to: iso(16) }, mark: { level: 'settled', checkedAt: iso(90) } },
      { window: { from: iso(16), to: iso(24) }, mark: { level: 'provisional', checkedAt: iso(90) } },
    ]);
  });

  it('re-sweeps a window 6 h, 26 h and 74 h after its end, each once its batch has gathered', () => {
    const fresh = [span(0, 0.5, 1)];
    expect(planResweeps(fresh, new Date(T0 + 7 * H), DEFAULT_SETTLE_SCHEDULE)).toEqual([]);
    expect(planResweeps(fresh, new Date(T0 + 8.5 * H), DEFAULT_SETTLE_SCHEDULE)).toEqual([{ from: iso(0), to: iso(0.5) }]);
    const once = [span(0, 0.5, 8.5)];
    expect(planResweeps(once, new Date(T0 + 30 * H), DEFAULT_SETTLE_SCHEDULE)).toEqual([]);
    expect(planResweeps(once, new Date(T0 + 32.5 * H), DEFAULT_SETTLE_SCHEDULE)).toHaveLength(1);
    const twice = [span(0, 0.5, 32.5)];
    expect(planResweeps(twice, new Date(T0 + 80 * H), DEFAULT_SETTLE_SCHEDULE)).toEqual([]);
    expect(planResweeps(twice, new Date(T0 + 86.5 * H), DEFAULT_SETTLE_SCHEDULE)).toHaveLength(1);
    expect(planResweeps([span(0, 0.5, 86.5, 'settled')], new Date(T0 + 200 * H), DEFAULT_SETTLE_SCHEDULE)).toEqual([]);
  });

  it('gathers consecutive windows due for a re-sweep into one query, and keeps windows not yet due out', () => {
    // Half-hour incremental windows, each queried an hour after its end.
    const spans = Array.from({ length: 12 }, (_, i) => span(i * 0.5, i * 0.5 + 0.5, i * 0.5 + 1.5));
    expect(planResweeps(spans, new Date(T0 + 10 * H), DEFAULT_SETTLE_SCHEDULE)).toEqual([{ from: iso(0), to: iso(4) }]);
  });

  it('catches up on windows long overdue, a day per query at most', () => {
    const spans = [span(0, 48, 49)];
    expect(planResweeps(spans, new Date(T0 + 200 * H), DEFAULT_SETTLE_SCHEDULE)).toEqual([
      { from: iso(0), to: iso(24) },
      { from: iso(24), to: iso(48) },
    ]);
  });
});
