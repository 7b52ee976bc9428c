import { join } from 'node:path';
import { readLatencyProfile } from '../../tools/simulate/latency';
import { runSimulation } from '../../tools/simulate/simulation';

const small = { days: 1, users: 200, baselineDays: 3, budget: 150 };

describe('the ingestion simulator (real scheduler and ingester, fake Graph, virtual clock)', () => {
  it('with the default heavy-tailed delays and every fault: nothing lost, nothing twice, nothing settled early, within the budget', async () => {
    const result = await runSimulation({ ...small, seed: 5, faults: true, latency: readLatencyProfile(join(__dirname, '../../tools/simulate/latency-default.json')) });
    expect(result.records).toBeGreaterThan(100);
    expect(result.lateOver5h).toBeGreaterThan(0);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, falseComplete: 0, stored: result.records });
    // The admin records came in the same queries (admin records are on by default), late and faulted alike.
    expect(result.rights?.records).toBeGreaterThan(0);
    expect(result.rights).toMatchObject({ lost: 0, duplicated: 0, falseComplete: 0, stored: result.rights?.records });
    expect(result.submissionsMaxPer24h).toBeLessThanOrEqual(result.budget);
    expect(result.resweepQueries).toBeGreaterThan(0);
    for (const kind of ['429-create', '5xx-page', 'malformed-page', '403-blip', 'ambiguous-create']) expect(result.faultsInjected[kind]).toBeGreaterThan(0);
  }, 120_000);

  it('with the Management Activity feed and its faults (AF429, late first content, expired and twin blobs, paging): nothing lost, nothing twice, the feed storing its share', async () => {
    const result = await runSimulation({
      ...small,
      seed: 5,
      faults: true,
      latency: readLatencyProfile(join(__dirname, '../../tools/simulate/latency-default.json')),
      feed: 'management-activity',
      feedLatency: readLatencyProfile(join(__dirname, '../../tools/simulate/latency-feed.json')),
      feedFirstContentMinutes: 60,
    });
    expect(result).toMatchObject({ feed: 'management-activity', lost: 0, duplicated: 0, falseComplete: 0, stored: result.records });
    expect(result.feedStored).toBeGreaterThan(0);
    for (const kind of ['feed-af429', 'feed-expired-blob', 'feed-repeat-in-listing']) expect(result.faultsInjected[kind]).toBeGreaterThan(0);
  }, 120_000);

  it('catches a settle schedule too short for the delays: records later than the last re-sweep are lost and their windows were called settled', async () => {
    const result = await runSimulation({ ...small, seed: 6, faults: false, latency: { delays: [[60, 90, 1], [5000, 6000, 1]] } });
    expect(result.lost).toBeGreaterThan(0);
    expect(result.falseComplete).toBeGreaterThan(0);
    // Admin records share the schedule: those later than the last re-sweep are missing from windows called settled too.
    expect(result.rights?.lost).toBeGreaterThan(0);
    expect(result.rights?.falseComplete).toBeGreaterThan(0);
  }, 120_000);

  it('costs the same submissions with admin records as without: one query per window either way', async () => {
    const latency = readLatencyProfile(join(__dirname, '../../tools/simulate/latency-default.json'));
    const [withAdmin, without] = [await runSimulation({ ...small, seed: 5, faults: false, latency }), await runSimulation({ ...small, seed: 5, faults: false, latency, adminRecords: false })];
    expect(without.rights).toBeNull();
    expect(withAdmin.rights?.records).toBeGreaterThan(0);
    expect(withAdmin.submissions).toBe(without.submissions);
    expect(withAdmin.stored).toBe(without.stored);
  }, 240_000);
});
