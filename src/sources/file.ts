import type { Readable } from 'node:stream';
import type { ReadItem } from '../audit/read';
import { readAuditRecords } from '../audit/read';
import type { AuditSource, IngestTally, SourceChunk } from '../ingest/stage';
import type { ContextProvider } from '../ingest/stage';
import { IngestStage } from '../ingest/stage';
import type { Store } from '../store/store';

/**
 * An export file as a source. An export is a snapshot taken at some moment we are not told, no
 * earlier than its newest record: so its span counts as checked at that record's time. The part that
 * ended past the last re-sweep before it is settled; the rest stays provisional (records Exchange
 * delivered after the export was taken are not in it), and a file is never asked again.
 */
export function exportSource(input: Readable, name: string, readAt: Date): AuditSource {
  return {
    name,
    async *chunks(): AsyncGenerator<SourceChunk> {
      let oldest: string | null = null;
      let newest: string | null = null;
      for await (const items of readAuditRecords(input, { readAt })) {
        for (const item of items as readonly ReadItem[]) {
          if (item.kind !== 'event') continue;
          if (oldest === null || item.event.time < oldest) oldest = item.event.time;
          if (newest === null || item.event.time > newest) newest = item.event.time;
        }
        yield { kind: 'records', items };
      }
      if (oldest !== null && newest !== null) {
        yield { kind: 'covered', window: { from: oldest, to: new Date(Date.parse(newest) + 1).toISOString() }, checkedAt: newest };
      }
    },
  };
}

/** Ingests an export file's records and marks the span they cover, so answers over it say how complete it is. */
export function loadExport(
  input: Readable,
  store: Store,
  source: string,
  onProgress?: (tally: IngestTally) => void,
  readAt: Date = new Date(),
  context?: ContextProvider,
): Promise<IngestTally> {
  return new IngestStage(store, undefined, context).run(exportSource(input, source, readAt), onProgress);
}
