import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import {
  anomalyKey,
  delegateGroups,
  evidenceOf,
  externalReason,
  familiesText,
  firstOf,
  groupBy,
  hasBaseline,
  identityOf,
  lastOf,
  operationsText,
  sumCounts,
} from '../detector';

const SEVERITY = { default: 'medium' } as const satisfies Record<string, Severity>;

/**
 * Someone sent as (or on behalf of) an identity they had not sent as in the whole baseline window:
 * a new grant being used, or a grant nobody knew about. External actors are left to
 * Detect.ExternalActor.OutsideTenant, which says more about them.
 *
 * Facts: `sends` (in the hunt window), `firstSendAt` and `lastSendAt` (ISO), `operations`
 * ("SendAs", "SendOnBehalf" or both, comma-separated), `clientFamilies` (most used first,
 * comma-separated), `otherIdentities` (how many identities the actor did send as in the baseline;
 * 0 means they never delegated before), `baselineDays`.
 * Key: kind | actor | identity | day of the first send in the hunt window.
 */
export const newDelegate: Detector = {
  id: 'Detect.NewDelegate.FirstSend',
  kind: 'new-delegate',
  description: 'An actor sends as or on behalf of an identity for the first time in the baseline window.',
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'evidenceLimit'],
  facts: ['sends', 'firstSendAt', 'lastSendAt', 'operations', 'clientFamilies', 'otherIdentities', 'baselineDays'],
  detect(input, settings) {
    if (!hasBaseline(input, settings)) return [];
    const internal = delegateGroups(input).filter((g) => externalReason(g, input.tenantDomains) === null);
    const out: Anomaly[] = [];
    for (const groups of groupBy(internal, (g) => `${g.actor}\u0000${identityOf(g)}`).values()) {
      const { actor } = groups[0];
      const identity = identityOf(groups[0]);
      const history = input.baseline.actors.get(actor);
      if (history?.sentAs.has(identity) === true) continue;
      const firstSendAt = firstOf(groups);
      out.push({
        key: anomalyKey('new-delegate', actor, identity, firstSendAt.slice(0, 10)),
        kind: 'new-delegate',
        severity: SEVERITY.default,
        at: lastOf(groups),
        actor,
        mailbox: identity,
        evidence: evidenceOf(groups, settings.evidenceLimit),
        facts: {
          sends: sumCounts(groups),
          firstSendAt,
          lastSendAt: lastOf(groups),
          operations: operationsText(groups),
          clientFamilies: familiesText(groups),
          otherIdentities: history?.sentAs.size ?? 0,
          baselineDays: input.baseline.days,
        },
      });
    }
    return out;
  },
};
