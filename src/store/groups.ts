import type { Operation } from '../audit/event';
import type { Category } from '../classify/category';
import type { ActivityGroup } from './store';

const DAY_MS = 24 * 3600_000;

/**
 * One SQL row of an activity-group query, as both backends return it: the group's columns, its
 * totals, and one sampled event id (null when no samples were asked for).
 */
export interface ActivityGroupRow {
  day_ms: number | string;
  actor: string;
  sent_as: string | null;
  mailbox: string | null;
  operation: string;
  category: string;
  client: string | null;
  external_access: number | boolean | null;
  /** Present when the query grouped by client IP too. */
  client_ip?: string | null;
  app_id: string | null;
  n: number | string;
  first_ms: number | string;
  last_ms: number | string;
  sample_id: string | null;
}

/** The columns that make a group, in the order SQL partitions and groups by them. */
export const ACTIVITY_GROUP_COLUMNS = ['actor', 'sent_as', 'mailbox', 'operation', 'category', 'client', 'external_access', 'app_id'] as const;

/** The grouping columns of a query: ACTIVITY_GROUP_COLUMNS, and the client IP when asked. */
export function activityGroupColumns(byClientIp: boolean | undefined): readonly string[] {
  return byClientIp === true ? [...ACTIVITY_GROUP_COLUMNS, 'client_ip'] : ACTIVITY_GROUP_COLUMNS;
}

/** Bucket expression for the UTC day of `time_ms`, valid in SQLite and PostgreSQL (integer division). */
export const DAY_BUCKET_SQL = `(time_ms / ${DAY_MS}) * ${DAY_MS}`;

/** Folds rows (one per sampled id, samples in order) into groups, newest day first. */
export function foldActivityGroups(rows: readonly ActivityGroupRow[]): ActivityGroup[] {
  const groups = new Map<string, { group: Omit<ActivityGroup, 'sampleIds'>; sampleIds: string[]; dayMs: number; key: string }>();
  for (const row of rows) {
    const externalAccess = row.external_access === null ? null : Boolean(row.external_access);
    const key = JSON.stringify([row.day_ms, row.actor, row.sent_as, row.mailbox, row.operation, row.category, row.client, externalAccess, row.app_id, row.client_ip]);
    let entry = groups.get(key);
    if (entry === undefined) {
      const dayMs = Number(row.day_ms);
      entry = {
        key,
        dayMs,
        sampleIds: [],
        group: {
          day: new Date(dayMs).toISOString().slice(0, 10),
          actor: row.actor,
          sentAs: row.sent_as,
          mailbox: row.mailbox,
          operation: row.operation as Operation,
          category: row.category as Category,
          client: row.client,
          externalAccess,
          ...(row.client_ip === undefined ? {} : { clientIp: row.client_ip }),
          appId: row.app_id,
          count: Number(row.n),
          first: new Date(Number(row.first_ms)).toISOString(),
          last: new Date(Number(row.last_ms)).toISOString(),
        },
      };
      groups.set(key, entry);
    }
    if (row.sample_id !== null) entry.sampleIds.push(row.sample_id);
  }
  return [...groups.values()]
    .sort((a, b) => b.dayMs - a.dayMs || b.group.count - a.group.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((e) => ({ ...e.group, sampleIds: e.sampleIds }));
}

/** Splits a long IN list so no statement exceeds the driver's bound-parameter limit. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

