import type { EventSink } from '../audit/graph';
import { classify } from '../classify/classify';
import type { Store } from '../store/store';

export interface SinkTally {
  inserted: number;
  duplicates: number;
}

/**
 * Classifies each page of events and stores it in one `ingest` call (one transaction); the store
 * dedupes by record id, so re-ingesting an overlap changes nothing.
 */
export function storeSink(store: Pick<Store, 'ingest'>, tally: SinkTally): EventSink {
  return async (batch) => {
    const result = await store.ingest(batch.events.map((event) => ({ event, classification: classify(event) })));
    tally.inserted += result.inserted;
    tally.duplicates += result.duplicates;
  };
}
