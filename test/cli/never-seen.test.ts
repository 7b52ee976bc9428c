import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli';

async function ask(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let outText = '';
  let errText = '';
  out.on('data', (c: Buffer) => (outText += c.toString('utf8')));
  err.on('data', (c: Buffer) => (errText += c.toString('utf8')));
  const code = await runCli(['ask', ...args, '--demo', '--now', '2026-11-18T10:00:00Z'], { stdin: Readable.from([]), stdout: out, stderr: err, now: () => new Date('2026-11-18T10:00:00Z') });
  return { code, out: outText, err: errText };
}

describe('sendas-watch ask: no false all-clear', () => {
  it('an address that never appears is "never seen" in JSON, with the closest known ones', async () => {
    const run = await ask(['who sent as finanse@contoso.com this week', '--format', 'json']);
    const answer = JSON.parse(run.out) as { intent: string; neverSeen?: boolean; suggestions: string[] };
    expect(answer).toMatchObject({ intent: 'not-found', what: 'address', neverSeen: true, asked: 'finanse@contoso.com' });
    expect(answer.suggestions).toContain('finance@contoso.com');
  });

  it('says so in words too, in English and in Japanese cards', async () => {
    const text = await ask(['who sent as finanse@contoso.com this week']);
    expect(text.out).toMatch(/No mailbox or person named "finanse@contoso.com" appears in the audit data\. Closest known: finance@contoso.com/);
    const ja = await ask(['今週 finanse@contoso.com として送信したのは誰', '--locale', 'ja-JP', '--format', 'card']);
    expect(ja.out).toMatch(/監査データにありません/);
  });

  it('finds the demo tenant’s display-name actor by name, shown as Exchange wrote it', async () => {
    const run = await ask(['what did Alex Wilber send as last 30 days', '--format', 'json']);
    const answer = JSON.parse(run.out) as { intent: string; subject: string; subjectAsWritten?: string; rows: { category: string }[] };
    expect(answer).toMatchObject({ intent: 'what-did-send-as', subject: 'alex wilber', subjectAsWritten: 'Alex Wilber' });
    expect(answer.rows.length).toBeGreaterThan(0);
  });
});
