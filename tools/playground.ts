import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm run playground`: the bot on its demo tenant plus the Microsoft 365 Agents Playground, a
 * Teams-like chat at http://localhost:56150 that talks to it offline. Ctrl+C stops both.
 */
const port = process.env.PORT ?? '3978';
const children: ChildProcess[] = [];

function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env, stdio: 'inherit' });
  child.on('exit', (code) => {
    if (children.every((c) => c.exitCode !== null || c === child)) return;
    process.stderr.write(`${label} stopped (exit ${code ?? 'signal'}); stopping the rest.\n`);
    stopAll(code ?? 1);
  });
  children.push(child);
  return child;
}

run('the bot', process.execPath, [join(__dirname, '..', 'dist', 'server.js')], { ...process.env, PORT: port });
const playground = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [join(__dirname, '..')] });
run('the Agents Playground', process.execPath, [playground, 'start', '-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '--disable-telemetry'], {
  ...process.env,
  // Without this the Playground tries to open a browser and exits when it cannot.
  TEAMSAPPTESTER_BROWSER: 'none',
});
process.stdout.write(`Open http://localhost:56150 to chat with SendAs Watch (bot on port ${port}). Ctrl+C stops both.\n`);
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));
