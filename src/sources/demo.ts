import { Readable } from 'node:stream';
import { generateDemoRights } from '../audit/demo/rights';
import type { DemoOptions } from '../audit/demo/tenant';
import { buildDemoTenant, generateDemoTenant } from '../audit/demo/tenant';
import { loadRightsFile } from '../rights/load';
import type { ReadItem } from '../audit/read';
import { normalizeRecord, timeBoundsAt } from '../audit/normalize';
import type { AuditSource, SourceChunk } from '../ingest/stage';
import type { ContextProvider } from '../ingest/stage';
import { IngestStage } from '../ingest/stage';
import type { Store } from '../store/store';

export interface DemoLoad {
  readonly inserted: number;
  /** Records that happened before `now` but have not "arrived" yet: Exchange's late delivery. */
  readonly stillInFlight: number;
  readonly window: { readonly from: string; readonly to: string };
}

const DAY = 24 * 3600_000;
const CHUNK = 2000;

/**
 * The demo tenant's history ending at `now` as a source, holding back records whose simulated arrival
 * is still in the future, so the demo shows late-arriving data like a real tenant: the window is
 * checked at `now`, provisional until past the last re-sweep, like a Graph query.
 */
export function demoSource(options: Omit<DemoOptions, 'end'>, now: Date, counts: { stillInFlight: number } = { stillInFlight: 0 }): AuditSource {
  const days = options.days ?? 60;
  return {
    name: 'demo',
    *chunks(): Generator<SourceChunk> {
      let items: ReadItem[] = [];
      let index = 0;
      const bounds = timeBoundsAt(now);
      for (const { auditData, truth } of generateDemoTenant({ ...options, end: now })) {
        if (Date.parse(truth.arrival) > now.getTime()) {
          counts.stillInFlight += 1;
          continue;
        }
        items.push({ ...normalizeRecord(auditData, bounds), at: { unit: 'record', n: ++index } });
        if (items.length >= CHUNK) {
          yield { kind: 'records', items };
          items = [];
        }
      }
      yield { kind: 'records', items };
      yield { kind: 'covered', window: { from: new Date(now.getTime() - days * DAY).toISOString(), to: now.toISOString() }, checkedAt: now.toISOString() };
    },
  };
}

/** Loads the demo tenant's history ending at `now` into the store (records that have "arrived" by then). */
export async function loadDemoTenant(store: Store, options: Omit<DemoOptions, 'end'>, now: Date, context?: ContextProvider): Promise<DemoLoad> {
  const counts = { stillInFlight: 0 };
  const source = demoSource(options, now, counts);
  const tally = await new IngestStage(store, undefined, context).run(source);
  const days = options.days ?? 60;
  await loadDemoRights(store, options, now, context);
  return { inserted: tally.inserted, stillInFlight: counts.stillInFlight, window: { from: new Date(now.getTime() - days * DAY).toISOString(), to: now.toISOString() } };
}

/**
 * The demo tenant's rights (issue 19): the three inventory exports an admin makes on the first day of the
 * history (mailboxes first, for the names), the admin audit records of grants and removals since, and the
 * sends that go with them (a grant used and removed the same day, sends without a known right).
 */
async function loadDemoRights(store: Store, options: Omit<DemoOptions, 'end'>, now: Date, context?: ContextProvider): Promise<void> {
  // Once: the live demo feed reloads the tenant as time passes, and the rights history is made for the first load.
  if ((await store.currentSnapshot()) !== null) return;
  const rights = generateDemoRights(buildDemoTenant(options.users ?? 200, options.seed ?? 42), { end: now, days: options.days ?? 60, seed: options.seed ?? 42 });
  const { inventory } = rights;
  for (const csv of [inventory.mailboxesCsv, inventory.recipientPermissionsCsv, inventory.mailboxPermissionsCsv]) {
    await loadRightsFile(Readable.from([Buffer.from(csv)]), store, { readAt: now, takenAt: inventory.takenAt, source: 'demo' });
  }
  const adminLines = rights.adminRecords.map((r) => JSON.stringify(r.auditData)).join('\n');
  await loadRightsFile(Readable.from([Buffer.from(adminLines)]), store, { readAt: now, takenAt: inventory.takenAt, source: 'demo' });
  // The generator made every change from the inventory on: the demo's admin records are complete up to its load, as its sends are.
  await store.markRightsCovered({ from: inventory.takenAt, to: now.toISOString() }, 'demo');
  const bounds = timeBoundsAt(now);
  const sends = rights.sendRecords.map((r, i) => ({ ...normalizeRecord(r.auditData, bounds), at: { unit: 'record' as const, n: i + 1 } }));
  await new IngestStage(store, undefined, context).run({
    name: 'demo',
    *chunks(): Generator<SourceChunk> {
      yield { kind: 'records', items: sends };
    },
  });
}
