import { stringify } from 'csv-stringify/sync';
import type { Language } from '../i18n/reasons';
import { describeReason } from '../i18n/reasons';
import type { StoredEvent } from '../store/store';

/**
 * The columns, in order. The header is the same stable English in every language: a CSV is read by
 * spreadsheets, scripts and SIEM imports that key on column names, and one header keeps a script written
 * by a Tokyo admin working for a London one. The cells people read (reasons) are in the asker's language;
 * codes (operation, category) stay as the audit log and the API name them.
 */
export const EXPORT_COLUMNS = [
  'time_utc',
  'operation',
  'category',
  'actor',
  'mailbox',
  'sent_as',
  'client',
  'client_ip',
  'subject',
  'recipients',
  'reasons',
  'event_id',
] as const;

/** Excel shows at most this many characters in a cell; a longer one is cut there, marked with an ellipsis. */
const MAX_CELL_LENGTH = 32_767;

/**
 * Actors, subjects and recipients are written by whoever sent the mail, so a cell may be a formula
 * (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`). The rule (OWASP "CSV injection"): a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, which spreadsheets read as
 * "this is text" and show without evaluating. Nothing else in the cell changes.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const bounded = value.length > MAX_CELL_LENGTH ? `${value.slice(0, MAX_CELL_LENGTH - 1)}…` : value;
  return neutralizeFormula(bounded);
}

/** One event as the CSV's cells, in {@link EXPORT_COLUMNS} order. */
export function exportRow(event: StoredEvent, language: Language): string[] {
  return [
    event.time,
    event.operation,
    event.category,
    event.actorAsWritten ?? event.actor,
    event.mailbox,
    event.sentAs,
    event.client,
    event.clientIp,
    event.subject,
    (event.recipients?.list ?? []).join('; '),
    // Japanese sentences end in 。 and run on without a space.
    event.reasons.map((reason) => describeReason(reason, language)).join(language === 'ja' ? '' : ' '),
    event.id,
  ].map(cell);
}

/** The header line, then one line per event: what goes into the file (without its byte-order mark). */
export function csvHeader(): string {
  return stringify([[...EXPORT_COLUMNS]], { record_delimiter: 'windows' });
}

export function csvLine(event: StoredEvent, language: Language): string {
  return stringify([exportRow(event, language)], { record_delimiter: 'windows' });
}
