import { DateTime } from 'luxon';
import type { Operation } from '../audit/event';
import type { Category } from '../classify/category';
import { CATEGORIES } from '../classify/category';
import type { ClientFamily } from '../classify/clients';
import { clientFamily } from '../classify/clients';
import { incidentsOverlapping } from '../classify/incidents';
import type { Language } from '../i18n/reasons';
import type { Anomaly } from '../detect/anomaly';
import type { AuditSettingsLookup, DelegateOperation } from '../exchange/settings';
import { auditSettingsHealth, auditSettingsWarnings } from '../exchange/warnings';
import type { PlaceLookup } from '../places/place';
import { personCountry } from '../places/place';
import type { ActivityGroupFilter, ActivitySummaryRow, Store, StoredEvent, TimeWindow } from '../store/store';
import type { ActivityAnswer, Answer, AnswerRow, AnswerWarning, AppView, CategoryTotal, DailyTotals, DetailReason, HealthAnswer, HealthLine, ProvisionalPart, RecipientsView } from './answer';
import { usableZone } from '../i18n/dates';
import type { Assumption, Query, QueryRange } from './query';
import { batchContext, tenantDomainsOf } from './context';
import { resolveSubject } from './resolve';
import { tenantAnswer } from './tenant';
import { classify } from '../classify/classify';
import { isOutsideTenant, splitRecipients } from '../classify/context';
import { sourcesOf } from '../classify/sources';
import type { DirectoryLookup } from '../directory/lookup';
import { NO_DIRECTORY } from '../directory/lookup';
import { withDirectoryFacts } from './people';
import { withRowRights } from './rights';

/** The queries the engine answers from data; subscribe, unsubscribe and help belong to the bot. */
export type DataQuery = Exclude<Query, { readonly intent: 'subscribe' | 'unsubscribe' | 'help' }>;

export interface IngestionStatus {
  readonly source: string;
  readonly lastIngest: string | null;
  /** Status lines (lag, errors, budget) as codes; the card words them. */
  readonly lines: readonly HealthLine[];
}

export interface EngineContext {
  readonly store: Store;
  readonly now: Date;
  /** The language the answer is to be worded in: the engine words nothing, it stamps this on the answer for the shells. */
  readonly language: Language;
  readonly timeZone: string;
  readonly assumed?: readonly Assumption[];
  /** Anomalies in a window, from the detectors; absent until they are wired in. */
  readonly findAnomalies?: (window: TimeWindow) => Promise<readonly Anomaly[]>;
  readonly ingestionStatus?: () => Promise<IngestionStatus>;
  /** Client IPs to country and network; absent, events show their IP only. */
  readonly places?: PlaceLookup;
  /** Mailbox audit settings: answers warn where delegate sends are not recorded; absent, they say nothing of it. */
  readonly auditSettings?: AuditSettingsLookup;
  /** The tenant's own domains (lower-case); derived from the identities sent as when absent. */
  readonly tenantDomains?: readonly string[];
  /** Names for apps and kinds for mailboxes (the directory); the explain card says "unknown" without it. */
  readonly directory?: DirectoryLookup;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Genuine delegates first, then what needs a look, then the noise. */
const CATEGORY_ORDER: readonly Category[] = ['delegate', 'unknown', 'owner-misreport', 'connector', 'application'];

export function isDataQuery(query: Query): query is DataQuery {
  return query.intent !== 'subscribe' && query.intent !== 'unsubscribe' && query.intent !== 'help';
}

function clientsOf(row: ActivitySummaryRow): ClientFamily[] {
  const counts = new Map<ClientFamily, number>();
  for (const { client, count } of row.clients) {
    const family = clientFamily(client === '' ? null : client);
    counts.set(family, (counts.get(family) ?? 0) + count);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([family]) => family);
}

function toAnswerRows(rows: readonly ActivitySummaryRow[]): AnswerRow[] {
  return rows
    .map((r) => ({ actor: r.actor, sentAs: r.sentAs, category: r.category, count: r.count, first: r.first, last: r.last, clients: clientsOf(r) }))
    .sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
        b.count - a.count ||
        a.actor.localeCompare(b.actor) ||
        a.sentAs.localeCompare(b.sentAs),
    );
}

/**
 * Each row with the countries its sends came from: the same window's events grouped by client IP (one
 * aggregate query), each IP placed once. Private, Microsoft and unplaced addresses name no country.
 */
