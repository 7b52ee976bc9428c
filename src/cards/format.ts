import { DateTime } from 'luxon';
import { DATE_PATTERNS, formatDatedSpan, usableZone } from '../i18n/dates';
import type { Language } from '../i18n/reasons';
import type { QueryRange } from '../query/query';
import { escapeMarkdown } from './markdown';

/** One date style per language, shared with the engine's warnings (query/format). */
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

/** Japanese city names for the zones admins most often sit in; others fall back to the runtime's name. */
const JA_CITIES: Readonly<Record<string, string>> = {
  'Asia/Tokyo': '東京',
  'Asia/Seoul': 'ソウル',
  'Asia/Shanghai': '上海',
  'Asia/Hong_Kong': '香港',
  'Asia/Taipei': '台北',
  'Asia/Singapore': 'シンガポール',
  'Asia/Bangkok': 'バンコク',
  'Asia/Kolkata': 'コルカタ',
  'Australia/Sydney': 'シドニー',
  'Europe/London': 'ロンドン',
  'Europe/Paris': 'パリ',
  'Europe/Berlin': 'ベルリン',
  'America/New_York': 'ニューヨーク',
  'America/Chicago': 'シカゴ',
  'America/Denver': 'デンバー',
  'America/Los_Angeles': 'ロサンゼルス',
};

/**
 * The zone as an admin says it: "Tokyo time" / 東京時間, "UTC" for UTC. English takes the city from
 * the IANA name (`America/New_York` → "New York time"); Japanese uses its own city names where known
 * and the runtime's generic zone name (中央ヨーロッパ時間) otherwise.
 */
export function zoneName(timeZone: string, language: Language): string {
  const zone = usableZone(timeZone);
  if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone)) return 'UTC';
  const city = zone.includes('/') ? zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ') : null;
  if (language === 'en') return city === null ? zone : `${city} time`;
  const known = JA_CITIES[zone];
  if (known !== undefined) return `${known}時間`;
  const generic = new Intl.DateTimeFormat('ja-JP', { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(0)
    .find((part) => part.type === 'timeZoneName')?.value;
  return generic ?? zone;
}

/** Whole days in a range, for "last N days" when the parser did not record N. */
export function daysIn(range: Pick<QueryRange, 'from' | 'to'>): number {
  return Math.max(1, Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000));
}

/** `12,345` / `12,345`: grouped digits in the card language. */
export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB').format(n);
}

/** Elapsed time as `2 min 10 s` / `2分10秒` (hours appear once a query runs that long). */
export function formatElapsed(milliseconds: number, language: Language): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const units = language === 'ja' ? { h: '時間', m: '分', s: '秒', sep: '' } : { h: ' h', m: ' min', s: ' s', sep: ' ' };
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours}${units.h}`);
  if (hours > 0 || minutes > 0) parts.push(`${minutes}${units.m}`);
  parts.push(`${seconds}${units.s}`);
  return parts.join(units.sep);
}
