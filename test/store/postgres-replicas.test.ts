import { Client } from 'pg';
import { QueryJournal } from '../../src/audit/graph';
import { loadConfig } from '../../src/config';
import type { AuditEvent } from '../../src/audit/event';
import { DeliveryWorker } from '../../src/notify/deliver';
import { BotFrameworkSender } from '../../src/notify/sender';
import { DEFAULT_NOTIFY_SETTINGS } from '../../src/notify/settings';
import { createAdapter } from '../../src/bot/adapter';
import type { LeaderDuties } from '../../src/store/leader';
import { AdvisoryLockElection } from '../../src/store/postgres/leader';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations';
import { PostgresStore } from '../../src/store/postgres/store';
import { POSTGRES_MISSING_MESSAGE, ThrowawayPostgres, findPostgresBinaries } from '../../tools/postgres/throwaway';
import type { Store } from '../../src/store/store';
import { FakeConnector } from '../fakes/connector';
import { anomaly, conversation } from '../notify/fixtures';
import { memoryLogger } from '../notify/support';
import { classified, event } from '../support/events';
import { usePostgres } from '../support/postgres';

const postgres = usePostgres();
const NOW = '2026-11-20T06:00:00.000Z';

/** Two replicas: two stores, each with its own pool, on one database. */
async function replicas(url: string, count = 2): Promise<PostgresStore[]> {
  return Promise.all(Array.from({ length: count }, () => PostgresStore.open(url, { now: () => 0, poolSize: 6 })));
}

