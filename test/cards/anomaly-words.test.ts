import { anomaliesPage } from '../../src/cards/builders/anomaly';
import { anomalyCard, noticeCard } from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards/render';
import { CLIENT_FAMILIES } from '../../src/classify/clients';
import type { Language } from '../../src/i18n/reasons';
import type { Anomaly } from '../../src/detect/anomaly';
import type { Detector, DetectorCase } from '../../src/detect/detector';
import { DETECTORS } from '../../src/detect/detectors';
import { DEFAULT_DETECTOR_SETTINGS } from '../../src/detect/settings';
import type { RightsAnomalyKind, RightsDetectorCase } from '../../src/rights/anomaly';
import { DEFAULT_RIGHTS_DETECTOR_SETTINGS } from '../../src/rights/anomaly';
import { RIGHTS_DETECTORS } from '../../src/rights/detectors';
import { anomaliesAnswer } from './fixtures';
import { executeActions, markdownTexts } from './support';

/** The rights detectors' case files, by kind (their files are named after what they find, not the kind). */
const RIGHTS_CASE_FILES: Readonly<Record<RightsAnomalyKind, string>> = {
  'right-used-at-once': 'used-at-once',
  'right-cleanup': 'cleanup',
  'right-external-trustee': 'external-trustee',
  'right-on-watched-mailbox': 'watched-mailbox',
  'right-new-granter': 'new-granter',
};

type AnyDetector = Pick<Detector, 'kind' | 'facts'>;

/** Every detector's cases, run (the rights detectors' too): real anomalies with the facts the detectors really set. */
function realAnomalies(): { detector: AnyDetector; anomaly: Anomaly }[] {
  const sends = DETECTORS.flatMap((detector) => {
    const { cases } = require(`../../src/detect/detectors/${detector.kind}.cases`) as { cases: readonly DetectorCase[] };
    return cases.flatMap((c) => detector.detect(c.input, { ...DEFAULT_DETECTOR_SETTINGS, ...c.settings }).map((anomaly) => ({ detector, anomaly })));
  });
  const rights = RIGHTS_DETECTORS.flatMap((detector) => {
    const { cases } = require(`../../src/rights/detectors/${RIGHTS_CASE_FILES[detector.kind]}.cases`) as { cases: readonly RightsDetectorCase[] };
    return cases.flatMap((c) => detector.detect(c.input, { ...DEFAULT_RIGHTS_DETECTOR_SETTINGS, ...c.settings }).map((anomaly) => ({ detector, anomaly })));
  });
  return [...sends, ...rights];
}

const shown = (card: AdaptiveCard): string => [...markdownTexts(card), ...executeActions(card).map((a) => String(a.title))].join('\n');

/** Our codes that must never reach an admin: fact names, reason codes, family codes, operation names. */
function internalWords(detector: AnyDetector): RegExp[] {
  const kebabFamilies = CLIENT_FAMILIES.filter((family) => family.includes('-'));
  return [
    // camelCase fact names anywhere (plain ones like `sends` are ordinary words; fact titles are checked apart).
    ...detector.facts.filter((name) => /[A-Z]/.test(name)).map((name) => new RegExp(`\\b${name}\\b`)),
    /outside-domains|external-access|new-client|risky-client/,
    ...kebabFamilies.map((family) => new RegExp(`\\b${family}\\b`)),
    /\b(ews|owa|rest|powershell|activesync)\b/,
    /SendAs|SendOnBehalf/,
    /SENDAS_/,
    /\bscope\b|\bactor\b:|\bmailbox\b:/,
    /\bright-|FullAccess|\bguest\b:|\btrustee\b/,
  ];
}

/** The sentence and the facts of the one anomaly on a card, as shown. */
function wordsOf(card: AdaptiveCard, sentenceStart: string): { sentence: string | undefined; facts: string[] } {
  const texts = markdownTexts(card);
  const index = texts.findIndex((text) => text.startsWith(sentenceStart));
  return { sentence: texts[index], facts: texts.slice(index + 1, index + 1 + 8) };
}

const anomalies = realAnomalies();

