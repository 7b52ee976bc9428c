import { DateTime } from 'luxon';
import type { QueryRange, RangeKind } from '../query';

/** A calendar day as written; a missing year means "the most recent one not in the future". */
export interface DateRef {
  readonly year?: number;
  readonly month: number;
  readonly day: number;
}

/**
 * A day named relative to today: a weekday ("Monday", 月曜日: its most recent occurrence, today
 * included; "last Friday", 先週の金曜日: that day of last week) or a count of days back ("2 days ago").
 */
export type RelativeDay =
  | { readonly weekday: number; readonly lastWeek: boolean }
  | { readonly daysAgo: number };

/** Any one day a question can name. */
export type DayRef = DateRef | RelativeDay;

/** A range as the question stated it, before it is read against `now` in a time zone. */
export type RangeSpec =
  | { readonly kind: CalendarRangeKind }
  | { readonly kind: 'last-days' | 'last-hours'; readonly amount: number }
  | { readonly kind: 'since' | 'on'; readonly date: DayRef }
  | { readonly kind: 'between'; readonly from: DayRef; readonly to: DayRef }
  | { readonly kind: 'in-month'; readonly month: number; readonly year?: number }
  /** "since yesterday", "先週から": from the start of a calendar range until now. */
  | { readonly kind: 'since-start-of'; readonly of: CalendarRangeKind }
  /** "over the weekend", 週末: the most recent Saturday and Sunday; `lastWeek` for "last weekend", 先週末. */
  | { readonly kind: 'weekend'; readonly lastWeek: boolean }
  /** "this year" (offset 0), "last year", 去年 (offset 1). */
  | { readonly kind: 'year'; readonly offset: number };

/** Ranges named by a calendar word alone. */
export type CalendarRangeKind = 'today' | 'yesterday' | 'this-week' | 'last-week' | 'this-month' | 'last-month';

/** Ten years: longer than any audit retention, short enough to stay a sane number. */
const MAX_DAYS = 3650;
const MAX_HOURS = MAX_DAYS * 24;
/** Dates outside these years are typing mistakes, not questions about audit data. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
/** Used when nothing says how far back to look. */
const DEFAULT_DAYS = 7;

const HOUR_MS = 3_600_000;

/** Builds a half-open range from epoch milliseconds, clipped so that from ≤ to ≤ now. */
function clipped(from: number, to: number, now: number, kind: RangeKind, timeZone: string, amount?: number): QueryRange {
  const end = Math.min(to, now);
  const start = Math.min(from, end);
  return {
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    kind,
    timeZone,
    ...(amount === undefined ? {} : { amount }),
  };
}

function yearInBounds(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Start of a stated day in the zone, or null for a day that does not exist (Feb 30) or is absurd. */
function startOfDay(date: DateRef & { readonly year: number }, zone: string): DateTime | null {
  if (!yearInBounds(date.year)) return null;
  const time = DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone });
  return time.isValid ? time.startOf('day') : null;
}

function isCalendarDay(day: DayRef): day is DateRef {
  return 'month' in day;
}

/** The day a relative reference names, at its start in `now`'s zone. */
function relativeDay(day: RelativeDay, now: DateTime): DateTime | null {
  const today = now.startOf('day');
  if ('daysAgo' in day) return Number.isInteger(day.daysAgo) && day.daysAgo >= 0 && day.daysAgo <= MAX_DAYS ? today.minus({ days: day.daysAgo }) : null;
  if (day.lastWeek) return now.startOf('week').minus({ weeks: 1 }).plus({ days: day.weekday - 1 });
  return today.minus({ days: (now.weekday - day.weekday + 7) % 7 });
}

/** A year-less day read as its most recent occurrence that has begun by `now` (Feb 29 looks further back). */
function mostRecentDay(date: DayRef, now: DateTime): DateTime | null {
  if (!isCalendarDay(date)) return relativeDay(date, now);
  if (date.year !== undefined) return startOfDay({ ...date, year: date.year }, now.zoneName ?? 'UTC');
  for (let year = now.year; year >= now.year - 8; year -= 1) {
    const start = startOfDay({ ...date, year }, now.zoneName ?? 'UTC');
    if (start !== null && start <= now) return start;
  }
  return null;
}

