import type { CoverageMark, CoveredSpan, TimeWindow } from '../store/store';
import { DAY_MS, HOUR_MS } from './windows';

/**
 * When a queried window is asked again for records that arrived late, and when it is final.
 * Exchange records are searchable typically 60–90 minutes after the event, often up to 24 hours, and
 * one field report saw 53 hours (AUDIT-FACTS §7). A window is queried once as soon as it is an hour
 * old, then re-swept when it is 6 h old (the 24-hour tail's bulk), 26 h (all of that tail) and 74 h
 * (the 50+ hour reports with a day to spare); after the last re-sweep it is settled.
 */
export interface SettleSchedule {
  /** Re-sweeps, as time after a window's end, ascending; a check at or after the last one settles it. */
  readonly sweepsAfterEndMs: readonly number[];
  /**
   * How long windows due for each re-sweep wait to be gathered into one query. The scheduler runs
   * every 30 minutes; without gathering each re-sweep would cost one query per run. With these waits
   * the re-sweeps cost about 12 + 4 + 2 queries a day on top of the 48 incremental ones: under half
   * of GRAPH_QUERY_BUDGET's default 150, leaving the rest for backfill and questions.
   */
  readonly gatherMs: readonly number[];
  /** Largest window one re-sweep query asks for. */
  readonly maxWindowMs: number;
}

export const DEFAULT_SETTLE_SCHEDULE: SettleSchedule = {
  sweepsAfterEndMs: [6 * HOUR_MS, 26 * HOUR_MS, 74 * HOUR_MS],
  gatherMs: [2 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS],
  maxWindowMs: DAY_MS,
};

/** Time after a window's end from which a check of it is final. */
export function settleAfterMs(schedule: SettleSchedule): number {
  return schedule.sweepsAfterEndMs[schedule.sweepsAfterEndMs.length - 1] ?? 0;
}

/**
 * The coverage marks for a window read completely at `checkedAt`: the part that ended at least the
 * last re-sweep before the check is settled, the rest provisional. Every source uses this rule.
 */
export function coverageMarks(window: TimeWindow, checkedAt: string, schedule: SettleSchedule): { window: TimeWindow; mark: CoverageMark }[] {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const settledEnd = Math.min(to, Date.parse(checkedAt) - settleAfterMs(schedule));
  const marks: { window: TimeWindow; mark: CoverageMark }[] = [];
  if (settledEnd > from) marks.push({ window: { from: window.from, to: new Date(settledEnd).toISOString() }, mark: { level: 'settled', checkedAt } });
  if (settledEnd < to) marks.push({ window: { from: new Date(Math.max(from, settledEnd)).toISOString(), to: window.to }, mark: { level: 'provisional', checkedAt } });
  return marks;
}

/** The re-sweep a provisional span waits for next (index into the schedule): the first one later than its last check. */
export function nextSweep(span: CoveredSpan, schedule: SettleSchedule): number {
  const age = Date.parse(span.checkedAt) - Date.parse(span.to);
  const next = schedule.sweepsAfterEndMs.findIndex((after) => after > age);
  return next === -1 ? schedule.sweepsAfterEndMs.length - 1 : next;
}

/** When a provisional span is next due for a re-sweep, epoch ms. */
export function dueAt(span: CoveredSpan, schedule: SettleSchedule): number {
  return Date.parse(span.to) + schedule.sweepsAfterEndMs[nextSweep(span, schedule)];
}

/**
 * The re-sweep queries to run now: provisional spans whose next re-sweep is due, taken only when the
 * oldest span due for the same re-sweep has waited its gathering time, merged where they touch (a run
 * of consecutive windows becomes one query) and cut to `maxWindowMs`. Pure: state and now in, plan out.
 */
export function planResweeps(spans: readonly CoveredSpan[], now: Date, schedule: SettleSchedule): TimeWindow[] {
  const at = now.getTime();
  const due = spans.filter((s) => s.level === 'provisional' && dueAt(s, schedule) <= at);
  const ready = new Set<number>();
  for (const span of due) {
    const stage = nextSweep(span, schedule);
    if (ready.has(stage)) continue;
    const oldestDue = Math.min(...due.filter((s) => nextSweep(s, schedule) === stage).map((s) => dueAt(s, schedule)));
    if (at - oldestDue >= (schedule.gatherMs[stage] ?? 0)) ready.add(stage);
  }
  const chosen = due.filter((s) => ready.has(nextSweep(s, schedule))).sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const merged: { from: number; to: number }[] = [];
  for (const span of chosen) {
    const from = Date.parse(span.from);
    const to = Date.parse(span.to);
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last.to) last.to = Math.max(last.to, to);
    else merged.push({ from, to });
  }
  const windows: TimeWindow[] = [];
  for (const { from, to } of merged) {
    for (let start = from; start < to; start += schedule.maxWindowMs) {
      windows.push({ from: new Date(start).toISOString(), to: new Date(Math.min(to, start + schedule.maxWindowMs)).toISOString() });
    }
  }
  return windows;
}
