import type { Language } from '../i18n/reasons';
import { languageOf } from '../i18n/reasons';
import type { AdaptiveCard, CardAction, FileAttachment } from '../cards';
import { answerCard, exportNoticeCard, fileConsentAttachment, helpCard, noticeCard, progressCard } from '../cards';
import type { ExportAction, ReviewKeepAction, ReviewRemoveAction } from '../cards/actions';
import type { ExportFile } from '../export/export';
import { buildExport } from '../export/export';
import { exportFileName } from '../export/name';
import { parseExportRequest } from '../query/parse/export';
import { questionLanguage } from '../query/parse/normalize';
import type { ExportableQuery } from '../query/parse/export';
import { exportScopeOf } from '../export/scope';
import type { AuditSettingsLookup } from '../exchange/settings';
import type { PlaceLookup } from '../places/place';
import type { DataQuery, EngineContext, IngestionStatus } from '../query/engine';
import { answerQuery, isDataQuery } from '../query/engine';
import { listActorEvents } from '../query/events';
import type { DirectoryLookup } from '../directory';
import { parseQuestion, parseRightsQuestion } from '../query/parse';
import { rightsCard } from '../cards/builders/rights';
import { sendEventsCited } from '../rights/anomaly';
import type { ReviewSettings } from '../rights/answer';
import { answerRightsQuestion, decideAccessReview, rightsView } from '../rights/answer';
import { reviewCard, reviewRefusalCard } from '../cards/builders/review';
import { holdingKey } from '../rights/model';
import { DEFAULT_DORMANT_DAYS } from '../query/parse/rights';
import type { Assumption, Query, QueryRange } from '../query/query';
import { formatDatedSpan, usableZone } from '../i18n/dates';
import { catalogueFor } from '../i18n';
import type { AnswerWarning } from '../query/answer';
import type { Anomaly, AnomalyKind } from '../detect/anomaly';
import type { Store, TimeWindow } from '../store/store';

/** Who is asking, as far as the answer's words and dates are concerned. */
export interface Asker {
  /** Teams locale, e.g. `ja-JP`. */
  readonly locale: string;
  /** IANA zone from Teams' `localTimezone`; UTC when absent or unknown. */
  readonly timeZone: string;
  /** Who the authoriser let in (object id or UPN): the name an access-review decision is stored under. */
  readonly user?: string;
}

/** Turning notifications on and off for a conversation (proactive cards), and muting one rule for one mailbox there. */
export interface SubscriptionControl {
  /** The subscriber's language and zone become the cards'. */
  subscribe(audience: { readonly language: Language; readonly timeZone: string }): Promise<SubscriptionChange>;
  unsubscribe(): Promise<SubscriptionChange>;
  mute(kind: AnomalyKind, mailbox: string): Promise<SubscriptionChange>;
  unmute(kind: AnomalyKind, mailbox: string): Promise<SubscriptionChange>;
}

/** What a subscription change did: `unchanged` when it was so already; `queued` catch-up cards' anomalies. */
export interface SubscriptionChange {
  readonly status: 'changed' | 'unchanged' | 'unavailable';
  readonly queued: number;
}

/** An anomaly's evidence is shown as this many event cards at most. */
const MAX_EVIDENCE_CARDS = 10;

/** What the bot should send back: one or more cards, and whether to replace the card acted on. */
export interface Reply {
  readonly cards: readonly AdaptiveCard[];
  /** For paging: the card the button sat on is updated in place instead of a new message. */
  readonly replace: boolean;
  /** For logs and metrics: what was asked (never the question text). */
  readonly intent: string;
  /** The card is a progress card: the data must first be fetched from Graph, then this is answered. */
  readonly pending?: PendingAnswer;
  /** The admin asked for a file: the bot offers it (personal chats) or says where to ask (elsewhere). */
  readonly export?: ExportOffer;
}

/** An export to offer: its scope, and the question that asked for it (null for a button). */
export interface ExportOffer {
  readonly scope: ExportAction;
  readonly question: string | null;
  /** The question's language (a Japanese question from an English-locale client); the locale's for a button. */
  readonly language?: Language;
}

/** The file of an export, ready to offer or upload: empty when the scope holds no events. */
export type PreparedExport =
  | { readonly kind: 'empty'; readonly card: AdaptiveCard }
  | { readonly kind: 'file'; readonly file: ExportFile; readonly fileName: string; readonly consent: FileAttachment };

/** A question to answer once Graph has filled the store for `windows`. */
export interface PendingAnswer {
  readonly request: PendingRequest;
  readonly language: Language;
  readonly timeZone: string;
  readonly windows: readonly TimeWindow[];
  readonly what: string;
}

