import type { Format } from '../../../shared/format.js';
import { html, svg, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import {
  inverseTimeDecay,
  LANDSCAPE_IDS,
  getLandscape,
  type Landscape,
  type LandscapeId,
  type ParticleState,
} from '../../../../core/index.js';
import { renderAxes } from '../../../shared/plot/axes.js';
import { formatLogTick } from '../../../shared/format.js';
import { tex } from '../../../shared/tex.js';
import { formulaTreeOf } from '../landscape/formula-landscape.js';
import { formulaMathml } from '../landscape/formula-mathml.js';
import { landscapeGrid } from '../landscape/landscape-cache.js';
import { PLOT_MARGIN, minimumPath, type PlotScales } from './layout.js';
import type { RaceEntry } from '../optimizers/entries.js';
import { renderSwatch, seriesStyle } from '../../../shared/plot/series-style.js';
import { THUMBNAIL_RATIO } from '../landscape/thumbnails.js';
import { verdictWords, type Verdict } from '../run/verdict.js';
import { finishOrder, type FinishLine } from '../run/finish.js';
import type { Ghost } from '../run/ghosts.js';
import { cssomStyle } from '../../../shared/cssom-style.js';
import { renderColorLegend } from '../../../shared/plot/color-legend.js';

/** The landscape's formula: MathML for an author's formula, else `undefined`. */
function customFormulaMathml(landscape: Landscape): TemplateResult | undefined {
  const tree = formulaTreeOf(landscape);
  return tree ? formulaMathml(tree, `${landscape.name} cost function`) : undefined;
}

/** The landscape picker: a radio group of thumbnails, and the landscape's formula. */
export function renderPicker(landscape: Landscape, thumbnails: Record<string, boolean>, pick: (id: LandscapeId) => void): TemplateResult {
  return html`<fieldset class="picker" part="picker">
    <legend>Landscape</legend>
    <div class="thumbs">
      ${LANDSCAPE_IDS.map((id) => {
        const item = getLandscape(id)!;
        return html`<label class="thumb" title=${item.name}>
          <input type="radio" name="landscape" .value=${id} .checked=${id === landscape.id} @change=${() => pick(id)} />
          ${
            thumbnails[id]
              ? html`<canvas
                  class="thumb-image"
                  data-landscape=${id}
                  width=${56 * THUMBNAIL_RATIO}
                  height=${56 * THUMBNAIL_RATIO}
                  aria-hidden="true"
                ></canvas>`
              : html`<span class="thumb-blank"></span>`
          }
          <span class="thumb-name">${item.name}</span>
        </label>`;
      })}
    </div>
    <p class="landscape-formula" tabindex="0" role="group" aria-label="${landscape.name} cost function">
      <strong>${landscape.name}</strong> ${customFormulaMathml(landscape) ?? tex(landscape.tex)}
    </p>
  </fieldset>`;
}

/** The ghosts as faded, labelled lines on the plot (inside its inner frame). */
export function renderGhosts(ghosts: readonly Ghost[], { x, y }: PlotScales): SVGTemplateResult[] {
  return ghosts.map((ghost) => {
    const end = ghost.points[ghost.points.length - 1];
    const color = seriesStyle(ghost.index).color;
    // Through the CSSOM: a bound style attribute is an inline style a strict CSP blocks.
    return svg`<g class="ghost" style=${cssomStyle({ color })}>
      <polyline points=${ghost.points.map(([a, b]) => `${x(a)},${y(b)}`).join(' ')}></polyline>
      <text x=${x(end[0]) + 6} y=${y(end[1]) - 6}>${ghost.label}</text>
    </g>`;
  });
}

export interface PlotSvgOptions {
  landscape: Landscape;
  width: number;
  height: number;
  scales: PlotScales;
  /** Where the start point is drawn (the dragged position while it is dragged). */
  start: readonly [number, number];
  format: Format;
  onPointerDown: (event: PointerEvent) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  /** Paths of earlier runs, faded, after a setting changed. */
  ghosts: readonly Ghost[];
}

/** The plot's svg: axes, the drag surface, the minima and the start point's handle. */
export function renderPlotSvg(options: PlotSvgOptions): TemplateResult {
  const { landscape, width, height, format } = options;
  const { x, y, innerWidth, innerHeight } = options.scales;
  const [w1, w2] = options.start;
  const valueText = `w₁ ${format(w1, { digits: 3 })}; w₂ ${format(w2, { digits: 3 })}`;
  return html`<svg class="plot-svg" width=${width} height=${height} role="group" aria-label="Contour map of ${landscape.name}">
    ${renderAxes({ x, y, margin: PLOT_MARGIN, xLabel: 'w₁', yLabel: 'w₂', format: (v) => format(v) })}
    <g transform="translate(${PLOT_MARGIN.left},${PLOT_MARGIN.top})">
      <rect class="drag-surface" width=${innerWidth} height=${innerHeight} @pointerdown=${options.onPointerDown}></rect>
      ${renderGhosts(options.ghosts, options.scales)}
      ${landscape.minima.map((minimum) => {
        const [mx, my] = minimum.position;
        if (mx < x.domain()[0] || mx > x.domain()[1] || my < y.domain()[0] || my > y.domain()[1]) return nothing;
        const saddle = minimum.kind === 'saddle';
        return svg`<path class=${saddle ? 'minimum saddle' : minimum.global === false ? 'minimum local' : 'minimum'} d=${minimumPath(x(mx), y(my), saddle ? 5 : 6.5)}></path>`;
      })}
      <g
        class="handle"
        tabindex="0"
        role="slider"
        aria-label="Start point"
        aria-valuemin=${landscape.domain.w1[0]}
        aria-valuemax=${landscape.domain.w1[1]}
        aria-valuenow=${w1}
        aria-valuetext=${valueText}
        aria-description="Arrow keys move it by 1% (with Shift 10%)"
        transform="translate(${x(w1)},${y(w2)})"
        @pointerdown=${options.onPointerDown}
        @keydown=${options.onKeyDown}
      >
        <circle class="ring" r="12"></circle>
        <circle class="hit" r="16"></circle>
        <circle class="start-dot" r="7"></circle>
      </g>
    </g>
  </svg>`;
}

/**
 * The plot's key: the start point, the minima or saddle shown, the numeric colour scale
 * (the map's own), and the (w₁, w₂, J) readout under the pointer or at the focused start.
 */
export function renderPlotKey(
  landscape: Landscape,
  options: { width: number; format: (value: number) => string; readout: string },
): TemplateResult {
  const star = (saddle: boolean) =>
    html`<svg width="12" height="12" aria-hidden="true">
      <path d=${minimumPath(6, 6, 5)} class=${saddle ? 'minimum saddle' : 'minimum'}></path>
    </svg>`;
  return html`<figcaption class="caption">
    <span class="key"
      ><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" class="start-dot"></circle></svg>start (drag it, or
      focus it and use the arrow keys)</span
    >
    ${landscape.minima.some((m) => m.kind !== 'saddle') ? html`<span class="key">${star(false)}${landscape.minima.some((m) => m.found) ? 'found minimum' : 'known minimum'}</span>` : nothing}
    ${landscape.minima.some((m) => m.kind === 'saddle') ? html`<span class="key">${star(true)}saddle point</span>` : nothing}
    <span class="key">lighter = lower cost J (log scale)</span>
    ${
      // The gradient's id is a fixed word: a formula's text in it (spaces, brackets) would
      // break the url(#…) reference and leave the bar black. One bar per shadow root.
      renderColorLegend(landscapeGrid(landscape).plan, { width: options.width, id: 'race-ramp', label: 'Cost J', format: options.format })
    }
    <p class="point-readout" aria-live="polite">${options.readout}</p>
  </figcaption>`;
}

export interface LegendOptions {
  entries: readonly RaceEntry[];
  particles: readonly ParticleState[];
  iteration: number;
  /** Each optimizer's cost to show (the preview's start cost while the start is dragged). */
  costs: readonly number[];
  focus: number | null;
  pinned: number | null;
  format: Format;
  isolate: (index: number | null) => void;
  pin: (index: number) => void;
  /** Where optimizer i stopped (undefined while it runs). */
  verdict: (index: number) => Verdict | undefined;
  /** The step optimizer i crossed the finish line at (undefined: not yet), and what the line is. */
  finish: (index: number) => number | undefined;
  line: FinishLine;
}

/** The finish line in words: "J < 10⁻³", "J − J* < 10⁻³" or "out of the window". */
export function finishWords(line: FinishLine, format: Format): string {
  if (line.kind === 'escape') return 'out of the window';
  if (line.kind !== 'minimum') return '';
  const tolerance = formatLogTick(line.tolerance, (v) => format(v));
  return line.reference === 0 ? `J < ${tolerance}` : `J − J* < ${tolerance}`;
}

/** When an optimizer crossed the finish line, for its legend entry. */
function finishedText(line: FinishLine, step: number | undefined, format: Format): string {
  if (step === undefined || line.kind === 'none') return '';
  const at = format(step, { digits: 6 });
  return line.kind === 'escape' ? ` · left the window at step ${at}` : ` · ${finishWords(line, format)} at step ${at}`;
}

/** α, and α_t = α / (1 + decay · t) once a decay has lowered it. */
function rateText(entry: RaceEntry, iteration: number, format: Format): string {
  const { learningRate, decay = 0 } = entry.hyperparameters;
  const alpha = `α = ${format(learningRate)}`;
  if (!(decay > 0) || iteration === 0) return alpha;
  return `${alpha}, α_t = ${format(inverseTimeDecay(learningRate, decay, iteration))}`;
}

/** The legend: one button per optimizer; hover or focus isolates it, a click pins it. */
export function renderLegend(options: LegendOptions): TemplateResult {
  const { entries, particles, focus, format, isolate } = options;
  return html`<ul class="legend" part="legend" aria-label="Optimizers">
    ${entries.map((entry, i) => {
      const particle = particles[i];
      const cost = options.costs[i];
      const stoppedAt = format(particle.stoppedAt ?? options.iteration, { digits: 6 });
      const verdict = entry.disabled ? undefined : options.verdict(i);
      const status = entry.disabled
        ? 'switched off'
        : (verdict ? verdictWords(verdict, stoppedAt, format(cost), (value) => format(value)) : `J = ${format(cost)}`) +
          finishedText(options.line, options.finish(i), format);
      return html`<li>
        <button
          class="legend-item ${focus !== null && focus !== i ? 'faded' : ''} ${particle.status}"
          aria-pressed=${options.pinned === i ? 'true' : 'false'}
          ?disabled=${entry.disabled}
          @mouseenter=${() => isolate(i)}
          @mouseleave=${() => isolate(null)}
          @focus=${() => isolate(i)}
          @blur=${() => isolate(null)}
          @click=${() => options.pin(i)}
        >
          ${renderSwatch(i)}
          <span class="legend-label">${entry.label} <span class="legend-rate">${rateText(entry, options.iteration, format)}</span></span>
          <span
            class="legend-status ${particle.status === 'diverged' || verdict?.kind === 'local' || verdict?.kind === 'saddle' ? 'warn' : ''}"
            >${status}</span
          >
        </button>
      </li>`;
    })}
  </ul>`;
}

/**
 * Who crossed the finish line first: the order of arrival at the minimum (within 10⁻³),
 * or on a landscape without one the order of escape from the saddle (out of the window).
 * Nothing before the race has started, or where there is no line to cross.
 */
export function renderFinishOrder(options: {
  entries: readonly RaceEntry[];
  iteration: number;
  line: FinishLine;
  finish: (index: number) => number | undefined;
  format: Format;
}): TemplateResult | typeof nothing {
  const { entries, line, format } = options;
  if (line.kind === 'none' || options.iteration === 0) return nothing;
  const order = finishOrder(
    entries.flatMap((entry, index) => (entry.disabled ? [] : [{ index, label: entry.label, step: options.finish(index) }])),
  );
  const done = order.filter((f) => f.step !== undefined);
  const waiting = order.filter((f) => f.step === undefined);
  const heading =
    line.kind === 'escape' ? 'Escape order (first step out of the window):' : `Order of arrival (${finishWords(line, format)}):`;
  const pending = line.kind === 'escape' ? 'still near the saddle' : 'still on the way';
  return html`<p class="finish-order" data-line=${line.kind}>
    <strong>${heading}</strong>
    ${
      done.length
        ? html`<span class="finishers"
            >${done.map(
              (f, place) =>
                html`${place ? ' · ' : ''}<span class="finisher" data-index=${f.index} data-step=${f.step!}
                    >${format(place + 1)}. ${f.label} (step ${format(f.step!, { digits: 6 })})</span
                  >`,
            )}</span
          >`
        : html`<span class="finishers">none yet</span>`
    }${waiting.length ? html`; <span class="waiting">${pending}: ${waiting.map((f) => f.label).join(', ')}</span>` : nothing}
  </p>`;
}
