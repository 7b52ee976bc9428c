import { DateTime } from 'luxon';
import type { Operation } from '../audit/event';
import type { Category } from '../classify/category';
import { CATEGORIES } from '../classify/category';
import { clientFamily } from '../classify/clients';
import { incidentsOverlapping } from '../classify/incidents';
import type { Language } from '../classify/messages';
import { clientFamilyLabel, describeReason } from '../classify/messages';
import type { Anomaly } from '../detect/anomaly';
import type { ActivitySummaryRow, Store, TimeWindow } from '../store/store';
import type { ActivityAnswer, Answer, AnswerRow, AnswerWarning, CategoryTotal, DailyTotals, HealthAnswer } from './answer';
import { usableZone } from './format';
import { WARNING_WORDS } from './messages';
import type { Assumption, Query, QueryRange } from './query';
import { resolveSubject } from './resolve';

/** The queries the engine answers from data; subscribe, unsubscribe and help belong to the bot. */
export type DataQuery = Exclude<Query, { readonly intent: 'subscribe' | 'unsubscribe' | 'help' }>;

export interface IngestionStatus {
  readonly source: string;
  readonly lastIngest: string | null;
  /** Worded status lines (lag, errors, budget), in the asker's language. */
  readonly lines: readonly string[];
}

export interface EngineContext {
  readonly store: Store;
  readonly now: Date;
  readonly language: Language;
  readonly timeZone: string;
  readonly assumed?: readonly Assumption[];
  /** Anomalies in a window, from the detectors; absent until they are wired in. */
  readonly findAnomalies?: (window: TimeWindow) => Promise<readonly Anomaly[]>;
  readonly ingestionStatus?: (language: Language, timeZone: string) => Promise<IngestionStatus>;
}

/** Exchange delivers audit events up to 24 hours late. */
const LATE_ARRIVAL_MS = 24 * 3600_000;

/** Genuine delegates first, then what needs a look, then the noise. */
const CATEGORY_ORDER: readonly Category[] = ['delegate', 'unknown', 'owner-misreport', 'connector', 'application'];

export function isDataQuery(query: Query): query is DataQuery {
  return query.intent !== 'subscribe' && query.intent !== 'unsubscribe' && query.intent !== 'help';
}

function clientsOf(row: ActivitySummaryRow, language: Language): string[] {
  const counts = new Map<string, number>();
  for (const { client, count } of row.clients) {
    const label = clientFamilyLabel(clientFamily(client === '' ? null : client), language);
    counts.set(label, (counts.get(label) ?? 0) + count);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([label]) => label);
}

function toAnswerRows(rows: readonly ActivitySummaryRow[], language: Language): AnswerRow[] {
  return rows
    .map((r) => ({ actor: r.actor, sentAs: r.sentAs, category: r.category, count: r.count, first: r.first, last: r.last, clients: clientsOf(r, language) }))
    .sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
        b.count - a.count ||
        a.actor.localeCompare(b.actor) ||
        a.sentAs.localeCompare(b.sentAs),
    );
}

function totalsOf(rows: readonly AnswerRow[]): CategoryTotal[] {
  return CATEGORIES.map((category) => ({ category, count: rows.filter((r) => r.category === category).reduce((n, r) => n + r.count, 0) }));
}

/** A chart stays readable with this many bars at most; longer ranges take steps of several days. */
const MAX_CHART_STEPS = 31;

/**
 * The range cut at the asker's local midnights (steps of several days once it would need more than
 * MAX_CHART_STEPS), with each step's events per category, counted by the store with the answer's filter.
 */