/** What is kept (and journalled) to answer a question later. */
export interface PendingRequest {
  readonly query: DataQuery;
  readonly assumed: readonly Assumption[];
}

/** Finds the parts of a range the store lacks that Graph could supply; absent when Graph is off. */
export interface GraphGaps {
  missing(range: QueryRange): Promise<TimeWindow[]>;
}

export interface ResponderDeps {
  readonly store: Store;
  readonly now: () => Date;
  readonly findAnomalies?: (window: TimeWindow) => Promise<readonly Anomaly[]>;
  readonly ingestionStatus?: () => Promise<IngestionStatus>;
  readonly graph?: GraphGaps;
  readonly places?: PlaceLookup;
  readonly auditSettings?: AuditSettingsLookup;
  /** App names and mailbox kinds for explain cards (Graph); unknown without it. */
  readonly directory?: DirectoryLookup;
  /** The access review's settings (how long a Keep holds); the defaults without it. */
  readonly review?: ReviewSettings;
}

/** The state key counting Keep / Remove buttons that stored nothing (forged, stale or replayed). */
export const REFUSED_REVIEW_DECISIONS_KEY = 'rights:review-decisions-refused';

/**
 * Turns a question or a card action into reply cards: parse, answer from the store, render. Holds no
 * Bot Framework types, so it is tested without an adapter.
 */
export class Responder {
  constructor(private readonly deps: ResponderDeps) {}

  private engine(language: Language, timeZone: string, assumed: EngineContext['assumed'] = []): EngineContext {
    return {
      store: this.deps.store,
      now: this.deps.now(),
      language,
      timeZone,
      assumed,
      findAnomalies: this.deps.findAnomalies,
      ingestionStatus: this.deps.ingestionStatus,
      places: this.deps.places,
      auditSettings: this.deps.auditSettings,
      directory: this.deps.directory,
    };
  }

  welcome(asker: Asker): Reply {
    return { cards: [helpCard(languageOf(asker.locale), { welcome: true })], replace: false, intent: 'welcome' };
  }

  async respondToText(text: string, asker: Asker, subscriptions?: SubscriptionControl): Promise<Reply> {
    const timeZone = usableZone(asker.timeZone);
    const exportRequest = parseExportRequest(text, { now: this.deps.now(), timeZone, locale: asker.locale });
    if (exportRequest !== null) {
      return this.offerExport(exportRequest.query, exportRequest.assumed, questionLanguage(asker.locale, text), timeZone, text);
    }
    const rights = parseRightsQuestion(text);
    if (rights !== null) {
      const language = questionLanguage(asker.locale, text);
      const answer = await answerRightsQuestion(rights, this.deps.store, this.deps.now().toISOString(), { review: this.deps.review });
      const card = answer.kind === 'access-review' ? reviewCard(answer, language, timeZone) : rightsCard(rightsView(answer, language, timeZone));
      return { cards: [card], replace: false, intent: `rights-${rights.kind}` };
    }
    const parsed = parseQuestion(text, { now: this.deps.now(), timeZone, locale: asker.locale });
    const language: Language = languageOf(asker.locale) === 'ja' || parsed.language === 'ja' ? 'ja' : 'en';
    if (parsed.kind === 'not-understood') {
      return { cards: [helpCard(language, { suggestion: parsed.suggestion })], replace: false, intent: 'not-understood' };
    }
    return this.answer(parsed.query, parsed.assumed, language, timeZone, text, subscriptions);
  }

  private async answer(
    query: Query,
    assumed: EngineContext['assumed'],
    language: Language,
    timeZone: string,
    question: string | undefined,
    subscriptions?: SubscriptionControl,
    paging: { readonly page: number; readonly start?: number } = { page: 0 },
  ): Promise<Reply> {
    if (isDataQuery(query)) {
      const pending = await this.needsGraph(query, assumed ?? [], language, timeZone);
      if (pending !== null) {
        const card = progressCard(language, { what: pending.what, startedAt: this.deps.now(), now: this.deps.now(), timeZone });
        return { cards: [card], replace: false, intent: query.intent, pending };
      }
      const answer = await answerQuery(query, this.engine(language, timeZone, assumed));
      return { cards: [answerCard(answer, { ...paging, question })], replace: paging.page > 0, intent: query.intent };
    }
    switch (query.intent) {
      case 'help':
        return { cards: [helpCard(language)], replace: false, intent: 'help' };
      case 'subscribe':
      case 'unsubscribe':
        return { cards: [await this.changeSubscription(query.intent, language, timeZone, subscriptions)], replace: false, intent: query.intent };
      default:
        return query satisfies never;
    }
  }

