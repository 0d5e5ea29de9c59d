import { scaleLinear, scaleLog } from 'd3-scale';
import type { Landscape } from '../../../core/index.js';
import type { Margin } from '../../shared/plot/axes.js';
import { clientToPlot } from '../../shared/plot/drag.js';
import { landscapeData, type LandscapeData } from './landscape-cache.js';
import { provisionalData } from './custom-landscape.js';

/** The contour map's grid (n×n samples) and its number of filled bands. */
export const GRID_SIZE = 256;
export const BAND_COUNT = 22;
/** Steps of every optimizer the preview shows from the start. */
export const PREVIEW_STEPS = 100;
/** The most seeded starts per optimizer a swarm may have. */
export const MAX_SWARM = 10_000;
/** Updates a swarm (and a basin map) makes before its tally is final. */
export const SWARM_STEPS = 500;
/**
 * Rows per batched part of a swarm or a basin map on the cpu backend, where an update's
 * cost grows with its rows. With the core's fused kernel an update of 8,192 rows takes
 * about 1 ms here (4,000 rows took ~20 ms as tfjs ops), so a swarm of 4 × 1,000 or a
 * basin map is one part, and the largest swarm (7 × 10,000) steps in parts of about a
 * millisecond each, so no task holds a frame.
 */
export const PART_ROWS = 8192;
export const PLOT_MARGIN: Margin = { top: 8, right: 12, bottom: 42, left: 46 };
export const CHART_MARGIN: Margin = { top: 8, right: 12, bottom: 40, left: 50 };

export type LinearScale = ReturnType<typeof scaleLinear<number>>;
export type LogScale = ReturnType<typeof scaleLog<number>>;

export interface PlotScales {
  x: LinearScale;
  y: LinearScale;
  innerWidth: number;
  innerHeight: number;
}

export interface ChartScales {
  x: LinearScale;
  y: LogScale;
  width: number;
  height: number;
}

export function landscapeGrid(landscape: Landscape): LandscapeData {
  // An author's formula shows a coarse map until its full grid is made in slices.
  return provisionalData(landscape, GRID_SIZE, BAND_COUNT) ?? landscapeData(landscape, GRID_SIZE, BAND_COUNT);
}

/** Plot and chart side by side from this host width. */
export function isWide(hostWidth: number): boolean {
  return hostWidth >= 720;
}

/** The contour plot's outer width for a host this wide. */
export function plotWidth(hostWidth: number): number {
  const width = Math.max(240, hostWidth || 600);
  return Math.min(576, isWide(hostWidth) ? Math.floor(width * 0.56) : width);
}

/** The plot's scales for an outer width (the height follows the landscape's aspect). */
export function plotScales(landscape: Landscape, outerWidth: number): PlotScales {
  const [a, b] = landscape.domain.w1;
  const [c, d] = landscape.domain.w2;
  const innerWidth = outerWidth - PLOT_MARGIN.left - PLOT_MARGIN.right;
  // Equal units on both axes, so the gradient is drawn perpendicular to the contours.
  const innerHeight = Math.round(Math.min(innerWidth * 1.25, (innerWidth * (d - c)) / (b - a)));
  return {
    x: scaleLinear().domain([a, b]).range([0, innerWidth]),
    y: scaleLinear().domain([c, d]).range([innerHeight, 0]),
    innerWidth,
    innerHeight,
  };
}

/** Client coordinates to (w1, w2), with the plot's scales at the svg's drawn width (see clientToPlot). */
export function clientToData(svg: SVGSVGElement, landscape: Landscape, clientX: number, clientY: number): [number, number] {
  return clientToPlot(svg, plotScales(landscape, svg.width.baseVal.value), PLOT_MARGIN, clientX, clientY);
}

/** The cost chart's outer size, beside the plot (wide) or below it. */
export function chartSize(landscape: Landscape, hostWidth: number, optimizers: number): { width: number; height: number } {
  const total = Math.max(240, hostWidth || 600);
  if (!isWide(hostWidth)) return { width: total, height: 200 };
  // Beside the plot: fill the height the legend and the caption leave.
  const outer = plotWidth(hostWidth);
  const plotHeight = plotScales(landscape, outer).innerHeight + PLOT_MARGIN.top + PLOT_MARGIN.bottom;
  const legendHeight = 36 * optimizers + 12;
  return { width: total - outer - 24, height: Math.max(200, Math.min(340, plotHeight - legendHeight - 60)) };
}

/** The reference J* the chart measures from, and the ε that keeps log(0) off it. */
export function gapReference(landscape: Landscape): { reference: number; epsilon: number; published: boolean } {
  const minima = landscape.minima.filter((m) => m.kind !== 'saddle');
  if (minima.length) {
    const reference = Math.min(...minima.map((m) => m.value));
    return { reference, epsilon: 1e-6 * Math.max(1, Math.abs(reference)), published: true };
  }
  const { grid } = landscapeGrid(landscape);
  return { reference: grid.min, epsilon: 1e-6 * Math.max(1, Math.abs(grid.min)), published: false };
}

/**
 * What the chart plots for a cost. Below a published minimum nothing can go (float32
 * noise aside, clamped to 0); on a surface without one, values below the reference
 * are left off rather than drawn as if a minimum had been reached.
 */
export function gapTransform(landscape: Landscape): (cost: number) => number {
  const { reference, epsilon, published } = gapReference(landscape);
  return published ? (cost) => Math.max(cost - reference, 0) + epsilon : (cost) => (cost > reference ? cost - reference + epsilon : NaN);
}

/** The chart's scales for these cost series (the switched-off ones left out). */
export function chartScales(landscape: Landscape, size: { width: number; height: number }, series: readonly number[][]): ChartScales {
  const innerWidth = size.width - CHART_MARGIN.left - CHART_MARGIN.right;
  const innerHeight = size.height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const { epsilon } = gapReference(landscape);
  const gap = gapTransform(landscape);
  let steps = PREVIEW_STEPS;
  let low = Infinity;
  let high = -Infinity;
  for (const costs of series) {
    steps = Math.max(steps, costs.length - 1);
    // The extremes sit near the start and near the end; a stride keeps this cheap.
    const stride = Math.max(1, Math.floor(costs.length / 400));
    for (let k = 0; k < costs.length; k += k < 50 ? 1 : stride) {
      const value = gap(costs[k]);
      if (Number.isFinite(value)) {
        if (value < low) low = value;
        if (value > high) high = value;
      }
    }
    const lastValue = gap(costs[costs.length - 1]);
    if (Number.isFinite(lastValue)) low = Math.min(low, lastValue);
  }
  if (!(low < high)) {
    low = Number.isFinite(low) ? low / 10 : epsilon;
    high = Number.isFinite(high) ? high * 10 : 1;
  }
  return {
    x: scaleLinear().domain([0, steps]).range([0, innerWidth]),
    y: scaleLog().domain([low, high]).range([innerHeight, 0]).nice(),
    width: innerWidth,
    height: innerHeight,
  };
}

/** A four-pointed star (a minimum's mark). */
export function minimumPath(x: number, y: number, r: number): string {
  const i = r * 0.38;
  return `M${x},${y - r}L${x + i},${y - i}L${x + r},${y}L${x + i},${y + i}L${x},${y + r}L${x - i},${y + i}L${x - r},${y}L${x - i},${y - i}Z`;
}
