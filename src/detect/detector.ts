import type { ClientFamily } from '../classify/clients';
import { clientFamily } from '../classify/clients';
import type { Person } from '../directory/lookup';
import type { ActivityGroup } from '../store/store';
import type { Anomaly, AnomalyKind, Severity } from './anomaly';
import type { DailyProfile, DetectionInput } from './input';
import type { DetectorSettings } from './settings';

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * One detector: an id that names its file (`Detect.NewDelegate.FirstSend` → new-delegate.ts), what
 * it looks for, its severities and the settings it reads as data, the facts every anomaly it raises
 * carries (cards word each kind from them), and a pure `detect`.
 */
export interface Detector {
  readonly id: string;
  readonly kind: AnomalyKind;
  readonly description: string;
  /** Severity per condition the detector distinguishes; `default` when it has one only. */
  readonly severity: Readonly<Record<string, Severity>>;
  /** The DetectorSettings that tune it (the watchlist and tenant domains reach it through the input). */
  readonly settings: readonly (keyof DetectorSettings)[];
  /** The keys of `facts` on every anomaly it raises; a test holds each detector to its list. */
  readonly facts: readonly string[];
  detect(input: DetectionInput, settings: DetectorSettings): Anomaly[];
}

/** What a case expects of one anomaly; fields left out are not checked. */
export interface ExpectedAnomaly {
  readonly severity?: Severity;
  readonly actor?: string | null;
  readonly mailbox?: string | null;
  readonly evidence?: readonly string[];
  readonly facts?: Readonly<Record<string, string | number>>;
}

/** A hand-built input and what the detector must make of it: `expected` empty means it must not fire. */
export interface DetectorCase {
  readonly name: string;
  readonly input: DetectionInput;
  readonly settings?: Partial<DetectorSettings>;
  readonly expected: readonly ExpectedAnomaly[];
}

/**
 * The stable key: kind, actor, mailbox and the period (a day, or the instant a situation began),
 * plus a detail where one actor can raise several of a kind at once. Overlapping runs agree on it.
 */
export function anomalyKey(kind: AnomalyKind, actor: string | null, mailbox: string | null, period: string, detail?: string): string {
  return [kind, actor ?? '-', mailbox ?? '-', period, ...(detail === undefined ? [] : [detail])].join('|');
}

/** The identity a group's sends went out as. */
export function identityOf(group: ActivityGroup): string {
  return group.sentAs ?? group.mailbox ?? '';
}

export function delegateGroups(input: DetectionInput): ActivityGroup[] {
  return input.recent.filter((g) => g.category === 'delegate');
}