async function dailyTotals(
  range: QueryRange,
  ctx: EngineContext,
  summarize: (step: TimeWindow) => Promise<ActivitySummaryRow[]>,
): Promise<DailyTotals[]> {
  const zone = usableZone(ctx.timeZone);
  const from = DateTime.fromISO(range.from, { zone: 'utc' }).setZone(zone);
  const to = DateTime.fromISO(range.to, { zone: 'utc' }).setZone(zone);
  if (!from.isValid || !to.isValid || to <= from) return [];
  const days = Math.ceil(to.diff(from.startOf('day'), 'days').days);
  const stepDays = Math.max(1, Math.ceil(days / MAX_CHART_STEPS));
  const steps: TimeWindow[] = [];
  for (let start = from.startOf('day'); start < to; start = start.plus({ days: stepDays })) {
    const end = start.plus({ days: stepDays });
    steps.push({ from: DateTime.max(start, from).toUTC().toISO() ?? range.from, to: DateTime.min(end, to).toUTC().toISO() ?? range.to });
  }
  const daily: DailyTotals[] = [];
  // One step after another: a month of steps must not take the whole database pool at once.
  for (const step of steps) {
    const rows = await summarize(step);
    daily.push({ from: step.from, totals: CATEGORIES.map((category) => ({ category, count: rows.filter((r) => r.category === category).reduce((n, r) => n + r.count, 0) })) });
  }
  return daily;
}

/**
 * Ingestion always trails the clock a little (the Graph scheduler stops an hour short of now; the demo
 * and file sources were loaded a moment ago). A gap only in that tail is the freshness warning's
 * business, not a hole in the data.
 */
const INGESTION_TAIL_MS = 2 * 3600_000;

export function isIngestionTail(gap: { from: string; to: string }, now: Date): boolean {
  return Date.parse(gap.from) >= now.getTime() - INGESTION_TAIL_MS;
}

/** Warnings every answer over a range carries: incidents, coverage gaps, freshness, silence. */
async function rangeWarnings(range: QueryRange, ctx: EngineContext, newest: string | null): Promise<AnswerWarning[]> {
  const words = WARNING_WORDS[ctx.language];
  const warnings: AnswerWarning[] = incidentsOverlapping(range).map((incident) => ({
    kind: 'known-incident',
    text: words.knownIncident(incident, ctx.timeZone),
  }));
  const gaps = (await ctx.store.uncovered(range)).filter((gap) => !isIngestionTail(gap, ctx.now));
  if (gaps.length > 0) warnings.push({ kind: 'coverage', text: words.coverage(gaps, ctx.timeZone) });
  if (Date.parse(range.to) > ctx.now.getTime() - LATE_ARRIVAL_MS) warnings.push({ kind: 'freshness', text: words.freshness(newest, ctx.timeZone) });
  const coveredSomewhere = gaps.length === 0 || gaps.reduce((ms, g) => ms + Date.parse(g.to) - Date.parse(g.from), 0) < Date.parse(range.to) - Date.parse(range.from);
  // One event is enough to rule silence out; counting a busy week tenant-wide would cost far more.
  if (coveredSomewhere && newest !== null && (await ctx.store.listEvents({ from: range.from, to: range.to }, { limit: 1 })).length === 0) {
    warnings.push({ kind: 'silence', text: words.silence() });
  }
  return warnings;
}

async function activity(
  query: Extract<DataQuery, { intent: 'who-sent-as' | 'who-sent-on-behalf' | 'what-did-send-as' }>,
  ctx: EngineContext,
): Promise<Answer> {
  const ref = query.intent === 'what-did-send-as' ? query.actor : query.subject;
  const base = { language: ctx.language, timeZone: ctx.timeZone, warnings: [] };
  const resolution = await resolveSubject(ref, ctx.store);
  if (resolution.kind === 'ambiguous') return { ...base, intent: 'ambiguous', asked: ref.text, candidates: resolution.candidates };
  if (resolution.kind === 'not-found') return { ...base, intent: 'not-found', asked: ref.text, what: 'address', suggestions: resolution.suggestions };
  const window = { from: query.range.from, to: query.range.to };
  const operation: Operation | undefined =
    query.intent === 'who-sent-as' ? 'SendAs' : query.intent === 'who-sent-on-behalf' ? 'SendOnBehalf' : undefined;
  const summary = await ctx.store.summarize(
    query.intent === 'what-did-send-as' ? { ...window, actor: resolution.address } : { ...window, sentAs: resolution.address, operation },
  );
  const rows = toAnswerRows(summary, ctx.language);
  const daily = await dailyTotals(query.range, ctx, (step) =>
    ctx.store.summarize(query.intent === 'what-did-send-as' ? { ...step, actor: resolution.address } : { ...step, sentAs: resolution.address, operation }),
  );
  const { newestEvent } = await ctx.store.stats();
  const warnings = await rangeWarnings(query.range, ctx, newestEvent);
  warnings.push({ kind: 'blind-spot', text: WARNING_WORDS[ctx.language].blindSpot() });
  const answer: ActivityAnswer = {
    intent: query.intent,
    language: ctx.language,
    timeZone: ctx.timeZone,
    range: query.range,
    subject: resolution.address,
    rows,
    totals: totalsOf(rows),
    daily,
    warnings,
    assumed: ctx.assumed ?? [],
    newestEvent,
  };
  return answer;
}

