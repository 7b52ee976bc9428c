import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';
import { sentAsField } from '../rule';

/**
 * Outlook Mobile and the new Outlook log the owner's own external sends as SendAs with
 * UserId = MailboxOwnerUPN = SendAsUserSmtp. Other clients doing so are rarer, hence less certain.
 */
export const ownerMisreportSelfSend: ClassifierRule = {
  id: 'Classify.OwnerMisreport.SelfSend',
  description: 'UserId equals the address sent as (and the mailbox, when recorded): the owner sent their own mail.',
  decides: 'owner-misreport',
  decide(event, { family }) {
    if (event.sentAs !== event.actor) return null;
    const client = event.client ?? '';
    const self = reason('actor-is-sent-as', { actor: event.actor, field: sentAsField(event) });
    if (family === 'outlook-mobile') return { category: 'owner-misreport', confidence: 'high', reasons: [self, reason('mobile-client', { client })] };
    if (family === 'new-outlook') return { category: 'owner-misreport', confidence: 'high', reasons: [self, reason('new-outlook-client', { client })] };
    return { category: 'owner-misreport', confidence: 'medium', reasons: [self, reason('self-send-other-client', { client: client || '(none)' })] };
  },
};
