import type { Middleware, TurnContext } from 'botbuilder';
import { neverConnected, parseRetryAfter } from '../runtime/http';
import type { Logger } from '../runtime/logger';

/**
 * How a turn's calls to the Bot Connector (replies, card updates, typing) are retried. botbuilder's
 * client (@azure/core-rest-pipeline) retries 429s after whatever Retry-After says, an hour included,
 * and waits forever for a connector that does not answer: the turn, its socket and the inbound
 * request then stay open. Here every call ends within `deadlineMs`.
 */
export interface ConnectorRetrySettings {
  /** Tries per call, the first included. */
  readonly attempts: number;
  /** One try is abandoned after this long, and not repeated: the connector may have posted the card. */
  readonly attemptTimeoutMs: number;
  /** No retry starts, and no wait runs, past this long after the first try. */
  readonly deadlineMs: number;
  /** Waits before the second, third… try after a 5xx, a 429 without Retry-After or a refused connection; ±20 % jitter. */
  readonly backoffMs: readonly number[];
  /** A longer Retry-After is not waited out: the connector wants a pause no admin will sit through. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_CONNECTOR_RETRY: ConnectorRetrySettings = {
  attempts: 3,
  attemptTimeoutMs: 10_000,
  deadlineMs: 15_000,
  backoffMs: [500, 2_000],
  maxRetryAfterMs: 5_000,
};

/** Teams' rate-limit advice (msteams-docs rate-limit.md) plus 500 and 503, as for notifications. */
const RETRYABLE_STATUS = new Set([412, 429, 500, 502, 503, 504]);

/** The parts of @azure/core-rest-pipeline's request, response and pipeline used here (not a direct dependency). */
interface PipelineRequest {
  readonly method: string;
  timeout: number;
  readonly abortSignal?: AbortSignal;
}
interface PipelineResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | undefined };
}
interface PipelinePolicy {
  readonly name: string;
  sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse>;
}
/** Private in botbuilder's ServiceClientContext: the pipeline behind one turn's ConnectorClient. */
interface PipelineHolder {
  readonly client?: {
    readonly pipeline?: {
      removePolicy(options: { phase: 'Retry' }): unknown;
      addPolicy(policy: PipelinePolicy, options: { phase: 'Retry' }): void;
    };
  };
}

/** Why a call was given up; logged with its status, never its body or URL. */
export type GiveUpReason = 'attempts-exhausted' | 'retry-after-too-long' | 'deadline' | 'timed-out' | 'not-connected';

export interface GiveUp {
  readonly reason: GiveUpReason;
  readonly method: string;
  readonly attempts: number;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/** The retry policy for one ConnectorClient pipeline (phase Retry), reporting each call it gives up. */
export function boundedRetryPolicy(settings: ConnectorRetrySettings, onGiveUp: (giveUp: GiveUp) => void): PipelinePolicy {
  const backoff = (attempt: number): number => {
    const base = settings.backoffMs[Math.min(attempt - 1, settings.backoffMs.length - 1)] ?? 0;
    return Math.round(base * (0.8 + Math.random() * 0.4));
  };
  return {
    name: 'sendasBoundedRetry',
    async sendRequest(request, next) {
      const deadline = Date.now() + settings.deadlineMs;
      const callerTimeout = request.timeout;
      const giveUp = (reason: GiveUpReason, attempts: number, status: number | null, retryAfterMs: number | null = null): void =>
        onGiveUp({ reason, method: request.method, attempts, status, retryAfterMs });
      for (let attempt = 1; ; attempt += 1) {
        const remaining = Math.max(1, deadline - Date.now());
        request.timeout = Math.min(callerTimeout > 0 ? callerTimeout : Infinity, settings.attemptTimeoutMs, remaining);
        let wait: number;
        try {
          const response = await next(request);
          if (!RETRYABLE_STATUS.has(response.status)) return response;
          const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
          wait = retryAfter ?? backoff(attempt);
          let reason: GiveUpReason | null = null;
          if (retryAfter !== null && retryAfter > settings.maxRetryAfterMs) reason = 'retry-after-too-long';
          else if (attempt >= settings.attempts) reason = 'attempts-exhausted';
          else if (Date.now() + wait >= deadline) reason = 'deadline';
          if (reason !== null) {
            giveUp(reason, attempt, response.status, retryAfter);
            return response;
          }
        } catch (error) {
          // Aborted by its owner (a typing indicator whose turn ended): not a failure of the connector.
          if (request.abortSignal?.aborted === true) throw error;
          if (isAbort(error)) {
            giveUp('timed-out', attempt, null);
            throw error;
          }
          // A reset or any other error after the request may have been read: sending again could post twice.
          if (!neverConnected(errorCode(error))) throw error;
          wait = backoff(attempt);
          if (attempt >= settings.attempts || Date.now() + wait >= deadline) {
            giveUp('not-connected', attempt, null);
            throw error;
          }
        }
        await sleep(wait, request.abortSignal);
      }
    },
  };
}

/**
 * Middleware, first in the adapter: puts the bounded policy in place of the client's own in every
 * turn's ConnectorClient (one is made per turn), before anything is sent.
 */
export class BoundedConnectorRetries implements Middleware {
  private readonly policy: PipelinePolicy;
  private warned = false;

  constructor(
    private readonly logger: Logger,
    settings: ConnectorRetrySettings = DEFAULT_CONNECTOR_RETRY,
  ) {
    this.policy = boundedRetryPolicy(settings, (giveUp) => logger.warn({ event: 'connector-gave-up', ...giveUp }, 'gave up a call to the Bot Connector'));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const pipeline = context.turnState.get<PipelineHolder | undefined>(context.adapter.ConnectorClientKey)?.client?.pipeline;
    if (pipeline !== undefined && typeof pipeline.removePolicy === 'function' && typeof pipeline.addPolicy === 'function') {
      pipeline.removePolicy({ phase: 'Retry' });
      pipeline.addPolicy(this.policy, { phase: 'Retry' });
    } else if (!this.warned && context.turnState.get(context.adapter.ConnectorClientKey) !== undefined) {
      this.warned = true;
      this.logger.warn({ event: 'connector-retry-setup' }, "could not bound the Bot Connector client's retries: botbuilder's internals changed");
    }
    await next();
  }
}
