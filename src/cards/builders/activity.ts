import type { Category } from '../../classify/category';
import type { ActivityAnswer, AnswerRow, CategoryTotal, RowRight } from '../../query/answer';
import type { DrillAction, ExportAction, PageAction } from '../actions';
import { formatCount, formatInstant, formatShortDay, usableZone } from '../format';
import { escapeMarkdown, flatten, joinMarkdown, authored } from '../markdown';
import type { Markdown } from '../markdown';
import type { ActivityRowView, AnswerCardData, NoiseGroupView } from '../models';
import { renderPage, rowId } from '../paging';
import type { PageSlice, RenderedPage } from '../paging';
import { renderTemplate } from '../render';
import { CARD_BUDGET_BYTES } from '../size';
import { stringsFor } from '../../i18n/cards';
import { clientFamilyLabel } from '../../i18n/reasons';
import type { CardStrings } from '../../i18n/cards';
import { countryNames, creditedNotes } from '../place';
import { MAX_ROWS_PER_PAGE, actionableAddress, caveats, fact, rangeLine, timeZoneNote } from './common';
import { personText } from './detail';

type NoiseCategory = 'owner-misreport' | 'connector' | 'application';
const NOISE_ORDER: readonly NoiseCategory[] = ['owner-misreport', 'connector', 'application'];

/**
 * Chart colours from the Teams palette, readable on the light and the dark theme: what needs a look is
 * the theme's own attention red and warning amber, the noise in calm categorical blues and purple.
 */
const CATEGORY_COLOURS: Readonly<Record<Category, string>> = {
  delegate: 'attention',
  unknown: 'warning',
  'owner-misreport': 'categoricalBlue',
  connector: 'categoricalTeal',
  application: 'categoricalPurple',
};
const CHART_ORDER: readonly Category[] = ['delegate', 'unknown', 'owner-misreport', 'connector', 'application'];
/** The people chart of a one-day range shows this many; the rows below list everyone. */
const MAX_CHART_PEOPLE = 8;
const MAX_CHART_LABEL = 60;
const TEXT_BAR_WIDTH = 20;

/** Longest actor or identity shown in a row (real addresses are far shorter). */
const MAX_WHO_LENGTH = 160;
const MAX_CLIENTS_SHOWN = 3;

/** The answer's rows in display order, each with its index in that order (which is its row id). */
interface OrderedRow {
  readonly index: number;
  readonly row: AnswerRow;
}

function displayOrder(rows: readonly AnswerRow[]): AnswerRow[] {
  const byCategory = (category: Category) => rows.filter((row) => row.category === category);
  return [...byCategory('delegate'), ...byCategory('unknown'), ...NOISE_ORDER.flatMap(byCategory)];
}

/** Ordered rows per answer object: a 5,000-row answer is sorted once, however many pages are asked for. */
const ordered = new WeakMap<ActivityAnswer, readonly AnswerRow[]>();

function orderedRows(answer: ActivityAnswer): readonly AnswerRow[] {
  let rows = ordered.get(answer);
  if (rows === undefined) {
    rows = displayOrder(answer.rows);
    ordered.set(answer, rows);
  }
  return rows;
}

/** The card for who-sent-as / who-sent-on-behalf / what-did-send-as, page `page` of its rows. */
export function activityPage(answer: ActivityAnswer, page: number, start?: number): RenderedPage {
  const strings = stringsFor(answer.language);
  const rows = orderedRows(answer);
  return renderPage({
    total: rows.length,
    page,
    maxRows: MAX_ROWS_PER_PAGE,
    budgetBytes: CARD_BUDGET_BYTES,
    memoKey: answer,
    start,
    render: (slice) => {
      const pageRows = rows.slice(slice.start, slice.end).map((row, i) => ({ index: slice.start + i, row }));
      return renderTemplate('answer', activityData(answer, strings, pageRows, slice, rows.length), answer.language);
    },
  });
}

