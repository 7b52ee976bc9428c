import { createReadStream, statSync } from 'node:fs';
import type { AuditSource } from '../config';
import { SendAsWatchError, describeError } from '../errors';
import { loadDemoTenant } from '../sources/demo';
import { loadExport } from '../sources/file';
import type { Store } from '../store/store';
import type { IngestLogger } from './scheduler';
import type { ContextProvider } from './stage';
import { emptyIngestTally } from './stage';
import { recordLoad } from './status';
import { PeriodicLoop } from '../runtime/loop';

export interface DemoSettings {
  readonly users: number;
  readonly days: number;
  readonly seed: string;
}

/** Loads a demo or file source into the store before serving, recording it in the ingestion status; Graph runs in the background instead. */
export async function loadSource(source: AuditSource, demo: DemoSettings, store: Store, logger: IngestLogger, now: Date, context?: ContextProvider): Promise<void> {
  if (source.kind === 'demo') {
    const loaded = await loadDemoTenant(store, demo, now, context);
    logger.info({ event: 'demo-loaded', inserted: loaded.inserted, stillInFlight: loaded.stillInFlight }, 'demo tenant loaded');
    await recordLoad(store, 'demo', { ...emptyIngestTally(), inserted: loaded.inserted }, now, now);
  } else if (source.kind === 'file') {
    let size: number;
    try {
      size = statSync(source.path).size;
    } catch {
      throw new SendAsWatchError('SENDAS_CONFIG_INVALID', `AUDIT_SOURCE names ${source.path}, which cannot be read.`);
    }
    const name = `file:${source.path}`;
    const tally = await loadExport(createReadStream(source.path), store, name, undefined, now, context);
    logger.info({ event: 'file-loaded', bytes: size, inserted: tally.inserted, duplicates: tally.duplicates, rejected: tally.rejected, skipped: tally.skipped }, 'audit export loaded');
    for (const rejection of tally.rejections.slice(0, 20)) logger.warn({ event: 'record-rejected', rejection }, 'a record in the export was rejected');
    await recordLoad(store, name, tally, now, now);
  }
}

/** How often the demo tenant's history is brought up to now: new days, and records that have "arrived". */
const DEMO_REFRESH_MS = 5 * 60_000;

/**
 * In demo mode the leader keeps the synthetic feed live, the way Graph ingestion would: records held
 * back as not yet arrived come in later, so provisional coverage and proactive cards behave as in a tenant.
 */
export function startDemoFeed(demo: DemoSettings, store: Store, logger: IngestLogger, now: () => Date, context?: ContextProvider): PeriodicLoop {
  let first = true;
  const feed = new PeriodicLoop({
    run: async () => {
      // The tenant was loaded at start: the first pass only waits.
      if (first) {
        first = false;
        return;
      }
      const at = now();
      try {
        const loaded = await loadDemoTenant(store, demo, at, context);
        await recordLoad(store, 'demo', { ...emptyIngestTally(), inserted: loaded.inserted }, at, at);
        if (loaded.inserted > 0) logger.info({ event: 'demo-refreshed', inserted: loaded.inserted }, 'demo tenant brought up to date');
      } catch (error) {
        logger.error({ event: 'demo-refresh-failed', err: describeError(error) }, 'the demo tenant could not be refreshed');
      }
    },
    nextDelayMs: () => DEMO_REFRESH_MS,
  });
  feed.start();
  return feed;
}
