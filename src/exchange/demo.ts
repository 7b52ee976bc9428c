import { buildDemoTenant } from '../audit/demo/tenant';
import { StaticAuditSettings } from './lookup';
import type { MailboxAuditSettings } from './settings';

/** Exchange Online's default delegate and admin actions (Audit Standard). */
const DEFAULT_DELEGATE = ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'SendAs', 'SendOnBehalf', 'Create', 'UpdateFolderPermissions', 'UpdateInboxRules', 'ApplyRecord'];
const DEFAULT_ADMIN = [...DEFAULT_DELEGATE, 'UpdateCalendarDelegation'];

/** The shared mailbox whose delegate audit set was customised without SendAs (payroll@ in a tenant of 100 or more). */
const CUSTOMISED_INDEX = 4;

/**
 * The demo tenant's audit settings, as the Admin API would report them: its shared mailboxes on the
 * defaults, except one whose AuditDelegate was customised and lost SendAs, so `npm start` shows the
 * warning on every answer about it and "audit health" lists it.
 */
export function demoAuditSettings(users: number, seed: string, checkedAt: string): StaticAuditSettings {
  const { sharedMailboxes } = buildDemoTenant(users, seed);
  const customised = sharedMailboxes[Math.min(CUSTOMISED_INDEX, sharedMailboxes.length - 1)];
  const mailboxes: MailboxAuditSettings[] = sharedMailboxes.map((mailbox) => ({
    mailbox,
    recipientType: 'SharedMailbox',
    auditEnabled: true,
    delegateActions: mailbox === customised ? DEFAULT_DELEGATE.filter((a) => a !== 'SendAs') : DEFAULT_DELEGATE,
    adminActions: DEFAULT_ADMIN,
    defaultAuditSet: mailbox === customised ? ['Admin', 'Owner'] : ['Admin', 'Delegate', 'Owner'],
    region: null,
  }));
  return new StaticAuditSettings(mailboxes, { auditDisabled: false, multiGeo: false }, checkedAt);
}
