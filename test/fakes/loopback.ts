import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake service on a port of its own on 127.0.0.1: started, stopped and addressed the same way. */
export abstract class LoopbackFake {
  private server: Server | null = null;

  /** `name` says which fake was used before it was started. */
  constructor(private readonly name: string) {}

  /** http://127.0.0.1:PORT, without a trailing slash. */
  protected get origin(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (address === null || address === undefined) throw new Error(`${this.name} not started`);
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