function activityData(
  answer: ActivityAnswer,
  strings: CardStrings,
  pageRows: readonly OrderedRow[],
  { page, hasMore, end }: PageSlice,
  totalRows: number,
): AnswerCardData {
  const words = strings.answer;
  const subject = namedMailbox(escapeMarkdown(answer.subjectAsWritten ?? answer.subject, MAX_WHO_LENGTH), answer, strings);
  const caveated = caveats(answer);
  const { warnings } = caveated;
  const noDirectory = answer.rows.some((r) => r.actorPerson?.kind === 'unknown' && r.actorPerson.why === 'no-directory');
  const notes = [...creditedNotes(caveated.notes, answer.rows.some((r) => (r.countries ?? []).length > 0), strings), ...(noDirectory ? [{ text: strings.evidence.noDirectoryNote }] : [])];
  const inCategory = (category: Category) => pageRows.filter(({ row }) => row.category === category);
  const view = (entry: OrderedRow) => rowView(answer, strings, entry);

  const noiseGroups: NoiseGroupView[] = NOISE_ORDER.map((category) => ({ category, rows: inCategory(category) }))
    .filter((group) => group.rows.length > 0)
    .map((group) => ({
      heading: authored(`${strings.categories[group.category]} (${group.rows.length})`),
      why: words.noiseWhy[group.category],
      rows: group.rows.map(view),
    }));
  const noiseRows = noiseGroups.reduce((sum, group) => sum + group.rows.length, 0);
  const delegates = inCategory('delegate');
  const unknown = inCategory('unknown');
  const chart = page === 0 ? chartOf(answer, strings) : NO_CHART;
  const first = pageRows[0]?.index;
  const last = pageRows[pageRows.length - 1]?.index;
  const paged = first !== undefined && last !== undefined && (page > 0 || hasMore);

  return {
    title: words.title[answer.intent](subject),
    range: rangeLine(answer.range, answer.assumed, answer.timeZone, answer.language, strings),
    warnings,
    summary:
      totalRows > 0
        ? summaryOf(answer, strings)
        : answer.lastSeen !== undefined && answer.lastSeen !== null
          ? strings.evidence.lastSeen(formatInstant(answer.lastSeen, usableZone(answer.timeZone), answer.language))
          : words.empty,
    ...chart,
    pageInfo: paged ? words.pageInfo(first + 1, last + 1, totalRows) : '',
    delegatesHeading: words.delegatesHeading(delegates.length),
    delegates: delegates.map(view),
    unknownHeading: words.unknownHeading(unknown.length),
    unknownNote: words.unknownNote,
    unknown: unknown.map(view),
    noiseToggle: words.noiseToggle(noiseRows),
    noiseIntro: words.noiseIntro,
    noiseGroups,
    notes,
    timeZoneNote: timeZoneNote(strings, usableZone(answer.timeZone)),
    eventsTitle: words.events,
    nextPage: hasMore ? nextPageAction(answer, page + 1, end) : null,
    nextPageTitle: words.nextPage,
    exportAction: totalRows > 0 ? exportAction(answer) : null,
    exportTitle: strings.exportFile.button,
  };
}

function summaryOf(answer: ActivityAnswer, strings: CardStrings): Markdown {
  const eventsIn = (categories: readonly Category[]) =>
    answer.totals.filter((total) => categories.includes(total.category)).reduce((sum, total) => sum + total.count, 0);
  const genuine = answer.rows.filter((row) => row.category === 'delegate');
  const identities = new Set(genuine.map((row) => (answer.intent === 'what-did-send-as' ? row.sentAs : row.actor).toLowerCase()));
  return strings.answer.summary({
    intent: answer.intent,
    people: identities.size,
    sends: eventsIn(['delegate']),
    noise: eventsIn(NOISE_ORDER),
    unknown: eventsIn(['unknown']),
  });
}

type ChartView = Pick<AnswerCardData, 'chartKind' | 'chartTitle' | 'chartSeries' | 'chartBars' | 'chartLines'>;

const NO_CHART: ChartView = { chartKind: 'none', chartTitle: '', chartSeries: [], chartBars: [], chartLines: [] };

/**
 * What the numbers look like over the range: events per day stacked by category, genuine delegates at
 * the bottom in red. A one-day range has one bar, so it shows the busiest people (or, for "what did Y
 * send as", mailboxes) instead. Hosts without Teams charts read the same numbers as text bars.
 */
