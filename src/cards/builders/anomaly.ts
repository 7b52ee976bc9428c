import type { Language } from '../../classify/messages';
import type { Anomaly, Severity } from '../../detect/anomaly';
import type { AnomaliesAnswer } from '../../query/answer';
import { MAX_ANOMALY_KEY_LENGTH, MAX_EVENT_ID_LENGTH } from '../actions';
import type { PageAction } from '../actions';
import { formatCount, formatInstant, usableZone } from '../format';
import { authored, escapeMarkdown } from '../markdown';
import type { Markdown } from '../markdown';
import type { AnomalyCardData, AnomalyItemView, FactView, WarningView } from '../models';
import { renderPage, rowId } from '../paging';
import type { RenderedPage } from '../paging';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { CARD_BUDGET_BYTES } from '../size';
import { stringsFor } from '../strings';
import type { CardStrings } from '../strings';
import { MAX_ROWS_PER_PAGE, actionableAddress, caveats, fact, rangeLine, timeZoneNote } from './common';

const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];
const SEVERITY_COLOUR: Readonly<Record<Severity, AnomalyItemView['color']>> = {
  high: 'Attention',
  medium: 'Warning',
  low: 'Accent',
  info: 'Default',
};
/** Facts beyond these are detector internals; the words already carry the ones that matter. */
const MAX_EXTRA_FACTS = 6;
const MAX_FACT_LENGTH = 120;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Most severe first, then newest first; the input order breaks ties, so paging is stable. */
const sortedLists = new WeakMap<readonly Anomaly[], readonly Anomaly[]>();

function bySeverity(anomalies: readonly Anomaly[]): readonly Anomaly[] {
  let sorted = sortedLists.get(anomalies);
  if (sorted === undefined) {
    sorted = anomalies
      .map((anomaly, index) => ({ anomaly, index }))
      .sort(
        (a, b) =>
          SEVERITY_ORDER.indexOf(a.anomaly.severity) - SEVERITY_ORDER.indexOf(b.anomaly.severity) ||
          Date.parse(b.anomaly.at) - Date.parse(a.anomaly.at) ||
          a.index - b.index,
      )
      .map(({ anomaly }) => anomaly);
    sortedLists.set(anomalies, sorted);
  }
  return sorted;
}

/** The answer to "anomalies": every anomaly in the range, paged. */
export function anomaliesPage(answer: AnomaliesAnswer, page: number, start?: number): RenderedPage {
  const strings = stringsFor(answer.language);
  const zone = usableZone(answer.timeZone);
  const items = bySeverity(answer.anomalies);
  const { warnings } = caveats(answer.warnings);
  return renderPage({
    total: items.length,
    page,
    maxRows: MAX_ROWS_PER_PAGE,
    budgetBytes: CARD_BUDGET_BYTES,
    memoKey: answer,
    start,
    render: (slice) =>
      renderTemplate('anomaly', {
        ...frame(strings, zone, warnings, items.length, slice.start, slice.end, slice.page > 0 || slice.hasMore),
        title: strings.anomaly.listTitle,
        subtitle: rangeLine(answer.range, [], answer.timeZone, answer.language, strings),
        items: items.slice(slice.start, slice.end).map((anomaly, i) => itemView(strings, zone, answer.language, anomaly, slice.start + i)),
        nextPage: slice.hasMore ? pageAction(answer.range, slice.page + 1, slice.end) : null,
        nextPageTitle: strings.answer.nextPage,
      }),
  });
}

/**
 * The proactive card for one conversation: one or several new anomalies. What does not fit is
 * counted, with a button that lists every anomaly over the same span.
 */
export function anomalyNotice(language: Language, timeZone: string, anomalies: readonly Anomaly[]): AdaptiveCard {
  const strings = stringsFor(language);
  const zone = usableZone(timeZone);
  const items = bySeverity(anomalies);
  const span = spanOf(items, zone);
  const { card } = renderPage({
    total: items.length,
    page: 0,
    maxRows: MAX_ROWS_PER_PAGE,
    budgetBytes: CARD_BUDGET_BYTES,
    memoKey: anomalies,
    render: (slice) =>
      renderTemplate('anomaly', {
        ...frame(strings, zone, [], items.length, slice.start, slice.end, false),
        title: strings.anomaly.title(items.length),
        subtitle: '',
        items: items.slice(slice.start, slice.end).map((anomaly, i) => itemView(strings, zone, language, anomaly, slice.start + i)),
        more: slice.hasMore ? strings.anomaly.moreNotShown(items.length - slice.end) : '',
        nextPage: slice.hasMore && span !== null ? pageAction(span, 0, undefined) : null,
        nextPageTitle: strings.anomaly.showAll,
      }),
  });
  return card;
}

