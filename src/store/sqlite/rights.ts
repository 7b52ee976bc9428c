import type Database from 'better-sqlite3';
import type { Directory } from '../../rights/identity';
import type { InventoryKind } from '../../rights/inventory';
import type { Snapshot } from '../../rights/model';
import type { RightsChangeFilter, RightsStore } from '../../rights/ports';
import type { RightsChange } from '../../rights/record';
import type { ReviewDecision } from '../../rights/review';
import type { TimeWindow } from '../store';
import type { ReviewDecisionRow } from '../rights-rows';
import { REVIEW_DECISION_COLUMNS, reviewDecisionOf, rightsChangeWhere } from '../rights-rows';
import type { Interval } from '../coverage';
import { clippedCoverage, toInterval } from '../coverage';
import { settle } from './settle';

/**
 * The rights tables of the SQLite store: admin-record changes by id (the whole change as JSON beside the
 * columns it is looked up by), one inventory snapshot per export kind, the directory, the covered admin
 * windows and the review decisions.
 */
export class SqliteRightsStore implements RightsStore {
  constructor(private readonly db: Database.Database) {}

  ingestRightsChanges(changes: readonly RightsChange[]): Promise<{ readonly inserted: number; readonly duplicates: number }> {
    return settle(() =>
      this.db.transaction(() => {
        const insert = this.db.prepare('INSERT OR IGNORE INTO rights_changes (id, time_ms, mailbox_key, granted_by, body) VALUES (?, ?, ?, ?, ?)');
        let inserted = 0;
        for (const c of changes) inserted += insert.run(c.id, Date.parse(c.time), c.mailbox.key, c.grantedBy, JSON.stringify(c)).changes;
        return { inserted, duplicates: changes.length - inserted };
      })(),
    );
  }

  listRightsChanges(filter: RightsChangeFilter): Promise<RightsChange[]> {
    return settle(() => {
      const { sql, params } = rightsChangeWhere(filter, () => '?');
      const bodies = this.db.prepare(`SELECT body FROM rights_changes WHERE ${sql} ORDER BY time_ms, id`).pluck().all(...params) as string[];
      return bodies.map((b) => JSON.parse(b) as RightsChange);
    });
  }

  replaceSnapshot(source: InventoryKind, snapshot: Snapshot): Promise<void> {
    return settle(() => {
      this.db
        .prepare('INSERT INTO rights_snapshots (source, taken_ms, holdings) VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE SET taken_ms = excluded.taken_ms, holdings = excluded.holdings')
        .run(source, Date.parse(snapshot.takenAt), JSON.stringify(snapshot.holdings));
    });
  }

  currentSnapshot(): Promise<Snapshot | null> {
    return settle(() => {
      const rows = this.db.prepare('SELECT taken_ms, holdings FROM rights_snapshots ORDER BY source').all() as { taken_ms: number; holdings: string }[];
      if (rows.length === 0) return null;
      const takenMs = Math.min(...rows.map((r) => r.taken_ms));
      return { takenAt: new Date(takenMs).toISOString(), holdings: rows.flatMap((r) => JSON.parse(r.holdings) as Snapshot['holdings']) };
    });
  }

  saveDirectory(directory: Directory): Promise<void> {
    return settle(() =>
      this.db.transaction(() => {
        this.db.exec('DELETE FROM rights_directory');
        const insert = this.db.prepare('INSERT INTO rights_directory (name, key) VALUES (?, ?)');
        for (const [name, key] of directory) insert.run(name, key);
      })(),
    );
  }

  loadDirectory(): Promise<Directory> {
    return settle(() => {
      const rows = this.db.prepare('SELECT name, key FROM rights_directory').all() as { name: string; key: string }[];
      return new Map(rows.map((r) => [r.name, r.key]));
    });
  }

  markRightsCovered(window: TimeWindow, source: string): Promise<void> {
    return settle(() => {
      this.db.prepare('INSERT INTO rights_coverage (source, from_ms, to_ms) VALUES (?, ?, ?)').run(source, Date.parse(window.from), Date.parse(window.to));
    });
  }

  rightsCoverage(window: TimeWindow): Promise<TimeWindow[]> {
    return settle(() => {
      const interval = toInterval(window);
      const rows = this.db.prepare('SELECT from_ms AS "from", to_ms AS "to" FROM rights_coverage WHERE to_ms > ? AND from_ms < ?').all(interval.from, interval.to) as Interval[];
      return clippedCoverage(interval, rows);
    });
  }

  rightsHistoryStart(): Promise<string | null> {
    return settle(() => {
      const start = this.db.prepare('SELECT MIN(from_ms) FROM rights_coverage').pluck().get() as number | null;
      return start === null ? null : new Date(start).toISOString();
    });
  }

  recordReviewDecision(decision: ReviewDecision): Promise<void> {
    return settle(() => {
      this.db
        .prepare('INSERT INTO review_decisions (mailbox_key, trustee_key, right_name, decision, decided_by, at_ms) VALUES (?, ?, ?, ?, ?, ?)')
        .run(decision.mailboxKey, decision.trusteeKey, decision.right, decision.decision, decision.by, Date.parse(decision.at));
    });
  }

  listReviewDecisions(mailboxKey?: string): Promise<ReviewDecision[]> {
    return settle(() => {
      const where = mailboxKey === undefined ? '' : 'WHERE mailbox_key = ?';
      const rows = this.db.prepare(`SELECT ${REVIEW_DECISION_COLUMNS} FROM review_decisions ${where} ORDER BY at_ms, seq`).all(...(mailboxKey === undefined ? [] : [mailboxKey])) as ReviewDecisionRow[];
      return rows.map(reviewDecisionOf);
    });
  }
}
