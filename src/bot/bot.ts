import { randomUUID } from 'node:crypto';
import type { Activity, AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, FileConsentCardResponse, InvokeResponse, TurnContext } from 'botbuilder';
import { CardFactory, TeamsActivityHandler, TurnContext as Turn } from 'botbuilder';
import { languageOf } from '../i18n/reasons';
import { catalogueFor } from '../i18n';
import type { AdaptiveCard } from '../cards';
import { errorCard, noticeCard, parseCardAction, refusalCard } from '../cards';
import type { UploadOutcome } from '../export/upload';
import { FileConsentFlow } from './file-consent';
import { describeError } from '../errors';
import type { Authorizer } from './auth';
import type { Logger } from '../runtime/logger';
import type { OnDemandFetcher } from './ondemand';
import type { Asker, Reply, Responder, SubscriptionControl } from './respond';

export interface BotDeps {
  readonly responder: Responder;
  readonly authorizer: Authorizer;
  readonly logger: Logger;
  /** Who to contact for access, shown on the refusal card. */
  readonly accessContact?: string;
  /** Remembers and forgets conversations (proactive notifications); optional until notifications are on. */
  readonly conversations?: ConversationHooks;
  /** Finishes questions that wait on Graph; present when AUDIT_SOURCE=graph. */
  readonly onDemand?: Pick<OnDemandFetcher, 'launch'>;
  /** Puts an export into the OneDrive upload session Teams opened; the real PUT unless a test replaces it. */
  readonly upload?: (uploadUrl: string, bytes: Buffer) => Promise<UploadOutcome>;
}

/**
 * Why a conversation is forgotten. A deleted team's other channels are forgotten when a delivery there
 * is refused, since Teams names only the team.
 */
export type ConversationEnd = 'uninstalled' | 'team-deleted';

/** What the notification side needs from each turn; implemented with the store. */
export interface ConversationHooks {
  seen(context: TurnContext): Promise<void>;
  removed(context: TurnContext, reason: ConversationEnd): Promise<void>;
  subscriptions(context: TurnContext): SubscriptionControl;
}

/** A question longer than this is not a question; the parser refuses it too, this keeps logs small. */
const MAX_TEXT_LENGTH = 4000;
/** Invoke names are short (`composeExtension/query`); a longer one is cut before it is logged. */
const MAX_LOGGED_NAME = 100;

function askerOf(activity: Activity): Asker {
  const clientInfo = (activity.entities ?? []).find((e) => e.type === 'clientInfo') as { timezone?: string; locale?: string } | undefined;
  return {
    locale: activity.locale ?? clientInfo?.locale ?? 'en-US',
    timeZone: activity.localTimezone ?? clientInfo?.timezone ?? 'UTC',
  };
}

/**
 * The text of a message without the bot's @mention and Teams' HTML leftovers. Cut to length first, and
 * tags matched without backtracking: `<[^>]+>` over 100,000 `<` held the event loop for 10 s.
 */
export function questionText(activity: Activity): string {
  const withoutMention = Turn.removeRecipientMention(activity) ?? activity.text ?? '';
  return withoutMention
    .slice(0, MAX_TEXT_LENGTH)
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/<[^<>]+>/g, ' ')
    .trim();
}

/**
 * The Teams activity handler: a thin dispatcher. It authorises the sender, turns the activity into a
 * question or a card action, asks the responder, and sends or updates cards.
 */
export class SendAsWatchBot extends TeamsActivityHandler {
  private readonly fileConsent: FileConsentFlow;

