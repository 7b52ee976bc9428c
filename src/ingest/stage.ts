import type { AuditEvent } from '../audit/event';
import type { ReadItem } from '../audit/read';
import { describePosition } from '../audit/read';
import { classify } from '../classify/classify';
import type { ClassifyContext } from '../classify/context';
import type { IngestResult, Store, TimeWindow } from '../store/store';
import { noteArrivals } from './late';
import type { SettleSchedule } from './settle';
import { DEFAULT_SETTLE_SCHEDULE, coverageMarks } from './settle';

/** The Store methods the ingestion stage writes with. */
export type StageStore = Pick<Store, 'ingest' | 'markCovered' | 'updateState'>;

export interface IngestTally {
  inserted: number;
  duplicates: number;
  skipped: number;
  rejected: number;
  /** ISO UTC of the oldest and newest event read. */
  oldest: string | null;
  newest: string | null;
  /** The first rejections, by position, for the admin to act on; all are counted. */
  readonly rejections: string[];
}

/**
 * Events per transaction. Each commit writes every index page it touched, and random keys (ids,
 * addresses) touch most of them, so fewer, larger commits write far less; 10,000 keeps peak memory
 * of a 1M-record load under 400 MB (20,000 was 10 s faster and 110 MB bigger).
 */
export const INGEST_BATCH = 10_000;
const KEPT_REJECTIONS = 100;

export function emptyIngestTally(): IngestTally {
  return { inserted: 0, duplicates: 0, skipped: 0, rejected: 0, oldest: null, newest: null, rejections: [] };
}

/**
 * What the classifier should know beyond each record of a batch (tenant domains, the mailbox's kind and
 * connector history), worked out once per batch: see `batchContext` in query/context.ts.
 */
export type ContextProvider = (events: readonly AuditEvent[]) => Promise<(event: AuditEvent) => ClassifyContext>;

/**
 * What a source hands the stage, in order: records it read, and (after them) a window it has now read
 * completely, with when it asked. A Graph query, an export file, the demo tenant and a live feed are
 * all sources; the stage classifies, stores, and marks coverage by one rule.
 */
export type SourceChunk = { readonly kind: 'records'; readonly items: readonly ReadItem[] } | { readonly kind: 'covered'; readonly window: TimeWindow; readonly checkedAt: string };

export interface AuditSource {
  /** Coverage is kept per source: `graph`, `demo`, `file:PATH`. */
  readonly name: string;
  chunks(): AsyncIterable<SourceChunk> | Iterable<SourceChunk>;
}

/**
 * The one ingestion stage: records from any source are classified and stored (the store dedupes by
 * record id, so a re-sweep or an overlap changes nothing), newly stored records are noted for the
 * detectors however late they came, and completed windows are marked provisional or settled by the
 * settle schedule.
 */
export class IngestStage {
  constructor(
    private readonly store: StageStore,
    readonly schedule: SettleSchedule = DEFAULT_SETTLE_SCHEDULE,
    /** Without one, records are classified on their own fields alone. */
    private readonly context?: ContextProvider,
  ) {}

  /** Classifies and stores events in one transaction. */
  async storeEvents(events: readonly AuditEvent[]): Promise<IngestResult> {
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    const contextOf = this.context === undefined ? null : await this.context(events);
    const result = await this.store.ingest(events.map((event) => ({ event, classification: contextOf === null ? classify(event) : classify(event, contextOf(event)) })));
    if (result.inserted > 0) await noteArrivals(this.store, events);
    return result;
  }

  /** Marks a window read completely at `checkedAt`: settled where past the last re-sweep, provisional otherwise. */
  async cover(window: TimeWindow, source: string, checkedAt: string): Promise<void> {
    for (const { window: part, mark } of coverageMarks(window, checkedAt, this.schedule)) await this.store.markCovered(part, source, mark);
  }

  /** Runs a source to its end, storing in transactions of INGEST_BATCH events; `onProgress` after each. */
  async run(source: AuditSource, onProgress?: (tally: IngestTally) => void): Promise<IngestTally> {
    const tally = emptyIngestTally();
    let pending: AuditEvent[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const result = await this.storeEvents(pending);
      tally.inserted += result.inserted;
      tally.duplicates += result.duplicates;
      pending = [];
      onProgress?.(tally);
    };
    for await (const chunk of source.chunks()) {
      if (chunk.kind === 'covered') {
        await flush();
        await this.cover(chunk.window, source.name, chunk.checkedAt);
        continue;
      }
      for (const item of chunk.items) {
        if (item.kind === 'event') {
          pending.push(item.event);
          if (tally.oldest === null || item.event.time < tally.oldest) tally.oldest = item.event.time;
          if (tally.newest === null || item.event.time > tally.newest) tally.newest = item.event.time;
        } else if (item.kind === 'skipped') {
          tally.skipped += 1;
        } else {
          tally.rejected += 1;
          if (tally.rejections.length < KEPT_REJECTIONS) tally.rejections.push(`${describePosition(item.at)}: ${item.rejection.message}`);
        }
      }
      if (pending.length >= INGEST_BATCH) await flush();
    }
    await flush();
    return tally;
  }
}
