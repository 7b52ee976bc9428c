import type { Severity } from '../anomaly';
import type { Detector } from '../detector';
import { HOUR_MS, anomalyKey, round1 } from '../detector';

const SEVERITY = { default: 'high' } as const satisfies Record<string, Severity>;

/**
 * Graph ingestion has been failing for longer than ingestionGraceHours: every answer and every other
 * detector is blind to what happened since. Brief failures (a 429, a 5xx) recover by themselves and
 * stay below the grace period.
 *
 * Facts: `failingSince` (ISO), `hoursFailing`, `lastSuccessAt` (ISO; empty when it never succeeded),
 * `lastError` (code or short message; empty when unknown), `graceHours`.
 * Key: kind | - | - | failingSince: one outage, however often it is re-detected.
 */
export const ingestionFailing: Detector = {
  id: 'Detect.IngestionFailing.PastGrace',
  kind: 'ingestion-failing',
  description: 'Ingestion from Microsoft Graph has been failing for longer than the grace period.',
  severity: SEVERITY,
  settings: ['ingestionGraceHours'],
  facts: ['failingSince', 'hoursFailing', 'lastSuccessAt', 'lastError', 'graceHours'],
  detect(input, settings) {
    const health = input.ingestion;
    if (health === null || health.failingSince === null) return [];
    const failing = Date.parse(input.now) - Date.parse(health.failingSince);
    if (!(failing > settings.ingestionGraceHours * HOUR_MS)) return [];
    return [
      {
        key: anomalyKey('ingestion-failing', null, null, health.failingSince),
        kind: 'ingestion-failing',
        severity: SEVERITY.default,
        at: input.now,
        actor: null,
        mailbox: null,
        evidence: [],
        facts: {
          failingSince: health.failingSince,
          hoursFailing: round1(failing / HOUR_MS),
          lastSuccessAt: health.lastSuccessAt ?? '',
          lastError: health.lastError ?? '',
          graceHours: settings.ingestionGraceHours,
        },
      },
    ];
  },
};