function chartOf(answer: ActivityAnswer, strings: CardStrings): ChartView {
  const count = (n: number) => formatCount(n, answer.language);
  if (answer.daily.length > 1) {
    const zone = usableZone(answer.timeZone);
    const shown = CHART_ORDER.filter((category) => answer.daily.some((day) => countOf(day.totals, category) > 0));
    if (shown.length === 0) return NO_CHART;
    const labels = answer.daily.map((day) => formatShortDay(day.from, zone, answer.language));
    const totals = answer.daily.map((day) => shown.reduce((sum, category) => sum + countOf(day.totals, category), 0));
    const busiest = Math.max(...totals);
    return {
      chartKind: 'days',
      chartTitle: strings.answer.chartTitle,
      chartSeries: shown.map((category) => ({
        legend: strings.categories[category],
        color: CATEGORY_COLOURS[category],
        values: answer.daily.map((day, i) => ({ x: labels[i], y: countOf(day.totals, category) })),
      })),
      chartBars: [],
      chartLines: answer.daily.map((day, i) => {
        const parts = shown.filter((category) => countOf(day.totals, category) > 0).map((category) => `${strings.categories[category]} ${count(countOf(day.totals, category))}`);
        return fact(labels[i], authored(`${textBar(totals[i], busiest)} ${strings.answer.chartLine(count(totals[i]), parts.join(', '))}`));
      }),
    };
  }
  const byMailbox = answer.intent === 'what-did-send-as';
  const perWho = new Map<string, number>();
  for (const row of answer.rows.filter((r) => r.category === 'delegate' || r.category === 'unknown')) {
    const who = byMailbox ? row.sentAs : row.actor;
    perWho.set(who, (perWho.get(who) ?? 0) + row.count);
  }
  const top = [...perWho].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_CHART_PEOPLE);
  if (top.length === 0) return NO_CHART;
  const busiest = top[0][1];
  return {
    chartKind: 'people',
    chartTitle: byMailbox ? strings.answer.chartByMailbox : strings.answer.chartByPerson,
    chartSeries: [],
    chartBars: top.map(([who, n]) => ({ x: flatten(who).slice(0, MAX_CHART_LABEL), y: n })),
    chartLines: top.map(([who, n]) => ({ title: escapeMarkdown(who, MAX_CHART_LABEL), value: authored(`${textBar(n, busiest)} ${count(n)}`) })),
  };
}

function countOf(totals: readonly CategoryTotal[], category: Category): number {
  return totals.filter((total) => total.category === category).reduce((sum, total) => sum + total.count, 0);
}

/** A bar of block characters as long as the value's share of the busiest (at least one for any event). */
export function textBar(value: number, busiest: number): string {
  if (value === 0 || busiest === 0) return '·';
  return '█'.repeat(Math.max(1, Math.round((value / busiest) * TEXT_BAR_WIDTH)));
}

/** "finance@contoso.com (shared mailbox)" when the directory knows the kind; the address alone otherwise. */
function namedMailbox(address: Markdown, answer: Pick<ActivityAnswer, 'subjectKind' | 'subjectOwner'>, strings: CardStrings): Markdown {
  const kind = answer.subjectKind;
  const named = kind === undefined || kind === 'unknown' ? address : strings.evidence.mailboxNamed(address, strings.evidence.mailboxKinds[kind]);
  return answer.subjectOwner === undefined ? named : joinMarkdown([named, strings.evidence.mailboxOwner(personText({ kind: 'known', value: answer.subjectOwner }, strings))], ' · ');
}

/** Who a row's actor is in the directory; nothing without a directory (the card says so once). */
function personPart(row: AnswerRow, strings: CardStrings): Markdown | null {
  if (row.sentAsOwner !== undefined) return strings.evidence.mailboxOwner(personText({ kind: 'known', value: row.sentAsOwner }, strings));
  const lookup = row.actorPerson;
  if (lookup === undefined || (lookup.kind === 'unknown' && lookup.why === 'no-directory')) return null;
  return lookup.kind === 'known' ? personText(lookup, strings) : strings.evidence.rowPersonUnknown(strings.evidence.personUnknown[lookup.why]);
}

/**
 * The right behind a delegate row's sends, as known at its last send. `who` makes the granting admin
 * safe for where it is shown (escaped on a card, as written in the CLI's plain text).
 */
export function rightPart(right: RowRight, answer: Pick<ActivityAnswer, 'timeZone' | 'language'>, who: (grantedBy: string) => Markdown): Markdown {
  const strings = stringsFor(answer.language);
  switch (right.kind) {
    case 'held':
      return strings.answer.rowRightHeld(
        right.operation,
        right.since === null ? null : formatInstant(right.since, usableZone(answer.timeZone), answer.language),
        right.grantedBy === null ? null : who(right.grantedBy),
      );
    case 'before-history':
      return strings.answer.rowRightBeforeHistory(right.operation);
    case 'none-known':
      return strings.answer.rowRightNoneKnown(right.operation, right.fullAccess);
    default:
      return right satisfies never;
  }
}

