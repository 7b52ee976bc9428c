import type { Writable } from 'node:stream';
import type { DirectoryLookup } from '../directory/lookup';
import { CATEGORIES } from '../classify/category';
import { clientFamilyLabel, languageOf } from '../i18n/reasons';
import { answerCard } from '../cards';
import { findAnomalies } from '../detect/find';
import type { Answer, AnswerRow, RankingAnswer } from '../query/answer';
import { rightPart } from '../cards/builders/activity';
import { authored } from '../cards/markdown';
import { answerQuery, isDataQuery } from '../query/engine';
import { formatInstant } from '../i18n/dates';
import { wordDetailReason, wordWarning } from '../i18n/query/warnings';
import { wordHealthLines } from '../i18n/ingest/health';
import { EXAMPLE_QUESTIONS, parseQuestion, parseRightsQuestion } from '../query/parse';
import { answerRightsText } from './rights-ask';
import { sharedPlaceDatabase } from '../places/database';
import type { Place } from '../places/place';
import type { Store } from '../store/store';
import type { AuditSettingsLookup } from '../exchange/settings';
import { table, writeOut } from './output';

export type AskFormat = 'json' | 'text' | 'card';

export interface AskOptions {
  readonly now: Date;
  readonly locale: string;
  readonly timeZone: string;
  readonly format: AskFormat;
  /** Mailbox audit settings (the demo tenant's, for `--demo`): answers warn on unrecorded delegate sends and name shared mailboxes. */
  readonly auditSettings?: AuditSettingsLookup | undefined;
  /** Who people are and what kind each mailbox is (the demo tenant's directory, for `--demo`). */
  readonly directory?: DirectoryLookup | undefined;
}

/** 0 answered, 1 the question was not one the bot answers here. */
export type AskOutcome = 0 | 1;

function answerText(answer: Answer): string {
  const tz = answer.timeZone;
  const warnings = answer.warnings.map((w) => `! ${wordWarning(w.message, answer.language, tz)}\n`).join('');
  switch (answer.intent) {
    case 'who-sent-as':
    case 'who-sent-on-behalf':
    case 'what-did-send-as': {
      const head = `${answer.intent} ${answer.subjectAsWritten ?? answer.subject}: ${formatInstant(answer.range.from, tz)} – ${formatInstant(answer.range.to, tz)} (${tz})${answer.assumed.includes('range') ? ' [no range given: last 7 days]' : ''}\n`;
      const rows = answer.rows.map((r) => [r.category, `${r.actorAsWritten ?? r.actor}${r.external === true ? ' (external)' : ''}`, r.sentAs, String(r.count), formatInstant(r.first, tz), formatInstant(r.last, tz), r.clients.map((family) => clientFamilyLabel(family, answer.language)).join(', ')]);
      const lastSeen = answer.lastSeen === undefined || answer.lastSeen === null ? '' : ` Last seen ${formatInstant(answer.lastSeen, tz)}.`;
      // The right behind each delegate row, only when rights data is loaded (rows carry none otherwise).
      const withRights = answer.rows.some((r) => r.rights !== undefined);
      const rightsOf = (r: AnswerRow): string => (r.rights ?? []).map((right) => rightPart(right, answer, authored)).join('; ');
      const body =
        rows.length === 0
          ? `No events in this range.${lastSeen}\n`
          : withRights
            ? table(['category', 'actor', 'sent as', 'events', 'first', 'last', 'clients', 'right'], rows.map((cells, i) => [...cells, rightsOf(answer.rows[i])]))
            : table(['category', 'actor', 'sent as', 'events', 'first', 'last', 'clients'], rows);
      return `${head}${warnings}${body}`;
    }
    case 'explain':
      return (
        `${answer.event.id}: ${answer.category} (${answer.confidence}, ${answer.ruleId})\n${warnings}` +
        answer.reasons.map((r) => `- ${wordDetailReason(r, answer.language, (category) => category)}\n`).join('') +
        table(
          ['field', 'value'],
          Object.entries(answer.event).map(([k, v]) => [
            k,
            v === null || v === undefined ? '' : k === 'place' ? placeLine(v as Place) : k === 'clientFamily' ? clientFamilyLabel(answer.event.clientFamily, answer.language) : typeof v === 'object' ? JSON.stringify(v) : String(v),
          ]),
        )
      );
    case 'events':
      return `${warnings}${table(['time', 'operation', 'category', 'client', 'client ip', 'subject'], answer.events.map((e) => [formatInstant(e.time, tz), e.operation, e.category, clientFamilyLabel(e.client, answer.language), e.clientIp ?? '', e.subject ?? '']))}`;
    case 'anomalies':
      return `${warnings}${answer.anomalies.length === 0 ? 'No anomalies.\n' : table(['severity', 'kind', 'actor', 'mailbox', 'at'], answer.anomalies.map((a) => [a.severity, a.kind, a.actor ?? '', a.mailbox ?? '', formatInstant(a.at, tz)]))}`;
    case 'health':
      return (
        `${warnings}Events: ${answer.totalEvents} stored, ${answer.eventsInRange} in range; newest ${answer.newestEvent ?? 'none'}; source ${answer.source}\n` +
        table(['category', 'events in range'], CATEGORIES.map((c) => [c, String(answer.totals.find((t) => t.category === c)?.count ?? 0)])) +
        wordHealthLines(answer.status, answer.language, tz).map((line) => `${line}\n`).join('')
      );
    case 'top-delegates':
    case 'top-mailboxes':
    case 'external-senders':
    case 'new-delegates':
      return rankingText(answer, warnings);
    case 'ambiguous':
      return `"${answer.asked}" matches several addresses: ${answer.candidates.join(', ')}\n`;
    case 'not-found':
      if (answer.neverSeen === true) {
        return `No mailbox or person named "${answer.asked}" appears in the audit data.${answer.suggestions.length > 0 ? ` Closest known: ${answer.suggestions.join(', ')}` : ''}\n`;
      }
      return `No ${answer.what} matches "${answer.asked}".${answer.suggestions.length > 0 ? ` Near: ${answer.suggestions.join(', ')}` : ''}\n`;
    default:
      return answer satisfies never;
  }
}

