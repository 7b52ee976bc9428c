import type { GraphAuditSettings, QueryWindow } from '../../src/audit/graph';
import { createGraphAuditIngester } from '../../src/audit/graph';
import { storeSink } from '../../src/ingest/sink';
import { FakeClock, instantRuntime } from '../fakes/clock';
import { demoGraphRecords } from '../fakes/demo-records';
import type { FakeGraph, FakeGraphOptions } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import { MemoryStore } from '../fakes/memory-store';

/** An ingester on a fake clock against the fake Graph, over the demo tenant's records. */
export const NOW = '2026-09-04T06:00:00.000Z';
export const RECORDS = demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 4, users: 120 });
export const DAY: QueryWindow = { from: '2026-09-02T00:00:00.000Z', to: '2026-09-03T00:00:00.000Z' };
export const PAGE = 25;

export interface Rig {
  readonly clock: FakeClock;
  readonly fake: FakeGraph;
  readonly store: MemoryStore;
  readonly sleeps: number[];
  readonly ingester: ReturnType<typeof createGraphAuditIngester>;
  ingest(window?: QueryWindow): ReturnType<ReturnType<typeof createGraphAuditIngester>['ingest']>;
  /** A second ingester over the same state: what a restarted process builds. */
  restart(settings?: Partial<GraphAuditSettings>): ReturnType<typeof createGraphAuditIngester>;
}

/** Fakes started by tests; each test file closes them with `afterEach(closeRigs)`. */
export const rigs: FakeGraph[] = [];

export async function closeRigs(): Promise<void> {
  await Promise.all(rigs.splice(0).map((f) => f.close()));
}

export async function rig(options: { fake?: Partial<FakeGraphOptions>; settings?: Partial<GraphAuditSettings> } = {}): Promise<Rig> {
  const clock = new FakeClock(NOW);
  const fake = await startFakeGraph({ records: RECORDS, now: () => clock.now(), ...options.fake });
  rigs.push(fake);
  const store = new MemoryStore();
  const runtime = instantRuntime(clock);
  const make = (settings?: Partial<GraphAuditSettings>): ReturnType<typeof createGraphAuditIngester> =>
    createGraphAuditIngester({ credential: fake.credential(), state: store, runtime, settings: { baseUrl: fake.baseUrl, pageSize: PAGE, ...options.settings, ...settings } });
  const ingester = make();
  const tally = { inserted: 0, duplicates: 0 };
  return {
    clock,
    fake,
    store,
    sleeps: runtime.sleeps,
    ingester,
    ingest: (window = DAY) => ingester.ingest(window, storeSink(store, tally)),
    restart: make,
  };
}

export function expectExactly(store: MemoryStore, expected: readonly string[]): void {
  expect(expected.length).toBeGreaterThan(PAGE * 2);
  expect(store.ids()).toEqual([...expected].sort());
}

export const creates = (fake: FakeGraph): number => fake.requests.filter((r) => r.route === 'create' && r.status === 201).length;

