import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import type { InputEncoding } from '../audit/read';
import { decodeToUtf8 } from '../audit/read';
import { SendAsWatchError } from '../errors';

/**
 * A whole small file as UTF-8 text, in any encoding the audit readers take, without the `#TYPE` line
 * Windows PowerShell's Export-Csv writes first. Over `maxBytes` it is refused with `tooLarge`, not read in part.
 */
export async function readWholeText(input: Readable, maxBytes: number, tooLarge: string, onEncoding?: (encoding: InputEncoding) => void): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decodeToUtf8(input, onEncoding)) {
    size += chunk.length;
    if (size > maxBytes) throw new SendAsWatchError('SENDAS_INPUT_UNREADABLE', tooLarge);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\s*#TYPE[^\n]*\n/, '');
}

export function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline < 0 ? text : text.slice(0, newline);
}

export type CsvParse = { readonly kind: 'rows'; readonly header: string[]; readonly rows: Record<string, string>[] } | { readonly kind: 'malformed'; readonly message: string };

/** Parses CSV text with a header row; a malformed file is described by line and fault code only (the parser's own message quotes the file). */
export function parseCsvText(text: string, delimiter: string): CsvParse {
  let header: string[] = [];
  try {
    const rows = parseCsv<Record<string, string>>(text, {
      delimiter,
      columns: (names: string[]) => (header = names.map((name) => name.trim())),
      skip_empty_lines: true,
      relax_column_count: true,
    });
    return { kind: 'rows', header, rows };
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    return { kind: 'malformed', message: `line ${lines ?? '?'}: the CSV is malformed (${code ?? 'unknown'})` };
  }
}
