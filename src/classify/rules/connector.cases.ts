import type { RuleCase } from '../rule';
import { owaDelegateSend } from './base-record.cases';

const connectorWrite = {
  ...owaDelegateSend,
  UserId: 'lee.gu@contoso.com',
  MailboxOwnerUPN: 'marketing-news@contoso.com',
  SendAsUserSmtp: 'marketing-news@contoso.com',
  ClientInfoString: 'ConnectorWorkProvider',
};

export const cases: readonly RuleCase[] = [
  { name: 'a Twitter connector card written into a group mailbox', fires: true, expected: 'connector', record: connectorWrite },
  {
    name: 'the connector string in another case still marks the connector',
    fires: true,
    expected: 'connector',
    record: { ...connectorWrite, ClientInfoString: 'Client=connectorworkprovider' },
  },
  { name: 'an OWA delegate send is not a connector', fires: false, expected: 'delegate', record: owaDelegateSend },
];
