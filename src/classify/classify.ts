import type { AuditEvent } from '../audit/event';
import { clientFamily } from './clients';
import type { Classification, EventFacts } from './rule';
import { RULES } from './rules';

/**
 * Bumped whenever a rule changes what it decides; the store reclassifies rows written by an older
 * version on upgrade.
 */
export const CLASSIFIER_VERSION = 1;

/** Pure: the same event always gets the same category, confidence and reasons. */
export function classify(event: AuditEvent): Classification {
  const facts: EventFacts = { family: clientFamily(event.client) };
  for (const rule of RULES) {
    const decision = rule.decide(event, facts);
    if (decision !== null) return { category: decision.category, confidence: decision.confidence, reasons: decision.reasons, ruleId: rule.id };
  }
  // The last rule always decides; reaching here means RULES lost its fallback.
  throw new Error('classifier rules ended without a decision');
}
