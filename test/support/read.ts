import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { InputFormat, ReadItem } from '../../src/audit/read';
import { readAuditRecords } from '../../src/audit/read';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface ReadAll {
  readonly format: InputFormat | undefined;
  readonly items: ReadItem[];
}

async function collect(input: Readable, maxRecordBytes?: number): Promise<ReadAll> {
  let format: InputFormat | undefined;
  const items: ReadItem[] = [];
  for await (const batch of readAuditRecords(input, { onFormat: (f) => (format = f), maxRecordBytes })) items.push(...batch);
  return { format, items };
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
