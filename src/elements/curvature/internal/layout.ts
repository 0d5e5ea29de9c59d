import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { Margin } from '../../shared/plot/axes.js';
import { clamp } from '../../shared/plot/drag.js';

export const MARGIN: Margin = { top: 18, right: 14, bottom: 42, left: 52 };

/** Plot height for a content width; keep in step with `.plot` in the styles (46cqi). */
export const plotHeight = (width: number) => clamp(width * 0.46, 220, 340);

/** The plot's geometry for one width: sizes, scales and pixel functions that never return huge values. */
export interface PlotLayout {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** w and J to pixels inside the plot area; far-off values are pinned just outside it, so nothing huge reaches the SVG. */
  px: (w: number) => number;
  py: (j: number) => number;
}

/** The layout for a content width (at least 240 px) showing `domain` × `costRange`. */
export function plotLayout(contentWidth: number, domain: [number, number], costRange: [number, number]): PlotLayout {
  const width = Math.max(contentWidth, 240);
  const height = plotHeight(width);
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scaleLinear().domain(domain).range([0, innerWidth]);
  const y = scaleLinear().domain(costRange).range([innerHeight, 0]);
  return {
    width,
    height,
    innerWidth,
    innerHeight,
    x,
    y,
    px: (w) => clamp(x(w), -innerWidth, 2 * innerWidth),
    py: (j) => clamp(y(j), -innerHeight, 2 * innerHeight),
  };
}

/**
 * The w under a pointer at `clientX` on `svgElement`, drawn with `layout`. Through the
 * SVG's own screen matrix, so it holds while the drawn viewBox and the laid-out box
 * differ in shape (a resize not yet re-rendered letterboxes the drawing).
 */
export function wAtClientX(layout: PlotLayout, svgElement: SVGSVGElement, clientX: number): number {
  const matrix = svgElement.getScreenCTM();
  const viewBoxX = matrix
    ? new DOMPoint(clientX, 0).matrixTransform(matrix.inverse()).x
    : ((clientX - svgElement.getBoundingClientRect().left) * layout.width) / Math.max(svgElement.getBoundingClientRect().width, 1);
  return layout.x.invert(viewBoxX - MARGIN.left);
}

/** An SVG path through the points, skipping any that are not finite. */
export function pathOf(ws: ArrayLike<number>, js: ArrayLike<number>, px: (w: number) => number, py: (j: number) => number): string {
  let d = '';
  for (let i = 0; i < ws.length; i++) {
    const x = px(ws[i]);
    const y = py(js[i]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    d += `${d ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  return d;
}

export function clampPoint(x: number, y: number, width: number, height: number): [number, number] {
  return [clamp(x, 0, width), clamp(y, 0, height)];
}

/** A small triangle at the plot's edge pointing to where the point went. */
export function offPlotMarker([x, y]: [number, number], width: number, height: number): string {
  if (x <= 0) return `M0,${y} l9,-6 v12 z`;
  if (x >= width) return `M${width},${y} l-9,-6 v12 z`;
  if (y <= 0) return `M${x},0 l-6,9 h12 z`;
  return `M${x},${height} l-6,-9 h12 z`;
}

/** The arrowhead at the end of a segment, or undefined when the segment is too short to carry one. */
export function arrowheadPath(x0: number, y0: number, x1: number, y1: number): string | undefined {
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (length < 12) return undefined;
  const ux = (x1 - x0) / length;
  const uy = (y1 - y0) / length;
  const size = 8;
  const bx = x1 - ux * size;
  const by = y1 - uy * size;
  return `M${x1},${y1} L${bx - uy * size * 0.5},${by + ux * size * 0.5} L${bx + uy * size * 0.5},${by - ux * size * 0.5} Z`;
}

/**
 * Where a key moves the start: arrows by 1% of the plot (10% with Shift), Page keys by
 * 10%, Home/End to the edges; undefined for other keys. Never past the plot's edges.
 */
export function keyTarget(event: KeyboardEvent, init: number, [left, right]: [number, number]): number | undefined {
  const nudge = (right - left) * (event.shiftKey ? 0.1 : 0.01);
  const moves: Record<string, number> = {
    ArrowRight: init + nudge,
    ArrowUp: init + nudge,
    ArrowLeft: init - nudge,
    ArrowDown: init - nudge,
    PageUp: init + (right - left) * 0.1,
    PageDown: init - (right - left) * 0.1,
    Home: left,
    End: right,
  };
  return event.key in moves ? clamp(moves[event.key], left, right) : undefined;
}

/**
 * The segment from (w0, j0) to (w1, j1) in pixels, cut to a box around the plot area
 * (one plot size beyond each edge) so its slope survives: pinning each end on its own,
 * as `px`/`py` do for points, would tilt a steep tangent. Undefined when it misses the box.
 */
export function clippedSegment(
  { x, y, innerWidth, innerHeight }: PlotLayout,
  w0: number,
  j0: number,
  w1: number,
  j1: number,
): [number, number, number, number] | undefined {
  const [x0, y0, x1, y1] = [x(w0), y(j0), x(w1), y(j1)];
  if (![x0, y0, x1, y1].every(Number.isFinite)) return undefined;
  let [t0, t1] = [0, 1];
  const [dx, dy] = [x1 - x0, y1 - y0];
  // Liang–Barsky: each edge of the box narrows the parameter range [t0, t1].
  const edges: [number, number][] = [
    [-dx, x0 + innerWidth],
    [dx, 2 * innerWidth - x0],
    [-dy, y0 + innerHeight],
    [dy, 2 * innerHeight - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return undefined;
    } else if (p < 0) t0 = Math.max(t0, q / p);
    else t1 = Math.min(t1, q / p);
  }
  if (t0 > t1) return undefined;
  return [x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy];
}
