import type { CoverageLevel, CoverageMark, CoveredSpan, TimeWindow } from './store';

/** Interval arithmetic on half-open [from, to) windows in epoch milliseconds, shared by both backends. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** A stored coverage row: a window, whether it is settled, and when it was last queried (ms). */
export interface CoverageSpan extends Interval {
  readonly settled: boolean;
  readonly checked: number;
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

/**
 * Overlays coverage spans: where several cover the same time, settled wins over provisional, and the
 * latest check of the winning level is kept. Adjacent settled spans merge; adjacent provisional spans
 * merge only when checked at the same instant, so "last checked" stays exact. Sorted, disjoint.
 */
export function overlaySpans(spans: readonly CoverageSpan[]): CoverageSpan[] {
  const live = spans.filter((s) => s.from < s.to);
  const bounds = [...new Set(live.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  const out: CoverageSpan[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const from = bounds[i];
    const to = bounds[i + 1];
    const over = live.filter((s) => s.from <= from && s.to >= to);
    if (over.length === 0) continue;
    const settled = over.some((s) => s.settled);
    const checked = Math.max(...over.filter((s) => s.settled === settled).map((s) => s.checked));
    const last = out[out.length - 1];
    if (last !== undefined && last.to === from && last.settled === settled && (settled || last.checked === checked)) {
      out[out.length - 1] = { from: last.from, to, settled, checked: Math.max(last.checked, checked) };
    } else {
      out.push({ from, to, settled, checked });
    }
  }
  return out;
}

/** The coverage rows of one source after `window` is marked. */
export function markSpan(existing: readonly CoverageSpan[], window: TimeWindow, mark: CoverageMark): CoverageSpan[] {
  const interval = toInterval(window);
  return overlaySpans([...existing, { ...interval, settled: mark.level === 'settled', checked: Date.parse(mark.checkedAt) }]);
}

/** What the port returns: the coverage of every source within `window`, clipped to it. */
export function coveredSpans(window: TimeWindow, rows: readonly CoverageSpan[]): CoveredSpan[] {
  const interval = toInterval(window);
  return overlaySpans(rows)
    .map((s) => ({ ...s, from: Math.max(s.from, interval.from), to: Math.min(s.to, interval.to) }))
    .filter((s) => s.from < s.to)
    .map((s) => ({ ...toWindow(s), level: levelOf(s), checkedAt: new Date(s.checked).toISOString() }));
}

function levelOf(span: CoverageSpan): CoverageLevel {
  return span.settled ? 'settled' : 'provisional';
}

/** Covered intervals merged and clipped to `window`, as windows in order. */
export function clippedCoverage(window: Interval, covered: readonly Interval[]): TimeWindow[] {
  return mergeIntervals(covered)
    .map((i) => ({ from: Math.max(i.from, window.from), to: Math.min(i.to, window.to) }))
    .filter((i) => i.from < i.to)
    .map(toWindow);
}

export function toInterval(window: TimeWindow): Interval {
  return { from: Date.parse(window.from), to: Date.parse(window.to) };
}

export function toWindow(interval: Interval): TimeWindow {
  return { from: new Date(interval.from).toISOString(), to: new Date(interval.to).toISOString() };
}
