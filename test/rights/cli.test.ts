import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { CliRun } from '../support/cli';
import { runCliCapturing } from '../support/cli';
import { FIXTURES } from '../support/read';

const RIGHTS = join(FIXTURES, 'rights');

const cli = (args: string[]): Promise<CliRun> => runCliCapturing(args, '2026-11-18T10:00:00Z');

describe('sendas-watch ingest-rights', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-rights-'));
    path = join(dir, 'sendas.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the mailbox export first (names), then the permission exports, each replacing its kind, and says what it skipped', async () => {
    const run = await cli([
      'ingest-rights', '--store', path, '--taken-at', '2026-11-01T00:00:00Z',
      join(RIGHTS, 'mailboxes-shift-jis.csv'), join(RIGHTS, 'recipient-permissions.csv'), join(RIGHTS, 'mailbox-permissions-semicolon.csv'),
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/mailboxes-shift-jis\.csv: Get-EXOMailbox export \(Send on Behalf, names\): \d+ rights held/);
    expect(run.err).toMatch(/recipient-permissions\.csv: Get-EXORecipientPermission export \(Send As\): 2 rights held/);
    expect(run.err).toMatch(/NT AUTHORITY\\SELF entry/);
    // The unexpanded AccessRights column: the advice carries the command that exports it as text.
    expect(run.err).toMatch(/AccessRights was exported as a type name[\s\S]*Get-EXOMailboxPermission -Identity <mailbox>/);
    const store = new SqliteStore(path);
    try {
      const snapshot = await store.currentSnapshot();
      expect(snapshot?.takenAt).toBe('2026-11-01T00:00:00.000Z');
      const held = snapshot?.holdings.map((h) => `${h.mailbox.key} ${h.trustee.key} ${h.right}`) ?? [];
      // "finance" in the permission export is the alias the mailbox export mapped to its address.
      expect(held).toContain('finance@contoso.com bob@contoso.com SendAs');
      expect(held).toContain('finance@contoso.com alice@contoso.com FullAccess');
      expect((await store.loadDirectory()).get('finance team')).toBe('finance@contoso.com');
    } finally {
      await store.close();
    }
  });

  it('stores admin audit records as changes, once, and starts the known history at the oldest', async () => {
    const first = await cli(['ingest-rights', '--store', path, join(RIGHTS, 'admin-auditdata.jsonl')]);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/stored [1-9]\d* new permission changes \(0 already stored\)/);
    const again = await cli(['ingest-rights', '--store', path, join(RIGHTS, 'admin-auditdata.jsonl')]);
    expect(again.err).toMatch(/stored 0 new permission changes \([1-9]\d* already stored\)/);
    // A Purview CSV of admin records is not an inventory export: it is read as records too.
    const purview = await cli(['ingest-rights', '--store', path, join(RIGHTS, 'admin-purview.csv')]);
    expect(purview.err).toMatch(/admin-purview\.csv: stored [1-9]\d* new permission changes/);
    const store = new SqliteStore(path);
    try {
      const changes = await store.listRightsChanges({});
      expect(changes.some((c) => c.mailbox.key === 'legal' && c.grantedBy === 'it.ops@contoso.com')).toBe(true);
      expect(changes[0].time).toBe('2026-10-01T09:15:02.000Z');
      expect(await store.rightsHistoryStart()).toBe('2026-10-01T09:15:02.000Z');
    } finally {
      await store.close();
    }
  });

  it('fails with exit 2 on a missing file and says which', async () => {
    const run = await cli(['ingest-rights', '--store', path, join(dir, 'nope.csv')]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/cannot read .*nope\.csv: no such file/);
  });
});

describe('RIGHTS_EXPORTS', () => {
  it('lists the files to load at start, in order, blanks ignored', () => {
    const result = loadConfig({ RIGHTS_EXPORTS: ' mailboxes.csv, recipient-permissions.csv,,admin.jsonl ' });
    expect(result.ok && result.config.rightsExports).toEqual(['mailboxes.csv', 'recipient-permissions.csv', 'admin.jsonl']);
    const none = loadConfig({});
    expect(none.ok && none.config.rightsExports).toEqual([]);
  });
});
