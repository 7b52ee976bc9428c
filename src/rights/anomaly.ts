import type { Anomaly } from '../detect/anomaly';
import type { TimeWindow } from '../store/store';
import type { HeldInterval } from './model';
import type { RightsChange } from './record';
import type { RightsUse } from './questions';
import { isUseOf } from './questions';

/** The anomalies rights raise; ANOMALY_KINDS (src/anomaly.ts) ends with them. */
export const RIGHTS_ANOMALY_KINDS = ['right-used-at-once', 'right-cleanup', 'right-external-trustee', 'right-on-watched-mailbox', 'right-new-granter'] as const;
export type RightsAnomalyKind = (typeof RIGHTS_ANOMALY_KINDS)[number];

/**
 * How many admin-record ids each rights detector cites before the sends (the grant; the grant and its
 * removal for the clean-up). Those are not send events: nothing explains them as one.
 */
const ADMIN_RECORDS_CITED: Readonly<Record<RightsAnomalyKind, number>> = {
  'right-used-at-once': 1,
  'right-cleanup': 2,
  'right-external-trustee': 1,
  'right-on-watched-mailbox': 1,
  'right-new-granter': 1,
};

function isRightsKind(kind: string): kind is RightsAnomalyKind {
  return Object.hasOwn(ADMIN_RECORDS_CITED, kind);
}

/** The ids of send events an anomaly cites: all of its evidence, less a rights anomaly's admin records. */
export function sendEventsCited(anomaly: Pick<Anomaly, 'kind' | 'evidence'>): readonly string[] {
  return isRightsKind(anomaly.kind) ? anomaly.evidence.slice(ADMIN_RECORDS_CITED[anomaly.kind]) : anomaly.evidence;
}

/** The Anomaly shape of src/detect/anomaly.ts with a rights kind: the store, outbox and cards take it as any anomaly. */
export type RightsAnomaly = Omit<Anomaly, 'kind'> & { readonly kind: RightsAnomalyKind };

export interface RightsDetectorSettings {
  /** A grant used this soon by a trustee new to the mailbox is an anomaly. */
  readonly usedWithinMinutes: number;
  /** Granted, used and removed within this many hours: the clean-up pattern. */
  readonly cleanupWithinHours: number;
  /** "Has not granted rights before" means something only with this many days of admin records before the grant. */
  readonly minimumHistoryDays: number;
  readonly evidenceLimit: number;
}

export const DEFAULT_RIGHTS_DETECTOR_SETTINGS: RightsDetectorSettings = {
  usedWithinMinutes: 60,
  cleanupWithinHours: 24,
  minimumHistoryDays: 14,
  evidenceLimit: 5,
};

/** What the rights detectors look at, as plain data. */
export interface RightsDetectionInput {
  readonly now: string;
  /** Grants made in this window are judged. */
  readonly window: TimeWindow;
  /** Every known change up to now, older ones included: they tell who has granted before. */
  readonly changes: readonly RightsChange[];
  /** buildIntervals over the inventory and those changes: who held a right on a mailbox before a grant. */
  readonly intervals: readonly HeldInterval[];
  /** Delegate sends from the window's start (less the clean-up span) to now, and older ones of the trustees concerned. */
  readonly uses: readonly RightsUse[];
  /** CreationTime of the oldest retained admin record. */
  readonly historyStart: string;
  /** Lower-case, without `@`. */
  readonly tenantDomains: readonly string[];
  /** Lower-case addresses. */
  readonly watchlist: readonly string[];
}

export interface RightsDetector {
  readonly id: string;
  readonly kind: RightsAnomalyKind;
  readonly description: string;
  readonly severity: Readonly<Record<string, Anomaly['severity']>>;
  readonly settings: readonly (keyof RightsDetectorSettings)[];
  readonly facts: readonly string[];
  detect(input: RightsDetectionInput, settings: RightsDetectorSettings): RightsAnomaly[];
}

export interface RightsDetectorCase {
  readonly name: string;
  readonly input: RightsDetectionInput;
  readonly settings?: Partial<RightsDetectorSettings>;
  readonly expected: readonly {
    readonly severity?: Anomaly['severity'];
    readonly actor?: string | null;
    readonly mailbox?: string | null;
    readonly evidence?: readonly string[];
    readonly facts?: Readonly<Record<string, string | number>>;
  }[];
}

/** The same key layout as src/detect/detector.ts anomalyKey: kind | actor | mailbox | period | detail. */
export function rightsAnomalyKey(kind: RightsAnomalyKind, actor: string, mailbox: string, period: string, detail: string): string {
  return [kind, actor, mailbox, period, detail].join('|');
}

/** One trustee added by one successful grant made in the window. */
export interface GrantOf {
  readonly change: RightsChange;
  readonly trustee: string;
}

export function grantsInWindow(input: RightsDetectionInput): GrantOf[] {
  return input.changes
    .filter((c) => c.succeeded && c.time >= input.window.from && c.time < input.window.to)
    .flatMap((change) => change.added.map((t) => ({ change, trustee: t.key })));
}

/** Uses of the granted right by the trustee, at or after the grant, oldest first. */
export function usesAfter(input: RightsDetectionInput, grant: GrantOf): RightsUse[] {
  const { change, trustee } = grant;
  return input.uses
    .filter((u) => u.actor === trustee && u.time >= change.time && isUseOf(change.right, change.mailbox.key, u))
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / MINUTE_MS);
}
