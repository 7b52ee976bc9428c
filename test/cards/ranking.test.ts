import { answerCard, parseCardAction } from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards/render';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/size';
import { LONG_ADDRESS, rankingAnswer, rankingRow } from './fixtures';
import { cardProblems, executeActions } from './support';

/** Every element of a card, depth first. */
function elements(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(elements)];
}

function chart(card: AdaptiveCard): Record<string, unknown> | undefined {
  return elements(card).find((e) => e.type === 'Chart.HorizontalBar');
}

const text = (card: AdaptiveCard) => JSON.stringify(card);

describe('the ranking card', () => {
  it('charts the top rows as bars, most sends first, with text bars for hosts without charts', () => {
    const answer = rankingAnswer('top-delegates');
    const card = answerCard(answer);
    const bars = chart(card)?.data as { x: string; y: number }[];
    expect(bars.map((b) => b.y)).toEqual(answer.rows.map((r) => r.count));
    expect(bars[0].x).toBe('delegate0@contoso.com');
    expect(chart(card)?.title).toBe('Genuine delegate sends per person');
    const fallbackFacts = (chart(card)?.fallback as { items: { facts?: { title: string; value: string }[] }[] }).items[1].facts ?? [];
    expect(fallbackFacts[0].value).toMatch(/^█{20} 60$/);
  });

  it('says Send on Behalf as such, and counts it apart from Send As', () => {
    const card = answerCard(rankingAnswer('top-delegates', 'en', { rows: [rankingRow(0, { count: 5, sendAs: 3, sendOnBehalf: 2 }), rankingRow(1, { count: 4, sendAs: 0, sendOnBehalf: 4 })] }));
    expect(text(card)).toContain('5 sends (3 sent as, 2 sent on behalf of)');
    expect(text(card)).toContain('4 sends (all sent on behalf of)');
    const ja = answerCard(rankingAnswer('top-delegates', 'ja', { rows: [rankingRow(0, { count: 5, sendAs: 3, sendOnBehalf: 2 })] }));
    expect(text(ja)).toContain('5 件（送信者として送信 3 件、代理人として送信 2 件）');
  });

  it('names shared mailboxes where the kind is known and says, without guessing, where it is not', () => {
    const rows = [rankingRow(0, { who: 'finance@contoso.com', mailboxKind: 'shared' }), rankingRow(1, { who: 'ceo@contoso.com', mailboxKind: 'unknown' })];
    const card = answerCard(rankingAnswer('top-mailboxes', 'en', { rows }));
    expect(text(card)).toContain('shared mailbox · 60 sends');
    expect(text(card)).toContain('kind not known · 59 sends');
    expect(text(card)).toMatch(/The kind of 1 mailbox here is not known[^"]*none is guessed/);
    const allUnknown = answerCard(rankingAnswer('top-mailboxes', 'ja', { rows: [rankingRow(0, { mailboxKind: 'unknown' })] }));
    expect(text(allUnknown)).toContain('これらが共有メールボックスかどうかは分かりません');
  });

  it('says why each external sender is external and which domains are the tenant', () => {
    const rows = [rankingRow(0, { who: 'megan@fabrikam.com', externalWhy: 'outside-domains' }), rankingRow(1, { who: 'ed_fabrikam.com#ext#@contoso.onmicrosoft.com', externalWhy: 'guest' })];
    const card = answerCard(rankingAnswer('external-senders', 'en', { rows, tenantDomains: ['contoso.com', 'contoso.co.jp'] }));
    expect(text(card)).toContain("outside the tenant's domains");
    expect(text(card)).toContain('guest account');
    expect(text(card)).toContain('(contoso.com, contoso.co.jp)');
  });

  it('shows new pairs with their first send, how far back it was checked, and an Events button per pair', () => {
    const rows = [rankingRow(0, { who: 'dana@contoso.com', mailbox: 'finance@contoso.com', first: '2025-05-02T01:00:00.000Z' })];
    const card = answerCard(rankingAnswer('new-delegates', 'en', { rows, totalRows: 1, historyFrom: '2025-03-01T00:00:00.000Z', historyGaps: 2 }));
    expect(text(card)).toContain('dana@contoso.com → finance@contoso.com');
    expect(text(card)).toMatch(/first sent 2 May 2025/);
    expect(text(card)).toMatch(/checked against every record back to 1 Mar 2025[^"]*2 gaps/);
    const drills = executeActions(card).filter((a) => a.verb === 'drill');
    expect(drills).toHaveLength(1);
    const parsed = parseCardAction(drills[0].data);
    expect(parsed.ok && parsed.action.verb === 'drill' && [parsed.action.actor, parsed.action.sentAs]).toEqual(['dana@contoso.com', 'finance@contoso.com']);
    const none = answerCard(rankingAnswer('new-delegates', 'ja', { rows: [], totalRows: 0, totalSends: 0, historyFrom: null }));
    expect(text(none)).toContain('この期間より古い記録がないため');
    expect(chart(none)).toBeUndefined();
  });

  it('says how many rows are past the top N', () => {
    const card = answerCard(rankingAnswer('top-delegates'));
    expect(text(card)).toContain('…and 4 more (40 sends).');
  });

  it('drops rows, and says so, until a card of very long addresses fits Teams', () => {
    const rows = Array.from({ length: 25 }, (_, i) => rankingRow(i, { who: `${i}${LONG_ADDRESS}`, mailbox: `${i}${LONG_ADDRESS}` }));
    const card = answerCard(rankingAnswer('new-delegates', 'en', { rows, totalRows: 25, limit: 25 }));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardProblems(card, 'ranking')).toEqual([]);
    const shown = (chart(card)?.data as unknown[]).length;
    expect(shown).toBeLessThan(25);
    expect(text(card)).toContain(`…and ${25 - shown} more`);
  });
});
