import type { FeedHealthLine, IngestHealthLine } from '../query/answer';
import type { FeedHealth } from './management-status';
import type { IngestStatus } from './status';

/** Both coverage levels: what is final, and what may still grow and when it was last checked. */
function coverageLines(status: IngestStatus): IngestHealthLine[] {
  const { settledUntil, provisional } = status.coverage;
  return [...(settledUntil === null ? [] : [{ code: 'settled', until: settledUntil } as const]), ...(provisional === null ? [] : [{ code: 'provisional', ...provisional } as const])];
}

/**
 * The ingestion status as "audit health" lines: both coverage levels for every source, and for Graph
 * its runs, backfill and budget. The card words them in the asker's language.
 */
export function ingestHealthLines(status: IngestStatus | null): IngestHealthLine[] {
  if (status === null) return [{ code: 'ingest-not-run' }];
  if (status.source !== 'graph') return coverageLines(status);
  const lines: IngestHealthLine[] = [];
  if (status.running) lines.push({ code: 'graph-running' });
  if (status.lastSuccessAt !== null) lines.push({ code: 'graph-last-success', at: status.lastSuccessAt });
  if (status.watermark !== null && status.lagMs !== null) lines.push({ code: 'graph-queried-up-to', watermark: status.watermark, lagMs: status.lagMs });
  lines.push(...coverageLines(status));
  if (status.backfill !== null && status.backfill.remaining > 0) lines.push({ code: 'backfill', remaining: status.backfill.remaining, total: status.backfill.total });
  if (status.failingSince !== null && status.lastError !== null) lines.push({ code: 'graph-failing', since: status.failingSince, message: status.lastError.message });
  lines.push({
    code: 'graph-budget',
    used: status.submissionsLast24h,
    budget: status.submissionBudget,
    exhaustedUntil: status.budgetExhausted ? status.budgetFreesAt : null,
  });
  if (status.failedWindows.length > 0) lines.push({ code: 'graph-failed-windows', count: status.failedWindows.length, first: status.failedWindows[0].window.from });
  if (status.rejectedRecords.total > 0) lines.push({ code: 'records-rejected', count: status.rejectedRecords.total });
  if (status.rightsRecords.rejected > 0) lines.push({ code: 'rights-records-rejected', count: status.rightsRecords.rejected });
  return lines;
}

/**
 * The Management Activity feed as "audit health" lines: the subscription, how far the read content
 * trails now, gaps left for the Graph re-sweep, and errors.
 */
export function feedHealthLines(status: FeedHealth | null): (FeedHealthLine | IngestHealthLine)[] {
  if (status === null) return [{ code: 'feed-not-run' }];
  const lines: (FeedHealthLine | IngestHealthLine)[] = [];
  const subscription = status.subscription;
  if (subscription.enabled && subscription.enabledAt !== null) {
    lines.push({ code: 'feed-subscribed', since: subscription.enabledAt });
    if (status.newestContentAt === null) lines.push({ code: 'feed-no-content-yet' });
  } else {
    lines.push({ code: 'feed-subscription-pending' });
  }
  if (status.cursor !== null && status.contentLagMs !== null) lines.push({ code: 'feed-read-up-to', cursor: status.cursor, lagMs: status.contentLagMs });
  if (status.failingSince !== null && status.lastError !== null) lines.push({ code: 'feed-failing', since: status.failingSince, message: status.lastError.message });
  if (status.gaps.length > 0) lines.push({ code: 'feed-gaps', count: status.gaps.length, first: status.gaps[0].from });
  if (status.totals.rejected > 0) lines.push({ code: 'records-rejected', count: status.totals.rejected });
  return lines;
}
