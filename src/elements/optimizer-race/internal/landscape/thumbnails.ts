import { evaluateGrid, getLandscape } from '../../../../core/index.js';
import { drawFilledContours } from '../../../shared/plot/contours.js';

const cache = new Map<string, HTMLCanvasElement>();

/** Device pixels per CSS pixel the thumbnails are drawn at. */
export const THUMBNAIL_RATIO = 2;

/**
 * A small picture of a landscape's contour map (same colour ramp as the big plot), drawn
 * once per landscape and page from a coarse grid into an off-screen canvas. Pickers copy
 * it into their own canvases: an image from a data: URL would be blocked by a strict
 * Content-Security-Policy (`img-src 'self'`).
 */
export function landscapeThumbnail(id: string, size = 56): HTMLCanvasElement | undefined {
  const key = `${id}|${size}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const landscape = getLandscape(id);
  if (!landscape) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = size * THUMBNAIL_RATIO;
  canvas.height = size * THUMBNAIL_RATIO;
  const context = canvas.getContext('2d')!;
  context.scale(THUMBNAIL_RATIO, THUMBNAIL_RATIO);
  const grid = evaluateGrid(landscape, { n: 48 });
  drawFilledContours(context, grid, { width: size, height: size, bands: 14 });
  cache.set(key, canvas);
  return canvas;
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
