import type { GraphHttp, GraphOutcome } from './http';
import type { AuditLogQuery, QueryWindow, RecordsPage } from './wire';
import { auditLogQuerySchema, createQueryBody, recordsPageSchema } from './wire';

const QUERIES_PATH = '/security/auditLog/queries';

/** The beta root for a v1.0 root (`.../v1.0` → `.../beta`); null when the root names no version. */
export function betaFallbackOf(baseUrl: string): string | null {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/v1.0') ? `${trimmed.slice(0, -'/v1.0'.length)}/beta` : null;
}

function parseQuery(json: unknown): AuditLogQuery | null {
  const parsed = auditLogQuerySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

function parsePage(json: unknown): RecordsPage | null {
  const parsed = recordsPageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export interface CreatedQuery {
  readonly query: AuditLogQuery;
  /** The root that created it, after any beta fallback. */
  readonly baseUrl: string;
}

/** The three audit query routes, one method each; retries live in GraphHttp, policy in the ingester. */
export class GraphAuditClient {
  constructor(
    private readonly http: GraphHttp,
    private readonly pageSize: number,
  ) {}

  /**
   * POST a query for `window`. A 404 from a v1.0 root is retried once on beta: Microsoft moved the
   * API back to beta in 2025 (MC1052169) and some tenants still get 404 from v1.0.
   */
  async createQuery(baseUrl: string, window: QueryWindow, displayName: string): Promise<GraphOutcome<CreatedQuery>> {
    const first = await this.postQuery(baseUrl, window, displayName);
    if (first.ok || first.problem.code !== 'not-found') return first;
    const beta = betaFallbackOf(baseUrl);
    if (beta === null) return first;
    return this.postQuery(beta, window, displayName);
  }

  getQuery(baseUrl: string, queryId: string): Promise<GraphOutcome<AuditLogQuery>> {
    return this.http.send({
      method: 'GET',
      url: `${trimBase(baseUrl)}${QUERIES_PATH}/${encodeURIComponent(queryId)}`,
      purpose: `read the status of audit query ${queryId}`,
      parse: parseQuery,
    });
  }

  firstPageUrl(baseUrl: string, queryId: string): string {
    return `${trimBase(baseUrl)}${QUERIES_PATH}/${encodeURIComponent(queryId)}/records?$top=${this.pageSize}`;
  }

  /**
   * One page of records. `@odata.nextLink` must stay on the query's own host: the bearer token is
   * never sent anywhere else.
   */
  async fetchPage(baseUrl: string, url: string, purpose: string): Promise<GraphOutcome<RecordsPage>> {
    if (new URL(url).origin !== new URL(baseUrl).origin) {
      return { ok: false, problem: { code: 'malformed-response', message: `Graph's next page link leaves ${new URL(baseUrl).origin} (${new URL(url).origin}); not followed` } };
    }
    return this.http.send({ method: 'GET', url, purpose, parse: parsePage });
  }

  private async postQuery(baseUrl: string, window: QueryWindow, displayName: string): Promise<GraphOutcome<CreatedQuery>> {
    const outcome = await this.http.send({
      method: 'POST',
      url: `${trimBase(baseUrl)}${QUERIES_PATH}`,
      body: createQueryBody(window, displayName),
      purpose: `create an audit query for ${window.from} .. ${window.to}`,
      parse: parseQuery,
    });
    return outcome.ok ? { ok: true, value: { query: outcome.value, baseUrl: trimBase(baseUrl) } } : outcome;
  }
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
