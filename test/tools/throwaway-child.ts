/** Starts a throwaway PostgreSQL server, prints its folder as one JSON line, then waits to be killed. */
import { ThrowawayPostgres } from '../../tools/postgres/throwaway';

void ThrowawayPostgres.start().then((server) => {
  process.stdout.write(`${JSON.stringify({ dir: server.dir })}\n`);
  setInterval(() => undefined, 60_000);
});
