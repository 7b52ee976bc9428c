import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { iconErrors } from '../../src/package/checks';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon } from '../../src/package/icons';
import { APP_PACKAGE, png } from './support';

const colorBytes = readFileSync(join(APP_PACKAGE, 'color.png'));
const outlineBytes = readFileSync(join(APP_PACKAGE, 'outline.png'));

/** Width, height, bit depth and colour type straight from the IHDR chunk. */
function header(bytes: Buffer): { width: number; height: number; bitDepth: number; colourType: number } {
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24], colourType: bytes[25] };
}

function pixels(image: PNG): string[] {
  const result: string[] = [];
  for (let index = 0; index < image.data.length; index += 4) result.push([...image.data.subarray(index, index + 4)].join(','));
  return result;
}

const hex = (colour: string): string => [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16)).concat(255).join(',');

describe('the committed icons', () => {
  it('are 8-bit RGBA PNGs of the sizes Teams requires', () => {
    expect(header(colorBytes)).toEqual({ width: 192, height: 192, bitDepth: 8, colourType: 6 });
    expect(header(outlineBytes)).toEqual({ width: 32, height: 32, bitDepth: 8, colourType: 6 });
  });

  it('outline.png is pure white on a fully transparent background, with a real symbol', () => {
    const counts = new Map<string, number>();
    for (const value of pixels(PNG.sync.read(outlineBytes))) {
      const kind = value.endsWith(',0') ? 'transparent' : value === '255,255,255,255' ? 'white' : `other ${value}`;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['transparent', 'white']);
    // An envelope and a magnifier cover a good share of the 1024 pixels, and leave most of it clear.
    expect(counts.get('white')).toBeGreaterThan(200);
    expect(counts.get('transparent')).toBeGreaterThan(400);
    expect(iconErrors('outline.png', outlineBytes, 'outline')).toEqual([]);
  });

  it('color.png sits on the accent colour, with a white envelope and an amber magnifier inside the 96 px symbol area', () => {
    const image = PNG.sync.read(colorBytes);
    const all = pixels(image);
    const at = (x: number, y: number): string => all[y * 192 + x];
    for (const [x, y] of [[0, 0], [191, 0], [0, 191], [191, 191], [47, 100], [150, 40]]) expect(at(x, y)).toBe(hex(ACCENT_COLOR));
    const symbol = new Set<string>();
    for (let y = 48; y < 144; y++) for (let x = 48; x < 144; x++) symbol.add(at(x, y));
    expect(symbol).toContain('255,255,255,255');
    expect(symbol).toContain('245,180,0,255');
    expect(new Set(all).size).toBeGreaterThan(20);
    expect(iconErrors('color.png', colorBytes, 'color')).toEqual([]);
  });

  it('are what src/package/icons.ts draws, pixel for pixel', () => {
    expect(pixels(PNG.sync.read(colorBytes))).toEqual(pixels(drawColorIcon()));
    expect(pixels(PNG.sync.read(outlineBytes))).toEqual(pixels(drawOutlineIcon()));
  });
});

describe('iconErrors', () => {
  const white: [number, number, number, number] = [255, 255, 255, 255];
  const clear: [number, number, number, number] = [0, 0, 0, 0];
  const diagonal = (x: number, y: number): [number, number, number, number] => (x === y ? white : clear);

  it('refuses a file that is not a PNG', () => {
    expect(iconErrors('color.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/> padding padding'), 'color')).toEqual([
      'color.png is not a PNG file.',
    ]);
  });

  it('refuses a truncated PNG with the decoder message', () => {
    const [error] = iconErrors('color.png', colorBytes.subarray(0, 200), 'color');
    expect(error).toMatch(/^color\.png cannot be decoded: .+/);
  });

  it('refuses the wrong size', () => {
    expect(iconErrors('outline.png', png(48, diagonal), 'outline')).toEqual([
      'outline.png is 48×48; Teams needs the outline icon to be 32×32.',
    ]);
    expect(iconErrors('color.png', outlineBytes, 'color')).toEqual(['color.png is 32×32; Teams needs the color icon to be 192×192.']);
  });

  it('refuses an outline icon without an alpha channel', () => {
    expect(iconErrors('outline.png', png(32, diagonal, 2), 'outline')).toEqual([
      'outline.png has no alpha channel; the outline icon must be white on a transparent background.',
    ]);
  });

  it('refuses grey outline pixels, counting them, and lets half-transparent white through', () => {
    const grey = png(32, (x, y) => (x === 3 && y === 1 ? [200, 200, 200, 255] : y === 5 ? [255, 255, 255, 128] : diagonal(x, y)));
    expect(iconErrors('outline.png', grey, 'outline')).toEqual([
      'outline.png has 1 pixel(s) that are neither white (255,255,255) nor fully transparent, first at (3,1) rgba(200,200,200,255).',
    ]);
    // Half-transparent white is still white: Teams asks for white RGB and a fully transparent background.
    expect(iconErrors('outline.png', png(32, (x, y) => (y === 5 ? [255, 255, 255, 128] : diagonal(x, y))), 'outline')).toEqual([]);
  });

  it('refuses an empty outline and one with no transparent background', () => {
    expect(iconErrors('outline.png', png(32, () => clear), 'outline')).toEqual(['outline.png is empty: the outline icon needs a white symbol.']);
    expect(iconErrors('outline.png', png(32, () => white), 'outline')).toEqual(['outline.png has no transparent background.']);
  });

  it('refuses a blank colour icon and one whose background is neither solid nor transparent', () => {
    expect(iconErrors('color.png', png(192, () => [31, 78, 121, 255]), 'color')).toEqual([
      'color.png is a single flat colour: draw the app\'s symbol on it.',
    ]);
    const gradient = png(192, (x) => [x, 78, 121, 255]);
    expect(iconErrors('color.png', gradient, 'color')).toEqual([
      'color.png must sit on a solid or fully transparent square background; its corners are 0,78,121,255 / 191,78,121,255 / 0,78,121,255 / 191,78,121,255.',
    ]);
    const halfTransparent = png(192, (x, y) => (x === 96 && y === 96 ? white : [31, 78, 121, 128]));
    expect(iconErrors('color.png', halfTransparent, 'color')[0]).toMatch(/^color\.png must sit on a solid or fully transparent square background/);
  });
});