  constructor(private readonly deps: BotDeps) {
    super();
    this.fileConsent = new FileConsentFlow(deps.responder, deps.logger, deps.upload);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.seenIfAuthorised(context);
      await this.send(context, this.deps.responder.welcome(askerOf(context.activity)));
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.deps.conversations?.removed(context, 'uninstalled');
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (_team, context, next) => {
      await this.deps.conversations?.removed(context, 'team-deleted');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams announces an install with installationUpdate; other channels (the Agents Playground) only
      // with the bot joining the conversation.
      const botJoined = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (botJoined && context.activity.channelId !== 'msteams') {
        await this.seenIfAuthorised(context);
        await this.send(context, this.deps.responder.welcome(askerOf(context.activity)));
      }
      await next();
    });
  }

  /** An install or join is remembered only when whoever caused it may use the bot. */
  private async seenIfAuthorised(context: TurnContext): Promise<void> {
    if ((await this.deps.authorizer.authorize(context)).allowed) await this.deps.conversations?.seen(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const asker = askerOf(activity);
    const decision = await this.deps.authorizer.authorize(context);
    if (!decision.allowed) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(refusalCard(languageOf(asker.locale), { contact: this.deps.accessContact }))] });
      return;
    }
    // Only conversations of authorised admins are kept: a refused sender leaves nothing in the store.
    await this.deps.conversations?.seen(context);
    const subscriptions = this.deps.conversations?.subscriptions(context);
    // An Action.Submit from one of our cards arrives as a message with a value and no text.
    if (activity.value !== undefined && activity.value !== null && (activity.text ?? '').trim() === '') {
      const parsed = parseCardAction(activity.value);
      if (!parsed.ok) {
        this.deps.logger.warn({ event: 'bad-card-action', error: parsed.error }, 'refused a malformed card action');
        await this.send(context, { cards: [noticeCard(languageOf(asker.locale), { kind: 'unreadable-action' })], replace: false, intent: 'bad-card-action' });
        return;
      }
      const reply = await this.deps.responder.respondToAction(parsed.action, { ...asker, user: decision.user }, subscriptions);
      this.logReview(reply, decision.user);
      await this.send(context, reply);
      return;
    }
    const text = questionText(activity);
    const reply = await this.deps.responder.respondToText(text, asker, subscriptions);
    this.deps.logger.info({ event: 'answered', intent: reply.intent, user: decision.user }, 'answered a question');
    await this.send(context, reply);
  }

  /**
   * Teams sends invokes only for what the manifest declares; any other (a message extension query, a
   * tab fetch) gets botbuilder's 501 Not Implemented, and a warning so it does not pass unseen.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status === 501) {
      const name = String(context.activity.name ?? '(none)').slice(0, MAX_LOGGED_NAME);
      this.deps.logger.warn({ event: 'unhandled-invoke', name }, 'answered an invoke the app does not handle with 501');
    }
    return response;
  }

  /** Universal Actions (Action.Execute): answer in the invoke response, replacing the card when paging. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const asker = askerOf(context.activity);
    const decision = await this.deps.authorizer.authorize(context);
    if (!decision.allowed) {
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: refusalCard(languageOf(asker.locale), { contact: this.deps.accessContact }) };
    }
    const parsed = parseCardAction(invokeValue);
    if (!parsed.ok) {
      this.deps.logger.warn({ event: 'bad-card-action', error: parsed.error }, 'refused a malformed card action');
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: parsed.error } };
    }
    const reply = await this.deps.responder.respondToAction(parsed.action, { ...asker, user: decision.user }, this.deps.conversations?.subscriptions(context));
    this.logReview(reply, decision.user);
    if (reply.replace && reply.cards.length === 1) {
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.cards[0] };
    }
    await this.sendCards(context, reply.cards, reply.pending);
    if (reply.export !== undefined) await this.fileConsent.offer(context, asker, reply.export);
    // Universal Actions take a plain string for a message response; botbuilder's type only knows objects.
    const toast = catalogueFor(languageOf(asker.locale)).cards.progress.actionDone as unknown as Record<string, unknown>;
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: toast };
  }

  /** Every file consent answer (accept or decline) comes from someone the admin check lets in first. */
  protected override async handleTeamsFileConsent(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const decision = await this.deps.authorizer.authorize(context);
    if (!decision.allowed) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(refusalCard(languageOf(askerOf(context.activity).locale), { contact: this.deps.accessContact }))] });
      return;
    }
    await super.handleTeamsFileConsent(context, response);
  }

  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.fileConsent.accept(context, askerOf(context.activity), response);
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext): Promise<void> {
    await this.fileConsent.decline(context, askerOf(context.activity));
  }

  /** Access-review decisions are changes an admin made: each is logged, with who made it; a refused one as a warning. */
  private logReview(reply: Reply, user: string): void {
    if (reply.intent === 'review-keep' || reply.intent === 'review-remove') {
      this.deps.logger.info({ event: 'review-decided', intent: reply.intent, user }, 'recorded an access-review decision');
    } else if (reply.intent.startsWith('review-refused')) {
      this.deps.logger.warn({ event: 'review-decision-refused', intent: reply.intent, user }, 'refused an access-review button: nothing stored');
    }
  }

  private async send(context: TurnContext, reply: Reply): Promise<void> {
    if (reply.export !== undefined) {
      await this.fileConsent.offer(context, askerOf(context.activity), reply.export);
      return;
    }
    const replyTo = context.activity.replyToId;
    if (reply.replace && reply.cards.length === 1 && replyTo !== undefined) {
      await context.updateActivity({ id: replyTo, type: 'message', attachments: [CardFactory.adaptiveCard(reply.cards[0])] });
      return;
    }
    await this.sendCards(context, reply.cards, reply.pending);
  }

  private async sendCards(context: TurnContext, cards: readonly AdaptiveCard[], pending?: Reply['pending']): Promise<void> {
    for (const card of cards) {
      const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      // A progress card: the answer comes later, into this same card, once Graph has the data.
      if (pending !== undefined && sent?.id !== undefined && this.deps.onDemand !== undefined) {
        this.deps.onDemand.launch({
          reference: Turn.getConversationReference(context.activity),
          activityId: sent.id,
          language: pending.language,
          timeZone: pending.timeZone,
          what: pending.what,
          windows: pending.windows,
          request: pending.request,
        });
      }
    }
  }
}

/**
 * The turn error boundary: logs the fault with a correlation id (never the question text) and shows the
 * admin a neutral card with that id, never a stack.
 */
export function turnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const correlationId = randomUUID();
    logger.error({ event: 'turn-failed', correlationId, err: describeError(error), stack: error.stack, activityType: context.activity.type }, 'a turn failed');
    try {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(errorCard(languageOf(context.activity.locale), correlationId))] });
    } catch (sendError) {
      logger.error({ event: 'error-card-failed', correlationId, err: describeError(sendError) }, 'could not send the error card');
    }
  };
}
