import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { jsonErrorPlace, timeBoundsAt } from '../audit/normalize';
import type { InputEncoding, InputFormat, Position } from '../audit/read';
import { csvDelimiter, decodeToUtf8, detectFormat } from '../audit/read';
import { SendAsWatchError } from '../errors';
import type { Directory } from './identity';
import { EMPTY_DIRECTORY } from './identity';
import type { RightsNormalizeResult } from './record';
import { normalizeRightsRecord } from './record';

export type RightsReadItem = RightsNormalizeResult & { readonly at: Position };

export interface RightsReadOptions {
  readonly readAt: Date;
  readonly directory?: Directory;
  /** Admin-record files are small (a month of grants is hundreds of records): past this the file is refused, not read in part. */
  readonly maxBytes?: number;
  readonly onFormat?: (format: InputFormat) => void;
  readonly onEncoding?: (encoding: InputEncoding) => void;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Reads Exchange admin audit records from a file of any shape the SendAs readers take (JSON Lines,
 * a JSON array, a Graph page, a Purview CSV with AuditData; any of their encodings; the `#TYPE` line)
 * and normalises each as a rights change, a skip or a rejection with its position. The whole file is
 * held in memory: an export filtered to the permission cmdlets is small. A mixed export of millions of
 * records should go through readAuditRecords once, with rights read from its skipped records (index.ts).
 */
export async function readRightsRecords(input: Readable, options: RightsReadOptions): Promise<RightsReadItem[]> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const bounds = timeBoundsAt(options.readAt);
  const directory = options.directory ?? EMPTY_DIRECTORY;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decodeToUtf8(input, options.onEncoding)) {
    size += chunk.length;
    if (size > maxBytes) throw new SendAsWatchError('SENDAS_INPUT_UNREADABLE', `The admin audit file is over ${maxBytes} bytes: export only the permission cmdlets (Add-/Remove-RecipientPermission, Add-/Remove-MailboxPermission, Set-Mailbox).`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\s*#TYPE[^\n]*\n/, '');
  const format = detectFormat(text.slice(0, 64 * 1024));
  options.onFormat?.(format);
  const out: RightsReadItem[] = [];
  const add = (record: unknown, at: Position): void => {
    out.push({ ...normalizeRightsRecord(record, bounds, directory), at });
  };
  const addParsed = (parsed: unknown, at: Position): void => {
    const page = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).value : undefined;
    // A Graph page's records share the position of their page, as in the SendAs readers.
    if (Array.isArray(page)) page.forEach((record) => add(record, at));
    else if (Array.isArray(parsed)) parsed.forEach((record, i) => add(record, { unit: 'element', n: i + 1 }));
    else add(parsed, at);
  };
  const rejectBadJson = (error: unknown, at: Position): void => {
    out.push({ kind: 'rejected', rejection: { code: 'bad-json', message: jsonErrorPlace(error) }, at });
  };
  switch (format) {
    case 'jsonl':
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          addParsed(JSON.parse(line), { unit: 'line', n: i + 1 });
        } catch (error) {
          rejectBadJson(error, { unit: 'line', n: i + 1 });
        }
      });
      break;
    case 'json-array':
    case 'json-document':
      try {
        addParsed(JSON.parse(text), { unit: 'record', n: 1 });
      } catch (error) {
        rejectBadJson(error, { unit: 'record', n: 1 });
      }
      break;
    case 'csv': {
      const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || undefined);
      try {
        const rows = parseCsv<Record<string, string>>(text, { delimiter: csvDelimiter(firstLine) ?? ',', columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, relax_column_count: true });
        rows.forEach((row, i) => add(row, { unit: 'row', n: i + 1 }));
      } catch (error) {
        // The parser's message quotes the file: only its code and line are kept.
        const { code, lines } = error as { code?: string; lines?: number };
        out.push({ kind: 'rejected', rejection: { code: 'bad-json', message: `line ${lines ?? '?'}: the CSV is malformed (${code ?? 'unknown'}), so the rest of the file cannot be read` }, at: { unit: 'row', n: out.length + 1 } });
      }
      break;
    }
    default:
      format satisfies never;
  }
  return out;
}
