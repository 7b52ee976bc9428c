import { Agent, request } from 'node:http';

/**
 * The /healthz probe of bench:abuse, in a process of its own so that the attack traffic the bench
 * generates (at a lower priority) does not delay the probe and pass for the server's slowness. It asks
 * every 20 ms on one keep-alive connection; asked over IPC, it reports what it saw since the last
 * report. A failure or a wait over 2 s counts as 2 s.
 */

export interface ProbeReport {
  readonly latencies: number[];
  readonly failures: number;
  /** The most connections the server said it had open. */
  readonly peakConnections: number;
}

const url = process.argv[2];
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let report: ProbeReport = { latencies: [], failures: 0, peakConnections: 0 };

function check(): Promise<{ ok: boolean; connections: number }> {
  return new Promise((resolve) => {
    const req = request(`${url}/healthz`, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve({ ok: false, connections: 0 });
        resolve({ ok: true, connections: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { connections: number }).connections });
      });
      res.on('error', () => resolve({ ok: false, connections: 0 }));
    });
    req.setTimeout(2_000, () => req.destroy());
    req.on('error', () => resolve({ ok: false, connections: 0 }));
    req.end();
  });
}

process.on('message', () => {
  process.send?.(report);
  report = { latencies: [], failures: 0, peakConnections: 0 };
});
process.once('disconnect', () => process.exit(0));

void (async () => {
  for (;;) {
    const started = performance.now();
    const answer = await check();
    report.latencies.push(answer.ok ? performance.now() - started : 2_000);
    report = { latencies: report.latencies, failures: report.failures + (answer.ok ? 0 : 1), peakConnections: Math.max(report.peakConnections, answer.connections) };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
})();
