import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { CardFactory, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards';
import type { StoredConversation } from '../store/store';
import type { SendOutcome } from './retry';
import { neverConnected, parseRetryAfter } from '../runtime/http';

/** Posts one card into a conversation, unprompted, and says what the connector made of it. */
export interface ProactiveSender {
  send(conversation: StoredConversation, card: AdaptiveCard): Promise<SendOutcome>;
}

/** The part of botframework-connector's ConnectorClient used here (the package is not a direct dependency). */
interface ConnectorClientLike {
  readonly conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<{ id?: string }>;
  };
}

/** Private in botbuilder's ServiceClientContext: the @azure/core-client pipeline behind a ConnectorClient. */
interface PipelineHolder {
  readonly client?: { readonly pipeline?: { removePolicy(options: { phase: string }): unknown } };
}

/** A connector error as @azure/core-rest-pipeline raises it (RestError), read by shape. */
interface ConnectorError {
  readonly statusCode?: number;
  readonly code?: string;
  readonly details?: { readonly error?: { readonly code?: string } };
  readonly response?: { readonly headers?: { get(name: string): string | undefined } };
}

/**
 * botbuilder's connector client retries 429s, 5xx and socket errors by itself, in memory: a restart
 * mid-wait would leave a delivery looking in flight, and its retried POSTs can post a card twice. The
 * outbox retries durably instead, so the client's retry policy is taken out of this (per-turn) client.
 * Returns false when botbuilder's internals no longer look as expected.
 */
export function withoutClientRetries(client: unknown): boolean {
  const pipeline = (client as PipelineHolder | null)?.client?.pipeline;
  if (pipeline === undefined || typeof pipeline.removePolicy !== 'function') return false;
  pipeline.removePolicy({ phase: 'Retry' });
  return true;
}

/** A thrown connector error as an outcome: status, code and Retry-After, never the body. */
export function outcomeOfError(error: unknown, now: number): SendOutcome {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ConnectorError;
  const status = typeof e.statusCode === 'number' && e.statusCode > 0 ? e.statusCode : null;
  const code = e.details?.error?.code ?? (typeof e.code === 'string' && e.code !== '' ? e.code : null);
  const retryAfter = status === null ? null : parseRetryAfter(e.response?.headers?.get('retry-after'), now);
  return { ok: false, status, code, retryAfterMs: retryAfter, certain: status !== null || neverConnected(code) };
}

/**
 * Sends through the bot's CloudAdapter: continueConversationAsync with the stored reference, then a
 * plain POST /v3/conversations/{id}/activities (a new message, not a reply to an old activity). In
 * anonymous local mode (no bot id) no token is asked for, which is how tests reach a fake connector.
 */
export class BotFrameworkSender implements ProactiveSender {
  private warnedAboutRetries = false;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botId: string,
    private readonly timeoutMs: number,
    private readonly now: () => number,
    private readonly warn: (message: string) => void,
  ) {}

  async send(conversation: StoredConversation, card: AdaptiveCard): Promise<SendOutcome> {
    const stored = JSON.parse(conversation.reference) as Partial<ConversationReference>;
    // The activity that started the reference is not replied to: the card is a message of its own.
    const reference: Partial<ConversationReference> = { ...stored, activityId: undefined };
    const result: { outcome: SendOutcome | null } = { outcome: null };
    try {
      await this.adapter.continueConversationAsync(this.botId, reference, async (context) => {
        const client = context.turnState.get<ConnectorClientLike>(context.adapter.ConnectorClientKey);
        if (!withoutClientRetries(client) && !this.warnedAboutRetries) {
          this.warnedAboutRetries = true;
          this.warn('could not turn off the Bot Connector client retries: a 429 is then retried in memory as well');
        }
        const activity = TurnContext.applyConversationReference({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] }, reference);
        // Caught here, not thrown: the adapter's turn error handler would post an error card into the
        // conversation that just refused a card, and the outcome would be lost.
        try {
          const response = await client.conversations.sendToConversation(conversation.id, activity, { timeout: this.timeoutMs });
          result.outcome = { ok: true, activityId: response.id ?? null };
        } catch (error) {
          result.outcome = outcomeOfError(error, this.now());
        }
      });
    } catch (error) {
      // The adapter failed before the send (no token, a middleware): nothing went out, so it is retried.
      if (result.outcome === null) {
        const failed = outcomeOfError(error, this.now());
        return { ok: false, status: null, code: failed.ok ? null : failed.code ?? 'before-send', retryAfterMs: null, certain: true };
      }
    }
    return result.outcome ?? { ok: false, status: null, code: null, retryAfterMs: null, certain: false };
  }
}
