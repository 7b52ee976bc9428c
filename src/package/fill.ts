/**
 * Fills the `${{NAME}}` placeholders of the manifest template (the Teams Toolkit's convention) from
 * settings that have been checked first, so a bad value is refused with its name instead of surfacing
 * later as a schema error about a pattern.
 */

/** The values the template may name, and where each comes from. */
export interface PackageSettings {
  /** The Teams app's own id (a GUID you generate once and keep: Teams updates the app by it). */
  readonly TEAMS_APP_ID: string;
  /** The Azure Bot's Microsoft App ID (the Entra app registration's client id). */
  readonly BOT_ID: string;
  /** The public host name of the messaging endpoint, e.g. sendas.contoso.com. */
  readonly BOT_DOMAIN: string;
  /** package.json's version: Teams wants a higher one each time the app is updated. */
  readonly APP_VERSION: string;
}

export type SettingsResult =
  | { readonly kind: 'valid'; readonly settings: PackageSettings }
  | { readonly kind: 'invalid'; readonly errors: readonly string[] };

export const REQUIRED_ENV = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** What Teams accepts as an app version: MAJOR.MINOR.PATCH, no pre-release or build suffix. */
const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * Checks the environment and the package version, reporting every problem at once. Values are trimmed;
 * the domain is lower-cased.
 */
export function readPackageSettings(env: Readonly<Record<string, string | undefined>>, appVersion: string): SettingsResult {
  const errors: string[] = [];
  const value = (name: string): string => env[name]?.trim() ?? '';

  const missing = REQUIRED_ENV.filter((name) => value(name) === '');
  if (missing.length > 0) {
    errors.push(`Missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (see README, "Deploying to Teams").`);
  }

  for (const name of ['TEAMS_APP_ID', 'BOT_ID'] as const) {
    const given = value(name);
    if (given !== '' && !GUID.test(given)) {
      errors.push(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000; got "${given}".`);
    }
  }

  const domain = value('BOT_DOMAIN').toLowerCase();
  if (domain !== '') {
    const problem = hostNameProblem(domain);
    if (problem !== undefined) errors.push(`BOT_DOMAIN ${problem}`);
  }

  if (!TEAMS_VERSION.test(appVersion)) {
    errors.push(`package.json version must be MAJOR.MINOR.PATCH for Teams; got "${appVersion}".`);
  }

  if (errors.length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'valid',
    settings: { TEAMS_APP_ID: value('TEAMS_APP_ID'), BOT_ID: value('BOT_ID'), BOT_DOMAIN: domain, APP_VERSION: appVersion },
  };
}

/** Why `domain` is not a bare public host name, with the fix when it is obvious; undefined when it is one. */
function hostNameProblem(domain: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\//.exec(domain);
  if (url !== null || domain.includes('/')) {
    const host = domain.slice(url?.[0].length ?? 0).split('/')[0] ?? '';
    return `must be a host name without scheme or path; got "${domain}"${host !== '' ? `: use "${host}"` : ''}.`;
  }
  if (domain.includes(':')) return `must not include a port; got "${domain}": Teams reaches the bot on https port 443.`;
  if (domain.length > 253) return `is longer than 253 characters.`;
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => !LABEL.test(label))) {
    return `must be a public host name such as sendas.contoso.com; got "${domain}".`;
  }
  if (labels.every((label) => /^\d+$/.test(label))) {
    return `must be a host name with a certificate, not an IP address; got "${domain}".`;
  }
  return undefined;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface Filled {
  readonly value: unknown;
  /** Placeholders the template names but the packager has no value for. */
  readonly unknown: readonly string[];
}

/**
 * Replaces placeholders inside the string values of parsed JSON, so a value can never break the JSON
 * around it. Keys are left alone.
 */
export function fillPlaceholders(template: unknown, settings: PackageSettings): Filled {
  const unknown = new Set<string>();
  const values: Readonly<Record<string, string>> = { ...settings };
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const replacement = values[name];
        if (replacement === undefined) {
          unknown.add(name);
          return whole;
        }
        return replacement;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, fill(child)]));
    }
    return node;
  };
  const value = fill(template);
  return { value, unknown: [...unknown].sort() };
}
