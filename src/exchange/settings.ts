/**
 * What Exchange records for a mailbox, from its audit settings (Get-Mailbox) and the organisation's
 * (Get-OrganizationConfig): whether a delegate's Send As and Send on Behalf there reach the audit log
 * at all. Pure: the Admin API client and the demo tenant both produce these shapes.
 */

/** One mailbox's audit settings, as Get-Mailbox reports them; null where the response left a field out. */
export interface MailboxAuditSettings {
  /** Lower-case primary SMTP address. */
  readonly mailbox: string;
  /** RecipientTypeDetails, e.g. UserMailbox, SharedMailbox. */
  readonly recipientType: string | null;
  /**
   * AuditEnabled. With auditing on by default (organisation AuditDisabled false) Exchange ignores it,
   * so it is shown, never judged by.
   */
  readonly auditEnabled: boolean | null;
  /** AuditDelegate: the actions recorded when a delegate acts (Send As, Send on Behalf among the defaults). */
  readonly delegateActions: readonly string[] | null;
  /** AuditAdmin: the actions recorded when an admin acts. */
  readonly adminActions: readonly string[] | null;
  /** DefaultAuditSet: the logon types whose actions are Microsoft's defaults (Admin, Delegate, Owner). */
  readonly defaultAuditSet: readonly string[] | null;
  /** MailboxRegion: the mailbox's geo in a multi-geo tenant; null elsewhere. */
  readonly region: string | null;
}

export interface OrganizationAuditSettings {
  /** AuditDisabled: true turns mailbox auditing off for every mailbox. */
  readonly auditDisabled: boolean | null;
  /** Whether the tenant spans several geos (AllowedMailboxRegions); null when the response does not say. */
  readonly multiGeo: boolean | null;
}

export type DelegateOperation = 'SendAs' | 'SendOnBehalf';

/** Whether a delegate's sends of one kind are recorded on a mailbox, and if not, why. */
export type Recording =
  | { readonly recorded: true }
  | { readonly recorded: false; readonly why: 'organization-audit-disabled' | 'not-in-delegate-actions' }
  | { readonly recorded: null };

/** Microsoft's default delegate actions include both sends: a mailbox on the defaults records them. */
const DEFAULT_DELEGATE_ACTIONS: readonly DelegateOperation[] = ['SendAs', 'SendOnBehalf'];

/**
 * Whether a delegate's `operation` on the mailbox is audited: not when the organisation has auditing
 * off, not when the mailbox's delegate actions leave it out; yes when they include it (or the mailbox
 * uses the default delegate set); unknown when the settings do not say.
 */
export function delegateRecording(operation: DelegateOperation, mailbox: MailboxAuditSettings, organization: OrganizationAuditSettings | null): Recording {
  if (organization?.auditDisabled === true) return { recorded: false, why: 'organization-audit-disabled' };
  const actions = mailbox.delegateActions;
  if (actions !== null) {
    return actions.some((a) => a.toLowerCase() === operation.toLowerCase()) ? { recorded: true } : { recorded: false, why: 'not-in-delegate-actions' };
  }
  const usesDefaults = mailbox.defaultAuditSet?.some((set) => set.toLowerCase() === 'delegate') === true;
  return usesDefaults && DEFAULT_DELEGATE_ACTIONS.includes(operation) ? { recorded: true } : { recorded: null };
}

/** The delegate sends a mailbox does not record: empty when both are audited or it cannot be told. */
export function unrecordedDelegateSends(mailbox: MailboxAuditSettings, organization: OrganizationAuditSettings | null): DelegateOperation[] {
  return DEFAULT_DELEGATE_ACTIONS.filter((operation) => delegateRecording(operation, mailbox, organization).recorded === false);
}

/** What is known about one mailbox's audit settings when an answer needs them. */
export type MailboxAuditView =
  /** No Admin API configured: nobody looked. */
  | { readonly status: 'not-checked'; readonly mailbox: string }
  /** The API was asked and did not answer usably. */
  | { readonly status: 'unreadable'; readonly mailbox: string; readonly problem: string }
  /** The API does not know the address as a mailbox (a group, a contact, a typo). */
  | { readonly status: 'no-mailbox'; readonly mailbox: string }
  | {
      readonly status: 'checked';
      readonly mailbox: string;
      readonly settings: MailboxAuditSettings;
      readonly organization: OrganizationAuditSettings | null;
      /** When the settings were read, ISO UTC. */
      readonly checkedAt: string;
    };

/**
 * Mailbox audit settings for the domain core: answers take it as an argument. Implementations cache;
 * `view` never throws.
 */
export interface AuditSettingsLookup {
  /** False when nothing can read settings (no Admin API, no demo facts): every view is `not-checked`. */
  readonly configured: boolean;
  /** The settings of one mailbox (lower-case address), read now or from the cache. */
  view(mailbox: string): Promise<MailboxAuditView>;
  /** The mailboxes already checked (watched or asked about), for "audit health". */
  known(): Promise<readonly MailboxAuditView[]>;
}
