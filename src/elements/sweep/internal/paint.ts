import { prepareCanvas } from '../../shared/plot/canvas.js';
import type { Margin } from '../../shared/plot/axes.js';

/** What the heat map's canvas shows: a plain snapshot, no element. */
export interface HeatMapPicture {
  /** CSS pixels of the whole plot (the axes' SVG lies on top with the same size). */
  width: number;
  height: number;
  margin: Margin;
  columns: number;
  rows: number;
  /** A colour per cell in reading order (row 0 at the bottom), or null for a diverged cell. */
  colors: (string | null)[];
  /** The diverged cells' hatch: a grey ground and darker stripes. */
  diverged: { ground: string; stripe: string };
}

/** Paints the cells; row 0 at the bottom, so the y value grows upwards like the axis. */
export function paintHeatMap(canvas: HTMLCanvasElement, picture: HeatMapPicture): void {
  const { width, height, margin, columns, rows, colors } = picture;
  const context = prepareCanvas(canvas, width, height);
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  if (innerWidth <= 0 || innerHeight <= 0) return;
  const cellWidth = innerWidth / columns;
  const cellHeight = innerHeight / rows;
  const hatch = hatchPattern(context, picture.diverged);
  colors.forEach((color, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    // Whole-pixel edges, overlapping by a hair, so no seams show between cells.
    const x0 = Math.floor(margin.left + column * cellWidth);
    const x1 = Math.ceil(margin.left + (column + 1) * cellWidth);
    const y0 = Math.floor(margin.top + innerHeight - (row + 1) * cellHeight);
    const y1 = Math.ceil(margin.top + innerHeight - row * cellHeight);
    context.fillStyle = color ?? hatch;
    context.fillRect(x0, y0, x1 - x0, y1 - y0);
  });
}

/** Diagonal stripes on grey: diverged reads as "no value" in colour and in greyscale. */
function hatchPattern(context: CanvasRenderingContext2D, colors: HeatMapPicture['diverged']): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const tileContext = tile.getContext('2d');
  if (!tileContext) return colors.ground;
  tileContext.fillStyle = colors.ground;
  tileContext.fillRect(0, 0, 8, 8);
  tileContext.strokeStyle = colors.stripe;
  tileContext.lineWidth = 1.5;
  tileContext.beginPath();
  tileContext.moveTo(-2, 10);
  tileContext.lineTo(10, -2);
  tileContext.moveTo(-2, 2);
  tileContext.lineTo(2, -2);
  tileContext.moveTo(6, 10);
  tileContext.lineTo(10, 6);
  tileContext.stroke();
  return context.createPattern(tile, 'repeat') ?? colors.ground;
}
