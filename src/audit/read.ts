import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import { parser as jsonParser } from 'stream-json';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { SendAsWatchError } from '../errors';
import type { NormalizeResult } from './normalize';
import { isVisibleAscii, normalizeRecord } from './normalize';

/** Where a record sat in its input, for messages admins can act on ("line 7", "row 12"). */
export interface Position {
  readonly unit: 'line' | 'row' | 'record';
  readonly n: number;
}

export type ReadItem = NormalizeResult & { readonly at: Position };

export type InputFormat = 'jsonl' | 'json-array' | 'json-document' | 'csv';

export interface ReadOptions {
  /** A line, row or document larger than this is rejected instead of read. */
  readonly maxRecordBytes?: number;
  /** Called once, when the input's shape is known. */
  readonly onFormat?: (format: InputFormat) => void;
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
 * normalized events, skips and rejections. Only an input whose shape cannot be recognised at all throws.
 */
export async function* readAuditRecords(input: Readable, options: ReadOptions = {}): AsyncGenerator<ReadItem[]> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const bytes = toUtf8(input);
  const head = await peekHead(bytes, maxRecordBytes);
  const format = detectFormat(head.text, head.cut);
  options.onFormat?.(format);
  const all = prepend(head.chunks, bytes);
  switch (format) {
    case 'jsonl':
      yield* readJsonLines(all, maxRecordBytes);
      return;
    case 'json-array':
      yield* readJsonArray(all);
      return;
    case 'json-document':
      yield* readJsonDocument(all, maxRecordBytes);
      return;
    case 'csv':
      yield* readCsv(all, maxRecordBytes);
      return;
    default:
      format satisfies never;
  }
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
      return 'json-document';
    }
  }
  const headerLine = head.slice(start, head.indexOf('\n', start) >>> 0).toLowerCase();
  if (/(^|[,;\t"])auditdata("|,|;|\t|\r|$)/.test(headerLine)) return 'csv';
  throw new SendAsWatchError(
    'SENDAS_INPUT_UNKNOWN_FORMAT',
    'The input is not a format SendAs Watch reads: expected JSON Lines, a JSON array or object, ' +
      'or a Purview audit CSV export with an AuditData column.',
  );
}

/** PowerShell 5 writes UTF-16LE with a BOM; everything else arrives as UTF-8, with or without one. */
async function* toUtf8(input: Readable): AsyncGenerator<Buffer> {
  let first = true;
  let utf16: StringDecoder | null = null;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (first) {
      first = false;
      if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
        utf16 = new StringDecoder('utf16le');
        buffer = buffer.subarray(2);
      } else if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
        buffer = buffer.subarray(3);
      }
    }
    yield utf16 === null ? buffer : Buffer.from(utf16.write(buffer), 'utf8');
  }
  if (utf16 !== null) {
    const rest = utf16.end();
    if (rest !== '') yield Buffer.from(rest, 'utf8');
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

async function* prepend(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
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
function normalizeParsed(parsed: unknown, at: Position, out: ReadItem[], text?: string): void {
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const page = (parsed as Record<string, unknown>).value;
    if (Array.isArray(page) && !('CreationTime' in parsed) && !('auditData' in parsed)) {
      for (const record of page) out.push(item(normalizeRecord(record), at));
      return;
    }
  }
  out.push(item(normalizeRecord(parsed, text), at));
}

function parseLine(line: string, at: Position, out: ReadItem[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    out.push(rejectedAt(at, 'bad-json', `not valid JSON (${(error as Error).message})`));
    return;
  }
  normalizeParsed(parsed, at, out, line);
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

async function* readJsonLines(bytes: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<ReadItem[]> {
  for await (const pieces of splitLines(bytes, maxBytes)) {
    const batch: ReadItem[] = [];
    for (const piece of pieces) {
      const at: Position = { unit: 'line', n: piece.n };
      if ('tooLong' in piece) {
        batch.push(rejectedAt(at, 'too-large', `line is ${piece.tooLong} bytes, over the ${maxBytes}-byte limit`));
      } else if (!isBlank(piece.line)) {
        parseLine(piece.line, at, batch);
      }
    }
    if (batch.length > 0) yield batch;
  }
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

async function* readJsonArray(bytes: AsyncIterable<Buffer>): AsyncGenerator<ReadItem[]> {
  // pipeline() carries a parse error to the stream being read; pipe() would leave the reader hanging.
  const elements = pipeline(Readable.from(bytes), jsonParser(), streamArray(), () => undefined);
  let batch: ReadItem[] = [];
  let n = 0;
  try {
    for await (const element of flowing<{ key: number; value: unknown }>(elements)) {
      n = element.key + 1;
      normalizeParsed(element.value, { unit: 'record', n }, batch);
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    // A syntax error ends a JSON array: what follows cannot be located, so it is reported as one rejection.
    batch.push(rejectedAt({ unit: 'record', n: n + 1 }, 'bad-json', `the JSON array breaks here and the rest cannot be read (${(error as Error).message})`));
  }
  if (batch.length > 0) yield batch;
}

async function* readJsonDocument(bytes: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<ReadItem[]> {
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
  parseLine(Buffer.concat(chunks).toString('utf8'), { unit: 'record', n: 1 }, batch);
  yield batch;
}

async function* readCsv(bytes: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<ReadItem[]> {
  const rows = pipeline(
    Readable.from(bytes),
    parseCsv({
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: maxBytes,
    }),
    () => undefined,
  );
  let batch: ReadItem[] = [];
  let n = 0;
  try {
    for await (const row of flowing<Record<string, string>>(rows)) {
      n += 1;
      batch.push(item(normalizeRecord(row), { unit: 'row', n }));
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    batch.push(rejectedAt({ unit: 'row', n: n + 1 }, 'bad-json', `the CSV breaks here and the rest cannot be read (${(error as Error).message})`));
  }
  if (batch.length > 0) yield batch;
}
