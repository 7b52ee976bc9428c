import type { ClientConfig, PoolClient, PoolConfig } from 'pg';
import { Pool, types } from 'pg';
import { SendAsWatchError } from '../../errors';
import type { Migration } from '../sqlite/migrations';

/** `postgres://` or `postgresql://`: a STORE_URL naming a PostgreSQL database. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Advisory-lock keys, (namespace, role) pairs: the namespace keeps SendAs Watch's locks apart from any
 * other application sharing the database. Advisory locks are per database.
 */
export const LOCK_NAMESPACE = 0x53415700; // 'SAW\0'
export const LOCK_ROLES = { migrate: 1, leader: 2 } as const;
/** Locks on state keys, (namespace, hash of the key): a namespace of their own, so no hash meets a role. */
export const STATE_LOCK_NAMESPACE = LOCK_NAMESPACE + 1;

/** NOTIFY channel: deliveries were enqueued, and the leader's delivery loop should look now. */
export const OUTBOX_CHANNEL = 'sendas_outbox';

/**
 * bigint columns (epoch milliseconds, counts) come back as numbers, like SQLite's: every value here is
 * far below 2^53. Per pool, so other users of `pg` in the process keep the driver's default.
 */
const INT8_OID: number = types.builtins.INT8;
const parseInt8 = (value: string): number => Number(value);
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : (types.getTypeParser(oid, format) as unknown)) as typeof types.getTypeParser,
};

/** Connection settings shared by the store's pool and the election's session. */
export function clientConfig(url: string, applicationName: string): ClientConfig {
  return { connectionString: url, application_name: applicationName, types: typeParsers, keepAlive: true };
}

export function createPool(url: string, applicationName: string, max: number): Pool {
  const config: PoolConfig = { ...clientConfig(url, applicationName), max, idleTimeoutMillis: 30_000 };
  const pool = new Pool(config);
  // The pool drops a client the server closed while idle and opens another on the next query; without a
  // listener the 'error' event would end the process instead.
  pool.on('error', () => undefined);
  return pool;
}

/** Serialization failures and deadlocks: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

/** Runs `work` in one transaction on one pooled connection, again when PostgreSQL says to retry. */
export async function transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: release it as broken so the pool does not hand it out again.
        broken = rollbackError as Error;
      }
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * Applies the migrations not yet applied, all in one transaction under an advisory lock: replicas
 * starting together wait for one another instead of racing to create the same tables.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[], nowMs: number): Promise<number> {
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, LOCK_ROLES.migrate]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_ms bigint NOT NULL)');
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    const known = migrations[migrations.length - 1]?.version ?? 0;
    if (current > known) {
      throw new SendAsWatchError('SENDAS_STORE_FAILED', `the database is at schema version ${current}, newer than this build knows (${known}): upgrade SendAs Watch`);
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, description, applied_ms) VALUES ($1, $2, $3)', [m.version, m.description, nowMs]);
    }
    return Math.max(current, known);
  });
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL text cannot hold
const NUL_OR_SURROGATE = /[\u0000\uD800-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * PostgreSQL text holds neither NUL nor half of a UTF-16 surrogate pair: each becomes U+FFFD, the
 * replacement character, instead of failing the whole batch. Anything else goes through unchanged.
 */
export function pgText(value: string | null): string | null {
  return value === null || !NUL_OR_SURROGATE.test(value) ? value : value.replace(NUL_OR_LONE_SURROGATE, '\uFFFD');
}