async function withCountries(rows: readonly AnswerRow[], places: PlaceLookup, store: Store, filter: ActivityGroupFilter, operation: Operation | undefined): Promise<AnswerRow[]> {
  if (rows.length === 0) return [...rows];
  const sends = new Map<string, Map<string, number>>();
  const countryOf = new Map<string, string | null>();
  for (const group of await store.activityGroups({ ...filter, byClientIp: true }, 0)) {
    if (operation !== undefined && group.operation !== operation) continue;
    const ip = group.clientIp ?? '';
    if (!countryOf.has(ip)) countryOf.set(ip, personCountry(places.placeOf(group.clientIp ?? null)));
    const country = countryOf.get(ip);
    if (country === null || country === undefined) continue;
    const key = `${group.actor}\u0000${group.sentAs ?? group.mailbox ?? ''}\u0000${group.category}`;
    const perCountry = sends.get(key) ?? new Map<string, number>();
    sends.set(key, perCountry.set(country, (perCountry.get(country) ?? 0) + group.count));
  }
  return rows.map((row) => {
    const perCountry = sends.get(`${row.actor}\u0000${row.sentAs}\u0000${row.category}`);
    return perCountry === undefined ? row : { ...row, countries: [...perCountry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([country]) => country) };
  });
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

/**
 * Where a range stops being final: its first provisional coverage (queried, late records may still
 * arrive) or its not-yet-queried tail, whichever comes first, with the oldest last check from there
 * on. Null when the whole range is settled (or simply missing: that is the coverage warning's).
 */
export async function provisionalPart(range: { from: string; to: string }, store: Pick<Store, 'coverage' | 'uncovered'>, now: Date): Promise<ProvisionalPart | null> {
  const provisional = (await store.coverage(range)).filter((span) => span.level === 'provisional');
  const tail = (await store.uncovered(range)).filter((gap) => isIngestionTail(gap, now));
  const starts = [...provisional.map((s) => s.from), ...tail.map((g) => g.from)].sort();
  if (starts.length === 0) return null;
  const checks = provisional.map((s) => s.checkedAt).sort();
  return { from: starts[0], checkedAt: checks[0] ?? null, whole: Date.parse(starts[0]) <= Date.parse(range.from) };
}

/** Warnings every answer over a range carries: incidents, coverage gaps, provisional data, silence. */
async function rangeWarnings(range: QueryRange, ctx: EngineContext, newest: string | null): Promise<AnswerWarning[]> {
  const warnings: AnswerWarning[] = incidentsOverlapping(range).map((incident) => ({ kind: 'known-incident', message: { code: 'known-incident', incident } }));
  const gaps = (await ctx.store.uncovered(range)).filter((gap) => !isIngestionTail(gap, ctx.now));
  if (gaps.length > 0) warnings.push({ kind: 'coverage', message: { code: 'coverage', gaps } });
  const provisional = await provisionalPart(range, ctx.store, ctx.now);
  if (provisional !== null) warnings.push({ kind: 'freshness', message: { code: 'provisional', part: provisional } });
  const coveredSomewhere = gaps.length === 0 || gaps.reduce((ms, g) => ms + Date.parse(g.to) - Date.parse(g.from), 0) < Date.parse(range.to) - Date.parse(range.from);
  // One event is enough to rule silence out; counting a busy week tenant-wide would cost far more.
  if (coveredSomewhere && newest !== null && (await ctx.store.listEvents({ from: range.from, to: range.to }, { limit: 1 })).length === 0) {
    warnings.push({ kind: 'silence', message: { code: 'silence' } });
  }
  return warnings;
}

/**
 * Rows with the actor as Exchange wrote it (display names, "Not Available") and marked external when the
 * actor is outside the tenant's domains or Exchange flagged ExternalAccess on any of their sends.
 */
async function markedRows(rows: AnswerRow[], window: TimeWindow, subject: string, byActor: boolean, ctx: EngineContext): Promise<AnswerRow[]> {
  if (rows.length === 0) return rows;
  const domains = await tenantDomainsOf(ctx);
  const groups = await ctx.store.activityGroups(byActor ? { ...window, actors: [subject] } : { ...window, sentAs: [subject] }, 0);
  const externalAccess = new Set(groups.filter((g) => g.externalAccess === true).map((g) => g.actor));
  const written = new Map<string, string | undefined>();
  for (const row of rows) {
    // Addresses are shown as keys; only a recorded name needs its own spelling back from a record.
    if (row.actor.includes('@') || written.has(row.actor)) continue;
    const sample = await ctx.store.listEvents({ ...window, actor: row.actor }, { limit: 1 });
    written.set(row.actor, sample[0]?.actorAsWritten);
  }
  return rows.map((row) => {
    const asWritten = written.get(row.actor);
    const external = isOutsideTenant(row.actor, domains) || externalAccess.has(row.actor);
    return { ...row, ...(asWritten === undefined ? {} : { actorAsWritten: asWritten }), external };
  });
}

async function activity(
  query: Extract<DataQuery, { intent: 'who-sent-as' | 'who-sent-on-behalf' | 'what-did-send-as' }>,
  ctx: EngineContext,
): Promise<Answer> {
  const ref = query.intent === 'what-did-send-as' ? query.actor : query.subject;
  const base = { language: ctx.language, timeZone: ctx.timeZone, warnings: [] };
  const resolution = await resolveSubject(ref, ctx.store);
  if (resolution.kind === 'ambiguous') return { ...base, intent: 'ambiguous', asked: ref.text, candidates: resolution.candidates };
  if (resolution.kind === 'not-found') {
    // "Never seen" is only as wide as what was loaded: holes in the range and known incidents say so.
    const warnings = (await rangeWarnings(query.range, ctx, (await ctx.store.stats()).newestEvent)).filter((w) => w.kind === 'coverage' || w.kind === 'known-incident');
    return { ...base, warnings, intent: 'not-found', asked: ref.text, what: 'address', suggestions: resolution.suggestions, neverSeen: true };
  }
  const window = { from: query.range.from, to: query.range.to };
  const operation: Operation | undefined =
    query.intent === 'who-sent-as' ? 'SendAs' : query.intent === 'who-sent-on-behalf' ? 'SendOnBehalf' : undefined;
  const byActor = query.intent === 'what-did-send-as';
  const summary = await ctx.store.summarize(byActor ? { ...window, actor: resolution.address } : { ...window, sentAs: resolution.address, operation });
  const marked = await markedRows(toAnswerRows(summary), window, resolution.address, byActor, ctx);
  const placed =
    ctx.places === undefined
      ? marked
      : await withCountries(marked, ctx.places, ctx.store, { ...window, ...(byActor ? { actors: [resolution.address] } : { sentAs: [resolution.address] }) }, operation);
  const withRights = await withRowRights(placed, ctx.store, { window, subject: resolution.address, byActor, operation, now: ctx.now.toISOString() });
  const { rows, subjectKind, subjectOwner } = await withDirectoryFacts(withRights, resolution.address, byActor, ctx.directory ?? NO_DIRECTORY);
  // Nothing in the range is not "never seen": say when the subject last appeared.
  const subjectFilter = byActor ? { actor: resolution.address } : { sentAs: resolution.address };
  const latest = await ctx.store.listEvents({ from: EPOCH, to: ctx.now.toISOString(), ...subjectFilter }, { limit: 1 });
  const lastSeen = rows.length === 0 ? (latest[0]?.time ?? null) : undefined;
  const subjectAsWritten = byActor ? latest[0]?.actorAsWritten : undefined;
  const daily = await dailyTotals(query.range, ctx, (step) =>
    ctx.store.summarize(byActor ? { ...step, actor: resolution.address } : { ...step, sentAs: resolution.address, operation }),
  );
  const { newestEvent } = await ctx.store.stats();
  const warnings = await rangeWarnings(query.range, ctx, newestEvent);
  warnings.push({ kind: 'blind-spot', message: { code: 'blind-spot' } });
  const identities = query.intent === 'what-did-send-as' ? rows.map((r) => r.sentAs) : [resolution.address];
  const operations: DelegateOperation[] = operation === undefined ? ['SendAs', 'SendOnBehalf'] : [operation];
  warnings.push(...(await auditSettingsWarnings(ctx.auditSettings, identities, operations)));
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
    ...(subjectAsWritten === undefined ? {} : { subjectAsWritten }),
    ...(lastSeen === undefined ? {} : { lastSeen }),
    ...(subjectKind === undefined ? {} : { subjectKind }),
    ...(subjectOwner === undefined ? {} : { subjectOwner }),
  };
  return answer;
}

