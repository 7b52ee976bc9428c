import type { Readable } from 'node:stream';
import { jsonErrorPlace, timeBoundsAt } from '../audit/normalize';
import type { InputEncoding, InputFormat, Position } from '../audit/read';
import { csvDelimiter, detectFormat } from '../audit/read';
import type { Directory } from './identity';
import { EMPTY_DIRECTORY } from './identity';
import type { RightsNormalizeResult } from './record';
import { normalizeRightsRecord } from './record';
import { firstLine, parseCsvText, readWholeText } from './text';

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
  const tooLarge = `The admin audit file is over ${maxBytes} bytes: export only the permission cmdlets (Add-/Remove-RecipientPermission, Add-/Remove-MailboxPermission, Set-Mailbox).`;
  const text = await readWholeText(input, maxBytes, tooLarge, options.onEncoding);
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
      const parsed = parseCsvText(text, csvDelimiter(firstLine(text)) ?? ',');
      if (parsed.kind === 'rows') parsed.rows.forEach((row, i) => add(row, { unit: 'row', n: i + 1 }));
      else out.push({ kind: 'rejected', rejection: { code: 'bad-json', message: `${parsed.message}, so the file cannot be read` }, at: { unit: 'row', n: 1 } });
      break;
    }
    default:
      format satisfies never;
  }
  return out;
}
