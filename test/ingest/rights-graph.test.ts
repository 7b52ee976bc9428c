import { Responder } from '../../src/bot/respond';
import type { Timers } from '../../src/ingest';
import { createGraphIngestion } from '../../src/ingest';
import { RIGHTS_CMDLETS } from '../../src/rights';
import { readIngestStatus } from '../../src/ingest';
import { ingestHealthLines } from '../../src/ingest/health-lines';
import { wordHealthLines } from '../../src/i18n/ingest/health';
import { SqliteStore } from '../../src/store/sqlite/store';
import { cardText } from '../support/activities';
import { FakeClock } from '../fakes/clock';
import { demoGraphRecords } from '../fakes/demo-records';
import { adminRecord } from '../fakes/admin-records';
import type { FakeAuditRecord } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';

const NOW = '2026-09-03T15:30:00.000Z';
const GRANT_ID = '3f1a2b4c-0001-4d2e-9f10-aa00000000a1';

const GRANT = adminRecord(GRANT_ID, '2026-09-02T20:15:02', 'Add-RecipientPermission', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'Trustee', Value: 'carol@contoso.com' },
  { Name: 'AccessRights', Value: 'SendAs' },
  { Name: 'Confirm', Value: 'False' },
]);
/** Set-Mailbox that changes no right: served by the query (its operation is filtered), skipped by the reader. */
const UNRELATED = adminRecord('3f1a2b4c-0002-4d2e-9f10-aa00000000a2', '2026-09-02T21:00:00', 'Set-Mailbox', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'HiddenFromAddressListsEnabled', Value: 'True' },
]);
/** An admin record of another cmdlet: the operation filter keeps it out. */
const OTHER_CMDLET = adminRecord('3f1a2b4c-0003-4d2e-9f10-aa00000000a3', '2026-09-02T22:00:00', 'New-InboxRule', [{ Name: 'Identity', Value: 'finance@contoso.com' }]);

const instantTimers = (clock: FakeClock): Timers => ({ sleep: (ms) => Promise.resolve(clock.advance(ms)) });

/** A grant on the day before the backfilled one. */
const EARLIER_GRANT = adminRecord('3f1a2b4c-0004-4d2e-9f10-aa00000000a4', '2026-09-01T10:00:00', 'Add-RecipientPermission', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'Trustee', Value: 'dave@contoso.com' },
  { Name: 'AccessRights', Value: 'SendAs' },
]);

/** An Add-RecipientPermission whose Trustee is missing: unreadable, counted apart from SendAs records. */
const NO_TRUSTEE = adminRecord('3f1a2b4c-0005-4d2e-9f10-aa00000000a5', '2026-09-02T23:00:00', 'Add-RecipientPermission', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'AccessRights', Value: 'SendAs' },
]);

const SENDAS_AND_ADMIN = { recordTypeFilters: ['exchangeItem', 'exchangeAdmin'], operationFilters: ['SendAs', 'SendOnBehalf', ...RIGHTS_CMDLETS] };

async function setUp(graph: { submissionBudget?: number; maxPollMs?: number } = {}, options: { adminRecords?: boolean; extra?: readonly FakeAuditRecord[] } = {}) {
  const clock = new FakeClock(NOW);
  const records = [...demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 3 }), GRANT, UNRELATED, OTHER_CMDLET, EARLIER_GRANT, ...(options.extra ?? [])];
  const fake = await startFakeGraph({ records, now: () => clock.now() });
  const store = new SqliteStore(':memory:', { now: () => clock.now().getTime() });
  const ingestion = createGraphIngestion(
    store,
    {
      credential: { kind: 'managed-identity' },
      graph: { baseUrl: fake.baseUrl, ...graph },
      schedule: { backfillDays: 1, backfillConcurrency: 1 },
      ...(options.adminRecords === undefined ? {} : { adminRecords: options.adminRecords }),
    },
    { clock, timers: instantTimers(clock), credential: fake.credential() },
  );
  return { clock, fake, store, ingestion };
}

const createBodies = (fake: Awaited<ReturnType<typeof setUp>>['fake']): Record<string, unknown>[] => fake.requests.filter((r) => r.route === 'create').map((r) => r.body as Record<string, unknown>);

