import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` twice: the second bot is refused with one clear line and a non-zero exit, never a stack
 * trace, whether it shares the first one's port or its SQLite store. Runs the real entry point
 * (dist/server.js as compiled by test/e2e/global-setup.ts), with the environment as its only settings.
 */
const SERVER = join(__dirname, '..', '..', '.e2e-dist', 'server.js');

interface Run {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

function startServer(dir: string, port: number, store: string): Run {
  const env = { PATH: process.env.PATH ?? '', PORT: String(port), STORE_PATH: join(dir, store), DEMO_USERS: '20', DEMO_DAYS: '3', LOG_LEVEL: 'warn' };
  // cwd: the temporary folder, so no .env of the checkout is read.
  const child = spawn(process.execPath, [SERVER], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))), stderr: () => stderr };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function healthy(port: number, within = 60_000): Promise<void> {
  const until = Date.now() + within;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`no bot answered on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The lines a refused start wrote, Node's deprecation notices from dependencies aside. */
function ownLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !/DeprecationWarning|--trace-deprecation/.test(line));
}

describe('one bot per port and per SQLite store', () => {
  let dir: string;
  const running: Run[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-one-bot-'));
  });
  afterEach(async () => {
    for (const run of running.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
      await run.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function firstBot(port: number, store: string): Promise<Run> {
    const run = startServer(dir, port, store);
    running.push(run);
    await healthy(port);
    return run;
  }

  it('refuses a second bot on the same SQLite file, in one line, and the first keeps serving', async () => {
    const [port, otherPort] = [await freePort(), await freePort()];
    await firstBot(port, 'sendas.db');
    const second = startServer(dir, otherPort, 'sendas.db');
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(ownLines(second.stderr())).toEqual([`sendas-watch failed to start: another SendAs Watch is already running on the store ${join(dir, 'sendas.db')}: stop it, or set STORE_PATH to another file`]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 120_000);

  it('refuses a second bot on the same port, in one line', async () => {
    const port = await freePort();
    await firstBot(port, 'first.db');
    const second = startServer(dir, port, 'second.db');
    running.push(second);
    expect(await second.exited).toBe(1);
    const lines = ownLines(second.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^sendas-watch failed to start: port ${port} on 127\\.0\\.0\\.1 is already in use .*set PORT to another port$`));
  }, 120_000);

  it('lets a bot start on the store of one that was killed: the lock dies with its process', async () => {
    const port = await freePort();
    const first = await firstBot(port, 'sendas.db');
    first.child.kill('SIGKILL');
    await first.exited;
    const next = await firstBot(await freePort(), 'sendas.db');
    expect(next.child.exitCode).toBeNull();
  }, 120_000);

  it('lets a bot start on the store of one that stopped', async () => {
    const first = await firstBot(await freePort(), 'sendas.db');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const next = await firstBot(await freePort(), 'sendas.db');
    expect(next.child.exitCode).toBeNull();
  }, 120_000);
});
