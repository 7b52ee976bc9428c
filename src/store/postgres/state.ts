import type { Pool, PoolClient } from 'pg';
import type { StateStore, StateUpdate } from '../store';
import { STATE_LOCK_NAMESPACE, pgText, transaction } from './db';

/** The `state` table shared by the replicas: `updateState` holds an advisory lock on the key until commit. */
export class PostgresStateStore implements StateStore {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => number,
  ) {}

  getState(key: string): Promise<string | null> {
    return this.readState(this.pool, key);
  }

  setState(key: string, value: string): Promise<void> {
    return this.writeState(this.pool, key, value);
  }

  updateState<T>(key: string, change: (current: string | null) => StateUpdate<T>): Promise<T> {
    return transaction(this.pool, async (client) => {
      // A lock on the key itself, held until commit: it works before the key's row exists.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [STATE_LOCK_NAMESPACE, pgText(key)]);
      const { value, result } = change(await this.readState(client, key));
      if (value !== null) await this.writeState(client, key, value);
      return result;
    });
  }

  private async readState(db: Pool | PoolClient, key: string): Promise<string | null> {
    const { rows } = await db.query<{ value: string }>('SELECT value FROM state WHERE key = $1', [pgText(key)]);
    return rows.length === 0 ? null : rows[0].value;
  }

  private async writeState(db: Pool | PoolClient, key: string, value: string): Promise<void> {
    await db.query(
      'INSERT INTO state (key, value, updated_ms) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms',
      [pgText(key), pgText(value), this.now()],
    );
  }
}
