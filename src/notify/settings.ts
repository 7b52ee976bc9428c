import type { Severity } from '../detect/anomaly';

/** A sliding-window cap: at most `max` sends in any `windowMs`. */
export interface RateLimit {
  readonly windowMs: number;
  readonly max: number;
}

/** Everything that tunes notifications; config.ts fills the first block from the environment. */
export interface NotifySettings {
  /** How often detection runs (SENDAS_NOTIFY_EVERY_MINUTES). */
  readonly detectEveryMs: number;
  /** The hunt window each run looks back over; runs overlap, keys are stable (SENDAS_NOTIFY_WINDOW_HOURS). */
  readonly windowMs: number;
  /** A new subscriber also gets announced anomalies whose activity is this recent; 0 for none (SENDAS_NOTIFY_CATCH_UP_HOURS). */
  readonly catchUpMs: number;
  /** Anomalies below this severity are shown in answers but never pushed (SENDAS_NOTIFY_MIN_SEVERITY). */
  readonly minSeverity: Severity;
  /** Mailboxes whose every delegate send is an anomaly (SENDAS_WATCHLIST). */
  readonly watchlist: readonly string[];

  /** How long a claimed delivery may stay on the wire before its outcome counts as unknown. */
  readonly leaseMs: number;
  /** Longest wait for the Bot Connector's answer to one send. */
  readonly sendTimeoutMs: number;
  /** Attempts before a delivery is given up (dead). */
  readonly maxAttempts: number;
  /** Backoff without Retry-After: base × 2^(attempt − 1), ±20 % jitter, capped. */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** A Retry-After longer than this is cut to it. */
  readonly retryAfterCapMs: number;
  /** Conversations sent to at once. */
  readonly concurrency: number;
  /** Anomalies in one card; more wait for the next. */
  readonly maxPerCard: number;
  /** Caps per conversation and per tenant, under Teams' published limits. */
  readonly perConversation: readonly RateLimit[];
  readonly perTenant: readonly RateLimit[];
  /** Longest the delivery loop sleeps with nothing due (a safety net; work wakes it). */
  readonly idleMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Teams allows a bot 7 sends per second, 60 per 30 s and 1800 per hour in one conversation, and an app
 * 30 requests per second per tenant (msteams-docs bots/how-to/rate-limit.md). We stay at half or less:
 * one card per conversation per second is plenty when a cycle's anomalies go out as one card.
 */
export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  detectEveryMs: 5 * MINUTE,
  windowMs: 48 * HOUR,
  catchUpMs: 48 * HOUR,
  minSeverity: 'low',
  watchlist: [],
  leaseMs: 2 * MINUTE,
  sendTimeoutMs: 30 * SECOND,
  maxAttempts: 12,
  backoffBaseMs: 5 * SECOND,
  backoffCapMs: 15 * MINUTE,
  retryAfterCapMs: HOUR,
  concurrency: 4,
  maxPerCard: 25,
  perConversation: [
    { windowMs: SECOND, max: 1 },
    { windowMs: 30 * SECOND, max: 30 },
    { windowMs: HOUR, max: 900 },
  ],
  perTenant: [{ windowMs: SECOND, max: 15 }],
  idleMs: 10 * MINUTE,
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 3, medium: 2, low: 1, info: 0 };

export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}
