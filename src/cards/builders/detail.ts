import type { EventDetail } from '../../query/answer';
import { formatInstant, usableZone } from '../format';
import { authored, escapeMarkdown } from '../markdown';
import type { Markdown } from '../markdown';
import type { EventDetailCardData, FactView } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../strings';
import type { DetailField } from '../strings';
import { creditedNotes, placeText, placedByDatabase } from '../place';
import { caveats, fact, timeZoneNote } from './common';

/** Subjects and message ids are long; the card keeps them readable and within budget. */
const MAX_FIELD_LENGTH = 500;
const MAX_REASONS = 12;

/** The card for "explain EVENT_ID": the verdict, why, and every field that decided it. */
export function eventDetailCard(answer: EventDetail): AdaptiveCard {
  const strings = stringsFor(answer.language);
  const zone = usableZone(answer.timeZone);
  const { event } = answer;
  const shown = (value: string | null): Markdown =>
    value === null || value === '' ? authored(strings.notRecorded) : escapeMarkdown(value, MAX_FIELD_LENGTH);
  const number = (value: number | null): Markdown => (value === null ? authored(strings.notRecorded) : authored(String(value)));
  const values: Readonly<Record<DetailField, Markdown>> = {
    id: shown(event.id),
    time: authored(`${formatInstant(event.time, zone, answer.language)} (${escapeMarkdown(event.time, 40)})`),
    operation: shown(event.operation),
    actor: shown(event.actor),
    mailbox: shown(event.mailbox),
    sentAs: shown(event.sentAs),
    client: shown(event.client),
    clientFamily: shown(event.clientFamily),
    clientIp: shown(event.clientIp),
    logonType: number(event.logonType),
    userType: number(event.userType),
    appId: shown(event.appId),
    externalAccess:
      event.externalAccess === null ? authored(strings.notRecorded) : authored(event.externalAccess ? strings.yes : strings.no),
    subject: shown(event.subject),
    internetMessageId: shown(event.internetMessageId),
  };
  const facts: FactView[] = (Object.keys(values) as DetailField[]).flatMap((field) => [
    fact(strings.detail.fields[field], values[field]),
    ...(field === 'clientIp' && event.place !== undefined ? [fact(strings.places.field, placeText(event.place, answer.language, strings))] : []),
  ]);
  const caveated = caveats(answer.warnings);
  const { warnings } = caveated;
  const notes = creditedNotes(caveated.notes, placedByDatabase(event.place), strings);
  const data: EventDetailCardData = {
    title: strings.detail.title(escapeMarkdown(event.id, 80)),
    warnings,
    verdict: strings.detail.verdict(
      strings.categories[answer.category],
      strings.confidence[answer.confidence],
      escapeMarkdown(answer.ruleId, 80),
    ),
    verdictStyle: answer.category === 'delegate' ? 'attention' : answer.category === 'unknown' ? 'warning' : 'emphasis',
    reasonsHeading: strings.detail.reasonsHeading,
    reasons: answer.reasons.slice(0, MAX_REASONS).map((reason) => ({ text: escapeMarkdown(reason, MAX_FIELD_LENGTH) })),
    facts,
    notes,
    timeZoneNote: timeZoneNote(strings, zone),
  };
  return renderTemplate('event-detail', data);
}
