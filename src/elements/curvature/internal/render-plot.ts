import type { Format } from '../../shared/format.js';
import { html, svg, nothing, type TemplateResult } from 'lit';
import { renderAxes } from '../../shared/plot/axes.js';
import { clamp } from '../../shared/plot/drag.js';
import {
  MARGIN,
  arrowheadPath,
  clampPoint,
  clippedSegment,
  offPlotMarker,
  pathOf,
  plotHeight,
  plotLayout,
  type PlotLayout,
} from './layout.js';
import type { Ghost, HistoryEntry } from './simulation.js';
import type { View } from './view.js';

/** Everything the plot shows, as plain data; the handlers are the element's. */
export interface PlotData {
  /** The host's content width. */
  width: number;
  /** Undefined until the run is built. */
  view?: View;
  /** The run's history: the start first, the current point last. */
  entries: readonly HistoryEntry[];
  minimum: number;
  init: number;
  diverged: boolean;
  /** The path before the last change of α, c or the cost, drawn faded. */
  ghost?: Ghost;
  format: Format;
  onHandlePointerDown: (event: PointerEvent) => void;
  onHandleKeydown: (event: KeyboardEvent) => void;
}

/** The most recent iterates drawn, so a run of 10⁵ steps draws as fast as one of 200. */
const TRAIL_LENGTH = 200;

/** The figure: cost curve, trail, tangent step with its error, the current point and the draggable start. */
export function renderPlot(data: PlotData): TemplateResult {
  const { view, entries, format } = data;
  if (!view) {
    // The same formula sizes .plot in CSS (46cqi), so the layout height never waits for
    // a measurement and a resize cannot feed back into the ResizeObserver.
    const width = Math.max(data.width, 240);
    return html`<div class="plot" part="plot" role="figure" aria-label="Loading the cost curve">
      <svg viewBox="0 0 ${width} ${plotHeight(width)}"></svg>
    </div>`;
  }
  const layout = plotLayout(data.width, view.domain, view.costRange);
  const { width, height, innerWidth, innerHeight, x, y, px, py } = layout;
  const current = entries[entries.length - 1];
  const { slope, next, nextCost } = view;
  const predicted = current.cost + slope * (next - current.w);
  const tip = clampPoint(px(current.w), py(current.cost), innerWidth, innerHeight);
  const offPlot = !(current.w >= view.domain[0] && current.w <= view.domain[1]) || py(current.cost) < 0;
  // A step so large that J there overflows float32 has no preview to draw.
  const showPreview =
    !data.diverged &&
    !offPlot &&
    [slope, next, nextCost, predicted].every(Number.isFinite) &&
    Math.abs(next - current.w) > 1e-12 * (view.domain[1] - view.domain[0]);
  const ariaLabel =
    `Cost curve J(w) with the current point w = ${format(current.w)}, J(w) = ${format(current.cost)}` +
    (showPreview
      ? `; the tangent step leads to w = ${format(next)}, where the tangent predicts ${format(predicted)} and the cost is ${format(nextCost)}.`
      : '.');
  return html`<div class="plot" part="plot" role="figure" aria-label=${ariaLabel}>
    <svg viewBox="0 0 ${width} ${height}">
      <defs>
        <clipPath id="plot-area"><rect width=${innerWidth} height=${innerHeight}></rect></clipPath>
      </defs>
      ${renderAxes({ x, y, margin: MARGIN, xLabel: 'w', yLabel: 'J(w)', format: (v) => format(v), grid: true, xTickCount: Math.max(3, Math.floor(innerWidth / 90)), yTickCount: 4 })}
      <g transform="translate(${MARGIN.left},${MARGIN.top})">
        <line class="minimum-guide" x1=${x(data.minimum)} x2=${x(data.minimum)} y1="0" y2=${innerHeight}></line>
        <text class="minimum-label" x=${x(data.minimum)} y="-5" text-anchor="middle">w*</text>
        <g clip-path="url(#plot-area)">
          <path class="curve" d=${pathOf(view.curveW, view.curveJ, px, py)}></path>
          ${data.ghost ? renderGhost(data.ghost, px, py) : nothing} ${renderTrail(entries, px, py)}
          ${showPreview ? renderTangentStep(view, current, predicted, layout) : nothing}
        </g>
        ${offPlot ? renderOffPlot(tip, current.w, layout, format) : svg`<circle class="current" r="6" transform="translate(${tip[0]},${tip[1]})"></circle>`}
        ${renderHandle(data, view, px(entries[0].w), clamp(py(entries[0].cost), 0, innerHeight), innerWidth)}
      </g>
    </svg>
  </div>`;
}

