import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { RetryPolicy } from './retry';
import { parseRetryAfter } from '../../runtime/http';
import { backoffDelay } from './retry';
import { graphErrorCode, graphErrorText } from './wire';

/** The one scope an app-only Graph token is asked for. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The permission this product needs, named in every 403 message. */
export const REQUIRED_PERMISSION = 'AuditLogsQuery-Exchange.Read.All';
export const BROADER_PERMISSION = 'AuditLogsQuery.Read.All';

export type GraphProblemCode =
  | 'forbidden'
  | 'unauthorized'
  | 'throttled'
  | 'server-error'
  | 'network'
  | 'malformed-response'
  | 'not-found'
  | 'bad-request'
  | 'query-failed'
  | 'query-cancelled'
  | 'query-expired'
  | 'poll-timeout'
  | 'budget-exhausted'
  | 'truncated'
  | 'unreadable-window';

/** Why a Graph step did not work, in words an admin can act on. */
export interface GraphProblem {
  readonly code: GraphProblemCode;
  readonly message: string;
  /** The HTTP status behind it, when there was one. */
  readonly status?: number;
  /** The request may have taken effect although no answer said so (a create that timed out or got a 5xx). */
  readonly ambiguous?: boolean;
  /** The service's own error code (`AF20051` from the Management Activity API), when it sent one. */
  readonly apiCode?: string;
}

export type GraphOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: GraphProblem };

/** Time as the Graph code sees it: injected so tests run on a fixed clock and sleep for nothing. */
export interface GraphRuntime {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

interface RequestLine {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: unknown;
  /** What the request is for, in the words of an error message ("read page 3 of query q1"). */
  readonly purpose: string;
  /**
   * False for a request that must not be sent twice blindly (creating a query): only a 429 is retried;
   * a 5xx, a network error or an unreadable success comes back at once, marked `ambiguous`.
   */
  readonly idempotent?: boolean;
  /**
   * True once a query exists (polling, paging): a 403 there is usually a passing fault of the audit
   * backend, not missing consent, so it is retried `maxForbiddenAttempts` times before it is reported.
   */
  readonly forbiddenMayPass?: boolean;
  /** Headers the service needs beyond the token (Exchange's `X-AnchorMailbox` routing hint). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * `parse` takes the JSON body; `read` takes the body's bytes and the headers instead (a large body
 * filtered before any JSON.parse, or paging carried in a header). Null means the body is unreadable
 * and the request is retried.
 */
export type GraphRequest<T> = RequestLine & ({ parse(json: unknown): T | null } | { read(body: Uint8Array, headers: Headers): T | null });

const utf8 = new TextDecoder();

/** Which Microsoft API a GraphHttp talks to: its token scope, its name in messages, what its 403 means. */
export interface ApiService {
  /** As it reads in the middle of a sentence: "Graph answered 503 when asked to …". */
  readonly name: string;
  readonly scope: string;
  forbiddenMessage(serviceSays: string, purpose: string): string;
  /** An error code that means throttling even on a 403 (the Management Activity API's AF429). */
  readonly throttleCode?: string;
  /** Words that mean "no such object" whatever the status (Exchange's ManagementObjectNotFoundException). */
  readonly notFound?: RegExp;
}

/** The 403 message: which permission, and that an admin must consent to it. */
export function forbiddenMessage(graphSays: string): string {
  return (
    `Microsoft Graph refused the audit log query (403 Forbidden): ${REQUIRED_PERMISSION} needs admin consent. ` +
    `Give the app registration the Microsoft Graph application permission ${REQUIRED_PERMISSION} ` +
    `(or the broader ${BROADER_PERMISSION}) and have an admin grant consent: Entra admin center → App registrations → ` +
    `this app → API permissions → Grant admin consent. Graph said: ${graphSays}`
  );
}

export const GRAPH_SERVICE: ApiService = { name: 'Graph', scope: GRAPH_SCOPE, forbiddenMessage };

function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Sends Graph requests with a fresh token each time (the credential caches and renews it, so long
 * polls and deep paging never outlive a token), retries 429 after `Retry-After`, and retries 5xx,
 * network errors and unreadable bodies with exponential backoff. Every outcome is a value.
 */
export class GraphHttp {
  constructor(
    private readonly credential: Pick<TokenCredential, 'getToken'>,
    private readonly runtime: GraphRuntime,
    private readonly policy: RetryPolicy,
    private readonly requestTimeoutMs: number,
    private readonly fetchImpl: FetchLike = fetch,
    private readonly service: ApiService = GRAPH_SERVICE,
  ) {}

