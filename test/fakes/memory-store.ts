import type { ClassifiedEvent, IngestResult, StateUpdate, Store, TimeWindow } from '../../src/store/store';

/** The Store methods ingestion uses. */
export type IngestingStore = Pick<Store, 'ingest' | 'getState' | 'setState' | 'updateState' | 'markCovered' | 'uncovered'>;

/**
 * An in-memory stand-in for the parts of the Store that ingestion uses, with the same contract:
 * ingest dedupes by id in one step, state values survive as long as the object, covered windows
 * merge. Tests read `events`, `covered` and `state` directly.
 */
export class MemoryStore implements IngestingStore {
  readonly events = new Map<string, ClassifiedEvent>();
  readonly state = new Map<string, string>();
  readonly covered: { window: TimeWindow; source: string }[] = [];
  ingestCalls = 0;

  ingest(batch: readonly ClassifiedEvent[]): Promise<IngestResult> {
    this.ingestCalls += 1;
    let inserted = 0;
    let duplicates = 0;
    for (const item of batch) {
      if (this.events.has(item.event.id)) {
        duplicates += 1;
      } else {
        this.events.set(item.event.id, item);
        inserted += 1;
      }
    }
    return Promise.resolve({ inserted, duplicates });
  }

  getState(key: string): Promise<string | null> {
    return Promise.resolve(this.state.get(key) ?? null);
  }

  setState(key: string, value: string): Promise<void> {
    this.state.set(key, value);
    return Promise.resolve();
  }

  /** Atomic as the real stores are: nothing else runs between the read and the write. */
  updateState<T>(key: string, change: (current: string | null) => StateUpdate<T>): Promise<T> {
    const { value, result } = change(this.state.get(key) ?? null);
    if (value !== null) this.state.set(key, value);
    return Promise.resolve(result);
  }

  markCovered(window: TimeWindow, source: string): Promise<void> {
    this.covered.push({ window, source });
    return Promise.resolve();
  }

  /** The parts of `window` no covered window touches, in order. */
  uncovered(window: TimeWindow): Promise<TimeWindow[]> {
    const spans = this.covered
      .map((c) => [Date.parse(c.window.from), Date.parse(c.window.to)] as const)
      .sort((a, b) => a[0] - b[0]);
    const gaps: TimeWindow[] = [];
    let cursor = Date.parse(window.from);
    const end = Date.parse(window.to);
    for (const [from, to] of spans) {
      if (to <= cursor) continue;
      if (from >= end) break;
      if (from > cursor) gaps.push({ from: new Date(cursor).toISOString(), to: new Date(from).toISOString() });
      cursor = Math.max(cursor, to);
    }
    if (cursor < end) gaps.push({ from: new Date(cursor).toISOString(), to: new Date(end).toISOString() });
    return Promise.resolve(gaps);
  }

  ids(): string[] {
    return [...this.events.keys()].sort();
  }
}
