import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { clientFamily } from '../../classify/clients';
import type { ActivityGroup } from '../../store/store';
import { anomalyKey, evidenceOf, familiesText, firstOf, groupBy, lastOf, operationsText, sumCounts } from '../detector';

const SEVERITY = { default: 'high' } as const satisfies Record<string, Severity>;

/**
 * The owner's own send from a client known to log it as SendAs (Outlook Mobile, the new Outlook: Office
 * 365 for IT Pros, 2022), by Exchange's protocol token: the one category a watched mailbox stays quiet on.
 */
function isCorroboratedOwnerMisreport(group: ActivityGroup): boolean {
  if (group.category !== 'owner-misreport') return false;
  const family = clientFamily(group.client);
  return family === 'outlook-mobile' || family === 'new-outlook';
}

/**
 * Any send as, or from, a mailbox on the watchlist (SENDAS_WATCHLIST), whatever the classifier made of
 * it: a connector, an app or an unclear record on a watched mailbox is exactly what a spoofed client
 * string would hide behind. Only corroborated owner misreports stay quiet. No baseline, no threshold.
 *
 * Facts: `watched` (the watchlisted address), `sends` (that day), `operations` (comma-separated),
 * `clientFamilies` (most used first, comma-separated), `firstSendAt` (ISO), `day` (YYYY-MM-DD, UTC),
 * `categories` (the classifier's categories of those sends, comma-separated).
 * Key: kind | actor | watched address | day.
 */
export const watchedMailbox: Detector = {
  id: 'Detect.WatchedMailbox.DelegateSend',
  kind: 'watched-mailbox',
  description: 'Anyone or anything sends as or on behalf of a mailbox on the watchlist, short of a corroborated owner misreport.',
  severity: SEVERITY,
  settings: ['watchlist', 'evidenceLimit'],
  facts: ['watched', 'sends', 'operations', 'clientFamilies', 'firstSendAt', 'day', 'categories'],
  detect(input, settings) {
    if (input.watchlist.length === 0) return [];
    const watched = new Set(input.watchlist);
    const watchedOf = (sentAs: string | null, mailbox: string | null): string | null =>
      sentAs !== null && watched.has(sentAs) ? sentAs : mailbox !== null && watched.has(mailbox) ? mailbox : null;
    const hits = input.recent.filter((g) => !isCorroboratedOwnerMisreport(g) && watchedOf(g.sentAs, g.mailbox) !== null);
    const out: Anomaly[] = [];
    for (const groups of groupBy(hits, (g) => `${g.day}\u0000${g.actor}\u0000${watchedOf(g.sentAs, g.mailbox)}`).values()) {
      const { actor, day } = groups[0];
      const address = watchedOf(groups[0].sentAs, groups[0].mailbox) ?? '';
      out.push({
        key: anomalyKey('watched-mailbox', actor, address, day),
        kind: 'watched-mailbox',
        severity: SEVERITY.default,
        at: lastOf(groups),
        actor,
        mailbox: address,
        evidence: evidenceOf(groups, settings.evidenceLimit),
        facts: {
          watched: address,
          sends: sumCounts(groups),
          operations: operationsText(groups),
          clientFamilies: familiesText(groups),
          firstSendAt: firstOf(groups),
          day,
          categories: [...new Set(groups.map((g) => g.category))].sort().join(', '),
        },
      });
    }
    return out;
  },
};
