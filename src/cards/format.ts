import { DateTime } from 'luxon';
import { DATE_PATTERNS, formatDatedSpan, usableZone } from '../i18n/dates';
import type { Language } from '../i18n/reasons';
import type { QueryRange } from '../query/query';
import { escapeMarkdown } from './markdown';

/** One date style per language, shared with the engine's warnings (i18n/dates). */
const PATTERNS = DATE_PATTERNS;

/** An IANA zone luxon knows, or UTC: a bad `localTimezone` from a client must not break a card. */
export { usableZone };

function inZone(iso: string, timeZone: string, language: Language): DateTime | null {
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  if (!dt.isValid) return null;
  return dt.setZone(usableZone(timeZone)).setLocale(language);
}

/**
 * `1 May 2025 09:00` / `2025年5月1日 09:00` in the given zone. Every formatter here returns card-safe
 * text: a value that is not a date comes back escaped, as the audit text it is.
 */
export function formatInstant(iso: string, timeZone: string, language: Language): string {
  return inZone(iso, timeZone, language)?.toFormat(PATTERNS[language].instant) ?? escapeMarkdown(iso, 40);
}

/** `1 May 2025` / `2025年5月1日` in the given zone. */
export function formatDay(iso: string, timeZone: string, language: Language): string {
  return inZone(iso, timeZone, language)?.toFormat(PATTERNS[language].day) ?? escapeMarkdown(iso, 40);
}

/** `1 May` / `5月1日`: the card's day style without the year, for chart axes under a dated range. */
export function formatShortDay(iso: string, timeZone: string, language: Language): string {
  return inZone(iso, timeZone, language)?.toFormat(PATTERNS[language].shortDay) ?? escapeMarkdown(iso, 40);
}

/**
 * The exact span of a half-open range [from, to) in the asker's zone. Whole local days read as days
 * (`1 May 2025 – 7 May 2025`, the exclusive end shown as the last day included); anything else shows
 * both instants to the minute.
 */
export function formatSpan(range: Pick<QueryRange, 'from' | 'to'>, timeZone: string, language: Language): string {
  return formatDatedSpan(range, usableZone(timeZone), language) ?? `${escapeMarkdown(range.from, 40)} – ${escapeMarkdown(range.to, 40)}`;
}

/** Whole days in a range, for "last N days" when the parser did not record N. */
export function daysIn(range: Pick<QueryRange, 'from' | 'to'>): number {
  return Math.max(1, Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000));
}

/** `12,345` / `12,345`: grouped digits in the card language. */
export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB').format(n);
}
