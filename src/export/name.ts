import { DateTime } from 'luxon';
import type { ExportScope } from './export';

/** Characters OneDrive and Windows refuse in names, and anything else unusual, become "-". */
function safe(part: string): string {
  return part.replace(/[^\p{L}\p{N}._@-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/**
 * A file name that says what is in it: `sendas-finance@contoso.com-2026-11-01-to-2026-11-30.csv`, the
 * dates the asker's calendar days (the last one included, as the cards show an exclusive end).
 */
export function exportFileName(scope: ExportScope, timeZone: string): string {
  const day = (iso: string): string => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).toISODate() ?? iso.slice(0, 10);
  const lastDay = new Date(Math.max(Date.parse(scope.from), Date.parse(scope.to) - 1)).toISOString();
  const who = [scope.actor, scope.sentAs].filter((s): s is string => s !== undefined && s.trim() !== '').map(safe);
  const operation = scope.operation === 'SendOnBehalf' ? 'sendonbehalf' : 'sendas';
  return [operation, ...who, day(scope.from), 'to', day(lastDay)].filter((p) => p !== '').join('-') + '.csv';
}
