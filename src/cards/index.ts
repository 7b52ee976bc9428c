import type { Answer } from '../query/answer';
import { activityPage } from './builders/activity';
import { anomaliesPage } from './builders/anomaly';
import { eventDetailCard } from './builders/detail';
import { eventListCard } from './builders/events';
import { healthCard } from './builders/health';
import { ambiguousCard, notFoundCard } from './builders/lookup';
import { rankingCard } from './builders/ranking';
import type { AdaptiveCard } from './render';

/**
 * Cards for the bot: every function returns the card JSON for an attachment's `content`, in the
 * answer's language and time zone, under the size budget (see size.ts), with audit text escaped.
 */

export interface AnswerCardOptions {
  /** Zero-based page of a long answer, from a `page` card action; 0 by default. */
  readonly page?: number;
  /** The `start` the page action carried: the page's first row, so deep pages render at once. */
  readonly start?: number;
  /** The asker's question text: buttons that re-ask it (pick a candidate) keep its words and range. */
  readonly question?: string;
}

/** The card for any answer from the query engine. */
export function answerCard(answer: Answer, options: AnswerCardOptions = {}): AdaptiveCard {
  const page = options.page ?? 0;
  switch (answer.intent) {
    case 'who-sent-as':
    case 'who-sent-on-behalf':
    case 'what-did-send-as':
      return activityPage(answer, page, options.start).card;
    case 'explain':
      return eventDetailCard(answer);
    case 'events':
      return eventListCard(answer);
    case 'anomalies':
      return anomaliesPage(answer, page, options.start).card;
    case 'health':
      return healthCard(answer);
    case 'top-delegates':
    case 'top-mailboxes':
    case 'external-senders':
    case 'new-delegates':
      return rankingCard(answer);
    case 'ambiguous':
      return ambiguousCard(answer, options.question);
    case 'not-found':
      return notFoundCard(answer, options.question);
    default:
      return answer satisfies never;
  }
}

export interface CardAttachment {
  readonly contentType: 'application/vnd.microsoft.card.adaptive';
  readonly content: AdaptiveCard;
}

/** Wraps a card as a Bot Framework attachment. */
export function cardAttachment(card: AdaptiveCard): CardAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

export { helpCard } from './builders/help';
export type { HelpOptions } from './builders/help';
export { refusalCard, errorCard, progressCard } from './builders/status';
export type { ProgressInput } from './builders/status';
export { anomalyNotice as anomalyCard } from './builders/anomaly';
export { noticeCard } from './builders/notice';
export { FILE_CONSENT_CARD, FILE_INFO_CARD, exportNoticeCard, fileConsentAttachment, fileInfoAttachment } from './builders/export';
export type { ConsentRequest, ExportNotice, FileAttachment, UploadedFile } from './builders/export';
export type { Notice } from './builders/notice';
export { parseCardAction } from './actions';
export type { CardAction, CardActionResult, CardVerb } from './actions';
export { escapeMarkdown } from './markdown';
export type { Markdown } from './markdown';
export { CARD_BUDGET_BYTES, cardBytes } from './size';
export type { AdaptiveCard } from './render';
