import { createReadStream, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { SendAsWatchError } from '../errors';
import type { IngestLogger } from '../ingest/scheduler';
import { EXPORT_COMMANDS, RIGHTS_MESSAGES } from '../rights';
import type { RightsLoadOptions, RightsLoadTally } from '../rights/load';
import { loadRightsFile } from '../rights/load';
import type { RightsStore } from '../rights/ports';
import { writeOut } from './output';

const KIND_NAMES = {
  'recipient-permission': 'Get-EXORecipientPermission export (Send As)',
  'mailbox-permission': 'Get-EXOMailboxPermission export (Full Access)',
  mailbox: 'Get-EXOMailbox export (Send on Behalf, names)',
} as const;

/** The summary of one loaded rights file, as the CLI prints it (what was kept, skipped, rejected, and advice). */
export function describeRightsLoad(file: string, tally: RightsLoadTally): string {
  const words = RIGHTS_MESSAGES.en;
  if (tally.kind === 'records') {
    const lines = [`${file}: stored ${tally.inserted} new permission changes (${tally.duplicates} already stored), ${tally.skipped} records that change no right skipped (sends, other cmdlets), ${tally.rejected.length} rejected.`];
    for (const r of tally.rejected.slice(0, 20)) lines.push(`  ${r.at.unit} ${r.at.n}: ${r.rejection.message}`);
    return `${lines.join('\n')}\n`;
  }
  const lines = [`${file}: ${KIND_NAMES[tally.inventory]}: ${tally.holdings} rights held, from ${tally.rows} rows; ${tally.rejected.length} rows rejected.`];
  if (tally.names > 0) lines.push(`  ${tally.names} mailbox names and aliases known.`);
  for (const [reason, count] of Object.entries(tally.skipped)) if (count !== undefined && count > 0) lines.push(`  ${words.skipped[reason as keyof typeof words.skipped](count)}`);
  for (const r of tally.rejected.slice(0, 20)) lines.push(`  row ${r.row}: ${r.message}`);
  for (const advice of tally.advice) lines.push(`  ${words.advice[advice]}`, `    ${EXPORT_COMMANDS[advice]}`);
  return `${lines.join('\n')}\n`;
}

/** `ingest-rights`: loads inventory exports and admin audit records, in the order given, and says what each gave. */
export async function ingestRightsCommand(
  files: readonly { readonly name: string; readonly input: Readable; readonly takenAt: string }[],
  store: RightsStore,
  err: Writable,
  options: Omit<RightsLoadOptions, 'takenAt' | 'source'>,
): Promise<RightsLoadTally[]> {
  const tallies: RightsLoadTally[] = [];
  for (const file of files) {
    const tally = await loadRightsFile(file.input, store, { ...options, takenAt: file.takenAt, source: `file:${file.name}` });
    await writeOut(err, describeRightsLoad(file.name, tally));
    tallies.push(tally);
  }
  return tallies;
}

/** Whether a file gave anything: held rights, stored or known changes, or rows it explained away. */
export function rightsLoadReadable(tally: RightsLoadTally): boolean {
  if (tally.kind === 'records') return tally.inserted + tally.duplicates + tally.skipped > 0 || tally.rejected.length === 0;
  return tally.rows > 0 || tally.rejected.length === 0;
}

/**
 * RIGHTS_EXPORTS at start: each file loaded like `ingest-rights` (snapshot taken at the file's
 * modification time), logged with its counts; a file that cannot be read stops the start with its name.
 */
export async function loadRightsExports(paths: readonly string[], store: RightsStore, logger: IngestLogger, now: Date): Promise<void> {
  for (const path of paths) {
    let takenAt: string;
    try {
      takenAt = statSync(path).mtime.toISOString();
    } catch {
      throw new SendAsWatchError('SENDAS_CONFIG_INVALID', `RIGHTS_EXPORTS names ${path}, which cannot be read.`);
    }
    const tally = await loadRightsFile(createReadStream(path), store, { readAt: now, takenAt, source: `file:${path}` });
    if (tally.kind === 'inventory') {
      logger.info({ event: 'rights-inventory-loaded', kind: tally.inventory, holdings: tally.holdings, rows: tally.rows, rejected: tally.rejected.length, advice: tally.advice }, 'rights export loaded');
    } else {
      logger.info({ event: 'rights-records-loaded', inserted: tally.inserted, duplicates: tally.duplicates, skipped: tally.skipped, rejected: tally.rejected.length }, 'admin audit records loaded');
    }
  }
}
