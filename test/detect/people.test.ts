import { buildDemoTenant, DEMO_GUEST, departedDelegation } from '../../src/audit/demo/tenant';
import { normalizeRecord } from '../../src/audit/normalize';
import type { Anomaly } from '../../src/detect/anomaly';
import { findAnomalies } from '../../src/detect/find';
import { demoDirectory } from '../../src/directory/demo';
import { TEST_BOUNDS } from '../support/read';
import type { LoadedTenant } from './tenant-store';
import { loadTenant } from './tenant-store';

const END = new Date('2026-11-20T06:00:00.000Z');
const HUNT_DAY = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };
const SIZE = { users: 200, days: 40, seed: 42 };

function actorOf(auditData: Record<string, unknown>): { actor: string; mailbox: string | null } {
  const result = normalizeRecord(auditData, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error('planted record did not normalize');
  return { actor: result.event.actor, mailbox: result.event.sentAs };
}

describe('the disabled-account and guest-actor anomalies on the demo tenant, with its directory', () => {
  let tenant: LoadedTenant;
  let withDirectory: Anomaly[];
  let withoutDirectory: Anomaly[];

  beforeAll(async () => {
    tenant = await loadTenant({ ...SIZE, end: END });
    const directory = demoDirectory(SIZE.users, SIZE.seed);
    withDirectory = await findAnomalies(tenant.store, { window: HUNT_DAY, now: END, directory });
    withoutDirectory = await findAnomalies(tenant.store, { window: HUNT_DAY, now: END });
  }, 120_000);
  afterAll(async () => tenant.store.close());

  it('finds the delegate who left sending as their usual mailbox, high, citing the planted send', () => {
    const planted = tenant.planted.get('disabled-account') ?? [];
    expect(planted).toHaveLength(1);
    const { actor, mailbox } = actorOf(planted[0].auditData);
    expect(actor).toBe(departedDelegation(buildDemoTenant(SIZE.users, SIZE.seed))?.actor);
    const found = withDirectory.filter((a) => a.kind === 'disabled-account');
    expect(found.map((a) => [a.actor, a.mailbox, a.severity])).toEqual([[actor, mailbox, 'high']]);
    expect(found[0].evidence).toContain(planted[0].truth.id);
    expect(Number(found[0].facts.baselineSends)).toBeGreaterThan(0);
  });

  it('finds the guest sending as support@, high on its first day, citing exactly the planted sends', () => {
    const planted = tenant.planted.get('guest-actor') ?? [];
    expect(planted).toHaveLength(2);
    const { actor, mailbox } = actorOf(planted[0].auditData);
    expect(actor).toBe(DEMO_GUEST.toLowerCase());
    const found = withDirectory.filter((a) => a.kind === 'guest-actor');
    expect(found.map((a) => [a.actor, a.mailbox, a.severity])).toEqual([[actor, mailbox, 'high']]);
    expect([...found[0].evidence].sort()).toEqual(planted.map((r) => r.truth.id).sort());
    expect(found[0].facts).toMatchObject({ displayName: 'Kai Lindqvist (Fabrikam)', sends: 2, baselineSends: 0 });
  });

  it('raises neither without a directory, and the directory adds nothing else', () => {
    expect(withoutDirectory.filter((a) => a.kind === 'disabled-account' || a.kind === 'guest-actor')).toEqual([]);
    const others = (anomalies: readonly Anomaly[]) => anomalies.filter((a) => a.kind !== 'disabled-account' && a.kind !== 'guest-actor').map((a) => a.key).sort();
    expect(others(withDirectory)).toEqual(others(withoutDirectory));
  });
});
