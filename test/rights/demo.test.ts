import { Readable } from 'node:stream';
import { normalizeRecord } from '../../src/audit/normalize';
import { generateDemoRights } from '../../src/audit/demo/rights';
import { buildDemoTenant, generateDemoTenant } from '../../src/audit/demo/tenant';
import { DEFAULT_RIGHTS_DETECTOR_SETTINGS } from '../../src/rights/anomaly';
import { findRightsAnomalies } from '../../src/rights/detectors';
import { buildDirectory } from '../../src/rights/identity';
import { readInventory } from '../../src/rights/inventory';
import { buildIntervals } from '../../src/rights/model';
import type { RightsUse } from '../../src/rights/questions';
import { dormantRights, sendsWithoutKnownRight, whoCanSendAs } from '../../src/rights/questions';
import { normalizeRightsRecord } from '../../src/rights/record';
import { timeBoundsAt } from '../../src/audit/normalize';

const END = new Date('2026-11-20T00:00:00.000Z');
const BOUNDS = timeBoundsAt(END);
const OPTIONS = { users: 60, days: 60, seed: 7, end: END, plantAnomalies: false } as const;

function usesOf(auditData: readonly unknown[]): RightsUse[] {
  return auditData.flatMap((record) => {
    const result = normalizeRecord(record, BOUNDS);
    if (result.kind !== 'event') return [];
    const { id, time, operation, actor, mailbox, sentAs } = result.event;
    return [{ id, time, operation, actor, mailbox, sentAs }];
  });
}

describe('the demo tenant’s rights', () => {
  const tenant = buildDemoTenant(OPTIONS.users, OPTIONS.seed);
  const demo = generateDemoRights(tenant, { end: END, days: OPTIONS.days, seed: OPTIONS.seed });

  async function model() {
    const mailboxes = await readInventory(Readable.from([Buffer.from(demo.inventory.mailboxesCsv)]));
    const directory = buildDirectory(mailboxes.mailboxes);
    const recipient = await readInventory(Readable.from([Buffer.from(demo.inventory.recipientPermissionsCsv)]), directory);
    const full = await readInventory(Readable.from([Buffer.from(demo.inventory.mailboxPermissionsCsv)]), directory);
    const withDirectory = await readInventory(Readable.from([Buffer.from(demo.inventory.mailboxesCsv)]), directory);
    const changes = demo.adminRecords.map((r) => normalizeRightsRecord(r.auditData, BOUNDS, directory)).flatMap((r) => (r.kind === 'change' ? [r.change] : []));
    const snapshot = { takenAt: demo.inventory.takenAt, holdings: [...recipient.holdings, ...full.holdings, ...withDirectory.holdings] };
    // Rights bear on delegate sends only: connectors, apps and owners' own sends need no right.
    const delegateSends = [...generateDemoTenant(OPTIONS)].filter((r) => r.truth.category === 'delegate').map((r) => r.auditData);
    const uses = usesOf([...delegateSends, ...demo.sendRecords.map((r) => r.auditData)]);
    return { changes, intervals: buildIntervals(snapshot, changes), uses, recipient, full };
  }

  it('is the same for the same seed, and its admin records all normalise', () => {
    expect(generateDemoRights(tenant, { end: END, days: OPTIONS.days, seed: OPTIONS.seed })).toEqual(demo);
    const results = demo.adminRecords.map((r) => normalizeRightsRecord(r.auditData, BOUNDS));
    expect(results.every((r) => r.kind === 'change')).toBe(true);
    expect(results.filter((r) => r.kind === 'change' && !r.change.succeeded)).toHaveLength(1);
  });

  it('its inventory exports read like real ones: SELF and inherited rows skipped, aliases resolved', async () => {
    const { recipient, full } = await model();
    expect(recipient.skipped.self).toBe(tenant.sharedMailboxes.length);
    expect(full.skipped.inherited).toBe(1);
    expect(recipient.holdings.every((h) => h.mailbox.key.endsWith('@contoso.com'))).toBe(true);
  });

  it('the questions find exactly the planted dormant rights and sends without a known right', async () => {
    const { intervals, uses } = await model();
    const dormant = dormantRights(intervals, uses, END.toISOString()).map((d) => `${d.interval.mailbox.key}|${d.interval.trustee.key}|${d.interval.right}`);
    expect(dormant.sort()).toEqual(demo.truth.dormant);
    expect(sendsWithoutKnownRight(intervals, uses, demo.inventory.takenAt).map((u) => u.id)).toEqual(demo.truth.sendsWithoutRight);
    // Every genuine delegate of a shared mailbox holds Send As since before the history.
    const shared = tenant.sharedMailboxes[0];
    const holders = whoCanSendAs(intervals, uses, shared, END.toISOString()).filter((h) => h.interval.right === 'SendAs' && h.interval.from === null);
    expect(new Set(holders.map((h) => h.interval.trustee.key))).toEqual(new Set(tenant.delegations.filter((d) => d.mailbox === shared).map((d) => d.actor)));
  });

  it('the detectors find the grant-use-remove sequence, the guest, the watched mailbox and the first-time granter', async () => {
    const { changes, intervals, uses } = await model();
    const anomalies = findRightsAnomalies(
      {
        now: END.toISOString(),
        window: { from: new Date(END.getTime() - 7 * 24 * 3600_000).toISOString(), to: END.toISOString() },
        changes,
        intervals,
        uses,
        historyStart: demo.inventory.takenAt,
        tenantDomains: ['contoso.com'],
        watchlist: [demo.truth.watchedMailbox],
      },
      DEFAULT_RIGHTS_DETECTOR_SETTINGS,
    );
    expect(anomalies.map((a) => [a.kind, a.kind === 'right-new-granter' ? a.actor : a.kind === 'right-on-watched-mailbox' ? a.mailbox : a.actor]).sort()).toEqual(
      [
        ['right-cleanup', demo.truth.cleanupTrustee],
        ['right-used-at-once', demo.truth.cleanupTrustee],
        ['right-external-trustee', demo.truth.guest],
        ['right-on-watched-mailbox', demo.truth.watchedMailbox],
        ['right-new-granter', demo.truth.newGranter],
      ].sort(),
    );
  });
});
