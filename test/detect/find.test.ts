import type { AuditEvent } from '../../src/audit/event';
import type { Anomaly } from '../../src/detect/anomaly';
import type { Detector } from '../../src/detect/detector';
import { findAnomalies, runDetectors } from '../../src/detect/find';
import { gatherDetectionInput } from '../../src/detect/gather';
import { DEFAULT_DETECTOR_SETTINGS } from '../../src/detect/settings';
import { detectionInput } from '../../src/detect/detectors/base-input.cases';
import { SqliteStore } from '../../src/store/sqlite/store';
import { classified, event } from '../support/events';

const DAY = 24 * 3600_000;
const NOW = new Date('2026-11-20T06:00:00.000Z');
const HUNT_DAY = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };

function at(dayOffset: number, hour: number): string {
  return new Date(Date.parse(HUNT_DAY.from) + dayOffset * DAY + hour * 3600_000).toISOString();
}

/**
 * Twenty days of history: Alex sends as finance@ twice every day from OWA and Joni's phone
 * misreports her own sends; then, on the hunt day, Alex sends as hr@ for the first time.
 */
async function smallTenant(extra: readonly AuditEvent[] = []): Promise<SqliteStore> {
  const store = new SqliteStore(':memory:', { now: () => 0 });
  const events: AuditEvent[] = [];
  for (let d = -20; d < 0; d += 1) {
    events.push(event({ time: at(d, 9) }), event({ time: at(d, 15) }));
    events.push(
      event({ time: at(d, 12), actor: 'joni.sherman@contoso.com', sentAs: 'joni.sherman@contoso.com', mailbox: 'joni.sherman@contoso.com', client: 'Client=OutlookService;Outlook-iOS/2.0;' }),
    );
  }
  events.push(event({ id: 'first-hr-send', time: at(0, 10), sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com' }), ...extra);
  await store.ingest(events.map(classified));
  await store.markCovered({ from: at(-20, 0), to: NOW.toISOString() }, 'graph', { level: 'settled', checkedAt: NOW.toISOString() });
  return store;
}

describe('findAnomalies', () => {
  it('refuses settings that do not validate and windows that are not windows, with coded errors', async () => {
    const store = await smallTenant();
    await expect(findAnomalies(store, { window: HUNT_DAY, now: NOW, settings: { spikeFactor: 0 } })).rejects.toMatchObject({
      code: 'SENDAS_CONFIG_INVALID',
      message: expect.stringMatching(/spikeFactor/),
    });
    await expect(findAnomalies(store, { window: { from: HUNT_DAY.to, to: HUNT_DAY.from }, now: NOW })).rejects.toMatchObject({ code: 'SENDAS_USAGE' });
    await expect(findAnomalies(store, { window: { from: 'yesterday', to: HUNT_DAY.to }, now: NOW })).rejects.toMatchObject({ code: 'SENDAS_USAGE' });
    await store.close();
  });

  it('gathers the baseline from the store: actors, mailboxes, noise, history length and domains', async () => {
    const store = await smallTenant();
    const input = await gatherDetectionInput(store, { window: HUNT_DAY, now: NOW, settings: DEFAULT_DETECTOR_SETTINGS, ingestion: null });
    expect(input.recent.map((g) => `${g.actor}>${g.sentAs}:${g.count}`)).toEqual(['alex.wilber@contoso.com>hr@contoso.com:1']);
    expect(input.baseline.window).toEqual({ from: at(-30, 0), to: HUNT_DAY.from });
    // The store holds 20 of the 30 baseline days (its first event is at 09:00 on the first).
    expect(input.baseline.days).toBe(19.6);
    const alex = input.baseline.actors.get('alex.wilber@contoso.com');
    expect(alex?.sentAs).toEqual(new Map([['finance@contoso.com', 40]]));
    expect(alex?.delegateSends).toEqual({ total: 40, activeDays: 20, peak: 2 });
    expect([...(alex?.clientFamilies ?? [])]).toEqual(['owa']);
    expect(input.baseline.actors.has('joni.sherman@contoso.com')).toBe(false);
    expect(input.baseline.mailboxes.has('hr@contoso.com')).toBe(false);
    expect(input.baseline.noise).toEqual({ total: 20, activeDays: 20, peak: 1 });
    expect(input.arrivals).toMatchObject({ lastEvent: { id: 'first-hr-send', time: at(0, 10) }, firstEventAt: at(-20, 9), observedUntil: NOW.toISOString() });
    expect(input.arrivals.hourly).toContainEqual({ hour: at(-1, 15), count: 1 });
    expect(input.tenantDomains).toEqual(['contoso.com']);
    await store.close();
  });

  it('finds the first send as hr@ once the store has two weeks of history, and not before', async () => {
    const store = await smallTenant();
    const found = await findAnomalies(store, { window: HUNT_DAY, now: NOW });
    expect(found.map((a) => [a.kind, a.actor, a.mailbox, a.evidence])).toEqual([['new-delegate', 'alex.wilber@contoso.com', 'hr@contoso.com', ['first-hr-send']]]);
    expect(await findAnomalies(store, { window: HUNT_DAY, now: NOW, settings: { minimumBaselineDays: 21 } })).toEqual([]);
    await store.close();
  });

  it('reads a mailbox baseline for an identity busy enough to spike, and finds the spike no single delegate caused', async () => {
    const team = ['a', 'b', 'c', 'd', 'e'].map((p) => `${p}.agent@contoso.com`);
    const support = { sentAs: 'support@contoso.com', mailbox: 'support@contoso.com' };
    const history = team.flatMap((actor) => Array.from({ length: 20 }, (_, d) => event({ ...support, actor, time: at(d - 20, 10) })));
    const busyDay = team.flatMap((actor) => Array.from({ length: 8 }, (_, i) => event({ ...support, actor, time: at(0, 8 + i) })));
    const store = await smallTenant([...history, ...busyDay]);
    const input = await gatherDetectionInput(store, { window: HUNT_DAY, now: NOW, settings: DEFAULT_DETECTOR_SETTINGS, ingestion: null });
    expect([...input.baseline.mailboxes.keys()]).toEqual(['support@contoso.com']);
    expect(input.baseline.mailboxes.get('support@contoso.com')).toEqual({ total: 100, activeDays: 20, peak: 5 });
    const found = await findAnomalies(store, { window: HUNT_DAY, now: NOW });
    expect(found.filter((a) => a.kind === 'spike').map((a) => [a.actor, a.mailbox, a.facts.scope, a.facts.sends])).toEqual([
      [null, 'support@contoso.com', 'mailbox', 40],
    ]);
    await store.close();
  });

  it('takes configured tenant domains over the derived ones', async () => {
    const store = await smallTenant([event({ id: 'partner-send', time: at(0, 11), actor: 'megan.bowen@fabrikam.com' })]);
    const derived = await findAnomalies(store, { window: HUNT_DAY, now: NOW });
    expect(derived.filter((a) => a.kind === 'external-actor').map((a) => a.facts.reason)).toEqual(['outside-domains']);
    const configured = await findAnomalies(store, { window: HUNT_DAY, now: NOW, settings: { tenantDomains: ['contoso.com', '@Fabrikam.com'] } });
    expect(configured.filter((a) => a.kind === 'external-actor')).toEqual([]);
    expect(configured.filter((a) => a.kind === 'new-delegate').map((a) => a.actor)).toContain('megan.bowen@fabrikam.com');
    await store.close();
  });

  it('reports every delegate send as a watched mailbox, whatever the case of the configured address', async () => {
    const store = await smallTenant();
    const found = await findAnomalies(store, { window: HUNT_DAY, now: NOW, settings: { watchlist: ['HR@contoso.com'] } });
    expect(found.filter((a) => a.kind === 'watched-mailbox').map((a) => [a.actor, a.mailbox])).toEqual([['alex.wilber@contoso.com', 'hr@contoso.com']]);
    await store.close();
  });

  it('reports ingestion failing past its grace period, as the scheduler passes it in', async () => {
    const store = await smallTenant();
    const failing = { lastSuccessAt: '2026-11-19T20:00:00.000Z', failingSince: '2026-11-19T20:15:00.000Z', lastError: 'SENDAS_GRAPH_FAILED' };
    const found = await findAnomalies(store, { window: HUNT_DAY, now: NOW, ingestion: failing });
    expect(found[0]).toMatchObject({ kind: 'ingestion-failing', severity: 'high', key: 'ingestion-failing|-|-|2026-11-19T20:15:00.000Z' });
    await store.close();
  });
});

describe('runDetectors', () => {
  const anomaly = (key: string, at: string, severity: Anomaly['severity'] = 'medium'): Anomaly => ({
    key,
    kind: 'spike',
    severity,
    at,
    actor: null,
    mailbox: null,
    evidence: [],
    facts: {},
  });
  const fake = (id: string, out: Anomaly[]): Detector => ({
    id,
    kind: 'spike',
    description: 'a fake detector for ordering',
    severity: { default: 'medium' },
    settings: [],
    facts: [],
    detect: () => out,
  });

  it('returns anomalies newest first, the most severe first at the same instant, each key once', () => {
    const result = runDetectors(detectionInput(), DEFAULT_DETECTOR_SETTINGS, [
      fake('a', [anomaly('old', '2026-11-19T08:00:00.000Z'), anomaly('twice', '2026-11-19T12:00:00.000Z')]),
      fake('b', [anomaly('twice', '2026-11-19T12:00:00.000Z'), anomaly('same-time-high', '2026-11-19T12:00:00.000Z', 'high')]),
    ]);
    expect(result.map((a) => a.key)).toEqual(['same-time-high', 'twice', 'old']);
  });
});
