import type { NotifySettings } from './settings';

/** What the Bot Connector made of one send. */
export type SendOutcome =
  | { readonly ok: true; readonly activityId: string | null }
  | {
      readonly ok: false;
      /** The HTTP status, or null when no answer came (connection refused, reset, timed out). */
      readonly status: number | null;
      /** The connector's error code (`BotNotInConversationRoster`, `MessageWritesBlocked`...) or the socket error code. */
      readonly code: string | null;
      readonly retryAfterMs: number | null;
      /**
       * True when the card certainly did not reach Teams: an HTTP error answer, or a connection that
       * never opened. False when the request may have been read (reset, timeout): sending again could
       * show the card twice.
       */
      readonly certain: boolean;
    };

export type DeliveryDecision =
  | { readonly kind: 'sent'; readonly activityId: string | null }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly failure: string }
  /** Refused for good, or out of attempts: the deliveries are dead, the conversation stays. */
  | { readonly kind: 'dead'; readonly failure: string }
  /** The conversation is gone or blocks the bot: dead, and the conversation is forgotten. */
  | { readonly kind: 'gone'; readonly failure: string }
  /** It may have been delivered: never sent again. */
  | { readonly kind: 'unknown'; readonly failure: string };

/** Teams' advice (msteams-docs rate-limit.md) plus 500 and 503: worth another try after a wait. */
const RETRYABLE_STATUS = new Set([412, 429, 500, 502, 503, 504]);
/** 403 codes that mean this conversation will not take the bot's messages again until it is reinstalled. */
const GONE_CODES = new Set(['BotNotInConversationRoster', 'MessageWritesBlocked', 'ConversationBlockedByUser']);
/** The wording kept on a failed delivery and in the log: status and code, never a body or a token. */
export function describeFailure(outcome: Extract<SendOutcome, { ok: false }>): string {
  const parts = [outcome.status === null ? 'no answer' : `HTTP ${outcome.status}`];
  if (outcome.code !== null) parts.push(outcome.code);
  if (outcome.retryAfterMs !== null) parts.push(`Retry-After ${Math.round(outcome.retryAfterMs / 100) / 10} s`);
  return parts.join(' ');
}

/**
 * What to do after a send, given the failed attempts before it. Retry-After is honoured (up to a cap)
 * plus a little jitter so replicas do not return in step; otherwise capped exponential backoff with
 * ±20 % jitter, as Teams recommends. `random` is in [0, 1).
 */
export function decide(outcome: SendOutcome, previousAttempts: number, settings: NotifySettings, random: () => number): DeliveryDecision {
  if (outcome.ok) return { kind: 'sent', activityId: outcome.activityId };
  const failure = describeFailure(outcome);
  if (outcome.status === 404 || (outcome.status === 403 && outcome.code !== null && GONE_CODES.has(outcome.code))) {
    return { kind: 'gone', failure };
  }
  const retryable = outcome.status === null ? outcome.certain : RETRYABLE_STATUS.has(outcome.status);
  if (!retryable) return outcome.certain ? { kind: 'dead', failure } : { kind: 'unknown', failure };
  const attempt = previousAttempts + 1;
  if (attempt >= settings.maxAttempts) return { kind: 'dead', failure: `${failure}; gave up after ${attempt} attempts` };
  if (outcome.retryAfterMs !== null) {
    const wait = Math.min(outcome.retryAfterMs, settings.retryAfterCapMs);
    return { kind: 'retry', delayMs: Math.round(wait + random() * Math.min(1000, wait * 0.1)), failure };
  }
  const backoff = Math.min(settings.backoffCapMs, settings.backoffBaseMs * 2 ** (attempt - 1));
  return { kind: 'retry', delayMs: Math.round(backoff * (0.8 + 0.4 * random())), failure };
}
