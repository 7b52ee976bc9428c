import { DateTime, IANAZone } from 'luxon';

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

/** `2026-11-18 09:30` in the asker's zone: the form every answer uses for instants. */
export function formatInstant(iso: string, timeZone: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
  return (dt.isValid ? dt : DateTime.fromISO(iso, { zone: 'utc' })).toFormat('yyyy-MM-dd HH:mm');
}

/** A day in the asker's zone (`2026-11-18`). */
export function formatDay(iso: string, timeZone: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
  return (dt.isValid ? dt : DateTime.fromISO(iso, { zone: 'utc' })).toFormat('yyyy-MM-dd');
}
