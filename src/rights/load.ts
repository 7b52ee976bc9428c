import { Readable } from 'node:stream';
import { SendAsWatchError } from '../errors';
import type { Directory } from './identity';
import { buildDirectory } from './identity';
import type { InventoryAdvice, InventoryKind, InventoryRejection, SkipReason } from './inventory';
import { readInventory } from './inventory';
import type { RightsStore } from './ports';
import type { RightsReadItem } from './read';
import { readRightsRecords } from './read';

export interface RightsLoadOptions {
  /** When the file is read: the bound for record times. */
  readonly readAt: Date;
  /** When an inventory export was made (the admin says so, or the file's time). */
  readonly takenAt: string;
  /** Names the file in the covered admin windows, e.g. `file:admin-audit.csv`. */
  readonly source: string;
}

/** What loading one rights file did: an inventory export replaced its kind's snapshot, or admin records were stored. */
export type RightsLoadTally =
  | {
      readonly kind: 'inventory';
      readonly inventory: InventoryKind;
      readonly holdings: number;
      readonly rows: number;
      /** Names the directory knows after a mailbox export (0 for the other kinds). */
      readonly names: number;
      readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
      readonly rejected: readonly InventoryRejection[];
      readonly advice: readonly InventoryAdvice[];
    }
  | {
      readonly kind: 'records';
      readonly inserted: number;
      readonly duplicates: number;
      /** Admin records that changed no right (other cmdlets, Set-Mailbox without GrantSendOnBehalfTo). */
      readonly skipped: number;
      readonly rejected: readonly Extract<RightsReadItem, { kind: 'rejected' }>[];
    };

async function bufferOf(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** JSON (Lines, array, Graph page) is admin records; the inventory exports are all CSV. */
function looksLikeJson(bytes: Buffer): boolean {
  const start = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[');
}

/** The mailbox export's names on top of the ones known before: a later export wins for a name it knows. */
function mergedDirectory(known: Directory, fresh: Directory): Directory {
  return new Map([...known, ...fresh]);
}

/**
 * Loads one rights file into the store: one of the three inventory exports (Get-EXORecipientPermission,
 * Get-EXOMailboxPermission, Get-EXOMailbox -Properties GrantSendOnBehalfTo) replaces the snapshot of its
 * kind, the mailbox export also teaches the directory its aliases and names; anything else is read as
 * Exchange admin audit records, whose changes are stored by id and whose span starts the known history.
 */
export async function loadRightsFile(input: Readable, store: RightsStore, options: RightsLoadOptions): Promise<RightsLoadTally> {
  const bytes = await bufferOf(input);
  const directory = await store.loadDirectory();
  if (looksLikeJson(bytes)) return loadAdminRecords(bytes, store, directory, options);
  let inventory;
  try {
    inventory = await readInventory(Readable.from([bytes]), directory);
  } catch (error) {
    if (!(error instanceof SendAsWatchError) || error.code !== 'SENDAS_INPUT_UNKNOWN_FORMAT') throw error;
    return loadAdminRecords(bytes, store, directory, options);
  }
  let names = 0;
  if (inventory.kind === 'mailbox') {
    const merged = mergedDirectory(directory, buildDirectory(inventory.mailboxes));
    await store.saveDirectory(merged);
    names = merged.size;
  }
  await store.replaceSnapshot(inventory.kind, { takenAt: options.takenAt, holdings: inventory.holdings });
  return {
    kind: 'inventory',
    inventory: inventory.kind,
    holdings: inventory.holdings.length,
    rows: inventory.rows,
    names,
    skipped: inventory.skipped,
    rejected: inventory.rejected,
    advice: inventory.advice,
  };
}

async function loadAdminRecords(bytes: Buffer, store: RightsStore, directory: Directory, options: RightsLoadOptions): Promise<RightsLoadTally> {
  const items = await readRightsRecords(Readable.from([bytes]), { readAt: options.readAt, directory });
  const changes = items.flatMap((item) => (item.kind === 'change' ? [item.change] : []));
  const rejected = items.filter((item): item is Extract<RightsReadItem, { kind: 'rejected' }> => item.kind === 'rejected');
  const { inserted, duplicates } = await store.ingestRightsChanges(changes);
  if (changes.length > 0) {
    const times = changes.map((c) => c.time).sort();
    // An export covers at least the span of its records; what it was asked for is not in it.
    await store.markRightsCovered({ from: times[0], to: new Date(Date.parse(times[times.length - 1]) + 1).toISOString() }, options.source);
  }
  return { kind: 'records', inserted, duplicates, skipped: items.length - changes.length - rejected.length, rejected };
}
