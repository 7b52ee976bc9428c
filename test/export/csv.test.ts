import { parse } from 'csv-parse/sync';
import { EXPORT_COLUMNS, neutralizeFormula } from '../../src/export/csv';
import { buildExport } from '../../src/export/export';
import { exportFileName } from '../../src/export/name';
import { openStore } from '../../src/store/open';
import type { Store } from '../../src/store/store';
import { classified, event } from '../support/events';

const RANGE = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

function rowsOf(bytes: Buffer): Record<string, string>[] {
  return parse<Record<string, string>>(bytes.toString('utf8'), { bom: true, columns: true });
}

describe('neutralizeFormula', () => {
  it.each(['=HYPERLINK("http://x")', '+cmd|calc', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'])('prefixes %j with an apostrophe', (cell) => {
    expect(neutralizeFormula(cell)).toBe(`'${cell}`);
  });
  it.each(['Invoice 4411', 'finance@contoso.com', '2026-11-16T09:00:00.000Z', 'a=b', ' =not first', ''])('leaves %j as it is', (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});

describe('buildExport', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes the stable English header and one row per event, newest first, hostile cells neutralised and quoted', async () => {
    await store.ingest([
      classified(event({ time: '2026-11-10T09:00:00.000Z', subject: '=HYPERLINK("http://evil.example","click")', actor: '@attacker@fabrikam.com' })),
      classified(event({ time: '2026-11-12T09:00:00.000Z', subject: 'Quarterly, "final"\nnumbers', rawJson: JSON.stringify({ Operation: 'SendAs', recipientCount: 2, recipientList: ['a@contoso.com', 'b@fabrikam.com'] }) })),
      classified(event({ time: '2026-11-14T09:00:00.000Z', sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com' })),
    ]);
    const file = await buildExport({ ...RANGE, sentAs: 'finance@contoso.com' }, store, 'en');
    expect(file).toMatchObject({ rows: 2, total: 2, capped: false });
    expect(file.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = rowsOf(file.bytes);
    expect(Object.keys(rows[0])).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((r) => r.time_utc)).toEqual(['2026-11-12T09:00:00.000Z', '2026-11-10T09:00:00.000Z']);
    expect(rows[0].subject).toBe('Quarterly, "final"\nnumbers');
    expect(rows[0].recipients).toBe('a@contoso.com; b@fabrikam.com');
    expect(rows[1].subject).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(rows[1].actor).toBe("'@attacker@fabrikam.com");
    expect(rows[1].reasons).not.toBe('');
  });

  it('words the reasons in the asker’s language, the header and codes staying the same', async () => {
    await store.ingest([classified(event({ time: '2026-11-10T09:00:00.000Z' }))]);
    const [en] = rowsOf((await buildExport({ ...RANGE, actor: 'alex.wilber@contoso.com' }, store, 'en')).bytes);
    const [ja] = rowsOf((await buildExport({ ...RANGE, actor: 'alex.wilber@contoso.com' }, store, 'ja')).bytes);
    expect(ja.category).toBe(en.category);
    expect(ja.operation).toBe('SendAs');
    expect(ja.reasons).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(en.reasons).not.toMatch(/[ぁ-んァ-ン一-龥]/);
  });

  it('keeps the newest events up to the row bound, across store pages, and says how many there were', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => classified(event({ time: new Date(Date.parse('2026-11-02T00:00:00.000Z') + i * 60_000).toISOString() })));
    await store.ingest(many);
    const file = await buildExport({ ...RANGE, sentAs: 'finance@contoso.com', operation: 'SendAs' }, store, 'en', { maxRows: 1100, maxBytes: 10_000_000 });
    expect(file).toMatchObject({ rows: 1100, total: 1203, capped: true });
    const rows = rowsOf(file.bytes);
    expect(rows).toHaveLength(1100);
    expect(rows[0].time_utc).toBe(new Date(Date.parse('2026-11-02T00:00:00.000Z') + 1202 * 60_000).toISOString());
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(1100);

    const whole = await buildExport({ ...RANGE, sentAs: 'finance@contoso.com' }, store, 'en', { maxRows: 1203, maxBytes: 10_000_000 });
    expect(whole).toMatchObject({ rows: 1203, capped: false });
  });

  it('stops before the byte bound', async () => {
    await store.ingest(Array.from({ length: 20 }, (_, i) => classified(event({ time: `2026-11-1${i % 10}T0${i % 7}:00:00.000Z`, subject: 'x'.repeat(1000) }))));
    const file = await buildExport({ ...RANGE, sentAs: 'finance@contoso.com' }, store, 'en', { maxRows: 10_000, maxBytes: 5_000 });
    expect(file.capped).toBe(true);
    expect(file.bytes.length).toBeLessThanOrEqual(5_000);
    expect(rowsOf(file.bytes)).toHaveLength(file.rows);
  });
});

describe('exportFileName', () => {
  it('names the operation, who and the days included in the asker’s zone, with unsafe characters replaced', () => {
    expect(exportFileName({ ...RANGE, sentAs: 'finance@contoso.com', operation: 'SendAs' }, 'Asia/Tokyo')).toBe('sendas-finance@contoso.com-2026-11-01-to-2026-12-01.csv');
    expect(exportFileName({ ...RANGE, sentAs: 'ceo@contoso.com', operation: 'SendOnBehalf' }, 'UTC')).toBe('sendonbehalf-ceo@contoso.com-2026-11-01-to-2026-11-30.csv');
    expect(exportFileName({ ...RANGE, actor: 'Not Available/..\\x', sentAs: 'hr@contoso.com' }, 'UTC')).toBe('sendas-Not-Available-..-x-hr@contoso.com-2026-11-01-to-2026-11-30.csv');
  });
});
