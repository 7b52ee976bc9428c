import { SqliteStore } from './sqlite/store';
import type { Store } from './store';

/**
 * Opens the store named by config: a SQLite file path (the embedded default) or, later, a
 * `postgres://` URL. The only place that picks a backend.
 */
export function openStore(location: string): Promise<Store> {
  return Promise.resolve(new SqliteStore(location));
}