/** The path of the recent iterates and a dot at each, older ones fainter. */
function renderTrail(entries: readonly HistoryEntry[], px: (w: number) => number, py: (j: number) => number) {
  const recent = entries.slice(-TRAIL_LENGTH - 1);
  const trail = recent.slice(0, -1);
  const trailPath =
    recent.length > 1
      ? pathOf(
          recent.map((e) => e.w),
          recent.map((e) => e.cost),
          px,
          py,
        )
      : '';
  return svg`${trailPath ? svg`<path class="trail-path" d=${trailPath}></path>` : nothing}
    <g class="trail">
      ${trail.map(
        (e, i) => svg`<circle cx=${px(e.w)} cy=${py(e.cost)} r="3" opacity=${(0.25 + (0.6 * (i + 1)) / trail.length).toFixed(2)}></circle>`,
      )}
    </g>`;
}

/** The earlier run, faded, with what it ran on; the label sits in the top left corner, clear of the curve's bottom. */
function renderGhost(ghost: Ghost, px: (w: number) => number, py: (j: number) => number) {
  return svg`<g class="ghost">
    <path class="ghost-path" d=${pathOf(ghost.ws, ghost.costs, px, py)}></path>
    ${ghost.ws.map((w, i) => svg`<circle cx=${px(w)} cy=${py(ghost.costs[i])} r="2.5"></circle>`)}
    <text class="ghost-label" x="8" y="14">${ghost.label}</text>
  </g>`;
}

/** The tangent at the current point, the step it implies, and the error between its prediction and the cost there. */
function renderTangentStep(view: View, current: HistoryEntry, predicted: number, layout: PlotLayout) {
  const { px, py } = layout;
  const tangentAt = (w: number) => current.cost + view.slope * (w - current.w);
  const line = (name: string, segment: [number, number, number, number] | undefined) =>
    segment ? svg`<line class=${name} x1=${segment[0]} y1=${segment[1]} x2=${segment[2]} y2=${segment[3]}></line>` : nothing;
  const [left, right] = view.domain;
  const step = clippedSegment(layout, current.w, current.cost, view.next, predicted);
  const arrow = arrowheadPath(px(current.w), py(current.cost), px(view.next), py(predicted));
  // The segments are cut, not pinned, so their slopes hold; the arrowhead only where the step's end is not pinned.
  return svg`${line('tangent-line', clippedSegment(layout, left, tangentAt(left), right, tangentAt(right)))}
    ${line('error', clippedSegment(layout, view.next, predicted, view.next, view.nextCost))}
    ${line('tangent-step', step)}
    ${arrow && step && px(view.next) === layout.x(view.next) && py(predicted) === layout.y(predicted) ? svg`<path class="arrowhead" d=${arrow}></path>` : nothing}
    <circle class="prediction" cx=${px(view.next)} cy=${py(predicted)} r="3.5"></circle>
    <circle class="next" cx=${px(view.next)} cy=${py(view.nextCost)} r="5"></circle>`;
}

/** A marker at the edge and a label with w, for a point that left the plot. */
function renderOffPlot(tip: [number, number], w: number, { innerWidth, innerHeight }: PlotLayout, format: Format) {
  const labelLeft = tip[0] > innerWidth / 2;
  return svg`<path class="offplot" d=${offPlotMarker(tip, innerWidth, innerHeight)}></path>
    <text class="offplot-label" x=${labelLeft ? innerWidth - 8 : 8} y=${innerHeight - 8} text-anchor=${labelLeft ? 'end' : 'start'}>${labelLeft ? '' : '← '}w = ${format(w)}, off the plot${labelLeft ? ' →' : ''}</text>`;
}

/** The draggable start w₀: a slider for assistive technology and the keyboard. */
function renderHandle(data: PlotData, view: View, startX: number, startY: number, innerWidth: number) {
  const labelBefore = startX > innerWidth - 40;
  return svg`<g
    class="handle"
    role="slider"
    tabindex="0"
    aria-label="Start w₀ (drag, or use the arrow keys)"
    aria-valuemin=${view.domain[0]}
    aria-valuemax=${view.domain[1]}
    aria-valuenow=${data.init}
    aria-valuetext=${`w₀ = ${data.format(data.init)}`}
    transform="translate(${startX},${startY})"
    @pointerdown=${data.onHandlePointerDown}
    @keydown=${data.onHandleKeydown}
  >
    <circle class="hit" r="16"></circle>
    <circle class="start" r="9"></circle>
    <circle class="ring" r="13"></circle>
    <text class="start-label" x=${labelBefore ? -14 : 14} y="-10" text-anchor=${labelBefore ? 'end' : 'start'}>w₀</text>
  </g>`;
}
