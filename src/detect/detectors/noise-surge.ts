import type { Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, dominant, evidenceOfLargest, groupBy, hasBaseline, identityOf, lastOf, meanPerDay, sumCounts } from '../detector';

const SEVERITY = { default: 'info' } as const satisfies Record<string, Severity>;

/**
 * Owner misreports and connector events never raise an alert on their own: they are Exchange's
 * noise, not anyone using another mailbox. A sudden surge of them (noiseSurgeFactor times their
 * baseline daily mean, and at least noiseSurgeMinimumEvents in a day) raises one informational
 * notice per run, for the newest such day: a connector gone wild or a new Outlook rollout is
 * worth knowing about, never worth a page.
 *
 * Facts: `day` (YYYY-MM-DD, UTC), `events`, `ownerMisreports`, `connectorEvents`, `threshold`,
 * `baselineMeanPerDay`, `baselineDays`. `actor` and `mailbox` name the source when one accounts
 * for at least half of the events.
 * Key: kind | - | - | day.
 */
export const noiseSurge: Detector = {
  id: 'Detect.NoiseSurge.MisreportsAndConnectors',
  kind: 'noise-surge',
  description: 'Owner misreports and connector events surge far above their baseline (informational only).',
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'noiseSurgeFactor', 'noiseSurgeMinimumEvents', 'evidenceLimit'],
  facts: ['day', 'events', 'ownerMisreports', 'connectorEvents', 'threshold', 'baselineMeanPerDay', 'baselineDays'],
  detect(input, settings) {
    if (!hasBaseline(input, settings)) return [];
    const noise = input.recent.filter((g) => g.category === 'owner-misreport' || g.category === 'connector');
    const mean = input.baseline.noise.total / input.baseline.days;
    const threshold = Math.max(settings.noiseSurgeMinimumEvents, Math.ceil(settings.noiseSurgeFactor * mean));
    const surging = [...groupBy(noise, (g) => g.day).values()]
      .filter((groups) => sumCounts(groups) >= threshold)
      .sort((a, b) => (a[0].day < b[0].day ? 1 : -1));
    if (surging.length === 0) return [];
    const groups = surging[0];
    const { day } = groups[0];
    return [
      {
        key: anomalyKey('noise-surge', null, null, day),
        kind: 'noise-surge',
        severity: SEVERITY.default,
        at: lastOf(groups),
        actor: dominant(groups, (g) => g.actor),
        mailbox: dominant(groups, identityOf),
        evidence: evidenceOfLargest(groups, settings.evidenceLimit),
        facts: {
          day,
          events: sumCounts(groups),
          ownerMisreports: sumCounts(groups.filter((g) => g.category === 'owner-misreport')),
          connectorEvents: sumCounts(groups.filter((g) => g.category === 'connector')),
          threshold,
          baselineMeanPerDay: meanPerDay(input.baseline.noise, input.baseline.days),
          baselineDays: input.baseline.days,
        },
      },
    ];
  },
};
