import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RIGHTS_ANOMALY_KINDS } from '../../src/rights/anomaly';
import { RIGHTS_DETECTORS } from '../../src/rights/detectors';
import { ANOMALY_KINDS, NOTICE_KINDS } from '../../src/detect/anomaly';
import type { Anomaly } from '../../src/detect/anomaly';
import type { Detector, DetectorCase } from '../../src/detect/detector';
import { DETECTORS } from '../../src/detect/detectors';
import type { DetectionInput } from '../../src/detect/input';
import { DEFAULT_DETECTOR_SETTINGS } from '../../src/detect/settings';

const DETECTORS_DIR = join(__dirname, '../../src/detect/detectors');

/** Every detector file beside its cases file, found on disk so a detector without cases fails here. */
function detectorFiles(): { file: string; detector: Detector; cases: readonly DetectorCase[] }[] {
  const names = readdirSync(DETECTORS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.cases.ts') && f !== 'index.ts');
  return names.map((file) => {
    const base = file.replace(/\.ts$/, '');
    const found = Object.values(require(join(DETECTORS_DIR, file)) as Record<string, unknown>).filter(
      (v): v is Detector => typeof v === 'object' && v !== null && 'detect' in v,
    );
    expect(found).toHaveLength(1);
    const { cases } = require(join(DETECTORS_DIR, `${base}.cases.ts`)) as { cases: readonly DetectorCase[] };
    return { file: base, detector: found[0], cases };
  });
}

function kebab(pascal: string): string {
  return pascal.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Every id an anomaly may cite as evidence: the sampled events, the sends read for recipients, and the last event seen. */
function citableIds(input: DetectionInput): Set<string> {
  const ids = new Set([...input.recent.flatMap((g) => g.sampleIds), ...(input.countries?.recent ?? []).flatMap((g) => g.sampleIds), ...input.recipientSends.map((s) => s.id)]);
  if (input.arrivals.lastEvent !== null) ids.add(input.arrivals.lastEvent.id);
  return ids;
}

describe('detectors', () => {
  const files = detectorFiles();

  it('has one file per detector in DETECTORS, one detector per kind, and unique ids', () => {
    expect(files.map((f) => f.detector.id).sort()).toEqual(DETECTORS.map((d) => d.id).sort());
    expect(new Set(DETECTORS.map((d) => d.id)).size).toBe(DETECTORS.length);
    // The rights kinds come from src/rights/detectors (test/rights/detectors.test.ts).
    const notDetected: readonly string[] = [...RIGHTS_ANOMALY_KINDS, ...NOTICE_KINDS];
    expect(DETECTORS.map((d) => d.kind).sort()).toEqual(ANOMALY_KINDS.filter((kind) => !notDetected.includes(kind)).sort());
    expect(RIGHTS_DETECTORS.map((d) => d.kind).sort()).toEqual([...RIGHTS_ANOMALY_KINDS].sort());
  });

  it.each(files.map((f) => [f.file, f] as const))('%s: the id names the file and the kind (Detect.<Kind>.<Condition>)', (file, f) => {
    const match = /^Detect\.([A-Z][A-Za-z]+)\.([A-Z][A-Za-z]+)$/.exec(f.detector.id);
    expect(match).not.toBeNull();
    expect(kebab(match?.[1] ?? '')).toBe(file);
    expect(f.detector.kind).toBe(file);
  });

  it.each(files.map((f) => [f.file, f] as const))('%s has metadata, a case that fires and one that does not', (_file, f) => {
    expect(f.detector.description.length).toBeGreaterThan(20);
    expect(Object.keys(f.detector.severity).length).toBeGreaterThan(0);
    expect(f.detector.facts.length).toBeGreaterThan(0);
    for (const setting of f.detector.settings) expect(DEFAULT_DETECTOR_SETTINGS).toHaveProperty(setting);
    expect(f.cases.some((c) => c.expected.length > 0)).toBe(true);
    expect(f.cases.some((c) => c.expected.length === 0)).toBe(true);
  });

  const allCases = files.flatMap((f) => f.cases.map((c) => [`${f.detector.id}: ${c.name}`, f.detector, c] as const));
  it.each(allCases)('%s', (_name, detector, c) => {
    const settings = { ...DEFAULT_DETECTOR_SETTINGS, ...c.settings };
    const anomalies = detector.detect(c.input, settings);
    expect(anomalies).toHaveLength(c.expected.length);
    anomalies.forEach((anomaly, i) => expect(anomaly).toMatchObject(c.expected[i]));
    // What every anomaly of every detector must be, whatever the case.
    const citable = citableIds(c.input);
    for (const anomaly of anomalies) {
      expect(anomaly.kind).toBe(detector.kind);
      expect(Object.values(detector.severity)).toContain(anomaly.severity);
      expect(Object.keys(anomaly.facts).sort()).toEqual([...detector.facts].sort());
      expect(anomaly.key.startsWith(`${detector.kind}|`)).toBe(true);
      expect(anomaly.evidence.length).toBeLessThanOrEqual(settings.evidenceLimit);
      for (const id of anomaly.evidence) expect(citable).toContain(id);
      expect(Number.isNaN(Date.parse(anomaly.at))).toBe(false);
    }
    expect(new Set(anomalies.map((a: Anomaly) => a.key)).size).toBe(anomalies.length);
    // Pure: the same input gives the same anomalies.
    expect(detector.detect(c.input, settings)).toEqual(anomalies);
  });
});
