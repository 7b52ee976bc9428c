import { field, normalizeIp, normalizeRecord, parseCreationTime } from '../../src/audit/normalize';

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
      const result = normalizeRecord({ ...base, UserType: userType });
      return result.kind === 'event' ? result.event.userType : 'not an event';
    };
    expect(typeOf(5)).toBe(5);
    expect(typeOf('ServicePrincipal')).toBe(6);
    expect(typeOf('regular')).toBe(0);
    expect(typeOf('nonsense')).toBeNull();
  });

  it('skips other operations and accepts the operation in any case', () => {
    expect(normalizeRecord({ Id: 'a', CreationTime: '2026-01-01T00:00:00', Operation: 'Send' })).toEqual({ kind: 'skipped', operation: 'Send' });
    expect(normalizeRecord({ Id: 'a', CreationTime: '2026-01-01T00:00:00' })).toEqual({ kind: 'skipped', operation: '(none)' });
    const result = normalizeRecord({ Id: 'a', CreationTime: '2026-01-01T00:00:00', Operation: 'sendonbehalf', UserId: 'a@c.com' });
    expect(result.kind === 'event' && result.event.operation).toBe('SendOnBehalf');
  });

  it('takes the operation and id from the envelope when AuditData lacks them', () => {
    const result = normalizeRecord({ RecordId: 'env-id', Operation: 'SendAs', AuditData: JSON.stringify({ CreationTime: '2026-01-01T00:00:00', UserId: 'a@c.com' }) });
    expect(result.kind === 'event' && result.event.id).toBe('env-id');
  });

  it('rejects AuditData that is not an object', () => {
    expect(normalizeRecord({ AuditData: '[1]' })).toMatchObject({ kind: 'rejected', rejection: { code: 'not-an-object' } });
    expect(normalizeRecord(null)).toMatchObject({ kind: 'rejected', rejection: { message: 'expected a JSON object, found null' } });
  });
});
