import type { LeaderElection } from './leader';
import { SoleLeader } from './leader';
import { isPostgresUrl } from './postgres/db';
import type { ElectionLogger } from './postgres/leader';
import { AdvisoryLockElection } from './postgres/leader';
import { PostgresStore } from './postgres/store';
import { SqliteStore } from './sqlite/store';
import type { Store } from './store';

/**
 * Opens the store named by config: a `postgres://` URL (several replicas on one database) or a SQLite
 * file path (the embedded default). The only place that picks a backend.
 */
export function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) return PostgresStore.open(location);
  return Promise.resolve(new SqliteStore(location));
}

/**
 * The leader election that goes with the store at `location`: an advisory lock among the replicas
 * sharing a PostgreSQL database, or, for a SQLite file on one machine, always this process.
 */
export function openElection(location: string, options: { readonly checkEveryMs: number; readonly logger?: ElectionLogger }): LeaderElection {
  if (isPostgresUrl(location)) return new AdvisoryLockElection(location, options);
  return new SoleLeader();
}
