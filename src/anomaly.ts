/**
 * What detection raises and the store keeps, announces and delivers. Neutral ground: src/detect/ makes
 * anomalies, src/store/ records them, and neither imports the other for the shape.
 */
import { RIGHTS_ANOMALY_KINDS } from './rights/anomaly';

/**
 * What the outbox delivers besides detectors' findings: the monthly access review (issue 19) rides the
 * same durable, rate-limited, once-only delivery, recorded under the key `access-review:YYYY-MM`.
 */
export const NOTICE_KINDS = ['access-review'] as const;

/** The kinds of anomaly the detectors raise (issue "Proactive anomaly notifications"), then the rights detectors' (issue 19). */
export const DETECTED_KINDS = [
  'new-delegate',
  'spike',
  'external-actor',
  'risky-client',
  'watched-mailbox',
  'audit-silence',
  'ingestion-failing',
  'noise-surge',
  'new-country',
  'new-noise-pair',
  'new-app',
  'external-recipients',
  'disabled-account',
  'guest-actor',
  ...RIGHTS_ANOMALY_KINDS,
] as const;

export type DetectedKind = (typeof DETECTED_KINDS)[number];

export function isDetectedKind(kind: string): kind is DetectedKind {
  return (DETECTED_KINDS as readonly string[]).includes(kind);
}

/** Everything the outbox records and delivers: the detectors' findings and the notices. */
export const ANOMALY_KINDS = [...DETECTED_KINDS, ...NOTICE_KINDS] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export type Severity = 'high' | 'medium' | 'low' | 'info';

/**
 * One thing that needs a human look. `key` is stable: the same situation detected twice has the same
 * key, so it is recorded and delivered once.
 */
export interface Anomaly {
  readonly key: string;
  readonly kind: AnomalyKind;
  readonly severity: Severity;
  /** ISO UTC: when the anomalous activity happened (its latest evidence). */
  readonly at: string;
  readonly actor: string | null;
  /** The mailbox / identity concerned, if any. */
  readonly mailbox: string | null;
  /** Ids of the events that show it (at most a handful; the card links to them). */
  readonly evidence: readonly string[];
  /** Facts that parameterise the words (counts, baselines, clients), rendered at the edge. */
  readonly facts: Readonly<Record<string, string | number>>;
}
