import type { Writable } from 'node:stream';
import { languageOf } from '../i18n/reasons';
import { buildExport } from '../export/export';
import type { ExportLimits } from '../export/export';
import { exportScopeOf } from '../export/scope';
import { parseQuestion } from '../query/parse';
import type { ExportableQuery } from '../query/parse/export';
import { parseExportRequest } from '../query/parse/export';
import type { Store } from '../store/store';
import { writeOut } from './output';

export interface ExportOptions {
  readonly now: Date;
  readonly locale: string;
  readonly timeZone: string;
  readonly limits?: ExportLimits;
}

/** 0 written, 1 the question names no events that can be exported. */
export type ExportOutcome = 0 | 1;

/** "export who sent as finance last month" or just "who sent as finance last month". */
function exportableQuery(question: string, options: ExportOptions): ExportableQuery | null {
  const context = { now: options.now, timeZone: options.timeZone, locale: options.locale };
  const request = parseExportRequest(question, context);
  if (request !== null) return request.query;
  const parsed = parseQuestion(question, context);
  if (parsed.kind !== 'parsed') return null;
  const { query } = parsed;
  return query.intent === 'who-sent-as' || query.intent === 'who-sent-on-behalf' || query.intent === 'what-did-send-as' ? query : null;
}

/**
 * `export`: the CSV the bot would upload for the same question, written to `out` (a file or stdout);
 * what it holds and any cut go to `err`.
 */
export async function exportCommand(question: string, store: Store, out: Writable, err: Writable, options: ExportOptions): Promise<ExportOutcome> {
  const query = exportableQuery(question, options);
  if (query === null) {
    await writeOut(err, 'Not an export: ask about a mailbox or a person, e.g. "export who sent as finance last month".\n');
    return 1;
  }
  const found = await exportScopeOf(query, store);
  if (found.kind === 'unresolved') {
    const asked = query.intent === 'what-did-send-as' ? query.actor.text : query.subject.text;
    const { resolution } = found;
    const detail = resolution.kind === 'ambiguous' ? `matches several addresses: ${resolution.candidates.join(', ')}` : 'appears nowhere in the audit data';
    await writeOut(err, `"${asked}" ${detail}.\n`);
    return 1;
  }
  const file = await buildExport(found.scope, store, languageOf(options.locale), options.limits);
  await new Promise<void>((resolve, reject) => out.write(file.bytes, (error) => (error ? reject(error) : resolve())));
  const cut = file.capped ? ` (the newest ${file.rows} of ${file.total}: narrow the range for the rest)` : '';
  await writeOut(err, `Exported ${file.rows} events${cut}.\n`);
  return 0;
}
