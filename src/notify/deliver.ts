import { usableZone } from '../i18n/dates';
import type { AdaptiveCard } from '../cards';
import { anomalyCard } from '../cards';
import type { Language } from '../i18n/reasons';
import { languageOf } from '../i18n/reasons';
import { describeError } from '../errors';
import type { Clock } from '../runtime/clock';
import type { EventLogger } from '../runtime/logger';
import { PeriodicLoop } from '../runtime/loop';
import type { Timers } from '../runtime/timers';
import type { DeliveryClaim, Store } from '../store/store';
import { RateLimiter } from './rate';
import type { DeliveryDecision } from './retry';
import { decide } from './retry';
import type { ProactiveSender } from './sender';
import type { NotifySettings } from './settings';

/** The Store methods delivery uses. */
export type OutboxStore = Pick<
  Store,
  'claimDeliveries' | 'completeDeliveries' | 'rescheduleDeliveries' | 'failDeliveries' | 'markUnknown' | 'expireLeases' | 'nextDeliveryDue' | 'removeConversation'
>;

export interface DeliveryDeps {
  readonly store: OutboxStore;
  readonly sender: ProactiveSender;
  readonly clock: Clock;
  readonly settings: NotifySettings;
  readonly logger: EventLogger;
  /** In [0, 1), for jitter; tests pass a fixed one. */
  readonly random?: () => number;
  readonly timers?: Timers;
  /**
   * The access review as it stands when sent, with its Keep and Remove buttons. Without it (or when
   * the review shares a claim with anomalies) the review is announced as a line of the anomaly card.
   */
  readonly accessReviewCard?: (language: Language, timeZone: string) => Promise<AdaptiveCard>;
}

/** What one pass did: cards and anomalies, per outcome. */
export interface DeliveryReport {
  readonly cards: number;
  readonly delivered: number;
  readonly retried: number;
  readonly dead: number;
  readonly unknown: number;
  /** Claims put back untouched because a rate cap said wait. */
  readonly deferred: number;
  /** Conversations forgotten because Teams refused them for good. */
  readonly removed: readonly string[];
  /** Deliveries whose lease had run out (a crash or a hung send): now unknown. */
  readonly expired: number;
}

/** Most claim rounds in one fill, so a flood of deferrals still lets the loop breathe. */
const MAX_ROUNDS = 50;
/** The delivery loop never spins faster than this, whatever the store says is due. */
const MIN_SLEEP_MS = 50;
/** Rendered cards kept for reuse: a cycle's anomalies usually go to every subscribed conversation alike. */
const CARD_CACHE_SIZE = 32;

class Tally {
  cards = 0;
  delivered = 0;
  retried = 0;
  dead = 0;
  unknown = 0;
  deferred = 0;
  expired = 0;
  readonly removed: string[] = [];
}

function kindsOf(claim: DeliveryClaim): string[] {
  return [...new Set(claim.anomalies.map((a) => a.kind))].sort();
}

/**
 * The anomaly cards for claims, in each subscriber's language and zone. Rendering is the costly part
 * of a send (~15 ms), and a thousand conversations subscribed alike get the same card: it is rendered once.
 */
class CardRenderer {
  private readonly cache = new Map<string, AdaptiveCard>();

  cardFor(claim: DeliveryClaim): AdaptiveCard {
    const language = languageOf(claim.conversation.locale ?? 'en-US');
    const zone = usableZone(claim.conversation.timeZone);
    const key = JSON.stringify([language, zone, claim.anomalies.map((a) => a.key)]);
    let card = this.cache.get(key);
    if (card === undefined) {
      card = anomalyCard(language, zone, claim.anomalies);
      if (this.cache.size >= CARD_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, card);
    }
    return card;
  }
}

/**
 * Sends what the outbox holds, a few conversations at a time (each a slot of its own): leases that ran
 * out become unknown; due conversations are claimed into free slots, each with all its due anomalies,
 * and sent one card each, within per-conversation and per-tenant caps; the connector's answer decides sent, retry
 * (Retry-After or backoff, durable in the store), dead, gone (the conversation is forgotten) or unknown.
 *
 * Exactly once: a claim is marked `sending` before the POST and `sent` as soon as the connector says
 * so. A crash leaves `pending` rows (never sent, or refused: sent after restart) or `sending` rows
 * whose lease then runs out: those may have reached Teams and are marked unknown, never sent again.
 * So no card is ever sent twice; a card is lost only if the process dies during its own POST.
 */
