import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { loadDemoTenant } from '../../src/sources/demo';
import { SqliteStore } from '../../src/store/sqlite/store';
import { FakeConnector } from '../fakes/connector';
import { demoGraphRecords } from '../fakes/demo-records';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import { postActivity, teamsMessage } from '../support/activities';
import { LOCK_NAMESPACE, LOCK_ROLES } from '../../src/store/postgres/db';
import { usePostgres } from '../support/postgres';
import { startAppProcess } from './support/app-process';

/** The demo tenant plants its anomalies on 2026-11-19; the replicas start the next morning. */
const EPOCH = '2026-11-20T06:00:00.000Z';
/** Replicas try for the leadership every second: a killed leader is replaced within about that. */
const CHECK_SECONDS = 1;
const TAKEOVER_BOUND_MS = CHECK_SECONDS * 1000 + 3000;

interface Replica {
  readonly name: string;
  readonly process: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

const postgres = usePostgres();
const running: Replica[] = [];

async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const started = await startAppProcess({ LOG_LEVEL: 'silent', LEADER_CHECK_SECONDS: String(CHECK_SECONDS), SENDAS_TEST_EPOCH: EPOCH, ...env }, `replica ${name}`);
  const replica = { name, process: started.process, url: started.url, exited: started.exited };
  running.push(replica);
  return replica;
}

/** Whether `replica` believes it leads (and so runs ingestion and notifications), from its /healthz. */
async function saysLeader(replica: Replica): Promise<boolean> {
  const health = (await (await fetch(`${replica.url}/healthz`)).json()) as { leader?: unknown };
  return health.leader === true;
}

/** What a crashed host does: no shutdown, no goodbye to the database. */
async function kill(replica: Replica): Promise<void> {
  replica.process.kill('SIGKILL');
  await replica.exited;
  running.splice(running.indexOf(replica), 1);
}

/**
 * Whether `replica` holds the leadership, as the database sees it: its election session (named after
 * its process id) holds the advisory lock.
 */
