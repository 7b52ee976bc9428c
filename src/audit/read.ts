import { isAscii, isUtf8 } from 'node:buffer';
import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { CsvError } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse';
import { SendAsWatchError } from '../errors';
import type { NormalizeResult, TimeBounds } from './normalize';
import { isVisibleAscii, jsonErrorPlace, normalizeRecord, timeBoundsAt } from './normalize';

/** Where a record sat in its input, for messages admins can act on ("line 7", "row 12", "element 3"). */
export interface Position {
  readonly unit: 'line' | 'row' | 'element' | 'record';
  readonly n: number;
}

export type ReadItem = NormalizeResult & { readonly at: Position };

export type InputFormat = 'jsonl' | 'json-array' | 'json-document' | 'csv';

export type InputEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

export interface ReadOptions {
  /** When the input is read: a CreationTime more than a day after it cannot be a real record. */
  readonly readAt: Date;
  /** A line, row, array element or document larger than this is rejected instead of read. */
  readonly maxRecordBytes?: number;
  /** Called once, when the input's shape is known. */
  readonly onFormat?: (format: InputFormat) => void;
  /** Called once, when the input's encoding is known. */
  readonly onEncoding?: (encoding: InputEncoding) => void;
}

/** A Graph page on one line can hold a thousand records, so the cap is generous; memory stays bounded. */
const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Small batches: records retained across a yield survive the young-generation GC and cost more. */
const BATCH_SIZE = 64;

export function describePosition(at: Position): string {
  return `${at.unit} ${at.n}`;
}

/**
 * Reads audit records of any supported shape from a byte stream, in bounded memory, yielding batches of
 * normalized events, skips and rejections. The encoding and the shape are settled once, from the first
 * bytes; only an input whose encoding or shape cannot be recognised at all throws.
 */
export async function* readAuditRecords(input: Readable, options: ReadOptions): AsyncGenerator<ReadItem[]> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const bounds = timeBoundsAt(options.readAt);
  const bytes = decodeToUtf8(input, options.onEncoding);
  let head = await peekHead(bytes, maxRecordBytes);
  let rest: AsyncIterator<Buffer> = bytes;
  if (POWERSHELL_TYPE_LINE.test(head.text) && !head.cut) {
    // Windows PowerShell 5.1's Export-Csv names the object type on a first line of its own.
    rest = prepend(head.chunks.map((chunk) => chunk.subarray(Buffer.byteLength(head.text))), bytes);
    head = await peekHead(rest, maxRecordBytes);
  }
  const format = detectFormat(head.text, head.cut);
  options.onFormat?.(format);
  const all = prepend(head.chunks, rest);
  switch (format) {
    case 'jsonl':
      yield* readJsonLines(all, maxRecordBytes, bounds);
      return;
    case 'json-array':
      yield* readJsonArray(all, maxRecordBytes, bounds);
      return;
    case 'json-document':
      yield* readJsonDocument(all, maxRecordBytes, bounds);
      return;
    case 'csv':
      yield* readCsv(all, maxRecordBytes, bounds, csvDelimiter(headerLineOf(head.text)) ?? ',');
      return;
    default:
      format satisfies never;
  }
}

/** `#TYPE System.Management.Automation.PSCustomObject`, or any other type PowerShell names. */
const POWERSHELL_TYPE_LINE = /^\s*#TYPE\b/;

function headerLineOf(head: string): string {
  const start = head.search(/\S/);
  const newline = head.indexOf('\n', start);
  return head.slice(start, newline < 0 ? undefined : newline);
}

/**
 * The delimiter of a CSV header that has an AuditData column: a comma, or the `;` or tab that
 * `Export-Csv -UseCulture` writes where the list separator is not a comma. Null when none splits it so.
 */
export function csvDelimiter(headerLine: string): ',' | ';' | '\t' | null {
  let best: { delimiter: ',' | ';' | '\t'; columns: number } | null = null;
  for (const delimiter of [',', ';', '\t'] as const) {
    const columns = headerLine.split(delimiter).map((name) => name.trim().replace(/^"|"$/g, '').trim().toLowerCase());
    if (columns.includes('auditdata') && (best === null || columns.length > best.columns)) best = { delimiter, columns: columns.length };
  }
  return best?.delimiter ?? null;
}

