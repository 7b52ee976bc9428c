import type { Category } from '../../classify/category';
import type { EventListAnswer, EventListItem } from '../../query/answer';
import { MAX_EVENT_ID_LENGTH } from '../actions';
import type { EventsAction, ExplainAction } from '../actions';
import { formatInstant, formatSpan, usableZone } from '../format';
import { authored, escapeMarkdown, joinMarkdown } from '../markdown';
import type { EventListCardData, EventRowView } from '../models';
import { renderPage, rowId } from '../paging';
import type { PageSlice } from '../paging';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { CARD_BUDGET_BYTES } from '../size';
import { stringsFor } from '../../i18n/cards';
import { clientFamilyLabel } from '../../i18n/reasons';
import type { CardStrings } from '../../i18n/cards';
import { creditedNotes, placeText, placedByDatabase } from '../place';
import { MAX_ROWS_PER_PAGE, actionableAddress, caveats, timeZoneNote } from './common';
import { recipientsText } from './detail';

/** Longest actor or identity in the title, and IP and subject on a row; the explain card shows more. */
const MAX_WHO_LENGTH = 160;
/** An IPv6 address with an embedded IPv4 one. */
const MAX_IP_LENGTH = 45;
const MAX_SUBJECT_LENGTH = 200;

/** What needs a look is red and amber, as on the answer card. */
const CATEGORY_COLOUR: Readonly<Record<Category, EventRowView['color']>> = {
  delegate: 'Attention',
  unknown: 'Warning',
  'owner-misreport': 'Default',
  connector: 'Default',
  application: 'Default',
};

/**
 * The card for an actor's events sending as an identity: the answer's page of events, newest first, as
 * many as fit the budget. The next-page button resumes after the last event shown, so events the
 * budget left off this card lead the next one.
 */
export function eventListCard(answer: EventListAnswer): AdaptiveCard {
  const strings = stringsFor(answer.language);
  return renderPage({
    total: answer.events.length,
    page: 0,
    maxRows: MAX_ROWS_PER_PAGE,
    budgetBytes: CARD_BUDGET_BYTES,
    memoKey: answer,
    render: (slice) => renderTemplate('events', eventListData(answer, strings, slice), answer.language),
  }).card;
}

function eventListData(answer: EventListAnswer, strings: CardStrings, { start, end, hasMore }: PageSlice): EventListCardData {
  const words = strings.events;
  const zone = usableZone(answer.timeZone);
  const caveated = caveats(answer);
  const { warnings } = caveated;
  const notes = creditedNotes(caveated.notes, answer.events.slice(start, end).some((e) => placedByDatabase(e.place)), strings);
  const olderFollow = hasMore || answer.next !== null;
  const last = answer.events[end - 1];
  const paged = end > start && (answer.offset > 0 || olderFollow);
  return {
    title: words.title(escapeMarkdown(answer.actor, MAX_WHO_LENGTH), escapeMarkdown(answer.sentAs, MAX_WHO_LENGTH)),
    range: authored(formatSpan(answer.range, zone, answer.language)),
    warnings,
    summary: answer.total === 0 ? words.empty : words.summary(answer.total),
    // An event arriving between the engine's count and its page could make the page outrun the total.
    pageInfo: paged ? words.pageInfo(answer.offset + start + 1, answer.offset + end, Math.max(answer.total, answer.offset + end)) : '',
    events: answer.events.slice(start, end).map((event, i) => rowView(event, start + i, answer, strings, zone)),
    explainTitle: words.explain,
    notes,
    timeZoneNote: timeZoneNote(strings, zone),
    nextPage: olderFollow && last !== undefined ? eventsAction(answer, last) : null,
    nextPageTitle: words.olderEvents,
    firstPage: answer.offset > 0 ? eventsAction(answer, null) : null,
    firstPageTitle: words.newestEvents,
    exportAction:
      answer.total > 0 && actionableAddress(answer.actor) && actionableAddress(answer.sentAs)
        ? { verb: 'export', from: answer.range.from, to: answer.range.to, actor: answer.actor.trim(), sentAs: answer.sentAs.trim() }
        : null,
    exportTitle: strings.exportFile.button,
  };
}

function rowView(event: EventListItem, index: number, answer: EventListAnswer, strings: CardStrings, zone: string): EventRowView {
  const words = strings.events;
  const recorded = (value: string | null): value is string => value !== null && value.trim() !== '';
  return {
    id: rowId(index),
    heading: authored(`${formatInstant(event.time, zone, answer.language)} · ${words.operation[event.operation]}`),
    color: CATEGORY_COLOUR[event.category],
    detail: joinMarkdown(
      [
        authored(words.category[event.category]),
        authored(clientFamilyLabel(event.client, answer.language)),
        recorded(event.clientIp) ? words.clientIp(escapeMarkdown(event.clientIp, MAX_IP_LENGTH)) : authored(words.noClientIp),
        ...(event.place === undefined || event.place.kind === 'missing' ? [] : [placeText(event.place, answer.language, strings)]),
        // Lists built before recipients were read carry neither field: nothing to say about them.
        ...(event.recipients === undefined ? [] : [recipientsText(event.recipients, event.internetMessageId, strings)]),
      ],
      ' · ',
    ),
    subject: recorded(event.subject) ? words.subject(escapeMarkdown(event.subject, MAX_SUBJECT_LENGTH)) : words.noSubject,
    explain: explainAction(event),
  };
}

function carriableId(id: string): boolean {
  return id.trim() !== '' && id.trim().length <= MAX_EVENT_ID_LENGTH;
}

function explainAction(event: EventListItem): ExplainAction | null {
  return carriableId(event.id) ? { verb: 'explain', eventId: event.id.trim() } : null;
}

/** The same drill, from the newest events (`after` null) or resuming after `after`. */
function eventsAction(answer: EventListAnswer, after: EventListItem | null): EventsAction | null {
  if (!actionableAddress(answer.actor) || !actionableAddress(answer.sentAs)) return null;
  const base = { verb: 'events' as const, actor: answer.actor.trim(), sentAs: answer.sentAs.trim(), from: answer.range.from, to: answer.range.to };
  if (after === null) return base;
  // An event that cannot ride in a button cannot mark where the next page starts; real ones (GUIDs,
  // stored ISO times) always can.
  const carriable = carriableId(after.id) && !Number.isNaN(Date.parse(after.time));
  return carriable ? { ...base, before: { time: after.time, id: after.id.trim() } } : null;
}
