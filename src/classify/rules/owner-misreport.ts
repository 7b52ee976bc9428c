import type { Confidence } from '../category';
import { countExternal, domainOf } from '../context';
import type { Reason } from '../reasons';
import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';
import { sentAsField } from '../rule';

const LOWER: Readonly<Record<Confidence, Confidence>> = { high: 'medium', medium: 'low', low: 'low' };

/**
 * Outlook Mobile and the new Outlook log the owner's own external sends as SendAs with
 * UserId = MailboxOwnerUPN = SendAsUserSmtp (Office 365 for IT Pros, 2022: seed article 004). Other
 * clients doing so are rarer, hence less certain. Recipients, where recorded, weigh in: external ones
 * fit the known misreport, internal ones only make it less certain. Only a person's mailbox has an
 * owner: a shared, room or group mailbox sending as itself is someone signed in as that mailbox
 * (unknown); a mailbox of unknown kind is taken as a person's, and the reasons say it was not known.
 */
export const ownerMisreportSelfSend: ClassifierRule = {
  id: 'Classify.OwnerMisreport.SelfSend',
  description: 'UserId equals the address sent as (and the mailbox, when recorded): the owner sent their own mail.',
  decides: 'owner-misreport',
  decide(event, { family, context }) {
    if (event.sentAs !== event.actor) return null;
    const client = event.client ?? '';
    const self = reason('actor-is-sent-as', { actor: event.actorAsWritten ?? event.actor, field: sentAsField(event) });
    const mailbox = event.sentAs;
    const kind = context.mailboxKind ?? 'unknown';
    // A shared, room or group mailbox has no owner to misreport: someone signed in as the mailbox itself.
    if (kind === 'shared' || kind === 'resource' || kind === 'group') {
      return { category: 'unknown', confidence: 'low', reasons: [self, reason('self-send-not-person', { mailbox, kind })] };
    }
    const owner = kind === 'person' ? reason('owner-mailbox-person', { mailbox }) : reason('owner-mailbox-kind-unknown', { mailbox });
    // Arrays built whole, not pushed to: this runs for a third of a tenant's records.
    let confidence: Confidence = family === 'outlook-mobile' || family === 'new-outlook' ? 'high' : 'medium';
    const clientReason =
      family === 'outlook-mobile'
        ? reason('mobile-client', { client })
        : family === 'new-outlook'
          ? reason('new-outlook-client', { client })
          : reason('self-send-other-client', { client: client || '(none)' });
    const list = event.recipients?.list ?? [];
    if (list.length === 0) return { category: 'owner-misreport', confidence, reasons: [self, clientReason, owner] };
    // Without the tenant's domains, the sender's own domain is one of them.
    const own = domainOf(event.sentAs);
    const external = countExternal(list, context.tenantDomains ?? (own === null ? [] : [own]));
    let recipients: Reason;
    if (external > 0) recipients = reason('external-recipients', { external: String(external), total: String(list.length) });
    else {
      recipients = reason('internal-recipients-only', { total: String(list.length) });
      confidence = LOWER[confidence];
    }
    return { category: 'owner-misreport', confidence, reasons: [self, clientReason, owner, recipients] };
  },
};
