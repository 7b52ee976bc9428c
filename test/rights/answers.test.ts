import { generateDemoRights } from '../../src/audit/demo/rights';
import { buildDemoTenant } from '../../src/audit/demo/tenant';
import type { RightsAnswer } from '../../src/rights/answer';
import { answerRightsQuestion } from '../../src/rights/answer';
import { loadDemoTenant } from '../../src/sources/demo';
import { PostgresStore } from '../../src/store/postgres/store';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { Store } from '../../src/store/store';
import { usePostgres } from '../support/postgres';

const END = new Date('2026-11-20T00:00:00.000Z');
const DEMO = { users: 60, days: 60, seed: 7, plantAnomalies: false } as const;
const demo = generateDemoRights(buildDemoTenant(DEMO.users, DEMO.seed), { end: END, days: DEMO.days, seed: DEMO.seed });
const tenant = buildDemoTenant(DEMO.users, DEMO.seed);
const postgres = usePostgres();

function expectKind<K extends RightsAnswer['kind']>(answer: RightsAnswer, kind: K): Extract<RightsAnswer, { kind: K }> {
  expect(answer.kind).toBe(kind);
  return answer as Extract<RightsAnswer, { kind: K }>;
}

describe.each([
  ['SQLite', (): Promise<Store> => Promise.resolve(new SqliteStore(':memory:'))],
  ['PostgreSQL', async (): Promise<Store> => PostgresStore.open(await postgres.freshDatabase(), { poolSize: 4 })],
])('rights questions on the demo tenant, %s store', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await loadDemoTenant(store, DEMO, END);
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });
  const now = END.toISOString();

  it('who can send as a shared mailbox: its genuine delegates since before the history, with their uses', async () => {
    const shared = tenant.sharedMailboxes[0];
    const alias = shared.split('@')[0];
    const answer = expectKind(await answerRightsQuestion({ kind: 'who-can-send-as', mailbox: alias }, store, now), 'who-can-send-as');
    expect(answer.mailbox).toBe(shared);
    const delegates = new Set(tenant.delegations.filter((d) => d.mailbox === shared).map((d) => d.actor));
    const before = answer.holders.filter((h) => h.interval.right === 'SendAs' && h.interval.from === null);
    expect(new Set(before.map((h) => h.interval.trustee.key))).toEqual(delegates);
    expect(before.some((h) => h.recentUses > 0 && h.lastUse !== null)).toBe(true);
    expect(answer.inventoryTakenAt).toBe(demo.inventory.takenAt);
  });

  it('finds exactly the planted dormant rights, tenant-wide', async () => {
    const answer = expectKind(await answerRightsQuestion({ kind: 'dormant', mailbox: null, days: 30 }, store, now), 'dormant');
    expect(answer.dormant.map((d) => `${d.interval.mailbox.key}|${d.interval.trustee.key}|${d.interval.right}`).sort()).toEqual(demo.truth.dormant);
  });

  it('lists the planted sends without a known right, and no genuine delegate’s send', async () => {
    const answer = expectKind(await answerRightsQuestion({ kind: 'without-right', days: 60 }, store, now), 'without-right');
    expect(answer.sends.map((s) => s.use.id)).toEqual(demo.truth.sendsWithoutRight);
  });

  it('gives the grant history of the clean-up trustee: granted, then removed, with who did it', async () => {
    const answer = expectKind(await answerRightsQuestion({ kind: 'grant-history', trustee: demo.truth.cleanupTrustee, mailbox: null, right: null }, store, now), 'grant-history');
    expect(answer.entries.map((e) => e.action)).toEqual(['granted', 'removed']);
    expect(answer.entries.every((e) => e.change.grantedBy.includes('@'))).toBe(true);
  });
});
