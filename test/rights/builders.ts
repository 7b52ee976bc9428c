import type { Right } from '../../src/rights/identity';
import { identityOf } from '../../src/rights/identity';
import type { RightsChange, RightsCmdlet } from '../../src/rights/record';
import type { RightsUse } from '../../src/rights/questions';

const CMDLET: Readonly<Record<Right, readonly [RightsCmdlet, RightsCmdlet]>> = {
  SendAs: ['Add-RecipientPermission', 'Remove-RecipientPermission'],
  FullAccess: ['Add-MailboxPermission', 'Remove-MailboxPermission'],
  SendOnBehalf: ['Set-Mailbox', 'Set-Mailbox'],
};

let serial = 0;

/** A rights change as the normaliser makes it; fields left out take plausible values. */
export function grant(time: string, mailbox: string, trustee: string, right: Right = 'SendAs', overrides: Partial<RightsChange> = {}): RightsChange {
  serial += 1;
  return {
    id: `grant-${serial}`,
    time,
    cmdlet: CMDLET[right][0],
    right,
    mailbox: identityOf(mailbox),
    added: [identityOf(trustee)],
    removed: [],
    replaces: false,
    removedUnnamed: false,
    grantedBy: 'admin@contoso.com',
    clientIp: '192.0.2.10',
    appId: null,
    clientAppId: null,
    succeeded: true,
    ...overrides,
  };
}

export function removal(time: string, mailbox: string, trustee: string, right: Right = 'SendAs', overrides: Partial<RightsChange> = {}): RightsChange {
  return grant(time, mailbox, trustee, right, { id: `removal-${(serial += 1)}`, cmdlet: CMDLET[right][1], added: [], removed: [identityOf(trustee)], ...overrides });
}

export function use(time: string, actor: string, sentAs: string, operation: 'SendAs' | 'SendOnBehalf' = 'SendAs', mailbox: string | null = actor): RightsUse {
  serial += 1;
  return { id: `use-${serial}`, time, operation, actor, mailbox, sentAs };
}
