import { SqliteStore } from '../../src/store/sqlite/store';
import { loadDemoTenant } from '../../src/sources/demo';

describe('loading the demo tenant into a store', () => {
  it('holds back records that have not arrived yet and takes them in on a later load, without duplicates', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const first = await loadDemoTenant(store, { users: 100, days: 10, seed: 'feed' }, new Date('2026-11-18T10:00:00Z'));
      expect(first.stillInFlight).toBeGreaterThan(0);
      const before = await store.stats();
      const again = await loadDemoTenant(store, { users: 100, days: 10, seed: 'feed' }, new Date('2026-11-18T10:00:00Z'));
      expect(again.inserted).toBe(0);
      const later = await loadDemoTenant(store, { users: 100, days: 10, seed: 'feed' }, new Date('2026-11-19T12:00:00Z'));
      expect(later.inserted).toBeGreaterThanOrEqual(first.stillInFlight);
      const after = await store.stats();
      expect(after.totalEvents).toBe(before.totalEvents + later.inserted);
      expect(Date.parse(after.newestEvent as string)).toBeGreaterThan(Date.parse(before.newestEvent as string));
      expect(await store.uncovered({ from: '2026-11-10T00:00:00.000Z', to: '2026-11-19T12:00:00.000Z' })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('counts as checked when loaded: settled up to the last re-sweep before then, provisional after', async () => {
    const store = new SqliteStore(':memory:');
    try {
      await loadDemoTenant(store, { users: 50, days: 10, seed: 'levels' }, new Date('2026-11-18T10:00:00Z'));
      expect(await store.coverage({ from: '2026-11-08T10:00:00.000Z', to: '2026-11-18T10:00:00.000Z' })).toEqual([
        { from: '2026-11-08T10:00:00.000Z', to: '2026-11-15T08:00:00.000Z', level: 'settled', checkedAt: '2026-11-18T10:00:00.000Z' },
        { from: '2026-11-15T08:00:00.000Z', to: '2026-11-18T10:00:00.000Z', level: 'provisional', checkedAt: '2026-11-18T10:00:00.000Z' },
      ]);
    } finally {
      await store.close();
    }
  });
});
