import { GraphRecordKind, isAdminRecord } from '../../src/ingest/graph-records';
import { adminRecord } from '../fakes/admin-records';
import { demoGraphRecords } from '../fakes/demo-records';
import { TEST_BOUNDS } from '../support/read';

/** A record as Graph's records route serves it: the envelope, AuditData nested. */
function envelope(auditData: Record<string, unknown>, type: string | undefined): Record<string, unknown> {
  return { id: auditData.Id, createdDateTime: `${String(auditData.CreationTime)}Z`, ...(type === undefined ? {} : { auditLogRecordType: type }), operation: auditData.Operation, auditData };
}

const send = demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 1 }).find((r) => r.auditData.Operation === 'SendAs');
const grant = adminRecord('6c3d4e5f-0001-4a2b-9c10-cc00000000c1', '2026-09-03T08:00:00', 'Add-RecipientPermission', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'Trustee', Value: 'carol@contoso.com' },
  { Name: 'AccessRights', Value: 'SendAs' },
]).auditData;
const quota = adminRecord('6c3d4e5f-0002-4a2b-9c10-cc00000000c2', '2026-09-03T09:00:00', 'Set-Mailbox', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'ProhibitSendQuota', Value: '49 GB' },
]).auditData;
const noTrustee = adminRecord('6c3d4e5f-0003-4a2b-9c10-cc00000000c3', '2026-09-03T10:00:00', 'Add-RecipientPermission', [{ Name: 'Identity', Value: 'finance@contoso.com' }]).auditData;

describe('reading the records of the one query of a window', () => {
  if (send === undefined) throw new Error('the demo has a SendAs record');
  const both = new GraphRecordKind(true);

  it('asks for both record types and all seven operations with admin records on, and for sends alone with them off', () => {
    expect(both.filters).toEqual({
      recordTypeFilters: ['exchangeItem', 'exchangeAdmin'],
      operationFilters: ['SendAs', 'SendOnBehalf', 'Add-RecipientPermission', 'Remove-RecipientPermission', 'Add-MailboxPermission', 'Remove-MailboxPermission', 'Set-Mailbox'],
    });
    expect(new GraphRecordKind(false).filters).toEqual({ recordTypeFilters: ['exchangeItem'], operationFilters: ['SendAs', 'SendOnBehalf'] });
  });

  it('splits by record type: a send becomes an event, a grant a rights change', () => {
    const event = both.read(envelope(send.auditData, 'ExchangeItem'), TEST_BOUNDS);
    expect(event).toMatchObject({ kind: 'item', item: { kind: 'event', event: { operation: 'SendAs' } } });
    const change = both.read(envelope(grant, 'ExchangeAdmin'), TEST_BOUNDS);
    expect(change).toMatchObject({ kind: 'item', id: '6c3d4e5f-0001-4a2b-9c10-cc00000000c1', item: { kind: 'change', change: { right: 'SendAs', cmdlet: 'Add-RecipientPermission' } } });
  });

  it('skips a Set-Mailbox that changes no right, and rejects an unreadable admin record under the rights stream', () => {
    expect(both.read(envelope(quota, 'ExchangeAdmin'), TEST_BOUNDS)).toEqual({ kind: 'skipped' });
    expect(both.read(envelope(noTrustee, 'ExchangeAdmin'), TEST_BOUNDS)).toEqual({ kind: 'rejected', code: 'bad-parameter', message: expect.stringMatching(/Trustee/), stream: 'rights' });
  });

  it('knows an admin record without Graph’s record type by its AuditData RecordType or its cmdlet', () => {
    expect(isAdminRecord(envelope(grant, undefined))).toBe(true);
    expect(isAdminRecord(envelope({ ...grant, RecordType: undefined }, undefined))).toBe(true);
    expect(isAdminRecord(envelope(send.auditData, undefined))).toBe(false);
    expect(isAdminRecord(envelope(send.auditData, 'ExchangeItem'))).toBe(false);
    expect(isAdminRecord('not a record')).toBe(false);
  });

  it('with admin records off reads every record as a send: an admin record that arrives anyway is skipped, not stored as a right', () => {
    expect(new GraphRecordKind(false).read(envelope(grant, 'ExchangeAdmin'), TEST_BOUNDS)).toEqual({ kind: 'skipped' });
  });
});
