import { clientFamily } from '../classify/clients';
import { auditSettingsWarnings } from '../exchange/warnings';
import { incidentsOverlapping } from '../classify/incidents';
import type { ActivityFilter, StoredEvent, TimeWindow } from '../store/store';
import type { AnswerWarning, EventCursor, EventListAnswer, EventListItem } from './answer';
import type { EngineContext } from './engine';
import { isIngestionTail, provisionalPart, recipientsView } from './engine';

/** Events a page holds at most: what one card can show (the card may show fewer to stay in budget). */
export const EVENTS_PER_PAGE = 25;

export interface EventListRequest {
  readonly actor: string;
  readonly sentAs: string;
  readonly range: TimeWindow;
  /** The last event of the previous page; absent for the first (newest) page. */
  readonly before?: EventCursor;
  /** Events per page; EVENTS_PER_PAGE by default. */
  readonly limit?: number;
}

function itemOf(event: StoredEvent, ctx: Pick<EngineContext, 'places'>, tenantDomains: readonly string[]): EventListItem {
  return {
    recipients: recipientsView(event, tenantDomains, 3),
    internetMessageId: event.internetMessageId,
    id: event.id,
    time: event.time,
    operation: event.operation,
    client: clientFamily(event.client),
    category: event.category,
    clientIp: event.clientIp,
    ...(ctx.places === undefined ? {} : { place: ctx.places.placeOf(event.clientIp) }),
    subject: event.subject,
  };
}

async function countOf(filter: ActivityFilter, ctx: Pick<EngineContext, 'store'>): Promise<number> {
  if (Date.parse(filter.from) >= Date.parse(filter.to)) return 0;
  return (await ctx.store.summarize(filter)).reduce((sum, row) => sum + row.count, 0);
}

/**
 * Events that come after `cursor` in newest-first order (older, or as old with a smaller id), so a page
 * can say where it sits in the whole list however many events arrived since the first page.
 */
async function countAfter(filter: ActivityFilter, cursor: EventCursor, total: number, ctx: Pick<EngineContext, 'store'>): Promise<number> {
  const at = Date.parse(cursor.time);
  const older = await countOf({ ...filter, to: new Date(Math.min(at, Date.parse(filter.to))).toISOString() }, ctx);
  if (at < Date.parse(filter.from) || at >= Date.parse(filter.to)) return older;
  // Events in the cursor's own millisecond are ordered by id; there are only ever a few.
  const sameInstant = { ...filter, from: cursor.time, to: new Date(at + 1).toISOString() };
  const tied = await ctx.store.listEvents(sameInstant, { limit: total, before: cursor });
  return older + tied.length;
}

/**
 * Known incidents, holes in ingestion, lateness, the Outlook Mobile blind spot for delegate sends, and
 * what the identity's audit settings leave out.
 */
async function warningsFor(request: EventListRequest, actor: string, sentAs: string, ctx: EngineContext): Promise<AnswerWarning[]> {
  const { range } = request;
  const warnings: AnswerWarning[] = incidentsOverlapping(range).map((incident) => ({ kind: 'known-incident', message: { code: 'known-incident', incident } }));
  const gaps = (await ctx.store.uncovered(range)).filter((gap) => !isIngestionTail(gap, ctx.now));
  if (gaps.length > 0) warnings.push({ kind: 'coverage', message: { code: 'coverage', gaps } });
  const provisional = await provisionalPart(range, ctx.store, ctx.now);
  if (provisional !== null) warnings.push({ kind: 'freshness', message: { code: 'provisional', part: provisional } });
  if (actor !== sentAs) warnings.push({ kind: 'blind-spot', message: { code: 'blind-spot' } });
  warnings.push(...(await auditSettingsWarnings(ctx.auditSettings, [sentAs], ['SendAs', 'SendOnBehalf'])));
  return warnings;
}

/**
 * The events of `actor` sending as `sentAs` in the range, newest first, one page from `before` on:
 * what an admin sees after pressing "events" on an answer row.
 */
export async function listActorEvents(request: EventListRequest, ctx: EngineContext): Promise<EventListAnswer> {
  const actor = request.actor.trim().toLowerCase();
  const sentAs = request.sentAs.trim().toLowerCase();
  const limit = Math.max(1, Math.floor(request.limit ?? EVENTS_PER_PAGE));
  const filter: ActivityFilter = { from: request.range.from, to: request.range.to, actor, sentAs };
  // One more than the page holds says whether older events follow.
  const fetched = await ctx.store.listEvents(filter, { limit: limit + 1, before: request.before });
  const page = fetched.slice(0, limit);
  const last = page.at(-1);
  const total = await countOf(filter, ctx);
  const tenantDomains = ctx.tenantDomains ?? (await ctx.store.sentAsDomains());
  const offset = request.before === undefined ? 0 : Math.max(0, total - (await countAfter(filter, request.before, total, ctx)));
  return {
    intent: 'events',
    language: ctx.language,
    timeZone: ctx.timeZone,
    warnings: await warningsFor(request, actor, sentAs, ctx),
    actor,
    sentAs,
    range: { from: request.range.from, to: request.range.to },
    events: page.map((event) => itemOf(event, ctx, tenantDomains)),
    total,
    offset,
    next: fetched.length > limit && last !== undefined ? { time: last.time, id: last.id } : null,
  };
}
