import type { Category } from '../classify/category';
import type { ClientFamily } from '../classify/clients';
import { clientFamily } from '../classify/clients';
import type { DirectoryLookup, Person } from '../directory/lookup';
import { peopleOf } from '../directory/people';
import type { PlaceLookup } from '../places/place';
import { personCountry } from '../places/place';
import type { RightsDetectionReads } from '../rights/ports';
import type { ActivityGroup, HourlyCount, Store, TimeWindow } from '../store/store';
import { DAY_MS, HOUR_MS, groupBy, identityOf, operationsText, round1 } from './detector';
import { splitRecipients } from '../classify/context';
import type { ActorBaseline, ArrivalFacts, BaselineFacts, CountryFacts, CountrySends, DailyProfile, DetectionInput, IngestionHealth, RecipientSend } from './input';
import { pairKey } from './input';
import type { DetectorSettings } from './settings';

/** The Store methods detection reads: all aggregates, so a store of millions of events stays cheap. */
export type DetectionStore = Pick<Store, 'activityGroups' | 'hourlyCounts' | 'eventBounds' | 'sentAsDomains' | 'uncovered' | 'listEvents' | RightsDetectionReads>;

/** Delegate sends read for their recipients per run, at most: the newest ones when there are more. */
const RECIPIENT_SENDS_READ = 5000;

export interface GatherOptions {
  /** The hunt window (ISO UTC, half-open). */
  readonly window: TimeWindow;
  readonly now: Date;
  readonly settings: DetectorSettings;
  readonly ingestion: IngestionHealth | null;
  /** Places client IPs; without it the input carries no countries. */
  readonly places?: PlaceLookup;
  /** Who the actors are (account enabled, guest); without it the input carries no people. */
  readonly directory?: DirectoryLookup;
}

/** A detection run asks the directory about more actors than an answer does, and may wait longer: nobody is waiting on a card. */
const DETECTION_LOOKUP_BOUNDS = { concurrency: 6, maxLookups: 500, budgetMs: 30_000 };

/** The known people among `actors`; the directory's unknowns are left out. */
async function gatherPeople(directory: DirectoryLookup, actors: readonly string[]): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  for (const [actor, lookup] of await peopleOf(directory, actors, DETECTION_LOOKUP_BOUNDS)) if (lookup.kind === 'known') people.set(actor, lookup.value);
  return people;
}

const NOISE: readonly Category[] = ['owner-misreport', 'connector'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))].sort();
}

/** Per-day totals of the groups, folded into a profile. */
function dailyProfile(entries: readonly { readonly day: string; readonly count: number }[]): DailyProfile {
  const perDay = new Map<string, number>();
  for (const e of entries) perDay.set(e.day, (perDay.get(e.day) ?? 0) + e.count);
  let total = 0;
  let peak = 0;
  for (const n of perDay.values()) {
    total += n;
    peak = Math.max(peak, n);
  }
  return { total, activeDays: perDay.size, peak };
}

function actorBaselines(rows: readonly ActivityGroup[]): Map<string, ActorBaseline> {
  const out = new Map<string, ActorBaseline>();
  for (const [actor, groups] of groupBy(rows, (g) => g.actor)) {
    const delegated = groups.filter((g) => g.category === 'delegate');
    const sentAs = new Map<string, number>();
    for (const g of delegated) sentAs.set(identityOf(g), (sentAs.get(identityOf(g)) ?? 0) + g.count);
    const clientFamilies = new Set<ClientFamily>(groups.filter((g) => g.category !== 'connector').map((g) => clientFamily(g.client)));
    out.set(actor, { sentAs, delegateSends: dailyProfile(delegated), clientFamilies });
  }
  return out;
}

function mailboxBaselines(rows: readonly ActivityGroup[]): Map<string, DailyProfile> {
  return new Map([...groupBy(rows, identityOf)].map(([identity, groups]) => [identity, dailyProfile(groups)]));
}

/** Each group's country (null for an address that is nobody's place), looked up once per IP. */
function withCountries(groups: readonly ActivityGroup[], places: PlaceLookup): { group: ActivityGroup; country: string | null }[] {
  const seen = new Map<string, string | null>();
  return groups.map((group) => {
    const ip = group.clientIp ?? '';
    let country = seen.get(ip);
    if (country === undefined) {
      country = personCountry(places.placeOf(group.clientIp ?? null));
      seen.set(ip, country);
    }
    return { group, country };
  });
}

