/** The race's geometry: the plot's and chart's margins and sizes, the plot's scales and the pointer on it. */
import { scaleLinear } from 'd3-scale';
import type { Landscape } from '../../../../core/index.js';
import type { Margin } from '../../../shared/plot/axes.js';
import { clientToPlot } from '../../../shared/plot/drag.js';

export const PLOT_MARGIN: Margin = { top: 8, right: 12, bottom: 42, left: 46 };
export const CHART_MARGIN: Margin = { top: 8, right: 12, bottom: 40, left: 50 };

export type LinearScale = ReturnType<typeof scaleLinear<number>>;

export interface PlotScales {
  x: LinearScale;
  y: LinearScale;
  innerWidth: number;
  innerHeight: number;
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

/** A four-pointed star (a minimum's mark). */
export function minimumPath(x: number, y: number, r: number): string {
  const i = r * 0.38;
  return `M${x},${y - r}L${x + i},${y - i}L${x + r},${y}L${x + i},${y + i}L${x},${y + r}L${x - i},${y + i}L${x - r},${y}L${x - i},${y - i}Z`;
}
