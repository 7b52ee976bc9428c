import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildDirectory } from '../../src/rights/identity';
import type { RightsNormalizeResult } from '../../src/rights/record';
import { normalizeRightsRecord, sendOnBehalfChange, splitList } from '../../src/rights/record';
import { TEST_BOUNDS } from '../support/read';

const FIXTURES = join(__dirname, '..', 'fixtures', 'rights');

function rawRecords(): unknown[] {
  return readFileSync(join(FIXTURES, 'admin-auditdata.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

function change(result: RightsNormalizeResult) {
  if (result.kind !== 'change') throw new Error(`expected a change, got ${JSON.stringify(result)}`);
  return result.change;
}

describe('normalizing Exchange admin records that grant or remove rights', () => {
  const results = rawRecords().map((r) => normalizeRightsRecord(r, TEST_BOUNDS));

  it('reads Add-RecipientPermission as a Send As grant: who, when, to whom, on which mailbox, from which client', () => {
    expect(change(results[0])).toEqual({
      id: '3f1a2b4c-0001-4d2e-9f10-aa0000000001',
      time: '2026-10-01T09:15:02.000Z',
      cmdlet: 'Add-RecipientPermission',
      right: 'SendAs',
      mailbox: { text: 'finance', key: 'finance' },
      added: [{ text: 'alice@contoso.com', key: 'alice@contoso.com' }],
      removed: [],
      replaces: false,
      removedUnnamed: false,
      grantedBy: 'admin@contoso.com',
      clientIp: '192.0.2.10',
      appId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b',
      clientAppId: null,
      succeeded: true,
    });
  });

  it('reads Add-MailboxPermission as Full Access, keeping a display-name mailbox as written', () => {
    const c = change(results[1]);
    expect(c.right).toBe('FullAccess');
    expect(c.mailbox).toEqual({ text: 'Finance Team', key: 'finance team' });
    expect(c.added.map((t) => t.key)).toEqual(['bob@contoso.com']);
    expect(c.clientIp).toBe('2001:db8::10');
  });

  it('reads Set-Mailbox -GrantSendOnBehalfTo @{Add=…} and @{Remove=…} as adds and removals, not a replacement', () => {
    const add = change(results[2]);
    expect(add.right).toBe('SendOnBehalf');
    expect(add.mailbox.key).toBe('ceo@contoso.com');
    expect(add.added.map((t) => t.key)).toEqual(['emily.braun@contoso.com', 'carol@contoso.com']);
    expect(add.replaces).toBe(false);
    const remove = change(results[3]);
    expect(remove.removed.map((t) => t.key)).toEqual(['carol@contoso.com']);
    expect(remove.added).toEqual([]);
  });

  it('keeps a failed cmdlet, marked as not having run', () => {
    const failed = change(results[4]);
    expect(failed.cmdlet).toBe('Remove-RecipientPermission');
    expect(failed.succeeded).toBe(false);
  });

  it('skips Set-Mailbox without GrantSendOnBehalfTo and other cmdlets, saying why', () => {
    expect(results[5]).toEqual({ kind: 'skipped', operation: 'Set-Mailbox', why: 'no-right-changed' });
    expect(results[6]).toEqual({ kind: 'skipped', operation: 'New-InboxRule', why: 'other-operation' });
  });

  it('rejects a grant without a Trustee and a bad time, naming the field and never the content', () => {
    expect(results[7]).toEqual({ kind: 'rejected', rejection: { code: 'bad-parameter', message: expect.stringContaining('Trustee parameter is missing') } });
    expect(results[8].kind).toBe('rejected');
    const message = results[8].kind === 'rejected' ? results[8].rejection.message : '';
    expect(message).toContain('CreationTime');
    expect(message).not.toContain('secret');
    expect(message).not.toContain('not a time');
  });

  it('reads Graph auditLogRecords with auditData nested, @odata annotations ignored', () => {
    const page = JSON.parse(readFileSync(join(FIXTURES, 'admin-graph.json'), 'utf8'));
    const [removal, replace] = page.value.map((r: unknown) => change(normalizeRightsRecord(r, TEST_BOUNDS)));
    expect(removal).toMatchObject({ cmdlet: 'Remove-MailboxPermission', right: 'FullAccess', removed: [{ key: 'bob@contoso.com' }], clientAppId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b', appId: null });
    expect(replace).toMatchObject({ right: 'SendOnBehalf', replaces: true, removedUnnamed: false });
    expect(replace.added.map((t: { key: string }) => t.key)).toEqual(['emily.braun@contoso.com', 'gavin@contoso.com']);
  });

  it('reads a Purview CSV row through its AuditData column, and a guest trustee as written', () => {
    const rows = parse(readFileSync(join(FIXTURES, 'admin-purview.csv')), { columns: true });
    const c = change(normalizeRightsRecord(rows[0], TEST_BOUNDS));
    expect(c).toMatchObject({ id: '3f1a2b4c-0201-4d2e-9f10-aa0000000201', grantedBy: 'it.ops@contoso.com', clientIp: '192.0.2.12', mailbox: { key: 'legal' } });
    expect(c.added[0].key).toBe('vendor_fabrikam.com#ext#@contoso.onmicrosoft.com');
  });

  it('maps aliases and display names to addresses through a directory from the mailbox export', () => {
    const directory = buildDirectory([{ address: 'finance@contoso.com', names: ['finance', 'Finance Team'] }]);
    expect(change(normalizeRightsRecord(rawRecords()[1], TEST_BOUNDS, directory)).mailbox).toEqual({ text: 'Finance Team', key: 'finance@contoso.com' });
  });

  it('skips Add-MailboxPermission with rights other than Full Access, and treats a Deny entry as taking Full Access away', () => {
    const base = rawRecords()[1] as Record<string, unknown>;
    const readOnly = { ...base, Parameters: [{ Name: 'Identity', Value: 'x' }, { Name: 'User', Value: 'y' }, { Name: 'AccessRights', Value: 'ReadPermission' }] };
    expect(normalizeRightsRecord(readOnly, TEST_BOUNDS)).toMatchObject({ kind: 'skipped', why: 'no-right-changed' });
    const deny = { ...base, Parameters: [{ Name: 'Identity', Value: 'x' }, { Name: 'User', Value: 'y' }, { Name: 'AccessRights', Value: 'FullAccess' }, { Name: 'Deny', Value: 'True' }] };
    expect(change(normalizeRightsRecord(deny, TEST_BOUNDS)).removed.map((t) => t.key)).toEqual(['y']);
  });

  it('rejects records whose Parameters are not a list, and non-objects', () => {
    const base = rawRecords()[0] as Record<string, unknown>;
    expect(normalizeRightsRecord({ ...base, Parameters: 'Identity=finance' }, TEST_BOUNDS)).toMatchObject({ kind: 'rejected', rejection: { code: 'missing-field' } });
    expect(normalizeRightsRecord([base], TEST_BOUNDS)).toMatchObject({ kind: 'rejected', rejection: { code: 'not-an-object' } });
    expect(normalizeRightsRecord({ AuditData: '{"Operation":' }, TEST_BOUNDS)).toMatchObject({ kind: 'rejected', rejection: { code: 'bad-json' } });
  });
});

describe('GrantSendOnBehalfTo values', () => {
  it('tells a whole list, a hashtable, $null and an unspelt hashtable apart', () => {
    expect(sendOnBehalfChange('a@contoso.com,b@contoso.com')).toEqual({ added: ['a@contoso.com', 'b@contoso.com'], removed: [], replaces: true, removedUnnamed: false });
    expect(sendOnBehalfChange('@{Add="a@contoso.com"; Remove="b@contoso.com","c@contoso.com"}')).toEqual({ added: ['a@contoso.com'], removed: ['b@contoso.com', 'c@contoso.com'], replaces: false, removedUnnamed: false });
    expect(sendOnBehalfChange('')).toEqual({ added: [], removed: [], replaces: true, removedUnnamed: true });
    expect(sendOnBehalfChange('System.Collections.Hashtable')).toEqual({ added: [], removed: [], replaces: false, removedUnnamed: true });
    expect(sendOnBehalfChange('@{Remove=}')).toEqual({ added: [], removed: [], replaces: false, removedUnnamed: true });
  });

  it('splits quoted names that hold separators as one', () => {
    expect(splitList('"Braun, Emily";\'Ito; Ken\',x@contoso.com')).toEqual(['Braun, Emily', 'Ito; Ken', 'x@contoso.com']);
  });
});
