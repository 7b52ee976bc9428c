import type { DemoRecord } from '../../src/audit/demo/tenant';
import { normalizeRecord } from '../../src/audit/normalize';
import { TEST_BOUNDS } from '../support/read';
import { findAnomalies } from '../../src/detect/find';
import { loadTenant } from './tenant-store';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function timeOf(record: DemoRecord): number {
  const result = normalizeRecord(record.auditData, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error('generated record did not normalize');
  return Date.parse(result.event.time);
}

/** Records a person makes at work: delegates and assistants, 07:00-18:00, rarely at weekends. */
function officeHoursOnly(record: DemoRecord): boolean {
  return record.truth.scenario.startsWith('delegate-') || record.truth.scenario === 'on-behalf-assistant';
}

function dayBefore(now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - DAY).toISOString(), to: now.toISOString() };
}

describe('audit silence over generated tenants', () => {
  const END = new Date('2026-11-20T06:00:00.000Z');

  it('stays quiet while the tenant keeps sending', async () => {
    const tenant = await loadTenant({ users: 200, days: 60, seed: 11, end: END, plantAnomalies: false });
    const anomalies = await findAnomalies(tenant.store, { window: dayBefore(END), now: END });
    expect(anomalies.filter((a) => a.kind === 'audit-silence')).toEqual([]);
    await tenant.store.close();
  });

  it.each([1, 3, 10])('fires when the last %d days of events are cut out', async (days) => {
    const cut = END.getTime() - days * DAY;
    const tenant = await loadTenant({ users: 200, days: 60, seed: 11, end: END, plantAnomalies: false }, (r) => timeOf(r) < cut);
    const { newest } = await tenant.store.eventBounds(END.toISOString());
    if (newest === null) throw new Error('the cut tenant kept no events');
    expect(Date.parse(newest.time)).toBeLessThan(cut);
    const silences = (await findAnomalies(tenant.store, { window: dayBefore(END), now: END })).filter((a) => a.kind === 'audit-silence');
    expect(silences).toHaveLength(1);
    expect(silences[0]).toMatchObject({ severity: 'high', evidence: [newest.id], at: END.toISOString(), facts: { lastEventAt: newest.time } });
    expect(Number(silences[0].facts.silentHours)).toBeCloseTo((END.getTime() - Date.parse(newest.time)) / HOUR, 0);
    expect(Number(silences[0].facts.longestNormalGapHours)).toBeLessThan(12);
    await tenant.store.close();
  });

  describe('on a tenant that only sends in office hours', () => {
    const MONDAY_MORNING = new Date('2026-11-23T06:00:00.000Z');

    it('does not call a normal weekend a silence', async () => {
      const tenant = await loadTenant({ users: 30, days: 60, seed: 'office', end: MONDAY_MORNING, plantAnomalies: false }, officeHoursOnly);
      const { newest } = await tenant.store.eventBounds(MONDAY_MORNING.toISOString());
      // The premise: the feed really has been quiet since Friday evening.
      expect(MONDAY_MORNING.getTime() - Date.parse(newest?.time ?? '')).toBeGreaterThan(50 * HOUR);
      const anomalies = await findAnomalies(tenant.store, { window: dayBefore(MONDAY_MORNING), now: MONDAY_MORNING });
      expect(anomalies.filter((a) => a.kind === 'audit-silence')).toEqual([]);
      await tenant.store.close();
    });

    it('calls ten quiet days a silence, measured against its longest weekend', async () => {
      const cut = Date.parse('2026-11-13T18:00:00.000Z');
      const tenant = await loadTenant(
        { users: 30, days: 60, seed: 'office', end: MONDAY_MORNING, plantAnomalies: false },
        (r) => officeHoursOnly(r) && timeOf(r) < cut,
      );
      const silences = (await findAnomalies(tenant.store, { window: dayBefore(MONDAY_MORNING), now: MONDAY_MORNING })).filter(
        (a) => a.kind === 'audit-silence',
      );
      expect(silences).toHaveLength(1);
      const normalGap = Number(silences[0].facts.longestNormalGapHours);
      expect(normalGap).toBeGreaterThan(50);
      expect(Number(silences[0].facts.thresholdHours)).toBe(2 * normalGap);
      await tenant.store.close();
    });
  });

  it('does not claim a silence where ingestion has not looked yet', async () => {
    const cut = END.getTime() - 3 * DAY;
    const tenant = await loadTenant({ users: 200, days: 60, seed: 11, end: new Date(cut), plantAnomalies: false });
    // Coverage ends with the data: the three days after it were never ingested, so they are unknown, not silent.
    const anomalies = await findAnomalies(tenant.store, { window: dayBefore(END), now: END });
    expect(anomalies.filter((a) => a.kind === 'audit-silence')).toEqual([]);
    await tenant.store.markCovered({ from: new Date(cut).toISOString(), to: END.toISOString() }, 'graph', { level: 'settled', checkedAt: END.toISOString() });
    const afterLooking = await findAnomalies(tenant.store, { window: dayBefore(END), now: END });
    expect(afterLooking.filter((a) => a.kind === 'audit-silence')).toHaveLength(1);
    await tenant.store.close();
  });
});
