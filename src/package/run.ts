/**
 * `npm run package`: reads appPackage/, plans the package, writes appPackage/build/appPackage.zip.
 * Exit codes: 0 written, 1 the package is invalid (every problem listed), 2 a file could not be read
 * or written.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describeError } from '../errors';
import { planPackage } from './plan';
import { writeZip } from './zip';

export interface RunOptions {
  /** The repository root: appPackage/ and package.json are read from here. */
  readonly root: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the zip goes; appPackage/build/appPackage.zip by default. */
  readonly out?: string;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
}

export const EXIT = { written: 0, invalid: 1, io: 2 } as const;

export async function runPackage({ root, env, out, print, printError }: RunOptions): Promise<number> {
  const appPackage = join(root, 'appPackage');
  const zipPath = out ?? join(appPackage, 'build', 'appPackage.zip');

  let inputs;
  try {
    inputs = { sources: await readTopLevelFiles(appPackage), appVersion: await readAppVersion(root), env };
  } catch (error) {
    printError(`Cannot read the app package sources: ${describeError(error)}`);
    return EXIT.io;
  }

  const plan = await planPackage(inputs);
  if (plan.kind === 'invalid') {
    printError(`Cannot build the Teams app package (${plan.errors.length} problem${plan.errors.length > 1 ? 's' : ''}):`);
    for (const error of plan.errors) printError(`  - ${error}`);
    return EXIT.invalid;
  }

  let size: number;
  try {
    size = await writeZip(zipPath, plan.files);
  } catch (error) {
    printError(`Cannot write ${zipPath}: ${describeError(error)}`);
    return EXIT.io;
  }
  const shown = relative(root, zipPath).startsWith('..') ? zipPath : relative(root, zipPath);
  const { settings, manifest, files } = plan;
  print(`Wrote ${shown} (${files.map(({ name }) => name).join(', ')}; ${size} bytes).`);
  print(`  manifest ${manifest.manifestVersion}, app version ${manifest.version}, app id ${settings.TEAMS_APP_ID}, bot id ${settings.BOT_ID}, domain ${settings.BOT_DOMAIN}`);
  print('Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.');
  return EXIT.written;
}

/** The files directly inside appPackage/ (build/ and other folders are not sources). */
async function readTopLevelFiles(directory: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return new Map(await Promise.all(files.map(async ({ name }) => [name, await readFile(join(directory, name))] as const)));
}

async function readAppVersion(root: string): Promise<string> {
  const packageJson: unknown = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const version = (packageJson as { version?: unknown }).version;
  return typeof version === 'string' ? version : '';
}
