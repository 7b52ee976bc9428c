import { LOGON_TYPE_NAMES } from '../../audit/event';
import type { Reason } from '../reasons';
import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';
import { sentAsField } from '../rule';

function logonTypeReason(logonType: number): Reason {
  return reason('logon-type', { value: String(logonType), name: LOGON_TYPE_NAMES[logonType] ?? 'Other' });
}

/**
 * The LogonType reasons of the values Exchange writes (0-6), made once: most events are delegate sends,
 * and the reason depends on the value alone. Reasons are never changed once made, so events share them.
 */
const COMMON_LOGON_TYPE_REASONS: readonly Reason[] = Array.from({ length: 7 }, (_, value) => logonTypeReason(value));

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
        : [sentAsOther, COMMON_LOGON_TYPE_REASONS[event.logonType] ?? logonTypeReason(event.logonType)];
    return { category: 'delegate', confidence: 'high', reasons };
  },
};
