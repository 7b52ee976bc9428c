import type { RuleCase } from '../rule';
import { outlookIosOwnerSend } from './base-record.cases';

export const cases: readonly RuleCase[] = [
  {
    name: 'sent as self from a shared mailbox',
    fires: true,
    expected: 'unknown',
    record: { ...outlookIosOwnerSend, MailboxOwnerUPN: 'finance@contoso.com' },
  },
  { name: 'sent as self from the own mailbox', fires: false, expected: 'owner-misreport', record: outlookIosOwnerSend },
];
