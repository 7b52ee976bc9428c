import type { EventSink } from '../audit/graph';
import type { Store } from '../store/store';
import { IngestStage } from './stage';

export interface SinkTally {
  inserted: number;
  duplicates: number;
}

/** A Graph ingester's sink: each page of events goes through the ingestion stage in one transaction. */
export function stageSink(stage: IngestStage, tally: SinkTally): EventSink {
  return async (batch) => {
    const result = await stage.storeEvents(batch.events);
    tally.inserted += result.inserted;
    tally.duplicates += result.duplicates;
  };
}

/** The sink over a store with the default settle schedule (tests and tools that only store). */
export function storeSink(store: Pick<Store, 'ingest' | 'markCovered' | 'updateState'>, tally: SinkTally): EventSink {
  return stageSink(new IngestStage(store), tally);
}
