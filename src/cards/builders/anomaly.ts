import type { ClientFamily } from '../../classify/clients';
import { CLIENT_FAMILIES } from '../../classify/clients';
import { clientFamilyLabel } from '../../i18n/reasons';
import type { Language } from '../../i18n/reasons';
import type { Anomaly, Severity } from '../../detect/anomaly';
import { isDetectedKind } from '../../detect/anomaly';
import type { AnomaliesAnswer } from '../../query/answer';
import { sendEventsCited } from '../../rights/anomaly';
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
import { stringsFor } from '../../i18n/cards';
import type { CardStrings } from '../../i18n/cards';
import type { SendMode } from '../../i18n/cards/types';
import { MAX_ROWS_PER_PAGE, actionableAddress, caveats, fact, rangeLine, timeZoneNote } from './common';

const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];
const SEVERITY_COLOUR: Readonly<Record<Severity, AnomalyItemView['color']>> = {
  high: 'Attention',
  medium: 'Warning',
  low: 'Accent',
  info: 'Default',
};
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
  const { warnings } = caveats(answer);
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
      }, answer.language),
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
      }, language),
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

/** Facts that hold client family codes (comma-separated): shown by the families' names. */
const FAMILY_FACTS: ReadonlySet<string> = new Set(['clientFamily', 'clientFamilies', 'usualFamilies']);
const FAMILY_CODES: ReadonlySet<string> = new Set(CLIENT_FAMILIES);

function sendMode(operations: string | number | undefined): SendMode {
  if (typeof operations !== 'string') return 'unknown';
  const ops = new Set(operations.split(',').map((op) => op.trim()));
  const as = ops.has('SendAs');
  const onBehalf = ops.has('SendOnBehalf');
  return as && onBehalf ? 'both' : as ? 'as' : onBehalf ? 'on-behalf' : 'unknown';
}

/**
 * An anomaly in the card language: its kind's sentence and facts, with every value formatted the one
 * way this card shows it. The answer, the proactive card and the evidence header all use this, so the
 * same anomaly shows the same numbers wherever it appears.
 */
export function anomalyText(strings: CardStrings, zone: string, language: Language, anomaly: Anomaly): { sentence: Markdown; facts: FactView[] } {
  const recorded = (name: string): string | number | undefined => {
    const value = Object.hasOwn(anomaly.facts, name) ? anomaly.facts[name] : undefined;
    return value === '' ? undefined : value;
  };
  const show = (name: string): Markdown | null => {
    const value = recorded(name);
    if (value === undefined) return null;
    if (typeof value === 'number') return Number.isFinite(value) ? authored(formatCount(value, language)) : null;
    if (FAMILY_FACTS.has(name)) {
      const families = value.split(',').map((code) => code.trim()).filter((code) => code !== '');
      if (families.every((code) => FAMILY_CODES.has(code))) {
        return authored(families.map((code) => clientFamilyLabel(code as ClientFamily, language)).join(language === 'ja' ? '、' : ', '));
      }
    }
    if (ISO_INSTANT.test(value)) return authored(formatInstant(value, zone, language));
    return escapeMarkdown(value, MAX_FACT_LENGTH);
  };
  const text = strings.anomaly.words[anomaly.kind]({
    actor: anomaly.actor === null || anomaly.actor === '' ? null : escapeMarkdown(anomaly.actor, 160),
    mailbox: anomaly.mailbox === null || anomaly.mailbox === '' ? null : escapeMarkdown(anomaly.mailbox, 160),
    mode: sendMode(recorded('operations')),
    fact: show,
    number: (name) => {
      const value = recorded(name);
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    },
    code: (name) => {
      const value = recorded(name);
      return typeof value === 'string' ? value : null;
    },
  });
  const facts = text.facts.flatMap(([label, value]): FactView[] => (value === null ? [] : [fact(label, value)]));
  return { sentence: text.sentence, facts };
}

function itemView(strings: CardStrings, zone: string, language: Language, anomaly: Anomaly, index: number): AnomalyItemView {
  const words = strings.anomaly;
  const { sentence, facts } = anomalyText(strings, zone, language, anomaly);
  // Only send events get explain and evidence buttons: a rights anomaly's admin records are worded in its facts.
  const evidence = sendEventsCited(anomaly).filter((id) => id.trim() !== '' && id.length <= MAX_EVENT_ID_LENGTH);
  const single = evidence.length === 1 ? evidence[0] : undefined;
  const keyUsable = anomaly.key.trim() !== '' && anomaly.key.length <= MAX_ANOMALY_KEY_LENGTH;
  return {
    id: rowId(index),
    heading: authored(`${words.severity[anomaly.severity]} · ${words.kind[anomaly.kind]} · ${formatInstant(anomaly.at, zone, language)}`),
    color: SEVERITY_COLOUR[anomaly.severity],
    words: sentence,
    facts,
    explain: single === undefined ? null : { verb: 'explain', eventId: single.trim() },
    evidence: evidence.length > 1 && keyUsable ? { verb: 'evidence', anomaly: anomaly.key.trim() } : null,
    evidenceTitle: words.evidence(evidence.length),
    mute:
      anomaly.mailbox !== null && isDetectedKind(anomaly.kind) && actionableAddress(anomaly.mailbox)
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
