import type { RuleCase } from '../rule';
import { outlookIosOwnerSend, owaDelegateSend } from './base-record.cases';

export const cases: readonly RuleCase[] = [
  { name: 'OWA delegate sending as the sales mailbox', fires: true, expected: 'delegate', record: owaDelegateSend },
  {
    name: 'an assistant sending on behalf of the CEO from desktop Outlook, from her own mailbox',
    fires: true,
    expected: 'delegate',
    record: {
      ...owaDelegateSend,
      Operation: 'SendOnBehalf',
      UserId: 'emily.braun@contoso.com',
      MailboxOwnerUPN: 'emily.braun@contoso.com',
      SendAsUserSmtp: undefined,
      SendOnBehalfOfUserSmtp: 'CEO@contoso.com',
      ClientInfoString: 'Client=MSExchangeRPC',
    },
  },
  {
    name: 'an external account sending as a shared mailbox',
    fires: true,
    expected: 'delegate',
    record: { ...owaDelegateSend, UserId: 'megan.bowen@fabrikam.com', ExternalAccess: true },
  },
  {
    name: 'hostile: an EWS client whose agent claims to be Outlook for iOS, sending as a shared mailbox',
    fires: true,
    expected: 'delegate',
    record: { ...owaDelegateSend, ClientInfoString: 'Client=WebServices;Outlook-iOS/2.0; OneOutlook/1.0' },
  },
  { name: 'an owner sending as themselves', fires: false, expected: 'owner-misreport', record: outlookIosOwnerSend },
];
