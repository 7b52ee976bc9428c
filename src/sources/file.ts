import type { Readable } from 'node:stream';
import { readAuditRecords } from '../audit/read';
import type { IngestTally } from '../store/ingest';
import { ingestBatches } from '../store/ingest';
import type { Store } from '../store/store';

/**
 * Ingests an export file's records and marks the span they cover as loaded, so answers over it do
 * not warn about missing data.
 */
export async function loadExport(input: Readable, store: Store, source: string, onProgress?: (tally: IngestTally) => void): Promise<IngestTally> {
  const tally = await ingestBatches(readAuditRecords(input, { readAt: new Date() }), store, onProgress);
  if (tally.oldest !== null && tally.newest !== null) {
    await store.markCovered({ from: tally.oldest, to: new Date(Date.parse(tally.newest) + 1).toISOString() }, source);
  }
  return tally;
}
