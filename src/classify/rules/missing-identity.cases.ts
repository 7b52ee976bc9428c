import type { RuleCase } from '../rule';
import { owaDelegateSend } from './base-record.cases';

const { SendAsUserSmtp: _dropped, ...withoutSentAs } = owaDelegateSend;

export const cases: readonly RuleCase[] = [
  { name: 'SendAsUserSmtp absent', fires: true, expected: 'unknown', record: withoutSentAs },
  { name: 'UserId empty', fires: true, expected: 'unknown', record: { ...owaDelegateSend, UserId: '' } },
  { name: 'hostile: UserId of blanks only', fires: true, expected: 'unknown', record: { ...owaDelegateSend, UserId: '   ' } },
  {
    name: 'SendOnBehalf with the address under SendonBehalfOfUserSmtp (odd casing) is complete',
    fires: false,
    expected: 'delegate',
    record: {
      ...withoutSentAs,
      Operation: 'SendOnBehalf',
      MailboxOwnerUPN: 'emily.braun@contoso.com',
      SendonBehalfOfUserSmtp: 'ceo@contoso.com',
      UserId: 'emily.braun@contoso.com',
    },
  },
];
