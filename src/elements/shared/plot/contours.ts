import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';

/**
 * Lighter = lower cost, darker = higher: a yellow–green–blue ramp (after ColorBrewer's
 * YlGnBu), chosen because it stays ordered in greyscale and for colour-blind readers.
 */
const RAMP = ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'];

const rampScale = scaleLinear<string>()
  .domain(RAMP.map((_, i) => i / (RAMP.length - 1)))
  .range(RAMP)
  .clamp(true);

/**
 * The maps' colour for a position t ∈ [0, 1] along a cost scale, 0 the lowest (lightest):
 * every figure of the kit that colours costs (contour maps, the sweep's heat maps) reads
 * lighter = lower.
 */
export function costRamp(t: number): string {
  return rampScale(Number.isFinite(t) ? t : 0);
}

export interface CostGrid {
  /** Row-major n×n values; row 0 is the bottom of the plot (lowest second parameter). */
  values: ArrayLike<number>;
  n: number;
}

/**
 * Maps costs to a log scale for colouring: log(1 + J − min). The shift is a drawing
 * matter only (costs can be negative); the costs themselves stay untouched.
 */
export function logLevels(grid: CostGrid): { levels: Float64Array; max: number; min: number } {
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
  return { levels, max, min };
}

/** One filled band of a contour map: d3-contour polygons in grid units, and its colour. */
export interface ContourBand {
  coordinates: number[][][][];
  color: string;
}

/**
 * The filled, log-scaled bands of a cost grid (the expensive half of a contour map:
 * d3-contour over every threshold). Pure; a widget may compute it ahead of time and
 * fill it later at any size with `fillContourBands`.
 */
export function contourBands(grid: CostGrid, bands = 20): ContourBand[] {
  const plan = contourPlan(grid, bands);
  return plan.thresholds.map((_, i) => contourBand(plan, i));
}

/** What every band of a grid needs, computed once: the log levels, thresholds and colours. */
export interface ContourPlan {
  n: number;
  /** The lowest finite cost of the grid (level 0) and the highest level, log(1 + J − min). */
  minCost: number;
  maxLevel: number;
  values: number[];
  thresholds: number[];
  color: (value: number) => string;
}

export function contourPlan(grid: CostGrid, bands = 20): ContourPlan {
  const { levels, max, min } = logLevels(grid);
  return {
    n: grid.n,
    minCost: min,
    maxLevel: max,
    values: Array.from(levels, (v) => (Number.isFinite(v) ? v : max)),
    thresholds: Array.from({ length: bands }, (_, i) => (max * i) / bands),
    color: (value) => costRamp(max > 0 ? value / max : 0),
  };
}

/**
 * Band i of a plan alone (d3-contour over one threshold): the unit of work when the
 * bands are made a few at a time in idle periods. `contourBands` is every band in turn.
 */
export function contourBand(plan: ContourPlan, i: number): ContourBand {
  const value = plan.thresholds[i];
  const band = contours().size([plan.n, plan.n]).contour(plan.values, value);
  return { coordinates: band.coordinates, color: plan.color(value) };
}

/**
 * Fills bands (from `contourBands` of an n×n grid) into `width`×`height` of a canvas.
 * The grid's samples span the plot edge to edge (sample i at i / (n − 1) of the way,
 * as the core's grids are made), while d3-contour puts sample i at i + ½ in its own
 * units; mapping c ↦ (c − ½) / (n − 1) puts every contour exactly at its parameters
 * (the half cells beyond the edge fall outside the canvas).
 */
export function fillContourBands(
  context: CanvasRenderingContext2D,
  bands: ContourBand[],
  n: number,
  options: { width: number; height: number; lineColor?: string },
): void {
  const { width, height } = options;
  const sx = width / (n - 1);
  const sy = height / (n - 1);
  for (const band of bands) {
    context.beginPath();
    for (const polygon of band.coordinates) {
      for (const ring of polygon) {
        ring.forEach(([col, row], i) => {
          const px = (col - 0.5) * sx;
          const py = height - (row - 0.5) * sy;
          if (i === 0) context.moveTo(px, py);
          else context.lineTo(px, py);
        });
        context.closePath();
      }
    }
    context.fillStyle = band.color;
    context.fill();
    if (options.lineColor) {
      context.strokeStyle = options.lineColor;
      context.lineWidth = 0.5;
      context.stroke();
    }
  }
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
  fillContourBands(context, contourBands(grid, options.bands ?? 20), grid.n, options);
}
