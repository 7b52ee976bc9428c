import { performance } from 'node:perf_hooks';
import { PlaceDatabase } from '../../src/places/database';
import { line, peakRssMb, percentile } from './measure';

/** Load time, memory and lookup latency of the offline IP database (`npm run bench:places`). */
function main(): void {
  const places = new PlaceDatabase();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  places.load();
  line('load', `${(performance.now() - start).toFixed(0)} ms`);
  line('heap added', `${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB`);

  // Spread over the whole IPv4 space and a slice of the announced IPv6 space.
  const v4 = Array.from({ length: 100_000 }, (_, i) => `${((i * 7919) % 223) + 1}.${i % 256}.${(i * 31) % 256}.${i % 200}`);
  const v6 = Array.from({ length: 100_000 }, (_, i) => `2${(i % 4).toString(16)}0${(i % 16).toString(16)}:${(i * 7919 % 65536).toString(16)}::${(i % 4096).toString(16)}`);
  for (const [label, ips] of [['IPv4', v4], ['IPv6', v6]] as const) {
    const micros: number[] = [];
    for (const ip of ips) {
      const t = performance.now();
      places.placeOf(ip);
      micros.push((performance.now() - t) * 1000);
    }
    micros.sort((a, b) => a - b);
    line(`${label} lookup`, `p50 ${percentile(micros, 50).toFixed(1)} µs, p99 ${percentile(micros, 99).toFixed(1)} µs (${ips.length} addresses)`);
  }
  line('peak RSS', `${peakRssMb()} MB`);
}

main();
