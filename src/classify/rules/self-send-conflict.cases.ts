import type { RuleCase } from '../rule';
import { outlookIosOwnerSend } from './base-record.cases';

export const cases: readonly RuleCase[] = [
  {
    name: 'sent as self from a shared mailbox',
    fires: true,
    expected: 'unknown',
    record: { ...outlookIosOwnerSend, MailboxOwnerUPN: 'finance@contoso.com' },
  },
  {
    name: 'hostile: sent as self from a shared mailbox with a connector-looking agent',
    fires: true,
    expected: 'unknown',
    record: { ...outlookIosOwnerSend, MailboxOwnerUPN: 'finance@contoso.com', ClientInfoString: 'Client=OWA;ConnectorWorkProvider' },
    reasons: ['mailbox-differs', 'client-claim'],
  },
  { name: 'sent as self from the own mailbox', fires: false, expected: 'owner-misreport', record: outlookIosOwnerSend },
];
