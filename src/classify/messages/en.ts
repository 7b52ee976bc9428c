import type { ReasonCode } from '../reasons';

type Params = Readonly<Record<string, string>>;

export const en: Readonly<Record<ReasonCode, (p: Params) => string>> = {
  'connector-client': (p) =>
    `ClientInfoString "${p.client}" is the Office 365 connector service writing into ${p.mailbox}.`,
  'connector-actor': (p) => `UserId ${p.actor} is whoever set the connector up, not a person sending.`,
  'system-user-type': (p) => `UserType ${p.value} (${p.name}) is a system or application identity.`,
  'system-sid-actor': (p) => `UserId ${p.actor} is a Windows system SID, not a person.`,
  'service-principal-actor': (p) => `UserId ${p.actor} is a service principal, not a person.`,
  'guid-actor': (p) => `UserId ${p.actor} is an object id with no address: an application or service.`,
  'background-client': (p) => `ClientInfoString "${p.client}" is a Microsoft background process.`,
  'actor-is-sent-as': (p) => `UserId equals ${p.field} (${p.actor}): the owner sent from their own mailbox.`,
  'mobile-client': (p) =>
    `ClientInfoString "${p.client}" is Outlook Mobile, which logs owners' own external sends as SendAs.`,
  'new-outlook-client': (p) =>
    `ClientInfoString "${p.client}" is the new Outlook, which logs owners' own external sends as SendAs.`,
  'self-send-other-client': (p) =>
    `ClientInfoString "${p.client}" is not a client known to misreport, so this is less certain.`,
  'mailbox-differs': (p) =>
    `MailboxOwnerUPN ${p.mailbox} differs from UserId ${p.actor}: the evidence conflicts.`,
  'actor-sent-as-other': (p) =>
    `UserId ${p.actor} sent ${p.field === 'SendOnBehalfOfUserSmtp' ? 'on behalf of' : 'as'} ${p.sentAs} (${p.field}), a mailbox that is not theirs.`,
  'logon-type': (p) => `LogonType ${p.value} (${p.name}).`,
  'missing-sent-as': (p) => `${p.field} is empty, so the identity sent as is unknown.`,
  'missing-actor': () => 'UserId is empty, so who sent is unknown.',
  'actor-not-address': (p) => `UserId "${p.actor}" is neither an address nor a known system identity.`,
};
