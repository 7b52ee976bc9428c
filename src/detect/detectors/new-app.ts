import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, evidenceOf, firstOf, groupBy, hasBaseline, identityOf, lastOf, operationsText, sumCounts } from '../detector';

const SEVERITY = { default: 'high' } as const satisfies Record<string, Severity>;

/**
 * An app that sent nothing in the baseline now sends as a mailbox: mail-sending OAuth apps are a known
 * persistence technique, so a new one deserves a look even though its sends are "application" noise.
 *
 * Facts: `appId`, `identities` (how many it sent as), `sends` (in the hunt window), `firstSendAt` (ISO),
 * `baselineDays`.
 * Key: kind | - | first identity | day of the first send | app id.
 */
export const newApp: Detector = {
  id: 'Detect.NewApp.FirstSend',
  kind: 'new-app',
  description: 'An application that sent nothing in the baseline window sends as a mailbox.',
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'evidenceLimit'],
  facts: ['appId', 'identities', 'sends', 'firstSendAt', 'baselineDays', 'operations'],
  detect(input, settings) {
    if (!hasBaseline(input, settings)) return [];
    const sends = input.recent.filter((g) => g.category === 'application' && g.appId != null && g.appId !== '');
    const out: Anomaly[] = [];
    for (const [appId, groups] of groupBy(sends, (g) => g.appId as string)) {
      if (input.baseline.apps.has(appId)) continue;
      const ordered = [...groups].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
      const firstSendAt = firstOf(groups);
      const identity = identityOf(ordered[0]);
      out.push({
        key: anomalyKey('new-app', null, identity, firstSendAt.slice(0, 10), appId),
        kind: 'new-app',
        severity: SEVERITY.default,
        at: lastOf(groups),
        actor: ordered[0].actor,
        mailbox: identity,
        evidence: evidenceOf(groups, settings.evidenceLimit),
        facts: { appId, identities: new Set(groups.map(identityOf)).size, sends: sumCounts(groups), firstSendAt, baselineDays: input.baseline.days, operations: operationsText(groups) },
      });
    }
    return out;
  },
};
