import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { InputEncoding, InputFormat, ReadItem } from '../../src/audit/read';
import { timeBoundsAt } from '../../src/audit/normalize';
import { readAuditRecords } from '../../src/audit/read';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** Tests read their 2026 records as if on New Year's Day 2027. */
export const READ_AT = new Date('2027-01-01T00:00:00.000Z');
export const TEST_BOUNDS = timeBoundsAt(READ_AT);

export interface ReadAll {
  readonly format: InputFormat | undefined;
  readonly encoding: InputEncoding | undefined;
  readonly items: ReadItem[];
}

async function collect(input: Readable, maxRecordBytes?: number): Promise<ReadAll> {
  let format: InputFormat | undefined;
  let encoding: InputEncoding | undefined;
  const items: ReadItem[] = [];
  const options = { readAt: READ_AT, onFormat: (f: InputFormat) => (format = f), onEncoding: (e: InputEncoding) => (encoding = e), maxRecordBytes };
  for await (const batch of readAuditRecords(input, options)) items.push(...batch);
  return { format, encoding, items };
}

export function readFixture(name: string): Promise<ReadAll> {
  return collect(createReadStream(join(FIXTURES, name), { highWaterMark: 1024 }));
}

export function readText(text: string | Buffer, options: { chunk?: number; maxRecordBytes?: number } = {}): Promise<ReadAll> {
  const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const size = options.chunk ?? buffer.length;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
  return collect(Readable.from(chunks), options.maxRecordBytes);
}
