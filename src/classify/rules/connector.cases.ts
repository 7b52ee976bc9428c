import type { RuleCase } from '../rule';
import { owaDelegateSend } from './base-record.cases';

const connectorWrite = {
  ...owaDelegateSend,
  UserId: 'lee.gu@contoso.com',
  MailboxOwnerUPN: 'marketing-news@contoso.com',
  SendAsUserSmtp: 'marketing-news@contoso.com',
  ClientInfoString: 'ConnectorWorkProvider',
};

/** A person sending as the watched finance mailbox through EWS, with a user agent chosen to look like a connector. */
const spoofedAgent = {
  ...owaDelegateSend,
  UserId: 'megan.bowen@contoso.com',
  MailboxOwnerUPN: 'finance@contoso.com',
  SendAsUserSmtp: 'finance@contoso.com',
  ClientInfoString: 'Client=WebServices;ConnectorWorkProvider',
};

export const cases: readonly RuleCase[] = [
  {
    name: 'a Twitter connector card written into a mailbox the directory knows as a group',
    fires: true,
    expected: 'connector',
    record: connectorWrite,
    context: { mailboxKind: 'group' },
    confidence: 'high',
    reasons: ['connector-client', 'connector-actor', 'group-mailbox'],
  },
  {
    name: 'a connector card into a mailbox with a history of connector writes',
    fires: true,
    expected: 'connector',
    record: connectorWrite,
    context: { connectorHistory: 40 },
    confidence: 'high',
    reasons: ['connector-history'],
  },
  {
    name: 'a connector card with nothing known about the mailbox is less certain',
    fires: true,
    expected: 'connector',
    record: connectorWrite,
    confidence: 'medium',
    reasons: ['mailbox-kind-unknown'],
  },
  {
    name: 'the connector protocol in another case still marks the connector',
    fires: true,
    expected: 'connector',
    record: { ...connectorWrite, ClientInfoString: 'Client=connectorworkprovider' },
  },
  {
    name: 'hostile: a group-looking name (marketing-news@) that the directory says is a person is not settled as a connector',
    fires: true,
    expected: 'unknown',
    record: connectorWrite,
    context: { mailboxKind: 'person' },
    reasons: ['connector-client', 'mailbox-not-group'],
  },
  {
    name: 'hostile: a connector record into a shared mailbox conflicts, even with connector history',
    fires: true,
    expected: 'unknown',
    record: connectorWrite,
    context: { mailboxKind: 'shared', connectorHistory: 3 },
    reasons: ['mailbox-not-group'],
  },
  {
    name: 'hostile: a connector record into a room or equipment mailbox conflicts too',
    fires: true,
    expected: 'unknown',
    record: connectorWrite,
    context: { mailboxKind: 'resource' },
    reasons: ['mailbox-not-group'],
  },
  {
    name: 'hostile: ConnectorWorkProvider only in an EWS user agent is a delegate send, with the claim named',
    fires: false,
    expected: 'delegate',
    record: spoofedAgent,
    reasons: ['actor-sent-as-other', 'client-claim'],
  },
  {
    name: 'hostile: ConnectorWorkProvider in an OWA agent, into a real group mailbox, is still a person sending',
    fires: false,
    expected: 'delegate',
    record: { ...spoofedAgent, ClientInfoString: 'Client=OWA;Mozilla/5.0 ConnectorWorkProvider' },
    context: { mailboxKind: 'group', connectorHistory: 12 },
    reasons: ['client-claim'],
  },
  {
    name: 'hostile: an agent dressed as a second protocol token (Client=WebServices;Client=ConnectorWorkProvider) stays a claim',
    fires: false,
    expected: 'delegate',
    record: { ...spoofedAgent, ClientInfoString: 'Client=WebServices;Client=ConnectorWorkProvider' },
    reasons: ['client-claim'],
  },
  { name: 'an OWA delegate send is not a connector', fires: false, expected: 'delegate', record: owaDelegateSend },
];