async function isLeader(url: string, replica: Replica): Promise<boolean> {
  const holders = await query<{ name: string }>(
    url,
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.granted`,
    [LOCK_NAMESPACE, LOCK_ROLES.leader],
  );
  return holders.some((h) => h.name.endsWith(` ${replica.process.pid}`));
}

async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function query<T extends object>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Totals kept beside the events, recounted from the events themselves: double counting shows here. */
async function totalsAgree(url: string): Promise<void> {
  const [events] = await query<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM events');
  const [distinct] = await query<{ n: string }>(url, 'SELECT COUNT(DISTINCT id) AS n FROM events');
  expect(distinct.n).toBe(events.n);
  const kept = await query<{ category: string; events: string }>(url, 'SELECT category, events FROM category_totals ORDER BY category');
  const counted = await query<{ category: string; events: string }>(url, 'SELECT category, COUNT(*)::bigint AS events FROM events GROUP BY category ORDER BY category');
  expect(kept).toEqual(counted);
  const addresses = await query<{ address: string; events: string }>(url, 'SELECT address, events FROM addresses ORDER BY address');
  const recounted = await query<{ address: string; events: string }>(
    url,
    `SELECT address, COUNT(*)::bigint AS events FROM (SELECT actor AS address FROM events UNION ALL SELECT sent_as FROM events) a
     WHERE address IS NOT NULL AND address <> '' GROUP BY address ORDER BY address`,
  );
  expect(addresses).toEqual(recounted);
}

afterAll(async () => {
  for (const replica of [...running]) await kill(replica);
});

describe('two bot processes on one PostgreSQL database, over the demo tenant', () => {
  let url: string;
  let connector: FakeConnector;
  let replicas: Replica[];

  beforeAll(async () => {
    url = await postgres.freshDatabase();
    connector = await new FakeConnector().start();
    const env = { STORE_URL: url, AUDIT_SOURCE: 'demo', DEMO_USERS: '200', DEMO_DAYS: '30' };
    // Started together: both migrate and both load the demo tenant at once, the same records.
    replicas = await Promise.all([startReplica('a', env), startReplica('b', env)]);
  }, 120_000);
  afterAll(() => connector.stop());

  const proactive = (conversationId: string) => connector.calls.filter((c) => c.kind === 'send' && c.conversationId === conversationId);

  async function subscribe(replica: Replica, conversationId: string): Promise<void> {
    const activity = teamsMessage({ serviceUrl: connector.url, text: 'subscribe', conversationId });
    expect((await postActivity(replica.url, activity)).status).toBe(200);
    await connector.waitFor((calls) => calls.some((c) => c.kind === 'reply' && c.activityId === activity.id));
  }

  const leaders = async () => (await Promise.all(replicas.map((r) => isLeader(url, r)))).filter(Boolean).length;

  it('stores each demo record once, with totals that agree with the events', async () => {
    const single = new SqliteStore(':memory:');
    try {
      await loadDemoTenant(single, { users: 200, days: 30, seed: '42' }, new Date(EPOCH));
      const [stored] = await query<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM events');
      expect(Number(stored.n)).toBe((await single.stats()).totalEvents);
    } finally {
      await single.close();
    }
    await totalsAgree(url);
  });

  it('elects exactly one of them, which knows it leads', async () => {
    await eventually(async () => (await leaders()) === 1, 10_000, 'a leader');
    await new Promise((resolve) => setTimeout(resolve, CHECK_SECONDS * 1500));
    expect(await leaders()).toBe(1);
    // Each replica learns its role at its next lease check: on a loaded machine that can lag a check or two.
    await eventually(
      async () => {
        const holds = await Promise.all(replicas.map((r) => isLeader(url, r)));
        const says = await Promise.all(replicas.map(saysLeader));
        return holds.filter(Boolean).length === 1 && says.every((said, i) => said === holds[i]);
      },
      CHECK_SECONDS * 5000,
      'the leader says it leads and the other says it follows',
    );
  });

  it('delivers each anomaly card once, whichever replica was asked to subscribe', async () => {
    await eventually(async () => Number((await query<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM anomalies WHERE announced_ms IS NOT NULL'))[0].n) >= 3, 30_000, 'anomalies announced');
    const [leader, follower] = (await isLeader(url, replicas[0])) ? replicas : [replicas[1], replicas[0]];
    // Asked of the follower: its subscribe enqueues the catch-up, and the leader, nudged, sends it at once
    // (its delivery loop would otherwise sleep up to ten minutes).
    await subscribe(follower, 'a:via-follower');
    await connector.waitFor(() => proactive('a:via-follower').length === 1, 10_000);
    await subscribe(leader, 'a:via-leader');
    await connector.waitFor(() => proactive('a:via-leader').length === 1, 10_000);
    await eventually(async () => (await query(url, "SELECT 1 FROM deliveries WHERE state <> 'sent'")).length === 0, 10_000, 'every delivery recorded as sent');
    const [sent] = await query<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM deliveries');
    expect(Number(sent.n)).toBeGreaterThanOrEqual(6);
  }, 90_000);

  it('hands over within the bound when the leader is killed, and the new leader sends nothing twice', async () => {
    const leader = (await isLeader(url, replicas[0])) ? replicas[0] : replicas[1];
    const survivor = replicas.find((r) => r !== leader) as Replica;
    const [before] = await query<{ seen: string }>(url, 'SELECT MAX(last_seen_ms) AS seen FROM anomalies');
    const cardsBefore = connector.calls.filter((c) => c.kind === 'send').length;
    const killedAt = Date.now();
    await kill(leader);
    await eventually(() => isLeader(url, survivor), TAKEOVER_BOUND_MS, 'the survivor leads');
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_BOUND_MS);
    await eventually(() => saysLeader(survivor), 3000, 'the survivor knows it leads');
    // The new leader runs detection at once and finds the same anomalies again: recorded, not re-announced.
    await eventually(async () => Number((await query<{ seen: string }>(url, 'SELECT MAX(last_seen_ms) AS seen FROM anomalies'))[0].seen) > Number(before.seen), 15_000, 'detection on the new leader');
    await subscribe(survivor, 'a:after-takeover');
    await connector.waitFor(() => proactive('a:after-takeover').length === 1, 20_000);
    await eventually(async () => (await query(url, "SELECT 1 FROM deliveries WHERE state <> 'sent'")).length === 0, 10_000, 'every delivery recorded as sent');
    expect(connector.calls.filter((c) => c.kind === 'send').length).toBe(cardsBefore + 1);
    for (const id of ['a:via-follower', 'a:via-leader', 'a:after-takeover']) expect(proactive(id)).toHaveLength(1);
  }, 90_000);
});

describe('Graph ingestion handed over when the ingesting replica is killed mid-backfill', () => {
  const NOW = new Date(EPOCH);
  let url: string;
  let fake: FakeGraph;

  beforeAll(async () => {
    url = await postgres.freshDatabase();
    // Each audit query runs through 40 status polls (about 1.6 s here): the backfill is still going when the leader dies.
    fake = await startFakeGraph({
      records: demoGraphRecords({ end: EPOCH, days: 10, users: 60, seed: 11 }),
      now: () => NOW,
      pollsRunning: 40,
      identity: { tenantId: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', clientId: '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70', managedIdentityHeader: 'replica-test-header' },
    });
  }, 60_000);
  afterAll(() => fake.close());

  it('lets the survivor finish the backfill: every record stored once', async () => {
    const env = {
      STORE_URL: url,
      AUDIT_SOURCE: 'graph',
      IDENTITY_ENDPOINT: fake.managedIdentityEndpoint,
      IDENTITY_HEADER: 'replica-test-header',
      GRAPH_BASE_URL: fake.baseUrl,
      BACKFILL_DAYS: '6',
      SENDAS_TEST_MAX_SLEEP_MS: '40',
    };
    const pair = await Promise.all([startReplica('graph-a', env), startReplica('graph-b', env)]);
    await eventually(async () => (await isLeader(url, pair[0])) || (await isLeader(url, pair[1])), 10_000, 'a leader');
    const [first, second] = (await isLeader(url, pair[0])) ? pair : [pair[1], pair[0]];
    await eventually(() => fake.requests.some((r) => r.route === 'records'), 30_000, 'the leader ingesting');
    const cursor = JSON.parse((await query<{ value: string }>(url, "SELECT value FROM state WHERE key = 'ingest.graph.cursor'"))[0].value) as {
      backfill: { from: string; to: string; remaining: unknown[] } | null;
    };
    expect(cursor.backfill?.remaining.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    await kill(first);
    await eventually(() => isLeader(url, second), TAKEOVER_BOUND_MS, 'the standby leads');
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_BOUND_MS);
    const { from, to } = cursor.backfill ?? { from: '', to: '' };
    await eventually(
      async () => (JSON.parse((await query<{ value: string }>(url, "SELECT value FROM state WHERE key = 'ingest.graph.cursor'"))[0].value) as { backfill: unknown }).backfill === null,
      60_000,
      'the backfill finished',
    );
    const expected = fake.idsIn(from, to).sort();
    const stored = (await query<{ id: string }>(url, 'SELECT id FROM events WHERE time_ms >= $1 AND time_ms < $2 ORDER BY id', [Date.parse(from), Date.parse(to)])).map((r) => r.id);
    expect(stored).toEqual(expected);
    await totalsAgree(url);
  }, 90_000);
});
