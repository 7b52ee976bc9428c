import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, delegateGroups, evidenceOf, familiesText, firstOf, groupBy, lastOf, operationsText, sumCounts } from '../detector';

const SEVERITY = { default: 'high' } as const satisfies Record<string, Severity>;

/**
 * Any delegate send as, or from, a mailbox on the watchlist (SENDAS_WATCHLIST): the admin asked to
 * hear of every one, so there is no baseline and no threshold.
 *
 * Facts: `watched` (the watchlisted address), `sends` (that day), `operations` (comma-separated),
 * `clientFamilies` (most used first, comma-separated), `firstSendAt` (ISO), `day` (YYYY-MM-DD, UTC).
 * Key: kind | actor | watched address | day.
 */
export const watchedMailbox: Detector = {
  id: 'Detect.WatchedMailbox.DelegateSend',
  kind: 'watched-mailbox',
  description: 'A delegate sends as or on behalf of a mailbox on the watchlist.',
  severity: SEVERITY,
  settings: ['watchlist', 'evidenceLimit'],
  facts: ['watched', 'sends', 'operations', 'clientFamilies', 'firstSendAt', 'day'],
  detect(input, settings) {
    if (input.watchlist.length === 0) return [];
    const watched = new Set(input.watchlist);
    const watchedOf = (sentAs: string | null, mailbox: string | null): string | null =>
      sentAs !== null && watched.has(sentAs) ? sentAs : mailbox !== null && watched.has(mailbox) ? mailbox : null;
    const hits = delegateGroups(input).filter((g) => watchedOf(g.sentAs, g.mailbox) !== null);
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
        },
      });
    }
    return out;
  },
};
