import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { PackageFile } from './plan';

/** A fixed timestamp, so the same inputs give a byte-identical zip. */
const ENTRY_TIME = new Date(Date.UTC(2020, 0, 1));

/**
 * Writes the files at the root of a zip at `path` (through a temporary file, so a failed write never
 * leaves half a package behind). Returns the zip's size in bytes.
 */
export async function writeZip(path: string, files: readonly PackageFile[]): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const zip = new ZipFile();
  for (const { name, data } of files) zip.addBuffer(data, name, { mtime: ENTRY_TIME, mode: 0o100644 });
  zip.end();
  const partial = `${path}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
  return (await stat(path)).size;
}
