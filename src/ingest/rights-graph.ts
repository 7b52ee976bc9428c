import type { GraphAuditIngester, GraphIngesterDeps, GraphQueryKind, JournalEntry, WindowReport } from '../audit/graph';
import { createGraphQueryIngester } from '../audit/graph';
import type { Directory } from '../rights/identity';
import { EMPTY_DIRECTORY } from '../rights/identity';
import type { RightsStore } from '../rights/ports';
import type { RightsChange } from '../rights/record';
import { normalizeRightsRecord, RIGHTS_GRAPH_FILTERS } from '../rights/record';
import type { TimeWindow } from '../store/store';

/** The RightsStore methods the admin-record query writes with. */
export type RightsIngestStore = Pick<RightsStore, 'ingestRightsChanges' | 'markRightsCovered' | 'loadDirectory'>;

/** The coverage source of admin records read from Graph, beside `file:PATH` of loaded exports. */
export const RIGHTS_GRAPH_SOURCE = 'graph';

/** What the admin-record query of one window stored, beside Graph's report of it. */
export interface RightsWindowReport {
  readonly report: WindowReport;
  readonly inserted: number;
  readonly duplicates: number;
}

/**
 * The second Graph query of every ingestion window: Exchange admin records of the cmdlets that grant or
 * take away a right (RIGHTS_GRAPH_FILTERS), read by normalizeRightsRecord and stored as rights changes
 * (deduplicated by record id). Its queries have their own names and journal, and spend the same daily
 * submission budget as the SendAs query. Completed parts of a window are marked rights-covered.
 */
export class RightsGraphIngestion {
  readonly ingester: GraphAuditIngester<RightsChange>;
  /** The mailbox export's names, loaded before each window so trustees are keyed as the inventory keys them. */
  private directory: Directory = EMPTY_DIRECTORY;

  constructor(
    deps: GraphIngesterDeps,
    private readonly store: RightsIngestStore,
  ) {
    const kind: GraphQueryKind<RightsChange> = {
      label: 'rights',
      filters: RIGHTS_GRAPH_FILTERS,
      read: (record, bounds) => {
        const result = normalizeRightsRecord(record, bounds, this.directory);
        switch (result.kind) {
          case 'change':
            return { kind: 'item', id: result.change.id, item: result.change };
          case 'skipped':
            return { kind: 'skipped' };
          case 'rejected':
            return { kind: 'rejected', code: result.rejection.code, message: result.rejection.message };
          default:
            return result satisfies never;
        }
      },
    };
    this.ingester = createGraphQueryIngester(deps, kind);
  }

  /** Admin-record queries submitted earlier and not yet read. */
  pending(): Promise<JournalEntry[]> {
    return this.ingester.pending();
  }

  /** Reads the admin records of one window; failures are in the report, as for the SendAs query. */
  async ingest(window: TimeWindow): Promise<RightsWindowReport> {
    this.directory = await this.store.loadDirectory();
    let inserted = 0;
    let duplicates = 0;
    const report = await this.ingester.ingest(window, async (batch) => {
      const result = await this.store.ingestRightsChanges(batch.events);
      inserted += result.inserted;
      duplicates += result.duplicates;
    });
    for (const part of report.complete) await this.store.markRightsCovered(part, RIGHTS_GRAPH_SOURCE);
    return { report, inserted, duplicates };
  }
}

/** The admin-record query's report with its failures named as such, for logs and the status. */
export function namedAdminReport(rights: WindowReport): WindowReport {
  return { ...rights, failures: rights.failures.map((f) => ({ ...f, problem: { ...f.problem, message: `admin records: ${f.problem.message}` } })) };
}

/**
 * One window's SendAs report with its admin-record report folded in: the counts add up, and a failure of
 * the admin query fails the window too (named as such), so the window is asked again like any other.
 */
export function withRightsReport(report: WindowReport, rights: WindowReport): WindowReport {
  return {
    ...report,
    failures: [...report.failures, ...namedAdminReport(rights).failures],
    records: report.records + rights.records,
    duplicatesInRun: report.duplicatesInRun + rights.duplicatesInRun,
    skipped: report.skipped + rights.skipped,
    rejectedCount: report.rejectedCount + rights.rejectedCount,
    rejected: [...report.rejected, ...rights.rejected],
    queriesCreated: report.queriesCreated + rights.queriesCreated,
    queriesAdopted: report.queriesAdopted + rights.queriesAdopted,
    queriesResumed: report.queriesResumed + rights.queriesResumed,
    submissions: report.submissions + rights.submissions,
    pages: report.pages + rights.pages,
  };
}
