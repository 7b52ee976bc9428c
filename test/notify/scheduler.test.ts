import type { Anomaly } from '../../src/detect/anomaly';
import type { Timers } from '../../src/runtime/timers';
import { DetectionScheduler } from '../../src/notify/scheduler';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { TimeWindow } from '../../src/store/store';
import { FakeClock } from '../fakes/clock';
import { anomaly, conversation } from './fixtures';
import { ManualTimers, memoryLogger, until } from './support';

describe('the detection scheduler', () => {
  let store: SqliteStore;
  let clock: FakeClock;
  let found: Anomaly[];
  let windows: { window: TimeWindow; now: string }[];
  let enqueued: number;
  const logger = memoryLogger();
  const settings = { detectEveryMs: 300_000, windowMs: 48 * 3600_000, minSeverity: 'low' as const };

  function scheduler(detect = (window: TimeWindow, now: Date) => {
    windows.push({ window, now: now.toISOString() });
    return Promise.resolve(found);
  }, timers?: Timers): DetectionScheduler {
    return new DetectionScheduler({
      store,
      clock,
      settings,
      logger,
      timers,
      detect,
      onEnqueued: () => {
        enqueued += 1;
      },
    });
  }

  beforeEach(async () => {
    store = new SqliteStore(':memory:', { now: () => 0 });
    clock = new FakeClock('2026-11-20T06:00:00.000Z');
    found = [];
    windows = [];
    enqueued = 0;
    await store.saveConversation(conversation('a:one'), clock.now().toISOString());
    await store.subscribe('a:one', { at: clock.now().toISOString(), locale: 'en', timeZone: 'UTC', catchUpFrom: null });
  });
  afterEach(() => store.close());

  it('looks back over the window, announces what is severe enough, keeps the rest for answers', async () => {
    const loud = anomaly({ severity: 'high' });
    const low = anomaly({ kind: 'risky-client', severity: 'low' });
    const info = anomaly({ kind: 'noise-surge', severity: 'info' });
    found = [loud, low, info];
    expect(await scheduler().runOnce()).toEqual({ found: 3, added: 3, announced: 2, enqueued: 2, failed: false });
    expect(windows).toEqual([{ window: { from: '2026-11-18T06:00:00.000Z', to: '2026-11-20T06:00:00.000Z' }, now: '2026-11-20T06:00:00.000Z' }]);
    expect(enqueued).toBe(1);
    expect((await store.listDeliveries()).map((d) => d.anomalyKey).sort()).toEqual([loud.key, low.key].sort());
    expect((await store.getAnomaly(info.key))?.announcedAt).toBeNull();
  });

  it('finds the same anomalies again in an overlapping run and notifies nothing new', async () => {
    found = [anomaly()];
    await scheduler().runOnce();
    clock.advance(300_000);
    expect(await scheduler().runOnce()).toEqual({ found: 1, added: 0, announced: 0, enqueued: 0, failed: false });
    expect(enqueued).toBe(1);
    expect(await store.listDeliveries()).toHaveLength(1);
  });

  it('logs a failed run and carries on', async () => {
    const failing = scheduler(() => Promise.reject(new Error('store busy')));
    expect(await failing.runOnce()).toMatchObject({ failed: true });
    expect(logger.events('detection-failed').at(-1)?.fields).toMatchObject({ err: expect.stringContaining('store busy') });
  });

  it('runs at once, then every interval, and stops', async () => {
    const timers = new ManualTimers(clock);
    const s = scheduler(undefined, timers);
    s.start();
    await until(() => windows.length === 1 && timers.asked.length === 1);
    expect(timers.asked).toEqual([300_000]);
    expect(timers.tick()).toBe(true);
    await until(() => windows.length === 2);
    expect(windows[1].now).toBe('2026-11-20T06:05:00.000Z');
    await s.stop();
    expect(timers.tick()).toBe(false);
    expect(windows).toHaveLength(2);
  });

  it('runs for new records after a run already under way, which may have read the store before them', async () => {
    let release: (() => void) | null = null;
    const s = scheduler((window, now) => {
      windows.push({ window, now: now.toISOString() });
      // The first run is held until the test lets it finish.
      return windows.length === 1 ? new Promise((resolve) => (release = () => resolve(found))) : Promise.resolve(found);
    });
    const underWay = s.runOnce();
    const forNew = s.runForNewRecords();
    await until(() => release !== null);
    expect(windows).toHaveLength(1);
    release!();
    await underWay;
    await forNew;
    expect(windows).toHaveLength(2);
    // With nothing under way it is one run, at once.
    await s.runForNewRecords();
    expect(windows).toHaveLength(3);
  });
});
