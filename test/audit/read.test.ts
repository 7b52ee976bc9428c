import { hasCode } from '../../src/errors';
import { classify } from '../../src/classify/classify';
import type { ReadItem } from '../../src/audit/read';
import { detectFormat } from '../../src/audit/read';
import { readFixture, readText } from '../support/read';

function events(items: ReadItem[]) {
  return items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
}
function rejections(items: ReadItem[]) {
  return items.flatMap((i) => (i.kind === 'rejected' ? [`${i.at.unit} ${i.at.n}: ${i.rejection.message}`] : []));
}
function skips(items: ReadItem[]) {
  return items.flatMap((i) => (i.kind === 'skipped' ? [i.operation] : []));
}

describe('reading raw AuditData as JSON Lines', () => {
  it('reads every good line and names the line of every bad one', async () => {
    const { format, items } = await readFixture('raw-auditdata.jsonl');
    expect(format).toBe('jsonl');
    expect(events(items).map((e) => e.id)).toEqual([
      '6e1d2a8c-3b4f-4c5d-9e8f-0a1b2c3d4e5f',
      '2d1c0b9a-8f7e-4d6c-b5a4-938271605f4e',
      '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      '0b7c4a8e-1111-4222-8333-944455566677',
      '3c3c3c3c-2222-4333-8444-555566667777',
    ]);
    const rejected = rejections(items);
    expect(rejected).toHaveLength(3);
    expect(rejected[0]).toMatch(/^line 5: not valid JSON/);
    expect(rejected[1]).toMatch(/^line 6: Id is missing/);
    expect(rejected[2]).toMatch(/^line 10: CreationTime should be ISO 8601.*9\/1\/2026/);
    expect(skips(items)).toEqual(['MailItemsAccessed']);
  });

  it('normalizes fields: UTC time, lower-cased addresses, IPs without ports, odd key casing', async () => {
    const all = events((await readFixture('raw-auditdata.jsonl')).items);
    const [owa, ios, onBehalf, connector, system] = all;
    expect(owa).toMatchObject({
      time: '2026-09-01T10:15:22.000Z',
      operation: 'SendAs',
      actor: 'alex.wilber@contoso.com',
      mailbox: 'sales@contoso.com',
      sentAs: 'sales@contoso.com',
      client: 'Client=OWA;Action=ViaProxy',
      clientIp: '203.0.113.7',
      logonType: 2,
      userType: 0,
      externalAccess: false,
      subject: 'Invoice "Q3", final',
    });
    expect(ios).toMatchObject({ time: '2022-05-16T11:03:47.000Z', actor: 'tony.redmond@contoso.com', sentAs: 'tony.redmond@contoso.com' });
    expect(onBehalf).toMatchObject({
      time: '2026-09-02T08:00:01.123Z',
      operation: 'SendOnBehalf',
      sentAs: 'ceo@contoso.com',
      client: 'Client=MSExchangeRPC',
      clientIp: '2001:db8::15',
      logonType: 2,
    });
    expect(connector.clientIp).toBeNull();
    expect(system.clientIp).toBe('192.0.2.44');
    expect(JSON.parse(owa.rawJson)).toMatchObject({ OrganizationName: 'contoso.onmicrosoft.com' });
    expect(all.map((e) => classify(e).category)).toEqual(['delegate', 'owner-misreport', 'delegate', 'connector', 'application']);
  });

  it('gives the same result whatever the chunking', async () => {
    const text = (await import('node:fs')).readFileSync(`${__dirname}/../fixtures/raw-auditdata.jsonl`);
    const whole = await readText(text);
    for (const chunk of [1, 7, 100]) {
      const split = await readText(text, { chunk });
      expect(split.items).toEqual(whole.items);
    }
  });

  it('rejects an oversized line without holding it, then carries on', async () => {
    const big = JSON.stringify({ Id: 'x', CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs', pad: 'a'.repeat(5000) });
    const good = JSON.stringify({ Id: 'y', CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs', UserId: 'a@contoso.com', SendAsUserSmtp: 'b@contoso.com' });
    const { items } = await readText(`${good}\n${big}\n${good}\n`, { chunk: 512, maxRecordBytes: 1024 });
    expect(events(items)).toHaveLength(2);
    expect(rejections(items)).toEqual([expect.stringMatching(/^line 2: line is \d+ bytes, over the 1024-byte limit/)]);
  });

  it('reads CRLF lines and multi-byte text the same when a chunk ends inside a character or between \\r and \\n', async () => {
    const record = (id: string, subject: string) =>
      JSON.stringify({ Id: id, CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs', UserId: 'a@contoso.com', Item: { Subject: subject } });
    const text = `${record('a', '請求書 第3四半期')}\r\n\r\n${record('b', 'é')}\r\n${record('c', '送信')}\r`;
    const whole = await readText(text);
    expect(events(whole.items).map((e) => [e.id, e.subject])).toEqual([['a', '請求書 第3四半期'], ['b', 'é'], ['c', '送信']]);
    expect(whole.items.map((i) => i.at.n)).toEqual([1, 3, 4]);
    for (const chunk of [1, 2, 3, 5, 64]) expect((await readText(text, { chunk })).items).toEqual(whole.items);
  });

  it('rejects a line over the limit even when one chunk holds all of it, and a last line without a newline', async () => {
    const big = JSON.stringify({ Id: 'x', CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs', pad: 'a'.repeat(2000) });
    const good = JSON.stringify({ Id: 'y', CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs', UserId: 'a@contoso.com' });
    for (const chunk of [undefined, 100]) {
      const { items } = await readText(`${big}\n${good}\n${big}`, { chunk, maxRecordBytes: 1024 });
      expect(events(items).map((e) => e.id)).toEqual(['y']);
      expect(rejections(items)).toEqual([
        `line 1: line is ${big.length} bytes, over the 1024-byte limit`,
        `line 3: line is ${big.length} bytes, over the 1024-byte limit`,
      ]);
    }
  });

  it('counts a record that is not an object', async () => {
    const { items } = await readText('{"Id":"a","CreationTime":"2026-01-01T00:00:00","Operation":"SendAs"}\n[1,2]\n"text"\n');
    expect(events(items)).toHaveLength(1);
    const rejected = rejections(items);
    expect(rejected[0]).toBe('line 2: expected a JSON object, found an array');
    expect(rejected[1]).toMatch(/^line 3: expected a JSON object, found a string/);
    expect(rejected).toHaveLength(2);
  });
});

describe('reading JSON arrays and documents', () => {
  it('reads an array of AuditData objects, positions by element', async () => {
    const { format, items } = await readFixture('auditdata-array.json');
    expect(format).toBe('json-array');
    expect(events(items).map((e) => e.operation)).toEqual(['SendAs', 'SendAs', 'SendOnBehalf']);
    expect(skips(items)).toEqual(['MailItemsAccessed']);
    expect(items.map((i) => i.at)).toEqual([1, 2, 3, 4].map((n) => ({ unit: 'element', n })));
  });

  it('reads a pretty-printed Graph page, taking identities from auditData', async () => {
    const { format, items } = await readFixture('graph-page.json');
    expect(format).toBe('json-document');
    const read = events(items);
    expect(read.map((e) => e.actor)).toEqual(['alex.wilber@contoso.com', 'tony.redmond@contoso.com', 'lee.gu@contoso.com']);
    expect(read.map((e) => classify(e).category)).toEqual(['delegate', 'owner-misreport', 'connector']);
  });

  it('reads Graph records as JSON Lines, auditData as object or string, and pages on a line', async () => {
    const { format, items } = await readFixture('graph-records.jsonl');
    expect(format).toBe('jsonl');
    expect(events(items).map((e) => e.actor)).toEqual(['s-1-5-18', 'emily.braun@contoso.com', 'tony.redmond@contoso.com']);
    expect(rejections(items)).toEqual([expect.stringMatching(/^line 3: AuditData is not valid JSON/)]);
  });

  it('reads Search-UnifiedAuditLog output saved by PowerShell as UTF-16LE', async () => {
    const { format, items } = await readFixture('search-unifiedauditlog.json');
    expect(format).toBe('json-array');
    expect(events(items).map((e) => e.id)).toEqual(['6e1d2a8c-3b4f-4c5d-9e8f-0a1b2c3d4e5f', '2d1c0b9a-8f7e-4d6c-b5a4-938271605f4e']);
  });

  it('a malformed element costs only itself, named by its index, its text not quoted', async () => {
    const good = (id: string) => `{"Id":"${id}","CreationTime":"2026-01-01T00:00:00","Operation":"SendAs","UserId":"a@c.com","SendAsUserSmtp":"b@c.com"}`;
    const { items } = await readText(`[${good('a')}, {"Id": oops, "Item": {"Subject": "merger plan"}}, ${good('c')}]`);
    expect(events(items).map((e) => e.id)).toEqual(['a', 'c']);
    expect(rejections(items)).toEqual(['element 2: not valid JSON']);
  });
});

describe('reading Purview CSV exports', () => {
  it('reads the classic layout with a BOM, CRLF and doubled quotes', async () => {
    const { format, items } = await readFixture('purview-classic.csv');
    expect(format).toBe('csv');
    const read = events(items);
    expect(read.map((e) => e.id)).toEqual(['6e1d2a8c-3b4f-4c5d-9e8f-0a1b2c3d4e5f', '2d1c0b9a-8f7e-4d6c-b5a4-938271605f4e']);
    expect(read[0].subject).toBe('Invoice "Q3", final');
    expect(read[0].time).toBe('2026-09-01T10:15:22.000Z');
    expect(skips(items)).toEqual(['MailItemsAccessed']);
    expect(rejections(items)).toEqual([expect.stringMatching(/^row 4: AuditData is not valid JSON/)]);
  });

  it('reads the new layout with multi-line AuditData', async () => {
    const { format, items } = await readFixture('purview-new.csv');
    expect(format).toBe('csv');
    expect(events(items).map((e) => classify(e).category)).toEqual(['delegate', 'connector', 'application']);
    expect(items.map((i) => i.at.n)).toEqual([1, 2, 3]);
  });
});

describe('keeping the record as received', () => {
  const line = '{"CreationTime":"2026-09-01T10:15:22","Id":"aa","Operation":"SendAs", "UserId":"a@contoso.com","SendAsUserSmtp":"b@contoso.com","Custom":{"Keep":"\\u00e9 as written"}}';

  it('keeps a JSON line of AuditData exactly as written, spacing and escapes included', async () => {
    const [event] = events((await readText(`${line}\n`)).items);
    expect(event.rawJson).toBe(line);
  });

  it('keeps AuditData held as a string in its envelope as that string', async () => {
    const [event] = events((await readText(`${JSON.stringify({ id: 'aa', auditData: line })}\n`)).items);
    expect(event.rawJson).toBe(line);
  });

  it('serialises AuditData that arrived as an object, losing no field', async () => {
    const [event] = events((await readText(`${JSON.stringify({ value: [{ id: 'aa', auditData: JSON.parse(line) }] })}\n`)).items);
    expect(JSON.parse(event.rawJson)).toEqual(JSON.parse(line));
  });
});

describe('detecting the shape', () => {
  it('refuses what it cannot read, with a message naming what it reads', () => {
    let thrown: unknown;
    try {
      detectFormat('hello world\n');
    } catch (error) {
      thrown = error;
    }
    expect(hasCode(thrown, 'SENDAS_INPUT_UNKNOWN_FORMAT')).toBe(true);
    expect((thrown as Error).message).toMatch(/JSON Lines/);
  });

  it('tells JSON Lines from a pretty-printed document by the first line', () => {
    expect(detectFormat('{"a":1}\n{"a":2}\n')).toBe('jsonl');
    expect(detectFormat('{\n  "value": []\n}\n')).toBe('json-document');
    expect(detectFormat('  [\n')).toBe('json-array');
    expect(detectFormat('"RecordId","CreationDate","AuditData"\r\n')).toBe('csv');
  });

  it('passes over blank lines, whatever whitespace fills them, and still refuses a line that only looks blank', async () => {
    const record = (id: string) => JSON.stringify({ Id: id, CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs', UserId: 'a@c.com' });
    const text = [record('one'), '', '   \t', '\u3000\u00a0', record('two'), ' x ', ' ' + record('three')].join('\n');
    const { items } = await readText(text);
    expect(events(items).map((e) => e.id)).toEqual(['one', 'two', 'three']);
    expect(rejections(items)).toEqual([expect.stringMatching(/^line 6: not valid JSON/)]);
  });

  it('reads an empty input as no records', async () => {
    const { items } = await readText('');
    expect(items).toEqual([]);
  });
});
