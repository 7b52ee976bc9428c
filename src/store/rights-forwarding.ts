import type { Directory } from '../rights/identity';
import type { InventoryKind } from '../rights/inventory';
import type { Snapshot } from '../rights/model';
import type { RightsChangeFilter, RightsStore } from '../rights/ports';
import type { RightsChange } from '../rights/record';
import type { ReviewDecision } from '../rights/review';
import type { TimeWindow } from './store';

/**
 * The rights port of a whole store, answered by the backend's own rights tables: both stores forward
 * it the same way, so a method added to the port is forwarded here once.
 */
export abstract class ForwardsRights implements RightsStore {
  protected abstract readonly rights: RightsStore;

  ingestRightsChanges(changes: readonly RightsChange[]): Promise<{ readonly inserted: number; readonly duplicates: number }> {
    return this.rights.ingestRightsChanges(changes);
  }

  listRightsChanges(filter: RightsChangeFilter): Promise<RightsChange[]> {
    return this.rights.listRightsChanges(filter);
  }

  replaceSnapshot(source: InventoryKind, snapshot: Snapshot): Promise<void> {
    return this.rights.replaceSnapshot(source, snapshot);
  }

  currentSnapshot(): Promise<Snapshot | null> {
    return this.rights.currentSnapshot();
  }

  saveDirectory(directory: Directory): Promise<void> {
    return this.rights.saveDirectory(directory);
  }

  loadDirectory(): Promise<Directory> {
    return this.rights.loadDirectory();
  }

  markRightsCovered(window: TimeWindow, source: string): Promise<void> {
    return this.rights.markRightsCovered(window, source);
  }

  rightsHistoryStart(): Promise<string | null> {
    return this.rights.rightsHistoryStart();
  }

  rightsCoverage(window: TimeWindow): Promise<TimeWindow[]> {
    return this.rights.rightsCoverage(window);
  }

  recordReviewDecision(decision: ReviewDecision): Promise<void> {
    return this.rights.recordReviewDecision(decision);
  }

  listReviewDecisions(mailboxKey?: string): Promise<ReviewDecision[]> {
    return this.rights.listReviewDecisions(mailboxKey);
  }
}
