import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process at a fixed clock and collects what it wrote. */
export async function runCliCapturing(args: readonly string[], now: string, stdin = ''): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let outText = '';
  let errText = '';
  out.on('data', (c: Buffer) => (outText += c.toString('utf8')));
  err.on('data', (c: Buffer) => (errText += c.toString('utf8')));
  const code = await runCli(args, { stdin: Readable.from([Buffer.from(stdin)]), stdout: out, stderr: err, now: () => new Date(now) });
  return { code, out: outText, err: errText };
}
