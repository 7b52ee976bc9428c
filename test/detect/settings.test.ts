import { DEFAULT_DETECTOR_SETTINGS, resolveDetectorSettings } from '../../src/detect/settings';

describe('detector settings', () => {
  it('defaults to a 30-day baseline and an empty watchlist, with domains derived from the store', () => {
    expect(resolveDetectorSettings()).toEqual({ ok: true, settings: DEFAULT_DETECTOR_SETTINGS });
    expect(DEFAULT_DETECTOR_SETTINGS).toMatchObject({ baselineDays: 30, watchlist: [], tenantDomains: null });
  });

  it('overlays overrides, lower-casing addresses and dropping a leading @ from domains', () => {
    const result = resolveDetectorSettings({ spikeFactor: 4, watchlist: [' CEO@Contoso.com '], tenantDomains: ['@Contoso.com', 'contoso.co.jp'] });
    expect(result).toEqual({
      ok: true,
      settings: { ...DEFAULT_DETECTOR_SETTINGS, spikeFactor: 4, watchlist: ['ceo@contoso.com'], tenantDomains: ['contoso.com', 'contoso.co.jp'] },
    });
  });

  it('reports every bad value at once, naming each key', () => {
    const result = resolveDetectorSettings({ baselineDays: 0, spikeFactor: 'three', watchlist: [''], silenceGapMultip1e: 2 });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.some((e) => e.startsWith('baselineDays:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('spikeFactor:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('watchlist.0:'))).toBe(true);
    expect(errors.some((e) => e.includes('silenceGapMultip1e'))).toBe(true);
  });

  it('refuses a minimum history longer than the baseline itself', () => {
    expect(resolveDetectorSettings({ baselineDays: 10, minimumBaselineDays: 14 })).toEqual({
      ok: false,
      errors: ['minimumBaselineDays: 14 is more than baselineDays (10)'],
    });
  });
});
