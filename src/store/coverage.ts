import type { TimeWindow } from './store';

/** Interval arithmetic on half-open [from, to) windows in epoch milliseconds, shared by both backends. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** Merges overlapping or touching intervals into a sorted, disjoint list. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.from < i.to).sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && next.from <= last.to) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, next.to) };
    else merged.push(next);
  }
  return merged;
}

/** The parts of `window` that no interval in `covered` (sorted, disjoint) covers. */
export function gaps(window: Interval, covered: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = window.from;
  for (const c of covered) {
    if (c.to <= cursor) continue;
    if (c.from >= window.to) break;
    if (c.from > cursor) out.push({ from: cursor, to: Math.min(c.from, window.to) });
    cursor = Math.max(cursor, c.to);
    if (cursor >= window.to) break;
  }
  if (cursor < window.to) out.push({ from: cursor, to: window.to });
  return out;
}

export function toInterval(window: TimeWindow): Interval {
  return { from: Date.parse(window.from), to: Date.parse(window.to) };
}

export function toWindow(interval: Interval): TimeWindow {
  return { from: new Date(interval.from).toISOString(), to: new Date(interval.to).toISOString() };
}
