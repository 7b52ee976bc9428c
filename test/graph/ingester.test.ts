import type { QueryWindow } from '../../src/audit/graph';
import { createGraphAuditIngester, DEFAULT_RETRY_POLICY } from '../../src/audit/graph';
import { storeSink } from '../../src/ingest/sink';
import { FakeClock, instantRuntime } from '../fakes/clock';
import { demoGraphRecords } from '../fakes/demo-records';
import { startFakeGraph } from '../fakes/graph';
import { MemoryStore } from '../fakes/memory-store';
import { closeRigs, creates, DAY, expectExactly, NOW, PAGE, RECORDS, rig, rigs } from './rig';

afterEach(closeRigs);

describe('Graph audit ingestion against the fake Graph', () => {
  test('happy path: one query, polled through notStarted and running, paged to the end, every record stored once', async () => {
    const r = await rig();
    const report = await r.ingest();

    const expected = r.fake.idsIn(DAY.from, DAY.to);
    expectExactly(r.store, expected);
    expect(report).toMatchObject({ complete: [DAY], failures: [], events: expected.length, duplicatesInRun: 0, rejectedCount: 0, queriesCreated: 1 });

    const create = r.fake.requests.find((q) => q.route === 'create');
    expect(create?.version).toBe('v1.0');
    expect(create?.body).toMatchObject({
      filterStartDateTime: '2026-09-02T00:00:00Z',
      filterEndDateTime: '2026-09-03T00:00:00Z',
      recordTypeFilters: ['exchangeItem'],
      operationFilters: ['SendAs', 'SendOnBehalf'],
    });
    expect(create?.body).not.toHaveProperty('serviceFilter');
    // Three polls (notStarted, running, succeeded), each after the 5 s first-minute delay.
    expect(r.fake.requests.filter((q) => q.route === 'get')).toHaveLength(3);
    expect(r.sleeps).toEqual([5000, 5000, 5000]);

    const pages = r.fake.requests.filter((q) => q.route === 'records');
    expect(pages).toHaveLength(Math.ceil(expected.length / PAGE));
    expect(pages[0].path).toContain(`$top=${PAGE}`);
    expect(pages.slice(1).every((p) => p.path.includes('$skiptoken='))).toBe(true);
    // Every request carried a bearer token, fetched anew for each page.
    expect(r.fake.requests.every((q) => q.authorization?.startsWith('Bearer ') === true)).toBe(true);
    expect(new Set(pages.map((p) => p.authorization)).size).toBe(pages.length);
    expect(await r.ingester.pending()).toEqual([]);
  });

  test('identities come from auditData, not the Graph envelope', async () => {
    const r = await rig();
    await r.ingest();
    const stored = [...r.store.events.values()];
    const byId = new Map(RECORDS.map((x) => [String(x.auditData.Id), x.auditData]));
    for (const { event } of stored.slice(0, 20)) {
      const data = byId.get(event.id);
      expect(event.actor).toBe(String(data?.UserId).toLowerCase());
      expect(event.clientIp).toBe(data?.ClientIPAddress === '' ? null : data?.ClientIPAddress);
    }
  });

  test('429 on create: waits exactly Retry-After, then creates one query', async () => {
    const r = await rig();
    r.fake.faults.createThrottle = { times: 2, retryAfter: '7' };
    const report = await r.ingest();
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(report.failures).toEqual([]);
    expect(r.sleeps.slice(0, 2)).toEqual([7000, 7000]);
    expect(r.fake.requests.filter((q) => q.route === 'create').map((q) => q.status)).toEqual([429, 429, 201]);
  });

  test('429 on a page with an HTTP-date Retry-After: waits until that date, then the same page again', async () => {
    const r = await rig();
    r.fake.faults.pageThrottle = { times: 1, retryAfter: new Date(Date.parse(NOW) + 15_000 + 12_000).toUTCString(), page: 1 };
    await r.ingest();
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    // Three 5 s polls move the clock 15 s; the date is 12 s after that.
    expect(r.sleeps).toContain(12_000);
    const pages = r.fake.requests.filter((q) => q.route === 'records');
    expect(pages[1].status).toBe(429);
    expect(pages[2].path).toBe(pages[1].path);
  });

  test('503 on a page: the same page is retried with backoff and nothing is lost or doubled', async () => {
    const r = await rig();
    r.fake.faults.pageError = { times: 2, status: 503, page: 2 };
    const report = await r.ingest();
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(report.failures).toEqual([]);
    expect(creates(r.fake)).toBe(1);
    expect(r.sleeps.slice(3)).toEqual([2000, 4000]);
    const third = r.fake.requests.filter((q) => q.route === 'records').slice(2, 5);
    expect(third.map((q) => q.status)).toEqual([503, 503, 200]);
    expect(new Set(third.map((q) => q.path)).size).toBe(1);
  });

  test('a malformed JSON page is read again', async () => {
    const r = await rig();
    r.fake.faults.malformedPage = { times: 1, page: 1 };
    const report = await r.ingest();
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(report).toMatchObject({ failures: [], duplicatesInRun: 0, queriesCreated: 1 });
  });

  test('a page that keeps failing splits the window in two; the halves are queried and nothing is lost or doubled', async () => {
    const r = await rig();
    r.fake.faults.pageError = { times: DEFAULT_RETRY_POLICY.maxAttempts, status: 500, page: 2 };
    const report = await r.ingest();
    const expected = r.fake.idsIn(DAY.from, DAY.to);
    expectExactly(r.store, expected);
    expect(report.failures).toEqual([]);
    expect(report.complete).toEqual([
      { from: DAY.from, to: '2026-09-02T12:00:00.000Z' },
      { from: '2026-09-02T12:00:00.000Z', to: DAY.to },
    ]);
    expect(creates(r.fake)).toBe(3);
    // Pages read before the failure came again from the first half: seen twice in the run, stored once.
    expect(report.duplicatesInRun).toBe(PAGE * 2);
    expect(report.events).toBe(expected.length);
    expect(await r.ingester.pending()).toEqual([]);
  });

  test('a record that always breaks its page: bisected down to one minute, reported, everything else stored', async () => {
    const r = await rig();
    const all = r.fake.idsIn(DAY.from, DAY.to);
    const poison = all[Math.floor(all.length / 2)];
    r.fake.faults.poisonRecordIds.add(poison);
    const report = await r.ingest();

    expect(report.failures).toHaveLength(1);
    const [failure] = report.failures;
    expect(failure.permanent).toBe(true);
    expect(failure.problem.code).toBe('unreadable-window');
    expect(failure.problem.message).toMatch(/stay unreadable at the smallest window/);
    expect(Date.parse(failure.window.to) - Date.parse(failure.window.from)).toBeLessThanOrEqual(60_000);
    const poisonTime = Date.parse(`${String(RECORDS.find((x) => x.auditData.Id === poison)?.auditData.CreationTime)}Z`);
    expect(poisonTime).toBeGreaterThanOrEqual(Date.parse(failure.window.from));
    expect(poisonTime).toBeLessThan(Date.parse(failure.window.to));

    const lost = new Set(r.fake.idsIn(failure.window.from, failure.window.to));
    expect(r.store.ids()).toEqual(all.filter((id) => !lost.has(id)).sort());
    // Bisecting a day to a minute takes about log2(1440) ≈ 11 levels, two queries each: bounded, no loop.
    expect(creates(r.fake)).toBeLessThanOrEqual(1 + 2 * 12);
    expect(await r.ingester.pending()).toEqual([]);
  });

  test.each([
    ['failed', /as failed \(the range may be outside audit retention, or auditing may be off\)/, 'query-failed'],
    ['cancelled', /was cancelled/, 'query-cancelled'],
  ] as const)('a query that ends %s is an error with clear text, and is forgotten', async (status, text, code) => {
    const r = await rig();
    r.fake.faults.queryOutcome = { times: 1, status };
    const report = await r.ingest();
    expect(report.complete).toEqual([]);
    expect(report.failures).toEqual([{ window: DAY, permanent: false, problem: { code, message: expect.stringMatching(text) } }]);
    expect(r.store.ids()).toEqual([]);
    expect(await r.ingester.pending()).toEqual([]);
    // The next run submits again and succeeds.
    await r.ingest();
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
  });

  test('a truncated result (isRecordCountLimitExceeded) is split until each part fits', async () => {
    const r = await rig({ fake: { recordCountLimit: 20 } });
    const report = await r.ingest();
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(report.failures).toEqual([]);
    expect(report.complete.length).toBeGreaterThan(2);
    expect([...r.fake.queries.values()].filter((q) => q.truncated).length).toBeGreaterThan(0);
    expect(report.complete.map((w) => w.from)[0]).toBe(DAY.from);
    expect(report.complete.at(-1)?.to).toBe(DAY.to);
  });

  test('truncated even at the smallest window: keeps what came, reports the window', async () => {
    const r = await rig({ fake: { recordCountLimit: 40 }, settings: { minWindowMs: 24 * 3600_000 } });
    const report = await r.ingest();
    expect(report.failures).toEqual([{ window: DAY, permanent: true, problem: { code: 'truncated', message: expect.stringContaining('record limit (40)') } }]);
    expect(r.store.ids()).toHaveLength(40);
  });

  test.each(['graph', 'audit-backend'] as const)('403 (%s body): the admin is told which permission needs consent; no budget spent', async (body) => {
    const r = await rig();
    r.fake.faults.forbidden = body;
    const report = await r.ingest();
    expect(report.failures).toHaveLength(1);
    const { problem } = report.failures[0];
    expect(problem.code).toBe('forbidden');
    expect(problem.status).toBe(403);
    expect(problem.message).toContain('AuditLogsQuery-Exchange.Read.All needs admin consent');
    expect(problem.message).toMatch(body === 'graph' ? /Insufficient privileges/ : /dont have any permissions/);
    expect(await r.ingester.journal.submissionsInLastDay(r.clock.now())).toBe(0);
  });

  test('404 from v1.0 create: retried once on beta, remembered for the next query', async () => {
    const r = await rig();
    r.fake.faults.v1CreateNotFound = true;
    await r.ingest();
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    const next: QueryWindow = { from: DAY.to, to: '2026-09-03T06:00:00.000Z' };
    await r.ingest(next);
    const versions = r.fake.requests.map((q) => `${q.route}:${q.version}:${q.status}`);
    expect(versions.filter((v) => v.startsWith('create'))).toEqual(['create:v1.0:404', 'create:beta:201', 'create:beta:201']);
    expect(r.fake.requests.filter((q) => q.route !== 'create').every((q) => q.version === 'beta')).toBe(true);
    expect(await r.store.getState('graph.apiBase')).toBe(r.fake.betaUrl);
  });

  test('a slow query outlives one run: it stays journalled and a restarted process resumes it without a new POST', async () => {
    const r = await rig({ settings: { maxPollMs: 10 * 60_000 } });
    r.fake.faults.slowQueries = { times: 1, polls: 40 };
    const first = await r.ingest();
    expect(first.failures).toEqual([{ window: DAY, permanent: false, problem: { code: 'poll-timeout', message: expect.stringMatching(/still running after 10 min; the next run resumes it/) } }]);
    const [entry] = await r.ingester.pending();
    expect(entry).toMatchObject({ window: DAY, baseUrl: r.fake.baseUrl });
    // The backoff ladder: 5 s for the first minute, then 15 s, then 30 s.
    expect(r.sleeps.slice(0, 12)).toEqual(Array(12).fill(5000));
    expect(r.sleeps).toContain(15_000);
    expect(r.sleeps.at(-1)).toBe(30_000);

    const restarted = r.restart();
    const second = await restarted.ingest(DAY, storeSink(r.store, { inserted: 0, duplicates: 0 }));
    expect(second).toMatchObject({ failures: [], queriesCreated: 0, queriesResumed: 1 });
    expect(creates(r.fake)).toBe(1);
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(await restarted.pending()).toEqual([]);
  });

  test('restart mid-poll: the journal written before polling lets the new process pick the query up', async () => {
    const r = await rig();
    r.fake.faults.slowQueries = { times: 1, polls: 3 };
    // The first process dies after its second status poll.
    let polls = 0;
    const dying = createGraphAuditIngester({
      credential: r.fake.credential(),
      state: r.store,
      runtime: {
        now: () => r.clock.now(),
        sleep: () => {
          polls += 1;
          return polls > 2 ? Promise.reject(new Error('process killed')) : Promise.resolve();
        },
      },
      settings: { baseUrl: r.fake.baseUrl, pageSize: PAGE },
    });
    await expect(dying.ingest(DAY, storeSink(r.store, { inserted: 0, duplicates: 0 }))).rejects.toThrow('process killed');
    expect(await r.ingester.pending()).toHaveLength(1);

    const report = await r.restart().ingest(DAY, storeSink(r.store, { inserted: 0, duplicates: 0 }));
    expect(report).toMatchObject({ failures: [], queriesCreated: 0, queriesResumed: 1 });
    expect(creates(r.fake)).toBe(1);
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
  });

  test('the submission budget is respected and its exhaustion is said plainly', async () => {
    const r = await rig({ settings: { submissionBudget: 2 } });
    const windows: QueryWindow[] = [
      { from: '2026-09-01T00:00:00.000Z', to: '2026-09-02T00:00:00.000Z' },
      DAY,
      { from: '2026-09-03T00:00:00.000Z', to: '2026-09-04T00:00:00.000Z' },
    ];
    const reports = [];
    for (const w of windows) reports.push(await r.ingest(w));
    expect(reports.map((x) => x.failures.length)).toEqual([0, 0, 1]);
    expect(reports[2].failures[0].problem).toMatchObject({ code: 'budget-exhausted', message: expect.stringMatching(/budget \(2 submissions in 24 hours\) is spent; the next one frees up at 2026-09-05T06:00:\d\d/) });
    expect(creates(r.fake)).toBe(2);
    // A day later the budget has room again.
    r.clock.advance(24 * 3600_000);
    expect((await r.ingest(windows[2])).failures).toEqual([]);
  });

  test('records the normalizer refuses are counted with their page and index, never dropped silently', async () => {
    const r = await rig();
    const all = r.fake.idsIn(DAY.from, DAY.to);
    const bad = [all[3], all[PAGE + 7]];
    for (const id of bad) r.fake.faults.garbledRecordIds.add(id);
    const report = await r.ingest();
    expect(report.rejectedCount).toBe(2);
    expect(report.rejected).toEqual([
      { queryId: expect.any(String), page: 0, index: 3, recordId: bad[0], code: 'bad-time', message: expect.stringContaining('Record Truncated') },
      { queryId: expect.any(String), page: 1, index: 7, recordId: bad[1], code: 'bad-time', message: expect.stringContaining('Record Truncated') },
    ]);
    expect(r.store.ids()).toEqual(all.filter((id) => !bad.includes(id)).sort());
  });

  test('a token that cannot be had is an unauthorized problem, not a crash', async () => {
    const r = await rig();
    const ingester = createGraphAuditIngester({
      credential: { getToken: () => Promise.reject(new Error('AADSTS7000215: Invalid client secret provided.')) },
      state: r.store,
      runtime: instantRuntime(r.clock),
      settings: { baseUrl: r.fake.baseUrl },
    });
    const report = await ingester.ingest(DAY, storeSink(r.store, { inserted: 0, duplicates: 0 }));
    expect(report.failures[0].problem).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('AADSTS7000215') });
    expect(r.fake.requests).toEqual([]);
  });

  test('a next link to another host is not followed: the token stays home', async () => {
    const r = await rig();
    r.fake.faults.foreignNextLink = { times: 1 };
    const report = await r.ingest();
    // Treated as an unreadable page: the window is split and read again through fresh queries.
    expect(report.failures).toEqual([]);
    expectExactly(r.store, r.fake.idsIn(DAY.from, DAY.to));
    expect(r.fake.requests.every((q) => q.authorization !== null)).toBe(true);
  });

  test('late records: a query sees only what is searchable when it is created', async () => {
    const clock = new FakeClock('2026-09-02T20:00:00.000Z');
    const late = demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 4, users: 120, lateArrivals: true });
    const fake = await startFakeGraph({ records: late, now: () => clock.now() });
    rigs.push(fake);
    const store = new MemoryStore();
    const ingester = createGraphAuditIngester({ credential: fake.credential(), state: store, runtime: instantRuntime(clock), settings: { baseUrl: fake.baseUrl } });
    await ingester.ingest(DAY, storeSink(store, { inserted: 0, duplicates: 0 }));
    const early = store.ids().length;
    const everything = fake.idsIn(DAY.from, DAY.to, new Date('2026-09-10T00:00:00Z'));
    expect(early).toBeLessThan(everything.length);
    clock.set('2026-09-04T06:00:00.000Z');
    await ingester.ingest(DAY, storeSink(store, { inserted: 0, duplicates: 0 }));
    expect(store.ids()).toEqual([...everything].sort());
  });
});
