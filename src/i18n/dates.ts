import { DateTime, IANAZone } from 'luxon';
import type { Language } from './reasons';

/**
 * The one date style of every card and answer, per language: unambiguous day-month order in English,
 * 年月日 in Japanese. A short day (no year) labels chart axes under a dated range.
 */
export const DATE_PATTERNS: Readonly<Record<Language, { day: string; shortDay: string; instant: string; time: string }>> = {
  en: { day: 'd LLL yyyy', shortDay: 'd LLL', instant: 'd LLL yyyy HH:mm', time: 'HH:mm' },
  ja: { day: 'yyyy年M月d日', shortDay: 'M月d日', instant: 'yyyy年M月d日 HH:mm', time: 'HH:mm' },
};

/**
 * Zone names already checked. luxon builds an Intl formatter for every check, far slower than parsing
 * a question or formatting a date; the cap keeps arbitrary names sent by clients from growing it.
 */
const checkedZones = new Map<string, boolean>();
const CHECKED_ZONES_CAP = 256;

/** The asker's IANA zone, or UTC when it is empty or not one the runtime knows. */
export function usableZone(timeZone: string | null | undefined): string {
  if (timeZone === null || timeZone === undefined || timeZone === '') return 'UTC';
  let valid = checkedZones.get(timeZone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(timeZone);
    if (checkedZones.size >= CHECKED_ZONES_CAP) checkedZones.clear();
    checkedZones.set(timeZone, valid);
  }
  return valid ? timeZone : 'UTC';
}

/** An instant or a day in the asker's zone, in the cards' date style for the language (DATE_PATTERNS). */
export function formatDated(iso: string, timeZone: string, language: Language, style: 'day' | 'instant'): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
  return (dt.isValid ? dt : DateTime.fromISO(iso, { zone: 'utc' })).setLocale(language).toFormat(DATE_PATTERNS[language][style]);
}

/**
 * The span of a half-open range [from, to) in the asker's zone and the cards' date style. Whole local
 * days read as days, the exclusive end shown as the last day included (`1 May 2025 – 7 May 2025`);
 * anything else shows both instants to the minute. Null when either end is not a date.
 */
export function formatDatedSpan(range: { readonly from: string; readonly to: string }, timeZone: string, language: Language): string | null {
  const from = DateTime.fromISO(range.from, { zone: 'utc' }).setZone(timeZone).setLocale(language);
  const to = DateTime.fromISO(range.to, { zone: 'utc' }).setZone(timeZone).setLocale(language);
  if (!from.isValid || !to.isValid) return null;
  const pattern = DATE_PATTERNS[language];
  if (from.equals(from.startOf('day')) && to.equals(to.startOf('day'))) {
    const lastDay = to.minus({ days: 1 });
    return lastDay <= from ? from.toFormat(pattern.day) : `${from.toFormat(pattern.day)} – ${lastDay.toFormat(pattern.day)}`;
  }
  return `${from.toFormat(pattern.instant)} – ${to.toFormat(from.hasSame(to, 'day') ? pattern.time : pattern.instant)}`;
}

/** `2026-11-18 09:30` in the asker's zone: the form the CLI and logs use for instants. */
export function formatInstant(iso: string, timeZone: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
  return (dt.isValid ? dt : DateTime.fromISO(iso, { zone: 'utc' })).toFormat('yyyy-MM-dd HH:mm');
}

/** A day in the asker's zone (`2026-11-18`). */
export function formatDay(iso: string, timeZone: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
  return (dt.isValid ? dt : DateTime.fromISO(iso, { zone: 'utc' })).toFormat('yyyy-MM-dd');
}

/**
 * Japanese names for the zones admins most often sit in (Tokyo reads 日本時間, as admins in Japan say
 * it); others fall back to the runtime's name.
 */
const JA_PLACES: Readonly<Record<string, string>> = {
  'Asia/Tokyo': '日本',
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
 * The zone as an admin says it: "Tokyo time" / 日本時間, "UTC" for UTC. English takes the city from
 * the IANA name (`America/New_York` → "New York time"); Japanese uses its own place names where known
 * and the runtime's generic zone name (中央ヨーロッパ時間) otherwise.
 */
export function zoneName(timeZone: string, language: Language): string {
  const zone = usableZone(timeZone);
  if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone)) return 'UTC';
  const city = zone.includes('/') ? zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ') : null;
  if (language === 'en') return city === null ? zone : `${city} time`;
  const known = JA_PLACES[zone];
  if (known !== undefined) return `${known}時間`;
  const generic = new Intl.DateTimeFormat('ja-JP', { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(0)
    .find((part) => part.type === 'timeZoneName')?.value;
  return generic ?? zone;
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
