import type { GraphHttp, GraphOutcome, GraphProblem } from './http';
import type { AuditLogQuery, QueryWindow, RecordsPage } from './wire';
import type { QueryFilters } from './wire';
import { auditLogQuerySchema, createQueryBody, isQueryFor, queryListPageSchema, recordsPageSchema } from './wire';

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

/** A failed create names the root it was last sent to: an ambiguous one is looked for there. */
export type CreateOutcome = { readonly ok: true; readonly value: CreatedQuery } | { readonly ok: false; readonly problem: GraphProblem; readonly baseUrl: string };

function parseListPage(json: unknown): RecordsPage | null {
  const parsed = queryListPageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
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
  async createQuery(baseUrl: string, window: QueryWindow, displayName: string, filters?: QueryFilters): Promise<CreateOutcome> {
    const first = await this.postQuery(baseUrl, window, displayName, filters);
    if (first.ok || first.problem.code !== 'not-found') return first;
    const beta = betaFallbackOf(baseUrl);
    if (beta === null) return first;
    return this.postQuery(beta, window, displayName, filters);
  }

  /**
   * The query created under `displayName` for `window`, or null when Graph lists none: how a create whose
   * answer was lost is found. Pages through the whole list (it holds every app's queries).
   */
  async findQuery(baseUrl: string, window: QueryWindow, displayName: string): Promise<GraphOutcome<AuditLogQuery | null>> {
    let url: string | null = `${trimBase(baseUrl)}${QUERIES_PATH}`;
    for (let page = 1; url !== null; page += 1) {
      const got = await this.fetchListed(baseUrl, url, `list the audit queries (page ${page}) to find "${displayName}"`);
      if (!got.ok) return got;
      for (const item of got.value.value) {
        const query = parseQuery(item);
        if (query !== null && isQueryFor(query, displayName, window)) return { ok: true, value: query };
      }
      url = got.value['@odata.nextLink'] ?? null;
    }
    return { ok: true, value: null };
  }

  getQuery(baseUrl: string, queryId: string): Promise<GraphOutcome<AuditLogQuery>> {
    return this.http.send({
      method: 'GET',
      url: `${trimBase(baseUrl)}${QUERIES_PATH}/${encodeURIComponent(queryId)}`,
      purpose: `read the status of audit query ${queryId}`,
      parse: parseQuery,
      forbiddenMayPass: true,
    });
  }

  firstPageUrl(baseUrl: string, queryId: string): string {
    return `${trimBase(baseUrl)}${QUERIES_PATH}/${encodeURIComponent(queryId)}/records?$top=${this.pageSize}`;
  }

  /**
   * One page of records. `@odata.nextLink` must stay on the query's own host: the bearer token is
   * never sent anywhere else.
   */
  fetchPage(baseUrl: string, url: string, purpose: string): Promise<GraphOutcome<RecordsPage>> {
    const leaves = leavesHome(baseUrl, url);
    if (leaves !== null) return Promise.resolve(leaves);
    return this.http.send({ method: 'GET', url, purpose, parse: parsePage, forbiddenMayPass: true });
  }

  private fetchListed(baseUrl: string, url: string, purpose: string): Promise<GraphOutcome<RecordsPage>> {
    const leaves = leavesHome(baseUrl, url);
    if (leaves !== null) return Promise.resolve(leaves);
    return this.http.send({ method: 'GET', url, purpose, parse: parseListPage });
  }

  /** Creating is not idempotent: sent once, retried only on 429; a lost answer comes back `ambiguous`. */
  private async postQuery(baseUrl: string, window: QueryWindow, displayName: string, filters?: QueryFilters): Promise<CreateOutcome> {
    const outcome = await this.http.send({
      method: 'POST',
      url: `${trimBase(baseUrl)}${QUERIES_PATH}`,
      body: createQueryBody(window, displayName, filters),
      purpose: `create an audit query for ${window.from} .. ${window.to}`,
      parse: parseQuery,
      idempotent: false,
    });
    return outcome.ok ? { ok: true, value: { query: outcome.value, baseUrl: trimBase(baseUrl) } } : { ok: false, problem: outcome.problem, baseUrl: trimBase(baseUrl) };
  }
}

/** A next link must stay on the query's own host: the bearer token is never sent anywhere else. */
function leavesHome(baseUrl: string, url: string): { ok: false; problem: GraphProblem } | null {
  const home = new URL(baseUrl).origin;
  const there = new URL(url).origin;
  return there === home ? null : { ok: false, problem: { code: 'malformed-response', message: `Graph's next page link leaves ${home} (${there}); not followed` } };
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
