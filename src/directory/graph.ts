import type { MailboxKind } from '../classify/context';
import type { GraphHttp, GraphOutcome } from '../audit/graph/http';
import { TtlCache } from './cache';
import type { DirectoryLookup, Lookup } from './lookup';
import { known } from './lookup';

/** The Graph application permissions each lookup needs; a 403 names them. */
export const DIRECTORY_PERMISSIONS = { apps: 'Application.Read.All', groups: 'Group.Read.All' } as const;

export interface GraphDirectorySettings {
  /** The Graph root, the audit client's own (GRAPH_BASE_URL). */
  readonly baseUrl: string;
  /** How long an answer is kept; "not found" and failures are kept a shorter while. */
  readonly ttlMs: number;
  readonly now: () => number;
  /** Told once per failure that asking Graph did not work (for the log; never with tokens). */
  readonly onProblem?: (what: string, message: string) => void;
}

export const DEFAULT_DIRECTORY_TTL_MS = 6 * 3600_000;
/** A failure or a miss is asked again sooner: a consent granted or an app registered shows up within minutes. */
const SHORT_TTL_MS = 10 * 60_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An OData string literal: single quotes doubled. */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** One kind of directory question: where to ask and how to read the answer (null: not the documented shape). */
interface DirectoryQuery<T> {
  readonly what: string;
  path(key: string): string;
  read(json: unknown): { readonly found: T | null } | null;
}

function firstOfValue(json: unknown): { readonly first: Record<string, unknown> | null } | null {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { value?: unknown }).value)) return null;
  const [first] = (json as { value: unknown[] }).value;
  return { first: typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : null };
}

const SERVICE_PRINCIPAL_NAME: DirectoryQuery<string> = {
  what: `the app name (${DIRECTORY_PERMISSIONS.apps})`,
  path: (appId) => `/servicePrincipals?$filter=${encodeURIComponent(`appId eq ${odataString(appId)}`)}&$select=appId,displayName`,
  read(json) {
    const page = firstOfValue(json);
    if (page === null) return null;
    const name = page.first?.displayName;
    return { found: typeof name === 'string' && name.trim() !== '' ? name.trim() : null };
  },
};

const GROUP_MAILBOX: DirectoryQuery<MailboxKind> = {
  what: `the mailbox kind (${DIRECTORY_PERMISSIONS.groups})`,
  path: (address) => `/groups?$filter=${encodeURIComponent(`mail eq ${odataString(address)}`)}&$select=id,mail,groupTypes`,
  read(json) {
    const page = firstOfValue(json);
    if (page === null) return null;
    return { found: page.first === null ? null : 'group' };
  },
};

/**
 * The directory through Microsoft Graph, with the audit client's credentials, base URL and retries
 * (GraphHttp), each answer cached for `ttlMs`.
 */
export class GraphDirectory implements DirectoryLookup {
  private readonly apps: TtlCache<Lookup<string>>;
  private readonly mailboxes: TtlCache<Lookup<MailboxKind>>;

  constructor(
    private readonly http: Pick<GraphHttp, 'send'>,
    private readonly settings: GraphDirectorySettings,
  ) {
    this.apps = new TtlCache(settings.ttlMs, settings.now);
    this.mailboxes = new TtlCache(settings.ttlMs, settings.now);
  }

  appName(appId: string): Promise<Lookup<string>> {
    const key = appId.trim().toLowerCase();
    if (!GUID.test(key)) return Promise.resolve({ kind: 'unknown', why: 'not-found' });
    return this.ask(this.apps, SERVICE_PRINCIPAL_NAME, key);
  }

  mailboxKind(address: string): Promise<Lookup<MailboxKind>> {
    const key = address.trim().toLowerCase();
    if (!key.includes('@')) return Promise.resolve({ kind: 'unknown', why: 'not-found' });
    return this.ask(this.mailboxes, GROUP_MAILBOX, key);
  }

  private async ask<T>(cache: TtlCache<Lookup<T>>, query: DirectoryQuery<T>, key: string): Promise<Lookup<T>> {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const outcome: GraphOutcome<{ readonly found: T | null }> = await this.http.send({
      method: 'GET',
      url: `${this.settings.baseUrl.replace(/\/+$/, '')}${query.path(key)}`,
      purpose: `look up ${query.what}`,
      parse: (json) => query.read(json),
    });
    if (!outcome.ok) {
      // GraphHttp words a 403 for the audit permission; here the permission is the one `what` names.
      const message = outcome.problem.code === 'forbidden' ? 'Graph refused (403 Forbidden): the permission needs admin consent' : outcome.problem.message;
      this.settings.onProblem?.(query.what, message);
      const unavailable: Lookup<T> = { kind: 'unknown', why: 'unavailable' };
      cache.set(key, unavailable, SHORT_TTL_MS);
      return unavailable;
    }
    const answer: Lookup<T> = outcome.value.found === null ? { kind: 'unknown', why: 'not-found' } : known(outcome.value.found);
    cache.set(key, answer, answer.kind === 'known' ? this.settings.ttlMs : SHORT_TTL_MS);
    return answer;
  }
}
