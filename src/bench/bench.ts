import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { generateDemoTenant } from '../audit/demo/tenant';
import { readAuditRecords, splitLines } from '../audit/read';
import { classify } from '../classify/classify';
import { writeOut } from '../cli/output';
import { positiveInteger } from '../cli/args';
import type { Timing } from './measure';
import { line, peakRssMb, rate, timed } from './measure';

/** A fixed end keeps the generated history the same from run to run. */
const BENCH_END = new Date('2026-11-01T00:00:00Z');
const MAX_LINE = 64 * 1024 * 1024;

async function writeDemoFile(path: string, records: number): Promise<number> {
  const out = createWriteStream(path);
  let text = '';
  let count = 0;
  for (const { auditData } of generateDemoTenant({ users: 10000, days: 3650, seed: 'bench', end: BENCH_END, limit: records })) {
    text += JSON.stringify(auditData) + '\n';
    count += 1;
    if (text.length > 1 << 20) {
      await writeOut(out, text);
      text = '';
    }
  }
  await writeOut(out, text);
  await new Promise<void>((resolve) => out.end(resolve));
  return count;
}

async function plainJsonParse(path: string): Promise<number> {
  let count = 0;
  for await (const piece of splitLines(createReadStream(path), MAX_LINE)) {
    if ('line' in piece && piece.line !== '') {
      JSON.parse(piece.line);
      count += 1;
    }
  }
  return count;
}

async function normalizeAndClassify(path: string): Promise<number> {
  let count = 0;
  for await (const batch of readAuditRecords(createReadStream(path))) {
    for (const item of batch) {
      if (item.kind === 'event') classify(item.event);
      count += 1;
    }
  }
  return count;
}

async function benchNormalize(path: string): Promise<void> {
  process.stdout.write('\nNormalize + classify (issue 2: ratio target >= 0.8, peak RSS < 400 MB)\n');
  // Best of two runs each, alternating, so neither path alone pays for a cold cache or the JIT's warm-up.
  const best = (a: Timing, b: Timing): Timing => (a.seconds <= b.seconds ? a : b);
  let plain = await timed(() => plainJsonParse(path));
  let full = await timed(() => normalizeAndClassify(path));
  plain = best(plain, await timed(() => plainJsonParse(path)));
  full = best(full, await timed(() => normalizeAndClassify(path)));
  line('plain JSON.parse of the lines', rate(plain));
  line('read + normalize + classify', rate(full));
  line('ratio (normalize+classify / JSON.parse)', (plain.seconds / full.seconds).toFixed(2));
  line('peak RSS so far', `${peakRssMb()} MB`);
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .option('--records <n>', 'records to generate', positiveInteger, 1_000_000)
    .option('--input <path>', 'read this JSON Lines file of AuditData instead of generating one')
    .parse(process.argv);
  const options = program.opts<{ records: number; input?: string }>();
  const workDir = mkdtempSync(join(tmpdir(), 'sendas-bench-'));
  try {
    let path = options.input;
    process.stdout.write(`SendAs Watch bench — Node ${process.version}, ${new Date().toISOString()}\n`);
    if (path === undefined || !existsSync(path)) {
      path = join(workDir, 'audit.jsonl');
      const generated = await timed(() => writeDemoFile(path as string, options.records));
      line('generated demo records', `${generated.count.toLocaleString('en-US')} in ${generated.seconds.toFixed(1)} s`);
    }
    line('input', `${path} (${Math.round(statSync(path).size / 1e6)} MB)`);
    await benchNormalize(path);
    line('peak RSS, whole run', `${peakRssMb()} MB`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
