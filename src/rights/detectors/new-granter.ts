import type { RightsAnomaly, RightsDetector } from '../anomaly';
import { DAY_MS, grantsInWindow, rightsAnomalyKey } from '../anomaly';

const SEVERITY = { default: 'medium' } as const;

/**
 * A right granted by someone with no earlier successful grant in the retained admin records: a new
 * admin, or an account that just gained admin rights. Quiet until the records reach back
 * minimumHistoryDays before the grant, since early on everyone is new. One anomaly per granter and grant record.
 *
 * Facts: `right`, `trustee`, `grantedAt`, `historyDays`.
 * Key: kind | granter | mailbox | grant time | right.
 */
export const newGranter: RightsDetector = {
  id: 'Rights.Grant.NewGranter',
  kind: 'right-new-granter',
  description: 'A right granted by someone who has not granted rights before.',
  severity: SEVERITY,
  settings: ['minimumHistoryDays', 'evidenceLimit'],
  facts: ['right', 'trustee', 'grantedAt', 'historyDays'],
  detect(input, settings) {
    const out: RightsAnomaly[] = [];
    const reported = new Set<string>();
    for (const { change, trustee } of grantsInWindow(input)) {
      if (reported.has(change.id) || change.grantedBy === '') continue;
      const historyDays = Math.floor((Date.parse(change.time) - Date.parse(input.historyStart)) / DAY_MS);
      if (historyDays < settings.minimumHistoryDays) continue;
      const grantedBefore = input.changes.some((c) => c.succeeded && c.grantedBy === change.grantedBy && c.time < change.time && c.added.length > 0);
      if (grantedBefore) continue;
      reported.add(change.id);
      out.push({
        key: rightsAnomalyKey('right-new-granter', change.grantedBy, change.mailbox.key, change.time, change.right),
        kind: 'right-new-granter',
        severity: SEVERITY.default,
        at: change.time,
        actor: change.grantedBy,
        mailbox: change.mailbox.key,
        evidence: [change.id],
        facts: { right: change.right, trustee, grantedAt: change.time, historyDays },
      });
    }
    return out;
  },
};
