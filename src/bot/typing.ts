import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { ActivityTypes, TurnContext as Turn } from 'botbuilder';
import { describeError } from '../errors';
import type { Logger } from '../runtime/logger';

/** The part of botframework-connector's ConnectorClient used here (the package is not a direct dependency). */
interface ConnectorClientLike {
  readonly conversations: {
    replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options: { abortSignal: AbortSignal }): Promise<unknown>;
    sendToConversation(conversationId: string, activity: Partial<Activity>, options: { abortSignal: AbortSignal }): Promise<unknown>;
  };
}

/**
 * Shows "typing…" while a message turn runs longer than `delayMs`, again every `periodMs`, like
 * botbuilder's ShowTypingMiddleware with two differences. A failed indicator is only logged:
 * botbuilder hands it to onTurnError, which shows the admin an error card while the answer may still
 * come. And an indicator still on the wire (or waiting to be retried) when the turn ends is cancelled.
 */
export class TypingIndicator implements Middleware {
  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 500,
    private readonly periodMs = 2000,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const client = context.turnState.get<ConnectorClientLike | undefined>(context.adapter.ConnectorClientKey);
    if (context.activity.type !== (ActivityTypes.Message as string) || client === undefined) {
      await next();
      return;
    }
    const turnEnded = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const indicate = (): void => {
      this.send(client, context.activity, turnEnded.signal).then(
        () => {
          if (!turnEnded.signal.aborted) timer = setTimeout(indicate, this.periodMs);
        },
        (error: unknown) => {
          if (!turnEnded.signal.aborted) this.logger.debug({ event: 'typing-failed', err: describeError(error) }, 'could not show typing; not tried again this turn');
        },
      );
    };
    timer = setTimeout(indicate, this.delayMs);
    try {
      await next();
    } finally {
      turnEnded.abort();
      clearTimeout(timer);
    }
  }

  private async send(client: ConnectorClientLike, incoming: Activity, signal: AbortSignal): Promise<void> {
    const typing = Turn.applyConversationReference({ type: ActivityTypes.Typing, relatesTo: incoming.relatesTo }, Turn.getConversationReference(incoming));
    const conversationId = incoming.conversation.id;
    if (typeof incoming.id === 'string' && incoming.id !== '') await client.conversations.replyToActivity(conversationId, incoming.id, typing, { abortSignal: signal });
    else await client.conversations.sendToConversation(conversationId, typing, { abortSignal: signal });
  }
}
