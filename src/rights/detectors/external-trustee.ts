import type { RightsAnomaly, RightsDetector } from '../anomaly';
import { grantsInWindow, rightsAnomalyKey } from '../anomaly';
import { isExternal } from '../identity';

const SEVERITY = { default: 'high' } as const;

/**
 * A right granted to a guest (`#EXT#`) or to an address in none of the tenant's domains: someone
 * outside the organisation can now send as, or open, one of its mailboxes.
 *
 * Facts: `right`, `grantedBy`, `grantedAt`, `trustee`, `reason` (`guest` or `outside-domains`).
 * Key: kind | trustee | mailbox | grant time | right.
 */
export const externalTrustee: RightsDetector = {
  id: 'Rights.Grant.ExternalTrustee',
  kind: 'right-external-trustee',
  description: 'A right granted to a guest or an address outside the tenant’s domains.',
  severity: SEVERITY,
  settings: ['evidenceLimit'],
  facts: ['right', 'grantedBy', 'grantedAt', 'trustee', 'reason'],
  detect(input) {
    const out: RightsAnomaly[] = [];
    for (const { change, trustee } of grantsInWindow(input)) {
      if (!isExternal(trustee, input.tenantDomains)) continue;
      out.push({
        key: rightsAnomalyKey('right-external-trustee', trustee, change.mailbox.key, change.time, change.right),
        kind: 'right-external-trustee',
        severity: SEVERITY.default,
        at: change.time,
        actor: trustee,
        mailbox: change.mailbox.key,
        evidence: [change.id],
        facts: { right: change.right, grantedBy: change.grantedBy, grantedAt: change.time, trustee, reason: trustee.includes('#ext#') ? 'guest' : 'outside-domains' },
      });
    }
    return out;
  },
};
