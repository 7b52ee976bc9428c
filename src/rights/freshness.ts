import type { ProvisionalPart } from '../query/answer';
import type { EventStore, TimeWindow } from '../store/store';
import type { RightsStore } from './ports';

/** The store reads rightsProvisionalPart takes. */
export type RightsFreshnessReads = Pick<RightsStore, 'rightsHistoryStart' | 'rightsCoverage'> & Pick<EventStore, 'coverage'>;

/**
 * Where the rights history stops being final, as `provisionalPart` says it of sends. Admin records come
 * in the same Graph query as the SendAs records (one query per window, re-sweeps included), so a window's
 * admin records are exactly as final as its sends: the rights coverage takes its level (provisional until
 * the window's last re-sweep, then settled) and last check from the Graph coverage of the same window
 * instead of keeping levels of its own. Not final are a rights-covered window still provisional there,
 * and the time after the newest admin records read (or after the inventory export, when that is later):
 * not fetched yet, or admin records are off. Null when no admin records were ever loaded (the answer
 * says what it knows from) or everything up to now is settled.
 */
export async function rightsProvisionalPart(store: RightsFreshnessReads, now: string, inventoryTakenAt: string | null): Promise<ProvisionalPart | null> {
  const start = await store.rightsHistoryStart();
  if (start === null || Date.parse(start) >= Date.parse(now)) return null;
  const range: TimeWindow = { from: start, to: now };
  const [covered, spans] = await Promise.all([store.rightsCoverage(range), store.coverage(range)]);
  const provisional = spans.flatMap((span) => {
    if (span.level !== 'provisional') return [];
    const overlap = covered.find((c) => c.from < span.to && c.to > span.from);
    return overlap === undefined ? [] : [{ from: Date.parse(overlap.from) > Date.parse(span.from) ? overlap.from : span.from, checkedAt: span.checkedAt }];
  });
  const newest = covered.at(-1)?.to ?? start;
  const knownUntil = inventoryTakenAt !== null && Date.parse(inventoryTakenAt) > Date.parse(newest) ? inventoryTakenAt : newest;
  const starts = [...provisional.map((p) => p.from), ...(Date.parse(knownUntil) < Date.parse(now) ? [knownUntil] : [])].sort((a, b) => Date.parse(a) - Date.parse(b));
  if (starts.length === 0) return null;
  const checks = provisional.map((p) => p.checkedAt).sort((a, b) => Date.parse(a) - Date.parse(b));
  return { from: starts[0], checkedAt: checks[0] ?? null, whole: Date.parse(starts[0]) <= Date.parse(start) };
}
