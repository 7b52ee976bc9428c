import { z } from 'zod';
import type { KeyValueState } from '../audit/graph';

export const FEED_STATUS_KEY = 'feed.management.status';

/** Content not read: expired (AF20051) or unreadable blobs, or time beyond the 7 days the API keeps. */
export interface FeedGap {
  readonly from: string;
  readonly to: string;
  readonly reason: 'expired' | 'unreadable' | 'beyond-retention';
  readonly contentId: string | null;
}

/** A permission-cmdlet record kept aside (not ingested yet): enough to find it again. */
export interface KeptAside {
  readonly id: string | null;
  readonly operation: string;
  readonly time: string | null;
  readonly objectId: string | null;
  readonly userId: string | null;
  readonly contentId: string;
}

const problemSchema = z.object({ at: z.string(), code: z.string(), message: z.string() });
const gapSchema = z.object({ from: z.string(), to: z.string(), reason: z.enum(['expired', 'unreadable', 'beyond-retention']), contentId: z.string().nullable(), at: z.string() });

const feedStatusSchema = z.object({
  source: z.literal('management-activity'),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: problemSchema.nullable(),
  failingSince: z.string().nullable(),
  subscription: z.object({ enabled: z.boolean(), enabledAt: z.string().nullable(), lastStartAt: z.string().nullable() }),
  /** Content that became available before this instant has been read. */
  cursor: z.string().nullable(),
  /** The newest blob read: when its content became available. */
  newestContentAt: z.string().nullable(),
  gaps: z.array(gapSchema),
  totals: z.object({
    blobs: z.number(),
    duplicateBlobs: z.number(),
    records: z.number(),
    skipped: z.number(),
    inserted: z.number(),
    permissionRecords: z.number(),
    rejected: z.number(),
  }),
  recentRejections: z.array(z.object({ contentId: z.string(), index: z.number(), message: z.string() })),
});

export type FeedStatus = z.infer<typeof feedStatusSchema>;

export interface FeedHealth extends FeedStatus {
  /** How far the read content trails now, in ms; null before the first listing. */
  readonly contentLagMs: number | null;
  readonly healthy: boolean;
}

export function emptyFeedStatus(): FeedStatus {
  return {
    source: 'management-activity',
    lastRunAt: null,
    lastSuccessAt: null,
    lastError: null,
    failingSince: null,
    subscription: { enabled: false, enabledAt: null, lastStartAt: null },
    cursor: null,
    newestContentAt: null,
    gaps: [],
    totals: { blobs: 0, duplicateBlobs: 0, records: 0, skipped: 0, inserted: 0, permissionRecords: 0, rejected: 0 },
    recentRejections: [],
  };
}

export async function readFeedStatus(state: Pick<KeyValueState, 'getState'>): Promise<FeedStatus | null> {
  const text = await state.getState(FEED_STATUS_KEY);
  if (text === null) return null;
  try {
    const parsed = feedStatusSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeFeedStatus(state: Pick<KeyValueState, 'setState'>, status: FeedStatus): Promise<void> {
  await state.setState(FEED_STATUS_KEY, JSON.stringify(status));
}

/** The feed's status for /healthz and "audit health"; null when the feed never ran. */
export async function readFeedHealth(state: Pick<KeyValueState, 'getState'>, now: Date): Promise<FeedHealth | null> {
  const stored = await readFeedStatus(state);
  if (stored === null) return null;
  return { ...stored, contentLagMs: stored.cursor === null ? null : Math.max(0, now.getTime() - Date.parse(stored.cursor)), healthy: stored.failingSince === null };
}
