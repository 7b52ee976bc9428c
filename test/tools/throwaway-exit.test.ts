import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findPostgresBinaries } from '../../tools/postgres/throwaway';

const ROOT = join(__dirname, '..', '..');
const describeWithPostgres = findPostgresBinaries() === null ? describe.skip : describe;

/** Runs the child under tsx as `npm run bench` runs, kills it with `signal` once its server is up, and answers the server's folder. */
async function killWithServerUp(signal: NodeJS.Signals): Promise<{ dir: string; code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'throwaway-child.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
  const dir = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { dir: string }).dir)));
  expect(existsSync(join(dir, 'data', 'postmaster.pid'))).toBe(true);
  child.kill(signal);
  return { dir, ...(await exited) };
}

async function gone(path: string, withinMs: number): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 200))) if (!existsSync(path)) return true;
  return !existsSync(path);
}

describeWithPostgres('a killed bench leaves no throwaway PostgreSQL server behind', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: the server is stopped, its folder removed, and the process still ends by the signal', async (signal) => {
    const ended = await killWithServerUp(signal);
    expect(ended.signal).toBe(signal);
    expect(existsSync(ended.dir)).toBe(false);
  }, 60_000);

  it('SIGKILL, which no handler sees: the watchdog stops the server within seconds', async () => {
    const ended = await killWithServerUp('SIGKILL');
    expect(ended.signal).toBe('SIGKILL');
    expect(await gone(ended.dir, 15_000)).toBe(true);
  }, 60_000);
});
