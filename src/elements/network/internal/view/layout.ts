/** The network's geometry: figure sizes from the host's width, margins, and the charts' scales. */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { Margin } from '../../../shared/plot/axes.js';
import { costScales } from '../../../shared/plot/series.js';

export const CHART_MARGIN: Margin = { top: 8, right: 12, bottom: 38, left: 48 };
export const SLICE_MARGIN: Margin = { top: 8, right: 12, bottom: 40, left: 48 };

/** Gap between figures (px), as the styles set it (0.9rem at 15 px). */
const GAP = 14;

export interface NetworkGeometry {
  /** figures two by two */
  wide: boolean;
  /** one figure's width */
  column: number;
  /** a decision map's side and how many per row */
  map: number;
  mapColumns: number;
  /** one cost chart (train or test), outer size */
  chart: { width: number; height: number };
  /** the landscape slice, outer size (square inner area) */
  slice: { width: number; height: number };
  /** the 1-D slice chart, outer size */
  line: { width: number; height: number };
}

/** Every view's size for a host `hostWidth` wide, with `racers` racers and test data or not. */
export function geometry(hostWidth: number, racers: number, test: boolean): NetworkGeometry {
  const width = Math.max(260, Math.floor(hostWidth || 720));
  const wide = width >= 760;
  const column = wide ? Math.floor((width - GAP) / 2) : width;
  const mapColumns = racers > 1 ? 2 : 1;
  const map = Math.max(100, Math.min(260, Math.floor((column - (mapColumns - 1) * 10) / mapColumns)));
  // The two cost charts side by side where each gets 240 px, else one above the other.
  const sideBySide = test && column >= 500;
  const chart = { width: sideBySide ? Math.floor((column - 10) / 2) : column, height: 180 };
  const sliceWidth = Math.min(column, 460);
  const inner = sliceWidth - SLICE_MARGIN.left - SLICE_MARGIN.right;
  return {
    wide,
    column,
    map,
    mapColumns,
    chart,
    slice: { width: sliceWidth, height: inner + SLICE_MARGIN.top + SLICE_MARGIN.bottom },
    line: { width: column, height: 200 },
  };
}

/** The inner drawing area of an outer size with a margin. */
export function innerSize(outer: { width: number; height: number }, margin: Margin): { width: number; height: number } {
  return { width: Math.max(10, outer.width - margin.left - margin.right), height: Math.max(10, outer.height - margin.top - margin.bottom) };
}

export type LinearScale = ReturnType<typeof scaleLinear<number>>;
export type LogScale = ReturnType<typeof scaleLog<number>>;

/**
 * The cost charts' scales: x the updates (or epochs: updates / `perEpoch`) of the longest
 * history, y one log scale for every series of both charts, so training and test costs
 * read against each other.
 */
export function costChartScales(
  series: ArrayLike<number>[],
  inner: { width: number; height: number },
  perEpoch: number | undefined,
): { x: LinearScale; y: LogScale } {
  const scales = costScales(
    series.map((values) => ({ values, color: '' })),
    inner.width,
    inner.height,
  );
  const updates = scales.x.domain()[1];
  return {
    x: perEpoch
      ? scaleLinear()
          .domain([0, updates / perEpoch])
          .range([0, inner.width])
      : scales.x,
    y: scales.y,
  };
}