  async send<T>(request: GraphRequest<T>): Promise<GraphOutcome<T>> {
    let last: GraphProblem | null = null;
    let attempts = 0;
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
      attempts = attempt;
      const token = await this.token();
      if (!token.ok) return token;
      const result = await this.attempt(request, token.value);
      if (result.kind === 'done') return result.outcome;
      last = result.problem;
      if (request.idempotent === false && result.problem.code !== 'throttled') {
        return { ok: false, problem: { ...result.problem, ambiguous: true } };
      }
      if (result.problem.code === 'forbidden' && attempt >= this.policy.maxForbiddenAttempts) break;
      if (attempt === this.policy.maxAttempts) break;
      const wait = result.retryAfterMs ?? backoffDelay(attempt, this.policy);
      if (wait > this.policy.maxRetryAfterMs) {
        return fail('throttled', `${this.service.name} asked to wait ${Math.round(wait / 1000)} s before retrying to ${request.purpose}; giving up for now`, 429);
      }
      await this.runtime.sleep(wait);
    }
    const problem = last ?? { code: 'network' as const, message: `could not ${request.purpose}` };
    return { ok: false, problem: { ...problem, message: `${problem.message} (gave up after ${attempts} attempts)` } };
  }

  private async token(): Promise<GraphOutcome<string>> {
    const scope = this.service.scope;
    try {
      const token = await this.credential.getToken(scope);
      if (token === null) return fail('unauthorized', `the credential returned no token for ${scope}`);
      return { ok: true, value: token.token };
    } catch (error) {
      return fail('unauthorized', `could not get a ${this.service.name} token (${scope}): ${(error as Error).message}`);
    }
  }

  private async attempt<T>(
    request: GraphRequest<T>,
    token: string,
  ): Promise<{ kind: 'done'; outcome: GraphOutcome<T> } | { kind: 'retry'; problem: GraphProblem; retryAfterMs: number | null }> {
    const headers: Record<string, string> = {
      ...request.headers,
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'client-request-id': randomUUID(),
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const name = this.service.name;
    let response: Response;
    let body: Uint8Array;
    try {
      response = await this.fetchImpl(request.url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      return { kind: 'retry', problem: { code: 'network', message: `could not reach ${name} to ${request.purpose}: ${(error as Error).message}` }, retryAfterMs: null };
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
      let value: T | null;
      if ('read' in request) {
        value = request.read(body, response.headers);
      } else {
        let json: unknown;
        try {
          json = JSON.parse(utf8.decode(body));
        } catch (error) {
          return { kind: 'retry', problem: { code: 'malformed-response', message: `${name} sent unreadable JSON when asked to ${request.purpose}: ${(error as Error).message}`, status }, retryAfterMs: null };
        }
        value = request.parse(json);
      }
      if (value === null) {
        return { kind: 'retry', problem: { code: 'malformed-response', message: `${name}'s answer to ${request.purpose} is not the documented shape`, status }, retryAfterMs: null };
      }
      return { kind: 'done', outcome: { ok: true, value } };
    }
    const text = utf8.decode(body);
    const says = graphErrorText(text);
    const apiCode = graphErrorCode(text);
    const throttledOn403 = status === 403 && apiCode !== null && apiCode === this.service.throttleCode;
    if (status !== 401 && status !== 403 && this.service.notFound?.test(says) === true) {
      return { kind: 'done', outcome: fail('not-found', `${name} answered ${status} when asked to ${request.purpose}: ${says}`, status, apiCode) };
    }
    if (isRetryableStatus(status) || throttledOn403) {
      const code = status === 429 || throttledOn403 ? 'throttled' : 'server-error';
      return {
        kind: 'retry',
        problem: withCode({ code, message: `${name} answered ${status} when asked to ${request.purpose}: ${says}`, status }, apiCode),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.runtime.now().getTime()),
      };
    }
    if (status === 403) {
      const problem = withCode({ code: 'forbidden', message: this.service.forbiddenMessage(says, request.purpose), status }, apiCode);
      if (request.forbiddenMayPass === true) return { kind: 'retry', problem, retryAfterMs: null };
      return { kind: 'done', outcome: { ok: false, problem } };
    }
    if (status === 401) {
      return { kind: 'done', outcome: fail('unauthorized', `${name} rejected the access token when asked to ${request.purpose} (401): ${says}`, status, apiCode) };
    }
    if (status === 404) return { kind: 'done', outcome: fail('not-found', `${name} answered 404 when asked to ${request.purpose}: ${says}`, status, apiCode) };
    return { kind: 'done', outcome: fail('bad-request', `${name} answered ${status} when asked to ${request.purpose}: ${says}`, status, apiCode) };
  }
}

function withCode(problem: GraphProblem, apiCode: string | null): GraphProblem {
  return apiCode === null ? problem : { ...problem, apiCode };
}

function fail(code: GraphProblemCode, message: string, status?: number, apiCode: string | null = null): { ok: false; problem: GraphProblem } {
  return { ok: false, problem: withCode(status === undefined ? { code, message } : { code, message, status }, apiCode) };
}
