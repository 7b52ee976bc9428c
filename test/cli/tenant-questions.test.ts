import type { CliRun } from '../support/cli';
import { runCliCapturing } from '../support/cli';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import type { RankingAnswer } from '../../src/query/answer';

const NOW = '2026-11-18T10:00:00Z';

const ask = (question: string, ...options: string[]): Promise<CliRun> => runCliCapturing(['ask', question, '--demo', '--now', NOW, ...options], NOW);

async function askJson(question: string, ...options: string[]): Promise<RankingAnswer> {
  const run = await ask(question, '--format', 'json', ...options);
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as RankingAnswer;
}

/** The demo tenant's planted actors, from the generator's own ground truth (as `ask --demo` builds it). */
function planted(kind: 'new-delegate' | 'external-actor'): { actor: string; mailbox: string } {
  for (const record of generateDemoTenant({ end: new Date(NOW) })) {
    if (record.truth.anomaly === kind) return { actor: String(record.auditData.UserId).toLowerCase(), mailbox: String(record.auditData.SendAsUserSmtp ?? record.auditData.MailboxOwnerUPN).toLowerCase() };
  }
  throw new Error(`the demo plants no ${kind}`);
}

/** The README's tenant-wide examples, asked of the demo tenant the way `ask --demo` answers them. */
describe('ask --demo: tenant-wide questions', () => {
  it('top delegates this month: genuine delegate sends ranked, with the coverage caveat', async () => {
    const answer = await askJson('top delegates this month');
    expect(answer.intent).toBe('top-delegates');
    expect(answer.range.from).toBe('2026-11-01T00:00:00.000Z');
    expect(answer.rows.length).toBe(10);
    expect(answer.totalRows).toBeGreaterThan(10);
    for (const row of answer.rows) expect(row.categories).toEqual([{ category: 'delegate', count: row.count }]);
    expect(answer.warnings.map((w) => w.kind)).toContain('freshness');
    // Send on Behalf is counted apart; the demo's assistant need not be among the first ten.
    const longer = await askJson('top 50 delegates this month');
    expect(longer.rows.length).toBe(Math.min(50, longer.totalRows));
    expect(longer.rows.some((r) => r.sendOnBehalf > 0)).toBe(true);
  });

  it('which shared mailboxes were used most: the demo tenant says which are shared', async () => {
    const answer = await askJson('which shared mailboxes were used most this month');
    const finance = answer.rows.find((r) => r.who === 'finance@contoso.com');
    expect(finance?.mailboxKind).toBe('shared');
    const text = await ask('which shared mailboxes were used most this month');
    expect(text.out).toMatch(/finance@contoso\.com\s+shared/);
  });

  it('external senders this month: the planted outsider, external by domain', async () => {
    const outsider = planted('external-actor');
    const answer = await askJson('external senders this month');
    expect(answer.rows.find((r) => r.who === outsider.actor)?.externalWhy).toBe('outside-domains');
    expect(answer.rows.every((r) => !r.who.endsWith('@contoso.com') || r.externalWhy !== 'outside-domains')).toBe(true);
  });

  it('new delegates this week: the planted newcomer, checked back to the oldest record', async () => {
    const newcomer = planted('new-delegate');
    const answer = await askJson('new delegates this week');
    expect(answer.rows.map((r) => `${r.who} ${r.mailbox ?? ''}`)).toContain(`${newcomer.actor} ${newcomer.mailbox}`);
    expect(answer.historyFrom).not.toBeNull();
    expect(Date.parse(answer.historyFrom ?? '')).toBeLessThan(Date.parse(answer.range.from));
  });

  it('answers in Japanese with a card whose chart carries the ranking', async () => {
    const run = await ask('今月 代理送信が多い人は誰', '--locale', 'ja-JP', '--tz', 'Asia/Tokyo', '--format', 'card');
    expect(run.code).toBe(0);
    const card = JSON.parse(run.out) as { body: { type: string; data?: { y: number }[]; text?: string }[] };
    expect(card.body[0].text).toBe('代理送信の多い人');
    const bars = card.body.find((e) => e.type === 'Chart.HorizontalBar')?.data ?? [];
    expect(bars.length).toBe(10);
    expect(bars.map((b) => b.y)).toEqual([...bars.map((b) => b.y)].sort((a, b) => b - a));
  });
});
