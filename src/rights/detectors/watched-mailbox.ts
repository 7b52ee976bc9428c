import type { RightsAnomaly, RightsDetector } from '../anomaly';
import { grantsInWindow, rightsAnomalyKey } from '../anomaly';

const SEVERITY = { default: 'high' } as const;

/**
 * Any right granted on a mailbox on the watchlist (SENDAS_WATCHLIST). The mailbox is matched by its key:
 * an address, or an alias the directory from the mailbox export resolved to one.
 *
 * Facts: `right`, `grantedBy`, `grantedAt`, `trustee`, `watched`.
 * Key: kind | trustee | mailbox | grant time | right.
 */
export const watchedMailboxGrant: RightsDetector = {
  id: 'Rights.Grant.WatchedMailbox',
  kind: 'right-on-watched-mailbox',
  description: 'A right granted on a mailbox on the watchlist.',
  severity: SEVERITY,
  settings: ['evidenceLimit'],
  facts: ['right', 'grantedBy', 'grantedAt', 'trustee', 'watched'],
  detect(input) {
    if (input.watchlist.length === 0) return [];
    const watched = new Set(input.watchlist);
    const out: RightsAnomaly[] = [];
    for (const { change, trustee } of grantsInWindow(input)) {
      if (!watched.has(change.mailbox.key)) continue;
      out.push({
        key: rightsAnomalyKey('right-on-watched-mailbox', trustee, change.mailbox.key, change.time, change.right),
        kind: 'right-on-watched-mailbox',
        severity: SEVERITY.default,
        at: change.time,
        actor: trustee,
        mailbox: change.mailbox.key,
        evidence: [change.id],
        facts: { right: change.right, grantedBy: change.grantedBy, grantedAt: change.time, trustee, watched: change.mailbox.key },
      });
    }
    return out;
  },
};
