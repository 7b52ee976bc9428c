import { generateDemoTenant, buildDemoTenant } from '../../src/audit/demo/tenant';
import { normalizeRecord } from '../../src/audit/normalize';
import { TEST_BOUNDS } from '../support/read';
import { classify } from '../../src/classify/classify';
import type { Category } from '../../src/classify/category';

const END = new Date('2026-11-20T00:00:00Z');

describe('the demo tenant', () => {
  it('is the same for the same seed and differs for another', () => {
    const ids = (seed: string) => [...generateDemoTenant({ users: 30, days: 5, seed, end: END })].map((r) => r.auditData.Id);
    expect(ids('a')).toEqual(ids('a'));
    expect(ids('a')).not.toEqual(ids('b'));
  });

  it('repeats the same records for the same days whatever the end, so reloading adds only what is new', () => {
    const earlier = [...generateDemoTenant({ users: 60, days: 10, seed: 9, end: new Date('2026-11-10T12:00:00Z'), plantAnomalies: false })];
    const later = [...generateDemoTenant({ users: 60, days: 12, seed: 9, end: new Date('2026-11-12T12:00:00Z'), plantAnomalies: false })];
    const laterIds = new Set(later.map((r) => r.truth.id));
    const overlap = earlier.filter((r) => String(r.auditData.CreationTime) >= '2026-11-01T00:00:00');
    expect(overlap.length).toBeGreaterThan(100);
    expect(overlap.filter((r) => !laterIds.has(r.truth.id))).toEqual([]);
  });

  it('agrees with the classifier on every record of a large tenant', () => {
    const disagreements: string[] = [];
    const seen = new Map<Category, number>();
    let total = 0;
    for (const { auditData, truth } of generateDemoTenant({ users: 2000, days: 60, seed: 7, end: END })) {
      total += 1;
      const result = normalizeRecord(auditData, TEST_BOUNDS);
      if (result.kind !== 'event') {
        disagreements.push(`${truth.id}: did not normalize`);
        continue;
      }
      const { category } = classify(result.event);
      seen.set(category, (seen.get(category) ?? 0) + 1);
      if (category !== truth.category) disagreements.push(`${truth.id} (${truth.scenario}): expected ${truth.category}, got ${category}`);
    }
    expect(total).toBeGreaterThan(40000);
    expect(disagreements.slice(0, 10)).toEqual([]);
    // Every category is represented, so the agreement means something.
    for (const category of ['delegate', 'owner-misreport', 'connector', 'application', 'unknown'] as const) {
      expect(seen.get(category) ?? 0).toBeGreaterThan(0);
    }
  });

  it('leaves the MC382148 window empty', () => {
    const times = [...generateDemoTenant({ users: 40, days: 120, seed: 1, end: new Date('2022-05-01T00:00:00Z') })].map((r) => String(r.auditData.CreationTime));
    expect(times.some((t) => t < '2022-01-28')).toBe(true);
    expect(times.some((t) => t >= '2022-03-27')).toBe(true);
    expect(times.filter((t) => t >= '2022-01-28' && t < '2022-03-27')).toEqual([]);
  });

  it('plants each anomaly on the last full day, and none when asked not to', () => {
    const planted = [...generateDemoTenant({ users: 200, days: 30, seed: 3, end: END })].filter((r) => r.truth.anomaly !== undefined);
    expect(new Set(planted.map((r) => r.truth.anomaly))).toEqual(new Set(['new-delegate', 'external-actor', 'spike', 'risky-client', 'new-country', 'disabled-account', 'guest-actor']));
    for (const r of planted) expect(String(r.auditData.CreationTime) >= '2026-11-19').toBe(true);
    const external = planted.find((r) => r.truth.anomaly === 'external-actor');
    expect(external?.auditData).toMatchObject({ UserId: 'megan.bowen@fabrikam.com', ExternalAccess: true });
    const clean = [...generateDemoTenant({ users: 200, days: 30, seed: 3, end: END, plantAnomalies: false })];
    expect(clean.filter((r) => r.truth.anomaly !== undefined)).toEqual([]);
  });

  it('marks late arrivals: records become searchable after they happen, some hours later', () => {
    const records = [...generateDemoTenant({ users: 100, days: 10, seed: 5, end: END })];
    const delays = records.map((r) => Date.parse(r.truth.arrival) - Date.parse(`${String(r.auditData.CreationTime)}Z`));
    expect(Math.min(...delays)).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(24 * 3600_000);
    expect(delays.filter((d) => d > 2 * 3600_000).length).toBeGreaterThan(0);
  });

  it('stops at the limit and keeps the history inside [end - days, end)', () => {
    const records = [...generateDemoTenant({ users: 100, days: 3, seed: 5, end: END, limit: 50 })];
    expect(records).toHaveLength(50);
    for (const r of records) {
      const t = Date.parse(`${String(r.auditData.CreationTime)}Z`);
      expect(t).toBeGreaterThanOrEqual(END.getTime() - 3 * 86400_000 - 1000);
      expect(t).toBeLessThan(END.getTime());
    }
  });

  it('has the finance mailbox and people with both habits', () => {
    const tenant = buildDemoTenant(200, 42);
    expect(tenant.sharedMailboxes[0]).toBe('finance@contoso.com');
    expect(new Set(tenant.mobileOwners.values())).toEqual(new Set(['owner-mobile', 'owner-new-outlook']));
    expect(tenant.delegations.some((d) => d.operation === 'SendOnBehalf')).toBe(true);
  });
});
