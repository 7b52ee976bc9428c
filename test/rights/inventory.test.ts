import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buildDirectory } from '../../src/rights/identity';
import { EXPORT_COMMANDS, inventoryFromRows, readInventory, sendOnBehalfMembers } from '../../src/rights/inventory';

const FIXTURES = join(__dirname, '..', 'fixtures', 'rights');
const open = (name: string) => createReadStream(join(FIXTURES, name));

function pairs(holdings: readonly { mailbox: { key: string }; trustee: { key: string }; right: string }[]): string[][] {
  return holdings.map((h) => [h.mailbox.key, h.trustee.key, h.right]);
}

describe('reading rights inventory exports', () => {
  it('Get-EXORecipientPermission with a #TYPE line: skips SELF, inherited and Deny rows and says so; a type-name AccessRights is still Send As', async () => {
    const result = await readInventory(open('recipient-permissions.csv'));
    expect(result.kind).toBe('recipient-permission');
    expect(pairs(result.holdings)).toEqual([
      ['finance', 'bob@contoso.com', 'SendAs'],
      ['legal', 'carol@contoso.com', 'SendAs'],
    ]);
    expect(result.skipped).toEqual({ self: 1, inherited: 1, deny: 1 });
    expect(result.rejected).toEqual([{ row: 6, message: 'Trustee is empty' }]);
    expect(result.rows).toBe(6);
  });

  it('Get-EXOMailboxPermission saved with -UseCulture (;): Full Access only, advice when AccessRights was written as a type name', async () => {
    const result = await readInventory(open('mailbox-permissions-semicolon.csv'));
    expect(result.kind).toBe('mailbox-permission');
    expect(pairs(result.holdings)).toEqual([['finance', 'alice@contoso.com', 'FullAccess']]);
    expect(result.skipped).toEqual({ self: 1, inherited: 2, 'other-right': 1, 'unreadable-rights': 1 });
    expect(result.advice).toEqual(['expand-access-rights']);
  });

  it('Get-EXOMailbox saved by Japanese Excel (Shift_JIS): expanded lists, space-joined addresses, a display name kept whole, and the directory', async () => {
    const encodings: string[] = [];
    const result = await readInventory(open('mailboxes-shift-jis.csv'), undefined, (e) => encodings.push(e));
    expect(encodings).toEqual(['shift_jis']);
    expect(pairs(result.holdings)).toEqual([
      ['ceo@contoso.com', 'emily.braun@contoso.com', 'SendOnBehalf'],
      ['ceo@contoso.com', '佐藤 花子', 'SendOnBehalf'],
      ['legal@contoso.com', 'kenji@contoso.com', 'SendOnBehalf'],
      ['legal@contoso.com', 'carol@contoso.com', 'SendOnBehalf'],
      ['hr@contoso.com', 'emily braun', 'SendOnBehalf'],
    ]);
    expect(result.skipped).toEqual({ 'no-delegates': 1 });
    const directory = buildDirectory(result.mailboxes);
    expect(directory.get('最高経営責任者')).toBe('ceo@contoso.com');
    expect(directory.get('finance team')).toBe('finance@contoso.com');
  });

  it('an unexpanded GrantSendOnBehalfTo (UTF-16 from -Encoding Unicode) gives no holdings and the command to export it right', async () => {
    const result = await readInventory(open('mailboxes-unexpanded-utf16.csv'));
    expect(result.holdings).toEqual([]);
    expect(result.skipped).toEqual({ 'unreadable-rights': 1 });
    expect(result.advice).toEqual(['expand-send-on-behalf']);
    expect(EXPORT_COMMANDS['expand-send-on-behalf']).toContain("-join ';'");
  });

  it('resolves names through a directory, and refuses a file that is none of the exports without quoting it', async () => {
    const directory = buildDirectory([{ address: 'finance@contoso.com', names: ['finance'] }]);
    const result = inventoryFromRows('recipient-permission', [{ Identity: 'Finance', Trustee: 'bob@contoso.com', AccessRights: 'SendAs', IsInherited: 'False', AccessControlType: 'Allow' }], directory);
    expect(result.holdings[0].mailbox).toEqual({ text: 'Finance', key: 'finance@contoso.com' });
    await expect(readInventory(Readable.from([Buffer.from('Name,Secret\r\nx,hunter2\r\n')]))).rejects.toThrow(/not a rights export/);
    await expect(readInventory(Readable.from([Buffer.from('Identity,Trustee,AccessRights\r\n"fin"ance,bob,SendAs\r\n')]))).rejects.toThrow(/^(?!.*fin).*line 2/);
  });

  it('splits GrantSendOnBehalfTo the ways admins write it', () => {
    expect(sendOnBehalfMembers('{a@contoso.com, b@contoso.com}')).toEqual(['a@contoso.com', 'b@contoso.com']);
    expect(sendOnBehalfMembers('Emily Braun')).toEqual(['Emily Braun']);
    expect(sendOnBehalfMembers('System.Collections.Generic.List`1[System.String]')).toBeNull();
    expect(sendOnBehalfMembers('')).toEqual([]);
  });
});
