import type { AuditEvent } from '../audit/event';
import { clientInfo } from './clients';
import type { ClassifyContext } from './context';
import { NO_CONTEXT } from './context';
import { reason } from './reasons';
import type { Classification, EventFacts } from './rule';
import { RULES } from './rules';

/**
 * Bumped whenever a rule changes what it decides; the store reclassifies rows written by an older
 * version on upgrade. 2: the protocol token decides, agent markers are claims; corroboration weighed.
 * 3: a self send is its owner's only on a person's mailbox (a shared, room or group mailbox has no owner).
 */
export const CLASSIFIER_VERSION = 3;

export function factsOf(event: AuditEvent, context: ClassifyContext = NO_CONTEXT): EventFacts {
  const client = clientInfo(event.client);
  return { family: client.family, client, context };
}

/**
 * Pure: the same event and context always get the same category, confidence and reasons. `context`
 * carries what the caller knows beyond the record (mailbox kind, the mailbox's history, tenant domains).
 */
export function classify(event: AuditEvent, context: ClassifyContext = NO_CONTEXT): Classification {
  const facts = factsOf(event, context);
  for (const rule of RULES) {
    const decision = rule.decide(event, facts);
    if (decision === null) continue;
    // A noise marker the sender wrote into their own agent decided nothing: the reasons say it was seen and set aside.
    const { claimedNoise } = facts.client;
    const reasons =
      claimedNoise === null
        ? decision.reasons
        : [...decision.reasons, reason('client-claim', { marker: claimedNoise === 'connector' ? 'ConnectorWorkProvider' : 'RESTSystem', protocol: facts.client.protocols.join(';') || '(none)', agent: facts.client.agent })];
    return { category: decision.category, confidence: decision.confidence, reasons, ruleId: rule.id };
  }
  // The last rule always decides; reaching here means RULES lost its fallback.
  throw new Error('classifier rules ended without a decision');
}
