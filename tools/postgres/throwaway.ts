import type { ChildProcess } from 'node:child_process';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Client } from 'pg';

/** Where Debian and Ubuntu put the server binaries: one folder per major version. */
const DEBIAN_VERSIONED_ROOT = '/usr/lib/postgresql';

/** Said when the server binaries are missing: what to install, not a stack trace. */
export const POSTGRES_MISSING_MESSAGE =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/<version>/bin or on PATH. ' +
  "Install Debian's postgresql package (sudo apt-get install -y postgresql) or put a PostgreSQL 13+ bin folder on PATH.";

/** Long enough for initdb on a slow, busy machine; short enough that a broken setup fails instead of hanging. */
const COMMAND_TIMEOUT_MS = 60_000;

export interface PostgresBinaries {
  /** The folder holding initdb and pg_ctl. */
  readonly bin: string;
}

/**
 * Finds initdb and pg_ctl: the newest of Debian's versioned folders first, then PATH. `searchDirs`
 * replaces both (tests use it to check the message for a machine without PostgreSQL).
 */
export function findPostgresBinaries(searchDirs?: readonly string[]): PostgresBinaries | null {
  const candidates = searchDirs ?? [...debianVersionedBins(), ...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== '')];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return { bin: dir };
  }
  return null;
}

function debianVersionedBins(): string[] {
  if (!existsSync(DEBIAN_VERSIONED_ROOT)) return [];
  return readdirSync(DEBIAN_VERSIONED_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(DEBIAN_VERSIONED_ROOT, v, 'bin'));
}

/** initdb refuses to run as root: as root, the server runs as the `postgres` system user. */
function serverAccount(): { uid: number; gid: number } | null {
  if (process.getuid === undefined || process.getuid() !== 0) return null;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (entry === undefined) {
    throw new Error("Running as root, and there is no 'postgres' system user to run the throwaway PostgreSQL server as (initdb refuses root). Install Debian's postgresql package, which creates it.");
  }
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(file: string, args: readonly string[], account: { uid: number; gid: number } | null): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: COMMAND_TIMEOUT_MS, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C' }, ...(account ?? {}) },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}`, { cause: error }));
      },
    );
  });
}

export interface ThrowawayPostgresOptions {
  /** Server settings (`-c name=value`), over the defaults below. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Where to look for initdb and pg_ctl instead of the usual places. */
  readonly searchDirs?: readonly string[];
}

/**
 * Durability off: a throwaway server's data dies with it anyway, and tests run several times faster.
 * The bench turns fsync back on to measure what a real deployment would see.
 */
const THROWAWAY_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

/** Signals that end a run from outside: Ctrl-C, `timeout` and `kill`, a closed terminal. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A process of its own that outlives this one only to stop the server: it checks every second that
 * its parent is alive and, once it is gone (SIGKILL, a crash no handler sees), stops the server and
 * removes its folder. Argument order: parent pid, pg_ctl, data dir, temp dir, uid, gid.
 */
const WATCHDOG = `
const [ppid, pgCtl, dataDir, dir, uid, gid] = process.argv.slice(1);
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const account = uid === '' ? {} : { uid: Number(uid), gid: Number(gid) };
setInterval(() => {
  try { process.kill(Number(ppid), 0); return; } catch {}
  try { execFileSync(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: 60000, ...account }); } catch {}
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}, 1000);
`;

/**
 * A private PostgreSQL server in a temp dir, reachable only through its unix socket there. It is
 * stopped on every way out: stop(), a normal exit, an ending signal (after which the signal ends the
 * process as it would have), and, through a watchdog process, a SIGKILL.
 */
export class ThrowawayPostgres {
  private stopped = false;
  private readonly onExit = (): void => this.stopNow();
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.stopNow();
    // The default action, now that the server is down: the process ends as the signal meant.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  private watchdog: ChildProcess | null = null;

  private constructor(
    private readonly bin: string,
    /** The temp dir: data folder, log and the unix socket. */
    readonly dir: string,
    readonly port: number,
    private readonly account: { uid: number; gid: number } | null,
  ) {
    // A test run that dies without its teardown must not leave a server running.
    process.once('exit', this.onExit);
    for (const signal of ENDING_SIGNALS) process.once(signal, this.onSignal);
  }

  private startWatchdog(): void {
    const account = this.account;
    this.watchdog = spawn(
      process.execPath,
      ['-e', WATCHDOG, String(process.pid), join(this.bin, 'pg_ctl'), this.dataDir, this.dir, account === null ? '' : String(account.uid), account === null ? '' : String(account.gid)],
      { detached: true, stdio: 'ignore' },
    );
    this.watchdog.unref();
  }

  private forget(): void {
    process.removeListener('exit', this.onExit);
    for (const signal of ENDING_SIGNALS) process.removeListener(signal, this.onSignal);
    this.watchdog?.kill();
    this.watchdog = null;
  }

  /**
   * initdb into a fresh temp dir (as the postgres user when running as root), then pg_ctl start on a
   * free port with the socket in that dir and no TCP listener. Throws POSTGRES_MISSING_MESSAGE when
   * the binaries are not installed.
   */
  static async start(options: ThrowawayPostgresOptions = {}): Promise<ThrowawayPostgres> {
    const binaries = findPostgresBinaries(options.searchDirs);
    if (binaries === null) throw new Error(POSTGRES_MISSING_MESSAGE);
    const account = serverAccount();
    const dir = mkdtempSync(join(tmpdir(), 'sendas-pg-'));
    if (account !== null) chownSync(dir, account.uid, account.gid);
    const server = new ThrowawayPostgres(binaries.bin, dir, await freePort(), account);
    server.startWatchdog();
    try {
      await run(join(binaries.bin, 'initdb'), ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], account);
      const settings = { ...THROWAWAY_SETTINGS, ...options.settings, listen_addresses: '', port: String(server.port), unix_socket_directories: dir };
      // pg_ctl hands these to the server through a shell: each value single-quoted.
      const serverOptions = Object.entries(settings)
        .map(([name, value]) => `-c ${name}='${value.replace(/'/g, "'\\''")}'`)
        .join(' ');
      await run(join(binaries.bin, 'pg_ctl'), ['-D', server.dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start'], account);
    } catch (error) {
      const log = server.logTail();
      server.stopNow();
      throw log === '' ? error : new Error(`${(error as Error).message}\nserver log:\n${log}`, { cause: error });
    }
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private logTail(): string {
    const path = join(this.dir, 'server.log');
    return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-20).join('\n') : '';
  }

  /** A connection URL for `database` through the unix socket. */
  url(database = 'postgres'): string {
    return `postgresql://postgres@/${encodeURIComponent(database)}?host=${encodeURIComponent(this.dir)}&port=${this.port}`;
  }

  /** Creates an empty database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE template0 STRATEGY FILE_COPY`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Stops the server at once (its data is thrown away) and removes the temp dir. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.forget();
    try {
      await run(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'], this.account);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** The synchronous stop for process exit and failed starts; errors are moot then (the server may never have started). */
  private stopNow(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.forget();
    try {
      execFileSync(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: COMMAND_TIMEOUT_MS, ...(this.account ?? {}) });
    } catch {
      // Nothing was running, or it is already gone: either way there is nothing left to stop.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
