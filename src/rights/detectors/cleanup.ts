import type { RightsAnomaly, RightsDetector } from '../anomaly';
import { HOUR_MS, grantsInWindow, rightsAnomalyKey, usesAfter } from '../anomaly';

const SEVERITY = { default: 'high' } as const;

/**
 * Granted, used and removed within a day: the clean-up pattern of someone covering their tracks (the
 * right is gone by the time anyone looks at today's permissions, only the records show it).
 *
 * Facts: `right`, `grantedBy`, `removedBy`, `grantedAt`, `removedAt`, `uses`.
 * Key: kind | trustee | mailbox | grant time | right.
 */
export const cleanup: RightsDetector = {
  id: 'Rights.Grant.UsedAndRemoved',
  kind: 'right-cleanup',
  description: 'A right granted, used and removed again within a day.',
  severity: SEVERITY,
  settings: ['cleanupWithinHours', 'evidenceLimit'],
  facts: ['right', 'grantedBy', 'removedBy', 'grantedAt', 'removedAt', 'uses'],
  detect(input, settings) {
    const out: RightsAnomaly[] = [];
    for (const grant of grantsInWindow(input)) {
      const { change, trustee } = grant;
      const limit = new Date(Date.parse(change.time) + settings.cleanupWithinHours * HOUR_MS).toISOString();
      const removal = input.changes
        .filter((c) => c.succeeded && c.right === change.right && c.mailbox.key === change.mailbox.key && c.time > change.time && c.time <= limit)
        .find((c) => c.removed.some((t) => t.key === trustee) || (c.replaces && !c.added.some((t) => t.key === trustee)));
      if (removal === undefined) continue;
      const uses = usesAfter(input, grant).filter((u) => u.time < removal.time);
      if (uses.length === 0) continue;
      out.push({
        key: rightsAnomalyKey('right-cleanup', trustee, change.mailbox.key, change.time, change.right),
        kind: 'right-cleanup',
        severity: SEVERITY.default,
        at: removal.time,
        actor: trustee,
        mailbox: change.mailbox.key,
        evidence: [change.id, removal.id, ...uses.map((u) => u.id)].slice(0, settings.evidenceLimit),
        facts: { right: change.right, grantedBy: change.grantedBy, removedBy: removal.grantedBy, grantedAt: change.time, removedAt: removal.time, uses: uses.length },
      });
    }
    return out;
  },
};