/** A tenant-wide ranking as a table, with how far back "first" was checked for new delegates. */
function rankingText(answer: RankingAnswer, warnings: string): string {
  const tz = answer.timeZone;
  const head = `${answer.intent}: ${formatInstant(answer.range.from, tz)} – ${formatInstant(answer.range.to, tz)} (${tz})${answer.assumed.includes('range') ? ' [no range given: last 7 days]' : ''}; ${answer.rows.length} of ${answer.totalRows} shown, ${answer.totalSends} sends\n`;
  const history =
    answer.historyFrom === undefined ? '' : answer.historyFrom === null ? 'No records before this range: every pair in it is new.\n' : `First sends checked back to ${formatInstant(answer.historyFrom, tz)} (oldest retained record)${answer.historyGaps ? `, ${answer.historyGaps} gap(s) in that history` : ''}.\n`;
  const label = answer.intent === 'top-mailboxes' ? 'mailbox' : 'actor';
  const rows = answer.rows.map((r) => [
    r.whoAsWritten ?? r.who,
    ...(answer.intent === 'new-delegates' ? [r.mailbox ?? ''] : []),
    ...(answer.intent === 'top-mailboxes' ? [r.mailboxKind ?? 'unknown'] : []),
    ...(answer.intent === 'external-senders' ? [r.externalWhy ?? ''] : []),
    String(r.count),
    String(r.sendAs),
    String(r.sendOnBehalf),
    ...(answer.intent === 'new-delegates' ? [] : [String(r.counterparts)]),
    formatInstant(r.first, tz),
    formatInstant(r.last, tz),
  ]);
  const headers = [
    label,
    ...(answer.intent === 'new-delegates' ? ['mailbox'] : []),
    ...(answer.intent === 'top-mailboxes' ? ['kind'] : []),
    ...(answer.intent === 'external-senders' ? ['why external'] : []),
    'sends',
    'send as',
    'on behalf',
    ...(answer.intent === 'new-delegates' ? [] : [answer.intent === 'top-mailboxes' ? 'actors' : 'mailboxes']),
    'first',
    'last',
  ];
  return `${head}${warnings}${history}${rows.length === 0 ? 'None in this range.\n' : table(headers, rows)}`;
}

/** A place as one plain line: `public JP AS2516 KDDI CORPORATION`. */
function placeLine(place: Place): string {
  return [place.kind, place.country, place.network === null ? null : `AS${place.network.asn} ${place.network.name}`].filter((part) => part !== null).join(' ');
}

/** `ask`: the bot's question engine on the command line, with a fixed clock for reproducible answers. */
export async function askCommand(question: string, store: Store, out: Writable, err: Writable, options: AskOptions): Promise<AskOutcome> {
  const rights = parseRightsQuestion(question);
  if (rights !== null) {
    await writeOut(out, await answerRightsText(rights, store, options, question));
    return 0;
  }
  const parsed = parseQuestion(question, { now: options.now, timeZone: options.timeZone, locale: options.locale });
  if (parsed.kind === 'not-understood') {
    await writeOut(err, `Not understood. Did you mean: ${parsed.suggestion}\n`);
    return 1;
  }
  const language = languageOf(options.locale) === 'ja' || parsed.language === 'ja' ? 'ja' : 'en';
  if (!isDataQuery(parsed.query)) {
    const examples = EXAMPLE_QUESTIONS[language].map((e) => `  ${e.text}\n`).join('');
    await writeOut(err, parsed.query.intent === 'help' ? `Questions SendAs Watch answers:\n${examples}` : `"${parsed.query.intent}" works in a Teams conversation, not here.\n`);
    return parsed.query.intent === 'help' ? 0 : 1;
  }
  const places = sharedPlaceDatabase();
  const answer = await answerQuery(parsed.query, {
    store,
    now: options.now,
    language,
    timeZone: options.timeZone,
    assumed: parsed.assumed,
    findAnomalies: (window) => findAnomalies(store, { window, now: options.now, places, ...(options.directory === undefined ? {} : { directory: options.directory }) }),
    places,
    ...(options.auditSettings === undefined ? {} : { auditSettings: options.auditSettings }),
    ...(options.directory === undefined ? {} : { directory: options.directory }),
  });
  const text =
    options.format === 'json'
      ? `${JSON.stringify(answer, null, 2)}\n`
      : options.format === 'card'
        ? `${JSON.stringify(answerCard(answer, { question }), null, 2)}\n`
        : answerText(answer);
  await writeOut(out, text);
  return 0;
}
