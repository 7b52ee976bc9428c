import type { RightsAnomaly, RightsDetector } from '../anomaly';
import { MINUTE_MS, grantsInWindow, minutesBetween, rightsAnomalyKey, usesAfter } from '../anomaly';
import { isUseOf } from '../questions';

const SEVERITY = { default: 'high' } as const;

/**
 * A right granted and used within the hour by a trustee new to the mailbox: no right on it before
 * (granted earlier, or listed by the inventory) and no earlier send as or from it. Attackers who get admin rights grant themselves Send As
 * and use it at once; a colleague set up as a delegate usually starts later, or has sent from it before.
 *
 * Facts: `right`, `grantedBy`, `grantedAt`, `firstUseAt`, `minutesToUse`.
 * Key: kind | trustee | mailbox | grant time | right.
 */
export const usedAtOnce: RightsDetector = {
  id: 'Rights.Grant.UsedAtOnce',
  kind: 'right-used-at-once',
  description: 'A right granted and used within the hour by someone new to the mailbox.',
  severity: SEVERITY,
  settings: ['usedWithinMinutes', 'evidenceLimit'],
  facts: ['right', 'grantedBy', 'grantedAt', 'firstUseAt', 'minutesToUse'],
  detect(input, settings) {
    const out: RightsAnomaly[] = [];
    for (const grant of grantsInWindow(input)) {
      const { change, trustee } = grant;
      const mailbox = change.mailbox.key;
      // Any right on the mailbox before this grant (the inventory's included) means they are not new to it.
      const heldBefore = input.intervals.some((i) => i.mailbox.key === mailbox && i.trustee.key === trustee && (i.from === null || i.from < change.time));
      const usedBefore = input.uses.some((u) => u.actor === trustee && u.time < change.time && (isUseOf('SendAs', mailbox, u) || isUseOf('SendOnBehalf', mailbox, u) || isUseOf('FullAccess', mailbox, u)));
      if (heldBefore || usedBefore) continue;
      const limit = new Date(Date.parse(change.time) + settings.usedWithinMinutes * MINUTE_MS).toISOString();
      const uses = usesAfter(input, grant).filter((u) => u.time <= limit);
      if (uses.length === 0) continue;
      out.push({
        key: rightsAnomalyKey('right-used-at-once', trustee, mailbox, change.time, change.right),
        kind: 'right-used-at-once',
        severity: SEVERITY.default,
        at: uses[0].time,
        actor: trustee,
        mailbox,
        evidence: [change.id, ...uses.map((u) => u.id)].slice(0, settings.evidenceLimit),
        facts: { right: change.right, grantedBy: change.grantedBy, grantedAt: change.time, firstUseAt: uses[0].time, minutesToUse: minutesBetween(change.time, uses[0].time) },
      });
    }
    return out;
  },
};
