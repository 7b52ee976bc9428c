import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadItem } from '../../src/audit/read';
import { csvDelimiter } from '../../src/audit/read';
import { hasCode } from '../../src/errors';
import { FIXTURES, READ_AT, readFixture, readText } from '../support/read';

/**
 * Every export an admin has: the files in test/fixtures/exports were written by make.sh there, with
 * Debian's iconv encoding the Japanese ones, so these tests read real bytes.
 */

const ids = (items: ReadItem[]): string[] => items.flatMap((i) => (i.kind === 'event' ? [i.event.id] : []));
const subjects = (items: ReadItem[]): (string | null)[] => items.flatMap((i) => (i.kind === 'event' ? [i.event.subject] : []));
const rejections = (items: ReadItem[]): string[] => items.flatMap((i) => (i.kind === 'rejected' ? [`${i.at.unit} ${i.at.n}: ${i.rejection.message}`] : []));
const bytesOf = (name: string): Buffer => readFileSync(join(FIXTURES, 'exports', name));

function record(id: string, time: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { CreationTime: time, Id: id, Operation: 'SendAs', UserId: 'a@contoso.com', SendAsUserSmtp: 'b@contoso.com', Item: { Subject: 'Board minutes (confidential)' }, ...extra };
}

async function refusal(read: Promise<unknown>): Promise<Error> {
  try {
    await read;
  } catch (error) {
    expect(hasCode(error, 'SENDAS_INPUT_UNREADABLE')).toBe(true);
    return error as Error;
  }
  throw new Error('the input was read, not refused');
}

describe('PowerShell and Excel CSV exports', () => {
  it('Windows PowerShell 5.1 Export-Csv: the #TYPE line is skipped and the header under it read', async () => {
    const { format, items } = await readFixture('exports/ps51-export.csv');
    expect(bytesOf('ps51-export.csv').toString('ascii', 0, 6)).toBe('#TYPE ');
    expect(format).toBe('csv');
    expect(ids(items)).toEqual(['ps51-0001', 'ps51-0002']);
    expect(items.map((i) => i.at)).toEqual([
      { unit: 'row', n: 1 },
      { unit: 'row', n: 2 },
    ]);
  });

  it('-UseCulture with a semicolon list separator, #TYPE line included; a ; inside a quoted field stays in it', async () => {
    const { format, items } = await readFixture('exports/useculture-semicolon.csv');
    expect(format).toBe('csv');
    expect(ids(items)).toEqual(['semi-0001', 'semi-0002']);
    expect(subjects(items)).toEqual(['Bericht; Teil 1', 'Bericht; Teil 2']);
    expect(rejections(items)).toEqual([]);
  });

  it('tab separated', async () => {
    const { items } = await readFixture('exports/tab-separated.csv');
    expect(ids(items)).toEqual(['tab-0001', 'tab-0002']);
    expect(subjects(items)).toEqual(['日本語の件名 1', '日本語の件名 2']);
  });

  it('the delimiter is the one that splits out an AuditData column', () => {
    expect(csvDelimiter('"RecordType";"CreationDate";"AuditData"')).toBe(';');
    expect(csvDelimiter('CreationDate\tUserIds\tAuditData')).toBe('\t');
    expect(csvDelimiter('CreationDate,UserIds,Operations,AuditData')).toBe(',');
    // Commas inside the names of a ; file do not win: only the split that yields AuditData counts.
    expect(csvDelimiter('"Date, local";"AuditData"')).toBe(';');
    expect(csvDelimiter('CreationDate;UserIds')).toBeNull();
  });

  it('Japanese Excel (Shift_JIS / CP932) is detected and decoded: the subjects are the Japanese written, no mojibake', async () => {
    // The bytes really are CP932: 【 is 0x81 0x79 there, not UTF-8's E3 80 90.
    expect(bytesOf('excel-japanese-cp932.csv').includes(Buffer.from([0x81, 0x79]))).toBe(true);
    const { encoding, items } = await readFixture('exports/excel-japanese-cp932.csv');
    expect(encoding).toBe('shift_jis');
    expect(ids(items)).toEqual(['sjis-0001', 'sjis-0002']);
    expect(subjects(items)).toEqual(['【至急】請求書の件（９月分）', '営業部より：新製品のご案内～表示確認']);
    const first = items[0];
    expect(first.kind === 'event' && JSON.parse(first.event.rawJson).LogonUserDisplayName).toBe('山田 太郎');
  });

  it('Shift_JIS reads the same whatever the chunking, a character split between chunks included', async () => {
    const bytes = bytesOf('excel-japanese-cp932.csv');
    for (const chunk of [1, 7, 600]) {
      const { items } = await readText(bytes, { chunk });
      expect(subjects(items)).toEqual(['【至急】請求書の件（９月分）', '営業部より：新製品のご案内～表示確認']);
    }
  });

  it('Shift_JIS whose first character (凜, 0xEA 0xA3) begins like UTF-8 is still told apart when a chunk ends after that byte', async () => {
    const file = bytesOf('excel-japanese-cp932-lead-ea.csv');
    // An ASCII row of another operation first, so the first Japanese byte lies past what is sniffed at once.
    const headerEnd = file.indexOf('\r\n') + 2;
    const asciiRow = Buffer.from(`x-0,2026/09/01 10:00,ExchangeItem,MailItemsAccessed,a@contoso.co.jp,"${JSON.stringify(record('x-0', '2026-09-01T10:00:00', { Operation: 'MailItemsAccessed', Pad: 'p'.repeat(600) })).replace(/"/g, '""')}"\r\n`);
    const bytes = Buffer.concat([file.subarray(0, headerEnd), asciiRow, file.subarray(headerEnd)]);
    const lead = bytes.indexOf(Buffer.from([0xea, 0xa3]));
    expect(lead).toBeGreaterThan(600);
    expect(bytes.subarray(0, lead).every((b) => b < 0x80)).toBe(true);
    for (const chunk of [lead + 1, lead + 2, 1, 600]) {
      const { encoding, items } = await readText(bytes, { chunk });
      expect(encoding).toBe('shift_jis');
      expect(subjects(items)).toEqual(['凜として 堯 遙']);
    }
  });
});

