import { closeSync, createWriteStream, fsyncSync, openSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import { writeOut } from '../../src/cli/output';
import { peakRssMb } from './measure';

/** A fixed end keeps the generated history the same from run to run. */
export const BENCH_END = new Date('2026-11-01T00:00:00Z');

/** Writes `records` demo AuditData records to `path` as JSON Lines, flushed to disk; returns the count. */
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
  // Flushed before anything is timed: the kernel writing 1.6 GB out would otherwise share the machine.
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return count;
}

/**
 * Generates the input in a child process, so the timings start from a fresh heap as `--input` and
 * `sendas-watch classify` do: a minute of generating leaves garbage and a grown heap that measurably
 * slowed the normalize section (ratio 0.77-0.83, against 0.85-0.87 from a fresh process with `--input`).
 */
export async function generateInChildProcess(path: string, records: number): Promise<{ count: number; peakRssMb: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, __filename, path, String(records)]);
  const [count, peak] = stdout.trim().split(' ').map(Number);
  return { count, peakRssMb: peak };
}

if (require.main === module) {
  const [path, records] = process.argv.slice(2);
  writeDemoFile(path, Number(records)).then(
    (count) => process.stdout.write(`${count} ${peakRssMb()}\n`),
    (error: unknown) => {
      process.stderr.write(`generating the bench input failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
