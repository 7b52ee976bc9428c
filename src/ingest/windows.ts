import type { TimeWindow } from '../store/store';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whole minutes keep query windows readable and make a restart compute the same ones. */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

export function floorToDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** [from, to) cut at UTC midnights: whole days, with partial days at either end. */
export function dayWindows(from: number, to: number): TimeWindow[] {
  const windows: TimeWindow[] = [];
  for (let start = from; start < to; ) {
    const end = Math.min(to, floorToDay(start) + DAY_MS);
    windows.push({ from: iso(start), to: iso(end) });
    start = end;
  }
  return windows;
}

/** The end of the newest window worth querying: events younger than `lagMs` are mostly not searchable yet. */
export function searchableEnd(now: Date, lagMs: number): number {
  return floorToMinute(now.getTime() - lagMs);
}

export interface BackfillPlan {
  readonly from: string;
  readonly to: string;
  /** Newest first: recent questions are the common ones, so recent days become answerable first. */
  readonly windows: readonly TimeWindow[];
}

/** The first start's history: `days` whole UTC days before today, plus today up to the searchable end. */
export function planBackfill(now: Date, days: number, lagMs: number): BackfillPlan {
  const to = searchableEnd(now, lagMs);
  const from = floorToDay(to) - days * DAY_MS;
  return { from: iso(from), to: iso(to), windows: dayWindows(from, to).reverse() };
}

/**
 * The incremental windows after `watermark`: from `overlapMs` before it (late events arrive for
 * hours) to the searchable end, in day-sized pieces when the ingester has been away for long. Empty
 * when less than `minStepMs` of new time has passed.
 */
export function planIncrement(watermark: string, now: Date, lagMs: number, overlapMs: number, minStepMs: number): TimeWindow[] {
  const end = searchableEnd(now, lagMs);
  const mark = Date.parse(watermark);
  if (end - mark < minStepMs) return [];
  const start = mark - overlapMs;
  if (end - start <= DAY_MS) return [{ from: iso(start), to: iso(end) }];
  return dayWindows(start, end);
}
