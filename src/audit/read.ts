import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import { parser as jsonParser } from 'stream-json';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { SendAsWatchError } from '../errors';
import type { NormalizeResult } from './normalize';
import { normalizeRecord } from './normalize';

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
  const format = detectFormat(head.text);
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

/** Decides the shape from the first line of the input (BOM already removed). */
export function detectFormat(head: string): InputFormat {
  const start = head.search(/\S/);
  if (start < 0) return 'jsonl';
  const first = head[start];
  if (first === '[') return 'json-array';
  if (first === '{') {
    const newline = head.indexOf('\n', start);
    const firstLine = head.slice(start, newline < 0 ? undefined : newline).trim();
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
}

/** Buffers just enough of the input to see its first complete line (or `limit` bytes). */
async function peekHead(bytes: AsyncIterator<Buffer>, limit: number): Promise<Head> {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await bytes.next();
    if (next.done === true) break;
    chunks.push(next.value);
    size += next.value.length;
    const joined = Buffer.concat(chunks);
    const firstNonSpace = joined.toString('utf8', 0, Math.min(joined.length, 4096)).search(/\S/);
    if (firstNonSpace >= 0 && joined.indexOf(10, firstNonSpace) >= 0) break;
    if (size >= limit) break;
  }
  const joined = Buffer.concat(chunks);
  const newline = joined.indexOf(10, Math.max(0, joined.toString('utf8', 0, Math.min(joined.length, 4096)).search(/\S/)));
  const text = joined.toString('utf8', 0, newline < 0 ? joined.length : newline + 1);
  return { chunks: joined.length === 0 ? [] : [joined], text };
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

/**
 * Splits bytes into lines without decoding more than one line at a time; a line over `maxBytes` is
 * skipped to its end and reported instead of being held in memory.
 */
export async function* splitLines(
  bytes: AsyncIterable<Buffer>,
  maxBytes: number,
): AsyncGenerator<{ line: string; n: number } | { tooLong: number; n: number }> {
  let carry: Buffer | null = null;
  let n = 0;
  let overflow = 0;
  for await (const chunk of bytes) {
    let buffer: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    carry = null;
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(10, start);
      if (newline < 0) break;
      n += 1;
      if (overflow > 0) {
        yield { tooLong: overflow + newline - start, n };
        overflow = 0;
      } else {
        const end = newline > start && buffer[newline - 1] === 13 ? newline - 1 : newline;
        yield { line: buffer.toString('utf8', start, end), n };
      }
      start = newline + 1;
    }
    buffer = buffer.subarray(start);
    if (overflow > 0 || buffer.length > maxBytes) overflow += buffer.length;
    else if (buffer.length > 0) carry = Buffer.from(buffer);
  }
  if (overflow > 0) yield { tooLong: overflow, n: n + 1 };
  else if (carry !== null && carry.length > 0) yield { line: carry.toString('utf8').replace(/\r$/, ''), n: n + 1 };
}

async function* readJsonLines(bytes: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<ReadItem[]> {
  let batch: ReadItem[] = [];
  for await (const piece of splitLines(bytes, maxBytes)) {
    const at: Position = { unit: 'line', n: piece.n };
    if ('tooLong' in piece) {
      batch.push(rejectedAt(at, 'too-large', `line is ${piece.tooLong} bytes, over the ${maxBytes}-byte limit`));
    } else if (piece.line.trim() !== '') {
      parseLine(piece.line, at, batch);
    }
    if (batch.length >= BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
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
