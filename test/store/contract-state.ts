import type { StateStore } from '../../src/store/store';
import type { Closable } from './contract';

/** Small named state: plain writes and one-step changes that concurrent writers never lose. */
export function describeStateStoreContract(name: string, open: () => Promise<StateStore & Closable>): void {
  describe(`${name} state store contract`, () => {
    let store: StateStore & Closable;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps named state across writes', async () => {
      expect(await store.getState('watermark')).toBeNull();
      await store.setState('watermark', 'a');
      await store.setState('watermark', 'b');
      expect(await store.getState('watermark')).toBe('b');
    });

    it('changes named state in one step: concurrent updates all land, and a change can leave the value alone', async () => {
      const increment = (current: string | null) => ({ value: String(Number(current ?? '0') + 1), result: Number(current ?? '0') });
      const seen = await Promise.all(Array.from({ length: 40 }, () => store.updateState('counter', increment)));
      expect(await store.getState('counter')).toBe('40');
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(await store.updateState('counter', (current) => ({ value: null, result: current }))).toBe('40');
      expect(await store.updateState('absent', (current) => ({ value: null, result: current }))).toBeNull();
      expect(await store.getState('absent')).toBeNull();
    });
  });
}
