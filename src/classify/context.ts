/**
 * Facts about a record that the record itself does not hold, worked out by the caller (the directory,
 * the store's history) and handed to the classifier, which stays pure.
 */

/** What kind of mailbox an address is, as far as anyone knows; `resource` is a room's or equipment's. */
export const MAILBOX_KINDS = ['group', 'person', 'shared', 'resource', 'unknown'] as const;
export type MailboxKind = (typeof MAILBOX_KINDS)[number];

export interface ClassifyContext {
  /** The kind of the mailbox written into or sent as (Graph: a Microsoft 365 group, a user, a shared mailbox). */
  readonly mailboxKind?: MailboxKind;
  /** Connector events recorded for this mailbox before this one: its own history of being a connector target. */
  readonly connectorHistory?: number;
  /** The tenant's own domains, lower-case: recipients and actors elsewhere are external. */
  readonly tenantDomains?: readonly string[];
}

export const NO_CONTEXT: ClassifyContext = {};

/**
 * Where the last `@` is, or -1: lastIndexOf, read from the end by hand, since String.prototype.lastIndexOf
 * is a runtime call in V8, which the classifier paid for every recipient of every record.
 */
function lastAtSign(address: string): number {
  let i = address.length - 1;
  while (i >= 0 && address.charCodeAt(i) !== 0x40) i -= 1;
  return i;
}

/** The domain of an address, lower-case, or null for what is not an address. */
export function domainOf(address: string): string | null {
  const at = lastAtSign(address);
  return at < 0 || at === address.length - 1 ? null : address.slice(at + 1).toLowerCase();
}

/** Whether an address belongs to none of the tenant's domains (compared case-insensitively); unknown (false) without domains to judge by. */
export function isOutsideTenant(address: string, tenantDomains: readonly string[] | undefined): boolean {
  const domain = domainOf(address);
  return domain !== null && tenantDomains !== undefined && tenantDomains.length > 0 && !tenantDomains.includes(domain);
}

/** Recipients split into the tenant's own and external ones. */
export interface RecipientSplit {
  readonly internal: number;
  readonly external: number;
  readonly externalAddresses: readonly string[];
}

export function splitRecipients(list: readonly string[], tenantDomains: readonly string[] | undefined): RecipientSplit {
  const externalAddresses = list.filter((a) => isOutsideTenant(a, tenantDomains));
  return { internal: list.length - externalAddresses.length, external: externalAddresses.length, externalAddresses };
}

/**
 * How many addresses are outside the tenant: `splitRecipients` without building lists, for the classifier,
 * which runs for every record. Lower-case addresses (nearly all) are compared without copying.
 */
export function countExternal(list: readonly string[], tenantDomains: readonly string[]): number {
  let external = 0;
  for (const a of list) {
    const at = lastAtSign(a);
    if (at < 0 || at === a.length - 1) continue;
    let inside = false;
    for (const d of tenantDomains) {
      if (a.length - at - 1 === d.length && (a.endsWith(d) || a.slice(at + 1).toLowerCase() === d)) {
        inside = true;
        break;
      }
    }
    if (!inside) external += 1;
  }
  return external;
}
