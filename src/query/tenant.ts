import type { Operation } from '../audit/event';
import type { Category } from '../classify/category';
import { CATEGORIES } from '../classify/category';
import type { MailboxKind } from '../classify/context';
import { isOutsideTenant } from '../classify/context';
import type { AuditSettingsLookup } from '../exchange/settings';
import type { DirectoryLookup } from '../directory/lookup';
import { auditSettingsWarnings } from '../exchange/warnings';
import type { ActivityGroup, Store } from '../store/store';
import type { AnswerWarning, ExternalWhy, RankingAnswer, RankingRow } from './answer';
import { tenantDomainsOf } from './context';
import type { EngineContext } from './engine';
import type { QueryRange, TenantIntent } from './query';

/** Rows a tenant-wide answer keeps when the question gave no N: a card's worth, and a readable chart. */
const DEFAULT_TOP = 10;

/** What the engine has already worked out for any answer over a range. */
export interface RangeFacts {
  readonly newestEvent: string | null;
  readonly warnings: readonly AnswerWarning[];
}

/** Guest accounts sign in with a UPN the tenant minted from their home address: `bob_fabrikam.com#EXT#@contoso.onmicrosoft.com`. */
const GUEST_MARK = '#ext#';

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Sends of one actor, mailbox or pair, counted up from the store's per-day groups. */
interface Tally {
  count: number;
  sendAs: number;
  sendOnBehalf: number;
  first: string;
  last: string;
  readonly counterparts: Set<string>;
  readonly categories: Map<Category, number>;
  externalAccess: boolean;
}

function emptyTally(): Tally {
  return { count: 0, sendAs: 0, sendOnBehalf: 0, first: '', last: '', counterparts: new Set(), categories: new Map(), externalAccess: false };
}

const identityOf = (group: ActivityGroup): string => group.sentAs ?? group.mailbox ?? '';

function add(tally: Tally, group: ActivityGroup, counterpart: string): void {
  tally.count += group.count;
  if (group.operation === 'SendOnBehalf') tally.sendOnBehalf += group.count;
  else tally.sendAs += group.count;
  if (tally.first === '' || group.first < tally.first) tally.first = group.first;
  if (group.last > tally.last) tally.last = group.last;
  if (counterpart !== '') tally.counterparts.add(counterpart);
  tally.categories.set(group.category, (tally.categories.get(group.category) ?? 0) + group.count);
  if (group.externalAccess === true) tally.externalAccess = true;
}

function tallyBy(groups: readonly ActivityGroup[], keyOf: (group: ActivityGroup) => string | null, counterpartOf: (group: ActivityGroup) => string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const group of groups) {
    const key = keyOf(group);
    if (key === null) continue;
    const tally = tallies.get(key) ?? emptyTally();
    add(tally, group, counterpartOf(group));
    tallies.set(key, tally);
  }
  return tallies;
}

function rowOf(who: string, tally: Tally, extra: Partial<RankingRow> = {}): RankingRow {
  return {
    who,
    count: tally.count,
    sendAs: tally.sendAs,
    sendOnBehalf: tally.sendOnBehalf,
    counterparts: tally.counterparts.size,
    first: tally.first,
    last: tally.last,
    categories: CATEGORIES.flatMap((category) => {
      const count = tally.categories.get(category) ?? 0;
      return count > 0 ? [{ category, count }] : [];
    }),
    ...extra,
  };
}

/** Most sends first; ties by address, so the same data always ranks the same. */
const byCount = (a: RankingRow, b: RankingRow): number => b.count - a.count || a.who.localeCompare(b.who) || (a.mailbox ?? '').localeCompare(b.mailbox ?? '');

/** Why an actor counts as external: outside the tenant's domains, a guest account, or Exchange's ExternalAccess flag. */
function externalWhy(actor: string, domains: readonly string[], externalAccess: boolean): ExternalWhy | null {
  if (actor.toLowerCase().includes(GUEST_MARK)) return 'guest';
  if (isOutsideTenant(actor, domains)) return 'outside-domains';
  return externalAccess ? 'external-access' : null;
}

/** Exchange's RecipientTypeDetails as a mailbox kind; null for a type that names none. */
function kindOfRecipientType(recipientType: string | null): MailboxKind | null {
  switch ((recipientType ?? '').toLowerCase()) {
    case 'sharedmailbox':
      return 'shared';
    case 'usermailbox':
      return 'person';
    case 'roommailbox':
    case 'equipmentmailbox':
      return 'resource';
    case 'groupmailbox':
      return 'group';
    default:
      return null;
  }
}

/**
 * What kind of mailbox an address is: the directory's answer (a group, or mailboxSettings.userPurpose),
 * else the RecipientTypeDetails the audit settings were read with (the demo tenant carries them), else unknown.
 */
async function mailboxKindOf(address: string, directory: DirectoryLookup | undefined, auditSettings: AuditSettingsLookup | undefined): Promise<MailboxKind> {
  if (directory !== undefined) {
    const lookup = await directory.mailboxKind(address);
    if (lookup.kind === 'known' && lookup.value !== 'unknown') return lookup.value;
  }
  if (auditSettings !== undefined && auditSettings.configured) {
    const view = await auditSettings.view(address);
    if (view.status === 'checked') return kindOfRecipientType(view.settings.recipientType) ?? 'unknown';
  }
  return 'unknown';
}

