/**
 * What Teams' own app validation refuses that the JSON schema lets through: icon sizes and colours,
 * strict versions, https developer links, the command menu limits Teams clients enforce, and
 * localization keys that point at nothing.
 */
import type { TeamsManifestV1D30 as V1D30 } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';

export type Manifest = V1D30.TeamsManifestV1D30;

export type IconKind = 'color' | 'outline';

const ICON_SIZE: Readonly<Record<IconKind, number>> = { color: 192, outline: 32 };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** IHDR colour types with an alpha channel: grey + alpha, RGBA. */
const ALPHA_COLOUR_TYPES = new Set([4, 6]);

/** Teams' command menu shows at most 10 commands; titles and descriptions past these lengths are cut. */
export const COMMAND_LIMITS = { commands: 10, title: 32, description: 128 } as const;

const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DOMAIN = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;
const COMMAND_KEY = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

/** Problems with one icon file, by reading its pixels. */
export function iconErrors(fileName: string, bytes: Buffer, kind: IconKind): string[] {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return [`${fileName} is not a PNG file.`];
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [`${fileName} cannot be decoded: ${error instanceof Error ? error.message : String(error)}.`];
  }
  const size = ICON_SIZE[kind];
  if (png.width !== size || png.height !== size) {
    return [`${fileName} is ${png.width}×${png.height}; Teams needs the ${kind} icon to be ${size}×${size}.`];
  }
  return kind === 'outline' ? outlineErrors(fileName, png, bytes[25]) : colorErrors(fileName, png);
}

function outlineErrors(fileName: string, png: PNG, colourType: number): string[] {
  if (!ALPHA_COLOUR_TYPES.has(colourType)) {
    return [`${fileName} has no alpha channel; the outline icon must be white on a transparent background.`];
  }
  const errors: string[] = [];
  let white = 0;
  let transparent = 0;
  const offenders: string[] = [];
  forEachPixel(png, (x, y, [r, g, b, a]) => {
    if (a === 0) transparent++;
    else if (r === 255 && g === 255 && b === 255) white++;
    else offenders.push(`(${x},${y}) rgba(${r},${g},${b},${a})`);
  });
  if (offenders.length > 0) {
    errors.push(
      `${fileName} has ${offenders.length} pixel(s) that are neither white (255,255,255) nor fully transparent, first at ${offenders[0]}.`,
    );
  }
  if (white === 0) errors.push(`${fileName} is empty: the outline icon needs a white symbol.`);
  if (transparent === 0) errors.push(`${fileName} has no transparent background.`);
  return errors;
}

function colorErrors(fileName: string, png: PNG): string[] {
  const errors: string[] = [];
  const last = png.width - 1;
  const corners = [pixel(png, 0, 0), pixel(png, last, 0), pixel(png, 0, last), pixel(png, last, last)].map((rgba) => rgba.join(','));
  const background = pixel(png, 0, 0);
  if (new Set(corners).size !== 1 || (background[3] !== 255 && background[3] !== 0)) {
    errors.push(`${fileName} must sit on a solid or fully transparent square background; its corners are ${corners.join(' / ')}.`);
  }
  const colours = new Set<string>();
  forEachPixel(png, (_x, _y, rgba) => colours.add(rgba.join(',')));
  if (colours.size < 2) errors.push(`${fileName} is a single flat colour: draw the app's symbol on it.`);
  return errors;
}

type Pixel = readonly [number, number, number, number];

function pixel(png: PNG, x: number, y: number): Pixel {
  const index = (y * png.width + x) * 4;
  return [png.data[index], png.data[index + 1], png.data[index + 2], png.data[index + 3]];
}

function forEachPixel(png: PNG, visit: (x: number, y: number, rgba: Pixel) => void): void {
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) visit(x, y, pixel(png, x, y));
}

/** Teams rules for a manifest that already conforms to the v1.30 schema (which pins manifestVersion). */
export function manifestRuleErrors(manifest: Manifest, botId: string): string[] {
  const errors: string[] = [];
  if (!TEAMS_VERSION.test(manifest.version)) {
    errors.push(`manifest.json version must be MAJOR.MINOR.PATCH; got "${manifest.version}".`);
  }
  for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) {
    const url = manifest.developer[field];
    if (!url.toLowerCase().startsWith('https://')) errors.push(`manifest.json developer.${field} must use https; got "${url}".`);
  }
  for (const domain of manifest.validDomains ?? []) {
    if (!DOMAIN.test(domain)) {
      errors.push(`manifest.json validDomains entry "${domain}" must be a host name (optionally *.host), without scheme, port or path.`);
    }
  }

  const bots = manifest.bots ?? [];
  if (bots.length !== 1) {
    errors.push('manifest.json must declare exactly one bot: SendAs Watch is a conversational bot.');
    return errors;
  }
  const bot = bots[0];
  if (bot.botId !== botId) errors.push(`manifest.json bots[0].botId must be BOT_ID (${botId}); got "${bot.botId}".`);
  const listedScopes = new Set<string>();
  (bot.commandLists ?? []).forEach((list, listIndex) => {
    const where = `manifest.json bots[0].commandLists[${listIndex}]`;
    if (list.commands.length > COMMAND_LIMITS.commands) {
      errors.push(`${where} has ${list.commands.length} commands; Teams shows at most ${COMMAND_LIMITS.commands}.`);
    }
    for (const scope of list.scopes) {
      if (!bot.scopes.includes(scope)) errors.push(`${where} lists scope "${scope}", which the bot does not declare.`);
      if (listedScopes.has(scope)) errors.push(`${where} repeats scope "${scope}": Teams wants one command list per scope.`);
      listedScopes.add(scope);
    }
    list.commands.forEach((command, commandIndex) => {
      const at = `${where}.commands[${commandIndex}]`;
      errors.push(...commandTextErrors(`${at}.title`, 'title', command.title));
      errors.push(...commandTextErrors(`${at}.description`, 'description', command.description));
    });
  });
  return errors;
}

function commandTextErrors(where: string, field: 'title' | 'description', text: string | undefined): string[] {
  const limit = COMMAND_LIMITS[field];
  if (text === undefined || [...text].length <= limit) return [];
  return [`${where} is longer than ${limit} characters: "${text}".`];
}

/** Rules for a localization file that conforms to its schema: its command keys must name real commands. */
export function localizationRuleErrors(fileName: string, localization: Readonly<Record<string, unknown>>, manifest: Manifest): string[] {
  const errors: string[] = [];
  const dangling: string[] = [];
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  for (const [key, text] of Object.entries(localization)) {
    const match = COMMAND_KEY.exec(key);
    if (match === null) continue;
    const [, listIndex, commandIndex, field] = match;
    if (lists[Number(listIndex)]?.commands[Number(commandIndex)] === undefined) dangling.push(key);
    else if (typeof text === 'string') errors.push(...commandTextErrors(`${fileName} "${key}"`, field as 'title' | 'description', text));
  }
  if (dangling.length > 0) {
    const shown = dangling.slice(0, 3).map((key) => `"${key}"`).join(', ');
    errors.unshift(
      `${fileName} translates ${dangling.length} command text(s) the manifest does not have: ${shown}${dangling.length > 3 ? ', …' : ''}.`,
    );
  }
  return errors;
}
