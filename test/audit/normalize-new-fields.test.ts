import { MAX_RECIPIENTS } from '../../src/audit/event';
import { normalizeRecord, storedDetailsOf } from '../../src/audit/normalize';
import { TEST_BOUNDS } from '../support/read';

const base = {
  CreationTime: '2026-11-17T09:00:00Z',
  Id: '5e6f7a8b-0000-4000-8000-000000000001',
  Operation: 'SendAs',
  UserId: 'Alex Wilber',
  MailboxOwnerUPN: 'Finance@Contoso.com',
  SendAsUserSmtp: 'Finance@Contoso.com',
  ClientInfoString: 'Client=REST;Client=REST;;',
};

function eventOf(record: Record<string, unknown>) {
  const result = normalizeRecord(record, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error(JSON.stringify(result));
  return result.event;
}

describe('the newer AuditData fields', () => {
  it('reads AppAccessContext, ClientAppId, TokenObjectId and SessionId onto the event', () => {
    const event = eventOf({
      ...base,
      AppAccessContext: { ClientAppId: '1FEC8E78-BCE4-4AAF-AB1B-5451CC387264', ClientAppName: 'Invoice Mailer', UniqueTokenId: 'pRzMlnQB', APIId: 'x' },
      TokenObjectId: 'AAAA0000-0000-4000-8000-000000000001',
      SessionId: 'c0ffee00-1111-4222-8333-444455556666',
    });
    expect(event.access).toEqual({
      clientAppId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      clientAppName: 'Invoice Mailer',
      uniqueTokenId: 'pRzMlnQB',
      hasAppAccessContext: true,
      userToken: false,
      tokenObjectId: 'AAAA0000-0000-4000-8000-000000000001',
      sessionId: 'c0ffee00-1111-4222-8333-444455556666',
    });
    // No AppId on the record: the app behind the token stands in.
    expect(event.appId).toBe('1fec8e78-bce4-4aaf-ab1b-5451cc387264');
  });

  it('tells a user token (AADSessionId) from an app-only one, and reads a bare ClientAppId', () => {
    expect(eventOf({ ...base, AppAccessContext: { ClientAppId: 'a', AADSessionId: 's' } }).access?.userToken).toBe(true);
    expect(eventOf({ ...base, ClientAppId: 'B' }).access).toMatchObject({ clientAppId: 'b', hasAppAccessContext: false, userToken: null });
    expect(eventOf(base).access).toBeNull();
  });

  it('reads recipients as a list or a separated string, capped at 1,000', () => {
    // Addresses stay as Exchange wrote them (they are quoted on cards); blanks around them go.
    expect(eventOf({ ...base, recipientCount: 2, recipientList: ['A@Fabrikam.com', ' b@contoso.com '] }).recipients).toEqual({ count: 2, list: ['A@Fabrikam.com', 'b@contoso.com'] });
    expect(eventOf({ ...base, recipientList: ['A@Fabrikam.com', 42, ''] }).recipients).toEqual({ count: null, list: ['A@Fabrikam.com', '42'] });
    expect(eventOf({ ...base, recipientList: 'a@x.example;b@y.example' }).recipients).toEqual({ count: null, list: ['a@x.example', 'b@y.example'] });
    const many = Array.from({ length: 1500 }, (_, i) => `r${i}@example.net`);
    const capped = eventOf({ ...base, recipientCount: 1500, recipientList: many }).recipients;
    expect(capped?.list).toHaveLength(MAX_RECIPIENTS);
    expect(capped?.count).toBe(1500);
    expect(eventOf({ ...base, recipientList: [] }).recipients).toBeNull();
    expect(eventOf(base).recipients).toBeNull();
  });

  it('keeps UserId as Exchange wrote it beside the lower-case key, and reads it back from a stored record', () => {
    const event = eventOf(base);
    expect(event.actor).toBe('alex wilber');
    expect(event.actorAsWritten).toBe('Alex Wilber');
    expect(eventOf({ ...base, UserId: 'alex.wilber@contoso.com' }).actorAsWritten).toBeUndefined();
    expect(storedDetailsOf(event.rawJson, event.actor)).toEqual({ actorAsWritten: 'Alex Wilber', access: null, recipients: null });
    expect(storedDetailsOf('not json', 'x')).toEqual({ actorAsWritten: undefined, access: null, recipients: null });
  });
});
