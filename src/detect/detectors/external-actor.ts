import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, domainOfAddress, evidenceOf, externalReason, firstOf, groupBy, identityOf, lastOf, operationsText, outsideDomains, sumCounts } from '../detector';

const SEVERITY = { newPair: 'high', knownPair: 'medium' } as const satisfies Record<string, Severity>;

/**
 * A delegate (or unclassifiable) send by an actor outside the tenant's domains, or with
 * ExternalAccess true. High the first time in the baseline for that actor and identity; medium when
 * the pair was already seen there (it is still worth a daily look, not a page).
 *
 * Facts: `reason` ("outside-domains", "external-access" or "outside-domains-and-external-access"),
 * `actorDomain` (empty when the actor is not an address), `sends` (that day), `firstSendAt` (ISO),
 * `baselineSends` (the pair's sends in the baseline; 0 = new), `day` (YYYY-MM-DD, UTC).
 * Key: kind | actor | identity | day.
 */
export const externalActor: Detector = {
  id: 'Detect.ExternalActor.OutsideTenant',
  kind: 'external-actor',
  description: 'An actor outside the tenant, or with ExternalAccess true, sends as or on behalf of a mailbox.',
  severity: SEVERITY,
  settings: ['evidenceLimit', 'tenantDomains'],
  facts: ['reason', 'actorDomain', 'sends', 'firstSendAt', 'baselineSends', 'day', 'operations'],
  detect(input, settings) {
    const external = input.recent.filter(
      (g) => (g.category === 'delegate' || g.category === 'unknown') && externalReason(g, input.tenantDomains) !== null,
    );
    const out: Anomaly[] = [];
    for (const groups of groupBy(external, (g) => `${g.day}\u0000${g.actor}\u0000${identityOf(g)}`).values()) {
      const { actor, day } = groups[0];
      const identity = identityOf(groups[0]);
      const outside = outsideDomains(actor, input.tenantDomains);
      const access = groups.some((g) => g.externalAccess === true);
      const reason = outside && access ? 'outside-domains-and-external-access' : outside ? 'outside-domains' : 'external-access';
      const baselineSends = input.baseline.actors.get(actor)?.sentAs.get(identity) ?? 0;
      out.push({
        key: anomalyKey('external-actor', actor, identity, day),
        kind: 'external-actor',
        severity: baselineSends === 0 ? SEVERITY.newPair : SEVERITY.knownPair,
        at: lastOf(groups),
        actor,
        mailbox: identity,
        evidence: evidenceOf(groups, settings.evidenceLimit),
        facts: {
          reason,
          actorDomain: domainOfAddress(actor) ?? '',
          sends: sumCounts(groups),
          firstSendAt: firstOf(groups),
          baselineSends,
          day,
          operations: operationsText(groups),
        },
      });
    }
    return out;
  },
};
