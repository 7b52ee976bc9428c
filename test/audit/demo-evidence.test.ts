import { generateDemoTenant } from '../../src/audit/demo/tenant';
import type { DemoRecord } from '../../src/audit/demo/tenant';
import type { AuditEvent } from '../../src/audit/event';
import { normalizeRecord } from '../../src/audit/normalize';
import { classify } from '../../src/classify/classify';
import { TEST_BOUNDS } from '../support/read';

const END = new Date('2026-11-20T00:00:00Z');

function eventOf(record: DemoRecord): AuditEvent {
  const result = normalizeRecord(record.auditData, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error(`${record.truth.id} did not normalize`);
  return result.event;
}

describe('the demo tenant shows what the classifier weighs', () => {
  const records = [...generateDemoTenant({ users: 200, days: 60, seed: 42, end: END })];

  it('has a delegate whose EWS agent claims to be a connector, filed as a delegate with the claim named', () => {
    const spoofed = records.filter((r) => r.truth.scenario === 'delegate-spoofed-agent');
    expect(spoofed.length).toBeGreaterThan(5);
    for (const record of spoofed.slice(0, 5)) {
      const result = classify(eventOf(record));
      expect(record.truth.category).toBe('delegate');
      expect(result.category).toBe('delegate');
      expect(result.reasons.map((r) => r.code)).toContain('client-claim');
    }
  });

  it('has actors recorded by display name and as "Not Available", kept as Exchange wrote them', () => {
    const written = records.filter((r) => r.truth.scenario === 'unknown-actor').map((r) => eventOf(r).actorAsWritten);
    expect(written).toEqual(expect.arrayContaining(['Alex Wilber', 'Not Available']));
  });

  it('has an app with an app-only AppAccessContext and a name Exchange recorded', () => {
    const app = records.find((r) => r.truth.scenario === 'app-service-principal');
    expect(app).toBeDefined();
    const event = eventOf(app as DemoRecord);
    expect(event.access).toMatchObject({ clientAppName: 'Contoso Invoice Mailer', hasAppAccessContext: true, userToken: false });
    expect(classify(event).reasons.map((r) => r.code)).toContain('app-only-token');
  });

  it('has records with recipients, and owner misreports always include an external one', () => {
    const withRecipients = records.map(eventOf).filter((e) => e.recipients != null);
    expect(withRecipients.length).toBeGreaterThan(100);
    const owners = records.filter((r) => r.truth.scenario === 'owner-mobile').map(eventOf).filter((e) => e.recipients != null);
    expect(owners.length).toBeGreaterThan(10);
    for (const owner of owners) expect(owner.recipients?.list.some((a) => !a.endsWith('@contoso.com'))).toBe(true);
  });
});
