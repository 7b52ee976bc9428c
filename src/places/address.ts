import { isIPv4, isIPv6 } from 'node:net';
import type { NonPublicKind } from './place';

/**
 * An address as 32-bit words, most significant first: one for IPv4, four for IPv6. Plain numbers
 * rather than BigInt keep loading the tables and looking up fast.
 */
export interface ParsedAddress {
  readonly family: 4 | 6;
  readonly words: readonly number[];
}

/**
 * An IPv4 or IPv6 address, or null for anything else. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is read as
 * the IPv4 address it carries.
 */
export function parseAddress(ip: string): ParsedAddress | null {
  if (isIPv4(ip)) return { family: 4, words: [ipv4Number(ip)] };
  if (!isIPv6(ip)) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped !== null) return { family: 4, words: [ipv4Number(mapped[1])] };
  return { family: 6, words: ipv6Words(ip) };
}

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/**
 * The four 32-bit words of a valid IPv6 address (`::` expanded, a trailing dotted quad read). Scanned
 * character by character: the tables' 450,000 IPv6 bounds load five times faster than with split().
 */
export function ipv6Words(ip: string): number[] {
  const groups: number[] = [];
  let gap = -1;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < ip.length; i += 1) {
    const c = ip.charCodeAt(i);
    if (c === 58 /* : */) {
      if (digits > 0) groups.push(value);
      else if (i > 0 && ip.charCodeAt(i - 1) === 58) gap = groups.length;
      value = 0;
      digits = 0;
    } else if (c === 46 /* . */) {
      const v4 = ipv4Number(ip.slice(i - digits));
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
      digits = 0;
      break;
    } else {
      value = value * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
      digits += 1;
    }
  }
  if (digits > 0) groups.push(value);
  if (gap >= 0) groups.splice(gap, 0, ...Array<number>(8 - groups.length).fill(0));
  return [groups[0] * 65536 + groups[1], groups[2] * 65536 + groups[3], groups[4] * 65536 + groups[5], groups[6] * 65536 + groups[7]];
}

/** Whether the first `prefix` bits of two addresses of the same family agree. */
function inPrefix(address: readonly number[], network: readonly number[], prefix: number): boolean {
  for (let i = 0; i < network.length; i += 1) {
    const bits = Math.min(32, Math.max(0, prefix - 32 * i));
    if (bits === 0) return true;
    const shift = 32 - bits;
    if (Math.floor(address[i] / 2 ** shift) !== Math.floor(network[i] / 2 ** shift)) return false;
  }
  return true;
}

/** Ranges that are never a client's place on the internet, first match wins (RFC 6890 and the RFCs named). */
const SPECIAL_RANGES: readonly (readonly [NonPublicKind, string, number])[] = [
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['cgnat', '100.64.0.0', 10],
  ['loopback', '127.0.0.0', 8],
  ['link-local', '169.254.0.0', 16],
  ['documentation', '192.0.2.0', 24],
  ['documentation', '198.51.100.0', 24],
  ['documentation', '203.0.113.0', 24],
  ['documentation', '198.18.0.0', 15],
  ['reserved', '0.0.0.0', 8],
  ['reserved', '192.0.0.0', 24],
  ['reserved', '224.0.0.0', 3],
  ['private', 'fc00::', 7],
  ['loopback', '::1', 128],
  ['link-local', 'fe80::', 10],
  ['documentation', '2001:db8::', 32],
  ['reserved', '::', 128],
  ['reserved', 'ff00::', 8],
];

const SPECIAL: readonly (readonly [NonPublicKind, ParsedAddress, number])[] = SPECIAL_RANGES.map(([kind, network, prefix]) => {
  const parsed = parseAddress(network);
  if (parsed === null) throw new Error(`not an address: ${network}`);
  return [kind, parsed, prefix] as const;
});

/**
 * Microsoft's own IPv6 allocations the ASN data does not always map (Exchange Online's servers log
 * from 2603:10xx:…): ARIN's 2603:1000::/24 and RIPE's 2a01:111::/32, both Microsoft Corporation.
 */
const MICROSOFT_RANGES: readonly (readonly [ParsedAddress, number])[] = [
  [{ family: 6, words: ipv6Words('2603:1000::') }, 24],
  [{ family: 6, words: ipv6Words('2a01:111::') }, 32],
];

/** The kind of a special address, or null for one that may be a place on the internet. */
export function specialKind(address: ParsedAddress): NonPublicKind | null {
  for (const [kind, network, prefix] of SPECIAL) {
    if (network.family === address.family && inPrefix(address.words, network.words, prefix)) return kind;
  }
  return null;
}

/** Whether the address is in a Microsoft allocation listed above. */
export function inMicrosoftRange(address: ParsedAddress): boolean {
  return MICROSOFT_RANGES.some(([network, prefix]) => network.family === address.family && inPrefix(address.words, network.words, prefix));
}
