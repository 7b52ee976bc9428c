import type { TokenCredential } from '@azure/identity';
import type { FetchLike } from '../audit/graph';
import { GraphHttp } from '../audit/graph/http';
import { DEFAULT_DIRECTORY_TTL_MS, GraphDirectory } from './graph';
import type { DirectoryLookup } from './lookup';

export type { DirectoryLookup, Lookup, Person, UnknownWhy } from './lookup';
export { NO_DIRECTORY } from './lookup';
export { DIRECTORY_PERMISSIONS, GraphDirectory } from './graph';

export interface GraphDirectoryOptions {
  /** The audit source's credential (createGraphCredential of the same settings). */
  readonly credential: Pick<TokenCredential, 'getToken'>;
  /** GRAPH_BASE_URL: the same root the audit client uses. */
  readonly baseUrl: string;
  readonly now: () => Date;
  readonly onProblem?: (what: string, message: string) => void;
  /** Tests pass a fetch of their own. */
  readonly fetch?: FetchLike;
}

/**
 * A card waits for these lookups, so they get two quick tries and no long Retry-After waits: a name
 * that cannot be had in time is shown as unknown and asked again after a short while.
 */
const LOOKUP_RETRY = { maxAttempts: 2, maxForbiddenAttempts: 1, baseDelayMs: 500, maxDelayMs: 1_000, maxRetryAfterMs: 2_000 };
const LOOKUP_TIMEOUT_MS = 5_000;

/** The directory through Graph, with the audit source's credential and base URL. */
export function createGraphDirectory(options: GraphDirectoryOptions): DirectoryLookup {
  const http = new GraphHttp(
    options.credential,
    { now: options.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    LOOKUP_RETRY,
    LOOKUP_TIMEOUT_MS,
    options.fetch,
  );
  return new GraphDirectory(http, {
    baseUrl: options.baseUrl,
    ttlMs: DEFAULT_DIRECTORY_TTL_MS,
    now: () => options.now().getTime(),
    ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
  });
}
