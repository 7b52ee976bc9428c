import { grant, removal } from '../../src/rights/detectors/base-input.cases';
import { identityOf } from '../../src/rights/identity';
import type { AuditStore } from '../../src/store/store';
import { classified, event } from '../support/events';
import type { Closable } from './contract';

const finance = 'finance@contoso.com';
const hr = 'hr@contoso.com';

/** Rights beside the events they explain: admin-record changes, inventory snapshots, directory, history start, review decisions, delegate sends. */
export function describeRightsStoreContract(name: string, open: () => Promise<AuditStore & Closable>): void {
  describe(`${name} rights store contract`, () => {
    let store: AuditStore & Closable;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps each change once by id and gives it back whole, oldest first, narrowed by window and mailbox', async () => {
      const changes = [
        grant('g2', '2026-11-19T10:00:00.000Z', finance, 'bob@contoso.com', 'SendOnBehalf', { replaces: true, clientIp: null, appId: 'app-1' }),
        grant('g1', '2026-11-18T10:00:00.000Z', finance, 'alice@contoso.com'),
        removal('r1', '2026-11-20T10:00:00.000Z', hr, 'alice@contoso.com', 'FullAccess', { succeeded: false }),
      ];
      expect(await store.ingestRightsChanges(changes)).toEqual({ inserted: 3, duplicates: 0 });
      expect(await store.ingestRightsChanges([changes[0], grant('g3', '2026-11-21T00:00:00.000Z', hr, 'carol@contoso.com')])).toEqual({ inserted: 1, duplicates: 1 });
      const all = await store.listRightsChanges({});
      expect(all.map((c) => c.id)).toEqual(['g1', 'g2', 'r1', 'g3']);
      expect(all[1]).toEqual(changes[0]);
      expect(all[2]).toEqual(changes[2]);
      expect((await store.listRightsChanges({ mailboxKey: finance })).map((c) => c.id)).toEqual(['g1', 'g2']);
      // Half-open: `to` is exclusive.
      expect((await store.listRightsChanges({ from: '2026-11-19T10:00:00.000Z', to: '2026-11-21T00:00:00.000Z' })).map((c) => c.id)).toEqual(['g2', 'r1']);
      expect(await store.listRightsChanges({ mailboxKey: 'nobody@contoso.com' })).toEqual([]);
      expect(await store.ingestRightsChanges([])).toEqual({ inserted: 0, duplicates: 0 });
    });

    it('keeps one snapshot per export kind: a new export of a kind replaces it, the current one is their union taken at the oldest', async () => {
      expect(await store.currentSnapshot()).toBeNull();
      const holding = (trustee: string, right: 'SendAs' | 'FullAccess' | 'SendOnBehalf') => ({ mailbox: identityOf('Finance@contoso.com'), trustee: identityOf(trustee), right });
      await store.replaceSnapshot('recipient-permission', { takenAt: '2026-11-01T00:00:00.000Z', holdings: [holding('alice@contoso.com', 'SendAs')] });
      await store.replaceSnapshot('mailbox-permission', { takenAt: '2026-10-01T00:00:00.000Z', holdings: [holding('bob@contoso.com', 'FullAccess')] });
      await store.replaceSnapshot('recipient-permission', { takenAt: '2026-11-02T00:00:00.000Z', holdings: [holding('carol@contoso.com', 'SendAs')] });
      const snapshot = await store.currentSnapshot();
      expect(snapshot?.takenAt).toBe('2026-10-01T00:00:00.000Z');
      expect(snapshot?.holdings).toHaveLength(2);
      expect(snapshot?.holdings).toEqual(expect.arrayContaining([holding('carol@contoso.com', 'SendAs'), holding('bob@contoso.com', 'FullAccess')]));
    });

    it('replaces the directory as a whole', async () => {
      expect((await store.loadDirectory()).size).toBe(0);
      await store.saveDirectory(new Map([['finance', finance], ['finance team', finance]]));
      await store.saveDirectory(new Map([['hr', hr]]));
      expect([...(await store.loadDirectory())]).toEqual([['hr', hr]]);
    });

    it('starts the rights history at the oldest covered admin window, whatever its source', async () => {
      expect(await store.rightsHistoryStart()).toBeNull();
      await store.markRightsCovered({ from: '2026-11-10T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z' }, 'graph');
      await store.markRightsCovered({ from: '2026-09-01T00:00:00.000Z', to: '2026-09-30T00:00:00.000Z' }, 'file');
      expect(await store.rightsHistoryStart()).toBe('2026-09-01T00:00:00.000Z');
    });

    it('lists the covered admin windows of a range, every source together, merged and clipped to it', async () => {
      expect(await store.rightsCoverage({ from: '2026-09-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).toEqual([]);
      await store.markRightsCovered({ from: '2026-11-10T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z' }, 'graph');
      await store.markRightsCovered({ from: '2026-11-11T00:00:00.000Z', to: '2026-11-12T00:00:00.000Z' }, 'graph');
      await store.markRightsCovered({ from: '2026-11-10T12:00:00.000Z', to: '2026-11-10T18:00:00.000Z' }, 'file:/exports/admin.csv');
      await store.markRightsCovered({ from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' }, 'graph');
      expect(await store.rightsCoverage({ from: '2026-11-10T06:00:00.000Z', to: '2026-11-20T12:00:00.000Z' })).toEqual([
        { from: '2026-11-10T06:00:00.000Z', to: '2026-11-12T00:00:00.000Z' },
        { from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T12:00:00.000Z' },
      ]);
      expect(await store.rightsCoverage({ from: '2026-11-12T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' })).toEqual([]);
    });

    it('records review decisions, oldest first, all or per mailbox', async () => {
      const decision = (mailboxKey: string, trusteeKey: string, kind: 'keep' | 'remove', at: string) => ({ mailboxKey, trusteeKey, right: 'SendAs' as const, decision: kind, by: 'admin@contoso.com', at });
      await store.recordReviewDecision(decision(finance, 'bob@contoso.com', 'keep', '2026-11-02T00:00:00.000Z'));
      await store.recordReviewDecision(decision(hr, 'bob@contoso.com', 'remove', '2026-11-01T00:00:00.000Z'));
      await store.recordReviewDecision(decision(finance, 'bob@contoso.com', 'remove', '2026-11-03T00:00:00.000Z'));
      expect((await store.listReviewDecisions()).map((d) => `${d.mailboxKey}:${d.decision}`)).toEqual([`${hr}:remove`, `${finance}:keep`, `${finance}:remove`]);
      expect(await store.listReviewDecisions(finance)).toEqual([decision(finance, 'bob@contoso.com', 'keep', '2026-11-02T00:00:00.000Z'), decision(finance, 'bob@contoso.com', 'remove', '2026-11-03T00:00:00.000Z')]);
    });

    it('reads the delegate sends of a window, by some actors when asked, never an owner’s own', async () => {
      const alex = event({ time: '2026-11-18T09:00:00.000Z' });
      const lee = event({ time: '2026-11-18T10:00:00.000Z', actor: 'lee.gu@contoso.com', operation: 'SendOnBehalf', sentAs: hr, mailbox: 'lee.gu@contoso.com' });
      const owner = event({ time: '2026-11-18T11:00:00.000Z', actor: finance });
      const outside = event({ time: '2026-11-25T09:00:00.000Z' });
      await store.ingest([alex, lee, owner, outside].map(classified));
      const week = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };
      expect(await store.delegateUses(week)).toEqual([
        { id: alex.id, time: alex.time, operation: 'SendAs', actor: alex.actor, mailbox: alex.mailbox, sentAs: finance },
        { id: lee.id, time: lee.time, operation: 'SendOnBehalf', actor: 'lee.gu@contoso.com', mailbox: 'lee.gu@contoso.com', sentAs: hr },
      ]);
      expect((await store.delegateUses(week, ['Lee.Gu@contoso.com'])).map((u) => u.id)).toEqual([lee.id]);
      expect(await store.delegateUses(week, [])).toEqual([]);
    });
  });
}
