import type { DemoOptions } from '../audit/demo/tenant';
import { generateDemoTenant } from '../audit/demo/tenant';
import { normalizeRecord, timeBoundsAt } from '../audit/normalize';
import { classify } from '../classify/classify';
import type { ClassifiedEvent, Store } from '../store/store';

export interface DemoLoad {
  readonly inserted: number;
  /** Records that happened before `now` but have not "arrived" yet: Exchange's late delivery. */
  readonly stillInFlight: number;
  readonly window: { readonly from: string; readonly to: string };
}

const DAY = 24 * 3600_000;

/**
 * Loads the demo tenant's history ending at `now` into the store, holding back records whose
 * simulated arrival is still in the future, so the demo shows late-arriving data like a real tenant.
 */
export async function loadDemoTenant(store: Store, options: Omit<DemoOptions, 'end'>, now: Date): Promise<DemoLoad> {
  const days = options.days ?? 60;
  let batch: ClassifiedEvent[] = [];
  let inserted = 0;
  let stillInFlight = 0;
  const bounds = timeBoundsAt(now);
  for (const { auditData, truth } of generateDemoTenant({ ...options, end: now })) {
    if (Date.parse(truth.arrival) > now.getTime()) {
      stillInFlight += 1;
      continue;
    }
    const result = normalizeRecord(auditData, bounds);
    if (result.kind !== 'event') continue;
    batch.push({ event: result.event, classification: classify(result.event) });
    if (batch.length >= 2000) {
      inserted += (await store.ingest(batch)).inserted;
      batch = [];
    }
  }
  inserted += (await store.ingest(batch)).inserted;
  const window = { from: new Date(now.getTime() - days * DAY).toISOString(), to: now.toISOString() };
  await store.markCovered(window, 'demo');
  return { inserted, stillInFlight, window };
}
