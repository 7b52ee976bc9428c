import type { Anomaly } from '../../src/detect/anomaly';
import { MAX_LATE_REACH_MS, takeArrivals } from '../../src/ingest/late';
import { IngestStage } from '../../src/ingest/stage';
import { DetectionScheduler } from '../../src/notify/scheduler';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { TimeWindow } from '../../src/store/store';
import { event } from '../support/events';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const HOUR = 3600_000;
const hoursAgo = (h: number): string => new Date(NOW.getTime() - h * HOUR).toISOString();
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('records stored late reach the detectors', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('notes the oldest event time stored since detection last looked, once, and nothing for duplicates', async () => {
    const stage = new IngestStage(store);
    await stage.storeEvents([event({ id: 'a', time: hoursAgo(10) }), event({ id: 'b', time: hoursAgo(55) })]);
    await stage.storeEvents([event({ id: 'c', time: hoursAgo(20) })]);
    expect(await takeArrivals(store, NOW)).toBe(hoursAgo(55));
    expect(await takeArrivals(store, NOW)).toBeNull();
    await stage.storeEvents([event({ id: 'b', time: hoursAgo(55) })]);
    expect(await takeArrivals(store, NOW)).toBeNull();
    await stage.storeEvents([event({ id: 'history', time: hoursAgo(24 * 30) })]);
    expect(await takeArrivals(store, NOW)).toBe(new Date(NOW.getTime() - MAX_LATE_REACH_MS).toISOString());
  });

  it('a detection run reaches back to a record stored 55 hours late, then returns to its usual window; a failed run keeps it for the next', async () => {
    const windows: TimeWindow[] = [];
    let fail = false;
    const detection = new DetectionScheduler({
      store,
      detect: (window) => {
        windows.push(window);
        return fail ? Promise.reject(new Error('store unavailable')) : Promise.resolve([] as Anomaly[]);
      },
      clock: { now: () => NOW },
      settings: { detectEveryMs: 5 * 60_000, windowMs: 48 * HOUR, minSeverity: 'low' },
      logger: silent,
      onEnqueued: () => undefined,
    });
    await new IngestStage(store).storeEvents([event({ id: 'late', time: hoursAgo(55) })]);
    fail = true;
    await detection.runOnce();
    fail = false;
    await detection.runOnce();
    await detection.runOnce();
    expect(windows.map((w) => w.from)).toEqual([hoursAgo(55), hoursAgo(55), hoursAgo(48)]);
  });
});
