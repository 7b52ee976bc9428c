import type { RankingAnswer, RankingRow } from '../../query/answer';
import type { TenantIntent } from '../../query/query';
import type { DrillAction } from '../actions';
import { formatCount, formatInstant, usableZone } from '../format';
import { authored, escapeMarkdown, flatten, joinMarkdown } from '../markdown';
import type { Markdown } from '../markdown';
import type { FactView, RankingCardData, RankingRowView } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { CARD_BUDGET_BYTES, cardBytes } from '../size';
import { stringsFor } from '../../i18n/cards';
import type { CardStrings } from '../../i18n/cards';
import { textBar } from './activity';
import { MAX_ROWS_PER_PAGE, actionableAddress, caveats, rangeLine, timeZoneNote } from './common';

const MAX_WHO_LENGTH = 160;
const MAX_CHART_LABEL = 60;

/**
 * Bar colours from the Teams palette, readable on light and dark themes: people acting as others in
 * the theme's attention red (as on the activity card), mailboxes in a calm blue, what came from
 * outside or is new in the warning amber.
 */
const CHART_COLOURS: Readonly<Record<TenantIntent, string>> = {
  'top-delegates': 'attention',
  'top-mailboxes': 'categoricalBlue',
  'external-senders': 'warning',
  'new-delegates': 'warning',
};

/** The card for a tenant-wide ranking: the top N as bars, each row's sends split by operation, and what the answer could not know. */
export function rankingCard(answer: RankingAnswer): AdaptiveCard {
  // Fewer rows until the card fits Teams' size limit: long addresses take far more room than real ones.
  let shownRows = Math.min(answer.rows.length, MAX_ROWS_PER_PAGE);
  let card = renderRanking(answer, shownRows);
  for (let bytes = cardBytes(card); bytes > CARD_BUDGET_BYTES && shownRows > 1; bytes = cardBytes(card)) {
    shownRows = Math.max(1, Math.min(shownRows - 1, Math.floor((shownRows * CARD_BUDGET_BYTES) / bytes)));
    card = renderRanking(answer, shownRows);
  }
  return card;
}

function renderRanking(answer: RankingAnswer, shownRows: number): AdaptiveCard {
  const strings = stringsFor(answer.language);
  const words = strings.ranking;
  const shown = answer.rows.slice(0, shownRows);
  const hidden = answer.totalRows - shown.length;
  const hiddenSends = answer.totalSends - shown.reduce((sum, row) => sum + row.count, 0);
  const caveated = caveats(answer);
  const data: RankingCardData = {
    title: words.title[answer.intent],
    range: rangeLine(answer.range, answer.assumed, answer.timeZone, answer.language, strings),
    warnings: caveated.warnings,
    summary: words.summary(answer.intent, answer.totalRows, answer.totalSends),
    chartTitle: words.chartTitle[answer.intent],
    chartColor: CHART_COLOURS[answer.intent],
    chartBars: shown.map((row) => ({ x: flatten(label(row)).slice(0, MAX_CHART_LABEL), y: row.count })),
    chartLines: chartLines(shown, answer),
    rows: shown.map((row) => rowView(row, answer, strings)),
    more: hidden > 0 ? words.more(hidden, hiddenSends) : '',
    notes: [...ownNotes(answer, shown, strings), ...caveated.notes],
    timeZoneNote: timeZoneNote(strings, usableZone(answer.timeZone)),
    eventsTitle: strings.answer.events,
  };
  return renderTemplate('ranking', data, answer.language);
}

/** A row's name as Exchange wrote it; a new pair is "actor → mailbox". */
function label(row: RankingRow): string {
  const who = row.whoAsWritten ?? row.who;
  return row.mailbox === undefined ? who : `${who} → ${row.mailbox}`;
}

function chartLines(rows: readonly RankingRow[], answer: RankingAnswer): FactView[] {
  const busiest = Math.max(0, ...rows.map((row) => row.count));
  return rows.map((row) => ({ title: escapeMarkdown(label(row), MAX_CHART_LABEL), value: authored(`${textBar(row.count, busiest)} ${formatCount(row.count, answer.language)}`) }));
}

function rowView(row: RankingRow, answer: RankingAnswer, strings: CardStrings): RankingRowView {
  const words = strings.ranking;
  const zone = usableZone(answer.timeZone);
  const when = (iso: string) => formatInstant(iso, zone, answer.language);
  const actor = escapeMarkdown(row.whoAsWritten ?? row.who, MAX_WHO_LENGTH);
  const parts: Markdown[] = [words.sends(row.count, row.sendAs, row.sendOnBehalf)];
  switch (answer.intent) {
    case 'top-mailboxes':
      parts.unshift(authored(row.mailboxKind === undefined || row.mailboxKind === 'unknown' ? words.kindUnknown : strings.evidence.mailboxKinds[row.mailboxKind]));
      parts.push(words.counterparts(answer.intent, row.counterparts));
      break;
    case 'external-senders':
      parts.unshift(authored(words.externalWhy[row.externalWhy ?? 'outside-domains']));
      parts.push(words.counterparts(answer.intent, row.counterparts));
      parts.push(authored(row.categories.map((total) => `${strings.categories[total.category]} ${formatCount(total.count, answer.language)}`).join(', ')));
      break;
    case 'top-delegates':
      parts.push(words.counterparts(answer.intent, row.counterparts));
      break;
    case 'new-delegates':
      parts.unshift(words.firstSend(when(row.first)));
      break;
    default:
      answer.intent satisfies never;
  }
  if (answer.intent !== 'new-delegates') parts.push(authored(row.first === row.last ? when(row.first) : `${when(row.first)} – ${when(row.last)}`));
  return {
    who: row.mailbox === undefined ? actor : words.pair(actor, escapeMarkdown(row.mailbox, MAX_WHO_LENGTH)),
    detail: joinMarkdown(parts, ' · '),
    drill: drillAction(row, answer),
  };
}

/** A new pair's events over the range; other rows span several mailboxes or people, so they have none. */
function drillAction(row: RankingRow, answer: RankingAnswer): DrillAction | null {
  if (row.mailbox === undefined || !actionableAddress(row.who) || !actionableAddress(row.mailbox)) return null;
  return { verb: 'drill', actor: row.who.trim(), sentAs: row.mailbox.trim(), from: answer.range.from, to: answer.range.to };
}

/** What the answer could not know: unknown mailbox kinds, what "external" means here, how far back "first" was checked. */
function ownNotes(answer: RankingAnswer, shown: readonly RankingRow[], strings: CardStrings): { text: Markdown }[] {
  const words = strings.ranking;
  switch (answer.intent) {
    case 'top-mailboxes': {
      const unknown = shown.filter((row) => (row.mailboxKind ?? 'unknown') === 'unknown').length;
      return unknown > 0 ? [{ text: words.kindsUnknown(unknown, shown.length) }] : [];
    }
    case 'external-senders': {
      const domains = answer.tenantDomains ?? [];
      return [{ text: words.externalMeans(escapeMarkdown(domains.length === 0 ? '—' : domains.join(', '), 500)) }];
    }
    case 'new-delegates': {
      const from = answer.historyFrom ?? null;
      return [{ text: words.history(from === null ? null : formatInstant(from, usableZone(answer.timeZone), answer.language), answer.historyGaps ?? 0) }];
    }
    case 'top-delegates':
      return [];
    default:
      return answer.intent satisfies never;
  }
}
