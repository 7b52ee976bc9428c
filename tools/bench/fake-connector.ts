import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reply the bot posted: the conversation, the activity it answers, and whether it carried a card. */
export interface ReceivedReply {
  readonly conversationId: string;
  readonly replyToId: string;
  readonly card: boolean;
  /** performance.now() when the whole body had arrived. */
  readonly at: number;
}

const CARD_TYPE = '"application/vnd.microsoft.card.adaptive"';

/**
 * The least of a Bot Connector the bench needs: it answers replies and sends (`POST
 * /v3/conversations/{id}/activities[/{replyToId}]`) with an id, after an optional delay, and tells
 * `onReply` when each arrived. Bodies are not parsed: a card is recognised by its content type. The
 * test suite's fuller fake (test/fakes/connector.ts) records and scripts faults; this one stays cheap
 * under thousands of replies a second.
 */
export class BenchConnector {
  /** Calls that were not a reply or a send (member lookups, updates): counted, answered 404. */
  unexpected = 0;
  private server: Server | null = null;
  private nextId = 1;

  constructor(
    private readonly onReply: (reply: ReceivedReply) => void,
    private readonly delayMs = 0,
  ) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (address === null || address === undefined) throw new Error('bench connector not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      // /v3/conversations/{conversationId}/activities[/{replyToId}]
      const parts = (req.url ?? '').split('?')[0].split('/').filter((p) => p !== '').map(decodeURIComponent);
      const isActivity = req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts.length <= 5;
      if (!isActivity) {
        this.unexpected += 1;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"NotFound"}}');
        return;
      }
      this.onReply({ conversationId: parts[2], replyToId: parts[4] ?? '', card: Buffer.concat(chunks).includes(CARD_TYPE), at });
      const answer = (): void => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"id":"bench-${this.nextId++}"}`);
      };
      if (this.delayMs > 0) setTimeout(answer, this.delayMs);
      else answer();
    });
  }
}
