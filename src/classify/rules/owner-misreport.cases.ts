import type { RuleCase } from '../rule';
import { outlookIosOwnerSend, owaDelegateSend } from './base-record.cases';

export const cases: readonly RuleCase[] = [
  { name: 'the real Outlook for iOS record (AUDIT-FACTS.md)', fires: true, expected: 'owner-misreport', record: outlookIosOwnerSend },
  {
    name: 'Outlook for Android, addresses in mixed case',
    fires: true,
    expected: 'owner-misreport',
    record: {
      ...outlookIosOwnerSend,
      UserId: 'Tony.Redmond@Contoso.com',
      SendAsUserSmtp: 'tony.redmond@contoso.com',
      MailboxOwnerUPN: 'TONY.REDMOND@CONTOSO.COM',
      ClientInfoString: 'Client=OutlookService;Outlook-Android/2.0;',
    },
  },
  {
    name: 'the new Outlook (Monarch)',
    fires: true,
    expected: 'owner-misreport',
    record: {
      ...outlookIosOwnerSend,
      ClientInfoString:
        'Client=OWA;Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0 OneOutlook/1.2026.1014.300',
    },
  },
  {
    name: 'a self send with no MailboxOwnerUPN from desktop Outlook (less certain)',
    fires: true,
    expected: 'owner-misreport',
    record: { ...outlookIosOwnerSend, MailboxOwnerUPN: undefined, ClientInfoString: 'Client=MSExchangeRPC' },
  },
  {
    name: 'an Outlook for iOS self send to external recipients, as the known misreport',
    fires: true,
    expected: 'owner-misreport',
    record: { ...outlookIosOwnerSend, recipientCount: 2, recipientList: ['buyer@fabrikam.com', 'megan.bowen@contoso.com'] },
    confidence: 'high',
    reasons: ['mobile-client', 'external-recipients'],
  },
  {
    name: 'an Outlook for iOS self send to internal recipients only is less certain',
    fires: true,
    expected: 'owner-misreport',
    record: { ...outlookIosOwnerSend, recipientCount: 1, recipientList: ['megan.bowen@contoso.com'] },
    context: { tenantDomains: ['contoso.com'] },
    confidence: 'medium',
    reasons: ['internal-recipients-only'],
  },
  {
    name: 'hostile: an EWS agent claiming Outlook-iOS does not earn the mobile misreport certainty',
    fires: true,
    expected: 'owner-misreport',
    record: { ...outlookIosOwnerSend, ClientInfoString: 'Client=WebServices;Outlook-iOS/2.0;' },
    confidence: 'medium',
    reasons: ['self-send-other-client'],
  },
  {
    name: "an Outlook for iOS self send on a mailbox the directory holds as a person's: the owner's own send, said so",
    fires: true,
    expected: 'owner-misreport',
    record: outlookIosOwnerSend,
    context: { mailboxKind: 'person' },
    confidence: 'high',
    reasons: ['owner-mailbox-person', 'mobile-client'],
  },
  {
    name: 'without a directory answer the kind is said to be unknown, the send still taken as the owner\'s',
    fires: true,
    expected: 'owner-misreport',
    record: outlookIosOwnerSend,
    reasons: ['owner-mailbox-kind-unknown'],
  },
  {
    name: 'a shared mailbox sending as itself from Outlook for iOS has no owner: someone signed in as it',
    fires: true,
    expected: 'unknown',
    record: { ...outlookIosOwnerSend, UserId: 'finance@contoso.com', SendAsUserSmtp: 'finance@contoso.com', MailboxOwnerUPN: 'finance@contoso.com' },
    context: { mailboxKind: 'shared' },
    confidence: 'low',
    reasons: ['self-send-not-person'],
  },
  {
    name: 'a room mailbox sending as itself',
    fires: true,
    expected: 'unknown',
    record: { ...outlookIosOwnerSend, UserId: 'room-fuji@contoso.com', SendAsUserSmtp: 'room-fuji@contoso.com', MailboxOwnerUPN: 'room-fuji@contoso.com', ClientInfoString: 'Client=MSExchangeRPC' },
    context: { mailboxKind: 'resource' },
    reasons: ['self-send-not-person'],
  },
  { name: 'a delegate send is no self send', fires: false, expected: 'delegate', record: owaDelegateSend },
];
