import type { EventDetail, RecipientsView } from '../../query/answer';
import { formatInstant, usableZone } from '../format';
import { authored, escapeMarkdown, joinMarkdown } from '../markdown';
import type { Markdown } from '../markdown';
import type { EventDetailCardData, FactView } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../../i18n/cards';
import { clientFamilyLabel } from '../../i18n/reasons';
import type { CardStrings, DetailField } from '../../i18n/cards';
import { creditedNotes, placeText, placedByDatabase } from '../place';
import { caveats, fact, timeZoneNote } from './common';
import { wordDetailReason } from '../../i18n/query/warnings';

/** Subjects and message ids are long; the card keeps them readable and within budget. */
const MAX_FIELD_LENGTH = 500;
const MAX_REASONS = 12;

function appText(answer: EventDetail, strings: CardStrings): Markdown {
  const app = answer.event.app ?? null;
  if (app === null) return authored(strings.notRecorded);
  const id = escapeMarkdown(app.id, 80);
  if (app.name === null) return strings.evidence.appNameUnknown(id);
  const name = escapeMarkdown(app.name, 200);
  return app.nameFrom === 'directory' ? strings.evidence.appNamed(name, id) : strings.evidence.appNameFromRecord(name, id);
}

/** Counts and the first addresses, or that the record has none and which message id traces them. */
export function recipientsText(recipients: RecipientsView | null, internetMessageId: string | null | undefined, strings: CardStrings): Markdown {
  if (recipients === null) {
    const id = internetMessageId === null || internetMessageId === undefined || internetMessageId === '' ? null : escapeMarkdown(internetMessageId, MAX_FIELD_LENGTH);
    return strings.evidence.recipientsNotRecorded(id);
  }
  const summary = strings.evidence.recipients(recipients.count, recipients.internal, recipients.external);
  if (recipients.shown.length === 0) return summary;
  const more = recipients.count > recipients.shown.length ? authored(` +${recipients.count - recipients.shown.length}`) : authored('');
  return strings.evidence.recipientsListed(summary, authored(`${joinMarkdown(recipients.shown.map((a) => escapeMarkdown(a, 120)), ', ')}${more}`));
}

/** The actor as the directory has them; without an answer, why not. */
export function personText(lookup: EventDetail['event']['actorPerson'], strings: CardStrings): Markdown {
  if (lookup === undefined) return authored(strings.evidence.personUnknown['no-directory']);
  if (lookup.kind === 'unknown') return authored(strings.evidence.personUnknown[lookup.why]);
  const { displayName, jobTitle, department, accountEnabled, guest } = lookup.value;
  const optional = (value: string | null): Markdown | null => (value === null ? null : escapeMarkdown(value, 120));
  return strings.evidence.person({ displayName: escapeMarkdown(displayName, 120), jobTitle: optional(jobTitle), department: optional(department), accountEnabled, guest });
}

/** The card for "explain EVENT_ID": the verdict, why, and every field that decided it. */
export function eventDetailCard(answer: EventDetail): AdaptiveCard {
  const strings = stringsFor(answer.language);
  const zone = usableZone(answer.timeZone);
  const { event } = answer;
  const shown = (value: string | null): Markdown =>
    value === null || value === '' ? authored(strings.notRecorded) : escapeMarkdown(value, MAX_FIELD_LENGTH);
  /** A LogonType or UserType by name with the number Exchange wrote ("Delegate (2)"); an unnamed number as is. */
  const named = (value: number | null, names: Readonly<Record<number, string>>): Markdown =>
    value === null ? authored(strings.notRecorded) : authored(names[value] === undefined ? String(value) : `${names[value]} (${value})`);
  const values: Readonly<Record<DetailField, Markdown>> = {
    id: shown(event.id),
    time: authored(`${formatInstant(event.time, zone, answer.language)} (${escapeMarkdown(event.time, 40)})`),
    operation: shown(event.operation),
    actor: event.external === true ? authored(`${shown(event.actorAsWritten ?? event.actor)} (${strings.evidence.external})`) : shown(event.actorAsWritten ?? event.actor),
    actorPerson: personText(event.actorPerson, strings),
    mailbox: shown(event.mailbox),
    sentAs: shown(event.sentAs),
    client: shown(event.client),
    clientFamily: authored(clientFamilyLabel(event.clientFamily, answer.language)),
    clientIp: shown(event.clientIp),
    logonType: named(event.logonType, strings.detail.logonTypes),
    userType: named(event.userType, strings.detail.userTypes),
    appId: shown(event.appId),
    externalAccess:
      event.externalAccess === null
        ? authored(strings.notRecorded)
        : authored(event.externalAccess ? `${strings.yes} (True)` : `${strings.no} (False)`),
    subject: shown(event.subject),
    internetMessageId: shown(event.internetMessageId),
    app: appText(answer, strings),
    mailboxKind:
      event.mailboxOwner === undefined
        ? authored(strings.evidence.mailboxKinds[event.mailboxKind ?? 'unknown'])
        : joinMarkdown([authored(strings.evidence.mailboxKinds[event.mailboxKind ?? 'unknown']), strings.evidence.mailboxOwner(personText({ kind: 'known', value: event.mailboxOwner }, strings))], ' · '),
    recipients: recipientsText(event.recipients ?? null, event.internetMessageId, strings),
    sessionId: shown(event.sessionId ?? null),
    tokenObjectId: shown(event.tokenObjectId ?? null),
    sources: answer.sources === undefined || answer.sources.length === 0 ? authored(strings.notRecorded) : joinMarkdown(answer.sources.map((source) => escapeMarkdown(source, MAX_FIELD_LENGTH)), '; '),
  };
  const label = (field: DetailField): string =>
    field === 'sentAs' && event.operation === 'SendOnBehalf' ? strings.detail.sentOnBehalfOf : strings.detail.fields[field];
  const facts: FactView[] = (Object.keys(values) as DetailField[]).flatMap((field) => [
    fact(label(field), values[field]),
    ...(field === 'clientIp' && event.place !== undefined ? [fact(strings.places.field, placeText(event.place, answer.language, strings))] : []),
  ]);
  const caveated = caveats(answer);
  const { warnings } = caveated;
  const notes = creditedNotes(caveated.notes, placedByDatabase(event.place), strings);
  const data: EventDetailCardData = {
    title: strings.detail.title(escapeMarkdown(event.id, 80)),
    warnings,
    verdict: strings.detail.verdict(strings.categories[answer.category], strings.confidence[answer.confidence]),
    showDetails: strings.detail.showDetails,
    rule: strings.detail.rule(escapeMarkdown(answer.ruleId, 80)),
    verdictStyle: answer.category === 'delegate' ? 'attention' : answer.category === 'unknown' ? 'warning' : 'emphasis',
    reasonsHeading: strings.detail.reasonsHeading,
    reasons: answer.reasons
      .slice(0, MAX_REASONS)
      .map((reason) => ({ text: escapeMarkdown(wordDetailReason(reason, answer.language, (category) => strings.categories[category]), MAX_FIELD_LENGTH) })),
    facts,
    notes,
    timeZoneNote: timeZoneNote(strings, zone),
  };
  return renderTemplate('event-detail', data, answer.language);
}
