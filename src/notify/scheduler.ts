import type { Anomaly } from '../detect/anomaly';
import { describeError } from '../errors';
import { noteArrivalsFrom, takeArrivals } from '../ingest/late';
import type { Clock } from '../runtime/clock';
import type { EventLogger } from '../runtime/logger';
import { PeriodicLoop } from '../runtime/loop';
import type { Timers } from '../runtime/timers';
import type { Store, TimeWindow } from '../store/store';
import type { NotifySettings } from './settings';
import { atLeast } from './settings';

/** Finds the anomalies in a window (findAnomalies over the store, with the configured settings). */
export type Detect = (window: TimeWindow, now: Date) => Promise<readonly Anomaly[]>;

export interface DetectionDeps {
  readonly store: Pick<Store, 'recordAnomalies' | 'updateState'>;
  readonly detect: Detect;
  readonly clock: Clock;
  readonly settings: Pick<NotifySettings, 'detectEveryMs' | 'windowMs' | 'minSeverity'>;
  readonly logger: EventLogger;
  /** Called when a run enqueued deliveries: the delivery loop should look now. */
  readonly onEnqueued: () => void;
  readonly timers?: Timers;
}

export interface DetectionReport {
  readonly found: number;
  /** Keys new to the store. */
  readonly added: number;
  readonly announced: number;
  readonly enqueued: number;
  readonly failed: boolean;
}

/**
 * Every `detectEveryMs`: run the detectors over the last `windowMs`, reaching further back to the
 * oldest record stored since the last run (a re-sweep stores records days late), record what they
 * find, and announce what is severe enough, which enqueues one delivery per subscribed conversation.
 * Runs overlap on purpose (late events, restarts); stable keys make a second sighting a no-op.
 */
export class DetectionScheduler {
  private readonly loop: PeriodicLoop;
  private active: Promise<DetectionReport> | null = null;

  constructor(private readonly deps: DetectionDeps) {
    this.loop = new PeriodicLoop({ run: async () => void (await this.runOnce()), nextDelayMs: () => this.deps.settings.detectEveryMs }, deps.timers);
  }

  /** Runs at once, then every interval. */
  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.active;
  }

  /** One run; concurrent calls share it. The detection error boundary: nothing escapes. */
  runOnce(): Promise<DetectionReport> {
    if (this.active !== null) return this.active;
    this.active = this.run().finally(() => {
      this.active = null;
    });
    return this.active;
  }

  /**
   * A run that sees every record stored before the call: the live feed calls it after a run that stored
   * new records, so they are looked at within the feed's minute, not at the next interval. A run already
   * under way may have read the store before them, so this one follows it.
   */
  async runForNewRecords(): Promise<DetectionReport> {
    if (this.active !== null) await this.active;
    return this.runOnce();
  }

  private async run(): Promise<DetectionReport> {
    const { store, settings, logger } = this.deps;
    const now = this.deps.clock.now();
    let window = { from: new Date(now.getTime() - settings.windowMs).toISOString(), to: now.toISOString() };
    let arrivals: string | null = null;
    try {
      arrivals = await takeArrivals(store, now);
      if (arrivals !== null && arrivals < window.from) window = { ...window, from: arrivals };
      const found = await this.deps.detect(window, now);
      const loud = found.filter((a) => atLeast(a.severity, settings.minSeverity));
      const quiet = found.filter((a) => !atLeast(a.severity, settings.minSeverity));
      const at = now.toISOString();
      const announced = await store.recordAnomalies(loud, at, { announce: true });
      const recorded = await store.recordAnomalies(quiet, at, { announce: false });
      const report = { found: found.length, added: announced.added + recorded.added, announced: announced.announced, enqueued: announced.enqueued, failed: false };
      if (report.added > 0 || report.enqueued > 0) {
        logger.info({ event: 'anomalies-detected', window, ...report, kinds: [...new Set(loud.map((a) => a.kind))].sort() }, 'anomaly detection run');
      }
      if (report.enqueued > 0) this.deps.onEnqueued();
      return report;
    } catch (error) {
      logger.error({ event: 'detection-failed', window, err: describeError(error) }, 'anomaly detection failed; it runs again at the next interval');
      if (arrivals !== null) await noteArrivalsFrom(store, arrivals).catch(() => undefined);
      return { found: 0, added: 0, announced: 0, enqueued: 0, failed: true };
    }
  }
}
