import type { DemoRecord, PlantedAnomaly } from '../../src/audit/demo/tenant';
import { normalizeRecord } from '../../src/audit/normalize';
import { TEST_BOUNDS } from '../support/read';
import type { Anomaly } from '../../src/detect/anomaly';
import { findAnomalies } from '../../src/detect/find';
import { PlaceDatabase } from '../../src/places/database';
import { classified, event } from '../support/events';
import type { LoadedTenant } from './tenant-store';
import { loadTenant } from './tenant-store';

/** The generator plants its anomalies on the last full day before END: Thursday 2026-11-19. */
const END = new Date('2026-11-20T06:00:00.000Z');
const HUNT_DAY = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };
/** The shipped IP database, loaded once for every tenant: the new-country detector needs it. */
const places = new PlaceDatabase();

function who(record: DemoRecord): { actor: string; mailbox: string | null } {
  const result = normalizeRecord(record.auditData, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error('planted record did not normalize');
  return { actor: result.event.actor, mailbox: result.event.sentAs };
}

function alerts(anomalies: readonly Anomaly[]): Anomaly[] {
  return anomalies.filter((a) => a.severity !== 'info');
}

function plantedOf(tenant: LoadedTenant, kind: PlantedAnomaly): readonly DemoRecord[] {
  const records = tenant.planted.get(kind) ?? [];
  expect(records.length).toBeGreaterThan(0);
  return records;
}

const TENANTS = [
  { users: 200, days: 60, seed: 42 },
  { users: 200, days: 45, seed: 'fabrikam' },
  { users: 500, days: 40, seed: 7 },
  { users: 2000, days: 40, seed: 3 },
];

describe.each(TENANTS)('a generated tenant of $users users over $days days (seed $seed)', (size) => {
  let planted: LoadedTenant;
  let clean: LoadedTenant;
  let found: Anomaly[];

  beforeAll(async () => {
    planted = await loadTenant({ ...size, end: END });
    clean = await loadTenant({ ...size, end: END, plantAnomalies: false });
    found = await findAnomalies(planted.store, { window: HUNT_DAY, now: END, places });
  }, 120_000);
  afterAll(async () => {
    await planted.store.close();
    await clean.store.close();
  });

  it.each(['new-delegate', 'external-actor', 'risky-client', 'new-country'] as const)('finds the planted %s with its actor, mailbox and exactly its records as evidence', (kind) => {
    const records = plantedOf(planted, kind);
    const { actor, mailbox } = who(records[0]);
    const matches = found.filter((a) => a.kind === kind && a.actor === actor && a.mailbox === mailbox);
    expect(matches).toHaveLength(1);
    expect([...matches[0].evidence].sort()).toEqual(records.map((r) => r.truth.id).sort());
    expect(matches[0].severity).not.toBe('info');
  });

  it('finds the planted spike, citing that actor’s sends as that mailbox that day', async () => {
    const records = plantedOf(planted, 'spike');
    const { actor, mailbox } = who(records[0]);
    const matches = found.filter((a) => a.kind === 'spike' && a.actor === actor);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ mailbox, severity: 'medium', facts: { scope: 'actor', day: '2026-11-19' } });
    expect(Number(matches[0].facts.sends)).toBeGreaterThanOrEqual(records.length);
    const sameDay = await planted.store.listEvents({ ...HUNT_DAY, actor, sentAs: mailbox ?? undefined }, { limit: 1000 });
    const sameDayIds = sameDay.map((e) => e.id);
    for (const id of matches[0].evidence) expect(sameDayIds).toContain(id);
    expect(matches[0].evidence.some((id) => records.some((r) => r.truth.id === id))).toBe(true);
  });

  it('raises nothing else above info on the planted tenant', () => {
    const expected = (['new-delegate', 'external-actor', 'risky-client', 'spike', 'new-country'] as const).map((kind) => {
      const { actor, mailbox } = who(plantedOf(planted, kind)[0]);
      return `${kind} ${actor} ${mailbox}`;
    });
    // The planted guest signs in with a UPN outside contoso.com: without a directory, that is all that is said of it.
    const guest = who(plantedOf(planted, 'guest-actor')[0]);
    expected.push(`external-actor ${guest.actor} ${guest.mailbox}`);
    expect(alerts(found).map((a) => `${a.kind} ${a.actor} ${a.mailbox}`).sort()).toEqual(expected.sort());
  });

  it('raises nothing above info on the clean tenant of the same size and seed', async () => {
    expect(clean.events).toBeGreaterThan(size.users * size.days * 0.3);
    expect(alerts(await findAnomalies(clean.store, { window: HUNT_DAY, now: END, places }))).toEqual([]);
  });

  it('gives the same situation the same key over overlapping windows', async () => {
    const shifted = await findAnomalies(planted.store, {
      window: { from: '2026-11-19T06:00:00.000Z', to: '2026-11-20T06:00:00.000Z' },
      now: new Date('2026-11-20T07:00:00.000Z'),
      places,
    });
    const twoDays = await findAnomalies(planted.store, { window: { from: '2026-11-18T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' }, now: END, places });
    const keys = (anomalies: readonly Anomaly[]) => alerts(anomalies).map((a) => a.key).sort();
    expect(keys(found)).toHaveLength(6);
    expect(keys(shifted)).toEqual(keys(found));
    expect(keys(twoDays)).toEqual(keys(found));
  });
});

describe('noise on a generated tenant', () => {
  it('raises one informational notice for a connector gone wild, and names the connector as new where it was never seen', async () => {
    const tenant = await loadTenant({ users: 200, days: 40, seed: 42, end: END, plantAnomalies: false });
    const cards = Array.from({ length: 1500 }, (_, i) =>
      classified(
        event({
          id: `runaway-card-${String(i).padStart(4, '0')}`,
          time: new Date(Date.parse(HUNT_DAY.from) + i * 50_000).toISOString(),
          actor: 'lee.gu@contoso.com',
          sentAs: 'marketing-feed@contoso.com',
          mailbox: 'marketing-feed@contoso.com',
          client: 'ConnectorWorkProvider',
          clientIp: null,
        }),
      ),
    );
    await tenant.store.ingest(cards);
    const found = await findAnomalies(tenant.store, { window: HUNT_DAY, now: END });
    expect(found.map((a) => [a.kind, a.severity, a.actor, a.mailbox]).sort()).toEqual([
      ['new-noise-pair', 'medium', 'lee.gu@contoso.com', 'marketing-feed@contoso.com'],
      ['noise-surge', 'info', 'lee.gu@contoso.com', 'marketing-feed@contoso.com'],
    ]);
    const surge = found.find((a) => a.kind === 'noise-surge');
    expect(Number(surge?.facts.connectorEvents)).toBeGreaterThanOrEqual(1500);
    for (const anomaly of found) for (const id of anomaly.evidence) expect(id).toMatch(/^runaway-card-/);
    await tenant.store.close();
  });
});
