/**
 * Schema validation with the schemas bundled in @microsoft/app-manifest, so it runs offline. Only the
 * exact schema URLs below are accepted: the library fetches any other over the network.
 */
import { AppManifestUtils } from '@microsoft/app-manifest';
import type { AppManifest } from '@microsoft/app-manifest';

/** The newest manifest schema @microsoft/app-manifest 1.1.2 bundles (there is no 1.18). */
export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

type Schema = Awaited<ReturnType<typeof AppManifestUtils.fetchSchema>>;

/** Schema errors for the manifest, each prefixed with the file name; empty when it conforms. */
export async function manifestSchemaErrors(manifest: unknown): Promise<string[]> {
  const schemaUrl = isRecord(manifest) ? manifest.$schema : undefined;
  if (schemaUrl !== MANIFEST_SCHEMA_URL) {
    return [`manifest.json $schema must be ${MANIFEST_SCHEMA_URL} (the schema validated offline); got ${JSON.stringify(schemaUrl)}.`];
  }
  const schema = await AppManifestUtils.fetchSchema(MANIFEST_SCHEMA_URL);
  return prefixed('manifest.json', await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema));
}

/** Schema errors for one localization file (e.g. ja.json). */
export async function localizationSchemaErrors(fileName: string, localization: unknown): Promise<string[]> {
  const schemaUrl = isRecord(localization) ? localization.$schema : undefined;
  if (schemaUrl !== LOCALIZATION_SCHEMA_URL) {
    return [`${fileName} $schema must be ${LOCALIZATION_SCHEMA_URL}, the manifest's version; got ${JSON.stringify(schemaUrl)}.`];
  }
  const schema = repairPatternKeys(await AppManifestUtils.fetchSchema(LOCALIZATION_SCHEMA_URL));
  return prefixed(fileName, await AppManifestUtils.validateAgainstSchema(localization as AppManifest, schema));
}

/**
 * The published localization schemas (every version up to 1.30) carry two `patternProperties` keys with
 * an unescaped `]` (`...\b]\.description$`), which ajv's Unicode regular expressions refuse to compile
 * (MicrosoftDocs/msteams-docs#8858). Escaping a `]` that closes no character class changes no match.
 */
export function repairPatternKeys(schema: Schema): Schema {
  const patterns: unknown = (schema as { patternProperties?: unknown }).patternProperties;
  if (!isRecord(patterns)) return schema;
  const repaired = Object.fromEntries(
    Object.entries(patterns).map(([pattern, rule]) => [compiles(pattern) ? pattern : escapeLoneBrackets(pattern), rule]),
  );
  return { ...schema, patternProperties: repaired } as Schema;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function escapeLoneBrackets(pattern: string): string {
  let result = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      result += char + (pattern[index + 1] ?? '');
      index++;
    } else if (char === '[') {
      inClass = true;
      result += char;
    } else if (char === ']') {
      result += inClass ? char : '\\]';
      inClass = false;
    } else {
      result += char;
    }
  }
  return result;
}

/** The library reports `${instancePath} ${message}`; the path is empty for the root. */
function prefixed(fileName: string, errors: readonly string[]): string[] {
  return errors.map((error) => `${fileName}${error.startsWith(' ') ? '' : ' '}${error}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
