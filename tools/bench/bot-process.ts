import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { FromServer, ServerStats, ToServer } from './bot-protocol';

/** The bot server in a child process, spoken to over IPC (tools/bench/bot-server.ts), for bench:bot and bench:abuse. */
export class ServerProcess {
  private readonly waiting: ((message: FromServer) => void)[] = [];
  private stopping = false;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromServer) => this.waiting.shift()?.(message));
    child.on('exit', (code) => {
      if (!this.stopping) {
        process.stderr.write(`the bot server exited unexpectedly (code ${String(code)})\n`);
        process.exit(1);
      }
    });
  }

  static async start(env: NodeJS.ProcessEnv, logPath: string, profileDir?: string): Promise<{ server: ServerProcess; ready: Extract<FromServer, { kind: 'ready' }> }> {
    const log = openSync(logPath, 'w');
    // process.execArgv carries the TypeScript loader (tsx) the bench runs under.
    const execArgv = [...process.execArgv, '--expose-gc', ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`])];
    const child = fork(join(__dirname, 'bot-server.ts'), [], { env, execArgv, stdio: ['ignore', log, log, 'ipc'] });
    closeSync(log);
    const server = new ServerProcess(child);
    const ready = await server.next();
    if (ready.kind !== 'ready') throw new Error(`the bot server said ${ready.kind} before it was ready`);
    return { server, ready };
  }

  private next(): Promise<FromServer> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async ask(message: ToServer): Promise<FromServer> {
    const answer = this.next();
    this.child.send(message);
    return answer;
  }

  async stats(collectGarbage: boolean): Promise<ServerStats> {
    const answer = await this.ask({ kind: 'stats', collectGarbage });
    if (answer.kind !== 'stats') throw new Error(`asked for stats, got ${answer.kind}`);
    return answer.stats;
  }

  async conversations(): Promise<number> {
    const answer = await this.ask({ kind: 'conversations' });
    if (answer.kind !== 'conversations') throw new Error(`asked for conversations, got ${answer.kind}`);
    return answer.count;
  }

  async stop(): Promise<ServerStats> {
    this.stopping = true;
    const answer = await this.ask({ kind: 'stop' });
    if (answer.kind !== 'closed') throw new Error(`asked to stop, got ${answer.kind}`);
    return answer.stats;
  }
}

