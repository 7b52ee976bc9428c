import type { Pool } from 'pg';
import type { Directory } from '../../rights/identity';
import type { InventoryKind } from '../../rights/inventory';
import type { Snapshot } from '../../rights/model';
import type { RightsChangeFilter, RightsStore } from '../../rights/ports';
import type { RightsChange } from '../../rights/record';
import type { ReviewDecision } from '../../rights/review';
import type { ReviewDecisionRow } from '../rights-rows';
import { REVIEW_DECISION_COLUMNS, reviewDecisionOf, rightsChangeWhere } from '../rights-rows';
import type { TimeWindow } from '../store';
import { clippedCoverage, toInterval } from '../coverage';
import { pgText, transaction } from './db';

/**
 * The rights tables shared by the replicas: changes by id (idempotent inserts, so replicas may race),
 * one inventory snapshot per export kind, the directory, the covered admin windows, review decisions.
 */
export class PostgresRightsStore implements RightsStore {
  constructor(private readonly pool: Pool) {}

  async ingestRightsChanges(changes: readonly RightsChange[]): Promise<{ readonly inserted: number; readonly duplicates: number }> {
    if (changes.length === 0) return { inserted: 0, duplicates: 0 };
    const result = await this.pool.query(
      `INSERT INTO rights_changes (id, time_ms, mailbox_key, granted_by, body)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (id) DO NOTHING`,
      [
        changes.map((c) => pgText(c.id)),
        changes.map((c) => Date.parse(c.time)),
        changes.map((c) => pgText(c.mailbox.key)),
        changes.map((c) => pgText(c.grantedBy)),
        changes.map((c) => pgText(JSON.stringify(c))),
      ],
    );
    const inserted = result.rowCount ?? 0;
    return { inserted, duplicates: changes.length - inserted };
  }

  async listRightsChanges(filter: RightsChangeFilter): Promise<RightsChange[]> {
    const { sql, params } = rightsChangeWhere(filter, (n) => `$${n}`);
    const { rows } = await this.pool.query<{ body: string }>(`SELECT body FROM rights_changes WHERE ${sql} ORDER BY time_ms, id`, params);
    return rows.map((r) => JSON.parse(r.body) as RightsChange);
  }

  async replaceSnapshot(source: InventoryKind, snapshot: Snapshot): Promise<void> {
    await this.pool.query(
      'INSERT INTO rights_snapshots (source, taken_ms, holdings) VALUES ($1, $2, $3) ON CONFLICT (source) DO UPDATE SET taken_ms = excluded.taken_ms, holdings = excluded.holdings',
      [source, Date.parse(snapshot.takenAt), pgText(JSON.stringify(snapshot.holdings))],
    );
  }

  async currentSnapshot(): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<{ taken_ms: string; holdings: string }>('SELECT taken_ms, holdings FROM rights_snapshots ORDER BY source');
    if (rows.length === 0) return null;
    const takenMs = Math.min(...rows.map((r) => Number(r.taken_ms)));
    return { takenAt: new Date(takenMs).toISOString(), holdings: rows.flatMap((r) => JSON.parse(r.holdings) as Snapshot['holdings']) };
  }

  async saveDirectory(directory: Directory): Promise<void> {
    const entries = [...directory];
    await transaction(this.pool, async (client) => {
      // Replicas starting together each save the directory: one at a time, or the second's insert
      // collides with the first's rows (its DELETE saw none) and the replica fails to start.
      await client.query('LOCK TABLE rights_directory IN SHARE ROW EXCLUSIVE MODE');
      await client.query('DELETE FROM rights_directory');
      await client.query('INSERT INTO rights_directory (name, key) SELECT * FROM unnest($1::text[], $2::text[])', [
        entries.map(([name]) => pgText(name)),
        entries.map(([, key]) => pgText(key)),
      ]);
    });
  }

  async loadDirectory(): Promise<Directory> {
    const { rows } = await this.pool.query<{ name: string; key: string }>('SELECT name, key FROM rights_directory');
    return new Map(rows.map((r) => [r.name, r.key]));
  }

  async markRightsCovered(window: TimeWindow, source: string): Promise<void> {
    await this.pool.query('INSERT INTO rights_coverage (source, from_ms, to_ms) VALUES ($1, $2, $3)', [pgText(source), Date.parse(window.from), Date.parse(window.to)]);
  }

  async rightsCoverage(window: TimeWindow): Promise<TimeWindow[]> {
    const interval = toInterval(window);
    const { rows } = await this.pool.query<{ from: string; to: string }>('SELECT from_ms AS "from", to_ms AS "to" FROM rights_coverage WHERE to_ms > $1 AND from_ms < $2', [interval.from, interval.to]);
    return clippedCoverage(interval, rows.map((r) => ({ from: Number(r.from), to: Number(r.to) })));
  }

  async rightsHistoryStart(): Promise<string | null> {
    const { rows } = await this.pool.query<{ start: string | null }>('SELECT MIN(from_ms) AS start FROM rights_coverage');
    return rows[0].start === null ? null : new Date(Number(rows[0].start)).toISOString();
  }

  async recordReviewDecision(decision: ReviewDecision): Promise<void> {
    await this.pool.query(
      'INSERT INTO review_decisions (mailbox_key, trustee_key, right_name, decision, decided_by, at_ms) VALUES ($1, $2, $3, $4, $5, $6)',
      [pgText(decision.mailboxKey), pgText(decision.trusteeKey), decision.right, decision.decision, pgText(decision.by), Date.parse(decision.at)],
    );
  }

  async listReviewDecisions(mailboxKey?: string): Promise<ReviewDecision[]> {
    const where = mailboxKey === undefined ? '' : 'WHERE mailbox_key = $1';
    const { rows } = await this.pool.query<ReviewDecisionRow>(
      `SELECT ${REVIEW_DECISION_COLUMNS} FROM review_decisions ${where} ORDER BY at_ms, seq`,
      mailboxKey === undefined ? [] : [pgText(mailboxKey)],
    );
    return rows.map(reviewDecisionOf);
  }
}