/** Recipients split for a card: counts, and a few addresses with the external ones first. */
export function recipientsView(event: Pick<StoredEvent, 'recipients'>, tenantDomains: readonly string[], shown = 10): RecipientsView | null {
  const recipients = event.recipients ?? null;
  if (recipients === null) return null;
  const split = splitRecipients(recipients.list, tenantDomains);
  const internal = recipients.list.filter((a) => !split.externalAddresses.includes(a));
  return {
    count: Math.max(recipients.count ?? 0, recipients.list.length),
    internal: split.internal,
    external: split.external,
    shown: [...split.externalAddresses, ...internal].slice(0, shown),
  };
}

async function appView(stored: StoredEvent, directory: DirectoryLookup): Promise<AppView | null> {
  const id = stored.access?.clientAppId ?? stored.appId;
  if (id === null) return null;
  const looked = await directory.appName(id);
  if (looked.kind === 'known') return { id, name: looked.value, nameFrom: 'directory' };
  const recorded = stored.access?.clientAppName ?? null;
  return recorded === null ? { id, name: null, nameFrom: null } : { id, name: recorded, nameFrom: 'record' };
}

/**
 * What the record alone cannot say, for reclassifying it at explain time: the mailbox's kind from the
 * directory, its own history of connector events before this one, and the tenant's domains.
 */
