import { ThrowawayPostgres } from '../../tools/postgres/throwaway';

/** A throwaway server for one test file, and a fresh database whenever a test wants one. */
export interface TestPostgres {
  /** The running server; throws the start failure (e.g. what to install) when it could not start. */
  server(): ThrowawayPostgres;
  /** Creates an empty database and returns its STORE_URL. */
  freshDatabase(): Promise<string>;
}

/**
 * Starts a private PostgreSQL server before the file's tests (initdb into a temp dir, as the postgres
 * user when running as root, unix socket only) and stops and removes it after them. Without the
 * server binaries every test of the file fails with the message saying what to install.
 */
export function usePostgres(): TestPostgres {
  let server: ThrowawayPostgres | null = null;
  let failure: Error | null = null;
  let databases = 0;
  beforeAll(async () => {
    try {
      server = await ThrowawayPostgres.start();
    } catch (error) {
      failure = error as Error;
    }
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  }, 30_000);
  const running = (): ThrowawayPostgres => {
    if (server === null) throw failure ?? new Error('the throwaway PostgreSQL server has not started');
    return server;
  };
  return {
    server: running,
    freshDatabase: () => {
      databases += 1;
      return running().createDatabase(`sendas_test_${databases}`);
    },
  };
}
