import type { TimeWindow } from '../store/store';
import type { RightsDetectionInput } from './anomaly';
import type { Directory } from './identity';
import type { InventoryKind } from './inventory';
import type { Snapshot } from './model';
import { buildIntervals } from './model';
import type { RightsUse } from './questions';
import type { RightsChange } from './record';
import type { ReviewDecision } from './review';

export interface RightsChangeFilter {
  /** ISO UTC, inclusive. */
  readonly from?: string;
  /** ISO UTC, exclusive. */
  readonly to?: string;
  readonly mailboxKey?: string;
}

/**
 * What a store keeps for rights: the port each backend implements after the store split (events and
 * rights share a transaction). Changes are deduplicated by id; lists come oldest first.
 */
export interface RightsStore {
  ingestRightsChanges(changes: readonly RightsChange[]): Promise<{ readonly inserted: number; readonly duplicates: number }>;
  listRightsChanges(filter: RightsChangeFilter): Promise<RightsChange[]>;
  /** Replaces the holdings one kind of export gave (a new Get-EXORecipientPermission export replaces the last one). */
  replaceSnapshot(source: InventoryKind, snapshot: Snapshot): Promise<void>;
  /** The union of the current exports' holdings, `takenAt` the oldest of them; null before any was loaded. */
  currentSnapshot(): Promise<Snapshot | null>;
  saveDirectory(directory: Directory): Promise<void>;
  loadDirectory(): Promise<Directory>;
  /** Records that the admin records of [from, to) were read completely from `source` (a Graph query, an export file). */
  markRightsCovered(window: TimeWindow, source: string): Promise<void>;
  /** The start of the oldest admin-record window covered (Graph or a loaded export); null when none is. */
  rightsHistoryStart(): Promise<string | null>;
  /** The covered admin-record windows within `window`, every source together, merged, in order and clipped to it. */
  rightsCoverage(window: TimeWindow): Promise<TimeWindow[]>;
  recordReviewDecision(decision: ReviewDecision): Promise<void>;
  listReviewDecisions(mailboxKey?: string): Promise<ReviewDecision[]>;
}

/** Delegate sends as rights see them, from the events store (category `delegate` only). */
export interface DelegateUses {
  /** Sends in the window, by the given actors when `actors` is given. */
  delegateUses(window: TimeWindow, actors?: readonly string[]): Promise<RightsUse[]>;
}

/** The store methods gatherRightsDetectionInput reads. */
export type RightsDetectionReads = 'listRightsChanges' | 'currentSnapshot' | 'rightsHistoryStart' | 'delegateUses';

export interface RightsGatherOptions {
  readonly now: string;
  readonly window: TimeWindow;
  readonly tenantDomains: readonly string[];
  readonly watchlist: readonly string[];
}

/**
 * Gathers what the rights detectors look at: every change up to now (for "has granted before"), the
 * intervals over the current inventory, and the sends of the trustees granted in the window from the
 * start of the history (for "new to the mailbox" and the uses after the grant). Reads only those trustees' sends.
 */
export async function gatherRightsDetectionInput(rights: Pick<RightsStore, Exclude<RightsDetectionReads, 'delegateUses'>>, uses: DelegateUses, options: RightsGatherOptions): Promise<RightsDetectionInput> {
  const [changes, snapshot, start] = await Promise.all([rights.listRightsChanges({ to: options.now }), rights.currentSnapshot(), rights.rightsHistoryStart()]);
  const historyStart = start ?? snapshot?.takenAt ?? options.window.from;
  const trustees = [...new Set(changes.filter((c) => c.time >= options.window.from && c.time < options.window.to).flatMap((c) => c.added.map((t) => t.key)))];
  const earliest = historyStart < options.window.from ? historyStart : options.window.from;
  return {
    now: options.now,
    window: options.window,
    changes,
    intervals: buildIntervals(snapshot, changes),
    uses: trustees.length === 0 ? [] : await uses.delegateUses({ from: earliest, to: options.now }, trustees),
    historyStart,
    tenantDomains: options.tenantDomains,
    watchlist: options.watchlist,
  };
}
