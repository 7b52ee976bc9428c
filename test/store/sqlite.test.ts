import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditEvent } from '../../src/audit/event';
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

  it('upgrades coverage to two levels: older than the last re-sweep settled, newer provisional as checked at its end', async () => {
    const path = join(dir, 'v3.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms INTEGER NOT NULL)');
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= 3)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.description);
    }
    // The migration reads the real clock, so the rows sit days away from its 74-hour line.
    const hour = 3600_000;
    const end = Math.floor(Date.now() / hour) * hour;
    const at = (hoursAgo: number): string => new Date(end - hoursAgo * hour).toISOString();
    old.prepare('INSERT INTO coverage (source, from_ms, to_ms) VALUES (?, ?, ?)').run('graph', end - 240 * hour, end - 120 * hour);
    old.prepare('INSERT INTO coverage (source, from_ms, to_ms) VALUES (?, ?, ?)').run('graph', end - 120 * hour, end - 2 * hour);
    old.close();

    const store = new SqliteStore(path);
    expect(await store.coverage({ from: at(300), to: at(0) })).toEqual([
      { from: at(240), to: at(120), level: 'settled', checkedAt: at(120) },
      { from: at(120), to: at(2), level: 'provisional', checkedAt: at(2) },
    ]);
    await store.close();
  });

  it('upgrades a store written before addresses were numbered, keeping what it answers', async () => {
    const path = join(dir, 'v2.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms INTEGER NOT NULL)');
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= 2)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.description);
    }
    const written = [event(), event({ actor: 'lee.gu@contoso.com' }), event({ operation: 'SendOnBehalf', sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com' })];
    for (const e of written) {
      old
        .prepare(
          `INSERT INTO events (id, time_ms, operation, actor, mailbox, sent_as, category, confidence, rule_id, reasons, classifier_version, raw)
           VALUES (?, ?, ?, ?, ?, ?, 'delegate', 'high', 'Classify.Delegate.OtherMailbox', '[]', 1, ?)`,
        )
        .run(e.id, Date.parse(e.time), e.operation, e.actor, e.mailbox, e.sentAs, e.rawJson);
      for (const address of [e.actor, e.sentAs]) {
        old.prepare('INSERT INTO addresses VALUES (?, 1) ON CONFLICT (address) DO UPDATE SET events = events + 1').run(address);
      }
    }
    old.close();

    const store = new SqliteStore(path);
    const week = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };
    expect(store.schemaVersion()).toBe(SQLITE_MIGRATIONS.length);
    expect((await store.summarize({ ...week, sentAs: 'FINANCE@contoso.com' })).map((r) => [r.actor, r.count])).toEqual([
      ['alex.wilber@contoso.com', 1],
      ['lee.gu@contoso.com', 1],
    ]);
    expect((await store.listEvents({ ...week, actor: 'lee.gu@contoso.com' }, { limit: 10 })).map((e) => e.id)).toEqual([written[1].id]);
    expect(await store.findAddresses('contoso', 10)).toEqual([
      { address: 'alex.wilber@contoso.com', events: 2 },
      { address: 'finance@contoso.com', events: 2 },
      { address: 'hr@contoso.com', events: 1 },
      { address: 'lee.gu@contoso.com', events: 1 },
    ]);
    expect(await store.sentAsDomains()).toEqual(['contoso.com']);
    await store.ingest([classified(event({ actor: 'lee.gu@contoso.com', sentAs: 'hr@contoso.com' }))]);
    expect((await store.summarize({ ...week, sentAs: 'hr@contoso.com' })).map((r) => [r.actor, r.count])).toEqual([
      ['alex.wilber@contoso.com', 1],
      ['lee.gu@contoso.com', 1],
    ]);
    await store.close();
  });

  it('numbers a new address again after a batch that named it was rolled back', async () => {
    const store = new SqliteStore(join(dir, 'rollback.db'));
    const unbindable = { ...event({ actor: 'first.new@contoso.com' }), subject: { not: 'text' } } as unknown as AuditEvent;
    await expect(store.ingest([classified(event({ actor: 'first.new@contoso.com' })), classified(unbindable)])).rejects.toThrow(/bind/);
    const week = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };
    expect(await store.listEvents({ ...week, actor: 'first.new@contoso.com' }, { limit: 10 })).toEqual([]);
    // The rolled-back number is free again: whichever address takes it, each must find only its own events.
    const second = event({ actor: 'second.new@contoso.com' });
    const first = event({ actor: 'first.new@contoso.com' });
    await store.ingest([classified(second), classified(first)]);
    expect((await store.listEvents({ ...week, actor: 'second.new@contoso.com' }, { limit: 10 })).map((e) => e.id)).toEqual([second.id]);
    expect((await store.listEvents({ ...week, actor: 'first.new@contoso.com' }, { limit: 10 })).map((e) => e.id)).toEqual([first.id]);
    expect((await store.findAddresses('new', 10)).map((a) => [a.address, a.events])).toEqual([
      ['first.new@contoso.com', 1],
      ['second.new@contoso.com', 1],
    ]);
    await store.close();
  });

  it('refuses a path it cannot open with a clear error', () => {
    writeFileSync(join(dir, 'a-file'), '');
    expect(() => new SqliteStore(join(dir, 'a-file', 'sendas.db'))).toThrow(/cannot open the store at .*a-file/);
  });
});