/**
 * Decides the shape from the first line of the input (BOM already removed). `cut` says the line ran past
 * the record size limit: a `{` line that long is read as JSON Lines, so only it is refused, not the rest.
 */
export function detectFormat(head: string, cut = false): InputFormat {
  const start = head.search(/\S/);
  if (start < 0) return 'jsonl';
  const first = head[start];
  if (first === '[') return 'json-array';
  if (first === '{') {
    const newline = head.indexOf('\n', start);
    const firstLine = head.slice(start, newline < 0 ? undefined : newline).trim();
    if (cut) return 'jsonl';
    try {
      JSON.parse(firstLine);
      return 'jsonl';
    } catch {
      // A whole record on the line, broken inside, is JSON Lines with a bad first line; a document's
      // first line opens it (`{`, `{"value": [`).
      return firstLine.length > 1 && firstLine.endsWith('}') ? 'jsonl' : 'json-document';
    }
  }
  if (csvDelimiter(headerLineOf(head)) !== null) return 'csv';
  throw new SendAsWatchError(
    'SENDAS_INPUT_UNKNOWN_FORMAT',
    'The input is not a format SendAs Watch reads: expected JSON Lines, a JSON array or object, ' +
      'or a Purview audit CSV export with an AuditData column (comma, semicolon or tab separated).',
  );
}

/** Bytes looked at to tell the encoding: enough for BOM-less UTF-16 to show its zero bytes. */
const SNIFF_BYTES = 512;

function refuse(message: string): SendAsWatchError {
  return new SendAsWatchError('SENDAS_INPUT_UNREADABLE', `${message} Save the file as UTF-8 (Excel: "CSV UTF-8"; PowerShell: -Encoding UTF8) and load it again.`);
}

/** The encoding a byte-order mark names, with the mark's length; UTF-32 is named only to be refused. */
function encodingByMark(head: Buffer): { encoding: InputEncoding | 'utf-32'; mark: number } | null {
  if (head.length >= 4 && ((head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) || (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff))) {
    return { encoding: 'utf-32', mark: 4 };
  }
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', mark: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', mark: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', mark: 2 };
  return null;
}

/**
 * UTF-16 without a mark: audit exports are mostly ASCII, so one byte of each pair is zero. UTF-8 text
 * never holds zero bytes.
 */
function utf16WithoutMark(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(head.length, SNIFF_BYTES) / 2);
  if (pairs < 2) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < pairs; i += 1) {
    const a = head[2 * i];
    const b = head[2 * i + 1];
    if (a !== 0 && b === 0) le += 1;
    else if (a === 0 && b !== 0) be += 1;
  }
  if (le > pairs / 2) return 'utf-16le';
  if (be > pairs / 2) return 'utf-16be';
  return null;
}

/** Bytes at the end of `chunk` that begin a UTF-8 character finished in the next chunk. */
function unfinishedUtf8(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back += 1) {
    const byte = chunk[chunk.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Turns the input into UTF-8 bytes, deciding the encoding from its first bytes: a byte-order mark
 * (UTF-8, UTF-16 LE/BE), zero bytes (UTF-16 without a mark), else UTF-8 unless the first non-ASCII bytes
 * are not UTF-8 but are Shift_JIS (CP932, as Japanese Excel saves CSV). UTF-8 passes through as it came
 * (checked, not copied); anything that is neither is refused, naming what was found, so no mojibake is stored.
 */
export async function* decodeToUtf8(input: Readable, onEncoding?: (encoding: InputEncoding) => void): AsyncGenerator<Buffer> {
  const source = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const firstChunks: Buffer[] = [];
  let sniffed = 0;
  while (sniffed < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done === true) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    firstChunks.push(chunk);
    sniffed += chunk.length;
  }
  const head = Buffer.concat(firstChunks);
  const marked = encodingByMark(head);
  if (marked?.encoding === 'utf-32') throw refuse('The input is UTF-32, which SendAs Watch does not read.');
  const encoding = marked?.encoding ?? utf16WithoutMark(head);
  const chunks = prepend(head.length === 0 ? [] : [head.subarray(marked?.mark ?? 0)], source as AsyncIterator<Buffer>);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    onEncoding?.(encoding);
    yield* transcode(chunks, encoding, marked === null ? `${encoding.toUpperCase()} without a byte-order mark` : encoding.toUpperCase());
    return;
  }
  yield* utf8OrShiftJis(chunks, marked?.mark ?? 0, onEncoding);
}

