import { filterContent } from '../../src/audit/management/filter';

const KEEP = new Set(['SendAs', 'SendOnBehalf']);
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

function record(id: string, operation: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { CreationTime: '2026-11-18T09:00:00', Id: id, Operation: operation, RecordType: 2, Workload: 'Exchange', ...extra };
}

/** What the filter must answer, computed the slow way: JSON.parse everything, then look. */
function reference(records: readonly unknown[]): string[] {
  return records
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r))
    .filter((r) => typeof r.Operation === 'string' && KEEP.has(r.Operation))
    .map((r) => String(r.Id));
}

describe('filterContent: the Operation check before JSON.parse', () => {
  it('keeps SendAs and SendOnBehalf, skips the rest unparsed, and keeps each record text', () => {
    const records = [record('a', 'MailItemsAccessed'), record('b', 'SendAs'), record('c', 'Send'), record('d', 'SendOnBehalf'), record('e', 'sendas')];
    const outcome = filterContent(bytes(JSON.stringify(records)), KEEP);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.content.kept.map((k) => (k.record as { Id: string }).Id)).toEqual(['b', 'd', 'e']);
    expect(outcome.content.total).toBe(5);
    expect(outcome.content.skipped).toBe(2);
    expect(JSON.parse(outcome.content.kept[0].text)).toEqual(records[1]);
  });

  it('is not fooled by Operation inside strings, nested objects, escaped quotes or keys ending in Operation', () => {
    const records = [
      record('nested', 'MailItemsAccessed', { Item: { Operation: 'SendAs', Subject: '{"Operation":"SendAs"}' } }),
      record('subject', 'Update', { Subject: 'say "Operation":"SendAs" }]{[ \\' }),
      record('key-suffix', 'Update', { 'x"Operation': 'SendAs' }),
      record('params', 'Set-Mailbox', { Parameters: [{ Name: 'Operation', Value: 'SendAs' }] }),
      { Operation: 'SendAs', Id: 'later-key-order', Extra: [1, 2, { a: ']' }] },
      record('escaped', 'Send\u0041s'),
    ];
    const text = JSON.stringify(records).replace('"Send\\u0041s"', '"Send\\u0041s"');
    const escapedValue = text.replace('"Operation":"SendAs","RecordType":2,"Workload":"Exchange"}]', '"Operation":"Send\\u0041s","RecordType":2,"Workload":"Exchange"}]');
    const outcome = filterContent(bytes(escapedValue), KEEP);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.content.kept.map((k) => (k.record as { Id: string }).Id)).toEqual(['later-key-order', 'escaped']);
    expect(outcome.content.skipped).toBe(4);
  });

  it('agrees with JSON.parse of every record on pretty-printed and generated content', () => {
    const operations = ['SendAs', 'SendOnBehalf', 'MailItemsAccessed', 'Send', 'Add-MailboxPermission', 'SoftDelete'];
    const records: unknown[] = [];
    for (let i = 0; i < 300; i += 1) {
      records.push(
        record(`r${i}`, operations[(i * 7) % operations.length], {
          Subject: `q\\"uote ${'}'.repeat(i % 3)} ${'\\'.repeat(i % 4)} 件名「送信」😀`,
          Folders: [{ Path: '\\Inbox', FolderItems: [{ InternetMessageId: `<${i}@contoso.com>` }] }],
          Flag: i % 2 === 0,
          Size: i * 1.5,
          Nothing: null,
        }),
      );
    }
    records.push(42, 'text', [1, 2], { Id: 'no-op' });
    for (const text of [JSON.stringify(records), JSON.stringify(records, null, 2)]) {
      const outcome = filterContent(bytes(text), KEEP);
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.content.kept.map((k) => (k.record as { Id: string }).Id)).toEqual(reference(records));
      expect(outcome.content.total).toBe(records.length);
      expect(outcome.content.unreadable.map((u) => u.index)).toEqual([300, 301, 302, 303]);
    }
  });

  it('reads the last bytes of a blob that fill no whole word, whatever their number (strings, brackets and the closing ] among them)', () => {
    for (let extra = 0; extra < 8; extra += 1) {
      const records = [record('a', 'MailItemsAccessed'), record('b', 'MailItemsAccessed', { S: 'x'.repeat(extra), N: [{ q: '"}' }] }), record(`c${'y'.repeat(extra)}`, 'SendAs')];
      const text = bytes(JSON.stringify(records));
      const outcome = filterContent(text, KEEP);
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.content.kept.map((k) => (k.record as { Id: string }).Id)).toEqual(reference(records));
      expect(outcome.content.total).toBe(3);
      // Cut short anywhere in its last bytes, it is never read as complete.
      for (let cut = 1; cut <= 6; cut += 1) expect(filterContent(text.subarray(0, text.length - cut), KEEP).ok).toBe(false);
    }
  });

  it('reads the same records whatever the alignment of the bytes (strings are skipped four bytes at a time)', () => {
    const records = Array.from({ length: 40 }, (_, i) => record(`${'x'.repeat(i % 5)}${i}`, i % 3 === 0 ? 'SendAs' : 'MailItemsAccessed', { S: `${'a'.repeat(i % 7)}\\"${'\\'.repeat(i % 4)}"` }));
    const text = bytes(JSON.stringify(records));
    for (let offset = 0; offset < 4; offset += 1) {
      const padded = new Uint8Array(text.length + 8);
      padded.set(text, offset);
      const outcome = filterContent(padded.subarray(offset, offset + text.length), KEEP);
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.content.kept.map((k) => (k.record as { Id: string }).Id)).toEqual(reference(records));
    }
  });

  it('takes the top-level Operation even when a string or a nested object names another one first, and reads on to the right end', () => {
    // Keys placed before the record's own Operation: a Subject quoting one, a nested object holding one.
    const hostile = [
      { Subject: '"Operation":"SendAs"}, {"Operation":"SendAs"', Id: 'subject-first', Operation: 'MailItemsAccessed', Tail: '}]' },
      { Item: { Operation: 'SendAs', Deeper: [{ Operation: 'SendAs' }] }, Id: 'nested-first', Operation: 'Update' },
      { Item: { Operation: 'Update' }, Id: 'nested-first-kept', Operation: 'SendAs', After: { Operation: 'Update', S: '{[' } },
      // After the record's Operation, the walk to its end still respects strings: braces, brackets and escaped quotes in them.
      { Id: 'braces-after', Operation: 'Update', S: '}}]]\\"{', T: ['"]"', { U: '}' }] },
      { Id: 'next-is-kept', Operation: 'SendOnBehalf' },
    ];
    const outcome = filterContent(bytes(JSON.stringify(hostile)), KEEP);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.content.kept.map((k) => (k.record as { Id: string }).Id)).toEqual(['nested-first-kept', 'next-is-kept']);
    expect(outcome.content.kept[0].text).toBe(JSON.stringify(hostile[2]));
    expect(outcome.content).toMatchObject({ total: 5, skipped: 3, unreadable: [] });
  });

  it('finds closing quotes next to bytes the four-byte quote test may flag (# just after a quote), in every position of a word', () => {
    for (let pad = 0; pad < 8; pad += 1) {
      const records = [
        record(`${'p'.repeat(pad)}`, 'Update', { A: '#', B: '"#"', C: '##"#', D: `${'#'.repeat(pad)}\\` }),
        record(`k${'q'.repeat(pad)}`, 'SendAs', { E: '#"#', F: '\\#' }),
      ];
      const outcome = filterContent(bytes(JSON.stringify(records)), KEEP);
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.content.kept.map((k) => JSON.parse(k.text) as unknown)).toEqual([records[1]]);
      expect(outcome.content.skipped).toBe(1);
    }
  });

  it('reports a kept record that JSON.parse refuses, and goes on with the next', () => {
    const text = `[${JSON.stringify(record('ok1', 'SendAs'))},{"Operation":"SendAs","Id":"bad","Size":01},${JSON.stringify(record('ok2', 'SendAs'))}]`;
    const outcome = filterContent(bytes(text), KEEP);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.content.kept.map((k) => (k.record as { Id: string }).Id)).toEqual(['ok1', 'ok2']);
    expect(outcome.content.unreadable).toEqual([expect.objectContaining({ index: 1, message: expect.stringContaining('SendAs') })]);
  });

  it('refuses content that is not a whole JSON array', () => {
    expect(filterContent(bytes(''), KEEP).ok).toBe(false);
    expect(filterContent(bytes('{"error":{"code":"AF50000"}}'), KEEP).ok).toBe(false);
    expect(filterContent(bytes(`[${JSON.stringify(record('a', 'SendAs'))}`), KEEP)).toEqual({ ok: false, message: 'the content ends after record 0 without its closing ]' });
    expect(filterContent(bytes(`[${JSON.stringify(record('a', 'SendAs')).slice(0, 40)}`), KEEP).ok).toBe(false);
    expect(filterContent(bytes('[] x'), KEEP).ok).toBe(false);
    expect(filterContent(bytes(' [ ] '), KEEP)).toEqual({ ok: true, content: { kept: [], total: 0, skipped: 0, unreadable: [] } });
  });
});
