import type { Activity, TurnContext } from 'botbuilder';
import { TurnContext as Turn } from 'botbuilder';
import type { ConversationEnd, ConversationHooks } from '../bot/bot';
import type { SubscriptionChange, SubscriptionControl } from '../bot/respond';
import type { AnomalyKind } from '../detect/anomaly';
import type { ConversationRecord, Store } from '../store/store';
import type { Clock } from '../runtime/clock';
import type { EventLogger } from '../runtime/logger';

/** A Teams channel thread's id ends in `;messageid=…`; without it a post starts a new thread. */
const THREAD_SUFFIX = /;messageid=[^;]*$/;

/**
 * The conversation an activity came from, as the outbox keeps it: the reference TurnContext gives,
 * minus the activity it answered (a card is a new message, not a reply) and minus the thread of a
 * channel (a card starts its own post); null when the activity names no conversation or service URL.
 */
export function conversationRecordOf(activity: Partial<Activity>): ConversationRecord | null {
  const rawId = activity.conversation?.id;
  const serviceUrl = activity.serviceUrl;
  if (rawId === undefined || rawId === '' || serviceUrl === undefined || serviceUrl === '') return null;
  const id = rawId.replace(THREAD_SUFFIX, '');
  const reference = Turn.getConversationReference(activity);
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const record = {
    ...reference,
    activityId: undefined,
    conversation: { ...reference.conversation, id },
  };
  return {
    id,
    tenantId: activity.conversation?.tenantId ?? channelData?.tenant?.id ?? null,
    serviceUrl,
    channelId: activity.channelId ?? 'msteams',
    conversationType: activity.conversation?.conversationType ?? null,
    reference: JSON.stringify(record),
  };
}

export interface ConversationRegistryDeps {
  readonly store: Pick<Store, 'saveConversation' | 'removeConversation' | 'subscribe' | 'unsubscribe' | 'addMute' | 'removeMute'>;
  readonly clock: Clock;
  /** How recent an announced anomaly must be for a new subscriber to get it (0: none). */
  readonly catchUpMs: number;
  readonly logger: EventLogger;
  /** Deliveries were enqueued for a new subscriber: deliver soon. */
  readonly onEnqueued: () => void;
}

/**
 * The bot's conversation hooks, kept in the store so a restart keeps them: every message and install
 * refreshes the conversation's reference, an uninstall forgets it, and subscribe / unsubscribe / mute
 * act on the conversation the turn came from. The bot authorises the sender before any of these.
 */
export class ConversationRegistry implements ConversationHooks {
  constructor(private readonly deps: ConversationRegistryDeps) {}

  async seen(context: TurnContext): Promise<void> {
    const record = conversationRecordOf(context.activity);
    if (record !== null) await this.deps.store.saveConversation(record, this.nowIso());
  }

  async removed(context: TurnContext, reason: ConversationEnd): Promise<void> {
    const record = conversationRecordOf(context.activity);
    if (record === null) return;
    const { removed, cancelled } = await this.deps.store.removeConversation(record.id, reason, this.nowIso());
    if (removed) this.deps.logger.info({ event: 'conversation-forgotten', conversation: record.id, reason, cancelled }, 'a conversation was forgotten');
  }

  subscriptions(context: TurnContext): SubscriptionControl {
    const record = conversationRecordOf(context.activity);
    const unavailable: SubscriptionChange = { status: 'unavailable', queued: 0 };
    if (record === null) {
      const refuse = (): Promise<SubscriptionChange> => Promise.resolve(unavailable);
      return { subscribe: refuse, unsubscribe: refuse, mute: refuse, unmute: refuse };
    }
    const { store, logger } = this.deps;
    const id = record.id;
    return {
      subscribe: async ({ language, timeZone }) => {
        const now = this.deps.clock.now();
        const catchUpFrom = this.deps.catchUpMs > 0 ? new Date(now.getTime() - this.deps.catchUpMs).toISOString() : null;
        const result = await store.subscribe(id, { at: now.toISOString(), locale: language, timeZone, catchUpFrom });
        if (!result.found) return unavailable;
        logger.info({ event: 'subscribed', conversation: id, type: record.conversationType, already: result.wasSubscribed, queued: result.enqueued }, 'notifications turned on');
        if (result.enqueued > 0) this.deps.onEnqueued();
        return { status: result.wasSubscribed ? 'unchanged' : 'changed', queued: result.enqueued };
      },
      unsubscribe: async () => {
        const changed = await store.unsubscribe(id, this.nowIso());
        logger.info({ event: 'unsubscribed', conversation: id }, 'notifications turned off');
        return { status: changed ? 'changed' : 'unchanged', queued: 0 };
      },
      mute: async (kind: AnomalyKind, mailbox: string) => {
        const { added, cancelled } = await store.addMute({ conversationId: id, kind, mailbox }, this.nowIso());
        logger.info({ event: 'muted', conversation: id, kind, cancelled }, 'an anomaly kind was muted for a mailbox');
        return { status: added ? 'changed' : 'unchanged', queued: 0 };
      },
      unmute: async (kind: AnomalyKind, mailbox: string) => {
        const removed = await store.removeMute({ conversationId: id, kind, mailbox });
        logger.info({ event: 'unmuted', conversation: id, kind }, 'a mute was lifted');
        return { status: removed ? 'changed' : 'unchanged', queued: 0 };
      },
    };
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}
