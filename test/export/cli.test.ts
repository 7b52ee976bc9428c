import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CliRun } from '../support/cli';
import { runCliCapturing } from '../support/cli';

const cli = (args: string[]): Promise<CliRun> => runCliCapturing(args, '2026-11-18T10:00:00Z');

const DEMO = ['--demo', '--now', '2026-11-18T10:00:00Z'];

describe('sendas-watch export', () => {
  it('writes the CSV of a question to stdout on the demo tenant, and what it holds to stderr', async () => {
    const run = await cli(['export', 'export who sent as finance last month', ...DEMO]);
    expect(run.code).toBe(0);
    const rows = parse<Record<string, string>>(run.out, { bom: true, columns: true });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.sent_as === 'finance@contoso.com' && r.operation === 'SendAs' && r.time_utc.startsWith('2026-10-'))).toBe(true);
    expect(run.err).toBe(`Exported ${rows.length} events.\n`);
  });

  it('writes to a file with --output, the same bytes as stdout, from the question without the word export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sendas-export-'));
    try {
      const path = join(dir, 'finance.csv');
      const toFile = await cli(['export', 'who sent as finance last month', ...DEMO, '--output', path]);
      const toStdout = await cli(['export', 'export who sent as finance last month', ...DEMO]);
      expect(toFile.code).toBe(0);
      expect(readFileSync(path, 'utf8')).toBe(toStdout.out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the Japanese forms and words the reasons in Japanese for ja-JP', async () => {
    const run = await cli(['export', '先月 finance の送信者をCSVで', ...DEMO, '--locale', 'ja-JP', '--tz', 'Asia/Tokyo']);
    expect(run.code).toBe(0);
    const rows = parse<Record<string, string>>(run.out, { bom: true, columns: true });
    expect(rows[0].reasons).toMatch(/[ぁ-んァ-ン]/);
  });

  it('says why there is no file: not an export, an unknown name, no source', async () => {
    expect(await cli(['export', 'export anomalies', ...DEMO])).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/Not an export/) });
    expect(await cli(['export', 'export who sent as nosuchbox last month', ...DEMO])).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/"nosuchbox" appears nowhere/) });
    expect(await cli(['export', 'export who sent as finance last month'])).toMatchObject({ code: 2, err: expect.stringMatching(/exactly one of/) });
  });
});
