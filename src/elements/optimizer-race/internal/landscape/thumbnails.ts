import { evaluateGrid, getLandscape } from '../../../../core/index.js';
import { contourPlan } from '../../../shared/plot/contours.js';

const cache = new Map<string, HTMLCanvasElement>();

/** Device pixels per CSS pixel the thumbnails are drawn at. */
export const THUMBNAIL_RATIO = 2;

/** Samples per side of a thumbnail's grid, and its colour bands (as the big map, fewer). */
const THUMBNAIL_GRID = 32;
const THUMBNAIL_BANDS = 14;

/**
 * A small picture of a landscape's contour map (same log-scaled colour bands as the big
 * plot) in an off-screen canvas, drawn once per landscape and page. It is a raster: a
 * 32×32 grid (one batched tf evaluation, ~1 ms) coloured band by band into 32×32
 * pixels, scaled up with smoothing. Tracing the bands as contours (d3-contour) cost
 * 5–30 ms a thumbnail, so all fourteen waited for idle time, which a busy page may not
 * have for many seconds; this way every thumbnail is there within the first frames.
 * Pickers copy it into their own canvases: an image from a data: URL would be blocked by
 * a strict Content-Security-Policy (`img-src 'self'`).
 */
export function landscapeThumbnail(id: string, size = 56): HTMLCanvasElement | undefined {
  const key = `${id}|${size}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const landscape = getLandscape(id);
  if (!landscape) return undefined;
  const n = THUMBNAIL_GRID;
  const plan = contourPlan(evaluateGrid(landscape, { n }), THUMBNAIL_BANDS);
  const image = new ImageData(n, n);
  const band = plan.maxLevel / THUMBNAIL_BANDS;
  for (let row = 0; row < n; row++) {
    for (let column = 0; column < n; column++) {
      const level = plan.values[row * n + column];
      // A band's colour at its lower threshold, as the map fills it; row 0 is the bottom.
      const color = plan.color(band > 0 ? Math.min(THUMBNAIL_BANDS - 1, Math.floor(level / band)) * band : 0);
      const [r, g, b] = rgbOf(color);
      const at = ((n - 1 - row) * n + column) * 4;
      image.data.set([r, g, b, 255], at);
    }
  }
  const pixels = document.createElement('canvas');
  pixels.width = n;
  pixels.height = n;
  pixels.getContext('2d')!.putImageData(image, 0, 0);
  const canvas = document.createElement('canvas');
  canvas.width = size * THUMBNAIL_RATIO;
  canvas.height = size * THUMBNAIL_RATIO;
  const context = canvas.getContext('2d')!;
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(pixels, 0, 0, canvas.width, canvas.height);
  cache.set(key, canvas);
  return canvas;
}

/** [r, g, b] of the ramp's `rgb(…)` colours. */
function rgbOf(color: string): [number, number, number] {
  const numbers = color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];
}

/** Copies the landscape's thumbnail into `target` (a canvas of the same pixel size). */
export function paintThumbnail(target: HTMLCanvasElement, id: string): boolean {
  const source = cache.get(`${id}|${target.width / THUMBNAIL_RATIO}`);
  const context = target.getContext('2d');
  if (!source || !context) return false;
  context.clearRect(0, 0, target.width, target.height);
  context.drawImage(source, 0, 0);
  return true;
}
