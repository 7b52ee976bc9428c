/** Small helpers for `npm run bench`: timings, rates and the process's peak memory. */
export interface Timing {
  readonly seconds: number;
  readonly count: number;
}

export async function timed(run: () => Promise<number>): Promise<Timing> {
  const start = process.hrtime.bigint();
  const count = await run();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, count };
}

export function rate(t: Timing): string {
  return `${Math.round(t.count / t.seconds).toLocaleString('en-US')} records/s`;
}

/** Peak resident set size of this process so far, in MB (from getrusage). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

/** A section's figures as one JSON line, so runs can be compared by a script. */
export function figures(section: string, values: Readonly<Record<string, unknown>>): void {
  process.stdout.write(`${JSON.stringify({ section, ...values })}\n`);
}

export function perSecond(t: Timing): number {
  return Math.round(t.count / t.seconds);
}
