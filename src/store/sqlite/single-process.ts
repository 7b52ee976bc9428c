import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SendAsWatchError } from '../../errors';

export interface StoreLock {
  /** Lets the next bot start on the store. */
  release(): void;
}

/**
 * One bot per SQLite store file. Every bot on a store runs the leader's duties (ingestion, detection,
 * delivery), so two on one file would post every anomaly card twice. The lock is SQLite's own on a
 * file beside the store (`STORE.lock`, held in exclusive locking mode): the operating system drops it
 * when the process ends, however it ends, so a crashed bot never leaves a stale lock behind. The store
 * itself stays open to readers such as `cli ask --store`.
 */
export function lockStoreForThisProcess(storePath: string): StoreLock {
  const lockPath = `${storePath}.lock`;
  let db: Database.Database;
  try {
    mkdirSync(dirname(lockPath), { recursive: true });
    db = new Database(lockPath, { timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; exclusive locking mode keeps it until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS held_by (pid INTEGER); DELETE FROM held_by;');
    db.prepare('INSERT INTO held_by (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new SendAsWatchError(
        'SENDAS_STORE_FAILED',
        `another SendAs Watch is already running on the store ${storePath}: stop it, or set STORE_PATH to another file`,
      );
    }
    throw new SendAsWatchError('SENDAS_STORE_FAILED', `cannot lock the store at ${storePath} (${lockPath}): ${(error as Error).message}`, { cause: error });
  }
  return { release: () => db.close() };
}
