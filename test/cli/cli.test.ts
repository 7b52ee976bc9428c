import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli';
import { FIXTURES } from '../support/read';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(args: string[], stdin = ''): Promise<Run> {
  const out = new PassThrough();
  const err = new PassThrough();
  let outText = '';
  let errText = '';
  out.on('data', (c: Buffer) => (outText += c.toString('utf8')));
  err.on('data', (c: Buffer) => (errText += c.toString('utf8')));
  const code = await runCli(args, { stdin: Readable.from([Buffer.from(stdin)]), stdout: out, stderr: err, now: () => new Date('2026-11-18T10:00:00Z') });
  return { code, out: outText, err: errText };
}

describe('sendas-watch classify', () => {
  it('prints one JSON object per record with reasons, and rejects by line on stderr', async () => {
    const run = await cli(['classify', join(FIXTURES, 'raw-auditdata.jsonl')]);
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatchObject({ id: '2d1c0b9a-8f7e-4d6c-b5a4-938271605f4e', time: '2022-05-16T11:03:47.000Z', operation: 'SendAs', actor: 'tony.redmond@contoso.com', sentAs: 'tony.redmond@contoso.com', mailbox: 'tony.redmond@contoso.com', category: 'owner-misreport' });
    expect((lines[1].reasons as string[])[1]).toMatch(/Outlook Mobile/);
    expect(run.err).toMatch(/^line 5: rejected: not valid JSON/m);
    expect(run.err).toMatch(/5 classified \(delegate 2, owner-misreport 1, connector 1, application 1, unknown 0\), 1 skipped \(other operations\), 3 rejected/);
  });

  it('reads stdin with "-" and prints a table with --summary', async () => {
    const run = await cli(['classify', '-', '--summary'], readFileSync(join(FIXTURES, 'purview-classic.csv'), 'utf8'));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^category\s+records\s+share/m);
    expect(run.out).toMatch(/alex\.wilber@contoso\.com\s+sales@contoso\.com\s+1/);
  });

  it('exits 1 when nothing could be read, 2 on usage errors', async () => {
    expect((await cli(['classify', '-'], '{"Id": 1,\n')).code).toBe(1);
    expect((await cli(['classify', '-'], 'not a format\n')).code).toBe(1);
    const missing = await cli(['classify', '/no/such/file.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read \/no\/such\/file\.json: no such file/);
    expect((await cli(['classify'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('reads an empty input as nothing to report, not as a failure', async () => {
    const run = await cli(['classify', '-'], '');
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/Read 0 records/);
  });
});

describe('sendas-watch demo, ingest and ask', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same tenant for the same seed, with the truth beside it', async () => {
    const truth = join(dir, 'truth.jsonl');
    const a = await cli(['demo', '--users', '30', '--days', '5', '--seed', 's', '--end', '2026-11-18T00:00:00Z', '--truth', truth]);
    const b = await cli(['demo', '--users', '30', '--days', '5', '--seed', 's', '--end', '2026-11-18T00:00:00Z']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const records = a.out.trim().split('\n');
    const truths = readFileSync(truth, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; category: string });
    expect(truths).toHaveLength(records.length);
    expect(truths[0].id).toBe((JSON.parse(records[0]) as { Id: string }).Id);
    expect((await cli(['demo', '--users', 'lots'])).code).toBe(2);
    expect((await cli(['demo', '--end', 'yesterday'])).code).toBe(2);
  });

  it('ingests idempotently and answers from the store', async () => {
    const input = join(dir, 'demo.jsonl');
    writeFileSync(input, (await cli(['demo', '--users', '100', '--days', '14', '--end', '2026-11-18T10:00:00Z'])).out);
    const store = join(dir, 'store.db');
    const first = await cli(['ingest', input, '--store', store]);
    expect(first.code).toBe(0);
    const stored = Number(/Stored (\d+) new events/.exec(first.err)?.[1]);
    expect(stored).toBeGreaterThan(500);
    const second = await cli(['ingest', input, '--store', store]);
    expect(second.err).toMatch(new RegExp(`Stored 0 new events \\(${stored} already stored\\)`));

    const json = await cli(['ask', 'who sent as finance@contoso.com last 7 days', '--store', store, '--now', '2026-11-18T10:00:00Z', '--format', 'json']);
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.out) as { intent: string; subject: string; range: { from: string; to: string }; rows: { category: string }[] };
    expect(answer).toMatchObject({ intent: 'who-sent-as', subject: 'finance@contoso.com', range: { from: '2026-11-11T10:00:00.000Z', to: '2026-11-18T10:00:00.000Z' } });
    expect(answer.rows[0].category).toBe('delegate');
    expect(JSON.parse(json.out).rows.flatMap((row: { clients: string[] }) => row.clients)).toContain('owa');
    const text = await cli(['ask', 'who sent as finance@contoso.com last 7 days', '--store', store, '--now', '2026-11-18T10:00:00Z']);
    expect(text.out).toMatch(/Outlook on the web/);
    expect(text.out).not.toMatch(/\bowa\b/);
  });

  it('shows the right behind each delegate row of the demo tenant, from its grants and its inventory', async () => {
    const text = await cli(['ask', 'who sent as procurement last 7 days', '--demo', '--now', '2026-11-18T10:00:00Z']);
    expect(text.code).toBe(0);
    // The demo grants Send As on procurement at 10:00 three days before the end; the grantee sends at once.
    expect(text.out).toMatch(/^delegate .* 2026-11-15 10:45 .*Send As held since 15 Nov 2026 10:00, granted by it\.admin@contoso\.com$/m);
    expect(text.out).toMatch(/^delegate .*Send As held since before the retained history$/m);
    const card = await cli(['ask', '過去7日間 procurement として送信したのは誰', '--demo', '--now', '2026-11-18T10:00:00Z', '--locale', 'ja-JP', '--format', 'card']);
    expect(card.out).toContain('送信者 (Send As)権限: 2026年11月15日 10:00 から保有（付与者: it.admin@contoso.com）');
    expect(card.out).toContain('送信者 (Send As)権限: 保持されている記録より前から保有');
  });

  it('answers in Japanese, prints cards, and refuses what it cannot do', async () => {
    const ja = await cli(['ask', '今週 finance として送信したのは誰', '--demo', '--now', '2026-11-18T10:00:00Z', '--locale', 'ja-JP', '--tz', 'Asia/Tokyo']);
    expect(ja.code).toBe(0);
    expect(ja.out).toMatch(/Asia\/Tokyo/);
    expect(ja.out).toMatch(/本人以外が Outlook Mobile から送信したメール/);
    // Client families come from the engine as codes; the text output words them in the asker's language.
    expect(ja.out).toMatch(/Outlook デスクトップ|Microsoft のバックグラウンド処理|クライアントの記録なし/);
    expect(ja.out).not.toMatch(/outlook-desktop|rest-system/);
    // Health lines come from the engine as codes; the text output words them in the asker's language.
    const health = await cli(['ask', '監査ログの状態', '--demo', '--now', '2026-11-18T10:00:00Z', '--locale', 'ja-JP']);
    expect(health.out).toContain('payroll@contoso.com: 代理人による「送信者として送信」が記録されない（AuditDelegate に含まれていない）');
    const card = await cli(['ask', 'audit health', '--demo', '--now', '2026-11-18T10:00:00Z', '--format', 'card']);
    expect(JSON.parse(card.out)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const unknown = await cli(['ask', 'who sends as finance', '--demo']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Did you mean: who sent as finance/);
    expect((await cli(['ask', 'help', '--demo', '--store', join(dir, 'x.db')])).code).toBe(2);
    expect((await cli(['ask', 'help', '--demo', '--tz', 'Mars/Base'])).code).toBe(2);
    expect((await cli(['ask', 'help', '--demo', '--format', 'xml'])).code).toBe(2);
  });
});
