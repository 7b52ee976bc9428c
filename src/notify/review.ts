import type { Anomaly } from '../detect/anomaly';
import { describeError } from '../errors';
import { DEFAULT_DORMANT_DAYS } from '../query/parse/rights';
import type { AccessReviewAnswer } from '../cards/builders/review';
import type { ReviewSettings } from '../rights/answer';
import { answerRightsQuestion } from '../rights/answer';
import type { DelegateUses, RightsStore } from '../rights/ports';
import type { RightsFreshnessReads } from '../rights/freshness';
import type { Clock } from '../runtime/clock';
import type { EventLogger } from '../runtime/logger';
import { PeriodicLoop } from '../runtime/loop';
import type { Timers } from '../runtime/timers';
import type { OutboxStore } from '../store/store';

/** How often the scheduler looks whether this month's review is due: the day it is due, within the hour. */
export const REVIEW_CHECK_EVERY_MS = 3_600_000;

/** The outbox key of a month's review: recorded once, so it is delivered once, whatever restarts or replicas do. */
export function accessReviewKey(at: Date): string {
  return `access-review:${at.toISOString().slice(0, 7)}`;
}

/** The access review as of `now`: dormant rights (default days) with their decisions, kept ones left out. */
export async function currentAccessReview(store: RightsStore & DelegateUses & RightsFreshnessReads, now: Date, settings: ReviewSettings): Promise<AccessReviewAnswer> {
  const answer = await answerRightsQuestion({ kind: 'access-review', days: DEFAULT_DORMANT_DAYS }, store, now.toISOString(), { review: settings });
  if (answer.kind !== 'access-review') throw new Error('an access-review question answered as another kind');
  return answer;
}

export interface AccessReviewSchedulerDeps {
  readonly store: RightsStore & DelegateUses & RightsFreshnessReads & Pick<OutboxStore, 'recordAnomalies' | 'getAnomaly' | 'listConversations'>;
  readonly clock: Clock;
  /** The day of the month (UTC) the review is due; null: never. */
  readonly day: number | null;
  readonly settings: ReviewSettings;
  readonly logger: EventLogger;
  /** Deliveries were enqueued: the delivery loop should look now. */
  readonly onEnqueued: () => void;
  readonly timers?: Timers;
  readonly everyMs?: number;
}

export type AccessReviewRun =
  | { readonly status: 'off' | 'not-yet' | 'sent-already' | 'no-subscribers' | 'nothing-to-review' | 'failed' }
  | { readonly status: 'enqueued'; readonly key: string; readonly rights: number; readonly enqueued: number };

/**
 * Once a month, from the configured day on: if the month's review is not recorded yet and has rights to
 * decide on, it is recorded as an outbox notice (`access-review:YYYY-MM`), which enqueues one delivery
 * per subscribed conversation in the same transaction. The key makes a second run, a restart or another
 * replica a no-op. The delivery renders the review as it is when it is sent. Nothing to review, or nobody
 * subscribed: nothing is recorded, and the month is looked at again at the next check (a right may fall
 * dormant later in the month, a conversation may subscribe).
 */
export class AccessReviewScheduler {
  private readonly loop: PeriodicLoop;

  constructor(private readonly deps: AccessReviewSchedulerDeps) {
    this.loop = new PeriodicLoop({ run: async () => void (await this.runOnce()), nextDelayMs: () => deps.everyMs ?? REVIEW_CHECK_EVERY_MS }, deps.timers);
  }

  /**
   * Checks every interval, the first one interval after start: a monthly card is in no hurry, and a
   * start (a restart, a replica taking over) then adds nothing to the outbox beside its anomaly catch-up.
   */
  start(): void {
    if (this.deps.day !== null) this.loop.start({ sleepFirst: true });
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One check. The review error boundary: nothing escapes. */
  async runOnce(): Promise<AccessReviewRun> {
    const { store, logger, day } = this.deps;
    if (day === null) return { status: 'off' };
    const now = this.deps.clock.now();
    if (now.getUTCDate() < day) return { status: 'not-yet' };
    const key = accessReviewKey(now);
    try {
      if ((await store.getAnomaly(key)) !== null) return { status: 'sent-already' };
      // Recorded with nobody subscribed, the month's review would reach the first subscriber only as a line
      // of their catch-up card: it waits for a subscriber and then goes out as its own card.
      if ((await store.listConversations({ subscribed: true })).length === 0) return { status: 'no-subscribers' };
      const review = await currentAccessReview(store, now, this.deps.settings);
      const rights = review.review.reduce((n, m) => n + m.items.filter((i) => !i.settled).length, 0);
      if (rights === 0) return { status: 'nothing-to-review' };
      const notice: Anomaly = {
        key,
        kind: 'access-review',
        severity: 'low',
        at: now.toISOString(),
        actor: null,
        mailbox: null,
        evidence: [],
        facts: { rights, days: review.days, mailboxes: review.review.length },
      };
      const result = await store.recordAnomalies([notice], now.toISOString(), { announce: true });
      logger.info({ event: 'access-review-enqueued', key, rights, enqueued: result.enqueued }, 'the monthly access review is on its way');
      if (result.enqueued > 0) this.deps.onEnqueued();
      return { status: 'enqueued', key, rights, enqueued: result.enqueued };
    } catch (error) {
      logger.error({ event: 'access-review-failed', key, err: describeError(error) }, 'could not prepare the monthly access review; it is tried again at the next check');
      return { status: 'failed' };
    }
  }
}
