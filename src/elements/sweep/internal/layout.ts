import { scaleLinear, scaleLog, scaleSequentialLog } from 'd3-scale';
import { thin, type Margin } from '../../shared/plot/axes.js';
import { costRamp } from '../../shared/plot/contours.js';
import type { Landscape } from '../../../core/index.js';
import { axisValues, type SweepAxis } from './axes.js';
import type { SweepCell } from './model.js';

export const MARGIN_1D: Margin = { top: 30, right: 16, bottom: 42, left: 62 };
export const MARGIN_2D: Margin = { top: 18, right: 16, bottom: 42, left: 52 };

type Scale = ((value: number) => number) & {
  ticks(count?: number): number[];
  domain(): number[];
  range(): number[];
  invert(value: number): number;
};

/**
 * The scale of a swept axis over `pixels`. Every cell gets the same width: the domain
 * runs half a cell past the first and last values (in log units on a log axis), so a
 * cell's value sits in the middle of its band.
 */
export function cellScale(axis: SweepAxis, [lo, hi]: [number, number], cells: number, pixels: [number, number]): Scale {
  if (axis.scale === 'batch' || axis.scale === 'rule') return bandScale(axisValues(axis, [lo, hi], cells), pixels);
  if (axis.scale === 'log') {
    const half = Math.pow(hi / lo, 1 / (2 * (cells - 1)));
    return scaleLog()
      .domain([lo / half, hi * half])
      .range(pixels);
  }
  const half = (hi - lo) / (2 * (cells - 1));
  return scaleLinear()
    .domain([lo - half, hi + half])
    .range(pixels);
}

/**
 * Rows of listed values (the batch sizes), each in the middle of an equal band; its
 * ticks are the values: every one where each row has room for its label (16 px), else
 * as many as fit, spread evenly, the first and the last (the full batch) always among them.
 */
function bandScale(values: number[], [p0, p1]: [number, number]): Scale {
  const band = (p1 - p0) / values.length;
  const scale = (value: number) => {
    const index = values.indexOf(value);
    return index < 0 ? NaN : p0 + (index + 0.5) * band;
  };
  return Object.assign(scale, {
    /** Every row's value where each has room; the figure draws these unthinned. */
    ticks: () => {
      const count = Math.min(values.length, Math.max(2, Math.floor(Math.abs(p1 - p0) / 16)));
      return Array.from({ length: count }, (_, i) => values[Math.round((i * (values.length - 1)) / Math.max(1, count - 1))]);
    },
    domain: () => [values[0], values[values.length - 1]],
    range: () => [p0, p1],
    invert: (pixel: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor((pixel - p0) / band)))],
  });
}

/** The cell index under a pixel offset into a band of `length` pixels split in `cells` equal parts. */
export function cellAt(offset: number, length: number, cells: number): number | undefined {
  const index = Math.floor((offset / length) * cells);
  return index >= 0 && index < cells ? index : undefined;
}

/**
 * What the plot shows for a cost: J − J*, J* the landscape's published global minimum
 * (0 for most landscapes), so a log axis reads as the distance to the best value. A
 * landscape without a minimum (the saddle) is measured from the lowest final cost.
 */
export function costReference(landscape: Landscape, cells: readonly SweepCell[]): number {
  const global = landscape.minima.filter((m) => m.global !== false && m.kind !== 'saddle').map((m) => m.value);
  if (global.length) return Math.min(...global);
  const finite = cells.filter((c) => c.status !== 'diverged' && Number.isFinite(c.cost)).map((c) => c.cost);
  return finite.length ? Math.min(...finite) : 0;
}

/** The plotted values (J − J*) of the cells that did not diverge, with the log domain they span. */
export interface CostView {
  reference: number;
  /** J − J* per cell, floored at `domain[0]`; NaN for a diverged cell. */
  gaps: number[];
  domain: [number, number];
}

/**
 * Gaps below the smallest positive one (0 at an exact minimum, or float32 rounding
 * under J*) are drawn at the floor of the domain, so nothing is lost off a log axis.
 * A `minimum` known in closed form (the line fit's least-squares MSE) is J*.
 */
export function costView(landscape: Landscape, cells: readonly SweepCell[], minimum?: number): CostView {
  const reference = minimum ?? costReference(landscape, cells);
  const raw = cells.map((c) => (c.status === 'diverged' || !Number.isFinite(c.cost) ? NaN : c.cost - reference));
  const positive = raw.filter((v) => v > 0);
  let low = positive.length ? Math.min(...positive) : 1e-6;
  let high = positive.length ? Math.max(...positive) : 1;
  if (!(high > low)) {
    low = low / 10;
    high = high * 10;
  }
  const gaps = raw.map((v) => (Number.isNaN(v) ? NaN : Math.max(v, low)));
  return { reference, gaps, domain: [low, high] };
}

/** The log-scaled y axis of the 1-D plot. */
export function costScale(view: CostView, pixels: [number, number]): Scale {
  return scaleLog().domain(view.domain).range(pixels).nice();
}

/** The heat map's colour for a gap, log-scaled over the view's domain: lighter = lower, as on the maps. */
export function colorScale(view: CostView): (gap: number) => string {
  return scaleSequentialLog(costRamp).domain(view.domain);
}

/** Legend ticks on a log colour scale: a few round values inside the domain. */
export function legendTicks(view: CostView): number[] {
  return thin(scaleLog().domain(view.domain).ticks(4), 6);
}

/** Evenly spaced colour stops for the legend bar (left = low cost). */
export function legendStops(view: CostView, count = 11): { offset: number; color: string }[] {
  const color = colorScale(view);
  const [lo, hi] = view.domain;
  return Array.from({ length: count }, (_, i) => {
    const t = i / (count - 1);
    return { offset: t, color: color(lo * Math.pow(hi / lo, t)) };
  });
}