function frame(
  strings: CardStrings,
  zone: string,
  warnings: readonly WarningView[],
  total: number,
  start: number,
  end: number,
  paged: boolean,
): Omit<AnomalyCardData, 'title' | 'subtitle' | 'items' | 'nextPage' | 'nextPageTitle'> {
  return {
    warnings,
    none: strings.anomaly.none,
    pageInfo: paged && end > start ? strings.answer.pageInfo(start + 1, end, total) : '',
    explainTitle: strings.anomaly.explain,
    muteTitle: strings.anomaly.mute,
    more: '',
    timeZoneNote: timeZoneNote(strings, zone),
  };
}

function itemView(strings: CardStrings, zone: string, language: Language, anomaly: Anomaly, index: number): AnomalyItemView {
  const words = strings.anomaly;
  const used = new Set<string>();
  const factValue = (value: string | number): Markdown =>
    typeof value === 'number'
      ? authored(formatCount(value, language))
      : ISO_INSTANT.test(value)
        ? authored(formatInstant(value, zone, language))
        : escapeMarkdown(value, MAX_FACT_LENGTH);
  const readFact = (name: string): Markdown | null => {
    used.add(name);
    const value = Object.hasOwn(anomaly.facts, name) ? anomaly.facts[name] : undefined;
    return value === undefined ? null : factValue(value);
  };
  const actor = anomaly.actor === null || anomaly.actor === '' ? null : escapeMarkdown(anomaly.actor, 160);
  const mailbox = anomaly.mailbox === null || anomaly.mailbox === '' ? null : escapeMarkdown(anomaly.mailbox, 160);
  const sentence = words.words[anomaly.kind]({ actor, mailbox, fact: readFact });
  const facts: FactView[] = [];
  if (actor !== null) facts.push(fact(words.actor, actor));
  if (mailbox !== null) facts.push(fact(words.mailbox, mailbox));
  // Whatever the words did not use is still shown, under the detector's own names.
  for (const [name, value] of Object.entries(anomaly.facts).filter(([name]) => !used.has(name)).slice(0, MAX_EXTRA_FACTS)) {
    facts.push({ title: escapeMarkdown(name, 40), value: factValue(value) });
  }
  const evidence = anomaly.evidence.filter((id) => id.trim() !== '' && id.length <= MAX_EVENT_ID_LENGTH);
  const single = evidence.length === 1 ? evidence[0] : undefined;
  const keyUsable = anomaly.key.trim() !== '' && anomaly.key.length <= MAX_ANOMALY_KEY_LENGTH;
  return {
    id: rowId(index),
    heading: authored(`${words.severity[anomaly.severity]} · ${words.kind[anomaly.kind]} · ${formatInstant(anomaly.at, zone, language)}`),
    color: SEVERITY_COLOUR[anomaly.severity],
    words: sentence,
    facts,
    explain: single === undefined ? null : { verb: 'explain', eventId: single.trim() },
    evidence: evidence.length > 1 && keyUsable ? { verb: 'evidence', key: anomaly.key.trim() } : null,
    evidenceTitle: words.evidence(evidence.length),
    mute:
      anomaly.mailbox !== null && actionableAddress(anomaly.mailbox)
        ? { verb: 'mute', kind: anomaly.kind, mailbox: anomaly.mailbox.trim() }
        : null,
  };
}

/** The span the anomalies cover, as a range the "show all" button can ask for. */
function spanOf(anomalies: readonly Anomaly[], zone: string): PageAction['range'] | null {
  const times = anomalies.map((anomaly) => Date.parse(anomaly.at)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return null;
  const from = new Date(Math.min(...times)).toISOString();
  // Half-open: one second past the newest keeps it inside.
  const to = new Date(Math.max(...times) + 1000).toISOString();
  return { from, to, kind: 'between', timeZone: zone };
}

function pageAction(range: PageAction['range'], page: number, start: number | undefined): PageAction {
  const { from, to, kind, amount, timeZone } = range;
  return {
    verb: 'page',
    intent: 'anomalies',
    subject: null,
    range: amount === undefined ? { from, to, kind, timeZone } : { from, to, kind, amount, timeZone },
    assumed: [],
    page,
    ...(start === undefined ? {} : { start }),
  };
}