/** A weekday placed within the week after `start`, in either direction ("Monday to Tuesday"). */
function weekdayNear(weekday: number, start: DateTime, direction: 1 | -1): DateTime {
  return start.plus({ days: ((direction * (weekday - start.weekday) + 7) % 7) * direction });
}

/** A year-less end day placed on or after its start day, so "Dec 20 – Jan 5" spans new year. */
function dayOnOrAfter(date: DayRef, start: DateTime, now: DateTime): DateTime | null {
  if (!isCalendarDay(date)) return 'weekday' in date && !date.lastWeek ? weekdayNear(date.weekday, start, 1) : relativeDay(date, now);
  const zone = start.zoneName ?? 'UTC';
  if (date.year !== undefined) return startOfDay({ ...date, year: date.year }, zone);
  const sameYear = startOfDay({ ...date, year: start.year }, zone);
  if (sameYear !== null && sameYear >= start) return sameYear;
  return startOfDay({ ...date, year: start.year + 1 }, zone);
}

/** A year-less start day placed on or before its (dated) end day. */
function dayOnOrBefore(date: DayRef, end: DateTime, now: DateTime): DateTime | null {
  if (!isCalendarDay(date)) return 'weekday' in date && !date.lastWeek ? weekdayNear(date.weekday, end, -1) : relativeDay(date, now);
  const zone = end.zoneName ?? 'UTC';
  if (date.year !== undefined) return startOfDay({ ...date, year: date.year }, zone);
  const sameYear = startOfDay({ ...date, year: end.year }, zone);
  if (sameYear !== null && sameYear <= end) return sameYear;
  return startOfDay({ ...date, year: end.year - 1 }, zone);
}

/** Whether a day is placed by its own year (a dated day, or one counted back from today). */
function anchored(day: DayRef): boolean {
  return isCalendarDay(day) ? day.year !== undefined : !('weekday' in day) || day.lastWeek;
}

function betweenDays(from: DayRef, to: DayRef, now: DateTime): [DateTime, DateTime] | null {
  const start = !anchored(from) && anchored(to) ? null : mostRecentDay(from, now);
  if (start !== null) {
    const end = dayOnOrAfter(to, start, now);
    return end === null ? null : [start, end];
  }
  const end = mostRecentDay(to, now);
  if (end === null) return null;
  const begin = dayOnOrBefore(from, end, now);
  return begin === null ? null : [begin, end];
}

/** A month without a year is its most recent occurrence that has begun by `now`. */
function monthStart(month: number, year: number | undefined, now: DateTime): DateTime | null {
  const zone = now.zoneName ?? 'UTC';
  const candidateYear = year ?? (month <= now.month ? now.year : now.year - 1);
  if (!yearInBounds(candidateYear)) return null;
  const start = DateTime.fromObject({ year: candidateYear, month, day: 1 }, { zone });
  return start.isValid ? start.startOf('month') : null;
}

/** The start and end of a range named by a calendar word, before clipping. */
function calendarRange(kind: CalendarRangeKind, now: DateTime): [DateTime, DateTime] {
  switch (kind) {
    case 'today':
      return [now.startOf('day'), now];
    case 'yesterday':
      return [now.startOf('day').minus({ days: 1 }), now.startOf('day')];
    case 'this-week':
      return [now.startOf('week'), now];
    case 'last-week':
      return [now.startOf('week').minus({ weeks: 1 }), now.startOf('week')];
    case 'this-month':
      return [now.startOf('month'), now];
    case 'last-month':
      return [now.startOf('month').minus({ months: 1 }), now.startOf('month')];
    default:
      return kind satisfies never;
  }
}

type DurationSpec = Extract<RangeSpec, { kind: 'last-days' | 'last-hours' }>;
type CalendarSpec = Exclude<RangeSpec, DurationSpec>;

function isDuration(spec: RangeSpec): spec is DurationSpec {
  return spec.kind === 'last-days' || spec.kind === 'last-hours';
}

