import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as yauzl from 'yauzl';
import { EXIT, runPackage } from '../../src/package/run';
import { APP_PACKAGE, ROOT, VALID_ENV } from './support';

interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** Every entry of the zip, in order, read back with yauzl. */
async function readZip(path: string): Promise<ZipEntry[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const entries: ZipEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip
        .openReadStreamPromise(entry)
        .then(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
          zip.readEntry();
        })
        .catch(reject);
    });
    zip.readEntry();
  });
  zip.close();
  return entries;
}

describe('npm run package', () => {
  let directory: string;
  let out: string;
  let printed: string[];
  let printedErrors: string[];
  const run = (env: Record<string, string>): Promise<number> =>
    runPackage({ root: ROOT, env, out, print: (line) => printed.push(line), printError: (line) => printedErrors.push(line) });

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sendas-package-'));
    out = join(directory, 'build', 'appPackage.zip');
    printed = [];
    printedErrors = [];
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('writes a zip with the manifest, the icons and ja.json at its root, and says where it went', async () => {
    expect(await run(VALID_ENV)).toBe(EXIT.written);
    expect(printedErrors).toEqual([]);
    expect(printed[0]).toBe(`Wrote ${out} (manifest.json, color.png, outline.png, ja.json; ${readFileSync(out).length} bytes).`);
    expect(printed.join('\n')).toContain('Apps → Manage your apps → Upload an app');

    const entries = await readZip(out);
    expect(entries.map(({ name }) => name)).toEqual(['manifest.json', 'color.png', 'outline.png', 'ja.json']);
    const manifest = JSON.parse(entries[0].data.toString('utf8'));
    expect(manifest.id).toBe(VALID_ENV.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(VALID_ENV.BOT_ID);
    expect(manifest.validDomains).toEqual([VALID_ENV.BOT_DOMAIN]);
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    for (const { name, data } of entries.slice(1)) expect(data.equals(readFileSync(join(APP_PACKAGE, name)))).toBe(true);
  });

  it('writes the same bytes for the same inputs', async () => {
    expect(await run(VALID_ENV)).toBe(EXIT.written);
    const first = readFileSync(out);
    expect(await run(VALID_ENV)).toBe(EXIT.written);
    expect(readFileSync(out).equals(first)).toBe(true);
  });

  it('refuses missing settings with a message naming them, and writes nothing', async () => {
    expect(await run({ BOT_ID: VALID_ENV.BOT_ID })).toBe(EXIT.invalid);
    expect(printedErrors).toEqual([
      'Cannot build the Teams app package (1 problem):',
      '  - Missing environment variables TEAMS_APP_ID, BOT_DOMAIN (see README, "Deploying to Teams").',
    ]);
    expect(printed).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('lists every bad setting, one per line, with no stack trace', async () => {
    expect(await run({ TEAMS_APP_ID: 'sendas', BOT_ID: 'bot', BOT_DOMAIN: 'https://sendas.contoso.com' })).toBe(EXIT.invalid);
    expect(printedErrors).toEqual([
      'Cannot build the Teams app package (3 problems):',
      '  - TEAMS_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000; got "sendas".',
      '  - BOT_ID must be a GUID like 00000000-0000-0000-0000-000000000000; got "bot".',
      '  - BOT_DOMAIN must be a host name without scheme or path; got "https://sendas.contoso.com": use "sendas.contoso.com".',
    ]);
  });

  it('reports a source folder it cannot read as an I/O failure, in one line', async () => {
    const code = await runPackage({
      root: directory,
      env: VALID_ENV,
      out,
      print: (line) => printed.push(line),
      printError: (line) => printedErrors.push(line),
    });
    expect(code).toBe(EXIT.io);
    expect(printedErrors).toHaveLength(1);
    expect(printedErrors[0]).toMatch(/^Cannot read the app package sources: .*ENOENT: no such file or directory, scandir '.*appPackage'$/);
  });

  it('reports an output path it cannot write as an I/O failure', async () => {
    // A file where the output folder should be.
    writeFileSync(join(directory, 'build'), 'not a folder');
    expect(await run(VALID_ENV)).toBe(EXIT.io);
    expect(printedErrors).toEqual([expect.stringMatching(/^Cannot write .*build\/appPackage\.zip: .*(EEXIST|ENOTDIR)/)]);
    expect(printed).toEqual([]);
  });
});
