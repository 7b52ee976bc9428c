import type { QueryWindow } from '../../src/audit/graph';
import { loadConfig } from '../../src/config';
import { closeRigs, creates, DAY, expectExactly, RECORDS, rig } from './rig';

/** How Microsoft's audit query service really behaves on bad days (AUDIT-FACTS.md, section 7). */

afterEach(closeRigs);

const posts = (r: Awaited<ReturnType<typeof rig>>): number[] => r.fake.requests.filter((q) => q.route === 'create').map((q) => q.status);
const queriesFor = (r: Awaited<ReturnType<typeof rig>>, w: QueryWindow): number =>
  [...r.fake.queries.values()].filter((q) => Date.parse(q.from) === Date.parse(w.from) && Date.parse(q.to) === Date.parse(w.to)).length;

describe('creating a query is not idempotent', () => {
  test.each([
    ['a 504 after the query was made', { status: 504 }],
    ['no answer until the request times out', 'timeout'],
    ['the connection reset', 'reset'],
  ] as const)('%s: the query is found in the paged list and adopted; no second POST', async (_, failure) => {
    const r = await rig({ fake: { otherAppsQueries: 23, listPageSize: 10 }, settings: { requestTimeoutMs: 400 } });
    r.fake.faults.ambiguousCreate = { times: 1, failure };
    const report = await r.ingest();

    expect(report.failures).toEqual([]);
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(posts(r)).toHaveLength(1);
    expect(queriesFor(r, DAY)).toBe(1);
    expect(report).toMatchObject({ queriesCreated: 1, queriesAdopted: 1, submissions: 1 });
    // The list holds 23 queries of other apps before ours: three pages, the last reached by nextLink.
    const lists = r.fake.requests.filter((q) => q.route === 'list');
    expect(lists).toHaveLength(3);
    expect(lists[2].path).toContain('$skiptoken=');
    // The adopted query was polled and paged like a created one.
    const [ours] = [...r.fake.queries.values()];
    expect(r.fake.requests.filter((q) => q.route === 'records').every((q) => q.queryId === ours.id)).toBe(true);
    // It spent a submission, whatever the client heard.
    expect(await r.ingester.journal.submissionsInLastDay(r.clock.now())).toBe(1);
    expect(await r.ingester.journal.findIntent(DAY)).toBeNull();
  });

  test('429 on create is retried after Retry-After; a 5xx is not retried blindly', async () => {
    const r = await rig();
    r.fake.faults.createThrottle = { times: 1, retryAfter: '3' };
    r.fake.faults.createError = { times: 1, status: 500 };
    const report = await r.ingest();
    // 429 → wait 3 s → 500 (nothing made) → list: not there → POST again under the same name → 201.
    expect(posts(r)).toEqual([429, 500, 201]);
    expect(r.sleeps[0]).toBe(3000);
    expect(r.fake.requests.map((q) => q.route).filter((route) => route === 'create' || route === 'list')).toEqual(['create', 'create', 'list', 'create']);
    const names = r.fake.requests.filter((q) => q.route === 'create').map((q) => (q.body as { displayName: string }).displayName);
    expect(new Set(names).size).toBe(1);
    expect(names[0]).toBe('SendAs Watch 2026-09-02T00:00:00Z/2026-09-03T00:00:00Z submitted 2026-09-04T06:00:00Z');
    expect(report).toMatchObject({ failures: [], queriesCreated: 1, queriesAdopted: 0, submissions: 2 });
    // The 500 may have spent one: counted. The 429 did not: released.
    expect(await r.ingester.journal.submissionsInLastDay(r.clock.now())).toBe(2);
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
  });

  test('the list cannot be read after a lost answer: no second POST; the next run finds the query and adopts it', async () => {
    const r = await rig();
    r.fake.faults.ambiguousCreate = { times: 1, failure: { status: 502 } };
    r.fake.faults.listError = { times: 5, status: 503 };
    const first = await r.ingest();
    expect(first.failures).toEqual([{ window: DAY, permanent: false, problem: expect.objectContaining({ code: 'server-error', message: expect.stringMatching(/may have been created but could not be looked for/) }) }]);
    expect(posts(r)).toEqual([502]);
    expect(await r.ingester.journal.findIntent(DAY)).toMatchObject({ window: DAY, baseUrl: r.fake.baseUrl });

    const restarted = r.restart();
    const second = await restarted.ingest(DAY, async () => {});
    expect(second).toMatchObject({ failures: [], queriesAdopted: 1, submissions: 0, complete: [DAY] });
    expect(posts(r)).toEqual([502]);
    expect(queriesFor(r, DAY)).toBe(1);
  });

  test('a re-query of a window already queried adopts the new query, never the older one with older results', async () => {
    const r = await rig();
    await r.ingest();
    r.clock.advance(6 * 3600_000);
    r.fake.faults.ambiguousCreate = { times: 1, failure: { status: 504 } };
    const again = await r.ingest();
    expect(again).toMatchObject({ failures: [], queriesAdopted: 1 });
    const [older, newer] = [...r.fake.queries.values()];
    expect(r.fake.requests.filter((q) => q.route === 'records').at(-1)?.queryId).toBe(newer.id);
    expect(newer.id).not.toBe(older.id);
    expect(creates(r.fake)).toBe(1);
  });

  test('POSTs whose answers keep getting lost stop after maxCreateAttempts, each one counted', async () => {
    const r = await rig({ settings: { maxCreateAttempts: 2 } });
    r.fake.faults.createError = { times: 5, status: 503 };
    const report = await r.ingest();
    expect(posts(r)).toEqual([503, 503]);
    expect(report.failures[0].problem.message).toMatch(/lists no query named "SendAs Watch .*" after 2 attempts/);
    expect(report.submissions).toBe(2);
    expect(await r.ingester.journal.submissionsInLastDay(r.clock.now())).toBe(2);
  });
});

