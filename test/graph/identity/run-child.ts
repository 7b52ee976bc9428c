import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(__dirname, 'child.ts');

/** Lets the child `require` TypeScript: each file is transpiled on load, as ts-jest does, without type checks. */
const REGISTER_TS = `
const ts = require('typescript');
const fs = require('fs');
require.extensions['.ts'] = function (module, filename) {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
require(process.argv[1]);
`;

export interface ChildOutput {
  readonly tokens?: string[];
  readonly ids?: string[] | null;
  readonly failures?: unknown[] | null;
  readonly error?: string;
}

/**
 * Runs child.ts in a fresh Node process with `env` added. NODE_EXTRA_CA_CERTS is only read when a
 * process starts, and jest may run a suite in its own long-lived process, so trusting the fake
 * Entra's certificate needs a process of its own.
 */
export function runIdentityChild(input: unknown, env: Record<string, string>): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', REGISTER_TS, CHILD, JSON.stringify(input)],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1) ?? '';
        if (line === '') return reject(new Error(`identity child printed nothing: ${error?.message ?? ''} ${stderr}`));
        resolve(JSON.parse(line) as ChildOutput);
      },
    );
  });
}
