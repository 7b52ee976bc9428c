import { DEFAULT_RIGHTS_DETECTOR_SETTINGS, RIGHTS_ANOMALY_KINDS } from '../../src/rights/anomaly';
import { RIGHTS_DETECTORS } from '../../src/rights/detectors';
import { RIGHTS_MESSAGES } from '../../src/i18n/rights/messages';
import { cases as cleanupCases } from '../../src/rights/detectors/cleanup.cases';
import { cases as externalCases } from '../../src/rights/detectors/external-trustee.cases';
import { cases as newGranterCases } from '../../src/rights/detectors/new-granter.cases';
import { cases as usedCases } from '../../src/rights/detectors/used-at-once.cases';
import { cases as watchedCases } from '../../src/rights/detectors/watched-mailbox.cases';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('rights words in English and Japanese', () => {
  const firing = [usedCases, cleanupCases, externalCases, watchedCases, newGranterCases].map((cases) => cases.find((c) => c.expected.length > 0));

  it('word every anomaly a detector raises with its actor, mailbox and each fact the words use, in both languages', () => {
    const anomalies = firing.flatMap((c) => RIGHTS_DETECTORS.flatMap((d) => (c === undefined ? [] : d.detect(c.input, DEFAULT_RIGHTS_DETECTOR_SETTINGS))));
    expect(new Set(anomalies.map((a) => a.kind))).toEqual(new Set(RIGHTS_ANOMALY_KINDS));
    for (const a of anomalies) {
      for (const [lang, words] of Object.entries(RIGHTS_MESSAGES)) {
        const text = words.anomalyWords[a.kind](a.facts, a.actor ?? '', a.mailbox ?? '');
        expect(text).toContain(a.actor);
        expect(text).toContain(a.mailbox);
        expect(text).not.toMatch(/undefined|\[object/);
        if (lang === 'ja') expect(text).toMatch(JAPANESE);
        expect(words.anomalyTitle[a.kind].length).toBeGreaterThan(5);
      }
    }
  });

  it('say "before the retained history" rather than a date when a right predates the records', () => {
    expect(RIGHTS_MESSAGES.en.since(null)).toContain('before the retained history');
    expect(RIGHTS_MESSAGES.ja.since(null)).toContain('不明');
    expect(RIGHTS_MESSAGES.en.since('2026-10-01 09:00')).toBe('since 2026-10-01 09:00');
  });

  it('count skipped inventory rows in words, singular and plural', () => {
    expect(RIGHTS_MESSAGES.en.skipped.self(1)).toBe("1 NT AUTHORITY\\SELF entry (the owner's own access) skipped");
    expect(RIGHTS_MESSAGES.en.skipped.inherited(3)).toContain('3 inherited entries');
    expect(RIGHTS_MESSAGES.ja.skipped.deny(2)).toContain('2 件');
  });
});
