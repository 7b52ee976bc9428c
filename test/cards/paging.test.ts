import fc from 'fast-check';
import { answerCard } from '../../src/cards';
import { renderPage, rowId } from '../../src/cards/paging';
import type { PageSlice } from '../../src/cards/paging';
import type { AdaptiveCard } from '../../src/cards/render';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/size';
import type { ActivityAnswer } from '../../src/query/answer';
import { HOSTILE, JA_NAME, LONG_ADDRESS, activityAnswer, anomaliesAnswer, rows } from './fixtures';
import { nextPageData, rowIndexes } from './support';

/** A synthetic card: a header, rows of given lengths, and a next-page button when rows follow. */
function syntheticRender(lengths: readonly number[]) {
  return (slice: PageSlice): AdaptiveCard => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'h'.repeat(200) },
      ...lengths.slice(slice.start, slice.end).map((length, i) => ({ type: 'TextBlock', id: rowId(slice.start + i), text: 'r'.repeat(length) })),
    ],
    actions: slice.hasMore ? [{ type: 'Action.Execute', title: 'Next', verb: 'page', data: { page: slice.page + 1 } }] : [],
  });
}

describe('renderPage', () => {
  it('partitions any list into pages that fit and are as full as the budget allows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 900 }), { maxLength: 120 }), fc.integer({ min: 1, max: 30 }), (lengths, maxRows) => {
        const budgetBytes = 8 * 1024;
        const render = syntheticRender(lengths);
        const memoKey = {};
        const seen: number[] = [];
        for (let page = 0; ; page++) {
          const result = renderPage({ total: lengths.length, page, maxRows, budgetBytes, render, memoKey });
          expect(result.page).toBe(page);
          expect(result.end - result.start).toBeLessThanOrEqual(maxRows);
          expect(cardBytes(result.card)).toBeLessThanOrEqual(budgetBytes);
          seen.push(...rowIndexes(result.card));
          if (result.hasMore && result.end - result.start < maxRows) {
            // One more row would not have fitted.
            const fuller = render({ start: result.start, end: result.end + 1, page, hasMore: result.end + 1 < lengths.length });
            expect(cardBytes(fuller)).toBeGreaterThan(budgetBytes);
          }
          if (!result.hasMore) break;
        }
        expect(seen).toEqual(lengths.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same page for a page number alone, with a start hint, and after walking there', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => 100 + ((i * 37) % 700));
    const render = syntheticRender(lengths);
    const walked = [0, 1, 2, 3, 4, 5].map((page) => renderPage({ total: 200, page, maxRows: 25, budgetBytes: 8192, render, memoKey: {} }));
    const memoKey = {};
    for (let page = 0; page <= 5; page++) renderPage({ total: 200, page, maxRows: 25, budgetBytes: 8192, render, memoKey });
    const hinted = renderPage({ total: 200, page: 5, maxRows: 25, budgetBytes: 8192, render, memoKey: {}, start: walked[5].start });
    expect(hinted.start).toBe(walked[5].start);
    expect(hinted.end).toBe(walked[5].end);
    expect(renderPage({ total: 200, page: 5, maxRows: 25, budgetBytes: 8192, render, memoKey }).start).toBe(walked[5].start);
  });

  it('answers a page past the end with the last page', () => {
    const render = syntheticRender([300, 300, 300]);
    const result = renderPage({ total: 3, page: 99, maxRows: 1, budgetBytes: 8192, render, memoKey: {} });
    expect(result).toMatchObject({ page: 2, start: 2, end: 3, hasMore: false });
  });

  it('still moves on when a single row is over the budget', () => {
    const render = syntheticRender([100, 20_000, 100]);
    const pages = [0, 1, 2].map((page) => renderPage({ total: 3, page, maxRows: 10, budgetBytes: 8192, render, memoKey: {} }));
    expect(pages.map((p) => [p.start, p.end])).toEqual([[0, 1], [1, 2], [2, 3]]);
  });
});

/** Walks an answer's pages the way a person would, through each card's next-page button. */
function walkPages(answer: Parameters<typeof answerCard>[0]): { cards: AdaptiveCard[]; rows: number[] } {
  const cards: AdaptiveCard[] = [];
  const seen: number[] = [];
  let options: { page: number; start?: number } = { page: 0 };
  for (;;) {
    const card = answerCard(answer, options);
    cards.push(card);
    seen.push(...rowIndexes(card));
    const next = nextPageData(card);
    if (next === undefined) break;
    expect(next.page).toBe(options.page + 1);
    options = { page: next.page as number, start: next.start as number };
  }
  return { cards, rows: seen };
}

describe('answer paging', () => {
  const mixed = rows(600, {
    actor: (i) => (i % 50 === 0 ? LONG_ADDRESS : i % 37 === 0 ? `${JA_NAME}${i}` : i % 41 === 0 ? `${HOSTILE.link}${i}` : `user${i}@contoso.com`),
  });

  it.each(['en', 'ja'] as const)('shows every row of a 600-row answer on exactly one page (%s)', (language) => {
    const answer = activityAnswer({ language, rows: mixed });
    const { cards, rows: seen } = walkPages(answer);
    expect([...seen].sort((a, b) => a - b)).toEqual(mixed.map((_, i) => i));
    expect(new Set(seen).size).toBe(mixed.length);
    for (const card of cards) expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    // Rows are packed, not sprinkled: most pages hold a dozen or more.
    expect(mixed.length / cards.length).toBeGreaterThan(10);
  });

  it('renders the same rows for a page asked by number alone, on a fresh answer object', () => {
    const answer = activityAnswer({ rows: mixed });
    const byButton = walkPages(answer).cards[7];
    const byNumber = answerCard(activityAnswer({ rows: mixed }), { page: 7 });
    expect(rowIndexes(byNumber)).toEqual(rowIndexes(byButton));
  });

  it('pages a 5,000-row answer: the first page is full, a deep page follows its start, all within budget', () => {
    const answer: ActivityAnswer = activityAnswer({ rows: rows(5000) });
    const first = answerCard(answer);
    const firstRows = rowIndexes(first);
    expect(firstRows[0]).toBe(0);
    expect(firstRows.length).toBeGreaterThanOrEqual(10);
    expect(cardBytes(first)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const next = nextPageData(first)!;
    expect(next.start).toBe(firstRows.length);
    const deep = answerCard(answer, { page: 300, start: 4000 });
    expect(rowIndexes(deep)[0]).toBe(4000);
    expect(cardBytes(deep)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(nextPageData(deep)).toMatchObject({ page: 301 });
  });

  it('pages the anomalies list the same way', () => {
    const answer = anomaliesAnswer(120, 'ja');
    const { cards, rows: seen } = walkPages(answer);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(cards.length).toBeGreaterThan(1);
  });
});
