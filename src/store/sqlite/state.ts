import type Database from 'better-sqlite3';
import type { StateStore, StateUpdate } from '../store';
import { settle } from './settle';

/** The `state` table of the SQLite store: small named values, changed in one step under the file's write lock. */
export class SqliteStateStore implements StateStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  getState(key: string): Promise<string | null> {
    return settle(() => this.readState(key));
  }

  setState(key: string, value: string): Promise<void> {
    return settle(() => this.writeState(key, value));
  }

  updateState<T>(key: string, change: (current: string | null) => StateUpdate<T>): Promise<T> {
    // IMMEDIATE takes the write lock before the read, so another process on the same file waits.
    return settle(() =>
      this.db
        .transaction(() => {
          const { value, result } = change(this.readState(key));
          if (value !== null) this.writeState(key, value);
          return result;
        })
        .immediate(),
    );
  }

  private readState(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: string } | undefined;
    return row === undefined ? null : row.value;
  }

  private writeState(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO state (key, value, updated_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms')
      .run(key, value, this.now());
  }
}
