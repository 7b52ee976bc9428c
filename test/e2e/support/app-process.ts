import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..', '..');
/** Written by test/e2e/global-setup.ts before any suite runs. */
const CHILD = join(ROOT, '.e2e-dist', 'app-child.js');

export interface AppProcess {
  readonly process: ChildProcess;
  readonly url: string;
  /** The app's JSON log lines so far. */
  readonly logs: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
  stderr(): string;
}

/**
 * Starts the app in a process of its own (test/e2e/app-child.ts) with `env` as its whole environment
 * (plus PATH and PORT=0), and resolves once it listens. Every e2e test that needs a separate process
 * starts the app through here.
 */
export function startAppProcess(env: Record<string, string>, name = 'the app', readyTimeoutMs = 90_000): Promise<AppProcess> {
  const child = spawn(process.execPath, [CHILD], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time: ${stderr}`)), readyTimeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${String(code)}) before it was ready: ${stderr}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(parsed);
      if (parsed.event === 'child-ready') {
        clearTimeout(timer);
        resolve({ process: child, url: String(parsed.url), logs, exited, stderr: () => stderr });
      }
    });
  });
}
