import type { TimeWindow } from '../../src/store/store';
import type { Directory } from '../../src/rights/identity';
import type { InventoryKind } from '../../src/rights/inventory';
import type { Snapshot } from '../../src/rights/model';
import type { DelegateUses, RightsChangeFilter, RightsStore } from '../../src/rights/ports';
import type { RightsUse } from '../../src/rights/questions';
import type { RightsChange } from '../../src/rights/record';
import type { ReviewDecision } from '../../src/rights/review';
import { clippedCoverage, toInterval } from '../../src/store/coverage';

/** The rights ports in memory: the behaviour the SQLite and PostgreSQL backends are to match. */
export class MemoryRightsStore implements RightsStore, DelegateUses {
  private readonly changes = new Map<string, RightsChange>();
  private readonly snapshots = new Map<InventoryKind, Snapshot>();
  private directory: Directory = new Map();
  private readonly decisions: ReviewDecision[] = [];
  private readonly covered: TimeWindow[] = [];

  constructor(
    private readonly uses: readonly RightsUse[] = [],
    private historyStart: string | null = null,
  ) {}

  ingestRightsChanges(changes: readonly RightsChange[]): Promise<{ inserted: number; duplicates: number }> {
    let inserted = 0;
    for (const c of changes) {
      if (this.changes.has(c.id)) continue;
      this.changes.set(c.id, c);
      inserted += 1;
    }
    return Promise.resolve({ inserted, duplicates: changes.length - inserted });
  }

  listRightsChanges(filter: RightsChangeFilter): Promise<RightsChange[]> {
    return Promise.resolve(
      [...this.changes.values()]
        .filter((c) => (filter.from === undefined || c.time >= filter.from) && (filter.to === undefined || c.time < filter.to) && (filter.mailboxKey === undefined || c.mailbox.key === filter.mailboxKey))
        .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id.localeCompare(b.id))),
    );
  }

  replaceSnapshot(source: InventoryKind, snapshot: Snapshot): Promise<void> {
    this.snapshots.set(source, snapshot);
    return Promise.resolve();
  }

  currentSnapshot(): Promise<Snapshot | null> {
    const all = [...this.snapshots.values()];
    if (all.length === 0) return Promise.resolve(null);
    return Promise.resolve({ takenAt: all.map((s) => s.takenAt).sort()[0], holdings: all.flatMap((s) => s.holdings) });
  }

  saveDirectory(directory: Directory): Promise<void> {
    this.directory = new Map(directory);
    return Promise.resolve();
  }

  loadDirectory(): Promise<Directory> {
    return Promise.resolve(this.directory);
  }

  markRightsCovered(window: TimeWindow): Promise<void> {
    if (this.historyStart === null || window.from < this.historyStart) this.historyStart = window.from;
    this.covered.push(window);
    return Promise.resolve();
  }

  rightsCoverage(window: TimeWindow): Promise<TimeWindow[]> {
    return Promise.resolve(clippedCoverage(toInterval(window), this.covered.map(toInterval)));
  }

  rightsHistoryStart(): Promise<string | null> {
    return Promise.resolve(this.historyStart);
  }

  recordReviewDecision(decision: ReviewDecision): Promise<void> {
    this.decisions.push(decision);
    return Promise.resolve();
  }

  listReviewDecisions(mailboxKey?: string): Promise<ReviewDecision[]> {
    return Promise.resolve(this.decisions.filter((d) => mailboxKey === undefined || d.mailboxKey === mailboxKey));
  }

  delegateUses(window: TimeWindow, actors?: readonly string[]): Promise<RightsUse[]> {
    return Promise.resolve(this.uses.filter((u) => u.time >= window.from && u.time < window.to && (actors === undefined || actors.includes(u.actor))));
  }
}
