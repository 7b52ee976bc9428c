import type { ProvisionalPart } from '../query/answer';
import type { EventStore, TimeWindow } from '../store/store';
import type { RightsStore } from './ports';

/** The store reads rightsProvisionalPart takes. */
export type RightsFreshnessReads = Pick<RightsStore, 'rightsHistoryStart' | 'rightsCoverage'> & Pick<EventStore, 'coverage'>;

/** What rights answers say of their admin records beyond what they know from. */
export interface RightsFreshness {
  /** Where the history stops being final (null: settled up to now, or no admin record was ever loaded). */
  readonly provisional: ProvisionalPart | null;
  /** Holes inside the history: windows whose admin records were never read (admin records were off, a window failed). */
  readonly gaps: readonly TimeWindow[];
}

const ms = (iso: string): number => Date.parse(iso);

/**
 * Where the rights history stops being final, as `provisionalPart` says it of sends. Admin records come
 * in the same Graph query as the SendAs records (one query per window, re-sweeps included), so a window's
 * admin records are exactly as final as its sends: the rights coverage takes its level (provisional until
 * the window's last re-sweep, then settled) and last check from the Graph coverage of the same window
 * instead of keeping levels of its own. Not final are a rights-covered window still provisional there,
 * and the time after the newest admin records read (or after the inventory export, when that is later):
 * not fetched yet, or admin records are off. Before that, holes in the rights coverage are gaps.
 */
export async function rightsFreshness(store: RightsFreshnessReads, now: string, inventoryTakenAt: string | null): Promise<RightsFreshness> {
  const start = await store.rightsHistoryStart();
  if (start === null || ms(start) >= ms(now)) return { provisional: null, gaps: [] };
  const range: TimeWindow = { from: start, to: now };
  const [covered, spans] = await Promise.all([store.rightsCoverage(range), store.coverage(range)]);
  const provisional = spans.flatMap((span) => {
    if (span.level !== 'provisional') return [];
    const overlap = covered.find((c) => ms(c.from) < ms(span.to) && ms(c.to) > ms(span.from));
    return overlap === undefined ? [] : [{ from: ms(overlap.from) > ms(span.from) ? overlap.from : span.from, checkedAt: span.checkedAt }];
  });
  const newest = covered.at(-1)?.to ?? start;
  const knownUntil = inventoryTakenAt !== null && ms(inventoryTakenAt) > ms(newest) ? inventoryTakenAt : newest;
  const gaps = covered.slice(1).map((c, i) => ({ from: covered[i].to, to: c.from }));
  const starts = [...provisional.map((p) => p.from), ...(ms(knownUntil) < ms(now) ? [knownUntil] : [])].sort((a, b) => ms(a) - ms(b));
  if (starts.length === 0) return { provisional: null, gaps };
  const checks = provisional.map((p) => p.checkedAt).sort((a, b) => ms(a) - ms(b));
  return { provisional: { from: starts[0], checkedAt: checks[0] ?? null, whole: ms(starts[0]) <= ms(start) }, gaps };
}
