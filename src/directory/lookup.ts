import type { MailboxKind } from '../classify/context';

/** Why the directory could not say: none is configured, it has no such object, or asking failed. */
export type UnknownWhy = 'no-directory' | 'not-found' | 'unavailable';

export type Lookup<T> = { readonly kind: 'known'; readonly value: T } | { readonly kind: 'unknown'; readonly why: UnknownWhy };

/**
 * Names for apps and kinds for mailboxes. Graph answers them when it is configured (graph.ts); without
 * it every answer is "unknown: no directory", and cards show the id and say the name is unknown.
 * A later lookup (users: job title, department, enabled, guest; mailboxSettings.userPurpose) joins as
 * another method backed by another DirectoryQuery in graph.ts.
 */
export interface DirectoryLookup {
  /** The service principal's display name for an app id (AppId, AppAccessContext.ClientAppId). */
  appName(appId: string): Promise<Lookup<string>>;
  /** `group` for a Microsoft 365 group's address; otherwise the mailbox's purpose (person, shared, resource), or unknown. */
  mailboxKind(address: string): Promise<Lookup<MailboxKind>>;
}

const NONE = { kind: 'unknown', why: 'no-directory' } as const;

export const NO_DIRECTORY: DirectoryLookup = {
  appName: () => Promise.resolve(NONE),
  mailboxKind: () => Promise.resolve(NONE),
};

export function known<T>(value: T): Lookup<T> {
  return { kind: 'known', value };
}