describe('encodings', () => {
  it.each([
    ['utf16le-no-bom.jsonl', 'utf-16le'],
    ['utf16be-no-bom.jsonl', 'utf-16be'],
    ['utf16be-bom.jsonl', 'utf-16be'],
  ] as const)('%s is read as %s', async (name, expected) => {
    const { encoding, format, items } = await readFixture(`exports/${name}`);
    expect(encoding).toBe(expected);
    expect(format).toBe('jsonl');
    expect(ids(items)).toEqual(['u16-0001', 'u16-0002']);
    expect(subjects(items)).toEqual(['会議室の予約について', 'Re: 見積書']);
    const odd = await readText(bytesOf(name), { chunk: 3 });
    expect(subjects(odd.items)).toEqual(['会議室の予約について', 'Re: 見積書']);
  });

  it('UTF-8 with and without a BOM', async () => {
    const line = `${JSON.stringify(record('u8', '2026-09-01T10:00:00', { Item: { Subject: 'ご確認ください' } }))}\n`;
    for (const bytes of [Buffer.from(line), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line)])]) {
      const { encoding, items } = await readText(bytes, { chunk: 5 });
      expect(encoding).toBe('utf-8');
      expect(subjects(items)).toEqual(['ご確認ください']);
    }
  });

  it('a Windows-1252 file is refused, naming what it is not and where, and nothing is read from it', async () => {
    const seen: ReadItem[] = [];
    const error = await refusal(
      (async () => {
        const read = await readFixture('exports/ansi-windows1252.csv');
        seen.push(...read.items);
      })(),
    );
    expect(error.message).toMatch(/not UTF-8, UTF-16 or Shift_JIS: the bytes after offset \d+ are none of these/);
    expect(error.message).toMatch(/Save the file as UTF-8/);
    expect(seen).toEqual([]);
  });

  it('UTF-32 is refused by name', async () => {
    const error = await refusal(readText(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0])));
    expect(error.message).toMatch(/UTF-32/);
  });

  it('a UTF-8 file that turns into something else is refused there, after the records before it', async () => {
    const good = Buffer.from(`${JSON.stringify(record('first', '2026-09-01T10:00:00', { Item: { Subject: 'é' } }))}\n`);
    const bad = Buffer.from(`{"Id":"x","Item":{"Subject":"`);
    const bytes = Buffer.concat([good, bad, Buffer.from([0x82, 0xa0]), Buffer.from('"}}\n')]);
    const read: ReadItem[] = [];
    const error = await refusal(
      (async () => {
        const { items } = await readText(bytes, { chunk: good.length });
        read.push(...items);
      })(),
    );
    expect(error.message).toContain(`began as UTF-8, but the bytes at offset ${good.length + bad.length} are not UTF-8`);
    expect(error.message).not.toMatch(/Subject/);
  });
});

