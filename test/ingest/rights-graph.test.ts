import { Responder } from '../../src/bot/respond';
import type { Timers } from '../../src/ingest';
import { createGraphIngestion } from '../../src/ingest';
import { RIGHTS_CMDLETS } from '../../src/rights';
import { SqliteStore } from '../../src/store/sqlite/store';
import { cardText } from '../support/activities';
import { FakeClock } from '../fakes/clock';
import { demoGraphRecords } from '../fakes/demo-records';
import type { FakeAuditRecord } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';

const NOW = '2026-09-03T15:30:00.000Z';
const GRANT_ID = '3f1a2b4c-0001-4d2e-9f10-aa00000000a1';

/** An Exchange admin record as Exchange writes it for `Add-RecipientPermission` (RecordType 1, Parameters as name/value pairs). */
function adminRecord(id: string, creationTime: string, operation: string, parameters: readonly { Name: string; Value: string }[]): FakeAuditRecord {
  return {
    auditData: {
      CreationTime: creationTime,
      Id: id,
      Operation: operation,
      OrganizationId: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      RecordType: 1,
      ResultStatus: 'True',
      UserKey: '10032001A2B3C4D5',
      UserType: 2,
      Version: 1,
      Workload: 'Exchange',
      ClientIP: '192.0.2.10:53022',
      ObjectId: parameters.find((p) => p.Name === 'Identity')?.Value ?? '',
      UserId: 'admin@contoso.com',
      AppId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b',
      ClientAppId: '',
      ExternalAccess: false,
      OrganizationName: 'contoso.onmicrosoft.com',
      OriginatingServer: 'TYCPR01MB1234 (15.20.8207.017)',
      Parameters: parameters,
      SessionId: '7d3c1b8e-1111-4aaa-bbbb-000000000001',
    },
  };
}

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

async function setUp(graph: { submissionBudget?: number; maxPollMs?: number } = {}) {
  const clock = new FakeClock(NOW);
  const records = [...demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 3 }), GRANT, UNRELATED, OTHER_CMDLET, EARLIER_GRANT];
  const fake = await startFakeGraph({ records, now: () => clock.now() });
  const store = new SqliteStore(':memory:', { now: () => clock.now().getTime() });
  const ingestion = createGraphIngestion(
    store,
    { credential: { kind: 'managed-identity' }, graph: { baseUrl: fake.baseUrl, ...graph }, schedule: { backfillDays: 1, backfillConcurrency: 1 }, adminRecords: true },
    { clock, timers: instantTimers(clock), credential: fake.credential() },
  );
  return { clock, fake, store, ingestion };
}

describe('Graph ingestion of the admin records that grant rights', () => {
  it('asks each window a second query for exchangeAdmin records of the five cmdlets, stores the grant, and a later answer names its grantor', async () => {
    const { fake, store, ingestion, clock } = await setUp();
    try {
      const summary = await ingestion.scheduler.runOnce();
      expect(summary.errors).toEqual([]);
      const creates = fake.requests.filter((r) => r.route === 'create').map((r) => r.body as Record<string, unknown>);
      const admin = creates.filter((b) => JSON.stringify(b.recordTypeFilters) === '["exchangeAdmin"]');
      const sends = creates.filter((b) => JSON.stringify(b.recordTypeFilters) === '["exchangeItem"]');
      // Backfill day and the increment after it: one SendAs and one admin query each.
      expect(admin.length).toBe(sends.length);
      expect(admin.length).toBeGreaterThan(0);
      expect(admin[0].operationFilters).toEqual([...RIGHTS_CMDLETS]);
      expect(String(admin[0].displayName)).toMatch(/^SendAs Watch rights /);
      expect(summary.rightsInserted).toBe(1);
      // The Set-Mailbox that changed no right is counted as skipped (the demo SendAs records skip none).
      expect(summary.skipped).toBe(1);
      // Half of the default 150 daily submissions for increments, two per window: 37 windows a day, not 75.
      expect(ingestion.scheduler.intervalMs).toBe(Math.ceil(86_400_000 / 37));

      const changes = await store.listRightsChanges({});
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ id: GRANT_ID, cmdlet: 'Add-RecipientPermission', right: 'SendAs', grantedBy: 'admin@contoso.com', succeeded: true });
      expect(changes[0].added.map((t) => t.key)).toEqual(['carol@contoso.com']);
      // The covered admin window starts the known history.
      const start = await store.rightsHistoryStart();
      expect(start).not.toBeNull();
      expect(Date.parse(start ?? '')).toBeLessThanOrEqual(Date.parse('2026-09-02T20:15:02Z'));

      const responder = new Responder({ store, now: () => clock.now() });
      const reply = await responder.respondToText('who can send as finance@contoso.com', { locale: 'en-US', timeZone: 'UTC' });
      const text = cardText(reply.cards[0]);
      expect(text).toMatch(/carol@contoso\.com — Send As\n\s*since 2 Sep 2026 20:15\n\s*granted by admin@contoso\.com/);

      // A later run (a re-sweep of the same windows among them) stores the grant once.
      clock.advance(7 * 3600_000);
      const again = await ingestion.scheduler.runOnce();
      expect(again.errors).toEqual([]);
      expect(again.resweeps.length).toBeGreaterThan(0);
      expect(await store.listRightsChanges({})).toHaveLength(1);
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });

  it('spends two submissions per window: with a budget of one, the admin query fails the window, which stays to be asked again', async () => {
    const { fake, store, ingestion } = await setUp({ submissionBudget: 1 });
    try {
      const summary = await ingestion.scheduler.runOnce();
      expect(summary.errors).toEqual([{ code: 'budget-exhausted', message: expect.stringMatching(/^admin records: the audit query budget \(1 submissions in 24 hours\) is spent/) }]);
      expect(fake.requests.filter((r) => r.route === 'create')).toHaveLength(1);
      expect(await store.rightsHistoryStart()).toBeNull();
      // The SendAs part is stored and covered; the backfill day is not done, so the next run asks it again.
      expect(summary.inserted).toBeGreaterThan(0);
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });

  it('resumes an admin query journalled by an earlier run without submitting it again, and stores what it holds', async () => {
    const { fake, store, ingestion } = await setUp({ maxPollMs: 20_000 });
    try {
      const earlier = { from: '2026-09-01T00:00:00.000Z', to: '2026-09-02T00:00:00.000Z' };
      const rights = ingestion.rights;
      if (rights === null) throw new Error('admin records are on by default');
      fake.faults.slowQueries = { times: 1, polls: 5, window: earlier };
      const first = await rights.ingest(earlier);
      expect(first.report.failures.map((f) => f.problem.code)).toEqual(['poll-timeout']);
      expect(await rights.pending()).toHaveLength(1);

      const summary = await ingestion.scheduler.runOnce();
      expect(summary.errors).toEqual([]);
      const adminCreates = fake.requests.filter((r) => r.route === 'create' && JSON.stringify((r.body as Record<string, unknown>).recordTypeFilters) === '["exchangeAdmin"]');
      const earlierCreates = adminCreates.filter((r) => Date.parse(String((r.body as Record<string, unknown>).filterStartDateTime)) === Date.parse(earlier.from));
      expect(earlierCreates).toHaveLength(1);
      expect(await rights.pending()).toEqual([]);
      expect((await store.listRightsChanges({})).map((c) => c.added[0]?.key).sort()).toEqual(['carol@contoso.com', 'dave@contoso.com']);
      expect(await store.rightsHistoryStart()).toBe(earlier.from);
    } finally {
      await ingestion.stop();
      await fake.close();
      await store.close();
    }
  });
});