/**
 * The hunt window's delegate sends per day, pair and country (one more aggregate query, grouped by
 * client IP), and the countries of the same pairs' baseline delegate sends, from the actors' baseline
 * groups (`actorRows`, grouped by client IP too when places are looked up).
 */
async function gatherCountries(store: DetectionStore, places: PlaceLookup, window: TimeWindow, actorRows: readonly ActivityGroup[], samples: number): Promise<CountryFacts> {
  const recentGroups = await store.activityGroups({ ...window, categories: ['delegate'], byClientIp: true }, samples);
  const placed = withCountries(recentGroups, places).filter((p): p is { group: ActivityGroup; country: string } => p.country !== null);
  const recent: CountrySends[] = [];
  for (const members of groupBy(placed, (p) => `${p.group.day} ${pairKey(p.group.actor, identityOf(p.group))} ${p.country}`).values()) {
    const groups = members.map((m) => m.group);
    const ipCounts = new Map<string, number>();
    for (const g of groups) ipCounts.set(g.clientIp ?? '', (ipCounts.get(g.clientIp ?? '') ?? 0) + g.count);
    const sampleIds = [...groups].sort((a, b) => (a.first < b.first ? -1 : 1)).flatMap((g) => g.sampleIds).slice(0, samples);
    recent.push({
      day: groups[0].day,
      actor: groups[0].actor,
      identity: identityOf(groups[0]),
      country: members[0].country,
      ips: [...ipCounts].sort((a, b) => b[1] - a[1]).map(([ip]) => ip),
      operations: operationsText(groups),
      count: groups.reduce((n, g) => n + g.count, 0),
      first: groups.reduce((t, g) => (g.first < t ? g.first : t), groups[0].first),
      last: groups.reduce((t, g) => (g.last > t ? g.last : t), groups[0].last),
      sampleIds,
    });
  }
  const actors = new Set(recent.map((r) => r.actor));
  const baselineGroups = actorRows.filter((g) => g.category === 'delegate' && actors.has(g.actor));
  const baseline = new Map<string, Set<string>>();
  for (const { group, country } of withCountries(baselineGroups, places)) {
    if (country === null) continue;
    const key = pairKey(group.actor, identityOf(group));
    baseline.set(key, (baseline.get(key) ?? new Set<string>()).add(country));
  }
  return { recent, baseline };
}

/** Who writes as whom: the key of BaselineFacts.noiseWriters. */
export function writerKey(group: Pick<ActivityGroup, 'actor' | 'sentAs' | 'mailbox'>): string {
  return `${group.actor}\u0000${group.sentAs ?? group.mailbox ?? ''}`;
}

/** The hunt window's delegate sends whose records list external recipients. */
async function recipientSends(store: DetectionStore, window: TimeWindow, tenantDomains: readonly string[]): Promise<RecipientSend[]> {
  const events = await store.listEvents({ ...window, category: 'delegate' }, { limit: RECIPIENT_SENDS_READ });
  const out: RecipientSend[] = [];
  for (const event of events) {
    const list = event.recipients?.list ?? [];
    if (list.length === 0 || event.sentAs === null) continue;
    const { external } = splitRecipients(list, tenantDomains);
    if (external > 0) out.push({ id: event.id, time: event.time, actor: event.actor, sentAs: event.sentAs, operation: event.operation, recipients: Math.max(list.length, event.recipients?.count ?? 0), external });
  }
  return out;
}

function hourMs(h: HourlyCount): number {
  return Date.parse(h.hour);
}

/**
 * Reads what the detectors need from the store, with aggregates only: the hunt window's events
 * grouped per day; for the actors and identities seen delegating there, their baseline groups;
 * hourly counts for the noise baseline and the arrival history; the store's first and last events;
 * how far ingestion coverage reaches; the tenant's domains (configured, or the domains sent as).
 */
