import { z } from 'zod';
import type { IngestionHealth } from '../detect/input';
import type { CoveredSpan, Store } from '../store/store';
import type { IngestTally } from './stage';

/** One status for whichever source feeds the store (Graph, an export file, the demo tenant). */
export const STATUS_KEY = 'ingest.status';

const windowSchema = z.object({ from: z.string(), to: z.string() });
const problemSchema = z.object({ at: z.string(), code: z.string(), message: z.string() });
const rejectedRecordSchema = z.object({ queryId: z.string(), page: z.number(), index: z.number(), recordId: z.string().nullable(), message: z.string() });

const statusSchema = z.object({
  source: z.string(),
  running: z.boolean(),
  lastRunAt: z.string().nullable(),
  lastRunEndedAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: problemSchema.nullable(),
  /** When the current run of failed runs began; null while ingestion works. */
  failingSince: z.string().nullable(),
  /** The store holds everything Graph had before this instant (late events aside). */
  watermark: z.string().nullable(),
  backfill: z.object({ from: z.string(), to: z.string(), total: z.number(), remaining: z.number() }).nullable(),
  intervalMs: z.number(),
  submissionBudget: z.number(),
  submissionsLast24h: z.number(),
  budgetFreesAt: z.string().nullable(),
  lastRun: z
    .object({
      windows: z.array(windowSchema),
      records: z.number(),
      inserted: z.number(),
      duplicates: z.number(),
      skipped: z.number(),
      rejected: z.number(),
      queriesCreated: z.number(),
      queriesResumed: z.number(),
    })
    .nullable(),
  /** Windows given up for good (still truncated or unreadable at the smallest size): not covered in the store. */
  failedWindows: z.array(z.object({ window: windowSchema, code: z.string(), message: z.string(), at: z.string() })),
  rejectedRecords: z.object({
    total: z.number(),
    recent: z.array(rejectedRecordSchema),
  }),
  /**
   * Admin records (grants and removals of rights) read from Graph, counted apart from the SendAs records
   * above: stored changes and records that could not be read. A status written before they were counted has none.
   */
  rightsRecords: z.object({ inserted: z.number(), rejected: z.number(), recent: z.array(rejectedRecordSchema) }).default({ inserted: 0, rejected: 0, recent: [] }),
});

export type StoredIngestStatus = z.infer<typeof statusSchema>;

/** The store's coverage at a glance: what is final, and what may still grow. */
export interface CoverageSummary {
  /** The end of the newest settled coverage: everything before it that was ingested is final. */
  readonly settledUntil: string | null;
  /** The provisional span: from its start to its end, checked between these instants. */
  readonly provisional: { readonly from: string; readonly to: string; readonly oldestCheck: string; readonly newestCheck: string } | null;
}

export interface IngestStatus extends StoredIngestStatus {
  readonly coverage: CoverageSummary;
  /** How far the complete part of the store trails now, in ms; null before the backfill finished. */
  readonly lagMs: number | null;
  readonly budgetExhausted: boolean;
  /** The last run succeeded (an older lastError was recovered from). */
  readonly healthy: boolean;
}

export function emptyStatus(source: string, intervalMs: number, submissionBudget: number): StoredIngestStatus {
  return {
    source,
    running: false,
    lastRunAt: null,
    lastRunEndedAt: null,
    lastSuccessAt: null,
    lastError: null,
    failingSince: null,
    watermark: null,
    backfill: null,
    intervalMs,
    submissionBudget,
    submissionsLast24h: 0,
    budgetFreesAt: null,
    lastRun: null,
    failedWindows: [],
    rejectedRecords: { total: 0, recent: [] },
    rightsRecords: { inserted: 0, rejected: 0, recent: [] },
  };
}

/** The stored status, or null when none was written yet or it cannot be read. */
export async function readStoredStatus(state: Pick<Store, 'getState'>): Promise<StoredIngestStatus | null> {
  const text = await state.getState(STATUS_KEY);
  if (text === null) return null;
  try {
    const parsed = statusSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** How far back the coverage summary looks: the backfill's default reach. */
const SUMMARY_REACH_MS = 30 * 24 * 3600_000;

export function summarizeCoverage(spans: readonly CoveredSpan[]): CoverageSummary {
  const settled = spans.filter((s) => s.level === 'settled');
  const provisional = spans.filter((s) => s.level === 'provisional');
  const checks = provisional.map((s) => s.checkedAt).sort();
  return {
    settledUntil: settled.at(-1)?.to ?? null,
    provisional:
      provisional.length === 0 ? null : { from: provisional[0].from, to: provisional[provisional.length - 1].to, oldestCheck: checks[0], newestCheck: checks[checks.length - 1] },
  };
}

/**
 * The ingestion status for /healthz and the "audit health" answer: last success, last error, lag
 * behind `now`, both coverage levels, and for Graph the backfill and the submission budget. Null when
 * no source has run yet.
 */
export async function readIngestStatus(state: Pick<Store, 'getState' | 'coverage'>, now: Date): Promise<IngestStatus | null> {
  const stored = await readStoredStatus(state);
  if (stored === null) return null;
  const spans = await state.coverage({ from: new Date(now.getTime() - SUMMARY_REACH_MS).toISOString(), to: now.toISOString() });
  return {
    ...stored,
    coverage: summarizeCoverage(spans),
    lagMs: stored.watermark === null ? null : Math.max(0, now.getTime() - Date.parse(stored.watermark)),
    budgetExhausted: stored.submissionBudget > 0 && stored.submissionsLast24h >= stored.submissionBudget,
    healthy: stored.failingSince === null,
  };
}

/** Records a one-shot load (an export file, the demo tenant) in the same status the Graph scheduler keeps. */
export async function recordLoad(state: Pick<Store, 'getState' | 'setState'>, source: string, tally: IngestTally, startedAt: Date, endedAt: Date): Promise<void> {
  const previous = (await readStoredStatus(state)) ?? emptyStatus(source, 0, 0);
  const at = endedAt.toISOString();
  await writeStatus(state, {
    ...previous,
    source,
    running: false,
    lastRunAt: startedAt.toISOString(),
    lastRunEndedAt: at,
    lastSuccessAt: at,
    lastRun: { windows: [], records: tally.inserted + tally.duplicates + tally.skipped + tally.rejected, inserted: tally.inserted, duplicates: tally.duplicates, skipped: tally.skipped, rejected: tally.rejected, queriesCreated: 0, queriesResumed: 0 },
    rejectedRecords: { total: previous.rejectedRecords.total + tally.rejected, recent: previous.rejectedRecords.recent },
  });
}

/** The part of the status the ingestion-failing detector reads. */
export function ingestionHealth(status: StoredIngestStatus): IngestionHealth {
  return { lastSuccessAt: status.lastSuccessAt, failingSince: status.failingSince, lastError: status.lastError === null || status.failingSince === null ? null : status.lastError.code };
}

export async function writeStatus(state: Pick<Store, 'setState'>, status: StoredIngestStatus): Promise<void> {
  await state.setState(STATUS_KEY, JSON.stringify(status));
}
