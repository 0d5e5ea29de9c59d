import {
  leastSquares,
  lineCostGrid,
  lineMseAt,
  lineQuadratic,
  lineStats,
  makeLineData,
  type LineQuadratic,
  type LineStats,
  type Vec2,
} from '../../../core/index.js';
import { contourPlan, type ContourPlan } from '../../shared/plot/contours.js';

/** Filled bands of the drawn landscape (and stops of its colour legend). */
export const CONTOUR_BANDS = 16;

/**
 * The cost landscape as drawn: `values` row-major n×n, row r at b = b₀ + r·(b₁ − b₀)/(n − 1)
 * (row 0 the lowest b), column c at w = w₀ + c·(w₁ − w₀)/(n − 1).
 */
export interface LineCostGrid {
  values: Float32Array;
  n: number;
  domain: { w: Vec2; b: Vec2 };
  min: number;
  max: number;
}

export interface LineDatasetOptions {
  size: number;
  noise: number;
  slope: number;
  intercept: number;
  seed: number;
  testFraction: number;
}

/**
 * One generated dataset and everything derived from its five sums: the least-squares
 * line, the training (and test) MSE at any (w, b) in float64, and the cost grid.
 * Nothing here touches every point more than the two passes of `lineStats`.
 */
export class LineDataset {
  readonly x: number[];
  readonly y: number[];
  readonly testX: number[];
  readonly testY: number[];
  readonly stats: LineStats;
  readonly solution: { w: number; b: number };
  /** ranges of x and y (training and test points, the truth line at the x ends) */
  readonly extent: { xRange: Vec2; yRange: Vec2 };
  private readonly quadratic: LineQuadratic;
  private readonly testQuadratic?: LineQuadratic;
  private lastGrid?: { key: string; grid: LineCostGrid; plan?: ContourPlan };

  constructor(options: LineDatasetOptions) {
    const data = makeLineData(options);
    this.x = data.x;
    this.y = data.y;
    this.testX = data.testX;
    this.testY = data.testY;
    this.stats = lineStats(this.x, this.y);
    this.solution = leastSquares(this.stats);
    this.quadratic = lineQuadratic(this.stats);
    if (this.testX.length > 0) this.testQuadratic = lineQuadratic(lineStats(this.testX, this.testY));
    this.extent = this.measure(options);
  }

  /** Training MSE (1/m)Σ(w·xᵢ + b − yᵢ)², in float64. */
  cost(w: number, b: number): number {
    return lineMseAt(this.quadratic, w, b);
  }

  /** Test MSE at (w, b); NaN without a test split. */
  testCost(w: number, b: number): number {
    return this.testQuadratic ? lineMseAt(this.testQuadratic, w, b) : NaN;
  }

  /**
   * J on an n×n grid over `w` × `b` (the core's sufficient-statistics grid). The last grid
   * is kept: the landscape is read by every paint and the painter, the template and the
   * `costGrid` property ask for the same window.
   */
  costGrid(n: number, w: Vec2, b: Vec2): LineCostGrid {
    const key = [n, w, b].join('|');
    if (this.lastGrid?.key !== key) this.lastGrid = { key, grid: lineCostGrid(this.stats, { n, w, b }) };
    return this.lastGrid.grid;
  }

  /**
   * The contour plan (levels, thresholds, colours) of that grid, made once per grid: the
   * painter fills its bands and the colour legend labels the same colours.
   */
  costPlan(n: number, w: Vec2, b: Vec2): ContourPlan {
    const grid = this.costGrid(n, w, b);
    return (this.lastGrid!.plan ??= contourPlan(grid, CONTOUR_BANDS));
  }

  private measure(options: LineDatasetOptions): { xRange: Vec2; yRange: Vec2 } {
    let xLo = Infinity;
    let xHi = -Infinity;
    let yLo = Infinity;
    let yHi = -Infinity;
    for (const [xs, ys] of [
      [this.x, this.y],
      [this.testX, this.testY],
    ]) {
      for (let i = 0; i < xs.length; i++) {
        if (xs[i] < xLo) xLo = xs[i];
        if (xs[i] > xHi) xHi = xs[i];
        if (ys[i] < yLo) yLo = ys[i];
        if (ys[i] > yHi) yHi = ys[i];
      }
    }
    for (const xEnd of [xLo, xHi]) {
      const yEnd = options.slope * xEnd + options.intercept;
      yLo = Math.min(yLo, yEnd);
      yHi = Math.max(yHi, yEnd);
    }
    if (!(xHi > xLo)) [xLo, xHi] = [xLo - 1, xLo + 1];
    if (!(yHi > yLo)) [yLo, yHi] = [yLo - 1, yLo + 1];
    return { xRange: [xLo, xHi], yRange: [yLo, yHi] };
  }
}