/** "Last N days / hours": instants N × 24 h (or N h) apart, whatever the calendar does. */
function durationRange(spec: DurationSpec, nowInstant: Date, timeZone: string): QueryRange | null {
  const limit = spec.kind === 'last-days' ? MAX_DAYS : MAX_HOURS;
  if (!Number.isInteger(spec.amount) || spec.amount < 1 || spec.amount > limit) return null;
  const hours = spec.kind === 'last-days' ? spec.amount * 24 : spec.amount;
  const now = nowInstant.getTime();
  return clipped(now - hours * HOUR_MS, now, now, spec.kind, timeZone, spec.amount);
}

/** Ranges made of calendar days, months and weeks, read at the zone's midnights. */
function calendarSpecRange(spec: CalendarSpec, nowInstant: Date, timeZone: string): QueryRange | null {
  const now = DateTime.fromJSDate(nowInstant, { zone: timeZone });
  const kind = rangeKindOf(spec);
  const make = (from: DateTime, to: DateTime): QueryRange => clipped(from.toMillis(), to.toMillis(), now.toMillis(), kind, timeZone);
  switch (spec.kind) {
    case 'today':
    case 'yesterday':
    case 'this-week':
    case 'last-week':
    case 'this-month':
    case 'last-month': {
      const [from, to] = calendarRange(spec.kind, now);
      return make(from, to);
    }
    case 'since-start-of': {
      const [from] = calendarRange(spec.of, now);
      return make(from, now);
    }
    case 'since': {
      const start = mostRecentDay(spec.date, now);
      return start === null ? null : make(start, now);
    }
    case 'on': {
      const start = mostRecentDay(spec.date, now);
      return start === null ? null : make(start, start.plus({ days: 1 }));
    }
    case 'between': {
      const days = betweenDays(spec.from, spec.to, now);
      if (days === null) return null;
      // Dates given the wrong way round are still one clear span.
      const [first, last] = days[0] <= days[1] ? days : [days[1], days[0]];
      return make(first, last.plus({ days: 1 }));
    }
    case 'in-month': {
      const start = monthStart(spec.month, spec.year, now);
      return start === null ? null : make(start, start.plus({ months: 1 }));
    }
    case 'weekend': {
      const saturday = spec.lastWeek ? now.startOf('week').minus({ days: 2 }) : now.startOf('day').minus({ days: (now.weekday + 1) % 7 });
      return make(saturday, saturday.plus({ days: 2 }));
    }
    case 'year': {
      const start = now.startOf('year').minus({ years: spec.offset });
      return make(start, start.plus({ years: 1 }));
    }
    default:
      return spec satisfies never;
  }
}

/** How a resolved range is said back: ranges without a word of their own are told by their dates. */
function rangeKindOf(spec: CalendarSpec): RangeKind {
  if (spec.kind === 'since-start-of') return 'since';
  if (spec.kind === 'weekend') return 'between';
  // This year so far reads as "since 1 January"; a whole past year as its two dates.
  if (spec.kind === 'year') return spec.offset === 0 ? 'since' : 'between';
  return spec.kind;
}

/**
 * Reads a stated range against `now` in `timeZone` (already checked with {@link usableZone}).
 * Calendar words use the zone's midnights and Monday-first weeks; "last N days" is N × 24 hours back.
 * Returns null for ranges that cannot be meant (Feb 30, year 1900, 0 or 100,000 days).
 */
export function resolveRange(spec: RangeSpec, nowInstant: Date, timeZone: string): QueryRange | null {
  return isDuration(spec) ? durationRange(spec, nowInstant, timeZone) : calendarSpecRange(spec, nowInstant, timeZone);
}

/** The range used when the question names none: the last {@link DEFAULT_DAYS} days. */
export function defaultRange(nowInstant: Date, timeZone: string): QueryRange {
  const now = nowInstant.getTime();
  return clipped(now - DEFAULT_DAYS * 24 * HOUR_MS, now, now, 'default', timeZone, DEFAULT_DAYS);
}
