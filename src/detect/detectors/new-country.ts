import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, hasBaseline } from '../detector';
import { pairKey } from '../input';

const SEVERITY = { default: 'medium' } as const satisfies Record<string, Severity>;

/** Client IPs listed in the facts: a handful is enough to look them up. */
const IP_LIMIT = 3;

/**
 * An actor sent as (or on behalf of) an identity from a country that none of their baseline delegate
 * sends as that identity came from: stolen credentials, or a delegate travelling, either worth a look.
 * Only pairs with a placed baseline count (a new pair is Detect.NewDelegate's, and a pair seen only
 * from private or Microsoft addresses has no usual country); private, Microsoft, documentation and
 * unplaced addresses are never a country. Quiet without an IP database.
 *
 * Facts: `country` (ISO 3166-1 alpha-2), `usualCountries` (the baseline's, sorted, comma-separated),
 * `ips` (up to 3, most sends first, comma-separated), `sends` (that day), `firstSendAt` (ISO),
 * `day` (YYYY-MM-DD, UTC).
 * Key: kind | actor | identity | day | country.
 */
export const newCountry: Detector = {
  id: 'Detect.NewCountry.UnusualPlace',
  kind: 'new-country',
  description: 'A delegate sends as an identity from a country they had not sent as it from in the baseline.',
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'evidenceLimit'],
  facts: ['country', 'usualCountries', 'ips', 'sends', 'firstSendAt', 'day', 'operations'],
  detect(input, settings) {
    if (input.countries === undefined || !hasBaseline(input, settings)) return [];
    const out: Anomaly[] = [];
    for (const sends of input.countries.recent) {
      const usual = input.countries.baseline.get(pairKey(sends.actor, sends.identity));
      if (usual === undefined || usual.size === 0 || usual.has(sends.country)) continue;
      out.push({
        key: anomalyKey('new-country', sends.actor, sends.identity, sends.day, sends.country),
        kind: 'new-country',
        severity: SEVERITY.default,
        at: sends.last,
        actor: sends.actor,
        mailbox: sends.identity,
        evidence: sends.sampleIds.slice(0, settings.evidenceLimit),
        facts: {
          country: sends.country,
          usualCountries: [...usual].sort().join(', '),
          ips: sends.ips.slice(0, IP_LIMIT).join(', '),
          sends: sends.count,
          firstSendAt: sends.first,
          day: sends.day,
          operations: sends.operations,
        },
      });
    }
    return out;
  },
};
