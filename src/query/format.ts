import { DateTime } from 'luxon';

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
