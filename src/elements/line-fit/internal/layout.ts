import { scaleLinear, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import type { AxisScale, Margin } from '../../shared/plot/axes.js';
import { clampToDomain, type Domain2D } from '../../shared/plot/drag.js';
import { costScales, type Series } from '../../shared/plot/series.js';
import type { Vec2 } from '../../../core/index.js';
import type { LineFitHistoryEntry } from './trainer.js';

/*
 * Geometry of the three views, as plain functions of plain values (no element, no DOM):
 * the element, its templates and its painter all size and scale from here, so the SVG
 * overlays and the canvases under them always agree.
 */

export const MARGIN: Margin = { top: 10, right: 12, bottom: 42, left: 48 };

export interface ViewSize {
  /** one view's width and height, margins included */
  column: number;
  height: number;
  /** the plotting area inside the margins */
  innerW: number;
  innerH: number;
  /** views side by side (1: stacked) */
  columns: number;
}

/**
 * The views side by side from 720 px on (as many columns as views `hide` leaves),
 * stacked below that; each view a little shorter than wide, within 220 … 340 px.
 */
export function viewSize(hostWidth: number, visibleViews: number): ViewSize {
  const width = Math.max(240, hostWidth);
  const columns = width >= 720 ? Math.max(1, visibleViews) : 1;
  const gap = 16;
  const column = Math.floor((width - (columns - 1) * gap) / columns);
  const height = Math.round(Math.min(Math.max(((width - (columns - 1) * gap) / columns) * 0.9, 220), 340));
  return { column, height, innerW: column - MARGIN.left - MARGIN.right, innerH: height - MARGIN.top - MARGIN.bottom, columns };
}

/** The scatter plot's scales: the data's extent, rounded to nice ticks. */
export function dataScales(extent: { xRange: Vec2; yRange: Vec2 }, innerW: number, innerH: number) {
  return {
    x: scaleLinear().domain(extent.xRange).range([0, innerW]).nice(),
    y: scaleLinear().domain(extent.yRange).range([innerH, 0]).nice(),
  };
}

/**
 * The (w, b) window: centred on the truth, wide enough (at least ±4) for the
 * least-squares point and for `init`, the start the window is fitted to.
 */
export function landscapeDomain(truth: Vec2, init: Vec2, solution: { w: number; b: number }): Domain2D {
  const span = (center: number, ...points: number[]): Vec2 => {
    let half = 4;
    for (const p of points) if (Number.isFinite(p)) half = Math.max(half, Math.abs(p - center) * 1.15);
    return [center - half, center + half];
  };
  return { x: span(truth[0], init[0], solution.w), y: span(truth[1], init[1], solution.b) };
}

/** The landscape's scales: w to the right, b upwards. */
export function landscapeScales(
  domain: Domain2D,
  innerW: number,
  innerH: number,
): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
  return {
    x: scaleLinear().domain(domain.x).range([0, innerW]),
    y: scaleLinear().domain(domain.y).range([innerH, 0]),
  };
}

/** The cost curves of a run: the training cost, and the test cost when there is a test set. */
export function chartSeries(history: readonly LineFitHistoryEntry[], hasTest: boolean, colors: { train: string; test: string }): Series[] {
  const series: Series[] = [{ values: Float64Array.from(history, (entry) => entry.cost), color: colors.train }];
  if (hasTest) series.push({ values: Float64Array.from(history, (entry) => entry.testCost ?? NaN), color: colors.test, dash: [5, 4] });
  return series;
}

/**
 * The cost chart's scales: iterations (at least 20) on x, the cost on a log axis that
 * also reaches the least-squares floor, so the gap left to close is always in view.
 */
export function chartScales(series: readonly Series[], floor: number, innerW: number, innerH: number) {
  const { x, y } = costScales([...series, { values: [floor], color: '' }], innerW, innerH, 20);
  return { x, y: withLogTicks(y) };
}

/**
 * A log scale whose ticks are 1-2-5 steps per decade over short ranges and whole decades
 * over long ones, so labels read 0.2, 0.5, 1, 2, 5 … rather than every mantissa.
 */
export function withLogTicks(scale: ScaleLogarithmic<number, number>): AxisScale {
  const mapped = ((value: number) => scale(value)) as AxisScale;
  mapped.domain = () => scale.domain();
  mapped.range = () => scale.range();
  mapped.ticks = () => {
    const [lo, hi] = scale.domain();
    const first = Math.floor(Math.log10(lo));
    const last = Math.ceil(Math.log10(hi));
    const decades = last - first;
    const mantissas = decades <= 2 ? [1, 2, 5] : [1];
    const stride = Math.max(1, Math.ceil(decades / 5));
    const ticks: number[] = [];
    for (let e = first; e <= last; e += decades <= 2 ? 1 : stride) {
      for (const m of mantissas) {
        const value = Number((m * 10 ** e).toPrecision(3));
        if (value >= lo * (1 - 1e-9) && value <= hi * (1 + 1e-9)) ticks.push(value);
      }
    }
    return ticks;
  };
  return mapped;
}

/** A pixel coordinate kept within ten plot sizes of the plot: a steep line stays a line to SVG. */
export function clampPx(value: number, extent: number): number {
  return Math.max(-10 * extent, Math.min(11 * extent, value));
}

/** The trajectory as an SVG path in plot pixels, thinned to at most `budget` vertices (the last point always kept). */
export function trajectoryPath(
  history: readonly LineFitHistoryEntry[],
  x: (v: number) => number,
  y: (v: number) => number,
  domain: Domain2D,
  budget: number,
): string {
  if (history.length < 2) return '';
  const stride = Math.max(1, Math.ceil(history.length / budget));
  let d = '';
  for (let i = 0; i < history.length; i += stride) {
    const entry = history[i];
    if (!Number.isFinite(entry.w) || !Number.isFinite(entry.b)) break;
    const [w, b] = clampToDomain([entry.w, entry.b], domain);
    d += `${d ? 'L' : 'M'}${x(w).toFixed(1)},${y(b).toFixed(1)}`;
  }
  const last = history[history.length - 1];
  if ((history.length - 1) % stride !== 0 && Number.isFinite(last.w) && Number.isFinite(last.b)) {
    const [w, b] = clampToDomain([last.w, last.b], domain);
    d += `L${x(w).toFixed(1)},${y(b).toFixed(1)}`;
  }
  return d;
}