async function explain(eventId: string, ctx: EngineContext): Promise<Answer> {
  const stored = await ctx.store.getEvent(eventId.trim().toLowerCase());
  if (stored === null) {
    return { intent: 'not-found', language: ctx.language, timeZone: ctx.timeZone, warnings: [], asked: eventId, what: 'event', suggestions: [] };
  }
  const warnings = incidentsOverlapping({ from: stored.time, to: stored.time }).map(
    (incident): AnswerWarning => ({ kind: 'known-incident', message: { code: 'known-incident', incident } }),
  );
  const identity = stored.sentAs ?? stored.mailbox;
  const settingsWarnings = identity === null ? [] : await auditSettingsWarnings(ctx.auditSettings, [identity], [stored.operation]);
  const directory = ctx.directory ?? NO_DIRECTORY;
  const tenantDomains = await tenantDomainsOf(ctx);
  // Every record's mailbox is looked up here, not only a connector's: the card shows the mailbox's kind.
  const context = (await batchContext([stored], { store: ctx.store, directory, tenantDomains }, () => true))(stored);
  // A stored event is an AuditEvent with its old verdict beside it; the rules read only the record's fields.
  const fresh = classify(stored, context);
  const owner = context.mailboxKind === 'person' && identity !== null ? await directory.personOf(identity) : null;
  const actorShown = stored.actorAsWritten ?? stored.actor;
  const outside = isOutsideTenant(stored.actor, tenantDomains);
  const external = outside || stored.externalAccess === true;
  const reasons: DetailReason[] = fresh.reasons.map((reason) => ({ code: 'rule', reason }));
  if (external) reasons.push({ code: 'external-actor', actor: actorShown, outside, externalAccess: stored.externalAccess === true });
  if (fresh.category !== stored.category) reasons.push({ code: 'reclassified', stored: stored.category, now: fresh.category });
  const incidentSources = incidentsOverlapping({ from: stored.time, to: stored.time }).map((incident) => incident.source.name);
  return {
    intent: 'explain',
    language: ctx.language,
    timeZone: ctx.timeZone,
    warnings: [...warnings, ...settingsWarnings],
    event: {
      id: stored.id,
      time: stored.time,
      operation: stored.operation,
      actor: stored.actor,
      mailbox: stored.mailbox,
      sentAs: stored.sentAs,
      client: stored.client,
      clientFamily: clientFamily(stored.client),
      clientIp: stored.clientIp,
      ...(ctx.places === undefined ? {} : { place: ctx.places.placeOf(stored.clientIp) }),
      logonType: stored.logonType,
      userType: stored.userType,
      appId: stored.appId,
      externalAccess: stored.externalAccess,
      subject: stored.subject,
      internetMessageId: stored.internetMessageId,
      ...(stored.actorAsWritten === undefined ? {} : { actorAsWritten: stored.actorAsWritten }),
      external,
      app: await appView(stored, directory),
      mailboxKind: context.mailboxKind ?? 'unknown',
      ...(owner?.kind === 'known' ? { mailboxOwner: owner.value } : {}),
      actorPerson: await directory.personOf(stored.actor),
      recipients: recipientsView(stored, tenantDomains),
      sessionId: stored.access?.sessionId ?? null,
      tokenObjectId: stored.access?.tokenObjectId ?? null,
    },
    category: fresh.category,
    confidence: fresh.confidence,
    ruleId: fresh.ruleId,
    reasons,
    sources: [...new Set([...sourcesOf(fresh.reasons.map((r) => r.code)).map((source) => (source.url === undefined ? source.name : `${source.name} ${source.url}`)), ...incidentSources])],
  };
}

async function health(range: QueryRange, ctx: EngineContext): Promise<HealthAnswer> {
  const overall = await ctx.store.stats();
  const inRange = await ctx.store.stats(range);
  const status = ctx.ingestionStatus === undefined ? { source: 'store', lastIngest: null, lines: [] } : await ctx.ingestionStatus();
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
    status: [...status.lines, ...(await auditSettingsHealth(ctx.auditSettings))],
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
    case 'top-delegates':
    case 'top-mailboxes':
    case 'external-senders':
    case 'new-delegates': {
      const { newestEvent } = await ctx.store.stats();
      const warnings = await rangeWarnings(query.range, ctx, newestEvent);
      warnings.push({ kind: 'blind-spot', message: { code: 'blind-spot' } });
      return tenantAnswer(query, ctx, { newestEvent, warnings });
    }
    default:
      return query satisfies never;
  }
}
