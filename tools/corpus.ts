import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_LANGUAGES, TARGET_SHARE, evaluate, loadBaseline } from '../test/query/corpus/evaluate';

/**
 * `npm run corpus`: the share of the question corpus (test/query/corpus) the parser understands, per
 * language, with every miss. `--record-baseline` writes the entries understood now as the ones that
 * must keep working (run once, before changing the parser).
 */
function main(): void {
  const reports = CORPUS_LANGUAGES.map((language) => evaluate(language));
  if (process.argv.includes('--record-baseline')) {
    const baseline = Object.fromEntries(reports.map((r) => [r.language, r.verdicts.filter((v) => v.problems.length === 0).map((v) => v.entry.q)]));
    writeFileSync(join(__dirname, '../test/query/corpus/baseline.json'), `${JSON.stringify(baseline, null, 2)}\n`);
  }
  const baseline = loadBaseline();
  let failed = false;
  for (const report of reports) {
    const share = report.understood / report.total;
    const before = new Set(baseline[report.language]);
    process.stdout.write(`${report.language}: ${report.understood}/${report.total} understood (${(share * 100).toFixed(1)}%; target ${TARGET_SHARE * 100}%)\n`);
    for (const { entry, problems } of report.verdicts) {
      if (problems.length === 0) continue;
      const broke = before.has(entry.q);
      process.stdout.write(`  ${broke ? 'BROKEN ' : 'miss   '}${JSON.stringify(entry.q)}: ${problems.join('; ')}\n`);
      failed ||= broke;
    }
    failed ||= share < TARGET_SHARE;
  }
  process.exitCode = failed ? 1 : 0;
}

main();
