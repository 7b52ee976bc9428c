/**
 * Delays for retrying Graph requests and for polling a running query. Written here rather than taken
 * from a retry library because the rules are Graph's own: honour `Retry-After` (read by
 * src/runtime/http.ts), back off exponentially otherwise, and poll on a 5 s / 15 s / 30 s ladder. Every
 * delay is a plain number so tests can check it and sleep for nothing.
 */

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  /** First backoff after a 5xx, a network error or an unreadable body; doubles each time. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this gives the request up instead of blocking the ingester for hours. */
  readonly maxRetryAfterMs: number;
  /** Attempts at a request refused with 403 after its query was created (PAX retries these too). */
  readonly maxForbiddenAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 10 * 60_000,
  maxForbiddenAttempts: 3,
};

/** Exponential backoff before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** One rung of the polling ladder: poll every `everyMs` while the query is younger than `untilAgeMs`. */
export interface PollStep {
  readonly untilAgeMs: number;
  readonly everyMs: number;
}

/** 5 s for the first minute, 15 s up to five minutes, then 30 s (graph-audit-api.md, section 1.4). */
export const DEFAULT_POLL_LADDER: readonly PollStep[] = [
  { untilAgeMs: 60_000, everyMs: 5_000 },
  { untilAgeMs: 5 * 60_000, everyMs: 15_000 },
  { untilAgeMs: Number.POSITIVE_INFINITY, everyMs: 30_000 },
];

/** The wait before the next status poll of a query `ageMs` old. */
export function pollDelay(ageMs: number, ladder: readonly PollStep[]): number {
  for (const step of ladder) if (ageMs < step.untilAgeMs) return step.everyMs;
  return ladder[ladder.length - 1].everyMs;
}
