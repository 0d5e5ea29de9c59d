import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';

/**
 * Lighter = lower cost, darker = higher: a yellow–green–blue ramp (after ColorBrewer's
 * YlGnBu), chosen because it stays ordered in greyscale and for colour-blind readers.
 */
const RAMP = ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'];

export interface CostGrid {
  /** Row-major n×n values; row 0 is the bottom of the plot (lowest second parameter). */
  values: ArrayLike<number>;
  n: number;
}

/**
 * Maps costs to a log scale for colouring: log(1 + J − min). The shift is a drawing
 * matter only (costs can be negative); the costs themselves stay untouched.
 */
export function logLevels(grid: CostGrid): { levels: Float64Array; max: number } {
  let min = Infinity;
  for (let i = 0; i < grid.values.length; i++) {
    const value = grid.values[i];
    if (Number.isFinite(value) && value < min) min = value;
  }
  const levels = new Float64Array(grid.values.length);
  let max = 0;
  for (let i = 0; i < levels.length; i++) {
    const value = grid.values[i];
    const level = Number.isFinite(value) ? Math.log1p(value - min) : NaN;
    levels[i] = level;
    if (level > max) max = level;
  }
  return { levels, max };
}

/**
 * Draws filled, log-scaled contours of a cost grid into `width`×`height` of a canvas
 * context. Each band is one d3-contour polygon set, drawn from the lowest level up.
 */
export function drawFilledContours(
  context: CanvasRenderingContext2D,
  grid: CostGrid,
  options: { width: number; height: number; bands?: number; lineColor?: string },
): void {
  const { width, height } = options;
  const bands = options.bands ?? 20;
  const { levels, max } = logLevels(grid);
  const thresholds = Array.from({ length: bands }, (_, i) => (max * i) / bands);
  const color = scaleLinear<string>()
    .domain(RAMP.map((_, i) => (max * i) / (RAMP.length - 1)))
    .range(RAMP);
  const sx = width / grid.n;
  const sy = height / grid.n;
  const generator = contours().size([grid.n, grid.n]).thresholds(thresholds);
  for (const band of generator(Array.from(levels, (v) => (Number.isFinite(v) ? v : max)))) {
    context.beginPath();
    for (const polygon of band.coordinates) {
      for (const ring of polygon) {
        ring.forEach(([col, row], i) => {
          const px = col * sx;
          const py = height - row * sy;
          if (i === 0) context.moveTo(px, py);
          else context.lineTo(px, py);
        });
        context.closePath();
      }
    }
    context.fillStyle = color(band.value);
    context.fill();
    if (options.lineColor) {
      context.strokeStyle = options.lineColor;
      context.lineWidth = 0.5;
      context.stroke();
    }
  }
}
