import type { AuditEvent } from '../audit/event';
import type { Store } from '../store/store';

/**
 * Detection runs over an event-time window (the last 48 hours by default), but a re-sweep can store a
 * record 50+ hours after it happened. The stage notes the oldest event time stored since detection
 * last looked; the next detection run reaches back to it, so a late record is seen like any other.
 */
export const ARRIVALS_KEY = 'ingest.arrivals-from';

/** Detection reaches back at most this far: older records come from a backfill or an export, history rather than news. */
export const MAX_LATE_REACH_MS = 4 * 24 * 3600_000;

export async function noteArrivals(store: Pick<Store, 'updateState'>, events: readonly AuditEvent[]): Promise<void> {
  await noteArrivalsFrom(store, events.reduce((min, e) => (e.time < min ? e.time : min), events[0].time));
}

/** Notes records stored from `oldest` on (also how a failed detection run puts back what it took). */
export async function noteArrivalsFrom(store: Pick<Store, 'updateState'>, oldest: string): Promise<void> {
  await store.updateState(ARRIVALS_KEY, (current) => ({ value: current === null || current === '' || oldest < current ? oldest : null, result: undefined }));
}

/** The oldest event time stored since the last call (cleared by it), no older than MAX_LATE_REACH_MS before `now`; null when none. */
export async function takeArrivals(store: Pick<Store, 'updateState'>, now: Date): Promise<string | null> {
  // Emptied, not deleted: updateState cannot delete, and '' reads as nothing noted.
  const oldest = await store.updateState(ARRIVALS_KEY, (current) => ({ value: current === null || current === '' ? null : '', result: current }));
  if (oldest === null || oldest === '') return null;
  const floor = new Date(now.getTime() - MAX_LATE_REACH_MS).toISOString();
  return oldest < floor ? floor : oldest;
}
