import { CORPUS_LANGUAGES, TARGET_SHARE, evaluate, loadBaseline } from './evaluate';

describe('the question corpus', () => {
  const baseline = loadBaseline();

  describe.each(CORPUS_LANGUAGES)('%s', (language) => {
    const report = evaluate(language);
    const misses = report.verdicts.filter((v) => v.problems.length > 0);

    it(`is understood at least ${TARGET_SHARE * 100}% of the time`, () => {
      const share = report.understood / report.total;
      const described = misses.map(({ entry, problems }) => `  ${entry.q}: ${problems.join('; ')}`);
      if (share < TARGET_SHARE) throw new Error(`${report.understood}/${report.total} understood; misses:\n${described.join('\n')}`);
      expect(share).toBeGreaterThanOrEqual(TARGET_SHARE);
    });

    it('still understands every entry the parser understood before', () => {
      const before = new Set(baseline[language]);
      const broken = misses.filter(({ entry }) => before.has(entry.q)).map(({ entry, problems }) => `${entry.q}: ${problems.join('; ')}`);
      expect(broken).toEqual([]);
    });

    it('has enough realistic questions', () => {
      expect(report.total).toBeGreaterThanOrEqual(150);
      expect(new Set(report.verdicts.map((v) => v.entry.q)).size).toBe(report.total);
    });
  });
});
