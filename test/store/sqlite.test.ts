import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/store';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations';
import { classified, event } from '../support/events';
import { describeStoreContract } from './contract';

describeStoreContract('SQLite (in memory)', () => Promise.resolve(new SqliteStore(':memory:', { now: () => 0 })));

describe('SQLite store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its folder, migrates once, and keeps data across reopen', async () => {
    const path = join(dir, 'nested', 'sendas.db');
    const first = new SqliteStore(path);
    expect(first.schemaVersion()).toBe(SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1].version);
    const e = event();
    await first.ingest([classified(e)]);
    await first.close();
    const second = new SqliteStore(path);
    expect((await second.getEvent(e.id))?.id).toBe(e.id);
    expect(await second.ingest([classified(e)])).toEqual({ inserted: 0, duplicates: 1 });
    await second.close();
  });

  it('numbers migrations 1..n without gaps', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1));
  });

  it('refuses a path it cannot open with a clear error', () => {
    writeFileSync(join(dir, 'a-file'), '');
    expect(() => new SqliteStore(join(dir, 'a-file', 'sendas.db'))).toThrow(/cannot open the store at .*a-file/);
  });
});
