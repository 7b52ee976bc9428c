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
    name: 'an app with an app-only token (AppAccessContext without a user session) sending as noreply',
    fires: true,
    expected: 'application',
    record: {
      ...owaDelegateSend,
      UserId: '7d3c1e2f-aaaa-4bbb-8ccc-123456789abc',
      UserType: 'ServicePrincipal',
      ClientInfoString: 'Client=REST;Client=REST;;',
      MailboxOwnerUPN: 'noreply@contoso.com',
      SendAsUserSmtp: 'noreply@contoso.com',
      AppAccessContext: { ClientAppId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', ClientAppName: 'Invoice Mailer', UniqueTokenId: 'pRzMlnQBVUu5pI1zq3SgAA' },
      TokenObjectId: '7d3c1e2f-aaaa-4bbb-8ccc-123456789abc',
    },
    confidence: 'high',
    reasons: ['system-user-type', 'app-only-token'],
  },
  {
    name: 'hostile: Client=RESTSystem on a person sending as another mailbox, with no non-person identity, is unknown',
    fires: true,
    expected: 'unknown',
    record: { ...owaDelegateSend, ClientInfoString: 'Client=REST;Client=RESTSystem;;' },
    reasons: ['background-client', 'background-person-actor'],
  },
  {
    name: 'hostile: RESTSystem only in an EWS user agent is a delegate send',
    fires: false,
    expected: 'delegate',
    record: { ...owaDelegateSend, ClientInfoString: 'Client=WebServices;Client=RESTSystem;;' },
    reasons: ['client-claim'],
  },
  {
    name: 'hostile: a person with a user token in AppAccessContext is no application',
    fires: false,
    expected: 'delegate',
    record: {
      ...owaDelegateSend,
      AppAccessContext: { ClientAppId: '00000002-0000-0ff1-ce00-000000000000', AADSessionId: '0b2c3d4e-aaaa-4bbb-8ccc-000000000001', UniqueTokenId: 'x1' },
    },
  },
  { name: 'a person using OWA is not an application', fires: false, expected: 'delegate', record: owaDelegateSend },
];
