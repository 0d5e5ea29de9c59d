/**
 * The cost-per-step chart: the reference J* it measures from, its scales for the race as
 * it is (the preview's costs before the race starts), and its frame and caption (the
 * canvas inside is painted by the painter).
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { scaleLinear, scaleLog } from 'd3-scale';
import type { Landscape } from '../../../../core/index.js';
import { formatLogTick, type Format } from '../../../shared/format.js';
import { renderAxes } from '../../../shared/plot/axes.js';
import { cssomStyle } from '../../../shared/cssom-style.js';
import { tex } from '../../../shared/tex.js';
import { GAP_TEX } from '../../formulas.js';
import { landscapeGrid } from '../landscape/landscape-cache.js';
import { CHART_MARGIN, chartSize, type LinearScale } from './layout.js';
import type { RaceModel } from '../run/race-model.js';
import { PREVIEW_STEPS } from '../settings.js';
import type { FinishLine } from '../run/finish.js';
import { seriesStyle } from '../../../shared/plot/series-style.js';

export type LogScale = ReturnType<typeof scaleLog<number>>;

export interface ChartScales {
  x: LinearScale;
  y: LogScale;
  width: number;
  height: number;
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

/** The preview's costs while they stand for the race (before it starts, and while the start is dragged). */
export function previewCosts(model: RaceModel, dragging: boolean): number[][] | undefined {
  return model.preview && (model.iteration === 0 || dragging) ? model.preview.costs : undefined;
}

/** The cost chart's scales for the race as it is (the preview's costs before it starts). */
export function raceChartScales(model: RaceModel, hostWidth: number, dragging: boolean): ChartScales {
  const costs = previewCosts(model, dragging);
  const series = model.entries.flatMap((entry, i) => {
    const particle = model.particles[i];
    return entry.disabled || !particle ? [] : [costs?.[i] ?? particle.costs];
  });
  const { landscape } = model.settings;
  return chartScales(landscape, chartSize(landscape, hostWidth, model.entries.length), series);
}

/** The finish line across the chart and where each optimizer crossed it (a ring in its colour). */
function finishMarks(scales: ChartScales, finish: ChartFinish, format: Format) {
  const { line } = finish;
  if (line.kind !== 'minimum') return nothing;
  const [low, high] = scales.y.domain();
  if (!(line.tolerance >= low && line.tolerance <= high)) return nothing;
  const level = scales.y(line.tolerance);
  const label = `${line.reference === 0 ? 'J' : 'J − J*'} = ${formatLogTick(line.tolerance, (v) => format(v))}`;
  return svg`<g class="finish-line" transform="translate(${CHART_MARGIN.left},${CHART_MARGIN.top})">
    <line x1="0" x2=${scales.width} y1=${level} y2=${level}></line>
    <text x="4" y=${level - 4}>${label}</text>
    ${finish.finishes
      .filter((f) => f.step <= scales.x.domain()[1])
      .map(
        (f) =>
          svg`<circle class="finish-mark" data-index=${f.index} style=${cssomStyle({ color: seriesStyle(f.index).color })} cx=${scales.x(f.step)} cy=${level} r="4"></circle>`,
      )}
  </g>`;
}

/** The finish line and who crossed it when, for the chart. */
export interface ChartFinish {
  line: FinishLine;
  finishes: { index: number; step: number }[];
}

/** The cost-per-step chart's frame (its canvas is painted separately) and caption. */
export function renderChart(
  landscape: Landscape,
  scales: ChartScales,
  outer: { width: number; height: number },
  previewing: boolean,
  format: Format,
  finish: ChartFinish = { line: { kind: 'none' }, finishes: [] },
): TemplateResult {
  const { x, y, width, height } = scales;
  const { epsilon, published } = gapReference(landscape);
  return html`<figure class="chart" part="chart">
    <div class="plot" style=${cssomStyle({ width: outer.width, height: outer.height })}>
      <canvas class="costs" style=${cssomStyle({ left: CHART_MARGIN.left, top: CHART_MARGIN.top, width, height })}></canvas>
      <svg width=${outer.width} height=${outer.height} role="img" aria-label="Cost per step, log scale">
        ${renderAxes({
          x,
          y,
          margin: CHART_MARGIN,
          xLabel: 'step',
          yLabel: 'J − J* (log)',
          format: (v) => (v === x.domain()[0] || x.ticks().includes(v) ? format(v) : formatLogTick(v, format)),
          yTickCount: 4,
          grid: true,
        })}
        ${finishMarks(scales, finish, format)}
      </svg>
    </div>
    <figcaption class="caption">
      ${previewing ? 'Cost per step over the next 100 steps (a preview until the race starts):' : 'Cost per step:'} ${tex(GAP_TEX)}, where
      J* is
      ${
        published
          ? html`${landscape.minima.some((m) => m.found) ? 'the lowest minimum found' : 'the published global minimum'} and ε =
            ${format(epsilon)} keeps a reached minimum on the log axis.`
          : html`the lowest value on the plotted area (this surface has no minimum; lower values are left off) and ε = ${format(epsilon)}.`
      }
      ${
        finish.line.kind === 'minimum'
          ? html`The dashed line is the finish, ${finish.line.reference === 0 ? 'J' : 'J − J*'} =
            ${formatLogTick(finish.line.tolerance, (v) => format(v))}: a ring marks the step where each optimizer first gets below it.`
          : nothing
      }
    </figcaption>
  </figure>`;
}
