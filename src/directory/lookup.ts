import type { MailboxKind } from '../classify/context';

/**
 * Why the directory could not say: none is configured, it has no such object, asking failed (or took
 * too long), or the answer already asked about as many as one answer may (directory/people.ts).
 */
export type UnknownWhy = 'no-directory' | 'not-found' | 'unavailable' | 'not-asked';

/** A person as the directory has them (Graph user: displayName, jobTitle, department, accountEnabled, userType). */
export interface Person {
  readonly displayName: string;
  readonly jobTitle: string | null;
  readonly department: string | null;
  /** null when Graph did not say. */
  readonly accountEnabled: boolean | null;
  readonly guest: boolean | null;
}

export type Lookup<T> = { readonly kind: 'known'; readonly value: T } | { readonly kind: 'unknown'; readonly why: UnknownWhy };

/**
 * Names for apps and kinds for mailboxes. Graph answers them when it is configured (graph.ts); without
 * it every answer is "unknown: no directory", and cards show the id and say the name is unknown.
 * Each method is backed by a DirectoryQuery in graph.ts.
 */
export interface DirectoryLookup {
  /** The service principal's display name for an app id (AppId, AppAccessContext.ClientAppId). */
  appName(appId: string): Promise<Lookup<string>>;
  /** `group` for a Microsoft 365 group's address; otherwise the mailbox's purpose (person, shared, resource), or unknown. */
  mailboxKind(address: string): Promise<Lookup<MailboxKind>>;
  /** The user an address (user principal name) or object id belongs to. */
  personOf(address: string): Promise<Lookup<Person>>;
}

const NONE = { kind: 'unknown', why: 'no-directory' } as const;

export const NO_DIRECTORY: DirectoryLookup = {
  appName: () => Promise.resolve(NONE),
  mailboxKind: () => Promise.resolve(NONE),
  personOf: () => Promise.resolve(NONE),
};

export function known<T>(value: T): Lookup<T> {
  return { kind: 'known', value };
}
