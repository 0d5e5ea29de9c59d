/** How a basin map is drawn: each listed stationary point's colour slot, and the translucent overlay. */
import type { Landscape } from '../../../../core/index.js';
import { BASIN_DIVERGED, BASIN_SADDLE, BASIN_UNLISTED, type BasinMap } from './basins.js';

/** The colours a paint uses, resolved from the theme: one per listed minimum, and the codes'. */
export interface BasinColors {
  /** colour of listed stationary point i */
  minima: string[];
  diverged: string;
  saddle: string;
  unlisted: string;
}

/** How many distinct hues each family has (`--gd-race-basin-1…4` global, `-5…8` local). */
export const BASIN_HUES = 4;

/**
 * Each listed stationary point's colour slot (`basin-n` stands for `--_basin-n`, set by
 * `--gd-race-basin-n`): global minima take the first family (`1…4`) in the order listed,
 * local ones the paler second family (`5…8`); a listed saddle takes `basin-saddle`.
 */
export function basinSlots(landscape: Landscape): string[] {
  let globals = 0;
  let locals = 0;
  return landscape.minima.map((m) => {
    if (m.kind === 'saddle') return 'basin-saddle';
    const n = m.global === false ? BASIN_HUES + 1 + (locals++ % BASIN_HUES) : 1 + (globals++ % BASIN_HUES);
    return `basin-${n}`;
  });
}

/** The colour slots a race resolves for its basin maps (`--_basin-1…8`, diverged, saddle, unlisted). */
export const BASIN_COLOR_SLOTS: Record<string, string> = Object.fromEntries(
  [...Array.from({ length: 2 * BASIN_HUES }, (_, i) => String(i + 1)), 'diverged', 'saddle', 'unlisted'].map((name) => [
    `basin-${name}`,
    `var(--_basin-${name})`,
  ]),
);

/** Opacity of the overlay: the contour bands and lines stay readable through it. */
export const BASIN_ALPHA = 0.5;

/**
 * Paints a map as a translucent categorical overlay: each cell filled with its class's
 * colour (still-moving cells left clear), at the plot's size, onto a cleared context.
 */
export function paintBasins(context: CanvasRenderingContext2D, map: BasinMap, colors: BasinColors, width: number, height: number): void {
  const { grid, classes } = map;
  const colorOf = (code: number): string | undefined => {
    if (code >= 0) return colors.minima[code];
    if (code === BASIN_DIVERGED) return colors.diverged;
    if (code === BASIN_SADDLE) return colors.saddle;
    if (code === BASIN_UNLISTED) return colors.unlisted;
    return undefined;
  };
  const cellWidth = width / grid;
  const cellHeight = height / grid;
  context.globalAlpha = BASIN_ALPHA;
  // One path per class: a fill per colour, not per cell. Cells are widened by a hair so
  // neighbours of one class leave no seams.
  const paths = new Map<number, Path2D>();
  for (let row = 0; row < grid; row++) {
    // Row 0 is the lowest w₂, drawn at the bottom.
    const y = height - (row + 1) * cellHeight;
    for (let column = 0; column < grid; column++) {
      const code = classes[row * grid + column];
      if (colorOf(code) === undefined) continue;
      let path = paths.get(code);
      if (!path) paths.set(code, (path = new Path2D()));
      path.rect(column * cellWidth, y, cellWidth + 0.25, cellHeight + 0.25);
    }
  }
  for (const [code, path] of paths) {
    context.fillStyle = colorOf(code)!;
    context.fill(path);
  }
  context.globalAlpha = 1;
}