export async function gatherDetectionInput(store: DetectionStore, options: GatherOptions): Promise<DetectionInput> {
  const { settings } = options;
  const nowMs = options.now.getTime();
  const from = Date.parse(options.window.from);
  const window = { from: iso(from), to: iso(Date.parse(options.window.to)) };
  const baselineWindow = { from: iso(from - settings.baselineDays * DAY_MS), to: window.from };

  const recent = await store.activityGroups(window, settings.evidenceLimit);
  const delegating = recent.filter((g) => g.category === 'delegate' || g.category === 'unknown');
  const actors = unique(delegating.map((g) => g.actor));
  // Only an identity sent as at least spikeMinimumSends times in a day can spike: the others need no baseline.
  const perDay = new Map<string, number>();
  for (const g of recent.filter((r) => r.category === 'delegate')) perDay.set(`${g.day} ${identityOf(g)}`, (perDay.get(`${g.day} ${identityOf(g)}`) ?? 0) + g.count);
  const identities = unique([...perDay].filter(([, n]) => n >= settings.spikeMinimumSends).map(([key]) => key.slice(key.indexOf(' ') + 1)));
  // With places, the same groups split by client IP also give the baseline countries: one query, not two.
  const actorRows = await store.activityGroups({ ...baselineWindow, actors, ...(options.places === undefined ? {} : { byClientIp: true }) }, 0);
  const mailboxRows = await store.activityGroups({ ...baselineWindow, sentAs: identities, categories: ['delegate'] }, 0);
  // Only worth reading when the hunt window has connector or application writes to compare.
  const writesNow = recent.some((g) => g.category === 'connector' || g.category === 'application');
  const noiseRows = writesNow ? await store.activityGroups({ ...baselineWindow, categories: ['connector', 'application'] }, 0) : [];

  const bounds = await store.eventBounds(iso(nowMs));
  const lastMs = bounds.newest === null ? null : Date.parse(bounds.newest.time);
  const historyFrom = lastMs === null ? from : Math.min(from, lastMs) - settings.baselineDays * DAY_MS;
  const historyTo = lastMs === null ? from : Math.max(from, lastMs + 1);
  const hourly = await store.hourlyCounts({ from: iso(historyFrom), to: iso(historyTo) });

  const baselineFrom = Math.max(Date.parse(baselineWindow.from), bounds.oldest === null ? from : Date.parse(bounds.oldest));
  const days = Math.max(0, round1((from - baselineFrom) / DAY_MS));
  const noiseHours = hourly.filter((h) => NOISE.includes(h.category) && hourMs(h) >= Date.parse(baselineWindow.from) && hourMs(h) < from);
  const baseline: BaselineFacts = {
    window: baselineWindow,
    days,
    actors: actorBaselines(actorRows),
    mailboxes: mailboxBaselines(mailboxRows),
    noise: dailyProfile(noiseHours.map((h) => ({ day: h.hour.slice(0, 10), count: h.count }))),
    noiseWriters: new Set(noiseRows.map(writerKey)),
    apps: new Set(noiseRows.filter((g) => g.category === 'application' && g.appId != null).map((g) => g.appId as string)),
  };

  const arrivalsPerHour = new Map<string, number>();
  if (lastMs !== null) {
    for (const h of hourly) {
      if (hourMs(h) >= lastMs - settings.baselineDays * DAY_MS - HOUR_MS && hourMs(h) <= lastMs) {
        arrivalsPerHour.set(h.hour, (arrivalsPerHour.get(h.hour) ?? 0) + h.count);
      }
    }
  }
  let observedUntil = iso(nowMs);
  if (bounds.newest !== null) {
    const gaps = await store.uncovered({ from: bounds.newest.time, to: observedUntil });
    if (gaps.length > 0) observedUntil = gaps[0].from;
  }
  const arrivals: ArrivalFacts = {
    lastEvent: bounds.newest,
    firstEventAt: bounds.oldest,
    observedUntil,
    hourly: [...arrivalsPerHour].map(([hour, count]) => ({ hour, count })),
  };

  const tenantDomains = settings.tenantDomains ?? (await store.sentAsDomains());
  return {
    now: iso(nowMs),
    window,
    recent,
    baseline,
    arrivals,
    tenantDomains,
    watchlist: settings.watchlist,
    ingestion: options.ingestion,
    ...(options.places === undefined ? {} : { countries: await gatherCountries(store, options.places, window, actorRows, settings.evidenceLimit) }),
    recipientSends: recent.some((g) => g.category === 'delegate') ? await recipientSends(store, window, tenantDomains) : [],
    ...(options.directory === undefined ? {} : { people: await gatherPeople(options.directory, actors) }),
  };
}
