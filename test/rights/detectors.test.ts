import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RightsDetector, RightsDetectorCase } from '../../src/rights/anomaly';
import { DEFAULT_RIGHTS_DETECTOR_SETTINGS, RIGHTS_ANOMALY_KINDS } from '../../src/rights/anomaly';
import { RIGHTS_DETECTORS, findRightsAnomalies } from '../../src/rights/detectors';
import { grant, rightsInput, use } from '../../src/rights/detectors/base-input.cases';

const DIR = join(__dirname, '../../src/rights/detectors');

/** Every detector file beside its cases file, found on disk so a detector without cases fails here. */
function detectorFiles(): { file: string; detector: RightsDetector; cases: readonly RightsDetectorCase[] }[] {
  const names = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.cases.ts') && f !== 'index.ts');
  return names.map((file) => {
    const base = file.replace(/\.ts$/, '');
    const found = Object.values(require(join(DIR, file)) as Record<string, unknown>).filter((v): v is RightsDetector => typeof v === 'object' && v !== null && 'detect' in v);
    expect(found).toHaveLength(1);
    const { cases } = require(join(DIR, `${base}.cases.ts`)) as { cases: readonly RightsDetectorCase[] };
    return { file: base, detector: found[0], cases };
  });
}

describe('rights detectors', () => {
  const files = detectorFiles();

  it('has one file per detector in RIGHTS_DETECTORS, one detector per kind, unique ids', () => {
    expect(files.map((f) => f.detector).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...RIGHTS_DETECTORS].sort((a, b) => a.id.localeCompare(b.id)));
    expect(RIGHTS_DETECTORS.map((d) => d.kind).sort()).toEqual([...RIGHTS_ANOMALY_KINDS].sort());
  });

  for (const { file, detector, cases } of detectorFiles()) {
    describe(`${detector.id} (${file})`, () => {
      it('has cases that fire and cases that do not', () => {
        expect(cases.some((c) => c.expected.length > 0)).toBe(true);
        expect(cases.some((c) => c.expected.length === 0)).toBe(true);
      });
      for (const c of cases) {
        it(c.name, () => {
          const anomalies = detector.detect(c.input, { ...DEFAULT_RIGHTS_DETECTOR_SETTINGS, ...c.settings });
          expect(anomalies).toHaveLength(c.expected.length);
          anomalies.forEach((a, i) => {
            expect(a.kind).toBe(detector.kind);
            expect(Object.keys(a.facts).sort()).toEqual([...detector.facts].sort());
            expect(Object.values(detector.severity)).toContain(a.severity);
            expect(a).toMatchObject(c.expected[i]);
          });
          // The same input twice gives the same keys: an anomaly is recorded and delivered once.
          expect(detector.detect(c.input, { ...DEFAULT_RIGHTS_DETECTOR_SETTINGS, ...c.settings }).map((a) => a.key)).toEqual(anomalies.map((a) => a.key));
        });
      }
    });
  }

  it('findRightsAnomalies runs them all, newest first, and honours the thresholds as data', () => {
    const input = rightsInput({
      changes: [grant('g1', '2026-11-19T10:00:00.000Z', 'ceo@contoso.com', 'mallory@fabrikam.com')],
      uses: [use('u1', '2026-11-19T10:20:00.000Z', 'mallory@fabrikam.com', 'ceo@contoso.com')],
      watchlist: ['ceo@contoso.com'],
    });
    expect(findRightsAnomalies(input, DEFAULT_RIGHTS_DETECTOR_SETTINGS).map((a) => a.kind)).toEqual(['right-used-at-once', 'right-external-trustee', 'right-new-granter', 'right-on-watched-mailbox']);
    expect(findRightsAnomalies(input, { ...DEFAULT_RIGHTS_DETECTOR_SETTINGS, usedWithinMinutes: 10 }).map((a) => a.kind)).not.toContain('right-used-at-once');
  });
});
