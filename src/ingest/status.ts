import { z } from 'zod';
import type { IngestionHealth } from '../detect/input';
import type { Store } from '../store/store';

export const STATUS_KEY = 'ingest.graph.status';

const windowSchema = z.object({ from: z.string(), to: z.string() });
const problemSchema = z.object({ at: z.string(), code: z.string(), message: z.string() });

const statusSchema = z.object({
  source: z.literal('graph'),
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
    recent: z.array(z.object({ queryId: z.string(), page: z.number(), index: z.number(), recordId: z.string().nullable(), message: z.string() })),
  }),
});

export type StoredIngestStatus = z.infer<typeof statusSchema>;

export interface IngestStatus extends StoredIngestStatus {
  /** How far the complete part of the store trails now, in ms; null before the backfill finished. */
  readonly lagMs: number | null;
  readonly budgetExhausted: boolean;
  /** The last run succeeded (an older lastError was recovered from). */
  readonly healthy: boolean;
}

export function emptyStatus(intervalMs: number, submissionBudget: number): StoredIngestStatus {
  return {
    source: 'graph',
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

/**
 * The Graph ingestion status for /healthz and the "audit health" answer: last success, last error,
 * lag behind `now`, backfill progress and the submission budget. Null when Graph ingestion never ran.
 */
export async function readIngestStatus(state: Pick<Store, 'getState'>, now: Date): Promise<IngestStatus | null> {
  const stored = await readStoredStatus(state);
  if (stored === null) return null;
  return {
    ...stored,
    lagMs: stored.watermark === null ? null : Math.max(0, now.getTime() - Date.parse(stored.watermark)),
    budgetExhausted: stored.submissionsLast24h >= stored.submissionBudget,
    healthy: stored.failingSince === null,
  };
}

/** The part of the status the ingestion-failing detector reads. */
export function ingestionHealth(status: StoredIngestStatus): IngestionHealth {
  return { lastSuccessAt: status.lastSuccessAt, failingSince: status.failingSince, lastError: status.lastError === null || status.failingSince === null ? null : status.lastError.code };
}

export async function writeStatus(state: Pick<Store, 'setState'>, status: StoredIngestStatus): Promise<void> {
  await state.setState(STATUS_KEY, JSON.stringify(status));
}