/** Display names and "Not Available" are keys in lower case; the card shows them as Exchange wrote them. */
async function asWritten(rows: readonly RankingRow[], window: { from: string; to: string }, store: Pick<Store, 'listEvents'>): Promise<RankingRow[]> {
  const written = new Map<string, string | undefined>();
  for (const row of rows) {
    if (row.who.includes('@') || written.has(row.who)) continue;
    const sample = await store.listEvents({ ...window, actor: row.who }, { limit: 1 });
    written.set(row.who, sample[0]?.actorAsWritten);
  }
  return rows.map((row) => {
    const spelled = written.get(row.who);
    return spelled === undefined || spelled === row.who ? row : { ...row, whoAsWritten: spelled };
  });
}

/**
 * Actor→mailbox pairs of the range's delegate sends with no earlier record of that actor sending as or on
 * behalf of that mailbox, in any category, back to the oldest retained record.
 */
async function newPairs(groups: readonly ActivityGroup[], range: QueryRange, store: Store): Promise<{ rows: RankingRow[]; historyFrom: string | null; historyGaps: number }> {
  const pairKey = (actor: string, mailbox: string) => `${actor}\u0000${mailbox}`;
  const pairs = tallyBy(groups, (g) => (identityOf(g) === '' ? null : pairKey(g.actor, identityOf(g))), identityOf);
  const { oldest } = await store.eventBounds(range.from);
  if (pairs.size === 0 || oldest === null) {
    const gaps = oldest === null ? 0 : (await store.uncovered({ from: oldest, to: range.from })).length;
    return { rows: toPairRows(pairs), historyFrom: oldest, historyGaps: gaps };
  }
  const actors = [...new Set([...pairs.keys()].map((key) => key.split('\u0000')[0]))];
  const mailboxes = [...new Set([...pairs.keys()].map((key) => key.split('\u0000')[1]))];
  // One query for the pairs' whole history; it may return other combinations of the same actors and mailboxes, which the set lookup ignores.
  const before = await store.activityGroups({ from: EPOCH, to: range.from, actors, sentAs: mailboxes }, 0);
  const seen = new Set(before.map((g) => pairKey(g.actor, identityOf(g))));
  for (const key of seen) pairs.delete(key);
  const gaps = (await store.uncovered({ from: oldest, to: range.from })).length;
  return { rows: toPairRows(pairs), historyFrom: oldest, historyGaps: gaps };
}

function toPairRows(pairs: ReadonlyMap<string, Tally>): RankingRow[] {
  return [...pairs].map(([key, tally]) => {
    const [actor, mailbox] = key.split('\u0000');
    return rowOf(actor, tally, { mailbox });
  });
}

const DELEGATE: readonly Category[] = ['delegate'];

/**
 * Answers a tenant-wide question from the store's per-day groups of the range (one query), ranked by
 * sends: genuine delegate sends per actor or per mailbox, every send of an external actor, or the
 * delegate pairs first seen in the range.
 */
export async function tenantAnswer(
  query: { readonly intent: TenantIntent; readonly range: QueryRange; readonly limit?: number },
  ctx: EngineContext,
  facts: RangeFacts,
): Promise<RankingAnswer> {
  const { range, intent } = query;
  const window = { from: range.from, to: range.to };
  const limit = query.limit ?? DEFAULT_TOP;
  const categories = intent === 'external-senders' ? undefined : DELEGATE;
  const groups = await ctx.store.activityGroups({ ...window, ...(categories === undefined ? {} : { categories }) }, 0);
  const base = {
    intent,
    language: ctx.language,
    timeZone: ctx.timeZone,
    range,
    assumed: ctx.assumed ?? [],
    newestEvent: facts.newestEvent,
    limit,
  };
  const warnings = [...facts.warnings];

  switch (intent) {
    case 'top-delegates': {
      const all = [...tallyBy(groups, (g) => g.actor, identityOf)].map(([actor, tally]) => rowOf(actor, tally)).sort(byCount);
      const rows = await asWritten(all.slice(0, limit), window, ctx.store);
      return { ...base, warnings, rows, totalRows: all.length, totalSends: sum(all) };
    }
    case 'top-mailboxes': {
      const all = [...tallyBy(groups, (g) => (identityOf(g) === '' ? null : identityOf(g)), (g) => g.actor)].map(([mailbox, tally]) => rowOf(mailbox, tally)).sort(byCount);
      const shown = all.slice(0, limit);
      const rows = await Promise.all(shown.map(async (row) => ({ ...row, mailboxKind: await mailboxKindOf(row.who, ctx.directory, ctx.auditSettings) })));
      const operations: Operation[] = ['SendAs', 'SendOnBehalf'];
      warnings.push(...(await auditSettingsWarnings(ctx.auditSettings, rows.map((r) => r.who), operations)));
      return { ...base, warnings, rows, totalRows: all.length, totalSends: sum(all) };
    }
    case 'external-senders': {
      const domains = await tenantDomainsOf(ctx);
      const tallies = tallyBy(groups, (g) => g.actor, identityOf);
      const all = [...tallies]
        .flatMap(([actor, tally]) => {
          const why = externalWhy(actor, domains, tally.externalAccess);
          return why === null ? [] : [rowOf(actor, tally, { externalWhy: why })];
        })
        .sort(byCount);
      const rows = await asWritten(all.slice(0, limit), window, ctx.store);
      return { ...base, warnings, rows, totalRows: all.length, totalSends: sum(all), tenantDomains: domains };
    }
    case 'new-delegates': {
      const found = await newPairs(groups, range, ctx.store);
      const all = found.rows.sort(byCount);
      const rows = await asWritten(all.slice(0, limit), window, ctx.store);
      return { ...base, warnings, rows, totalRows: all.length, totalSends: sum(all), historyFrom: found.historyFrom, historyGaps: found.historyGaps };
    }
    default:
      return intent satisfies never;
  }
}

function sum(rows: readonly RankingRow[]): number {
  return rows.reduce((total, row) => total + row.count, 0);
}
