/**
 * Runs in a child process started with NODE_EXTRA_CA_CERTS (read only at process start) so the real
 * @azure/identity credential trusts the fake Entra's self-signed certificate. Prints one JSON line.
 */
import type { GraphCredentialSettings, QueryWindow } from '../../../src/audit/graph';
import { createGraphAuditIngester, createGraphCredential, GRAPH_SCOPE } from '../../../src/audit/graph';
import { MemoryStore } from '../../fakes/memory-store';

interface ChildInput {
  readonly credential: GraphCredentialSettings;
  readonly tokenCalls: number;
  readonly graph?: { readonly baseUrl: string; readonly window: QueryWindow; readonly now: string; readonly pageSize: number };
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
  const credential = createGraphCredential(input.credential);
  const tokens: string[] = [];
  for (let i = 0; i < input.tokenCalls; i += 1) {
    const token = await credential.getToken(GRAPH_SCOPE);
    if (token === null) throw new Error('the credential returned no token');
    tokens.push(token.token);
  }
  let ids: string[] | null = null;
  let failures: unknown[] | null = null;
  if (input.graph !== undefined) {
    const now = new Date(input.graph.now);
    const ingester = createGraphAuditIngester({
      credential,
      state: new MemoryStore(),
      runtime: { now: () => now, sleep: () => Promise.resolve() },
      settings: { baseUrl: input.graph.baseUrl, pageSize: input.graph.pageSize },
    });
    const seen: string[] = [];
    const report = await ingester.ingest(input.graph.window, (batch) => Promise.resolve(void seen.push(...batch.events.map((e) => e.id))));
    ids = seen;
    failures = [...report.failures];
  }
  process.stdout.write(`${JSON.stringify({ tokens, ids, failures })}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
});