export class DeliveryWorker {
  private readonly conversationLimits: RateLimiter;
  private readonly tenantLimits: RateLimiter;
  private readonly random: () => number;
  private readonly renderer = new CardRenderer();
  /** Sends on the wire, each in a slot of its own: a slow conversation holds its slot, not the others. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Fills run one after another, so two cannot both see the same free slots. */
  private fills: Promise<void> = Promise.resolve();
  private readonly loop: PeriodicLoop;
  /** Counts across the loop's passes (the log's totals). */
  private readonly tally = new Tally();
  /** Set by stop(): no new claims, and a finished send does not wake the loop. */
  private stopped = false;

  constructor(private readonly deps: DeliveryDeps) {
    this.conversationLimits = new RateLimiter(deps.settings.perConversation);
    this.tenantLimits = new RateLimiter(deps.settings.perTenant);
    this.random = deps.random ?? Math.random;
    this.loop = new PeriodicLoop({ run: () => this.fill(this.tally), nextDelayMs: () => this.idleMs() }, deps.timers);
  }

  /** Fills free slots now and whenever work falls due or a send ends, until stopped. */
  start(): void {
    this.stopped = false;
    this.loop.start();
  }

  /** New work or a free slot: look at the outbox now rather than at the next due time. */
  wake(): void {
    this.loop.wake();
  }

  /** Stops claiming; sends already on the wire finish and are recorded first. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    await this.fills;
    await Promise.all([...this.inFlight]);
  }

  /** Delivers everything due now, waiting for every send it starts: for tests and one-off runs. */
  async runOnce(): Promise<DeliveryReport> {
    const tally = new Tally();
    await this.fill(tally);
    while (this.inFlight.size > 0) {
      await Promise.race([...this.inFlight]);
      await this.fill(tally);
    }
    return { ...tally, removed: [...tally.removed] };
  }

  private async idleMs(): Promise<number> {
    try {
      const due = await this.deps.store.nextDeliveryDue();
      const until = due === null ? this.deps.settings.idleMs : Date.parse(due) - this.deps.clock.now().getTime();
      return Math.min(this.deps.settings.idleMs, Math.max(MIN_SLEEP_MS, until));
    } catch (error) {
      this.deps.logger.error({ event: 'delivery-failed', err: describeError(error) }, 'could not read the outbox');
      return this.deps.settings.idleMs;
    }
  }

  private fill(tally: Tally): Promise<void> {
    const next = this.fills.then(() => this.claimIntoFreeSlots(tally));
    this.fills = next;
    return next;
  }

  /**
   * Turns run-out leases into unknown, then claims due conversations into the free slots and starts
   * their sends without waiting for them. The delivery error boundary: nothing escapes.
   */
  private async claimIntoFreeSlots(tally: Tally): Promise<void> {
    const { store, settings, logger } = this.deps;
    try {
      const expired = await store.expireLeases(this.nowIso());
      tally.expired += expired.length;
      for (const [conversationId, count] of countBy(expired.map((d) => d.conversationId))) {
        logger.warn(
          { event: 'delivery-unknown', conversation: conversationId, anomalies: count, reason: 'lease expired' },
          'a notification was on the wire when its sender stopped: it may have been delivered, so it is not sent again',
        );
      }
      for (let round = 0; round < MAX_ROUNDS && !this.stopped; round += 1) {
        const free = settings.concurrency - this.inFlight.size;
        if (free <= 0) return;
        const claims = await store.claimDeliveries({ now: this.nowIso(), leaseMs: settings.leaseMs, conversations: free, perConversation: settings.maxPerCard });
        if (claims.length === 0) return;
        for (const claim of claims) this.launch(claim, tally);
      }
    } catch (error) {
      logger.error({ event: 'delivery-failed', err: describeError(error) }, 'a delivery pass failed');
    }
  }

  private launch(claim: DeliveryClaim, tally: Tally): void {
    const send: Promise<void> = this.deliver(claim, tally)
      .catch((error: unknown) => {
        // The outbox could not record the outcome: the lease runs out and the delivery becomes unknown.
        this.deps.logger.error({ event: 'delivery-failed', conversation: claim.conversation.id, err: describeError(error) }, 'could not record a delivery');
      })
      .finally(() => {
        this.inFlight.delete(send);
        if (!this.stopped) this.wake();
      });
    this.inFlight.add(send);
  }

