import type { ActivityGroup } from '../../store/store';
import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import {
  EMPTY_PROFILE,
  anomalyKey,
  delegateGroups,
  dominant,
  evidenceOfLargest,
  groupBy,
  hasBaseline,
  identityOf,
  lastOf,
  meanPerDay,
  operationsText,
  sumCounts,
} from '../detector';
import type { DailyProfile, DetectionInput } from '../input';
import type { DetectorSettings } from '../settings';

const SEVERITY = { default: 'medium' } as const satisfies Record<string, Severity>;

type Scope = 'actor' | 'mailbox';

function spikesOf(scope: Scope, input: DetectionInput, settings: DetectorSettings): Anomaly[] {
  const out: Anomaly[] = [];
  const scopeOf = scope === 'actor' ? (g: ActivityGroup) => g.actor : identityOf;
  const byDay = groupBy(delegateGroups(input), (g) => `${g.day}\u0000${scopeOf(g)}`);
  for (const groups of byDay.values()) {
    const subject = scopeOf(groups[0]);
    const profile: DailyProfile =
      (scope === 'actor' ? input.baseline.actors.get(subject)?.delegateSends : input.baseline.mailboxes.get(subject)) ?? EMPTY_PROFILE;
    const threshold = Math.max(settings.spikeMinimumSends, Math.ceil(settings.spikeFactor * profile.peak));
    const sends = sumCounts(groups);
    if (sends < threshold) continue;
    const { day } = groups[0];
    out.push({
      key: scope === 'actor' ? anomalyKey('spike', subject, null, day) : anomalyKey('spike', null, subject, day),
      kind: 'spike',
      severity: SEVERITY.default,
      at: lastOf(groups),
      actor: scope === 'actor' ? subject : dominant(groups, (g) => g.actor),
      mailbox: scope === 'mailbox' ? subject : dominant(groups, identityOf),
      evidence: evidenceOfLargest(groups, settings.evidenceLimit),
      facts: {
        scope,
        day,
        sends,
        threshold,
        baselinePeak: profile.peak,
        baselineMeanPerDay: meanPerDay(profile, input.baseline.days),
        baselineDays: input.baseline.days,
        operations: operationsText(groups),
      },
    });
  }
  return out;
}

/**
 * An actor's delegate sends in a day, or the delegate sends as one identity in a day, well above
 * the busiest day of their own baseline (spikeFactor times it, and at least spikeMinimumSends).
 * When one actor's spike is one mailbox's spike, only the actor's is raised.
 *
 * Facts: `scope` ("actor" or "mailbox"), `day` (YYYY-MM-DD, UTC), `sends`, `threshold` (the sends
 * that made it a spike), `baselinePeak` (the busiest baseline day), `baselineMeanPerDay`,
 * `baselineDays`, `operations` (SendAs, SendOnBehalf or both, so cards word them apart). The other party (`mailbox` for an actor spike, `actor` for a mailbox spike) is
 * set when one accounts for at least half of the sends.
 * Key: kind | actor or "-" | mailbox or "-" | day (the scope decides which one is set).
 */
export const spike: Detector = {
  id: 'Detect.Spike.DelegateSends',
  kind: 'spike',
  description: "A day's delegate sends by one actor, or as one mailbox, far above that actor's or mailbox's baseline.",
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'spikeFactor', 'spikeMinimumSends', 'evidenceLimit'],
  facts: ['scope', 'day', 'sends', 'threshold', 'baselinePeak', 'baselineMeanPerDay', 'baselineDays', 'operations'],
  detect(input, settings) {
    if (!hasBaseline(input, settings)) return [];
    const actors = spikesOf('actor', input, settings);
    const covered = new Set(actors.map((a) => `${String(a.facts.day)}\u0000${a.actor}\u0000${a.mailbox}`));
    const mailboxes = spikesOf('mailbox', input, settings).filter(
      (m) => !covered.has(`${String(m.facts.day)}\u0000${m.actor}\u0000${m.mailbox}`),
    );
    return [...actors, ...mailboxes];
  },
};
