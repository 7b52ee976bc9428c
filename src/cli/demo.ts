import type { Writable } from 'node:stream';
import type { DemoOptions } from '../audit/demo/tenant';
import { generateDemoTenant } from '../audit/demo/tenant';
import { writeOut } from './output';

/**
 * Writes the demo tenant's history as JSON Lines of AuditData on `out`; the ground truth (category,
 * scenario, planted anomaly, arrival time) goes to `truth` when given, one line per record.
 */
export async function demoCommand(options: DemoOptions, out: Writable, truth: Writable | null): Promise<number> {
  let records = '';
  let truths = '';
  let count = 0;
  for (const record of generateDemoTenant(options)) {
    records += JSON.stringify(record.auditData) + '\n';
    if (truth !== null) truths += JSON.stringify(record.truth) + '\n';
    count += 1;
    if (count % 1000 === 0) {
      await writeOut(out, records);
      if (truth !== null) await writeOut(truth, truths);
      records = '';
      truths = '';
    }
  }
  await writeOut(out, records);
  if (truth !== null) await writeOut(truth, truths);
  return count;
}
