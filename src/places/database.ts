import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ParsedAddress } from './address';
import { inMicrosoftRange, ipv6Words, parseAddress, specialKind } from './address';
import type { Network, Place, PlaceLookup } from './place';

/**
 * Autonomous systems Microsoft runs its own services from (Microsoft Corporation's AS8075 and
 * AS8068–8071, AS3598, and AS12076 of ExpressRoute): an Exchange or Azure server, not a person's place.
 */
const MICROSOFT_ASNS: ReadonlySet<number> = new Set([8075, 8068, 8069, 8070, 8071, 3598, 12076]);

/** Sorted, non-overlapping ranges of one family, each bound as `width` 32-bit words, with one value index each. */
interface Ranges {
  readonly width: number;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly values: Uint32Array;
}

interface Tables<T> {
  readonly v4: Ranges;
  readonly v6: Ranges;
  readonly items: readonly T[];
}

/** A last CSV field: quoted when it holds a comma or a quote, with `""` for a quote. */
function unquote(field: string): string {
  return field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}

/**
 * Reads an @ip-location-db CSV, `start,end,value…` one range a line. Lines are split by hand: the two
 * bounds never hold a comma or a quote and only the last field can be quoted, and csv-parse takes
 * eight times as long over these 1.2 million lines (about 1.2 s a file).
 */
function readRanges(path: string, width: number, boundOf: (text: string) => readonly number[], intern: (value: string) => number): Ranges {
  const text = readFileSync(path, 'utf8');
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines += 1;
  const starts = new Uint32Array((lines + 1) * width);
  const ends = new Uint32Array((lines + 1) * width);
  const values = new Uint32Array(lines + 1);
  let n = 0;
  for (let from = 0; from < text.length; ) {
    const newline = text.indexOf('\n', from);
    const to = newline < 0 ? text.length : newline;
    const a = text.indexOf(',', from);
    const b = a < 0 ? -1 : text.indexOf(',', a + 1);
    if (a > from && b > a && b < to) {
      starts.set(boundOf(text.slice(from, a)), n * width);
      ends.set(boundOf(text.slice(a + 1, b)), n * width);
      values[n] = intern(text.slice(b + 1, to).trimEnd());
      n += 1;
    }
    from = to + 1;
  }
  return { width, starts: starts.slice(0, n * width), ends: ends.slice(0, n * width), values: values.slice(0, n) };
}

function loadTables<T>(dir: string, prefix: string, itemOf: (field: string) => T): Tables<T> {
  const index = new Map<string, number>();
  const items: T[] = [];
  const intern = (field: string): number => {
    let at = index.get(field);
    if (at === undefined) {
      at = items.length;
      items.push(itemOf(field));
      index.set(field, at);
    }
    return at;
  };
  return {
    v4: readRanges(join(dir, `${prefix}-ipv4-num.csv`), 1, (bound) => [Number(bound)], intern),
    v6: readRanges(join(dir, `${prefix}-ipv6.csv`), 4, ipv6Words, intern),
    items,
  };
}

/** -1, 0 or 1 as range `i`'s bound in `bounds` is below, equal to or above the address. */
function compare(bounds: Uint32Array, i: number, width: number, words: readonly number[]): number {
  for (let w = 0; w < width; w += 1) {
    const bound = bounds[i * width + w];
    if (bound !== words[w]) return bound < words[w] ? -1 : 1;
  }
  return 0;
}

/** The value of the range holding the address, found by binary search on the starts. */
function find<T>(tables: Tables<T>, address: ParsedAddress): T | null {
  const ranges = address.family === 4 ? tables.v4 : tables.v6;
  let lo = 0;
  let hi = ranges.values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(ranges.starts, mid, ranges.width, address.words) > 0) hi = mid - 1;
    else {
      found = mid;
      lo = mid + 1;
    }
  }
  return found >= 0 && compare(ranges.ends, found, ranges.width, address.words) >= 0 ? tables.items[ranges.values[found]] : null;
}

function packageDir(name: string): string {
  return dirname(createRequire(__filename).resolve(`${name}/package.json`));
}

export interface PlaceDatabaseOptions {
  /** Directories holding the country and ASN CSVs; default: the installed @ip-location-db packages. */
  readonly countryDir?: string;
  readonly asnDir?: string;
}

/**
 * Client IPs to country (DB-IP Country Lite) and network (RouteViews / DB-IP ASN Lite), from the CSVs
 * the @ip-location-db npm packages ship: no network call, ever. The tables load on the first lookup
 * (about half a second, once) and live in typed arrays; each lookup is two binary searches.
 */
export class PlaceDatabase implements PlaceLookup {
  private tables: { readonly countries: Tables<string>; readonly networks: Tables<Network> } | null = null;
  /** Why the tables could not be read, once that has been tried. */
  private failure: string | null = null;

  constructor(private readonly options: PlaceDatabaseOptions = {}) {}

  /** Loads the tables now rather than on the first lookup; throws when the data cannot be read. */
  load(): void {
    if (this.tables !== null) return;
    const countries = loadTables(this.options.countryDir ?? packageDir('@ip-location-db/dbip-country'), 'dbip-country', (code) => code.toUpperCase());
    const networks = loadTables<Network>(this.options.asnDir ?? packageDir('@ip-location-db/asn'), 'asn', (field) => {
      const comma = field.indexOf(',');
      return { asn: Number(field.slice(0, comma)), name: unquote(field.slice(comma + 1)) };
    });
    this.tables = { countries, networks };
  }

  /** Why lookups answer no country or network at all, or null. */
  get problem(): string | null {
    return this.failure;
  }

  placeOf(ip: string | null): Place {
    if (ip === null || ip.trim() === '') return { kind: 'missing', ip: null, country: null, network: null };
    const parsed = parseAddress(ip);
    if (parsed === null) return { kind: 'invalid', ip, country: null, network: null };
    const special = specialKind(parsed);
    if (special !== null) return { kind: special, ip, country: null, network: null };
    if (this.tables === null && this.failure === null) {
      try {
        this.load();
      } catch (error) {
        this.failure = error instanceof Error ? error.message : String(error);
      }
    }
    const tables = this.tables;
    if (tables === null) return { kind: 'public', ip, country: null, network: null };
    const country = find(tables.countries, parsed);
    const network = find(tables.networks, parsed);
    const microsoft = (network !== null && MICROSOFT_ASNS.has(network.asn)) || inMicrosoftRange(parsed);
    return { kind: microsoft ? 'microsoft' : 'public', ip, country, network };
  }
}

let shared: PlaceDatabase | null = null;

/** The installed database, one per process: its tables are read-only, so every app and command shares them. */
export function sharedPlaceDatabase(): PlaceDatabase {
  shared ??= new PlaceDatabase();
  return shared;
}