describe('one bad record costs only itself', () => {
  it('a pretty-printed array with a stray bracket, an unclosed string and a missing value: the rest is read', async () => {
    const { format, items } = await readFixture('exports/broken-array.json');
    expect(format).toBe('json-array');
    expect(ids(items)).toEqual(['arr-0001', 'arr-0003', 'arr-0005', 'arr-0007']);
    const rejected = rejections(items);
    expect(rejected).toEqual([
      'element 2: its brackets or quotes do not close before the next element begins',
      'element 4: its brackets or quotes do not close before the next element begins',
      // V8 says where only for some faults; the text it would quote instead is not passed on.
      expect.stringMatching(/^element 6: not valid JSON( at character \d+)?$/),
    ]);
    expect(rejected.join('\n')).not.toMatch(/secret/);
  });

  it('the same in a compact array on one line: the next element is found by the first key', async () => {
    const good = (id: string) => JSON.stringify(record(id, '2026-09-01T10:00:00'));
    const text = `[${good('c1')},{"CreationTime":"2026-09-01T10:00:00","Id":"c2,"Item":{"Subject":"secret"}},${good('c3')},${good('c4')}]`;
    for (const chunk of [undefined, 13]) {
      const { items } = await readText(text, { chunk });
      expect(ids(items)).toEqual(['c1', 'c3', 'c4']);
      expect(rejections(items)).toEqual(['element 2: its brackets or quotes do not close before the next element begins']);
    }
  });

  it('a CSV row whose quotes are not doubled is reported with its line; the rows around it are read', async () => {
    const { items } = await readFixture('exports/broken-quote.csv');
    expect(ids(items)).toEqual(['csv-0001', 'csv-0003']);
    expect(rejections(items)).toEqual(['row 2: line 3: a quote inside a quoted field is not doubled; this row was not read']);
  });

  it('a quote never closed: the rows before are read, the rest is reported from where it breaks', async () => {
    const row = (id: string) => `2026-09-01T10:00:00,a@contoso.com,SendAs,"${JSON.stringify(record(id, '2026-09-01T10:00:00')).replace(/"/g, '""')}"`;
    const text = ['CreationDate,UserIds,Operations,AuditData', row('q1'), row('q2'), '2026-09-01,a@contoso.com,SendAs,"{""Id"":""q3""', row('q4')].join('\n');
    const { items } = await readText(text);
    expect(ids(items)).toEqual(['q1', 'q2']);
    // The open quote swallows the next row: the report names both lines.
    expect(rejections(items)).toEqual(['row 3: lines 4-5: a quote inside a quoted field is not doubled; this row was not read']);
  });

  it('a JSON Lines record that is not JSON: its line and where, never its text', async () => {
    const { items } = await readText(`{"Id":"x","Item":{"Subject":"secret plan"},,}\n${JSON.stringify(record('ok', '2026-09-01T10:00:00'))}\n{"Id": secret}\n`);
    expect(ids(items)).toEqual(['ok']);
    const rejected = rejections(items);
    expect(rejected).toEqual([expect.stringMatching(/^line 1: not valid JSON at character \d+$/), 'line 3: not valid JSON']);
  });

  it('AuditData held as text that is not JSON: named by field and place, not quoted', async () => {
    const { items } = await readText(`${JSON.stringify({ id: 'e', auditData: '{"Subject":"secret",}' })}\n`);
    expect(rejections(items)).toEqual([expect.stringMatching(/^line 1: AuditData is not valid JSON at character \d+$/)]);
  });
});