  private async deliver(claim: DeliveryClaim, tally: Tally): Promise<void> {
    const { store, sender, logger } = this.deps;
    const { conversation } = claim;
    const tenantKey = `tenant:${conversation.tenantId ?? '-'}`;
    const now = this.deps.clock.now().getTime();
    const wait = Math.max(this.conversationLimits.delayFor(conversation.id, now), this.tenantLimits.delayFor(tenantKey, now));
    if (wait > 0) {
      // Waiting is done as pending, not as sending: a crash while waiting must not make it look sent.
      await store.rescheduleDeliveries(claim.token, new Date(now + wait).toISOString(), null);
      tally.deferred += 1;
      return;
    }
    let card: AdaptiveCard;
    try {
      card = await this.cardFor(claim);
    } catch (error) {
      // Nothing was sent: the card (the access review is read from the store when sent) is tried again, within the attempts.
      const failure = `render: ${describeError(error)}`;
      const fields = { conversation: conversation.id, anomalies: claim.anomalies.length, kinds: kindsOf(claim), attempt: claim.attempts + 1, failure };
      if (claim.attempts + 1 >= this.deps.settings.maxAttempts) {
        await store.failDeliveries(claim.token, failure, this.nowIso());
        tally.dead += 1;
        logger.error({ event: 'notification-dead', ...fields }, 'gave up on a card that could not be rendered');
      } else {
        await store.rescheduleDeliveries(claim.token, new Date(now + this.deps.settings.backoffBaseMs).toISOString(), failure);
        tally.retried += 1;
        logger.warn({ event: 'notification-retry', ...fields }, 'could not render a card; it is tried again');
      }
      return;
    }
    this.conversationLimits.record(conversation.id, now);
    this.tenantLimits.record(tenantKey, now);
    let decision: DeliveryDecision;
    try {
      const outcome = await sender.send(conversation, card);
      decision = decide(outcome, claim.attempts, this.deps.settings, this.random);
    } catch (error) {
      // A bug in rendering or sending, not an answer from Teams: whether anything went out is not known.
      decision = { kind: 'unknown', failure: `internal: ${describeError(error)}` };
    }
    const fields = { conversation: conversation.id, anomalies: claim.anomalies.length, kinds: kindsOf(claim), attempt: claim.attempts + 1 };
    const at = this.nowIso();
    switch (decision.kind) {
      case 'sent':
        await store.completeDeliveries(claim.token, at, decision.activityId);
        tally.cards += 1;
        tally.delivered += claim.anomalies.length;
        logger.info({ event: 'notification-sent', ...fields }, 'sent an anomaly card');
        return;
      case 'retry': {
        const retryAt = this.deps.clock.now().getTime() + decision.delayMs;
        await store.rescheduleDeliveries(claim.token, new Date(retryAt).toISOString(), decision.failure);
        this.conversationLimits.pause(conversation.id, retryAt);
        tally.retried += 1;
        logger.warn({ event: 'notification-retry', ...fields, failure: decision.failure, retryInMs: decision.delayMs }, 'the Bot Connector asked to retry later');
        return;
      }
      case 'dead':
        await store.failDeliveries(claim.token, decision.failure, at);
        tally.dead += 1;
        logger.error({ event: 'notification-dead', ...fields, failure: decision.failure }, 'gave up on an anomaly card');
        return;
      case 'gone': {
        await store.failDeliveries(claim.token, decision.failure, at);
        const { cancelled } = await store.removeConversation(conversation.id, decision.failure, at);
        tally.dead += 1;
        tally.removed.push(conversation.id);
        logger.warn(
          { event: 'conversation-removed', ...fields, failure: decision.failure, cancelled },
          'Teams refused this conversation for good: its subscription is removed',
        );
        return;
      }
      case 'unknown':
        await store.markUnknown(claim.token, decision.failure, at);
        tally.unknown += 1;
        logger.warn({ event: 'delivery-unknown', ...fields, failure: decision.failure }, 'no answer to a send: it may have been delivered, so it is not sent again');
        return;
      default:
        decision satisfies never;
    }
  }

  /** The claim's card: the month's access review alone gets its own card, rendered from the store as it is now. */
  private async cardFor(claim: DeliveryClaim): Promise<AdaptiveCard> {
    const review = this.deps.accessReviewCard;
    if (review !== undefined && claim.anomalies.every((a) => a.kind === 'access-review')) {
      return review(languageOf(claim.conversation.locale ?? 'en-US'), usableZone(claim.conversation.timeZone));
    }
    return this.renderer.cardFor(claim);
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}

function countBy(values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}
