import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';
import { sentAsField } from '../rule';

/**
 * The actor sent as themselves but from someone else's mailbox: neither an owner misreport nor a
 * delegate send fits, so the record is shown as unknown with both facts.
 */
export const unknownSelfSendConflict: ClassifierRule = {
  id: 'Classify.Unknown.SelfSendConflict',
  description: 'UserId equals the address sent as, but MailboxOwnerUPN names another mailbox.',
  decides: 'unknown',
  decide(event) {
    if (event.sentAs !== event.actor || event.mailbox === null || event.mailbox === event.actor) return null;
    return {
      category: 'unknown',
      confidence: 'low',
      reasons: [
        reason('actor-is-sent-as', { actor: event.actorAsWritten ?? event.actor, field: sentAsField(event) }),
        reason('mailbox-differs', { mailbox: event.mailbox, actor: event.actorAsWritten ?? event.actor }),
      ],
    };
  },
};
