/**
 * Where a client IP is: a public address with its country and network, or one of the kinds of address
 * that have no place in the world (private, documentation, Microsoft's own) or no address at all.
 * The domain core takes a PlaceLookup as an argument; src/places/database.ts implements it offline.
 */

/** Addresses that are not a user's location on the internet, and why. */
export type NonPublicKind =
  /** No ClientIP in the record (Microsoft background sends, connectors). */
  | 'missing'
  /** Text that is not an IPv4 or IPv6 address. */
  | 'invalid'
  /** RFC 1918, IPv6 unique local (fc00::/7). */
  | 'private'
  /** Carrier-grade NAT, 100.64.0.0/10 (RFC 6598). */
  | 'cgnat'
  | 'loopback'
  | 'link-local'
  /** Documentation and benchmarking ranges (RFC 5737, RFC 3849, RFC 2544): examples, never real clients. */
  | 'documentation'
  /** Anything else reserved (0.0.0.0/8, multicast, 240.0.0.0/4, ::/128). */
  | 'reserved';

export type PlaceKind = NonPublicKind | 'public' | 'microsoft';

export interface Network {
  readonly asn: number;
  /** The AS's organisation name as the database gives it. */
  readonly name: string;
}

export interface Place {
  readonly kind: PlaceKind;
  /** The normalized address looked up, or null when the record had none. */
  readonly ip: string | null;
  /** ISO 3166-1 alpha-2, upper case; null when not public or not in the database. */
  readonly country: string | null;
  readonly network: Network | null;
}

/**
 * Looks client IPs up. `placeOf` never throws: an address the database does not hold (or a database
 * that could not be read) gets null country and network.
 */
export interface PlaceLookup {
  placeOf(ip: string | null): Place;
}

/** A Microsoft datacenter's country is not where a person sat: such places never count as a country. */
export function personCountry(place: Place): string | null {
  return place.kind === 'public' ? place.country : null;
}
