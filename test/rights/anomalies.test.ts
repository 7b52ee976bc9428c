import { generateDemoRights } from '../../src/audit/demo/rights';
import { buildDemoTenant } from '../../src/audit/demo/tenant';
import { Responder } from '../../src/bot/respond';
import { demoSettingsFrom } from '../../src/config';
import type { Anomaly } from '../../src/detect/anomaly';
import { findAnomalies } from '../../src/detect/find';
import { RIGHTS_ANOMALY_KINDS, sendEventsCited } from '../../src/rights/anomaly';
import { loadDemoTenant } from '../../src/sources/demo';
import { SqliteStore } from '../../src/store/sqlite/store';
import { loadTenant } from '../detect/tenant-store';
import { cardText } from '../support/activities';
import { runCliCapturing } from '../support/cli';

const NOW = '2026-11-20T00:00:00Z';
const LAST_30_DAYS = { from: '2026-10-21T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };
/** The demo tenant `ask --demo` loads (its default settings), and the ground truth of its rights. */
const SETTINGS = demoSettingsFrom({});
const DEMO = generateDemoRights(buildDemoTenant(SETTINGS.users, SETTINGS.seed), { end: new Date(NOW), days: SETTINGS.days, seed: SETTINGS.seed });
const { truth } = DEMO;
const isRights = (a: Anomaly): boolean => (RIGHTS_ANOMALY_KINDS as readonly string[]).includes(a.kind);
const idsOf = (records: readonly { truth: { id: string; scenario: string } }[], scenario: string): string[] =>
  records.filter((r) => r.truth.scenario === scenario).map((r) => r.truth.id);

describe('rights anomalies in the anomaly pipeline, on the demo tenant', () => {
  it('CLI: "anomalies last 30 days" lists the planted grant-use-remove, the grant used at once, the guest and the first-time granter', async () => {
    const run = await runCliCapturing(['ask', '--demo', '--now', NOW, 'anomalies last 30 days'], NOW);
    expect(run.code).toBe(0);
    const rows = run.out
      .split('\n')
      .map((line) => line.trim().split(/\s{2,}/))
      .filter((cells) => cells[1]?.startsWith('right-'))
      .map((cells) => [cells[1], cells[2]]);
    expect(rows.sort()).toEqual(
      [
        ['right-cleanup', truth.cleanupTrustee],
        ['right-used-at-once', truth.cleanupTrustee],
        ['right-external-trustee', truth.guest],
        ['right-new-granter', truth.newGranter],
      ].sort(),
    );
  }, 120_000);

  describe('findAnomalies over the loaded demo store', () => {
    const store = new SqliteStore(':memory:');
    let found: Anomaly[];
    beforeAll(async () => {
      await loadDemoTenant(store, SETTINGS, new Date(NOW));
      found = await findAnomalies(store, { window: LAST_30_DAYS, now: new Date(NOW), settings: { watchlist: [truth.watchedMailbox] } });
    }, 120_000);
    afterAll(async () => store.close());

    it('finds the grant on the watched mailbox once it is watched, and the other planted ones', () => {
      const rights = found.filter(isRights);
      expect(rights.filter((a) => a.kind === 'right-on-watched-mailbox').map((a) => a.mailbox)).toEqual([truth.watchedMailbox]);
      expect(new Set(rights.map((a) => a.kind))).toEqual(new Set(RIGHTS_ANOMALY_KINDS));
    });

    it('the clean-up cites the planted grant and removal first, then the planted sends, which are stored send events', async () => {
      const cleanup = found.find((a) => a.kind === 'right-cleanup');
      expect(cleanup?.evidence.slice(0, 2)).toEqual(idsOf(DEMO.adminRecords, 'used-at-once-and-removed'));
      const sends = sendEventsCited(cleanup as Anomaly);
      expect(sends).toEqual(idsOf(DEMO.sendRecords, 'used-at-once-and-removed'));
      for (const id of sends) expect(await store.getEvent(id)).not.toBeNull();
      // The admin records are not events: nothing must offer to explain them as one.
      for (const id of cleanup?.evidence.slice(0, 2) ?? []) expect(await store.getEvent(id)).toBeNull();
    });

    it('bot: the anomalies card words them, and the evidence button shows the sends, never "no audit event"', async () => {
      await store.recordAnomalies(found, NOW, { announce: false });
      const responder = new Responder({ store, now: () => new Date(NOW), findAnomalies: () => Promise.resolve(found) });
      for (const [locale, title] of [
        ['en-US', 'Right granted, used and removed within a day'],
        ['ja-JP', '権限の付与・使用・削除が 1 日以内に行われました'],
      ] as const) {
        const reply = await responder.respondToText(locale === 'en-US' ? 'anomalies last 30 days' : '過去30日の異常', { locale, timeZone: 'UTC' });
        expect(cardText(reply.cards[0])).toContain(title);
      }
      const cleanup = found.find((a) => a.kind === 'right-cleanup') as Anomaly;
      const evidence = await responder.respondToAction({ verb: 'evidence', anomaly: cleanup.key }, { locale: 'en-US', timeZone: 'UTC' });
      const texts = evidence.cards.map(cardText);
      expect(texts).toHaveLength(1 + sendEventsCited(cleanup).length);
      for (const text of texts) expect(text).not.toMatch(/No audit event has the id/);
      for (const id of sendEventsCited(cleanup)) expect(texts.some((text) => text.includes(id))).toBe(true);
    });
  });

  it('a tenant with no rights data still gets its other anomalies, and no rights ones', async () => {
    const tenant = await loadTenant({ users: 200, days: 40, seed: 42, end: new Date(NOW) });
    try {
      const anomalies = await findAnomalies(tenant.store, { window: LAST_30_DAYS, now: new Date(NOW), settings: { watchlist: [truth.watchedMailbox] } });
      expect(anomalies.length).toBeGreaterThan(0);
      expect(anomalies.filter(isRights)).toEqual([]);
      expect(await tenant.store.listRightsChanges({})).toEqual([]);
    } finally {
      await tenant.store.close();
    }
  }, 120_000);
});
