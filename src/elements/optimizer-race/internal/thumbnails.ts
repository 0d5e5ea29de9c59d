import { evaluateGrid, getLandscape } from '../../../core/index.js';
import { drawFilledContours } from '../../shared/plot/contours.js';

const cache = new Map<string, string>();

/**
 * A small picture of a landscape's contour map (same colour ramp as the big plot), as
 * a data URL. Made once per landscape and page from a coarse grid.
 */
export function landscapeThumbnail(id: string, size = 64): string {
  const key = `${id}|${size}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const landscape = getLandscape(id);
  if (!landscape) return '';
  const canvas = document.createElement('canvas');
  const ratio = 2;
  canvas.width = size * ratio;
  canvas.height = size * ratio;
  const context = canvas.getContext('2d')!;
  context.scale(ratio, ratio);
  const grid = evaluateGrid(landscape, { n: 48 });
  drawFilledContours(context, grid, { width: size, height: size, bands: 14 });
  const url = canvas.toDataURL();
  cache.set(key, url);
  return url;
}
