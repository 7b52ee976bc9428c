import type { DemoOptions, DemoRecord, PlantedAnomaly } from '../../src/audit/demo/tenant';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import { normalizeRecord } from '../../src/audit/normalize';
import { TEST_BOUNDS } from '../support/read';
import { classify } from '../../src/classify/classify';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { ClassifiedEvent } from '../../src/store/store';

const DAY = 24 * 3600_000;

export interface LoadedTenant {
  readonly store: SqliteStore;
  /** Ids of the planted records, per planted anomaly. */
  readonly planted: ReadonlyMap<PlantedAnomaly, readonly DemoRecord[]>;
  readonly events: number;
}

/**
 * A generated tenant in an in-memory SQLite store, loaded whole (no late-arrival hold-back: the
 * detectors are tested on complete data) through the production normalizer and classifier.
 * `keep` drops records, e.g. to cut the last days out; coverage is marked over the whole history.
 */
export async function loadTenant(options: DemoOptions, keep: (record: DemoRecord) => boolean = () => true): Promise<LoadedTenant> {
  const store = new SqliteStore(':memory:', { now: () => 0 });
  const planted = new Map<PlantedAnomaly, DemoRecord[]>();
  let batch: ClassifiedEvent[] = [];
  let events = 0;
  for (const record of generateDemoTenant(options)) {
    if (!keep(record)) continue;
    const { anomaly } = record.truth;
    if (anomaly !== undefined) planted.set(anomaly, [...(planted.get(anomaly) ?? []), record]);
    const result = normalizeRecord(record.auditData, TEST_BOUNDS);
    if (result.kind !== 'event') throw new Error(`generated record did not normalize: ${JSON.stringify(result)}`);
    batch.push({ event: result.event, classification: classify(result.event) });
    if (batch.length >= 5000) {
      events += (await store.ingest(batch)).inserted;
      batch = [];
    }
  }
  events += (await store.ingest(batch)).inserted;
  const end = options.end.getTime();
  await store.markCovered({ from: new Date(end - (options.days ?? 60) * DAY).toISOString(), to: options.end.toISOString() }, 'demo', { level: 'settled', checkedAt: options.end.toISOString() });
  return { store, planted, events };
}