async function sql<T extends object>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgreSQL store shared by replicas', () => {
  let url: string;
  let stores: PostgresStore[] = [];
  beforeEach(async () => {
    url = await postgres.freshDatabase();
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
  });

  it('numbers its migrations without gaps and applies them once when replicas start together', async () => {
    const versions = POSTGRES_MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    stores = await replicas(url, 4);
    expect(stores.map((s) => s.schemaVersion())).toEqual(stores.map(() => versions.length));
    expect(await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(versions.map((version) => ({ version })));
  });

  it('stores each record once when two replicas ingest overlapping batches at the same time, and keeps the totals true', async () => {
    stores = await replicas(url);
    const actors = ['alex.wilber@contoso.com', 'lee.gu@contoso.com', 'finance@contoso.com', 'megan.bowen@fabrikam.com'];
    const events: AuditEvent[] = Array.from({ length: 6000 }, (_, i) =>
      event({ time: new Date(Date.parse('2026-11-01T00:00:00.000Z') + i * 60_000).toISOString(), actor: actors[i % actors.length], sentAs: i % 3 === 0 ? 'hr@contoso.com' : 'finance@contoso.com' }),
    );
    const batches = (from: number, to: number, size: number) => Array.from({ length: (to - from) / size }, (_, b) => events.slice(from + b * size, from + (b + 1) * size).map(classified));
    // Replica A takes 0..4000, replica B 2000..6000 in the opposite order; each runs several batches at once.
    const runs = [
      ...batches(0, 4000, 500).map((batch) => stores[0].ingest(batch)),
      ...batches(2000, 6000, 500).reverse().map((batch) => stores[1].ingest([...batch].reverse())),
    ];
    const results = await Promise.all(runs);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(6000);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(2000);
    const totals = await stores[1].stats();
    expect(totals.totalEvents).toBe(6000);
    const counted = await stores[0].stats({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(totals.byCategory).toEqual(counted.byCategory);
    const expected = new Map<string, number>();
    for (const e of events) for (const a of [e.actor, e.sentAs ?? '']) expected.set(a, (expected.get(a) ?? 0) + 1);
    const known = await stores[0].findAddresses('', 20);
    expect(Object.fromEntries(known.map((k) => [k.address, k.events]))).toEqual(Object.fromEntries(expected));
  });

  it('announces an anomaly once when two replicas detect it at the same time', async () => {
    stores = await replicas(url);
    for (const id of ['a:one', 'a:two', 'a:three']) {
      await stores[0].saveConversation(conversation(id), NOW);
      await stores[0].subscribe(id, { at: NOW, locale: 'en-US', timeZone: 'UTC', catchUpFrom: null });
    }
    const found = ['new-delegate', 'spike', 'external-actor', 'risky-client'].map((kind) => anomaly({ kind: kind as 'spike' }));
    const results = await Promise.all([stores[0].recordAnomalies(found, NOW, { announce: true }), stores[1].recordAnomalies([...found].reverse(), NOW, { announce: true })]);
    expect(results[0].added + results[1].added).toBe(4);
    expect(results[0].announced + results[1].announced).toBe(4);
    expect(results[0].enqueued + results[1].enqueued).toBe(12);
    expect((await stores[0].outboxCounts()).deliveries.pending).toBe(12);
  });

  it('reclassifies each row once when replicas start a new classifier version together', async () => {
    stores = await replicas(url);
    await stores[0].ingest(Array.from({ length: 3000 }, () => classified(event())));
    const unknown = () => ({ category: 'unknown' as const, confidence: 'low' as const, reasons: [], ruleId: 'Test.Unknown.All' });
    const changed = await Promise.all(stores.map((s) => s.reclassify(999, () => Promise.resolve(unknown))));
    expect(changed[0] + changed[1]).toBe(3000);
    expect((await stores[0].stats()).byCategory).toMatchObject({ delegate: 0, unknown: 3000 });
  });

  it('shares the Graph query journal: replicas reserving and recording at once never overspend or lose an entry', async () => {
    stores = await replicas(url, 3);
    const journals = stores.map((s) => new QueryJournal(s));
    const at = new Date('2026-11-20T06:00:00.000Z');
    const granted = await Promise.all(Array.from({ length: 30 }, (_, i) => journals[i % 3].reserveSubmission(at, 10)));
    expect(granted.filter(Boolean)).toHaveLength(10);
    expect(await journals[0].submissionsInLastDay(at)).toBe(10);
    const entries = Array.from({ length: 24 }, (_, h) => ({
      queryId: `q${h}`,
      window: { from: new Date(at.getTime() + h * 3_600_000).toISOString(), to: new Date(at.getTime() + (h + 1) * 3_600_000).toISOString() },
      baseUrl: 'https://graph.microsoft.com/v1.0',
      createdAt: at.toISOString(),
    }));
    await Promise.all(entries.map((entry, i) => journals[i % 3].record(entry)));
    await Promise.all(['q3', 'q7', 'q11'].map((id, i) => journals[(i + 1) % 3].forget(id)));
    expect((await journals[2].pending()).map((e) => e.queryId).sort()).toEqual(entries.map((e) => e.queryId).filter((id) => !['q3', 'q7', 'q11'].includes(id)).sort());
  });

  it('saves the rights directory from replicas starting together: no collision, one whole directory kept', async () => {
    stores = await replicas(url, 4);
    const directory = new Map(Array.from({ length: 200 }, (_, i) => [`user${i}`, `user${i}@contoso.com`] as const));
    await Promise.all(stores.map((store) => store.saveDirectory(directory)));
    expect(await stores[0].loadDirectory()).toEqual(directory);
  });

  it('keeps every window when replicas mark coverage at the same time', async () => {
    stores = await replicas(url);
    const hour = (h: number) => new Date(Date.parse('2026-11-01T00:00:00.000Z') + h * 3_600_000).toISOString();
    await Promise.all(Array.from({ length: 48 }, (_, h) => stores[h % 2].markCovered({ from: hour(h), to: hour(h + 1) }, 'graph', { level: 'settled', checkedAt: hour(48) })));
    expect(await stores[0].uncovered({ from: hour(0), to: hour(48) })).toEqual([]);
  });

  it('keeps text PostgreSQL cannot hold as near as it can, the raw record exactly, and numbers exactly', async () => {
    stores = await replicas(url, 1);
    const raw = { Subject: 'Invoice\u00004411 \uD800', Nested: { Emoji: '\uD83D\uDCE7', Quote: '"\\' } };
    const e = event({ subject: 'Invoice\u00004411 \uD800 \uD83D\uDCE7', client: '\uDC00x', logonType: 1e20, rawJson: JSON.stringify(raw) });
    expect(await stores[0].ingest([classified(e)])).toEqual({ inserted: 1, duplicates: 0 });
    const stored = await stores[0].getEvent(e.id);
    expect(stored).toMatchObject({ subject: 'Invoice\uFFFD4411 \uFFFD \uD83D\uDCE7', client: '\uFFFDx', logonType: 1e20 });
    expect(JSON.parse(stored?.rawJson ?? 'null')).toEqual(raw);
  });

  describe('notifications from two replicas delivering at once, through the Bot Connector', () => {
    let connector: FakeConnector;
    beforeEach(async () => {
      connector = await new FakeConnector().start();
      // Slow answers keep sends on the wire while the other replica claims.
      connector.delayMs = 150;
    });
    afterEach(() => connector.stop());

    it('sends each conversation its card exactly once', async () => {
      stores = await replicas(url);
      const ids = Array.from({ length: 30 }, (_, i) => `a:chat-${i}`);
      for (const id of ids) {
        await stores[0].saveConversation(conversation(id, connector.url), NOW);
        await stores[0].subscribe(id, { at: NOW, locale: 'en-US', timeZone: 'UTC', catchUpFrom: null });
      }
      await stores[1].recordAnomalies([anomaly(), anomaly({ kind: 'spike' }), anomaly({ kind: 'external-actor', actor: 'megan.bowen@fabrikam.com' })], NOW, { announce: true });
      const config = loadConfig({ LOG_LEVEL: 'silent' });
      if (!config.ok) throw new Error(config.errors.join('; '));
      const claimedBy = [0, 0];
      const workers = stores.map((store, i) => {
        const counting: Store = Object.create(store) as Store;
        counting.claimDeliveries = async (options) => {
          const claims = await store.claimDeliveries(options);
          claimedBy[i] += claims.length;
          return claims;
        };
        return new DeliveryWorker({
          store: counting,
          sender: new BotFrameworkSender(createAdapter(config.config), '', 5000, () => Date.parse(NOW), () => undefined),
          clock: { now: () => new Date(NOW) },
          logger: memoryLogger(),
          settings: { ...DEFAULT_NOTIFY_SETTINGS, perTenant: [{ windowMs: 1000, max: 1000 }] },
        });
      });
      for (const worker of workers) worker.start();
      await eventually(async () => (await stores[0].outboxCounts()).deliveries.sent === 90, 60_000, 'all 90 deliveries sent');
      await Promise.all(workers.map((w) => w.stop()));
      const sends = connector.calls.filter((c) => c.kind === 'send');
      expect(sends.map((c) => c.conversationId).sort()).toEqual([...ids].sort());
      expect(claimedBy[0]).toBeGreaterThan(0);
      expect(claimedBy[1]).toBeGreaterThan(0);
      expect(claimedBy[0] + claimedBy[1]).toBe(30);
    }, 90_000);
  });
});

describe('leader election with an advisory lock', () => {
  let url: string;
  let elections: AdvisoryLockElection[] = [];
  beforeEach(async () => {
    url = await postgres.freshDatabase();
  });
  afterEach(async () => {
    await Promise.all(elections.map((e) => e.stop()));
    elections = [];
  });

  /** Replicas campaigning, each recording its terms. */
  function campaign(count: number, checkEveryMs: number): { log: string[]; nudges: number[] } {
    const log: string[] = [];
    const nudges = Array.from({ length: count }, () => 0);
    for (let i = 0; i < count; i += 1) {
      const election = new AdvisoryLockElection(url, { checkEveryMs, applicationName: `replica-${i}` });
      const duties: LeaderDuties = {
        elected: () => Promise.resolve(void log.push(`${i} elected`)),
        deposed: () => Promise.resolve(void log.push(`${i} deposed`)),
        nudged: () => void (nudges[i] += 1),
      };
      election.start(duties);
      elections.push(election);
    }
    return { log, nudges };
  }

  const leaders = () => elections.map((e, i) => (e.leading ? i : -1)).filter((i) => i >= 0);

  it('elects one replica of three, and another within the check interval when it stops', async () => {
    const { log } = campaign(3, 200);
    await eventually(() => leaders().length === 1, 5000, 'a leader elected');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(leaders()).toHaveLength(1);
    const [first] = leaders();
    const stoppedAt = Date.now();
    await elections[first].stop();
    await eventually(() => leaders().length === 1, 2000, 'a new leader');
    expect(Date.now() - stoppedAt).toBeLessThan(1500);
    expect(leaders()[0]).not.toBe(first);
    expect(log.slice(0, 3)).toEqual([`${first} elected`, `${first} deposed`, `${leaders()[0]} elected`]);
  });

  it('hands over when the leader’s database session dies, and the old leader steps down', async () => {
    const { log } = campaign(2, 200);
    await eventually(() => leaders().length === 1, 5000, 'a leader elected');
    const [first] = leaders();
    // What the server sees when a replica's process is killed or its host vanishes: the session ends.
    const ended = await sql<{ ok: boolean }>(url, 'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [`replica-${first}`]);
    expect(ended).toEqual([{ ok: true }]);
    await eventually(() => leaders().length === 1 && leaders()[0] !== first, 3000, 'the other replica elected');
    await eventually(() => log.includes(`${first} deposed`), 3000, 'the old leader deposed');
    expect(log.indexOf(`${first} deposed`)).toBeGreaterThan(0);
  });

  it('tells the leader when a follower enqueues deliveries, so catch-up cards need not wait for an idle pass', async () => {
    const { nudges } = campaign(1, 200);
    await eventually(() => leaders().length === 1, 5000, 'a leader elected');
    const follower = await PostgresStore.open(url);
    try {
      await follower.saveConversation(conversation('a:one'), NOW);
      await follower.subscribe('a:one', { at: NOW, locale: 'en-US', timeZone: 'UTC', catchUpFrom: null });
      await follower.recordAnomalies([anomaly()], NOW, { announce: true });
      await eventually(() => nudges[0] === 1, 2000, 'the leader nudged');
      await follower.saveConversation(conversation('a:two'), NOW);
      await follower.subscribe('a:two', { at: NOW, locale: 'en-US', timeZone: 'UTC', catchUpFrom: '2026-11-01T00:00:00.000Z' });
      await eventually(() => nudges[0] === 2, 2000, 'the leader nudged again');
    } finally {
      await follower.close();
    }
  });
});

describe('a machine without PostgreSQL', () => {
  it('fails at once with what to install', async () => {
    expect(findPostgresBinaries(['/nonexistent'])).toBeNull();
    await expect(ThrowawayPostgres.start({ searchDirs: ['/nonexistent'] })).rejects.toThrow(POSTGRES_MISSING_MESSAGE);
    expect(POSTGRES_MISSING_MESSAGE).toMatch(/apt-get install -y postgresql/);
  });
});
