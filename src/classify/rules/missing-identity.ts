import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';
import { sentAsField } from '../rule';

/** Without both the actor and the identity sent as, nobody can say who sent as whom. */
export const unknownMissingIdentity: ClassifierRule = {
  id: 'Classify.Unknown.MissingIdentity',
  description: 'UserId or the SendAs / SendOnBehalfOf address is empty.',
  decides: 'unknown',
  decide(event) {
    if (event.actor !== '' && event.sentAs !== null) return null;
    const reasons = [];
    if (event.actor === '') reasons.push(reason('missing-actor'));
    if (event.sentAs === null) reasons.push(reason('missing-sent-as', { field: sentAsField(event) }));
    return reasons.length === 0 ? null : { category: 'unknown', confidence: 'low', reasons };
  },
};