describe('anomaly words', () => {
  it('come from a case of every kind', () => {
    expect(new Set(anomalies.map((a) => a.anomaly.kind)).size).toBe(DETECTORS.length + RIGHTS_DETECTORS.length);
  });

  it.each((['en', 'ja'] as const).flatMap((language) => anomalies.map(({ detector, anomaly }) => [language, anomaly.kind, anomaly.key, detector, anomaly] as const)))(
    '%s %s (%s): a sentence and 2 to 4 facts in human words, no internal names',
    (language: Language, _kind, _key, detector, anomaly) => {
      const card = anomalyCard(language, 'Asia/Tokyo', [anomaly]);
      const text = shown(card);
      for (const pattern of internalWords(detector)) expect(text).not.toMatch(pattern);
      const factSets = (card.body as { items?: { type: string; facts?: unknown[] }[] }[])
        .flatMap((element) => element.items ?? [])
        .filter((element) => element.type === 'FactSet');
      expect(factSets).toHaveLength(1);
      expect(factSets[0].facts?.length).toBeGreaterThanOrEqual(2);
      expect(factSets[0].facts?.length).toBeLessThanOrEqual(4);
      const titles = (factSets[0].facts as { title: string }[]).map((f) => f.title);
      for (const title of titles) expect(detector.facts).not.toContain(title);
      if (language === 'ja') {
        // No English sentence words leak into Japanese (product names such as Outlook on the web aside).
        for (const value of markdownTexts(card)) expect(value.replace(/Outlook on the web/g, '')).not.toMatch(/\b(for|the|sent|times|usual)\b/);
      }
    },
  );

  it.each(['en', 'ja'] as const)('%s: the same anomaly shows the same sentence and numbers in the answer, the proactive card and the evidence card', (language) => {
    for (const { anomaly } of anomalies.filter((a) => a.anomaly.evidence.length > 0)) {
      const proactive = anomalyCard(language, 'Asia/Tokyo', [anomaly]);
      const answer = anomaliesPage({ ...anomaliesAnswer(0, language), timeZone: 'Asia/Tokyo', anomalies: [anomaly] }, 0).card;
      const evidence = noticeCard(language, { kind: 'evidence', anomaly, timeZone: 'Asia/Tokyo' });
      const heading = markdownTexts(proactive).find((text) => text.includes(' · '));
      const sentence = markdownTexts(proactive)[markdownTexts(proactive).indexOf(heading ?? '') + 1];
      expect(sentence).toBeDefined();
      const fromProactive = wordsOf(proactive, sentence);
      expect(wordsOf(answer, sentence)).toEqual(fromProactive);
      // The evidence header leads with the same sentence and shows the same facts after the time.
      const evidenceTexts = markdownTexts(evidence);
      expect(evidenceTexts.some((text) => text.startsWith(sentence))).toBe(true);
      for (const factText of fromProactive.facts.filter((text) => /\d/.test(text))) expect(evidenceTexts).toContain(factText);
    }
  });

  it('words a Send on Behalf anomaly as sent on behalf, in English and Japanese', () => {
    const behalf = anomalies.find((a) => a.anomaly.kind === 'new-delegate' && a.anomaly.facts.operations === 'SendOnBehalf');
    expect(behalf).toBeDefined();
    const anomaly = behalf?.anomaly as Anomaly;
    const en = shown(anomalyCard('en', 'UTC', [anomaly]));
    expect(en).toContain(`sent on behalf of ${anomaly.mailbox ?? ''}`);
    expect(en).not.toMatch(/sent as/);
    const ja = shown(anomalyCard('ja', 'UTC', [anomaly]));
    expect(ja).toContain(`${anomaly.mailbox ?? ''} の代理で送信`);
    expect(ja).not.toContain('として送信');
  });

  it('names client families, durations and incidents the way an admin reads them', () => {
    const risky = anomalies.find((a) => a.anomaly.kind === 'risky-client' && a.anomaly.facts.clientFamily === 'ews')?.anomaly;
    expect(risky).toBeDefined();
    expect(shown(anomalyCard('en', 'UTC', [risky as Anomaly]))).toContain('Exchange Web Services');
    const silence = anomalies.find((a) => a.anomaly.kind === 'audit-silence' && a.anomaly.facts.silentHours === 72.8)?.anomaly as Anomaly;
    expect(shown(anomalyCard('en', 'UTC', [silence]))).toContain('have arrived for 3 days; the longest quiet spell before was 1 hour');
    expect(shown(anomalyCard('ja', 'Asia/Tokyo', [silence]))).toContain('3 日届いていません（これまでの最長の空白は 1 時間）');
  });
});