describe('JSON arrays, element by element', () => {
  const good = (id: string, subject = 'plain') => JSON.stringify(record(id, '2026-09-01T10:00:00', { Item: { Subject: subject } }));

  it('brackets, braces and escaped quotes inside strings do not end an element', async () => {
    const tricky = ['a "}] ], {"x": [', 'back\\slash\\', '\\"'];
    const { items } = await readText(`[${tricky.map((subject, i) => good(`b${i}`, subject)).join(',')}]`, { chunk: 9 });
    expect(ids(items)).toEqual(['b0', 'b1', 'b2']);
    expect(subjects(items)).toEqual(tricky);
  });

  it('scalars and arrays as elements are refused one by one', async () => {
    const { items } = await readText(`[1, "text", null, [${good('inner')}], ${good('b3')}]`);
    expect(ids(items)).toEqual(['b3']);
    expect(rejections(items)).toEqual([
      'element 1: expected a JSON object, found a number',
      'element 2: expected a JSON object, found a string',
      'element 3: expected a JSON object, found null',
      'element 4: expected a JSON object, found an array',
    ]);
  });

  it('arrays written one after another (appended exports) are all read; text after the last is reported', async () => {
    const { items } = await readText(`[${good('a1')}]\n[${good('a2')}]\nthe end\n`);
    expect(ids(items)).toEqual(['a1', 'a2']);
    expect(rejections(items)).toEqual(['element 0: text follows the end of the array and cannot be read']);
  });

  it('an array cut off inside an element: the elements before are read, the cut one reported', async () => {
    const { items } = await readText(`[\n  ${good('t1')},\n  ${good('t2').slice(0, 40)}`);
    expect(ids(items)).toEqual(['t1']);
    expect(rejections(items)).toEqual(['element 2: the input ends inside it']);
  });

  it('empty arrays hold nothing', async () => {
    for (const text of ['[]', '[ ]\n', '[\n]\n']) expect((await readText(text)).items).toEqual([]);
  });
});

describe('size limits hold whatever the shape', () => {
  const big = (id: string) => record(id, '2026-09-01T10:00:00', { Padding: 'x'.repeat(5000) });

  it.each([
    ['pretty-printed', (parts: string[]) => `[\n  ${parts.join(',\n  ')}\n]\n`],
    ['compact', (parts: string[]) => `[${parts.join(',')}]`],
  ])('an array element over the limit (%s) is refused like an over-long line; the others are read', async (_, layout) => {
    const parts = [record('s1', '2026-09-01T10:00:00'), big('s2'), record('s3', '2026-09-01T10:00:00')].map((r) => JSON.stringify(r));
    for (const chunk of [undefined, 1000]) {
      const { items } = await readText(layout(parts), { maxRecordBytes: 2000, chunk });
      expect(ids(items)).toEqual(['s1', 's3']);
      expect(rejections(items)).toEqual(['element 2: element is over the 2000-byte limit']);
    }
  });
});

describe('a CreationTime no real audit record can have', () => {
  it('before 2010 or more than a day after the time of reading: refused with line and reason, never read', async () => {
    const dayAfter = new Date(READ_AT.getTime() + 23 * 3600_000).toISOString().slice(0, 19);
    const tooLate = new Date(READ_AT.getTime() + 25 * 3600_000).toISOString().slice(0, 19);
    const lines = [
      record('real', '2026-09-01T10:00:00'),
      record('end-of-time', '9999-12-31T23:59:59'),
      record('ancient', '2009-12-31T23:59:59'),
      record('skewed-clock', dayAfter),
      record('future', tooLate),
    ].map((r) => JSON.stringify(r));
    const { items } = await readText(`${lines.join('\n')}\n`);
    expect(ids(items)).toEqual(['real', 'skewed-clock']);
    expect(rejections(items)).toEqual([
      'line 2: CreationTime 9999-12-31T23:59:59.000Z is more than a day after the time of reading: not a real audit event (the latest accepted is 2027-01-02T00:00:00.000Z)',
      'line 3: CreationTime 2009-12-31T23:59:59.000Z is before 2010: no audit record is that old',
      `line 5: CreationTime ${tooLate}.000Z is more than a day after the time of reading: not a real audit event (the latest accepted is 2027-01-02T00:00:00.000Z)`,
    ]);
  });

  it('in a CSV and a JSON array too', async () => {
    const csv = `CreationDate,UserIds,Operations,AuditData\n9999-12-31,a@c.com,SendAs,"${JSON.stringify(record('late', '9999-12-31T00:00:00')).replace(/"/g, '""')}"\n`;
    expect(rejections((await readText(csv)).items)).toEqual([expect.stringMatching(/^row 1: CreationTime 9999-12-31T00:00:00.000Z is more than a day after/)]);
    const array = JSON.stringify([record('late', '9999-12-31T00:00:00'), record('ok', '2026-09-01T00:00:00')]);
    const { items } = await readText(array);
    expect(ids(items)).toEqual(['ok']);
    expect(rejections(items)).toEqual([expect.stringMatching(/^element 1: CreationTime 9999/)]);
  });
});
