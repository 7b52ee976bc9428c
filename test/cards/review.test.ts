import { MAX_REVIEW_RIGHTS, reviewCard } from '../../src/cards/builders/review';
import { parseCardAction } from '../../src/cards/actions';
import { cardText } from '../support/activities';
import { accessReviewAnswer } from './fixtures';

/** Every Action.Execute's data on a card, in order. */
function buttons(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('the access-review card', () => {
  it('shows each dormant right under its mailbox with Keep and Remove naming that right, in the card’s language', () => {
    const card = reviewCard(accessReviewAnswer(3), 'en', 'UTC');
    const text = cardText(card);
    expect(text).toMatch(/^Access review$/m);
    expect(text).toMatch(/^shared0@contoso\.com$/m);
    expect(text).toMatch(/^person0@contoso\.com — Send As$/m);
    expect(text).toMatch(/^person2@contoso\.com — Full Access$/m);
    expect(text).toMatch(/since 1 Jun 2026 09:00 · granted by it\.admin@contoso\.com · never used/);
    const pressed = buttons(card);
    expect(pressed).toEqual([
      { verb: 'review-keep', mailbox: 'shared0@contoso.com', trustee: 'person0@contoso.com', right: 'SendAs', lang: 'en' },
      { verb: 'review-remove', mailbox: 'shared0@contoso.com', trustee: 'person0@contoso.com', right: 'SendAs', lang: 'en' },
      { verb: 'review-keep', mailbox: 'shared1@contoso.com', trustee: 'person1@contoso.com', right: 'SendOnBehalf', lang: 'en' },
      { verb: 'review-remove', mailbox: 'shared1@contoso.com', trustee: 'person1@contoso.com', right: 'SendOnBehalf', lang: 'en' },
      { verb: 'review-keep', mailbox: 'shared2@contoso.com', trustee: 'person2@contoso.com', right: 'FullAccess', lang: 'en' },
      { verb: 'review-remove', mailbox: 'shared2@contoso.com', trustee: 'person2@contoso.com', right: 'FullAccess', lang: 'en' },
    ]);
    for (const data of pressed) expect(parseCardAction(data).ok).toBe(true);
    expect(JSON.stringify(card)).not.toMatch(/Remove-RecipientPermission/);
    expect(text).toMatch(/no write access to Exchange/);
  });

  it('shows a decided right with its decision, who and when, and no buttons; a removal with its exact command, verbatim', () => {
    const card = reviewCard(accessReviewAnswer(2, { decided: 2, trustee: (i) => (i === 1 ? "o'brien_x@contoso.com" : `person${i}@contoso.com`) }), 'en', 'Asia/Tokyo');
    const text = cardText(card);
    expect(text).toMatch(/Kept by reviewer@contoso\.com, 1 Nov 2026 18:00/);
    expect(text).toMatch(/Removal decided by reviewer@contoso\.com, 1 Nov 2026 18:00; the right is still held/);
    expect(text).toMatch(/Run this in Exchange Online PowerShell/);
    // Underscores and quotes come through as typed: the command is a TextRun, never markdown.
    expect(text).toContain("Set-Mailbox -Identity 'shared1@contoso.com' -GrantSendOnBehalfTo @{Remove='o''brien_x@contoso.com'}");
    expect(buttons(card)).toEqual([]);
  });

  it(`shows the first ${MAX_REVIEW_RIGHTS} rights, says how many more, and asks the dormant-rights question for the rest`, () => {
    const card = reviewCard(accessReviewAnswer(40), 'en', 'UTC');
    const keeps = buttons(card).filter((b) => b.verb === 'review-keep');
    expect(keeps).toHaveLength(MAX_REVIEW_RIGHTS);
    expect(cardText(card)).toMatch(new RegExp(`${40 - MAX_REVIEW_RIGHTS} more rights not shown\\. Ask "dormant rights" for all of them\\.`));
    expect(buttons(card).filter((b) => b.verb === 'ask')).toEqual([{ verb: 'ask', question: 'dormant rights', lang: 'en' }]);
  });

  it('in Japanese: Japanese words, and the rest asked for with the Japanese question', () => {
    const card = reviewCard(accessReviewAnswer(20), 'ja', 'Asia/Tokyo');
    const text = cardText(card);
    expect(text).toMatch(/^アクセス レビュー$/m);
    expect(text).toMatch(/^残す$/m);
    expect(text).toMatch(/^削除する$/m);
    // Japanese words weigh more: the card may hold fewer rights under the size budget, and counts the rest.
    const shown = buttons(card).filter((b) => b.verb === 'review-keep').length;
    expect(shown).toBeGreaterThanOrEqual(5);
    expect(text).toContain(`ほかに ${20 - shown} 件の権限があります。すべて表示するには「使われていない権限」と質問してください。`);
    expect(buttons(card).find((b) => b.verb === 'ask')).toEqual({ verb: 'ask', question: '使われていない権限', lang: 'ja' });
  });

  it('with nothing to review says so, with no buttons', () => {
    const card = reviewCard(accessReviewAnswer(0), 'en', 'UTC');
    expect(cardText(card)).toMatch(/Nothing to review/);
    expect(buttons(card)).toEqual([]);
  });
});