/** Decodes `encoding` into UTF-8; invalid data stops the read with its byte offset. */
async function* transcode(chunks: AsyncIterable<Buffer>, encoding: 'utf-16le' | 'utf-16be' | 'shift_jis', name: string, offset = 0): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let at = offset;
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw refuse(`The input was read as ${name}, but the bytes after offset ${at} are not ${name}.`);
    }
    at += chunk.length;
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw refuse(`The input was read as ${name}, but it ends inside a character.`);
  }
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}

/** Bytes of a first non-ASCII line held back to decide on, at most, when its end has not arrived yet. */
const DECIDING_BYTES = 4096;

async function* utf8OrShiftJis(chunks: AsyncIterable<Buffer>, offset: number, onEncoding?: (encoding: InputEncoding) => void): AsyncGenerator<Buffer> {
  let decided = false;
  let at = offset;
  // A character split between two chunks, checked when its end arrives.
  let carried: Buffer | null = null;
  // While undecided: the chunk holding the first non-ASCII bytes, waiting for the rest of their line.
  let held: Buffer | null = null;
  const iterator = chunks[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done === true && held === null) break;
    let chunk: Buffer;
    if (decided) {
      if (next.done === true) break;
      chunk = next.value;
    } else {
      chunk = held === null ? (next.value as Buffer) : next.done === true ? held : Buffer.concat([held, next.value]);
      held = null;
      if (isAscii(chunk)) {
        at += chunk.length;
        yield chunk;
        continue;
      }
      const line = lineOfFirstNonAscii(chunk);
      if (next.done !== true && !line.complete && line.bytes.length < DECIDING_BYTES) {
        held = chunk;
        continue;
      }
      decided = true;
      if (!isUtf8(line.bytes)) {
        if (!isShiftJis(chunk)) throw refuse(`The input is not UTF-8, UTF-16 or Shift_JIS: the bytes after offset ${at} are none of these (perhaps Windows-1252 or another single-byte code page).`);
        onEncoding?.('shift_jis');
        // Everything before was ASCII, which Shift_JIS shares: decoding starts here.
        yield* transcode(prepend([chunk], iterator), 'shift_jis', 'Shift_JIS', at);
        return;
      }
      onEncoding?.('utf-8');
    }
    const unit: Buffer = carried === null ? chunk : Buffer.concat([carried, chunk]);
    const tail = unfinishedUtf8(unit);
    if (!isUtf8(unit.subarray(0, unit.length - tail))) throw notUtf8(at - (carried?.length ?? 0) + firstInvalidUtf8(unit));
    carried = tail === 0 ? null : Buffer.from(unit.subarray(unit.length - tail));
    at += chunk.length;
    yield chunk;
  }
  if (!decided) onEncoding?.('utf-8');
  if (carried !== null) throw notUtf8(at - carried.length);
}

/**
 * The line holding the first byte above ASCII (without a character cut at the chunk's end): a Shift_JIS
 * line with Japanese on it is never valid UTF-8, and a UTF-8 one always is, so this decides the encoding
 * without letting a later invalid byte turn valid UTF-8 into Shift_JIS mojibake.
 */
function lineOfFirstNonAscii(chunk: Buffer): { readonly bytes: Buffer; readonly complete: boolean } {
  const first = chunk.findIndex((byte) => byte >= 0x80);
  const lineStart = chunk.lastIndexOf(0x0a, first) + 1;
  const newline = chunk.indexOf(0x0a, first);
  if (newline >= 0) return { bytes: chunk.subarray(lineStart, newline), complete: true };
  const line = chunk.subarray(lineStart);
  return { bytes: line.subarray(0, line.length - unfinishedUtf8(line)), complete: false };
}

