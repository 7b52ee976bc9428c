import { incidentsOverlapping } from '../../classify/incidents';
import type { Severity } from '../anomaly';
import type { Detector } from '../detector';
import { DAY_MS, HOUR_MS, anomalyKey, round1 } from '../detector';

const SEVERITY = { default: 'high' } as const satisfies Record<string, Severity>;

/** The longest stretch between two hours with events, in ms, over the sorted hour starts. */
function longestGap(hourStarts: readonly number[]): number {
  let longest = 0;
  for (let i = 1; i < hourStarts.length; i += 1) longest = Math.max(longest, hourStarts[i] - hourStarts[i - 1]);
  return longest;
}

/**
 * No SendAs or SendOnBehalf at all, of any category, for far longer than the tenant's own history
 * allows: longer than silenceGapMultiple times the longest gap between events over the baseline days
 * before the last event (so quiet nights and weekends are learnt, not assumed), and longer than
 * silenceMinimumHours. The MC382148 outage went unnoticed for months because nobody watched for this.
 * A silence is only measured up to where ingestion is known to have looked (`observedUntil`), so a
 * broken ingester shows as ingestion-failing, not as a silent tenant.
 *
 * Facts: `lastEventAt` (ISO), `silentHours`, `longestNormalGapHours`, `thresholdHours`,
 * `historyDays` (the history the normal gap was learnt from), `knownIncident` (ids of known audit
 * incidents overlapping the silence, comma-separated; empty when none). Evidence: the last event.
 * Key: kind | - | - | the last event's time: one silence, however often it is re-detected.
 */
export const auditSilence: Detector = {
  id: 'Detect.AuditSilence.LongGap',
  kind: 'audit-silence',
  description: "No audit events for far longer than the tenant's own history of quiet spells predicts.",
  severity: SEVERITY,
  settings: ['baselineDays', 'minimumBaselineDays', 'silenceGapMultiple', 'silenceMinimumHours'],
  facts: ['lastEventAt', 'silentHours', 'longestNormalGapHours', 'thresholdHours', 'historyDays', 'knownIncident'],
  detect(input, settings) {
    const { lastEvent, firstEventAt, observedUntil, hourly } = input.arrivals;
    if (lastEvent === null || firstEventAt === null) return [];
    const last = Date.parse(lastEvent.time);
    const historyFrom = Math.max(Date.parse(firstEventAt), last - settings.baselineDays * DAY_MS);
    const historyDays = (last - historyFrom) / DAY_MS;
    if (historyDays < settings.minimumBaselineDays || historyDays <= 0) return [];
    const hours = hourly
      .filter((h) => h.count > 0)
      .map((h) => Date.parse(h.hour))
      .filter((t) => t >= historyFrom - HOUR_MS && t <= last)
      .sort((a, b) => a - b);
    const normalGap = longestGap(hours);
    const threshold = Math.max(settings.silenceMinimumHours * HOUR_MS, settings.silenceGapMultiple * normalGap);
    const silence = Date.parse(observedUntil) - last;
    if (silence <= threshold) return [];
    return [
      {
        key: anomalyKey('audit-silence', null, null, lastEvent.time),
        kind: 'audit-silence',
        severity: SEVERITY.default,
        at: observedUntil,
        actor: null,
        mailbox: null,
        evidence: [lastEvent.id],
        facts: {
          lastEventAt: lastEvent.time,
          silentHours: round1(silence / HOUR_MS),
          longestNormalGapHours: round1(normalGap / HOUR_MS),
          thresholdHours: round1(threshold / HOUR_MS),
          historyDays: round1(historyDays),
          knownIncident: incidentsOverlapping({ from: lastEvent.time, to: observedUntil }).map((i) => i.id).join(', '),
        },
      },
    ];
  },
};
