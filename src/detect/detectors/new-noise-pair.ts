import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, evidenceOf, firstOf, groupBy, hasBaseline, identityOf, lastOf, sumCounts } from '../detector';
import { writerKey } from '../gather';

const SEVERITY = { default: 'medium' } as const satisfies Record<string, Severity>;

/**
 * Noise is still watched: a connector or an app that starts writing as a mailbox it never wrote as in
 * the baseline ("a connector started writing as finance@") is new, whatever its category says. A
 * connector's actor is whoever set it up (Petri, 2016), so a new pair is a new connector or a new owner.
 * Exchange's own system identity (S-1-5-18) is left out: it writes into every new group.
 *
 * Facts: `category` (connector or application), `writes` (in the hunt window), `firstWriteAt` (ISO),
 * `appId` (the app, when recorded; empty otherwise), `baselineDays`.
 * Key: kind | actor | identity | day of the first write in the hunt window.
 */
export const newNoisePair: Detector = {
  id: 'Detect.NewNoisePair.FirstWrite',
  kind: 'new-noise-pair',
  description: 'A connector or application writes as a mailbox it did not write as in the baseline window.',
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'evidenceLimit'],
  facts: ['category', 'writes', 'firstWriteAt', 'appId', 'baselineDays'],
  detect(input, settings) {
    if (!hasBaseline(input, settings)) return [];
    // Windows system SIDs (S-1-5-18) are Exchange's own background work in group mailboxes, not a connector or an app someone added.
    const writes = input.recent.filter((g) => (g.category === 'connector' || g.category === 'application') && !g.actor.startsWith('s-1-5-'));
    const out: Anomaly[] = [];
    for (const groups of groupBy(writes, (g) => `${writerKey(g)}\u0000${g.category}`).values()) {
      if (input.baseline.noiseWriters.has(writerKey(groups[0]))) continue;
      const { actor, category } = groups[0];
      const identity = identityOf(groups[0]);
      const firstWriteAt = firstOf(groups);
      out.push({
        key: anomalyKey('new-noise-pair', actor, identity, firstWriteAt.slice(0, 10), category),
        kind: 'new-noise-pair',
        severity: SEVERITY.default,
        at: lastOf(groups),
        actor,
        mailbox: identity,
        evidence: evidenceOf(groups, settings.evidenceLimit),
        facts: {
          category,
          writes: sumCounts(groups),
          firstWriteAt,
          appId: groups.find((g) => g.appId != null)?.appId ?? '',
          baselineDays: input.baseline.days,
        },
      });
    }
    return out;
  },
};