/** The offset of the first byte in `bytes` that breaks UTF-8 (only looked for once a check has failed). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(i, i + length)) || i + length > bytes.length) return i;
    i += length;
  }
  return bytes.length;
}

function notUtf8(at: number): SendAsWatchError {
  return refuse(`The input began as UTF-8, but the bytes at offset ${at} are not UTF-8 (the file mixes encodings); the records before them were read.`);
}

/** Whether the start of `chunk` decodes as Shift_JIS (a character cut at its end is allowed). */
function isShiftJis(chunk: Buffer): boolean {
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(chunk, { stream: true });
    return true;
  } catch {
    return false;
  }
}

interface Head {
  readonly chunks: Buffer[];
  readonly text: string;
  /** The first line went on past the limit, so `text` holds only its start. */
  readonly cut: boolean;
}

/** Buffers just enough of the input to see its first complete line (or `limit` bytes). */
async function peekHead(bytes: AsyncIterator<Buffer>, limit: number): Promise<Head> {
  const chunks: Buffer[] = [];
  let size = 0;
  let lineStart = -1;
  let lineEnd = -1;
  // Each chunk is searched once, so a first line near the limit costs no more than reading it.
  while (lineEnd < 0 && size <= limit) {
    const next = await bytes.next();
    if (next.done === true) break;
    const chunk = next.value;
    if (lineStart < 0) {
      const offset = chunk.findIndex((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
      if (offset >= 0) lineStart = size + offset;
    }
    if (lineStart >= 0) {
      const newline = chunk.indexOf(10, Math.max(0, lineStart - size));
      if (newline >= 0) lineEnd = size + newline;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  const joined = Buffer.concat(chunks);
  const text = joined.toString('utf8', 0, lineEnd < 0 ? joined.length : lineEnd + 1);
  return { chunks: joined.length === 0 ? [] : [joined], text, cut: lineEnd < 0 && size > limit };
}

/**
 * `head`, then what `rest` has yet to give. An iterator rather than an async generator: a chunk from `rest`
 * is handed on as it comes, where each generator layer (the reader stacks several) cost one more promise
 * and microtask per chunk.
 */
function prepend(head: readonly Buffer[], rest: AsyncIterator<Buffer>): AsyncIterableIterator<Buffer> {
  let given = 0;
  return {
    next: (): Promise<IteratorResult<Buffer>> => (given < head.length ? Promise.resolve({ done: false, value: head[given++] }) : rest.next()),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Built as literals per kind: a spread here is measurable at a million records. */
function item(result: NormalizeResult, at: Position): ReadItem {
  switch (result.kind) {
    case 'event':
      return { kind: 'event', event: result.event, at };
    case 'skipped':
      return { kind: 'skipped', operation: result.operation, at };
    case 'rejected':
      return { kind: 'rejected', rejection: result.rejection, at };
    default:
      return result satisfies never;
  }
}

function rejectedAt(at: Position, code: 'bad-json' | 'too-large', message: string): ReadItem {
  return { kind: 'rejected', rejection: { code, message }, at };
}

/**
 * One record, or a Graph page (`{ "value": [...] }`) whose records share the position of their page.
 * `text` is the JSON the record was parsed from, when the caller has it.
 */
function normalizeParsed(parsed: unknown, at: Position, out: ReadItem[], bounds: TimeBounds, text?: string): void {
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const page = (parsed as Record<string, unknown>).value;
    if (Array.isArray(page) && !('CreationTime' in parsed) && !('auditData' in parsed)) {
      for (const record of page) out.push(item(normalizeRecord(record, bounds), at));
      return;
    }
  }
  out.push(item(normalizeRecord(parsed, bounds, text), at));
}

/** Parses and normalizes one record's text; a parse failure names where, never what (the text is a record). */
function parseRecord(text: string, at: Position, out: ReadItem[], bounds: TimeBounds): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    out.push(rejectedAt(at, 'bad-json', jsonErrorPlace(error)));
    return;
  }
  normalizeParsed(parsed, at, out, bounds, text);
}

export type LinePiece = { readonly line: string; readonly n: number } | { readonly tooLong: number; readonly n: number };

/**
 * Splits bytes into lines, yielding each chunk's complete lines together (one await per chunk, not per
 * line). A line decodes once it is complete; one over `maxBytes` is skipped to its end and reported
 * instead of being held in memory.
 */
export async function* splitLines(bytes: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<LinePiece[]> {
  // The start of a line that continues in the next chunk, kept as pieces so a long line is copied once.
  let carry: Buffer[] = [];
  let carried = 0;
  let overflow = 0;
  let n = 0;
  for await (const chunk of bytes) {
    const pieces: LinePiece[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
      n += 1;
      const length = overflow + carried + newline - start;
      if (overflow > 0 || length > maxBytes) pieces.push({ tooLong: length, n });
      else pieces.push({ line: carried === 0 ? decodeLine(chunk, start, newline) : joinLine(carry, chunk.subarray(start, newline)), n });
      carry = [];
      carried = 0;
      overflow = 0;
      start = newline + 1;
    }
    const rest = chunk.length - start;
    if (overflow > 0 || carried + rest > maxBytes) {
      overflow += carried + rest;
      carry = [];
      carried = 0;
    } else if (rest > 0) {
      carry.push(chunk.subarray(start));
      carried += rest;
    }
    if (pieces.length > 0) yield pieces;
  }
  if (overflow > 0) yield [{ tooLong: overflow, n: n + 1 }];
  else if (carried > 0) yield [{ line: joinLine(carry, Buffer.alloc(0)), n: n + 1 }];
}

/** The line in `buffer[start, end)`, without the `\r` of a CRLF ending. */
function decodeLine(buffer: Buffer, start: number, end: number): string {
  return buffer.toString('utf8', start, end > start && buffer[end - 1] === 13 ? end - 1 : end);
}

function joinLine(carry: Buffer[], last: Buffer): string {
  const whole = Buffer.concat([...carry, last]);
  return decodeLine(whole, 0, whole.length);
}

/**
 * Whether a line holds only whitespace. A record's line opens with `{`: settled by its first character,
 * since trim() is a runtime call: about 24 ns a line in a profile of a million records.
 */
function isBlank(line: string): boolean {
  return !isVisibleAscii(line.charCodeAt(0)) && line.trim() === '';
}

async function* readJsonLines(bytes: AsyncIterable<Buffer>, maxBytes: number, bounds: TimeBounds): AsyncGenerator<ReadItem[]> {
  for await (const pieces of splitLines(bytes, maxBytes)) {
    const batch: ReadItem[] = [];
    for (const piece of pieces) {
      const at: Position = { unit: 'line', n: piece.n };
      if ('tooLong' in piece) {
        batch.push(rejectedAt(at, 'too-large', `line is ${piece.tooLong} bytes, over the ${maxBytes}-byte limit`));
      } else if (!isBlank(piece.line)) {
        parseRecord(piece.line, at, batch, bounds);
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/** What the array splitter hands on: an element parsed, with its text, or why an element could not be had. */
type ArrayPiece =
  | { readonly kind: 'element'; readonly n: number; readonly text: string; readonly value: unknown }
  | { readonly kind: 'broken'; readonly n: number; readonly why: string }
  | { readonly kind: 'too-large'; readonly n: number };

const enum Scan {
  BeforeArray,
  /** After `[` or `,`: an element or `]` comes next. */
  Between,
  InElement,
  /** After an element: `,` or `]` comes next. */
  After,
  AfterArray,
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Splits a JSON array into its elements' texts without parsing them, so each element is parsed on its
 * own and a malformed one costs only itself. Brackets and strings are tracked to find where an element
 * ends. When the structure itself breaks (an unclosed string, a stray bracket), the splitter finds the
 * next element by how the first one began: pretty-printed arrays (ConvertTo-Json) put every element's
 * `{` at the start of a line with the same indentation, which nothing inside an element does; compact
 * arrays are searched for `,{"<first key>":` inside an element that fails to parse. An element over the
 * size limit is dropped as it streams past: memory stays bounded whatever the shape. Elements are parsed
 * here, where a failed one can still be split again before the scan moves on.
 */
class ArraySplitter {
  private scan = Scan.BeforeArray;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The current element's text from earlier chunks; its length in `held`. */
  private parts: string[] = [];
  private held = 0;
  private dropped = false;
  private n = 0;
  /** Spaces and tabs since the last newline, or -1 once anything else came on the line. */
  private lineIndent = 0;
  /** How the first element began: its indentation on its own line (or -1: not on its own line) and its first key. */
  private layout: { indent: number; opener: number; firstKey: string | null } | null = null;
  /** A re-split ended inside an element: the text after the current character continues it. */
  private continuesAfter = false;
  trailing = false;

  constructor(private readonly maxChars: number) {}

  feed(text: string, out: ArrayPiece[]): void {
    let start = this.scan === Scan.InElement ? 0 : -1;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      const indent = this.lineIndent;
      if (c === 0x0a) this.lineIndent = 0;
      else if ((c === 0x20 || c === 0x09) && indent >= 0) this.lineIndent = indent + 1;
      else this.lineIndent = -1;
      switch (this.scan) {
        case Scan.BeforeArray:
        case Scan.AfterArray:
          if (c === 0x5b) this.scan = Scan.Between;
          else if (!isJsonSpace(c) && this.scan === Scan.AfterArray) {
            this.trailing = true;
            return;
          }
          break;
        case Scan.Between:
        case Scan.After:
          if (isJsonSpace(c)) break;
          if (c === 0x2c && this.scan === Scan.After) this.scan = Scan.Between;
          else if (c === 0x5d) this.scan = Scan.AfterArray;
          else {
            // An element begins (after a missing comma too: the one before was complete).
            this.begin(text, i, indent);
            start = i;
            start = this.stepFrom(text, i, c, start, out);
          }
          break;
        case Scan.InElement:
          if (this.depth > 0 && indent >= 0 && this.layout !== null && indent === this.layout.indent && c === this.layout.opener) {
            // A new element's line while this one is still open: this one is broken.
            this.close(text, start, i, out, 'its brackets or quotes do not close before the next element begins');
            this.begin(text, i, indent);
            start = i;
          }
          start = this.stepFrom(text, i, c, start, out);
          break;
        default:
          break;
      }
    }
    if (this.scan === Scan.InElement && start >= 0) this.hold(text.slice(start));
  }

  /** At the end of input: an element still open is cut off; its text may still hold whole elements. */
  end(out: ArrayPiece[]): void {
    while (this.scan === Scan.InElement) {
      this.scan = Scan.After;
      if (this.dropped) {
        out.push({ kind: 'too-large', n: this.n });
        return;
      }
      this.resync(this.parts.join(''), out, 'the input ends inside it');
    }
  }

  /** Steps over `c`; returns where the open element's text starts in `text` (-1: none open). */
  private stepFrom(text: string, i: number, c: number, start: number, out: ArrayPiece[]): number {
    this.step(text, i, c, start, out);
    if (this.continuesAfter) {
      this.continuesAfter = false;
      return i + 1;
    }
    return this.scan === Scan.InElement ? start : -1;
  }

  private begin(text: string, i: number, indent: number): void {
    this.scan = Scan.InElement;
    this.n += 1;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.parts = [];
    this.held = 0;
    this.dropped = false;
    if (this.layout === null) {
      const key = /^[{]\s*"((?:[^"\\]|\\.){1,64})"\s*:/.exec(text.slice(i, i + 80));
      this.layout = { indent, opener: text.charCodeAt(i), firstKey: key === null ? null : key[1] };
    }
  }

  /** Advances over character `c` at `i` inside an element. */
  private step(text: string, i: number, c: number, start: number, out: ArrayPiece[]): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === 0x5c) this.escaped = true;
      else if (c === 0x22) this.inString = false;
      return;
    }
    if (c === 0x22) this.inString = true;
    else if (c === 0x7b || c === 0x5b) this.depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      if (this.depth === 0) {
        // `]` right after a scalar element: the array ends.
        this.scan = Scan.AfterArray;
        this.finish(text, start, i, out);
        return;
      }
      this.depth -= 1;
      if (this.depth === 0) {
        this.scan = Scan.After;
        this.finish(text, start, i + 1, out);
      }
    } else if (c === 0x2c && this.depth === 0) {
      this.scan = Scan.Between;
      this.finish(text, start, i, out);
    }
  }

  private hold(piece: string): void {
    if (this.dropped) return;
    this.held += piece.length;
    if (this.held > this.maxChars) {
      this.parts = [];
      this.dropped = true;
    } else {
      this.parts.push(piece);
    }
  }

  /** The element ends at `end` (exclusive) of `text`: parsed, or split again when it fails. */
  private finish(text: string, start: number, end: number, out: ArrayPiece[]): void {
    this.hold(text.slice(Math.max(0, start), end));
    const whole = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    const dropped = this.dropped;
    this.parts = [];
    this.held = 0;
    if (dropped) {
      out.push({ kind: 'too-large', n: this.n });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(whole);
    } catch (error) {
      const after = this.scan;
      this.resync(whole, out, jsonErrorPlace(error));
      // The re-split ran to the end of this element's text; the scan goes on from where it was, unless
      // the re-split left an element open, which the text after this character continues.
      if (this.scan === Scan.InElement) this.continuesAfter = true;
      else this.scan = after;
      return;
    }
    out.push({ kind: 'element', n: this.n, text: whole, value });
  }

  /** Gives up the open element at `end` of `text`, reporting it broken (or too large). */
  private close(text: string, start: number, end: number, out: ArrayPiece[], why: string): void {
    this.hold(text.slice(Math.max(0, start), end));
    out.push(this.dropped ? { kind: 'too-large', n: this.n } : { kind: 'broken', n: this.n, why });
    this.parts = [];
    this.held = 0;
  }

  /**
   * An element that failed to parse, or was cut off: when a compact array's next element hides in its
   * text (`,{"<first key>":`), the broken part is reported and the rest split again.
   */
  resync(text: string, out: ArrayPiece[], why: string): void {
    const key = this.layout?.firstKey;
    const next = key === null || key === undefined ? -1 : text.indexOf(`,{"${key}":`, 1);
    if (next < 0) {
      out.push({ kind: 'broken', n: this.n, why });
      return;
    }
    out.push({ kind: 'broken', n: this.n, why: 'its brackets or quotes do not close before the next element begins' });
    this.scan = Scan.Between;
    this.feed(text.slice(next + 1), out);
    // The element that closed the broken one's brackets ended the scan's view of it: carry on after it.
    if ((this.scan as Scan) === Scan.AfterArray) this.scan = Scan.After;
  }
}

async function* readJsonArray(bytes: AsyncIterable<Buffer>, maxBytes: number, bounds: TimeBounds): AsyncGenerator<ReadItem[]> {
  const splitter = new ArraySplitter(maxBytes);
  const decoder = new StringDecoder('utf8');
  let batch: ReadItem[] = [];
  const take = (pieces: readonly ArrayPiece[]): void => {
    for (const piece of pieces) {
      const at: Position = { unit: 'element', n: piece.n };
      if (piece.kind === 'too-large') batch.push(rejectedAt(at, 'too-large', `element is over the ${maxBytes}-byte limit`));
      else if (piece.kind === 'broken') batch.push(rejectedAt(at, 'bad-json', piece.why));
      else normalizeParsed(piece.value, at, batch, bounds, piece.text);
    }
  };
  for await (const chunk of bytes) {
    const pieces: ArrayPiece[] = [];
    splitter.feed(decoder.write(chunk), pieces);
    take(pieces);
    if (batch.length >= BATCH_SIZE) {
      yield batch;
      batch = [];
    }
    if (splitter.trailing) break;
  }
  const last: ArrayPiece[] = [];
  splitter.feed(decoder.end(), last);
  splitter.end(last);
  take(last);
  if (splitter.trailing) batch.push(rejectedAt({ unit: 'element', n: 0 }, 'bad-json', 'text follows the end of the array and cannot be read'));
  if (batch.length > 0) yield batch;
}

async function* readJsonDocument(bytes: AsyncIterable<Buffer>, maxBytes: number, bounds: TimeBounds): AsyncGenerator<ReadItem[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bytes) {
    size += chunk.length;
    if (size > maxBytes) {
      yield [rejectedAt({ unit: 'record', n: 1 }, 'too-large', `a single JSON document over ${maxBytes} bytes cannot be read; save it as JSON Lines or a JSON array`)];
      return;
    }
    chunks.push(chunk);
  }
  const batch: ReadItem[] = [];
  parseRecord(Buffer.concat(chunks).toString('utf8'), { unit: 'record', n: 1 }, batch, bounds);
  yield batch;
}

/**
 * Iterates a stream in flowing mode, so what it emitted before failing is still delivered: an async
 * iterator over a destroyed stream drops its buffer, which would lose good records read before a bad one.
 */
async function* flowing<T>(stream: Readable, highWater = 1024): AsyncGenerator<T> {
  const queue: T[] = [];
  const state: { failure: Error | null; ended: boolean } = { failure: null, ended: false };
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on('data', (value: T) => {
    queue.push(value);
    if (queue.length >= highWater) stream.pause();
    notify();
  });
  const end = (): void => {
    state.ended = true;
    notify();
  };
  stream.on('end', end);
  stream.on('close', end);
  stream.on('error', (error: Error) => {
    state.failure = error;
    notify();
  });
  for (;;) {
    if (queue.length > 0) {
      yield queue.shift() as T;
      if (queue.length < highWater / 2 && stream.isPaused()) stream.resume();
    } else if (state.failure !== null) {
      throw state.failure;
    } else if (state.ended) {
      return;
    } else {
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
}

/** What a CSV fault means, in words that quote nothing from the file. */
function csvFault(code: string, maxBytes: number): string {
  switch (code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a quoted field is not doubled';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_MAX_RECORD_SIZE':
      return `the row is over the ${maxBytes}-byte limit`;
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows a closing quote';
    default:
      return `the CSV is malformed here (${code})`;
  }
}

type CsvRow = { readonly record: Record<string, string>; readonly info: { readonly lines: number } };

/**
 * A Purview or Search-UnifiedAuditLog CSV, comma, semicolon or tab separated. A row the parser cannot
 * read (a quote not doubled) is reported with the lines it spans and the parser carries on at the next.
 */
async function* readCsv(bytes: AsyncIterable<Buffer>, maxBytes: number, bounds: TimeBounds, delimiter: string): AsyncGenerator<ReadItem[]> {
  // Faults are noticed while the parser runs ahead of the reader: each remembers how many rows came before it.
  const faults: { code: string; lines: number; afterRows: number }[] = [];
  const parser = parseCsv({
    delimiter,
    columns: (header: string[]) => header.map((name) => name.trim()),
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: maxBytes,
    skip_records_with_error: true,
    info: true,
  });
  parser.on('skip', (error: CsvError & { lines?: number }) => {
    // One broken row can raise several faults on the same line: it is reported once.
    const lines = error.lines ?? 0;
    if (faults.at(-1)?.lines !== lines) faults.push({ code: error.code, lines, afterRows: parser.info.records });
  });
  const rows = pipeline(Readable.from(bytes), parser, () => undefined);
  let batch: ReadItem[] = [];
  let n = 0;
  let rowsRead = 0;
  // The last line of the last row read: a broken row spans from the line after it.
  let lastLine = 1;
  const reportFaults = (upTo = Number.POSITIVE_INFINITY): void => {
    while (faults.length > 0 && faults[0].afterRows <= upTo) {
      const fault = faults.shift() as (typeof faults)[number];
      n += 1;
      const from = Math.min(lastLine + 1, fault.lines);
      batch.push(rejectedAt({ unit: 'row', n }, 'bad-json', `${from === fault.lines ? `line ${from}` : `lines ${from}-${fault.lines}`}: ${csvFault(fault.code, maxBytes)}; this row was not read`));
      lastLine = fault.lines;
    }
  };
  try {
    for await (const row of flowing<CsvRow>(rows)) {
      reportFaults(rowsRead);
      rowsRead += 1;
      n += 1;
      lastLine = row.info.lines;
      batch.push(item(normalizeRecord(row.record, bounds), { unit: 'row', n }));
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
    reportFaults();
  } catch (error) {
    reportFaults();
    const code = (error as CsvError).code ?? 'unknown';
    batch.push(rejectedAt({ unit: 'row', n: n + 1 }, 'bad-json', `from line ${lastLine + 1}: ${csvFault(code, maxBytes)}, so the rest of the file cannot be read`));
  }
  if (batch.length > 0) yield batch;
}
