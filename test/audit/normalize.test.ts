import { field, normalizeIp, normalizeRecord, parseCreationTime } from '../../src/audit/normalize';
import { TEST_BOUNDS } from '../support/read';

describe('normalizing one record', () => {
  it('reads CreationTime without a zone as UTC and refuses what is not ISO 8601', () => {
    expect(parseCreationTime('2022-05-16T11:03:47')).toBe('2022-05-16T11:03:47.000Z');
    expect(parseCreationTime('2022-05-16T11:03:47.5')).toBe('2022-05-16T11:03:47.500Z');
    expect(parseCreationTime('2022-05-16T20:03:47+09:00')).toBe('2022-05-16T11:03:47.000Z');
    expect(parseCreationTime('2022-05-16T11:03:47Z')).toBe('2022-05-16T11:03:47.000Z');
    expect(parseCreationTime('5/16/2022 11:03:47 AM')).toBeNull();
    expect(parseCreationTime('2022-13-45T99:99:99')).toBeNull();
    expect(parseCreationTime(1652699027)).toBeNull();
    expect(parseCreationTime('2022-02-30T10:00:00')).toBeNull();
    expect(parseCreationTime('2022-02-30T10:00:00Z')).toBeNull();
    expect(parseCreationTime('2024-02-29T10:00:00')).toBe('2024-02-29T10:00:00.000Z');
    expect(parseCreationTime('2023-02-29T10:00:00')).toBeNull();
    expect(parseCreationTime('2022-05-16T24:00:00')).toBeNull();
  });

  it('refuses the plain Exchange form with any character out of place, and still reads other 19-character ISO forms', () => {
    expect(parseCreationTime('2022-05-16T23:59:59')).toBe('2022-05-16T23:59:59.000Z');
    expect(parseCreationTime('1900-02-29T10:00:00')).toBeNull();
    expect(parseCreationTime('2000-02-29T10:00:00')).toBe('2000-02-29T10:00:00.000Z');
    for (const bad of ['2022-05-16T11:60:00', '2022-05-16T11:00:60', '2022-05-16T1a:00:00', '202x-05-16T11:00:00']) {
      expect(parseCreationTime(bad)).toBeNull();
    }
    for (const misplaced of ['2022/05/16T11:00:00', '2022-05-16 11:00:00', '2022-05-16T11.00:00', '2022-05-16T11:00.00']) {
      expect(parseCreationTime(misplaced)).toBeNull();
    }
    expect(parseCreationTime('2022-05-16T11:03Z  ')).toBe('2022-05-16T11:03:00.000Z');
    expect(parseCreationTime(' 2022-05-16T11:03:4')).toBeNull();
  });

  it('holds Exchange\'s plain CreationTime to the bounds to the second, as its .000Z form compares', () => {
    // The plain form is compared as written, not as the joined string: the edges must fall where the ISO strings put them.
    const record = (time: string): Record<string, unknown> => ({ CreationTime: time, Id: 'edge', Operation: 'SendAs', UserId: 'a@c.com', SendAsUserSmtp: 'b@c.com' });
    const kind = (time: string, bounds = TEST_BOUNDS): string => normalizeRecord(record(time), bounds).kind;
    const withMs = { earliest: '2010-01-01T00:00:00.000Z', latest: '2026-12-06T18:20:05.500Z' };
    const onTheSecond = { earliest: '2010-01-01T00:00:00.500Z', latest: '2026-12-06T18:20:05.000Z' };
    for (const zone of ['', 'Z']) {
      expect(kind(`2010-01-01T00:00:00${zone}`)).toBe('event');
      expect(kind(`2009-12-31T23:59:59${zone}`)).toBe('rejected');
      expect(kind(`${TEST_BOUNDS.latest.slice(0, 19)}${zone}`)).toBe('event');
      expect(kind(`2026-12-06T18:20:05${zone}`, withMs)).toBe('event');
      expect(kind(`2026-12-06T18:20:06${zone}`, withMs)).toBe('rejected');
      expect(kind(`2026-12-06T18:20:05${zone}`, onTheSecond)).toBe('event');
      expect(kind(`2026-12-06T18:20:06${zone}`, onTheSecond)).toBe('rejected');
      expect(kind(`2010-01-01T00:00:00${zone}`, onTheSecond)).toBe('rejected');
      expect(kind(`2010-01-01T00:00:01${zone}`, onTheSecond)).toBe('event');
    }
    // The other ISO forms keep the string comparison.
    expect(kind('2026-12-06T18:20:05.4Z', withMs)).toBe('event');
    expect(kind('2026-12-06T18:20:05.6Z', withMs)).toBe('rejected');
  });

  it('strips ports, brackets and IPv4-mapped prefixes from IPs', () => {
    expect(normalizeIp('192.0.2.7:443')).toBe('192.0.2.7');
    expect(normalizeIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeIp('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeIp('')).toBeNull();
  });

  it('matches field names case-insensitively, preferring the exact spelling', () => {
    expect(field({ SendonBehalfOfUserSmtp: 'a' }, 'SendOnBehalfOfUserSmtp')).toBe('a');
    expect(field({ userid: 'x', UserId: 'y' }, 'UserId')).toBe('y');
    expect(field({ UserId: 'y' }, 'MailboxOwnerUPN')).toBeUndefined();
  });

  it('reads UserType as a number or as the name Graph sends', () => {
    const base = { Id: 'a', CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs', UserId: 'a@contoso.com', SendAsUserSmtp: 'b@contoso.com' };
    const typeOf = (userType: unknown) => {
      const result = normalizeRecord({ ...base, UserType: userType }, TEST_BOUNDS);
      return result.kind === 'event' ? result.event.userType : 'not an event';
    };
    expect(typeOf(5)).toBe(5);
    expect(typeOf('ServicePrincipal')).toBe(6);
    expect(typeOf('regular')).toBe(0);
    expect(typeOf('nonsense')).toBeNull();
  });

  it('skips other operations and accepts the operation in any case', () => {
    expect(normalizeRecord({ Id: 'a', CreationTime: '2026-01-01T00:00:00', Operation: 'Send' }, TEST_BOUNDS)).toEqual({ kind: 'skipped', operation: 'Send' });
    expect(normalizeRecord({ Id: 'a', CreationTime: '2026-01-01T00:00:00' }, TEST_BOUNDS)).toEqual({ kind: 'skipped', operation: '(none)' });
    const result = normalizeRecord({ Id: 'a', CreationTime: '2026-01-01T00:00:00', Operation: 'sendonbehalf', UserId: 'a@c.com' }, TEST_BOUNDS);
    expect(result.kind === 'event' && result.event.operation).toBe('SendOnBehalf');
  });

  it('takes the operation and id from the envelope when AuditData lacks them', () => {
    const result = normalizeRecord({ RecordId: 'env-id', Operation: 'SendAs', AuditData: JSON.stringify({ CreationTime: '2026-01-01T00:00:00', UserId: 'a@c.com' }) }, TEST_BOUNDS);
    expect(result.kind === 'event' && result.event.id).toBe('env-id');
  });

  it('lower-cases each address, whether or not it repeats the mailbox', () => {
    const base = { Id: 'ID-1', CreationTime: '2026-01-01T00:00:00', Operation: 'SendAs' };
    const event = (fields: Record<string, unknown>) => {
      const result = normalizeRecord({ ...base, ...fields }, TEST_BOUNDS);
      if (result.kind !== 'event') throw new Error(`expected an event, got ${result.kind}`);
      return result.event;
    };
    const owner = event({ UserId: 'Ann@Contoso.com', MailboxOwnerUPN: 'Ann@Contoso.com', SendAsUserSmtp: 'Ann@Contoso.com' });
    expect([owner.id, owner.actor, owner.mailbox, owner.sentAs]).toEqual(['id-1', 'ann@contoso.com', 'ann@contoso.com', 'ann@contoso.com']);
    const delegate = event({ UserId: 'Bob@Contoso.com', MailboxOwnerUPN: 'Finance@Contoso.com', SendAsUserSmtp: 'FINANCE@contoso.com' });
    expect([delegate.actor, delegate.mailbox, delegate.sentAs]).toEqual(['bob@contoso.com', 'finance@contoso.com', 'finance@contoso.com']);
    const onBehalf = event({ Operation: 'SendOnBehalf', UserId: 'Bob@Contoso.com', MailboxOwnerUPN: ' Boss@Contoso.com ', SendOnBehalfOfUserSmtp: ' Boss@Contoso.com ' });
    expect([onBehalf.mailbox, onBehalf.sentAs]).toEqual(['boss@contoso.com', 'boss@contoso.com']);
    const unrecorded = event({ UserId: 'Bob@Contoso.com' });
    expect([unrecorded.actor, unrecorded.mailbox, unrecorded.sentAs]).toEqual(['bob@contoso.com', null, null]);
  });

  it('reads Graph\'s annotated auditData: @odata.type keys ignored, #Int64 numbers read, the Z time read as UTC', () => {
    const result = normalizeRecord(
      {
        id: 'g1',
        userId: '10032002359E261F',
        userPrincipalName: 'a@contoso.com',
        clientIp: null,
        administrativeUnits: [''],
        auditData: {
          '@odata.type': '#microsoft.graph.security.defaultAuditData',
          CreationTime: '2026-09-01T10:15:22Z',
          Id: 'G1',
          Operation: 'SendAs',
          'LogonType@odata.type': '#Int64',
          LogonType: 1,
          'UserType@odata.type': '#Int64',
          UserType: 0,
          UserId: 'A@contoso.com',
          ClientIPAddress: '203.0.113.7',
          SendAsUserSmtp: 'shared@contoso.com',
        },
      },
      TEST_BOUNDS,
    );
    expect(result).toMatchObject({ kind: 'event', event: { id: 'g1', time: '2026-09-01T10:15:22.000Z', logonType: 1, userType: 0, actor: 'a@contoso.com', clientIp: '203.0.113.7', sentAs: 'shared@contoso.com' } });
  });

  it('rejects AuditData that is not an object', () => {
    expect(normalizeRecord({ AuditData: '[1]' }, TEST_BOUNDS)).toMatchObject({ kind: 'rejected', rejection: { code: 'not-an-object' } });
    expect(normalizeRecord(null, TEST_BOUNDS)).toMatchObject({ kind: 'rejected', rejection: { message: 'expected a JSON object, found null' } });
  });
});
