import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readRightsRecords } from '../../src/rights/read';
import { READ_AT } from '../support/read';

const FIXTURES = join(__dirname, '..', 'fixtures', 'rights');

function summary(items: Awaited<ReturnType<typeof readRightsRecords>>): string[] {
  return items.map((i) => `${i.at.unit} ${i.at.n}: ${i.kind === 'change' ? `${i.change.cmdlet} ${i.change.right}` : i.kind === 'skipped' ? `skipped ${i.operation}` : `rejected ${i.rejection.code}`}`);
}

describe('reading admin audit files for rights', () => {
  it('reads raw AuditData as JSON Lines, each line with its position', async () => {
    const formats: string[] = [];
    const items = await readRightsRecords(createReadStream(join(FIXTURES, 'admin-auditdata.jsonl')), { readAt: READ_AT, onFormat: (f) => formats.push(f) });
    expect(formats).toEqual(['jsonl']);
    expect(summary(items)).toEqual([
      'line 1: Add-RecipientPermission SendAs',
      'line 2: Add-MailboxPermission FullAccess',
      'line 3: Set-Mailbox SendOnBehalf',
      'line 4: Set-Mailbox SendOnBehalf',
      'line 5: Remove-RecipientPermission SendAs',
      'line 6: skipped Set-Mailbox',
      'line 7: skipped New-InboxRule',
      'line 8: rejected bad-parameter',
      'line 9: rejected bad-time',
    ]);
  });

  it('reads a Graph page and a Purview CSV', async () => {
    expect(summary(await readRightsRecords(createReadStream(join(FIXTURES, 'admin-graph.json')), { readAt: READ_AT }))).toEqual([
      'record 1: Remove-MailboxPermission FullAccess',
      'record 1: Set-Mailbox SendOnBehalf',
    ]);
    expect(summary(await readRightsRecords(createReadStream(join(FIXTURES, 'admin-purview.csv')), { readAt: READ_AT }))).toEqual(['row 1: Add-RecipientPermission SendAs']);
  });

  it('reads a UTF-16 CSV with a #TYPE line and a JSON array, and rejects a broken line by position only', async () => {
    const csv = readFileSync(join(FIXTURES, 'admin-purview.csv'), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`#TYPE System.Management.Automation.PSCustomObject\r\n${csv}`, 'utf16le')]);
    expect(summary(await readRightsRecords(Readable.from([utf16]), { readAt: READ_AT }))).toEqual(['row 1: Add-RecipientPermission SendAs']);
    const lines = readFileSync(join(FIXTURES, 'admin-auditdata.jsonl'), 'utf8').trim().split('\n');
    const array = `[${lines.slice(0, 2).join(',\n')}]`;
    expect(summary(await readRightsRecords(Readable.from([Buffer.from(array)]), { readAt: READ_AT }))).toEqual(['element 1: Add-RecipientPermission SendAs', 'element 2: Add-MailboxPermission FullAccess']);
    const broken = `${lines[0]}\n{"Operation":"Add-RecipientPermission","Trustee":"secret@contoso.com"\n`;
    const items = await readRightsRecords(Readable.from([Buffer.from(broken)]), { readAt: READ_AT });
    expect(summary(items)).toEqual(['line 1: Add-RecipientPermission SendAs', 'line 2: rejected bad-json']);
    expect(JSON.stringify(items[1])).not.toContain('secret');
  });

  it('refuses a file over the size limit instead of reading part of it', async () => {
    await expect(readRightsRecords(createReadStream(join(FIXTURES, 'admin-auditdata.jsonl')), { readAt: READ_AT, maxBytes: 100 })).rejects.toThrow(/export only the permission cmdlets/);
  });
});