  /**
   * "export who sent as finance last month": the question's events become the export's scope once its
   * mailbox or person is known; an unknown or ambiguous one gets the usual answer card, which says so.
   */
  private async offerExport(query: ExportableQuery, assumed: readonly Assumption[], language: Language, timeZone: string, question: string): Promise<Reply> {
    const found = await exportScopeOf(query, this.deps.store);
    // A range Graph must fill first is answered (progress card, then the answer with its Export button):
    // a file of what the store holds so far would look complete and not be.
    const unfetched = this.deps.graph === undefined ? [] : await this.deps.graph.missing(query.range);
    if (found.kind === 'unresolved' || unfetched.length > 0) return this.answer(query, assumed, language, timeZone, question);
    const scope: ExportAction = { verb: 'export', ...found.scope };
    return { cards: [], replace: false, intent: 'export', export: { scope, question, language } };
  }

  /** The scope's events as a CSV file and the consent card that offers it, or a card saying there is nothing. */
  async prepareExport(scope: ExportAction, asker: Asker, language: Language = languageOf(asker.locale)): Promise<PreparedExport> {
    const timeZone = usableZone(asker.timeZone);
    const file = await buildExport(scope, this.deps.store, language);
    if (file.rows === 0) return { kind: 'empty', card: exportNoticeCard(language, { kind: 'empty' }) };
    const fileName = exportFileName(scope, timeZone);
    const who = [scope.actor, scope.sentAs].filter((part): part is string => part !== undefined).join(' → ');
    const consent = fileConsentAttachment(language, {
      fileName,
      sizeInBytes: file.bytes.length,
      rows: file.rows,
      total: file.total,
      capped: file.capped,
      operation: scope.operation ?? null,
      who,
      range: scope,
      timeZone,
      // Teams sends this back on accept: the file is built again from it, so nothing waits in memory.
      acceptContext: { export: scope },
      declineContext: { fileName },
    });
    return { kind: 'file', file, fileName, consent };
  }

  /** Activity questions over time the store has not ingested go to Graph first (when Graph is on). */
  private async needsGraph(query: DataQuery, assumed: readonly Assumption[], language: Language, timeZone: string): Promise<PendingAnswer | null> {
    if (this.deps.graph === undefined) return null;
    if (query.intent !== 'who-sent-as' && query.intent !== 'who-sent-on-behalf' && query.intent !== 'what-did-send-as') return null;
    const windows = await this.deps.graph.missing(query.range);
    if (windows.length === 0) return null;
    const subject = query.intent === 'what-did-send-as' ? query.actor.text : query.subject.text;
    const span = formatDatedSpan(query.range, timeZone, language) ?? `${query.range.from} – ${query.range.to}`;
    const mode = query.intent === 'who-sent-as' ? 'as' : query.intent === 'who-sent-on-behalf' ? 'on-behalf' : 'both';
    const what = catalogueFor(language).cards.progress.graphRecords(mode, subject, span);
    return { request: { query, assumed }, language, timeZone, windows, what };
  }

  /** Answers a question whose data Graph has now fetched; Graph's problems become warnings on the card. */
  async answerPending(request: PendingRequest, language: Language, timeZone: string, problems: readonly string[]): Promise<AdaptiveCard> {
    const answer = await answerQuery(request.query, this.engine(language, timeZone, request.assumed));
    const warned = problems.length === 0 ? answer : { ...answer, warnings: [...problems.map((text): AnswerWarning => ({ kind: 'coverage', message: { code: 'worded', text } })), ...answer.warnings] };
    return answerCard(warned);
  }

