/**
 * Draws the app icons: an envelope watched by a magnifier. Run once after changing the drawing
 * (`npm run build && node dist/package/icons.js`) and commit appPackage/color.png and outline.png;
 * a test checks the committed files still match this drawing pixel for pixel.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export type Rgba = readonly [number, number, number, number];

/** The manifest's accentColor is this background, so Teams' tile and the icon agree. */
export const ACCENT_COLOR = '#1F4E79';
const ACCENT: Rgba = [0x1f, 0x4e, 0x79, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [0xf5, 0xb4, 0x00, 255];
const GLASS: Rgba = [0xdc, 0xeb, 0xf7, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** A region of the symbol, in a 32×32 design grid. */
type Shape = (x: number, y: number) => boolean;

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Points within `halfWidth` of the segment a–b: a stroke with round ends. */
const segment =
  (ax: number, ay: number, bx: number, by: number, halfWidth: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= halfWidth * halfWidth;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

// The drawing, in the 32×32 grid the outline icon uses pixel for pixel.
const envelope = rect(0, 5, 26, 23);
const envelopeBorder = minus(envelope, rect(2, 7, 24, 21));
const flap = union(segment(1.5, 6.5, 13, 15, 1), segment(13, 15, 24.5, 6.5, 1));
const lensCentre = [22, 22] as const;
const lens = disc(...lensCentre, 4.75);
const ring = minus(disc(...lensCentre, 7), lens);
const handle = segment(27, 27, 31, 31, 1.75);
/** Clears a gap around the magnifier so it reads as lying on top of the envelope. */
const halo = union(disc(...lensCentre, 8.5), segment(27, 27, 31, 31, 3.25));

interface Layer {
  readonly shape: Shape;
  readonly colour: Rgba;
}

const colourLayers: readonly Layer[] = [
  { shape: envelope, colour: WHITE },
  { shape: flap, colour: ACCENT },
  { shape: halo, colour: ACCENT },
  { shape: lens, colour: GLASS },
  { shape: ring, colour: AMBER },
  { shape: handle, colour: AMBER },
];

const outlineLayers: readonly Layer[] = [
  { shape: envelopeBorder, colour: WHITE },
  { shape: flap, colour: WHITE },
  { shape: halo, colour: CLEAR },
  { shape: ring, colour: WHITE },
  { shape: handle, colour: WHITE },
];

const SAMPLES = 4;

/**
 * Paints the layers over `background`, with the 32-unit design grid mapped onto a `box`-pixel square at
 * (`offset`, `offset`). Each pixel averages SAMPLES² points, so edges are smooth.
 */
function paint(size: number, offset: number, box: number, background: Rgba, layers: readonly Layer[]): PNG {
  const png = new PNG({ width: size, height: size });
  const scale = 32 / box;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES - offset) * scale;
          const y = (py + (sy + 0.5) / SAMPLES - offset) * scale;
          const colour = layers.reduce((current, layer) => (layer.shape(x, y) ? layer.colour : current), background);
          for (let channel = 0; channel < 4; channel++) sum[channel] += colour[channel];
        }
      }
      const index = (py * size + px) * 4;
      for (let channel = 0; channel < 4; channel++) png.data[index + channel] = Math.round(sum[channel] / SAMPLES ** 2);
    }
  }
  return png;
}

/** 192×192: the symbol in the central 96×96 (Teams crops the tile), on a solid accent square. */
export function drawColorIcon(): PNG {
  return paint(192, 48, 96, ACCENT, colourLayers);
}

/**
 * 32×32, no padding: pure white where the symbol covers at least half a pixel, fully transparent
 * elsewhere. Teams allows no other colours and no partial transparency tricks.
 */
export function drawOutlineIcon(): PNG {
  const png = paint(32, 0, 32, CLEAR, outlineLayers);
  for (let index = 0; index < png.data.length; index += 4) {
    const covered = png.data[index + 3] >= 128;
    png.data.set(covered ? WHITE : CLEAR, index);
  }
  return png;
}

export function writeIcons(directory: string): void {
  writeFileSync(join(directory, 'color.png'), PNG.sync.write(drawColorIcon(), { colorType: 6 }));
  writeFileSync(join(directory, 'outline.png'), PNG.sync.write(drawOutlineIcon(), { colorType: 6 }));
}

if (require.main === module) {
  const directory = join(__dirname, '..', '..', 'appPackage');
  writeIcons(directory);
  process.stdout.write(`Wrote color.png and outline.png to ${directory}\n`);
}
