import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipv6Words } from '../../src/places/address';
import { PlaceDatabase } from '../../src/places/database';

/** A tiny database in the @ip-location-db layout, with the edges a real one has. */
function fixtureDirs(): { dir: string; places: PlaceDatabase } {
  const dir = mkdtempSync(join(tmpdir(), 'places-'));
  const ipv4 = (ip: string): number => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
  writeFileSync(
    join(dir, 'dbip-country-ipv4-num.csv'),
    [`${ipv4('1.0.0.0')},${ipv4('1.0.0.255')},AU`, `${ipv4('8.8.8.0')},${ipv4('8.8.8.255')},US`, `${ipv4('40.107.0.0')},${ipv4('40.107.255.255')},NL`, `${ipv4('133.11.0.0')},${ipv4('133.11.255.255')},JP`, ''].join('\n'),
  );
  writeFileSync(
    join(dir, 'dbip-country-ipv6.csv'),
    ['2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,US', '2400:4050::,2400:4050::7fff,JP', '2400:4050::8000,2400:4050:ffff:ffff:ffff:ffff:ffff:ffff,KR', ''].join('\n'),
  );
  writeFileSync(
    join(dir, 'asn-ipv4-num.csv'),
    [
      `${ipv4('1.0.0.0')},${ipv4('1.0.0.255')},13335,"Cloudflare, Inc."`,
      `${ipv4('8.8.8.0')},${ipv4('8.8.8.255')},15169,Google LLC`,
      `${ipv4('40.107.0.0')},${ipv4('40.107.255.255')},8075,Microsoft Corporation`,
      `${ipv4('133.11.0.0')},${ipv4('133.11.255.255')},2501,"LLC ""TODAI"""`,
    ].join('\n'),
  );
  writeFileSync(join(dir, 'asn-ipv6.csv'), ['2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC'].join('\n'));
  return { dir, places: new PlaceDatabase({ countryDir: dir, asnDir: dir }) };
}

describe('PlaceDatabase over a small database', () => {
  let fixture: ReturnType<typeof fixtureDirs>;
  beforeAll(() => {
    fixture = fixtureDirs();
  });
  afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

  it('finds country and network at both ends of a range and nothing just outside it', () => {
    expect(fixture.places.placeOf('1.0.0.0')).toEqual({ kind: 'public', ip: '1.0.0.0', country: 'AU', network: { asn: 13335, name: 'Cloudflare, Inc.' } });
    expect(fixture.places.placeOf('1.0.0.255').country).toBe('AU');
    expect(fixture.places.placeOf('1.0.1.0')).toEqual({ kind: 'public', ip: '1.0.1.0', country: null, network: null });
    expect(fixture.places.placeOf('0.255.255.255').kind).toBe('reserved');
  });

  it('reads quoted network names with commas and doubled quotes', () => {
    expect(fixture.places.placeOf('133.11.4.2').network).toEqual({ asn: 2501, name: 'LLC "TODAI"' });
  });

  it('splits IPv6 ranges below /64 exactly, and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(fixture.places.placeOf('2400:4050::7fff').country).toBe('JP');
    expect(fixture.places.placeOf('2400:4050::8000').country).toBe('KR');
    expect(fixture.places.placeOf('2001:4860:4860::8888')).toMatchObject({ kind: 'public', country: 'US', network: { asn: 15169 } });
    expect(fixture.places.placeOf('::ffff:8.8.8.8')).toMatchObject({ kind: 'public', country: 'US', network: { asn: 15169 } });
  });

  it('labels Microsoft’s own networks as Microsoft, keeping the datacenter country', () => {
    expect(fixture.places.placeOf('40.107.22.1')).toMatchObject({ kind: 'microsoft', country: 'NL', network: { asn: 8075 } });
    // Exchange Online's IPv6 servers, which the ASN data does not map.
    expect(fixture.places.placeOf('2603:10a6:20b:1::1')).toMatchObject({ kind: 'microsoft', network: null });
    expect(fixture.places.placeOf('2a01:111:f400::1').kind).toBe('microsoft');
  });
});

describe('addresses that are not a place on the internet', () => {
  const places = new PlaceDatabase({ countryDir: '/nonexistent', asnDir: '/nonexistent' });
  it.each([
    ['10.20.30.40', 'private'],
    ['172.31.255.1', 'private'],
    ['192.168.1.10', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1c2a:3ff:fe4b:1', 'link-local'],
    ['203.0.113.9', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['192.0.2.1', 'documentation'],
    ['2001:db8:abcd::42', 'documentation'],
    ['::ffff:192.168.0.5', 'private'],
    ['224.0.0.251', 'reserved'],
    ['not-an-ip', 'invalid'],
    ['10.0.0.1:443', 'invalid'],
  ])('%s is %s, without reading the database', (ip, kind) => {
    expect(places.placeOf(ip)).toEqual({ kind, ip, country: null, network: null });
    expect(places.problem).toBeNull();
  });

  it('labels a missing IP as missing', () => {
    expect(places.placeOf(null)).toEqual({ kind: 'missing', ip: null, country: null, network: null });
    expect(places.placeOf('')).toEqual({ kind: 'missing', ip: null, country: null, network: null });
  });

  it('neighbours of the special ranges are public', () => {
    expect(places.placeOf('172.32.0.1').kind).toBe('public');
    expect(places.placeOf('100.128.0.1').kind).toBe('public');
    expect(places.placeOf('2001:db9::1').kind).toBe('public');
  });

  it('answers with no country, never throws, and says why when the database cannot be read', () => {
    expect(places.placeOf('8.8.8.8')).toEqual({ kind: 'public', ip: '8.8.8.8', country: null, network: null });
    expect(places.problem).toMatch(/nonexistent/);
  });
});

describe('ipv6Words', () => {
  it.each([
    ['::', [0, 0, 0, 0]],
    ['2001:db8::1', [0x20010db8, 0, 0, 1]],
    ['fe80::1:2', [0xfe800000, 0, 0, 0x10002]],
    ['2001:DB8:0:0:8:800:200C:417A', [0x20010db8, 0, 0x80800, 0x200c417a]],
    ['::ffff:1.2.3.4', [0, 0, 0xffff, 0x01020304]],
    ['1::', [0x10000, 0, 0, 0]],
  ])('%s', (ip, words) => {
    expect(ipv6Words(ip)).toEqual(words);
  });
});

describe('the shipped database (@ip-location-db)', () => {
  it('places Google’s public DNS in the United States on AS15169', () => {
    expect(new PlaceDatabase().placeOf('8.8.8.8')).toMatchObject({ kind: 'public', country: 'US', network: { asn: 15169 } });
  });
});
