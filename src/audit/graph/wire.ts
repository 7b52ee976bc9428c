import { z } from 'zod';

/**
 * The Microsoft Graph audit log query API on the wire (`/security/auditLog/queries`), as documented
 * in the v1.0 and beta reference pages (graph-audit-api.md, section 1).
 */

/** Half-open [from, to), ISO 8601 UTC: the audit time range one query covers. */
export interface QueryWindow {
  readonly from: string;
  readonly to: string;
}

export const QUERY_STATUSES = ['notStarted', 'running', 'succeeded', 'failed', 'cancelled', 'unknownFutureValue'] as const;
export type QueryStatus = (typeof QUERY_STATUSES)[number];

/** The operations this product reads; `SendOnBehalfOf` does not exist (AUDIT-FACTS.md, section 2). */
export const OPERATION_FILTERS = ['SendAs', 'SendOnBehalf'] as const;
/** Record type 2 (ExchangeItem) in the camelCase enum the create body takes. */
export const RECORD_TYPE_FILTERS = ['exchangeItem'] as const;

/** What one query asks Graph for: record types (the camelCase enum) and operations. */
export interface QueryFilters {
  readonly recordTypeFilters: readonly string[];
  readonly operationFilters: readonly string[];
}

/** The SendAs query: Exchange item records, SendAs and SendOnBehalf. */
export const SENDAS_QUERY_FILTERS: QueryFilters = { recordTypeFilters: RECORD_TYPE_FILTERS, operationFilters: OPERATION_FILTERS };

/**
 * An `auditLogQuery` as Graph returns it from create and get. Only the fields the client acts on are
 * checked; Graph adds properties over time (`recordCountLimit` arrived in 2026), so others pass.
 */
export const auditLogQuerySchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  displayName: z.string().nullish(),
  filterStartDateTime: z.string().nullish(),
  filterEndDateTime: z.string().nullish(),
  isRecordCountLimitExceeded: z.boolean().nullish(),
  approximateReturnedRecordCount: z.number().nullish(),
  recordCountLimit: z.number().nullish(),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/**
 * One page of `GET .../queries/{id}/records`. Each record stays `unknown` here: the normalizer judges
 * them one by one so one bad record never costs the page.
 */
export const recordsPageSchema = z.looseObject({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().min(1).nullish(),
});
export type RecordsPage = z.infer<typeof recordsPageSchema>;

/**
 * One page of `GET /security/auditLog/queries`: every query of the tenant, other apps' included. Each
 * stays `unknown` so one query of an odd shape does not hide the others.
 */
export const queryListPageSchema = recordsPageSchema;

/** Graph takes DateTimeOffset; whole seconds are written without the `.000`. */
export function graphDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('.000Z', 'Z');
}

/**
 * The name a query is created under: its window and the moment it was first submitted. Deterministic, so
 * a create whose answer was lost can be found again by name; the submission time keeps a later re-query
 * of the same window (a re-sweep for late records) from adopting an older query with older results.
 */
export function queryDisplayName(window: QueryWindow, submittedAt: string): string {
  return `SendAs Watch ${graphDateTime(window.from)}/${graphDateTime(window.to)} submitted ${graphDateTime(submittedAt)}`;
}

/** Whether `query` is the one created under `displayName` for `window`. */
export function isQueryFor(query: AuditLogQuery, displayName: string, window: QueryWindow): boolean {
  return (
    query.displayName === displayName &&
    Date.parse(query.filterStartDateTime ?? '') === Date.parse(window.from) &&
    Date.parse(query.filterEndDateTime ?? '') === Date.parse(window.to)
  );
}

/** The create body: the window and the filters (SendAs ones by default). No service or object filters (section 1.3). */
export function createQueryBody(window: QueryWindow, displayName: string, filters: QueryFilters = SENDAS_QUERY_FILTERS): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.security.auditLogQuery',
    displayName,
    filterStartDateTime: graphDateTime(window.from),
    filterEndDateTime: graphDateTime(window.to),
    recordTypeFilters: [...filters.recordTypeFilters],
    operationFilters: [...filters.operationFilters],
  };
}

export function isQueryStatus(value: string): value is QueryStatus {
  return (QUERY_STATUSES as readonly string[]).includes(value);
}

/** The `error.code` of an error body (`AF429`, `BadRequest`), or null when it has none. */
export function graphErrorCode(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } } | null;
    const code = parsed?.error?.code;
    return typeof code === 'string' && code !== '' ? code : null;
  } catch {
    return null;
  }
}

/**
 * The human part of a Graph error body. Graph answers `{"error":{"code","message","innerError":{"request-id"}}}`;
 * the audit backend behind it answers `{"Message":"User:... dont have any permissions"}` (capital M;
 * lower case seen too).
 */
export function graphErrorText(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 300);
  }
  if (typeof parsed !== 'object' || parsed === null) return body.trim().slice(0, 300);
  const record = parsed as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    const inner = typeof e.innerError === 'object' && e.innerError !== null ? (e.innerError as Record<string, unknown>) : {};
    const message = e.message ?? e.Message;
    const parts = [typeof e.code === 'string' ? e.code : null, typeof message === 'string' ? message : null].filter((p) => p !== null);
    const requestId = typeof inner['request-id'] === 'string' ? ` (request-id ${inner['request-id']})` : '';
    return `${parts.join(': ')}${requestId}`;
  }
  const message = record.message ?? record.Message;
  if (typeof message === 'string') return message;
  return body.trim().slice(0, 300);
}