describe('Graph ingestion of the admin records that grant rights', () => {
  it('asks ONE query per window for SendAs and admin records, and splits them: sends to the events, grants to the rights', async () => {
    const { fake, store, ingestion, clock } = await setUp();
    try {
      expect(ingestion.adminRecords).toBe(true);
      const summary = await ingestion.scheduler.runOnce();
      expect(summary.errors).toEqual([]);
      const creates = createBodies(fake);
      // Backfill day and the increment after it: one query each, asking for both record types and all seven operations.
      expect(creates).toHaveLength(summary.windows.length);
      expect(creates.length).toBeGreaterThan(1);
      for (const body of creates) expect(body).toMatchObject(SENDAS_AND_ADMIN);
      expect(creates.some((b) => /rights/.test(String(b.displayName)))).toBe(false);
      // One journal key per window: nothing was journalled under the old admin-query scope.
      expect(await store.getState('graph.rights.queries')).toBeNull();
      expect(summary.rightsInserted).toBe(1);
      expect(summary.rightsRejected).toBe(0);
      // The Set-Mailbox that changed no right is served (its operation is asked for) and skipped; New-InboxRule never comes.
      expect(summary.skipped).toBe(1);
      // One submission per window: the 30-minute interval (48 windows a day) fits in half of the default 150, as without
      // admin records; two per window raised it to 39 minutes (37 windows a day).
      expect(ingestion.scheduler.intervalMs).toBe(30 * 60_000);

      const changes = await store.listRightsChanges({});
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ id: GRANT_ID, cmdlet: 'Add-RecipientPermission', right: 'SendAs', grantedBy: 'admin@contoso.com', succeeded: true });
      expect(changes[0].added.map((t) => t.key)).toEqual(['carol@contoso.com']);
      // The admin records went to the rights alone, the SendAs records to the events alone.
      expect(await store.getEvent(GRANT_ID.toLowerCase())).toBeNull();
      const stats = await store.stats();
      expect(stats.totalEvents).toBe(fake.idsIn('2026-09-02T00:00:00Z', '2026-09-03T14:30:00Z').length);
      // The covered window starts the known history.
      const start = await store.rightsHistoryStart();
      expect(start).toBe('2026-09-02T00:00:00.000Z');

      const responder = new Responder({ store, now: () => clock.now() });
      const reply = await responder.respondToText('who can send as finance@contoso.com', { locale: 'en-US', timeZone: 'UTC' });
      const text = cardText(reply.cards[0]);
      expect(text).toMatch(/carol@contoso\.com — Send As\n\s*since 2 Sep 2026 20:15\n\s*granted by admin@contoso\.com/);
      // Every window read so far is provisional (re-swept up to 74 h after its end): so is the rights history they make.
      expect(text).toMatch(/^Who can send as finance@contoso\.com\nNot yet complete: grants and removals of rights in this history may still arrive \\?\(Exchange delivers .* last checked 3 Sep 2026 15:30\\?\)\./);

      // A later run (a re-sweep of the same windows among them) stores the grant once, again one query per window.
      clock.advance(7 * 3600_000);
      const before = createBodies(fake).length;
      const again = await ingestion.scheduler.runOnce();
      expect(again.errors).toEqual([]);
      expect(again.resweeps.length).toBeGreaterThan(0);
      expect(createBodies(fake).length - before).toBe(again.windows.length);
      expect(await store.listRightsChanges({})).toHaveLength(1);
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });

  it('spends one submission per window: with a budget of one, the first window brings its sends and its grant', async () => {
    const morningGrant = adminRecord('3f1a2b4c-0006-4d2e-9f10-aa00000000a6', '2026-09-03T09:00:00', 'Add-RecipientPermission', [
      { Name: 'Identity', Value: 'finance@contoso.com' },
      { Name: 'Trustee', Value: 'erin@contoso.com' },
      { Name: 'AccessRights', Value: 'SendAs' },
    ]);
    const { fake, store, ingestion } = await setUp({ submissionBudget: 1 }, { extra: [morningGrant] });
    try {
      const summary = await ingestion.scheduler.runOnce();
      expect(fake.requests.filter((r) => r.route === 'create')).toHaveLength(1);
      // The backfill's newest window, today up to an hour before now: its sends and its grant from the one query.
      expect(summary.windows[0]).toEqual({ from: '2026-09-03T00:00:00.000Z', to: '2026-09-03T14:30:00.000Z' });
      expect(summary.rightsInserted).toBe(1);
      expect(summary.inserted).toBe(fake.idsIn('2026-09-03T00:00:00Z', '2026-09-03T14:30:00Z').length);
      expect((await store.listRightsChanges({})).map((c) => c.added[0]?.key)).toEqual(['erin@contoso.com']);
      expect(await store.rightsHistoryStart()).toBe('2026-09-03T00:00:00.000Z');
      // The day before finds the budget spent; no window is failed for admin records of its own.
      expect(summary.errors).toEqual([{ code: 'budget-exhausted', message: expect.stringMatching(/^the audit query budget \(1 submissions in 24 hours\) is spent/) }]);
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });

  it('with GRAPH_ADMIN_RECORDS off asks for SendAs records alone and stores no right', async () => {
    const { fake, store, ingestion } = await setUp({}, { adminRecords: false });
    try {
      expect(ingestion.adminRecords).toBe(false);
      const summary = await ingestion.scheduler.runOnce();
      expect(summary.errors).toEqual([]);
      const creates = createBodies(fake);
      expect(creates.length).toBeGreaterThan(0);
      for (const body of creates) expect(body).toMatchObject({ recordTypeFilters: ['exchangeItem'], operationFilters: ['SendAs', 'SendOnBehalf'] });
      expect(summary.skipped).toBe(0);
      expect(await store.listRightsChanges({})).toEqual([]);
      expect(await store.rightsHistoryStart()).toBeNull();
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });

  it('resumes a query journalled by an earlier run without submitting it again, and stores the grant it holds', async () => {
    const { fake, store, ingestion } = await setUp({ maxPollMs: 20_000 });
    try {
      const earlier = { from: '2026-09-01T00:00:00.000Z', to: '2026-09-02T00:00:00.000Z' };
      fake.faults.slowQueries = { times: 1, polls: 5, window: earlier };
      const first = await ingestion.fetchWindow(earlier);
      expect(first).toEqual({ ok: false, message: expect.stringMatching(/still running/) });
      expect(await ingestion.ingester.pending()).toHaveLength(1);

      const summary = await ingestion.scheduler.runOnce();
      expect(summary.errors).toEqual([]);
      const earlierCreates = createBodies(fake).filter((b) => Date.parse(String(b.filterStartDateTime)) === Date.parse(earlier.from));
      expect(earlierCreates).toHaveLength(1);
      expect(await ingestion.ingester.pending()).toEqual([]);
      expect((await store.listRightsChanges({})).map((c) => c.added[0]?.key).sort()).toEqual(['carol@contoso.com', 'dave@contoso.com']);
      expect(await store.rightsHistoryStart()).toBe(earlier.from);
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });

  it('counts unreadable admin records apart from SendAs records: in the run, the status (/healthz) and the audit-health lines', async () => {
    const { fake, store, ingestion, clock } = await setUp({}, { extra: [NO_TRUSTEE] });
    try {
      const summary = await ingestion.scheduler.runOnce();
      expect(summary.errors).toEqual([]);
      expect(summary.rightsRejected).toBe(1);
      expect(summary.rejected).toBe(0);
      const status = await readIngestStatus(store, clock.now());
      expect(status?.rejectedRecords.total).toBe(0);
      expect(status?.rightsRecords).toEqual({
        inserted: 1,
        rejected: 1,
        recent: [expect.objectContaining({ recordId: '3f1a2b4c-0005-4d2e-9f10-aa00000000a5', message: expect.stringMatching(/Trustee parameter is missing/) })],
      });
      const lines = ingestHealthLines(status);
      expect(lines).toContainEqual({ code: 'rights-records-rejected', count: 1 });
      expect(lines.some((l) => l.code === 'records-rejected')).toBe(false);
      expect(wordHealthLines(lines, 'en', 'UTC')).toContain(
        '1 admin record (grants and removals of rights) could not be read and was set aside: rights answers may miss those changes.',
      );
      expect(wordHealthLines(lines, 'ja', 'Asia/Tokyo')).toContain('読み取れなかった管理者レコード（権限の付与・削除）: 1 件。権限に関する回答には、これらの変更が反映されていない可能性があります。');
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });
});

describe('the fake Graph applies the filters as Graph does', () => {
  it('ORs the values of one filter, ANDs the filters, and refuses an unknown record type with 400', async () => {
    const { fake, store, ingestion } = await setUp();
    try {
      const token = await fake.credential().getToken('https://graph.microsoft.com/.default');
      const create = async (body: Record<string, unknown>): Promise<{ status: number; id: string | null }> => {
        const response = await fetch(`${fake.baseUrl}/security/auditLog/queries`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token?.token ?? ''}`, 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: 'probe', filterStartDateTime: '2026-09-02T00:00:00Z', filterEndDateTime: '2026-09-03T00:00:00Z', ...body }),
        });
        const json = (await response.json()) as { id?: string };
        return { status: response.status, id: json.id ?? null };
      };
      const served = (id: string | null): number => (id === null ? -1 : (fake.queries.get(id)?.recordIds.length ?? -1));
      const sends = served((await create({ recordTypeFilters: ['exchangeItem'], operationFilters: ['SendAs', 'SendOnBehalf'] })).id);
      const admin = served((await create({ recordTypeFilters: ['exchangeAdmin'], operationFilters: [...RIGHTS_CMDLETS] })).id);
      const both = served((await create(SENDAS_AND_ADMIN)).id);
      expect(sends).toBeGreaterThan(0);
      expect(admin).toBe(2); // the grant and the Set-Mailbox of that day
      expect(both).toBe(sends + admin);
      // AND across filters: SendAs operations under the admin record type match nothing.
      expect(served((await create({ recordTypeFilters: ['exchangeAdmin'], operationFilters: ['SendAs', 'SendOnBehalf'] })).id)).toBe(0);
      // A filter left out does not narrow: every admin record of the day, New-InboxRule too.
      expect(served((await create({ recordTypeFilters: ['exchangeAdmin'] })).id)).toBe(3);
      expect((await create({ recordTypeFilters: ['exchangeAdmins'], operationFilters: ['SendAs'] })).status).toBe(400);
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });
});
