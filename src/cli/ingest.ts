import { Transform } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { IngestTally } from '../ingest/stage';
import type { Store } from '../store/store';
import { loadExport } from '../sources/file';
import { writeOut } from './output';

export interface IngestCommandOptions {
  /** Total bytes of the input when known, for the progress bar. */
  readonly size: number | null;
  /** Draw a progress bar (only on a terminal). */
  readonly progress: boolean;
  readonly source: string;
}

function countingBytes(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
}

export function describeIngest(tally: IngestTally): string {
  return (
    `Stored ${tally.inserted} new events (${tally.duplicates} already stored), ` +
    `${tally.skipped} skipped (other operations), ${tally.rejected} rejected.\n`
  );
}

/** Loads an export into the store, with a progress bar on a terminal and a summary at the end. */
export async function ingestCommand(input: Readable, store: Store, err: Writable, options: IngestCommandOptions): Promise<IngestTally> {
  let bytes = 0;
  const bar = options.progress
    ? new SingleBar({ format: 'Ingesting [{bar}] {percentage}% | {mb} MB | {events} events', hideCursor: true, stream: err })
    : null;
  bar?.start(options.size ?? 1, 0, { mb: '0', events: 0 });
  const counted = input.pipe(countingBytes((n) => (bytes += n)));
  input.on('error', (error) => counted.destroy(error));
  const tally = await loadExport(counted, store, options.source, (t) =>
    bar?.update(Math.min(bytes, options.size ?? bytes), { mb: (bytes / 1e6).toFixed(1), events: t.inserted + t.duplicates }),
  );
  bar?.update(options.size ?? bytes, { mb: (bytes / 1e6).toFixed(1), events: tally.inserted + tally.duplicates });
  bar?.stop();
  for (const rejection of tally.rejections) await writeOut(err, `${rejection}: rejected\n`);
  if (tally.rejected > tally.rejections.length) await writeOut(err, `… and ${tally.rejected - tally.rejections.length} more rejected records.\n`);
  await writeOut(err, describeIngest(tally));
  return tally;
}
