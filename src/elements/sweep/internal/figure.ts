import { html, svg, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import { renderAxes, type Margin } from '../../shared/plot/axes.js';
import { formatLogTick } from '../../shared/format.js';
import { visibleTicks } from '../../shared/plot/color-legend.js';
import { getOptimizer } from '../../../core/index.js';
import { SWEEP_RULES, type SweepAxis } from './axes.js';
import type { SweepCell } from './model.js';
import { GOOD_SHARE, type GoodRange } from './good-ranges.js';
import { cellScale, costScale, legendStops, legendTicks, type CostView } from './layout.js';

/** Everything the figure draws: a plain snapshot, no element. */
export interface FigureSnapshot {
  width: number;
  height: number;
  margin: Margin;
  x: SweepAxis;
  xRange: [number, number];
  y?: SweepAxis;
  yRange?: [number, number];
  columns: number;
  rows: number;
  cells: readonly SweepCell[];
  view: CostView;
  /** 2/λ_max, where the stability edge is drawn. */
  edge?: number;
  /** The heat map's stability edge: the x value (α) where it lies at a y value (β). */
  edgeCurve?: (y: number) => number;
  active: { column: number; row: number };
  /** Whether the plot has focus (the active cell is outlined only then and after a click). */
  showActive: boolean;
  costLabel: string;
  /** m of the line-fit data, where the batch axis ends at the full batch. */
  dataSize?: number;
  /** With a row per optimizer: each row's good learning rates (outlined on the map, listed in the key). */
  goodRanges?: GoodRange[];
  /** What the cells ran for, in words ("200 steps", "2 epochs"), for the key. */
  work: string;
  format: (value: number) => string;
  /** A value written with enough digits to be right (2/λ_max = 0.9995, not 1). */
  formatExact: (value: number) => string;
}

/** The name of the optimizer in row place `value` of a rule axis. */
const ruleName = (value: number) => getOptimizer(SWEEP_RULES[value])?.name ?? '';

const inner = (f: FigureSnapshot) => ({
  width: f.width - f.margin.left - f.margin.right,
  height: f.height - f.margin.top - f.margin.bottom,
});

/** The y axis's words: the batch axis says what its top row is. */
function axisLabel(axis: SweepAxis, dataSize: number | undefined): string {
  // The rows name themselves.
  if (axis.scale === 'rule') return '';
  if (axis.scale !== 'batch') return `${axis.symbol} (${axis.scale} scale)`;
  return dataSize !== undefined ? `batch size (m = ${dataSize} is the full batch)` : 'batch size';
}

/**
 * The vertical mark at α = 2/λ_max, where plain gradient descent stops being stable on a
 * quadratic. Its label sits at `labelY`: inside the top of the 1-D plot, above the heat
 * map (in its margin) so it never lies on the hatched cells past the edge; it turns to
 * the left of the line where the right would run off the plot.
 */
function edgeMark(f: FigureSnapshot, x: (v: number) => number, height: number, labelY: number): SVGTemplateResult | typeof nothing {
  if (f.edge === undefined) return nothing;
  const position = x(f.edge);
  if (!(position >= 0 && position <= inner(f).width)) return nothing;
  const left = position > inner(f).width - 60;
  return svg`<g class="edge-mark" data-value=${f.edge}>
    <line x1=${position} x2=${position} y1=${Math.min(0, labelY + 3)} y2=${height}></line>
    <text x=${left ? position - 4 : position + 4} y=${labelY} text-anchor=${left ? 'end' : 'start'}>2/λ_max</text>
  </g>`;
}

/** 1-D: final cost (log) against the swept value (log or linear); diverged cells as marks along the top. */
export function renderLinePlot(f: FigureSnapshot): SVGTemplateResult {
  const { width: innerWidth, height: innerHeight } = inner(f);
  const x = cellScale(f.x, f.xRange, f.columns, [0, innerWidth]);
  const y = costScale(f.view, [innerHeight, 0]);
  const xOf = (cell: SweepCell) => x(cell.values[f.x.name] as number);
  let d = '';
  f.cells.forEach((cell, i) => {
    const gap = f.view.gaps[i];
    if (Number.isNaN(gap)) return;
    d += `${d ? 'L' : 'M'}${xOf(cell).toFixed(1)},${y(gap).toFixed(1)}`;
  });
  const activeIndex = f.active.column;
  const activeCell = f.cells[activeIndex];
  const activeGap = f.view.gaps[activeIndex];
  // Powers of ten on the cost axis as 10ⁿ: short labels that stay clear of the axis title however far a run diverged.
  return svg`${renderAxes({ x, y, margin: f.margin, xLabel: `${f.x.symbol} (${f.x.scale} scale)`, yLabel: f.costLabel, format: f.format, yFormat: (v) => formatLogTick(v, f.format), grid: true, xTickCount: Math.max(3, Math.floor(innerWidth / 90)), yTickCount: 5 })}
    <g transform="translate(${f.margin.left},${f.margin.top})">
      ${edgeMark(f, x, innerHeight, 12)}
      <path class="cost-line" d=${d}></path>
      ${f.cells.map((cell, i) =>
        Number.isNaN(f.view.gaps[i])
          ? svg`<path class="diverged-mark" d="M${xOf(cell) - 4},-18 l8,8 m0,-8 l-8,8"></path>`
          : svg`<circle class="cell-point" cx=${xOf(cell)} cy=${y(f.view.gaps[i])} r="3"></circle>`,
      )}
      ${f.cells.some((_, i) => Number.isNaN(f.view.gaps[i])) ? svg`<text class="diverged-label" x="-6" y="-10" text-anchor="end">diverged</text>` : nothing}
      ${
        f.showActive && activeCell
          ? svg`<circle class="active-cell" cx=${xOf(activeCell)} cy=${Number.isNaN(activeGap) ? -14 : y(activeGap)} r="7"></circle>`
          : nothing
      }
    </g>`;
}

/** The curve α_edge(β) across the heat map, sampled along y and cut to the plot. */
function edgeCurve(
  f: FigureSnapshot,
  x: (v: number) => number,
  y: (v: number) => number,
  width: number,
  height: number,
): SVGTemplateResult | typeof nothing {
  if (!f.edgeCurve || !f.yRange) return nothing;
  const [lo, hi] = f.yRange;
  let d = '';
  let label: [number, number] | undefined;
  for (let i = 0; i <= 80; i++) {
    const value = lo + ((hi - lo) * i) / 80;
    const px = x(f.edgeCurve(value));
    const py = y(value);
    if (!(Number.isFinite(px) && px >= 0 && px <= width && py >= 0 && py <= height)) continue;
    d += `${d ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
    label = [px, py];
  }
  if (!d || !label) return nothing;
  return svg`<g class="edge-curve"><path d=${d}></path><text x=${label[0] - 6} y=${Math.max(label[1], 12)} text-anchor="end">stability edge</text></g>`;
}

/** 2-D: the axes, the stability edge and the active cell's outline over the canvas heat map. */
export function renderHeatOverlay(f: FigureSnapshot): SVGTemplateResult {
  const { width: innerWidth, height: innerHeight } = inner(f);
  const x = cellScale(f.x, f.xRange, f.columns, [0, innerWidth]);
  const y = cellScale(f.y!, f.yRange!, f.rows, [innerHeight, 0]);
  const cellWidth = innerWidth / f.columns;
  const cellHeight = innerHeight / f.rows;
  // Rows of listed values (batch sizes, optimizers) label every row they have room for, unthinned.
  const band = f.y!.scale === 'batch' || f.y!.scale === 'rule';
  return svg`${renderAxes({
    x,
    y,
    margin: f.margin,
    xLabel: `${f.x.symbol} (${f.x.scale} scale)`,
    yLabel: axisLabel(f.y!, f.dataSize),
    format: f.format,
    xTickCount: Math.max(3, Math.floor(innerWidth / 90)),
    yTickCount: 5,
    ...(band ? { yTicks: y.ticks() } : {}),
    ...(f.y!.scale === 'rule' ? { yFormat: ruleName } : {}),
  })}
    <g transform="translate(${f.margin.left},${f.margin.top})">
      ${edgeMark(f, x, innerHeight, -6)} ${edgeCurve(f, x, y, innerWidth, innerHeight)}
      ${(f.goodRanges ?? []).map((range) =>
        range.first === undefined
          ? nothing
          : svg`<rect class="good-range" data-row=${range.row} x=${range.first * cellWidth + 1} y=${innerHeight - (range.row + 1) * cellHeight + 1} width=${(range.last! - range.first + 1) * cellWidth - 2} height=${cellHeight - 2}></rect>`,
      )}
      ${
        f.showActive
          ? svg`<rect class="active-cell" x=${f.active.column * cellWidth} y=${innerHeight - (f.active.row + 1) * cellHeight} width=${cellWidth} height=${cellHeight}></rect>`
          : nothing
      }
    </g>`;
}

/** The heat map's key: a log colour bar with numeric ticks in the cost's units, and the diverged hatch. */
export function renderColorLegend(f: FigureSnapshot): TemplateResult {
  const width = Math.max(160, Math.min(320, f.width - 140));
  const [lo, hi] = f.view.domain;
  const position = (v: number) => (width * Math.log(v / lo)) / Math.log(hi / lo);
  // Labels that would touch are dropped, and the end ones stay inside the bar.
  const ticks = visibleTicks(
    legendTicks(f.view)
      .filter((t) => t >= lo * 0.999 && t <= hi * 1.001)
      .map((t) => ({ cost: t, at: position(t) / width, text: f.format(t) })),
    width,
  );
  return html`<div class="legend" part="legend">
    <figure class="color-key">
      <figcaption>${f.costLabel} (log scale; lighter = lower, as on the maps)</figcaption>
      <svg
        viewBox="-8 0 ${width + 16} 34"
        width=${width + 16}
        height="34"
        role="img"
        aria-label=${`Colour scale from ${f.format(lo)} (lightest) to ${f.format(hi)} (darkest): lighter is lower`}
      >
        <defs>
          <linearGradient id="ramp">
            ${legendStops(f.view).map((stop) => svg`<stop offset=${stop.offset} stop-color=${stop.color}></stop>`)}
          </linearGradient>
        </defs>
        <rect class="ramp" x="0" y="0" width=${width} height="12" fill="url(#ramp)"></rect>
        ${ticks.map(
          (t) =>
            svg`<g class="tick" transform="translate(${position(t.cost)},12)"><line y2="4"></line><text y="15" text-anchor=${t.anchor}>${t.text}</text></g>`,
        )}
      </svg>
    </figure>
    <span class="diverged-key"
      ><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" class="hatch-ground"></rect>
            <line x1="0" y1="0" x2="0" y2="6" class="hatch-stripe"></line>
          </pattern>
        </defs>
        <rect width="16" height="16" fill="url(#hatch)"></rect></svg
      >diverged</span
    >
    ${
      f.edge !== undefined
        ? html`<span class="edge-key"
            ><span class="swatch edge-swatch"></span>2/λ_max = ${f.formatExact(f.edge)}: plain gradient descent's stability
            edge${f.dataSize !== undefined ? ' with the full batch' : ' at the start'}</span
          >`
        : nothing
    }
    ${
      f.edgeCurve
        ? html`<span class="edge-key"
            ><span class="swatch edge-swatch"></span>stability edge α = 2(1+β)/((1−β)λ_max), λ_max at the start</span
          >`
        : nothing
    }
    ${f.goodRanges ? renderGoodRanges(f, f.goodRanges) : nothing}
  </div>`;
}

/**
 * Each optimizer's good learning rates in words: from which α to which, and how many-fold
 * that is. "Good" is stated with its threshold, so the words and the outlines agree.
 */
function renderGoodRanges(f: FigureSnapshot, ranges: GoodRange[]): TemplateResult {
  const share = `${f.format(100 * GOOD_SHARE)} %`;
  return html`<div class="good-ranges">
    <p>
      <span class="swatch good-swatch"></span>Good learning rates: final J − J* below ${share} of the start's after ${f.work} (the widest
      run of neighbouring cells, outlined):
    </p>
    <ul>
      ${[...ranges]
        .reverse()
        .map(
          (range) =>
            html`<li data-row=${range.row} data-from=${range.from ?? ''} data-to=${range.to ?? ''}>
              <strong>${getOptimizer(range.type)?.name}</strong>:
              ${
                range.from === undefined
                  ? 'none'
                  : range.from === range.to
                    ? html`α = ${f.format(range.from)} only`
                    : html`α from ${f.format(range.from)} to ${f.format(range.to!)} (×${f.format(range.ratio!)})`
              }
            </li>`,
        )}
    </ul>
  </div>`;
}

/** The 1-D plot's key. */
export function renderLineLegend(f: FigureSnapshot): TemplateResult {
  return html`<ul class="legend" part="legend" aria-label="Legend">
    <li><span class="swatch point-swatch"></span>${f.costLabel} after the run, one point per cell</li>
    <li><span class="swatch diverged-swatch">×</span>diverged</li>
    ${f.edge !== undefined ? html`<li><span class="swatch edge-swatch"></span>2/λ_max = ${f.formatExact(f.edge)}: the stability edge at the start</li>` : nothing}
  </ul>`;
}