describe('beta', () => {
  test('a capped result on beta (no isRecordCountLimitExceeded, exactly the limit, no next page) is split until each part fits', async () => {
    const r = await rig({ fake: { recordCountLimit: 20 }, settings: { recordCountLimit: 20 } });
    r.fake.faults.v1CreateNotFound = true;
    const report = await r.ingest();
    expect(report.failures).toEqual([]);
    expect(report.complete.length).toBeGreaterThan(2);
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    // Beta said nothing about truncation: the client inferred it.
    const polls = r.fake.requests.filter((q) => q.route === 'get');
    expect(polls.every((q) => q.version === 'beta')).toBe(true);
    expect([...r.fake.queries.values()].some((q) => q.truncated)).toBe(true);
  });

  test('capped on beta even at the smallest window: what came is kept and the window reported', async () => {
    const r = await rig({ fake: { recordCountLimit: 40 } });
    const report = await r.restart({ baseUrl: r.fake.betaUrl, minWindowMs: 24 * 3600_000, recordCountLimit: 40 }).ingest(DAY, async () => {});
    expect(report.failures).toEqual([{ window: DAY, permanent: true, problem: { code: 'truncated', message: expect.stringContaining('record limit (40)') } }]);
    expect(report.events).toBe(40);
  });

  test('GRAPH_BASE_URL may name beta outright: config accepts it and every request goes to /beta', async () => {
    const r = await rig();
    const config = loadConfig({ GRAPH_BASE_URL: `${r.fake.betaUrl}/` });
    expect(config.ok ? config.config.graph.baseUrl : config).toBe(r.fake.betaUrl);
    const report = await r.restart({ baseUrl: r.fake.betaUrl }).ingest(DAY, async () => {});
    expect(report.failures).toEqual([]);
    expect(r.fake.requests.length).toBeGreaterThan(3);
    expect(r.fake.requests.every((q) => q.version === 'beta')).toBe(true);
  });
});

describe('403 after a query exists', () => {
  test.each(['records', 'get'] as const)('a passing 403 on %s is retried with backoff; nothing is lost', async (route) => {
    const r = await rig();
    r.fake.faults.transientForbidden = { times: 2, route };
    const report = await r.ingest();
    expect(report.failures).toEqual([]);
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(r.fake.requests.filter((q) => q.status === 403)).toHaveLength(2);
    expect(r.sleeps).toEqual(expect.arrayContaining([2000, 4000]));
  });

  test('a 403 that persists is reported as missing consent, reading the capital-M Message; the query stays journalled', async () => {
    const r = await rig();
    r.fake.faults.transientForbidden = { times: 10, route: 'records' };
    const report = await r.ingest();
    expect(report.failures).toHaveLength(1);
    const { problem } = report.failures[0];
    expect(problem).toMatchObject({ code: 'forbidden', status: 403 });
    expect(problem.message).toMatch(/needs admin consent.*Graph said: User:[0-9a-f-]+ dont have any permissions \(gave up after 3 attempts\)/);
    expect(r.fake.requests.filter((q) => q.status === 403)).toHaveLength(3);
    expect(await r.ingester.pending()).toHaveLength(1);
  });
});

describe('records in the shape Graph serves them', () => {
  test('annotations are ignored, Int64 fields read, CreationTime with Z read as UTC', async () => {
    const r = await rig();
    await r.ingest();
    const page = r.fake.requests.find((q) => q.route === 'records');
    expect(page).toBeDefined();
    const byId = new Map(RECORDS.map((x) => [String(x.auditData.Id), x.auditData]));
    const stored = [...r.store.events.values()].slice(0, 30);
    expect(stored.length).toBe(30);
    for (const { event } of stored) {
      const data = byId.get(event.id);
      expect(event.time).toBe(`${String(data?.CreationTime)}.000Z`);
      expect(event.logonType).toBe(data?.LogonType);
      expect(event.userType).toBe(data?.UserType);
      expect(JSON.parse(event.rawJson)).toMatchObject({ '@odata.type': '#microsoft.graph.security.defaultAuditData', 'LogonType@odata.type': '#Int64' });
    }
  });
});