async function explain(eventId: string, ctx: EngineContext): Promise<Answer> {
  const stored = await ctx.store.getEvent(eventId.trim().toLowerCase());
  if (stored === null) {
    return { intent: 'not-found', language: ctx.language, timeZone: ctx.timeZone, warnings: [], asked: eventId, what: 'event', suggestions: [] };
  }
  const warnings = incidentsOverlapping({ from: stored.time, to: stored.time }).map((incident) => ({
    kind: 'known-incident' as const,
    text: WARNING_WORDS[ctx.language].knownIncident(incident, ctx.timeZone),
  }));
  return {
    intent: 'explain',
    language: ctx.language,
    timeZone: ctx.timeZone,
    warnings,
    event: {
      id: stored.id,
      time: stored.time,
      operation: stored.operation,
      actor: stored.actor,
      mailbox: stored.mailbox,
      sentAs: stored.sentAs,
      client: stored.client,
      clientFamily: clientFamilyLabel(clientFamily(stored.client), ctx.language),
      clientIp: stored.clientIp,
      logonType: stored.logonType,
      userType: stored.userType,
      appId: stored.appId,
      externalAccess: stored.externalAccess,
      subject: stored.subject,
      internetMessageId: stored.internetMessageId,
    },
    category: stored.category,
    confidence: stored.confidence,
    ruleId: stored.ruleId,
    reasons: stored.reasons.map((r) => describeReason(r, ctx.language)),
  };
}

async function health(range: QueryRange, ctx: EngineContext): Promise<HealthAnswer> {
  const overall = await ctx.store.stats();
  const inRange = await ctx.store.stats(range);
  const status = ctx.ingestionStatus === undefined ? { source: 'store', lastIngest: null, lines: [] } : await ctx.ingestionStatus(ctx.language, ctx.timeZone);
  return {
    intent: 'health',
    language: ctx.language,
    timeZone: ctx.timeZone,
    range,
    warnings: await rangeWarnings(range, ctx, overall.newestEvent),
    totalEvents: overall.totalEvents,
    eventsInRange: inRange.totalEvents,
    oldestEvent: overall.oldestEvent,
    newestEvent: overall.newestEvent,
    totals: CATEGORIES.map((category) => ({ category, count: inRange.byCategory[category] })),
    lastIngest: status.lastIngest,
    source: status.source,
    status: status.lines,
  };
}

/** Answers a parsed question from the store. Expected outcomes (no match, ambiguity) are answers too. */
export async function answerQuery(query: DataQuery, ctx: EngineContext): Promise<Answer> {
  switch (query.intent) {
    case 'who-sent-as':
    case 'who-sent-on-behalf':
    case 'what-did-send-as':
      return activity(query, ctx);
    case 'explain':
      return explain(query.eventId, ctx);
    case 'anomalies': {
      const anomalies = ctx.findAnomalies === undefined ? [] : await ctx.findAnomalies({ from: query.range.from, to: query.range.to });
      return { intent: 'anomalies', language: ctx.language, timeZone: ctx.timeZone, warnings: [], range: query.range, anomalies };
    }
    case 'health':
      return health(query.range, ctx);
    default:
      return query satisfies never;
  }
}
