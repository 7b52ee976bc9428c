import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Manifest } from '../../src/package/checks';

export const ROOT = join(__dirname, '..', '..');
export const APP_PACKAGE = join(ROOT, 'appPackage');

export const VALID_ENV = {
  TEAMS_APP_ID: '6f1e1f2a-7b1c-4c1e-9d2a-0a1b2c3d4e5f',
  BOT_ID: '0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e',
  BOT_DOMAIN: 'sendas.contoso.com',
} as const;

/** The committed appPackage/ files, as `npm run package` reads them. */
export function committedSources(): Map<string, Buffer> {
  const names = readdirSync(APP_PACKAGE, { withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(names.map(({ name }) => [name, readFileSync(join(APP_PACKAGE, name))]));
}

/** The sources with one JSON file edited. */
function withJson<T>(sources: Map<string, Buffer>, name: string, edit: (json: T) => void): Map<string, Buffer> {
  const json = JSON.parse(sources.get(name)!.toString('utf8')) as T;
  edit(json);
  return new Map(sources).set(name, Buffer.from(JSON.stringify(json)));
}

/** The sources with the manifest template edited (placeholders are still unfilled strings). */
export const withManifest = (sources: Map<string, Buffer>, edit: (manifest: Manifest) => void): Map<string, Buffer> =>
  withJson(sources, 'manifest.json', edit);

export const withJapanese = (sources: Map<string, Buffer>, edit: (ja: Record<string, string>) => void): Map<string, Buffer> =>
  withJson(sources, 'ja.json', edit);

/** A PNG filled by `colour(x, y)`, written with the given IHDR colour type (6 RGBA, 2 RGB). */
export function png(size: number, colour: (x: number, y: number) => [number, number, number, number], colorType: 2 | 6 = 6): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) image.data.set(colour(x, y), (y * size + x) * 4);
  }
  return PNG.sync.write(image, { colorType, inputHasAlpha: true });
}
