import { LOGON_TYPE_NAMES } from '../../audit/event';
import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';
import { sentAsField } from '../rule';

/** A person sent as, or on behalf of, a mailbox that is not theirs: the events admins care about. */
export const delegateOtherMailbox: ClassifierRule = {
  id: 'Classify.Delegate.OtherMailbox',
  description: 'UserId is an address and differs from the address sent as.',
  decides: 'delegate',
  decide(event) {
    if (event.sentAs === null || event.sentAs === event.actor || !event.actor.includes('@')) return null;
    const sentAsOther = reason('actor-sent-as-other', { actor: event.actorAsWritten ?? event.actor, sentAs: event.sentAs, field: sentAsField(event) });
    // Built whole rather than pushed to: growing an array allocates again, for most events of a run.
    const reasons =
      event.logonType === null
        ? [sentAsOther]
        : [sentAsOther, reason('logon-type', { value: String(event.logonType), name: LOGON_TYPE_NAMES[event.logonType] ?? 'Other' })];
    return { category: 'delegate', confidence: 'high', reasons };
  },
};
