import type { Anomaly } from '../../src/detect/anomaly';
import { findAnomalies } from '../../src/detect/find';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { ClassifiedEvent } from '../../src/store/store';

export interface Availability {
  readonly id: string;
  /** When it happened. */
  readonly time: number;
  /** The first moment the app could read it. */
  readonly availableAt: number;
}

export interface Detectable {
  readonly at: number;
  /** The record whose availability made the anomaly detectable: for a spike, the send that took the day over the threshold. */
  readonly recordId: string;
}

/**
 * When an anomaly first became detectable: the earliest moment at which the records available by then
 * (each classified as it was when stored) make the detectors raise its key. Found by replaying them into a
 * fresh store and bisecting over the moments records became available, from its first cited record on; a
 * record makes no anomaly undetectable again, so the answer is monotone. Null when even everything
 * available by `until` does not raise it.
 */
export async function detectableAt(
  anomaly: Anomaly,
  until: number,
  byAvailability: readonly Availability[],
  classified: ReadonlyMap<string, ClassifiedEvent>,
  windowMs: number,
): Promise<Detectable | null> {
  const cited = new Set(anomaly.evidence);
  const from = Math.min(...byAvailability.filter((r) => cited.has(r.id)).map((r) => r.time));
  const candidates = byAvailability.filter((r) => r.availableAt >= from && r.availableAt <= until);
  const raises = async (at: number): Promise<boolean> => {
    const store = new SqliteStore(':memory:', { now: () => at });
    try {
      await store.ingest(byAvailability.filter((r) => r.availableAt <= at).flatMap((r) => classified.get(r.id) ?? []));
      const found = await findAnomalies(store, { window: { from: new Date(at - windowMs).toISOString(), to: new Date(at).toISOString() }, now: new Date(at) });
      return found.some((a) => a.key === anomaly.key);
    } finally {
      await store.close();
    }
  };
  if (candidates.length === 0 || !(await raises(candidates[candidates.length - 1].availableAt))) return null;
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (await raises(candidates[mid].availableAt)) hi = mid;
    else lo = mid + 1;
  }
  return { at: candidates[lo].availableAt, recordId: candidates[lo].id };
}
