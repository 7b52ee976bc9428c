import type { RuleCase } from '../rule';
import { owaDelegateSend } from './base-record.cases';

export const cases: readonly RuleCase[] = [
  {
    name: 'LocalSystem (S-1-5-18) posting into a group mailbox',
    fires: true,
    expected: 'application',
    record: {
      ...owaDelegateSend,
      UserId: 'S-1-5-18',
      UserType: 4,
      LogonType: 4,
      ClientInfoString: 'Client=REST;Client=RESTSystem;;',
      MailboxOwnerUPN: 'engineering@contoso.com',
      SendAsUserSmtp: 'engineering@contoso.com',
    },
  },
  {
    name: 'a service principal sending as noreply through Graph',
    fires: true,
    expected: 'application',
    record: {
      ...owaDelegateSend,
      UserId: 'ServicePrincipal_7d3c1e2f-aaaa-4bbb-8ccc-123456789abc',
      UserType: 'Application',
      ClientInfoString: 'Client=REST;Client=REST;;',
      MailboxOwnerUPN: 'noreply@contoso.com',
      SendAsUserSmtp: 'noreply@contoso.com',
    },
  },
  {
    name: 'a bare object id as the actor',
    fires: true,
    expected: 'application',
    record: { ...owaDelegateSend, UserId: '7d3c1e2f-aaaa-4bbb-8ccc-123456789abc' },
  },
  {
    name: 'a Microsoft background process with a user-looking UserType still is one',
    fires: true,
    expected: 'application',
    record: { ...owaDelegateSend, ClientInfoString: 'Client=REST;Client=RESTSystem;;' },
  },
  { name: 'a person using OWA is not an application', fires: false, expected: 'delegate', record: owaDelegateSend },
];
