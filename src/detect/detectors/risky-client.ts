import type { ClientFamily } from '../../classify/clients';
import { clientFamily } from '../../classify/clients';
import type { ActivityGroup } from '../../store/store';
import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, delegateGroups, evidenceOf, firstOf, groupBy, hasBaseline, identityOf, lastOf, operationsText, sumCounts } from '../detector';

const SEVERITY = { powershell: 'high', thirdPartyEws: 'medium', newClient: 'low' } as const satisfies Record<string, Severity>;

/** Microsoft's own EWS clients (Outlook for Mac); any other agent over EWS is a third-party client. */
const FIRST_PARTY_EWS = /Microsoft Office|MacOutlook|Microsoft Outlook/i;

/** Longest client string kept in facts: ClientInfoString is attacker-influenced free text. */
const CLIENT_TEXT_LIMIT = 200;

type Risk = keyof typeof SEVERITY;

function riskOf(family: ClientFamily, client: string | null): Risk {
  if (family === 'powershell') return 'powershell';
  if (family === 'ews' && !FIRST_PARTY_EWS.test(client ?? '')) return 'thirdPartyEws';
  return 'newClient';
}

/**
 * A delegate send from a client family the actor had not used in the baseline (any of their own
 * sends counts as use). Exchange PowerShell (high) and third-party EWS clients such as eM Client
 * (medium) are raised whenever they are new for the actor; any other new client family (low) only
 * on an identity the actor already sent as, since a new identity is Detect.NewDelegate's. A risky
 * client the actor used throughout the baseline is their habit, not an anomaly.
 *
 * Facts: `client` (the ClientInfoString, at most 200 characters), `clientFamily`, `reason`
 * ("risky-client" or "new-client"), `sends` (that day), `firstSendAt` (ISO), `usualFamilies` (the
 * families of the baseline, comma-separated; empty when none), `day` (YYYY-MM-DD, UTC).
 * Key: kind | actor | identity | day | client family.
 */
export const riskyClient: Detector = {
  id: 'Detect.RiskyClient.UnusualClient',
  kind: 'risky-client',
  description: 'A delegate sends through Exchange PowerShell, a third-party EWS client, or a client family new for them.',
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'evidenceLimit'],
  facts: ['client', 'clientFamily', 'reason', 'sends', 'firstSendAt', 'usualFamilies', 'day', 'operations'],
  detect(input, settings) {
    if (!hasBaseline(input, settings)) return [];
    const familyOf = (g: ActivityGroup): ClientFamily => clientFamily(g.client);
    const candidates = delegateGroups(input).filter((g) => familyOf(g) !== 'none');
    const out: Anomaly[] = [];
    for (const groups of groupBy(candidates, (g) => `${g.day}\u0000${g.actor}\u0000${identityOf(g)}\u0000${familyOf(g)}`).values()) {
      const { actor, day } = groups[0];
      const identity = identityOf(groups[0]);
      const family = familyOf(groups[0]);
      const history = input.baseline.actors.get(actor);
      if (history?.clientFamilies.has(family) === true) continue;
      const biggest = [...groups].sort((a, b) => b.count - a.count)[0];
      const risk = riskOf(family, biggest.client);
      if (risk === 'newClient' && (history === undefined || !history.sentAs.has(identity))) continue;
      out.push({
        key: anomalyKey('risky-client', actor, identity, day, family),
        kind: 'risky-client',
        severity: SEVERITY[risk],
        at: lastOf(groups),
        actor,
        mailbox: identity,
        evidence: evidenceOf(groups, settings.evidenceLimit),
        facts: {
          client: (biggest.client ?? '').slice(0, CLIENT_TEXT_LIMIT),
          clientFamily: family,
          reason: risk === 'newClient' ? 'new-client' : 'risky-client',
          sends: sumCounts(groups),
          firstSendAt: firstOf(groups),
          usualFamilies: history === undefined ? '' : [...history.clientFamilies].sort().join(', '),
          day,
          operations: operationsText(groups),
        },
      });
    }
    return out;
  },
};
