import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm run playground`: the Microsoft 365 Agents Playground, a Teams-like chat at
 * http://localhost:56150 that talks to the bot offline. A bot already answering on PORT (`npm start`
 * in another terminal) is used as it is; otherwise the Playground starts one of its own on the demo
 * tenant, and says so. Ctrl+C stops what this started.
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

/** Whether a SendAs Watch already answers on the port (its /healthz says ok). */
async function botAlreadyRunning(): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok && ((await response.json()) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  if (await botAlreadyRunning()) {
    process.stdout.write(`Using the SendAs Watch already running on port ${port} (npm start); this starts only the Playground.\n`);
  } else {
    process.stdout.write(`No bot answers on port ${port}: starting one of its own on the demo tenant (stopped with the Playground).\n`);
    run('the bot', process.execPath, [join(__dirname, '..', 'dist', 'server.js')], { ...process.env, PORT: port });
  }
  const playground = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [join(__dirname, '..')] });
  run('the Agents Playground', process.execPath, [playground, 'start', '-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '--disable-telemetry'], {
    ...process.env,
    // Without this the Playground tries to open a browser and exits when it cannot.
    TEAMSAPPTESTER_BROWSER: 'none',
  });
  process.stdout.write(`Open http://localhost:56150 to chat with SendAs Watch (bot on port ${port}). Ctrl+C stops what this started.\n`);
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
}

void main();
