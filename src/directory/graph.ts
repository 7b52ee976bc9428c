import type { MailboxKind } from '../classify/context';
import type { GraphHttp, GraphOutcome } from '../audit/graph/http';
import { TtlCache } from './cache';
import type { DirectoryLookup, Lookup, Person } from './lookup';
import { known } from './lookup';

/** The Graph application permissions each lookup needs; a 403 names them. */
export const DIRECTORY_PERMISSIONS = { apps: 'Application.Read.All', groups: 'Group.Read.All', mailboxSettings: 'MailboxSettings.Read', users: 'User.Read.All' } as const;

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
 * Exchange's word for a user's mailbox (mailboxSettings.userPurpose). A linked mailbox is a person's in
 * another forest; `others` and values added later say nothing we can use.
 */
const PURPOSE_KINDS: Readonly<Record<string, MailboxKind>> = { user: 'person', linked: 'person', shared: 'shared', room: 'resource', equipment: 'resource' };

const MAILBOX_PURPOSE: DirectoryQuery<MailboxKind> = {
  what: `the mailbox kind (${DIRECTORY_PERMISSIONS.mailboxSettings})`,
  path: (address) => `/users/${encodeURIComponent(address)}/mailboxSettings?$select=userPurpose`,
  read(json) {
    if (typeof json !== 'object' || json === null) return null;
    const purpose = (json as { userPurpose?: unknown }).userPurpose;
    return { found: typeof purpose === 'string' ? (PURPOSE_KINDS[purpose] ?? null) : null };
  },
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

const USER: DirectoryQuery<Person> = {
  what: `the person (${DIRECTORY_PERMISSIONS.users})`,
  path: (key) => `/users/${encodeURIComponent(key)}?$select=displayName,jobTitle,department,accountEnabled,userType`,
  read(json) {
    if (typeof json !== 'object' || json === null) return null;
    const user = json as Record<string, unknown>;
    const displayName = text(user.displayName);
    if (displayName === null) return { found: null };
    return {
      found: {
        displayName,
        jobTitle: text(user.jobTitle),
        department: text(user.department),
        accountEnabled: typeof user.accountEnabled === 'boolean' ? user.accountEnabled : null,
        guest: user.userType === 'Guest' ? true : user.userType === 'Member' ? false : null,
      },
    };
  },
};

/**
 * The directory through Microsoft Graph, with the audit client's credentials, base URL and retries
 * (GraphHttp), each answer cached for `ttlMs`.
 */
export class GraphDirectory implements DirectoryLookup {
  private readonly apps: TtlCache<Lookup<string>>;
  private readonly mailboxes: TtlCache<Lookup<MailboxKind>>;
  private readonly people: TtlCache<Lookup<Person>>;
  /** The permissions whose refusal has been reported already. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly http: Pick<GraphHttp, 'send'>,
    private readonly settings: GraphDirectorySettings,
  ) {
    this.apps = new TtlCache(settings.ttlMs, settings.now);
    this.mailboxes = new TtlCache(settings.ttlMs, settings.now);
    this.people = new TtlCache(settings.ttlMs, settings.now);
  }

  appName(appId: string): Promise<Lookup<string>> {
    const key = appId.trim().toLowerCase();
    if (!GUID.test(key)) return Promise.resolve({ kind: 'unknown', why: 'not-found' });
    return this.cached(this.apps, key, () => this.ask(SERVICE_PRINCIPAL_NAME, key));
  }

  /** A group's address first (groups have no mailboxSettings); any other address by its mailbox's purpose. */
  mailboxKind(address: string): Promise<Lookup<MailboxKind>> {
    const key = address.trim().toLowerCase();
    if (!key.includes('@')) return Promise.resolve({ kind: 'unknown', why: 'not-found' });
    return this.cached(this.mailboxes, key, async () => {
      const group = await this.ask(GROUP_MAILBOX, key);
      if (group.kind === 'known') return group;
      const purpose = await this.ask(MAILBOX_PURPOSE, key);
      if (purpose.kind === 'known' || group.why !== 'unavailable') return purpose;
      return group;
    });
  }

  /** By user principal name or object id; anything else (a service principal's UserId, a SID) is asked nothing. */
  personOf(address: string): Promise<Lookup<Person>> {
    const key = address.trim().toLowerCase();
    if (!key.includes('@') && !GUID.test(key)) return Promise.resolve({ kind: 'unknown', why: 'not-found' });
    return this.cached(this.people, key, () => this.ask(USER, key));
  }

  private async cached<T>(cache: TtlCache<Lookup<T>>, key: string, lookUp: () => Promise<Lookup<T>>): Promise<Lookup<T>> {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const answer = await lookUp();
    cache.set(key, answer, answer.kind === 'known' ? this.settings.ttlMs : SHORT_TTL_MS);
    return answer;
  }

  /** One question to Graph, uncached. A 404 is "not found" (no such user or no mailbox); other failures are "unavailable". */
  private async ask<T>(query: DirectoryQuery<T>, key: string): Promise<Lookup<T>> {
    const outcome: GraphOutcome<{ readonly found: T | null }> = await this.http.send({
      method: 'GET',
      url: `${this.settings.baseUrl.replace(/\/+$/, '')}${query.path(key)}`,
      purpose: `look up ${query.what}`,
      parse: (json) => query.read(json),
    });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') return { kind: 'unknown', why: 'not-found' };
      if (outcome.problem.code === 'forbidden') {
        // A missing consent refuses every address alike: said once per permission, not once per mailbox.
        if (!this.refused.has(query.what)) this.settings.onProblem?.(query.what, 'Graph refused (403 Forbidden): the permission needs admin consent');
        this.refused.add(query.what);
      } else {
        this.settings.onProblem?.(query.what, outcome.problem.message);
      }
      return { kind: 'unknown', why: 'unavailable' };
    }
    return outcome.value.found === null ? { kind: 'unknown', why: 'not-found' } : known(outcome.value.found);
  }
}
