/**
 * The packager's pure step: from the appPackage files and the settings, either the exact files to zip
 * or every problem found. It reads and writes nothing itself (the schema library reads its bundled
 * schemas).
 */
import type { Manifest } from './checks';
import { iconErrors, localizationRuleErrors, manifestRuleErrors } from './checks';
import { fillPlaceholders, readPackageSettings } from './fill';
import type { PackageSettings } from './fill';
import { isRecord, localizationSchemaErrors, manifestSchemaErrors } from './schema';

export const TEMPLATE_FILE = 'manifest.json';

export interface PackageFile {
  readonly name: string;
  readonly data: Buffer;
}

export type PackagePlan =
  | {
      readonly kind: 'ready';
      readonly manifest: Manifest;
      readonly settings: PackageSettings;
      /** manifest.json first, then the icons and localization files it names, all at the zip root. */
      readonly files: readonly PackageFile[];
    }
  | { readonly kind: 'invalid'; readonly errors: readonly string[] };

export interface PackageInputs {
  /** The files of appPackage/ by name: the template and whatever it refers to. */
  readonly sources: ReadonlyMap<string, Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** package.json's version. */
  readonly appVersion: string;
}

export async function planPackage({ sources, env, appVersion }: PackageInputs): Promise<PackagePlan> {
  const settingsResult = readPackageSettings(env, appVersion);
  if (settingsResult.kind === 'invalid') return settingsResult;
  const { settings } = settingsResult;

  const template = parseJsonFile(TEMPLATE_FILE, 'the template', sources);
  if (template.kind === 'invalid') return template;
  const filled = fillPlaceholders(template.value, settings);
  if (filled.unknown.length > 0) {
    const names = filled.unknown.map((name) => `\${{${name}}}`).join(', ');
    return invalid(`${TEMPLATE_FILE} uses ${names}, which the packager does not fill (it fills TEAMS_APP_ID, BOT_ID, BOT_DOMAIN, APP_VERSION).`);
  }

  const schemaErrors = await manifestSchemaErrors(filled.value);
  if (schemaErrors.length > 0) return { kind: 'invalid', errors: schemaErrors };
  // The schema has just accepted it.
  const manifest = filled.value as Manifest;

  const errors = manifestRuleErrors(manifest, settings.BOT_ID);
  const files: PackageFile[] = [{ name: TEMPLATE_FILE, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }];

  const icons = [
    { name: manifest.icons.color, kind: 'color' as const },
    { name: manifest.icons.outline, kind: 'outline' as const },
  ];
  for (const { name, kind } of icons) {
    const found = findFile(name, `icons.${kind}`, sources);
    if (found.kind === 'invalid') {
      errors.push(...found.errors);
      continue;
    }
    errors.push(...iconErrors(name, found.bytes, kind));
    files.push({ name, data: found.bytes });
  }

  const { defaultLanguageFile, additionalLanguages = [] } = manifest.localizationInfo ?? {};
  const localizationFiles = [...(defaultLanguageFile === undefined ? [] : [defaultLanguageFile]), ...additionalLanguages.map(({ file }) => file)];
  for (const file of localizationFiles) {
    const localization = parseJsonFile(file, 'localizationInfo', sources);
    if (localization.kind === 'invalid') {
      errors.push(...localization.errors);
      continue;
    }
    const localizationErrors = await localizationSchemaErrors(file, localization.value);
    if (localizationErrors.length === 0 && isRecord(localization.value)) {
      localizationErrors.push(...localizationRuleErrors(file, localization.value, manifest));
    }
    errors.push(...localizationErrors);
    files.push({ name: file, data: localization.bytes });
  }

  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'ready', manifest, settings, files };
}

type Invalid = { readonly kind: 'invalid'; readonly errors: readonly string[] };
type Found = { readonly kind: 'found'; readonly bytes: Buffer } | Invalid;
type Parsed = { readonly kind: 'parsed'; readonly bytes: Buffer; readonly value: unknown } | Invalid;

function findFile(name: string, referredBy: string, sources: ReadonlyMap<string, Buffer>): Found {
  if (name.includes('/') || name.includes('\\')) {
    return invalid(`${referredBy} names "${name}": Teams wants every file at the root of the package, next to manifest.json.`);
  }
  const bytes = sources.get(name);
  if (bytes === undefined) return invalid(`appPackage/${name} (${referredBy}) does not exist.`);
  return { kind: 'found', bytes };
}

function parseJsonFile(name: string, referredBy: string, sources: ReadonlyMap<string, Buffer>): Parsed {
  const found = findFile(name, referredBy, sources);
  if (found.kind === 'invalid') return found;
  try {
    // Editors on Windows save JSON with a byte order mark; JSON.parse refuses it.
    return { kind: 'parsed', bytes: found.bytes, value: JSON.parse(found.bytes.toString('utf8').replace(/^\uFEFF/, '')) };
  } catch (error) {
    return invalid(`${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function invalid(error: string): Invalid {
  return { kind: 'invalid', errors: [error] };
}
