/** Entry point of `npm run package`: the only place the packager reads the process environment. */
import { config } from 'dotenv';
import { join } from 'node:path';
import { describeError } from '../errors';
import { runPackage } from './run';

const root = join(__dirname, '..', '..');
// A .env beside package.json (git-ignored) may hold the settings; variables already set win.
config({ path: join(root, '.env'), quiet: true });

runPackage({
  root,
  env: process.env,
  print: (line) => process.stdout.write(`${line}\n`),
  printError: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Packaging failed unexpectedly: ${describeError(error)}\n`);
    process.exitCode = 70;
  },
);
