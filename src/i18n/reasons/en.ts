import type { ReasonCode } from '../../classify/reasons';

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
  'actor-is-sent-as': (p) => `UserId equals ${p.field} (${p.actor}): the account that signed in is the mailbox sent as.`,
  'owner-mailbox-person': (p) => `The directory holds ${p.mailbox} as a person's mailbox: its owner sent their own mail.`,
  'owner-mailbox-kind-unknown': (p) =>
    `Whether ${p.mailbox} is a person's mailbox is not known (no directory answer); the send is taken as its owner's own because the account that signed in is the mailbox itself.`,
  'self-send-not-person': (p) =>
    `${p.mailbox} is ${p.kind === 'shared' ? 'a shared mailbox' : p.kind === 'resource' ? 'a room or equipment mailbox' : 'a Microsoft 365 group'}, which has no owner: someone signed in as the mailbox itself, so this is neither an owner's own send nor a delegate's.`,
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
  'client-claim': (p) =>
    `"${p.marker}" appears only in the user agent "${p.agent}", which the sender chooses; Exchange recorded the protocol as "${p.protocol}". That is a claim, not evidence: the record is judged by its identities.`,
  'group-mailbox': (p) => `${p.mailbox} is a Microsoft 365 group mailbox, where connectors write.`,
  'connector-history': (p) => `${p.mailbox} has ${p.count} earlier connector events: it is a known connector target.`,
  'mailbox-not-group': (p) =>
    `${p.mailbox} is known to be ${p.kind === 'shared' ? 'a shared mailbox' : p.kind === 'resource' ? 'a room or equipment mailbox' : "a person's mailbox"}, not a group: connectors write into groups, so the evidence conflicts.`,
  'mailbox-kind-unknown': (p) => `Whether ${p.mailbox} is a group mailbox is not known, so this is less certain.`,
  'background-person-actor': (p) =>
    `UserId ${p.actor} is a person's address and nothing marks it as an app or system identity, so a background client alone does not settle it.`,
  'app-only-token': (p) => `AppAccessContext names the app ${p.app} and no user sign-in session: an app-only token.`,
  'external-recipients': (p) => `${p.external} of ${p.total} recipients are outside the tenant: the owner's external sends are what these clients misreport.`,
  'internal-recipients-only': (p) =>
    `All ${p.total} recipients are inside the tenant, while the known misreport is of external sends, so this is less certain.`,
};
