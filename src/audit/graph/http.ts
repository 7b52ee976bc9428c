import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { RetryPolicy } from './retry';
import { parseRetryAfter } from '../../runtime/http';
import { backoffDelay } from './retry';
import { graphErrorText } from './wire';

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
}

export type GraphOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: GraphProblem };

/** Time as the Graph code sees it: injected so tests run on a fixed clock and sleep for nothing. */
export interface GraphRuntime {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface GraphRequest<T> {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: unknown;
  /** What the request is for, in the words of an error message ("read page 3 of query q1"). */
  readonly purpose: string;
  /** The expected shape; null means the body is unreadable and the request is retried. */
  parse(json: unknown): T | null;
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
  ) {}

  async send<T>(request: GraphRequest<T>): Promise<GraphOutcome<T>> {
    let last: GraphProblem | null = null;
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
      const token = await this.token();
      if (!token.ok) return token;
      const result = await this.attempt(request, token.value);
      if (result.kind === 'done') return result.outcome;
      last = result.problem;
      if (attempt === this.policy.maxAttempts) break;
      const wait = result.retryAfterMs ?? backoffDelay(attempt, this.policy);
      if (wait > this.policy.maxRetryAfterMs) {
        return fail('throttled', `Graph asked to wait ${Math.round(wait / 1000)} s before retrying to ${request.purpose}; giving up for now`, 429);
      }
      await this.runtime.sleep(wait);
    }
    const problem = last ?? { code: 'network' as const, message: `could not ${request.purpose}` };
    return { ok: false, problem: { ...problem, message: `${problem.message} (gave up after ${this.policy.maxAttempts} attempts)` } };
  }

  private async token(): Promise<GraphOutcome<string>> {
    try {
      const token = await this.credential.getToken(GRAPH_SCOPE);
      if (token === null) return fail('unauthorized', `the credential returned no token for ${GRAPH_SCOPE}`);
      return { ok: true, value: token.token };
    } catch (error) {
      return fail('unauthorized', `could not get a Microsoft Graph token (${GRAPH_SCOPE}): ${(error as Error).message}`);
    }
  }

  private async attempt<T>(
    request: GraphRequest<T>,
    token: string,
  ): Promise<{ kind: 'done'; outcome: GraphOutcome<T> } | { kind: 'retry'; problem: GraphProblem; retryAfterMs: number | null }> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'client-request-id': randomUUID(),
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(request.url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return { kind: 'retry', problem: { code: 'network', message: `could not reach Graph to ${request.purpose}: ${(error as Error).message}` }, retryAfterMs: null };
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        return { kind: 'retry', problem: { code: 'malformed-response', message: `Graph sent unreadable JSON when asked to ${request.purpose}: ${(error as Error).message}`, status }, retryAfterMs: null };
      }
      const value = request.parse(json);
      if (value === null) {
        return { kind: 'retry', problem: { code: 'malformed-response', message: `Graph's answer to ${request.purpose} is not the documented shape`, status }, retryAfterMs: null };
      }
      return { kind: 'done', outcome: { ok: true, value } };
    }
    const says = graphErrorText(text);
    if (isRetryableStatus(status)) {
      const code = status === 429 ? 'throttled' : 'server-error';
      return {
        kind: 'retry',
        problem: { code, message: `Graph answered ${status} when asked to ${request.purpose}: ${says}`, status },
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.runtime.now().getTime()),
      };
    }
    if (status === 403) return { kind: 'done', outcome: fail('forbidden', forbiddenMessage(says), status) };
    if (status === 401) {
      return { kind: 'done', outcome: fail('unauthorized', `Graph rejected the access token when asked to ${request.purpose} (401): ${says}`, status) };
    }
    if (status === 404) return { kind: 'done', outcome: fail('not-found', `Graph answered 404 when asked to ${request.purpose}: ${says}`, status) };
    return { kind: 'done', outcome: fail('bad-request', `Graph answered ${status} when asked to ${request.purpose}: ${says}`, status) };
  }
}

function fail(code: GraphProblemCode, message: string, status?: number): { ok: false; problem: GraphProblem } {
  return { ok: false, problem: status === undefined ? { code, message } : { code, message, status } };
}
