/**
 * The three rights that let one person's mail go out as, or from, another mailbox.
 *
 * Exchange semantics (Microsoft Learn, "Manage permissions for recipients in Exchange Online",
 * https://learn.microsoft.com/exchange/recipients-in-exchange-online/manage-permissions-for-recipients):
 * - Send As lets the delegate send as the mailbox (the SendAs audit operation);
 * - Send on Behalf (GrantSendOnBehalfTo) lets the delegate send on behalf of it (SendOnBehalf);
 * - Full Access lets the delegate open the mailbox and read it, but "doesn't allow the delegate to
 *   send email from the mailbox": to send, Send As or Send on Behalf is needed as well.
 * Get-EXORecipientPermission's page says the same of Send As from the other side: messages the delegate
 * sends from the mailbox "appear to be sent by the mailbox owner", and it does not let them sign in to it
 * (https://learn.microsoft.com/powershell/module/exchange/get-exorecipientpermission).
 */
export const RIGHTS = ['SendAs', 'SendOnBehalf', 'FullAccess'] as const;
export type Right = (typeof RIGHTS)[number];

/**
 * A mailbox or a trustee as an admin wrote it (`Finance`, `finance@contoso.com`, a DN, a display name)
 * and the key it is compared by. Exchange accepts any of these for the same recipient, so the key is
 * only the written form lower-cased unless a directory (from the mailbox export) maps it to an address.
 */
export interface Identity {
  readonly text: string;
  readonly key: string;
}

/** Maps any name of a recipient (alias, display name, UPN, DN, address) to its one canonical key. */
export type Directory = ReadonlyMap<string, string>;

export const EMPTY_DIRECTORY: Directory = new Map();

export function identityOf(text: string, directory: Directory = EMPTY_DIRECTORY): Identity {
  const written = text.trim();
  const lower = written.toLowerCase();
  return { text: written, key: directory.get(lower) ?? lower };
}

/**
 * A directory from the names each mailbox is known by (the columns of `Get-EXOMailbox | Export-Csv`):
 * every name maps to the first address given. A name two mailboxes share is left out rather than guessed.
 */
export function buildDirectory(mailboxes: readonly { readonly address: string; readonly names: readonly string[] }[]): Directory {
  const out = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const { address, names } of mailboxes) {
    const key = address.trim().toLowerCase();
    for (const name of [address, ...names]) {
      const lower = name.trim().toLowerCase();
      if (lower === '' || ambiguous.has(lower)) continue;
      const known = out.get(lower);
      if (known === undefined) out.set(lower, key);
      else if (known !== key) {
        out.delete(lower);
        ambiguous.add(lower);
      }
    }
  }
  return out;
}

/** Domain of an address-shaped key, or null (aliases, display names and SIDs have none). */
export function domainOf(key: string): string | null {
  const at = key.lastIndexOf('@');
  return at < 0 || at === key.length - 1 ? null : key.slice(at + 1);
}

/**
 * Whether a trustee is outside the tenant: an address in none of its domains, or a guest
 * (`#EXT#` in the UPN, as Entra ID writes guests' names).
 */
export function isExternal(key: string, tenantDomains: readonly string[]): boolean {
  if (key.includes('#ext#')) return true;
  const domain = domainOf(key);
  return domain !== null && tenantDomains.length > 0 && !tenantDomains.includes(domain);
}
