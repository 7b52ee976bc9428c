import type { AdaptiveCard } from './render';

/** Rows of a paged card carry `id: row-<index in the whole list>`, so their weight can be measured. */
export function rowId(index: number): string {
  return `row-${index}`;
}

const ROW_ID = /^row-(\d+)$/;

export interface PageSlice {
  /** Rows [start, end) of the whole list. */
  readonly start: number;
  readonly end: number;
  /** Zero-based page number. */
  readonly page: number;
  /** Whether rows follow this page: the card then shows a next-page button. */
  readonly hasMore: boolean;
}

export interface PageRequest {
  readonly total: number;
  readonly page: number;
  /** A readability cap: a page never holds more rows than this, however small they are. */
  readonly maxRows: number;
  readonly budgetBytes: number;
  readonly render: (slice: PageSlice) => AdaptiveCard;
  /**
   * The list's identity (the answer object). Where each page starts is remembered against it, so
   * asking for page 40 after page 39 does not measure pages 0–38 again.
   */
  readonly memoKey: object;
  /**
   * Where page `page` starts, as the previous page's next-page button recorded it. Trusted when it lies
   * inside the list, so page 40 of a re-run query costs one page of work, not forty.
   */
  readonly start?: number;
}

export interface RenderedPage extends PageSlice {
  readonly card: AdaptiveCard;
}

const pageStarts = new WeakMap<object, number[]>();

/**
 * Renders page `page` of a list, packing as many rows as fit in the budget. Pages are planned from the
 * first, so a page number always means the same rows for the same list; a page past the end gives the
 * last page (a stale button on an answer that shrank). Every page holds at least one row, so paging
 * always moves on; builders cap field lengths so that one row always fits.
 */
export function renderPage(request: PageRequest): RenderedPage {
  const starts = pageStarts.get(request.memoKey) ?? [0];
  pageStarts.set(request.memoKey, starts);
  const hint = request.start;
  if (request.page > 0 && hint !== undefined && hint > 0 && hint < request.total) starts[request.page] ??= hint;
  // Resume from the nearest page at or before the one asked for whose start is known.
  let page = Math.min(Math.max(0, request.page), starts.length - 1);
  while (page > 0 && starts[page] === undefined) page -= 1;
  let start = starts[page] ?? 0;
  for (;;) {
    const fitted = fitFrom(request, start, page);
    if (page >= request.page || !fitted.hasMore) return fitted;
    page += 1;
    start = fitted.end;
    starts[page] = start;
  }
}

function fitFrom(request: PageRequest, start: number, page: number): RenderedPage {
  const budgetUnits = Math.floor(request.budgetBytes / 2);
  const windowEnd = Math.min(request.total, start + request.maxRows);
  // Measured with the next-page button shown: it is there whenever rows remain.
  const probe = request.render({ start, end: windowEnd, page, hasMore: true });
  const probeUnits = JSON.stringify(probe).length;
  let end = windowEnd;
  if (probeUnits > budgetUnits) {
    const sizes = rowSizes(probe);
    const rowsUnits = range(start, windowEnd).reduce((sum, index) => sum + (sizes.get(index) ?? 0), 0);
    let used = probeUnits - rowsUnits;
    end = start;
    while (end < windowEnd) {
      const next = sizes.get(end) ?? 0;
      if (end > start && used + next > budgetUnits) break;
      used += next;
      end += 1;
    }
  }
  if (end + 1 === request.total && end + 1 <= windowEnd) {
    // The one row left out is the last: without the next-page button it may fit after all.
    const whole = { start, end: request.total, page, hasMore: false };
    const card = request.render(whole);
    if (JSON.stringify(card).length <= budgetUnits) return { ...whole, card };
  }
  const hasMore = end < request.total;
  const slice = { start, end, page, hasMore };
  if (end === windowEnd && hasMore) return { ...slice, card: probe };
  return { ...slice, card: request.render(slice) };
}

/** JSON code units each row element takes (its separating comma included), by row index. */
function rowSizes(card: AdaptiveCard): Map<number, number> {
  const sizes = new Map<number, number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const id = (node as { id?: unknown }).id;
    const match = typeof id === 'string' ? ROW_ID.exec(id) : null;
    if (match !== null) {
      sizes.set(Number(match[1]), JSON.stringify(node).length + 1);
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(card);
  return sizes;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