  /** A validated card action: re-ask, turn a page, explain an event, drill into an actor's events. */
  async respondToAction(action: CardAction, asker: Asker, subscriptions?: SubscriptionControl): Promise<Reply> {
    // The card's own language, when its button carries it, over the client's locale.
    const language = action.lang ?? languageOf(asker.locale);
    const timeZone = usableZone(asker.timeZone);
    switch (action.verb) {
      case 'ask':
        return this.respondToText(action.question, action.lang === undefined ? asker : { ...asker, locale: action.lang === 'ja' ? 'ja-JP' : 'en-US' }, subscriptions);
      case 'explain':
        return this.answer({ intent: 'explain', eventId: action.eventId }, [], language, timeZone, undefined);
      case 'page': {
        const range: QueryRange = action.range;
        const query: Query =
          action.intent === 'anomalies'
            ? { intent: 'anomalies', range }
            : action.intent === 'what-did-send-as'
              ? { intent: 'what-did-send-as', actor: { text: action.subject ?? '', kind: 'address' }, range }
              : { intent: action.intent, subject: { text: action.subject ?? '', kind: 'address' }, range };
        return this.answer(query, action.assumed, language, range.timeZone, undefined, subscriptions, { page: action.page, start: action.start });
      }
      case 'drill':
      case 'events': {
        // Drill opens the newest events in a new card; the list's own buttons turn its pages in place.
        const before = action.verb === 'events' ? action.before : undefined;
        const answer = await listActorEvents({ actor: action.actor, sentAs: action.sentAs, range: { from: action.from, to: action.to }, before }, this.engine(language, timeZone));
        return { cards: [answerCard(answer)], replace: action.verb === 'events', intent: action.verb };
      }
      case 'evidence':
        return this.evidence(action.anomaly, language, timeZone);
      case 'export':
        return { cards: [], replace: false, intent: 'export', export: { scope: action, question: null } };
      case 'mute':
      case 'unmute': {
        const muting = action.verb === 'mute';
        const change = await (muting ? subscriptions?.mute(action.kind, action.mailbox) : subscriptions?.unmute(action.kind, action.mailbox));
        const card =
          change === undefined || change.status === 'unavailable'
            ? noticeCard(language, { kind: 'unavailable' })
            : noticeCard(language, { kind: muting ? 'muted' : 'unmuted', anomalyKind: action.kind, mailbox: action.mailbox, already: change.status === 'unchanged' });
        return { cards: [card], replace: false, intent: action.verb };
      }
      case 'review-keep':
      case 'review-remove':
        return this.decideReview(action, asker, language, timeZone);
      default:
        return action satisfies never;
    }
  }

  /**
   * Keep or Remove on an access-review card: stored under the admin the bot let in, then the card is
   * redrawn in place with the decision (a removal with its command). A button naming a right not held
   * today, or repeating the decision that stands, stores nothing: it is answered with why, and counted.
   */
  private async decideReview(action: ReviewKeepAction | ReviewRemoveAction, asker: Asker, language: Language, timeZone: string): Promise<Reply> {
    const now = this.deps.now().toISOString();
    const request = { mailboxKey: action.mailbox.toLowerCase(), trusteeKey: action.trustee.toLowerCase(), right: action.right, decision: action.verb === 'review-keep' ? 'keep' : 'remove' } as const;
    const outcome = await decideAccessReview(this.deps.store, request, asker.user ?? 'unknown admin', now, this.deps.review);
    if (outcome.kind !== 'recorded') {
      await this.deps.store.updateState(REFUSED_REVIEW_DECISIONS_KEY, (current) => {
        const count = (Number(current) || 0) + 1;
        return { value: String(count), result: count };
      });
      return { cards: [reviewRefusalCard(language, timeZone, outcome)], replace: false, intent: `review-refused-${outcome.kind}` };
    }
    const answer = await answerRightsQuestion({ kind: 'access-review', days: DEFAULT_DORMANT_DAYS }, this.deps.store, now, {
      review: this.deps.review,
      show: holdingKey(request.mailboxKey, request.trusteeKey, request.right),
    });
    if (answer.kind !== 'access-review') throw new Error('an access-review question answered as another kind');
    return { cards: [reviewCard(answer, language, timeZone)], replace: true, intent: action.verb };
  }

  private async changeSubscription(
    intent: 'subscribe' | 'unsubscribe',
    language: Language,
    timeZone: string,
    subscriptions: SubscriptionControl | undefined,
  ): Promise<AdaptiveCard> {
    if (subscriptions === undefined) return noticeCard(language, { kind: 'unavailable' });
    const change = intent === 'subscribe' ? await subscriptions.subscribe({ language, timeZone }) : await subscriptions.unsubscribe();
    if (change.status === 'unavailable') return noticeCard(language, { kind: 'unavailable' });
    return intent === 'subscribe'
      ? noticeCard(language, { kind: 'subscribed', already: change.status === 'unchanged', queued: change.queued })
      : noticeCard(language, { kind: 'unsubscribed', already: change.status === 'unchanged' });
  }

  /** An anomaly's evidence: a header, then the detail card of each event the detector kept. */
  private async evidence(key: string, language: Language, timeZone: string): Promise<Reply> {
    const recorded = await this.deps.store.getAnomaly(key);
    if (recorded === null) return { cards: [noticeCard(language, { kind: 'anomaly-unknown' })], replace: false, intent: 'evidence' };
    const cards: AdaptiveCard[] = [noticeCard(language, { kind: 'evidence', anomaly: recorded.anomaly, timeZone })];
    for (const eventId of sendEventsCited(recorded.anomaly).slice(0, MAX_EVIDENCE_CARDS)) {
      cards.push(answerCard(await answerQuery({ intent: 'explain', eventId }, this.engine(language, timeZone))));
    }
    return { cards, replace: false, intent: 'evidence' };
  }
}