function rowView(answer: ActivityAnswer, strings: CardStrings, { index, row }: OrderedRow): ActivityRowView {
  const zone = usableZone(answer.timeZone);
  const shown = answer.intent === 'what-did-send-as' ? row.sentAs : (row.actorAsWritten ?? row.actor);
  const person = personPart(row, strings);
  const firstAt = formatInstant(row.first, zone, answer.language);
  const lastAt = formatInstant(row.last, zone, answer.language);
  const span = firstAt === lastAt ? firstAt : `${firstAt} – ${lastAt}`;
  const parts: Markdown[] = [...(person === null ? [] : [person]), strings.answer.rowDetail(row.count, span)];
  if (row.clients.length > 0) {
    const clients = row.clients.slice(0, MAX_CLIENTS_SHOWN).map((family) => authored(clientFamilyLabel(family, answer.language)));
    const more = row.clients.length > MAX_CLIENTS_SHOWN ? authored(` +${row.clients.length - MAX_CLIENTS_SHOWN}`) : authored('');
    parts.push(strings.answer.rowClients(authored(`${joinMarkdown(clients, ', ')}${more}`)));
  }
  for (const right of row.rights ?? []) parts.push(rightPart(right, answer, (grantedBy) => escapeMarkdown(grantedBy, MAX_WHO_LENGTH)));
  if (row.countries !== undefined && row.countries.length > 0) {
    const more = row.countries.length > MAX_CLIENTS_SHOWN ? ` +${row.countries.length - MAX_CLIENTS_SHOWN}` : '';
    parts.push(strings.places.rowCountries(`${countryNames(row.countries.slice(0, MAX_CLIENTS_SHOWN).join(','), answer.language)}${more}`));
  }
  // Who-sent-as rows all share the subject as sentAs; a row for another identity says which.
  if (answer.intent !== 'what-did-send-as' && row.sentAs.toLowerCase() !== answer.subject.toLowerCase()) {
    parts.push(strings.answer.sentAsLabel(escapeMarkdown(row.sentAs, MAX_WHO_LENGTH), answer.intent === 'who-sent-on-behalf'));
  }
  const whoShown = escapeMarkdown(shown === '' ? strings.notRecorded : shown, MAX_WHO_LENGTH);
  return {
    id: rowId(index),
    who: row.external === true
      ? authored(`${whoShown} (${strings.evidence.external})`)
      : answer.intent === 'what-did-send-as' ? namedMailbox(whoShown, { subjectKind: row.sentAsKind }, strings) : whoShown,
    detail: joinMarkdown(parts, ' · '),
    drill: drillAction(answer, row),
  };
}

function drillAction(answer: ActivityAnswer, row: AnswerRow): DrillAction | null {
  if (!actionableAddress(row.actor) || !actionableAddress(row.sentAs)) return null;
  return { verb: 'drill', actor: row.actor.trim(), sentAs: row.sentAs.trim(), from: answer.range.from, to: answer.range.to };
}

/** The answer's events as a file: its range, its subject, and the operation the question named. */
function exportAction(answer: ActivityAnswer): ExportAction | null {
  if (!actionableAddress(answer.subject)) return null;
  const { from, to } = answer.range;
  const subject = answer.subject.trim();
  if (answer.intent === 'what-did-send-as') return { verb: 'export', from, to, actor: subject };
  return { verb: 'export', from, to, sentAs: subject, operation: answer.intent === 'who-sent-as' ? 'SendAs' : 'SendOnBehalf' };
}

function nextPageAction(answer: ActivityAnswer, page: number, start: number): PageAction | null {
  if (!actionableAddress(answer.subject)) return null;
  const { from, to, kind, amount, timeZone } = answer.range;
  return {
    verb: 'page',
    intent: answer.intent,
    subject: answer.subject.trim(),
    range: amount === undefined ? { from, to, kind, timeZone } : { from, to, kind, amount, timeZone },
    assumed: answer.assumed.includes('range') ? ['range'] : [],
    page,
    start,
  };
}
