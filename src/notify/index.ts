import type { CloudAdapter } from 'botbuilder';
import type { ConversationHooks } from '../bot/bot';
import type { Config } from '../config';
import type { Anomaly } from '../detect/anomaly';
import { findAnomalies } from '../detect/find';
import type { IngestionHealth } from '../detect/input';
import type { DetectorSettings } from '../detect/settings';
import { ingestionHealth, readIngestStatus } from '../ingest';
import type { Timers } from '../runtime/timers';
import type { OutboxCounts, Store, TimeWindow } from '../store/store';
import { ConversationRegistry } from './conversations';
import type { EventLogger } from '../runtime/logger';
import { DeliveryWorker } from './deliver';
import { DetectionScheduler } from './scheduler';
import { AccessReviewScheduler, currentAccessReview } from './review';
import type { AdaptiveCard } from '../cards';
import { reviewCard } from '../cards/builders/review';
import type { Language } from '../i18n/reasons';
import type { PlaceLookup } from '../places/place';
import type { DirectoryLookup } from '../directory/lookup';
import type { ProactiveSender } from './sender';
import { BotFrameworkSender } from './sender';
import type { NotifySettings } from './settings';
import { DEFAULT_NOTIFY_SETTINGS } from './settings';

export { DEFAULT_NOTIFY_SETTINGS } from './settings';
export type { NotifySettings } from './settings';

/** Test seams and tuning beyond configuration. */
export interface NotifyOptions extends Partial<NotifySettings> {
  readonly timers?: Timers;
  readonly random?: () => number;
  /** Replaces the Bot Framework sender (unit tests); the adapter is then not used. */
  readonly sender?: ProactiveSender;
  /** Places client IPs for the new-country detector. */
  readonly places?: PlaceLookup;
  /** Who the actors are, for the disabled-account and guest-actor detectors. */
  readonly directory?: DirectoryLookup;
}

/** The notification side of the app: conversation hooks for the bot, detection, delivery. */
export interface Notifications {
  readonly settings: NotifySettings;
  readonly conversations: ConversationHooks;
  /**
   * findAnomalies with the configured settings, for the "anomalies" answer. What it finds is recorded
   * (not announced), so the evidence buttons on that answer find their anomaly again.
   */
  readonly findAnomalies: (window: TimeWindow) => Promise<readonly Anomaly[]>;
  readonly detection: DetectionScheduler;
  /** The monthly access review (SENDAS_REVIEW_DAY): recorded once a month, delivered through the outbox. */
  readonly accessReview: AccessReviewScheduler;
  /** Null until started. */
  delivery(): DeliveryWorker | null;
  /** Starts detection (at once, then every interval) and delivery through the bot's adapter. */
  start(adapter: CloudAdapter): void;
  /** Stops both loops; sends on the wire finish first. */
  stop(): Promise<void>;
  health(): Promise<OutboxCounts>;
}

/** Configuration (SENDAS_NOTIFY_*, SENDAS_WATCHLIST) over the defaults, then the caller's overrides. */
export function notifySettingsOf(config: Config, overrides: Partial<NotifySettings> = {}): NotifySettings {
  const { notify } = config;
  return {
    ...DEFAULT_NOTIFY_SETTINGS,
    detectEveryMs: notify.everyMinutes * 60_000,
    windowMs: notify.windowHours * 3_600_000,
    catchUpMs: notify.catchUpHours * 3_600_000,
    minSeverity: notify.minSeverity,
    watchlist: notify.watchlist,
    ...overrides,
  };
}

/**
 * Assembles notifications over the store. Nothing runs until `start`; the hooks work at once, so a
 * subscribe before the first delivery pass is kept and delivered when it runs.
 */
export function createNotifications(config: Config, store: Store, logger: EventLogger, now: () => Date, options: NotifyOptions = {}): Notifications {
  const { timers, random, sender: givenSender, places, directory, ...overrides } = options;
  const settings = notifySettingsOf(config, overrides);
  const clock = { now };
  const detectorSettings: Partial<DetectorSettings> = settings.watchlist.length > 0 ? { watchlist: settings.watchlist } : {};
  // The ingestion-failing detector needs the live ingester's health; a demo or export file has none.
  const ingestion = async (): Promise<IngestionHealth | null> => {
    if (config.auditSource.kind !== 'graph') return null;
    const status = await readIngestStatus(store, now());
    return status === null ? null : ingestionHealth(status);
  };
  const detect = async (window: TimeWindow, at: Date): Promise<Anomaly[]> =>
    findAnomalies(store, { window, now: at, settings: detectorSettings, ingestion: await ingestion(), places, directory });

  let delivery: DeliveryWorker | null = null;
  const wake = (): void => delivery?.wake();
  const detection = new DetectionScheduler({ store, detect, clock, settings, logger, onEnqueued: wake, timers });
  const conversations = new ConversationRegistry({ store, clock, catchUpMs: settings.catchUpMs, logger, onEnqueued: wake });
  const reviewSettings = { keepDays: config.notify.reviewKeepDays };
  const accessReview = new AccessReviewScheduler({ store, clock, day: config.notify.reviewDay, settings: reviewSettings, logger, onEnqueued: wake, timers });
  const accessReviewCard = async (language: Language, timeZone: string): Promise<AdaptiveCard> => reviewCard(await currentAccessReview(store, now(), reviewSettings), language, timeZone);

  return {
    settings,
    conversations,
    findAnomalies: async (window) => {
      const at = now();
      const found = await detect(window, at);
      await store.recordAnomalies(found, at.toISOString(), { announce: false });
      return found;
    },
    detection,
    accessReview,
    delivery: () => delivery,
    start(adapter) {
      if (delivery !== null) return;
      const sender =
        givenSender ?? new BotFrameworkSender(adapter, config.botId, settings.sendTimeoutMs, () => now().getTime(), (message) => logger.warn({ event: 'notify-setup' }, message));
      delivery = new DeliveryWorker({ store, sender, clock, settings, logger, random, timers, accessReviewCard });
      delivery.start();
      detection.start();
      accessReview.start();
    },
    async stop() {
      await detection.stop();
      await accessReview.stop();
      await delivery?.stop();
    },
    health: () => store.outboxCounts(),
  };
}