/** Groups by a string key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list === undefined) out.set(key, [item]);
    else list.push(item);
  }
  return out;
}

export function sumCounts(groups: readonly ActivityGroup[]): number {
  return groups.reduce((n, g) => n + g.count, 0);
}

export function firstOf(groups: readonly ActivityGroup[]): string {
  return groups.reduce((t, g) => (g.first < t ? g.first : t), groups[0].first);
}

export function lastOf(groups: readonly ActivityGroup[]): string {
  return groups.reduce((t, g) => (g.last > t ? g.last : t), groups[0].last);
}

/** Up to `limit` sample ids, earliest groups first. */
export function evidenceOf(groups: readonly ActivityGroup[], limit: number): string[] {
  const ids: string[] = [];
  for (const g of [...groups].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    for (const id of g.sampleIds) if (ids.length < limit && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Up to `limit` sample ids from the biggest groups: for volume anomalies, the evidence of the volume. */
export function evidenceOfLargest(groups: readonly ActivityGroup[], limit: number): string[] {
  return evidenceOf(
    [...groups].sort((a, b) => b.count - a.count).slice(0, limit),
    limit,
  );
}

/** Client families of the groups, most sends first, comma-separated. */
export function familiesText(groups: readonly ActivityGroup[]): string {
  const counts = new Map<ClientFamily, number>();
  for (const g of groups) counts.set(clientFamily(g.client), (counts.get(clientFamily(g.client)) ?? 0) + g.count);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f).join(', ');
}

export function operationsText(groups: readonly ActivityGroup[]): string {
  return [...new Set(groups.map((g) => g.operation))].sort().join(', ');
}

/** The value that has at least half of the groups' sends, if one does: who or what a volume is about. */
export function dominant(groups: readonly ActivityGroup[], valueOf: (g: ActivityGroup) => string): string | null {
  const total = sumCounts(groups);
  for (const [value, members] of groupBy(groups, valueOf)) if (value !== '' && 2 * sumCounts(members) >= total) return value;
  return null;
}

export function domainOfAddress(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at < 0 || at === address.length - 1 ? null : address.slice(at + 1).toLowerCase();
}

export type ExternalReason = 'outside-domains' | 'external-access' | 'outside-domains-and-external-access';

/** Whether an address-shaped actor belongs to none of the tenant's domains (SIDs, GUIDs and service principals have no domain to judge by). */
export function outsideDomains(actor: string, tenantDomains: readonly string[]): boolean {
  const domain = domainOfAddress(actor);
  return domain !== null && tenantDomains.length > 0 && !tenantDomains.includes(domain);
}

/** Why a group's actor counts as external, or null. */
export function externalReason(group: ActivityGroup, tenantDomains: readonly string[]): ExternalReason | null {
  const outside = outsideDomains(group.actor, tenantDomains);
  const access = group.externalAccess === true;
  if (outside && access) return 'outside-domains-and-external-access';
  if (outside) return 'outside-domains';
  if (access) return 'external-access';
  return null;
}

/**
 * The hunt window's delegate (or unclassifiable) sends by actors the directory describes as `flagged`,
 * one anomaly per day, actor and identity: what the disabled-account and guest-actor detectors share.
 * High the first time in the baseline for that actor and identity, `knownPair` when the pair sent before.
 * Facts: `displayName`, `sends`, `firstSendAt`, `baselineSends` (0 = new), `day`, `operations`.
 */
export function sendsByFlaggedPeople(
  input: DetectionInput,
  settings: DetectorSettings,
  kind: AnomalyKind,
  flagged: (person: Person) => boolean,
  knownPair: Severity,
): Anomaly[] {
  const people = input.people;
  if (people === undefined) return [];
  const sends = input.recent.filter((g) => {
    const person = people.get(g.actor);
    return (g.category === 'delegate' || g.category === 'unknown') && person !== undefined && flagged(person);
  });
  return [...groupBy(sends, (g) => `${g.day}\u0000${g.actor}\u0000${identityOf(g)}`).values()].map((groups) => {
    const { actor, day } = groups[0];
    const identity = identityOf(groups[0]);
    const baselineSends = input.baseline.actors.get(actor)?.sentAs.get(identity) ?? 0;
    return {
      key: anomalyKey(kind, actor, identity, day),
      kind,
      severity: baselineSends === 0 ? 'high' : knownPair,
      at: lastOf(groups),
      actor,
      mailbox: identity,
      evidence: evidenceOf(groups, settings.evidenceLimit),
      facts: { displayName: people.get(actor)?.displayName ?? '', sends: sumCounts(groups), firstSendAt: firstOf(groups), baselineSends, day, operations: operationsText(groups) },
    };
  });
}

/** Whether the store holds enough history before the hunt window for "new" and "above normal" to mean anything. */
export function hasBaseline(input: DetectionInput, settings: DetectorSettings): boolean {
  return input.baseline.days >= settings.minimumBaselineDays && input.baseline.days > 0;
}

export function meanPerDay(profile: DailyProfile, days: number): number {
  return days > 0 ? round1(profile.total / days) : 0;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export const EMPTY_PROFILE: DailyProfile = { total: 0, activeDays: 0, peak: 0 };

/** Newest first, then the most severe, then by key: the order anomalies are shown and sent in. */
export function compareAnomalies(a: Anomaly, b: Anomaly): number {
  const rank: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };
  return (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) || rank[a.severity] - rank[b.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
