import { DEFAULT_RIGHTS_DETECTOR_SETTINGS } from '../../src/rights/anomaly';
import { findRightsAnomalies } from '../../src/rights/detectors';
import { grant, removal, use } from '../../src/rights/detectors/base-input.cases';
import { identityOf } from '../../src/rights/identity';
import { gatherRightsDetectionInput } from '../../src/rights/ports';
import { MemoryRightsStore } from './memory-rights-store';

const finance = 'finance@contoso.com';
const window = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };

describe('gathering the rights detectors’ input through the store ports', () => {
  it('dedupes changes by id, and finds a clean-up by a trustee new to the mailbox', async () => {
    const store = new MemoryRightsStore(
      [use('u1', '2026-11-19T10:10:00.000Z', 'mallory@contoso.com', finance), use('u0', '2026-10-01T10:00:00.000Z', 'bob@contoso.com', finance)],
      '2026-09-01T00:00:00.000Z',
    );
    const changes = [grant('g1', '2026-11-19T10:00:00.000Z', finance, 'mallory@contoso.com'), removal('r1', '2026-11-19T12:00:00.000Z', finance, 'mallory@contoso.com')];
    expect(await store.ingestRightsChanges(changes)).toEqual({ inserted: 2, duplicates: 0 });
    expect(await store.ingestRightsChanges(changes)).toEqual({ inserted: 0, duplicates: 2 });
    const input = await gatherRightsDetectionInput(store, store, { now: window.to, window, tenantDomains: ['contoso.com'], watchlist: [] });
    // Only the trustees granted in the window have their sends read.
    expect(input.uses.map((u) => u.id)).toEqual(['u1']);
    expect(input.historyStart).toBe('2026-09-01T00:00:00.000Z');
    expect(findRightsAnomalies(input, DEFAULT_RIGHTS_DETECTOR_SETTINGS).map((a) => a.kind).sort()).toEqual(['right-cleanup', 'right-new-granter', 'right-used-at-once']);
  });

  it('takes the history start from the inventory when no admin window is covered, and counts its holdings as known', async () => {
    const store = new MemoryRightsStore([use('u1', '2026-11-19T10:10:00.000Z', 'bob@contoso.com', finance)]);
    await store.replaceSnapshot('mailbox-permission', { takenAt: '2026-10-01T00:00:00.000Z', holdings: [{ mailbox: identityOf(finance), trustee: identityOf('bob@contoso.com'), right: 'FullAccess' }] });
    await store.ingestRightsChanges([grant('g1', '2026-11-19T10:00:00.000Z', finance, 'bob@contoso.com')]);
    const input = await gatherRightsDetectionInput(store, store, { now: window.to, window, tenantDomains: ['contoso.com'], watchlist: [] });
    expect(input.historyStart).toBe('2026-10-01T00:00:00.000Z');
    // Bob held Full Access before: getting Send As and using it at once is not someone new to the mailbox.
    expect(findRightsAnomalies(input, DEFAULT_RIGHTS_DETECTOR_SETTINGS).map((a) => a.kind)).toEqual(['right-new-granter']);
  });
});
