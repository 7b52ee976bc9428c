import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';

/** The last rule: what reaches it with an actor that is not an address cannot be attributed. */
export const unknownUnrecognisedActor: ClassifierRule = {
  id: 'Classify.Unknown.UnrecognisedActor',
  description: 'UserId is neither an address nor a known system identity (e.g. "Not Available", a display name).',
  decides: 'unknown',
  decide(event) {
    if (event.actor.includes('@')) return null;
    return { category: 'unknown', confidence: 'low', reasons: [reason('actor-not-address', { actor: event.actorAsWritten ?? event.actor })] };
  },
};
