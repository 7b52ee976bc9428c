import type { RightsDetectionInput } from '../anomaly';
import type { Right } from '../identity';
import { identityOf } from '../identity';
import { buildIntervals } from '../model';
import type { RightsUse } from '../questions';
import type { RightsChange, RightsCmdlet } from '../record';

/** Builders shared by the rights detectors' cases and the rights tests. */
const CMDLET: Readonly<Record<Right, readonly [RightsCmdlet, RightsCmdlet]>> = {
  SendAs: ['Add-RecipientPermission', 'Remove-RecipientPermission'],
  FullAccess: ['Add-MailboxPermission', 'Remove-MailboxPermission'],
  SendOnBehalf: ['Set-Mailbox', 'Set-Mailbox'],
};

/** A grant as the normaliser makes it; `id` names it so cases can expect it as evidence. */
export function grant(id: string, time: string, mailbox: string, trustee: string, right: Right = 'SendAs', overrides: Partial<RightsChange> = {}): RightsChange {
  return {
    id,
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

export function removal(id: string, time: string, mailbox: string, trustee: string, right: Right = 'SendAs', overrides: Partial<RightsChange> = {}): RightsChange {
  return grant(id, time, mailbox, trustee, right, { cmdlet: CMDLET[right][1], added: [], removed: [identityOf(trustee)], ...overrides });
}

/** A delegate send; `mailbox` (where it was submitted from) defaults to the actor's own. */
export function use(id: string, time: string, actor: string, sentAs: string, operation: 'SendAs' | 'SendOnBehalf' = 'SendAs', mailbox: string | null = actor): RightsUse {
  return { id, time, operation, actor, mailbox, sentAs };
}

/** A day's hunt window (2026-11-19, UTC) with 60 days of admin records behind it; intervals from the changes unless given. */
export function rightsInput(overrides: Partial<RightsDetectionInput> = {}): RightsDetectionInput {
  const changes = overrides.changes ?? [];
  return {
    now: '2026-11-20T00:00:00.000Z',
    window: { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
    changes,
    intervals: buildIntervals(null, changes),
    uses: [],
    historyStart: '2026-09-20T00:00:00.000Z',
    tenantDomains: ['contoso.com'],
    watchlist: [],
    ...overrides,
  };
}
