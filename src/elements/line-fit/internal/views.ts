import { formatLogTick, type Format } from '../../shared/format.js';
import { html, svg, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import { getOptimizer, OPTIMIZER_TYPES } from '../../../core/index.js';
import { renderAxes } from '../../shared/plot/axes.js';
import { clampToDomain, type Domain2D } from '../../shared/plot/drag.js';
import { cssomStyle } from '../../shared/cssom-style.js';
import { ruleLines } from '../../shared/formulas.js';
import { tex } from '../../shared/tex.js';
import { renderColorLegend } from '../../shared/plot/color-legend.js';
import { GRID_CELLS } from './painter.js';
import type { Ghost } from './lesson.js';
import { batchDots, decayedRate, ghostPath, landscapeKey, nextBatch, risingNote, stabilityMarksRow, stepArrows } from './lesson-views.js';
import { BATCH_COST, COST, MODEL } from '../formulas.js';
import { MARGIN, chartScales, chartSeries, clampPx, dataScales, landscapeScales, trajectoryPath, type ViewSize } from './layout.js';
import type { LineFitModel } from './model.js';

/*
 * The line fit's sub-templates, from a plain view of the element: its model, sizes and
 * number format, plus the handlers the controls call. The element assembles them.
 */

export interface LineFitView {
  model: LineFitModel;
  size: ViewSize;
  /** the landscape's (w, b) window */
  domain: Domain2D;
  format: Format;
  /** the path of the run before a hyperparameter changed */
  ghost?: Ghost;
  /** the (w, b, J) line under the map: the point under the pointer, or the focused start */
  pointText?: string;
}

export function dataFigure({ model, size, format }: LineFitView): TemplateResult {
  const { column, height, innerW, innerH } = size;
  const { x, y } = dataScales(model.dataset.extent, innerW, innerH);
  const [x0, x1] = x.domain();
  const { w, b } = model.trainer.history[model.trainer.history.length - 1];
  const line = (slope: number, intercept: number, cls: string) =>
    svg`<line class=${cls} x1=${x(x0)} x2=${x(x1)} y1=${clampPx(y(slope * x0 + intercept), innerH)} y2=${clampPx(y(slope * x1 + intercept), innerH)}></line>`;
  const m = model.dataset.x.length;
  const { trueSlope, trueIntercept } = model.settings;
  const label = `Scatter plot of ${m} training points with the true line (slope ${format(trueSlope)}, intercept ${format(trueIntercept)}) and the model line (slope ${format(w)}, intercept ${format(b)}).`;
  return html`<figure part="data">
    <figcaption>
      <strong>Data</strong>
      <span class="legend truth"><span class="swatch"></span>truth</span>
      <span class="legend model"><span class="swatch"></span>model ${tex(MODEL)}</span>
      ${nextBatch(model).length ? html`<span class="legend batch"><span class="swatch dot"></span>next batch</span>` : nothing}
    </figcaption>
    <div class="plot" style=${cssomStyle({ height })} role="img" aria-label=${label}>
      <canvas class="scatter" style=${cssomStyle({ left: MARGIN.left, top: MARGIN.top })}></canvas>
      <svg width=${column} height=${height} aria-hidden="true">
        ${renderAxes({ x, y, margin: MARGIN, xLabel: 'x', yLabel: 'y', format: (v) => format(v), grid: false })}
        <g transform="translate(${MARGIN.left},${MARGIN.top})">
          <svg class="clip" width=${innerW} height=${innerH}>
            ${batchDots(model, x, y)} ${line(trueSlope, trueIntercept, 'truth-line')}
            ${Number.isFinite(w) && Number.isFinite(b) ? line(w, b, 'model-line') : nothing}
          </svg>
        </g>
      </svg>
    </div>
  </figure>`;
}

export interface LandscapeHandlers {
  onLandscapePointerDown: (event: PointerEvent) => void;
  onHandlePointerDown: (event: PointerEvent) => void;
  onHandleKey: (event: KeyboardEvent) => void;
  onLandscapePointerMove: (event: PointerEvent) => void;
  onHandleFocus: () => void;
}

/** `dock`: on a phone, the play bar and the learning rate, under the map (see `dockControls`). */
export function landscapeFigure(
  { model, size, domain, format, ghost, pointText }: LineFitView,
  handlers: LandscapeHandlers,
  dock?: TemplateResult,
): TemplateResult {
  const { column, height, innerW, innerH } = size;
  const { x, y } = landscapeScales(domain, innerW, innerH);
  const history = model.trainer.history;
  const [w0, b0] = model.initPoint;
  const last = history[history.length - 1];
  const path = trajectoryPath(history, x, y, domain, Math.max(200, innerW * 2));
  const solution = model.dataset.solution;
  const init = clampToDomain([w0, b0], domain);
  const handleLabel = `Initialisation, w ${format(w0)}, b ${format(b0)}. Drag, or use the arrow keys (Shift for bigger steps).`;
  const showCurrent = history.length > 1 && Number.isFinite(last.w) && Number.isFinite(last.b);
  const current = clampToDomain([last.w, last.b], domain);
  return html`<figure part="plot">
    <figcaption>
      <strong>Cost landscape</strong>
      <span class="legend truth"><span class="swatch dot"></span>truth</span>
      <span class="legend">✕ least squares</span>
      <span class="legend model"><span class="swatch dot"></span>start</span>
      ${landscapeKey(model, ghost)}
    </figcaption>
    <div class="plot" style=${cssomStyle({ height })}>
      <canvas
        class="contours"
        style=${cssomStyle({ left: MARGIN.left, top: MARGIN.top })}
        role="img"
        aria-label="Filled contours of the mean squared error over slope w and intercept b; lighter is lower."
      ></canvas>
      <svg width=${column} height=${height} @pointerdown=${handlers.onLandscapePointerDown} @pointermove=${handlers.onLandscapePointerMove}>
        ${renderAxes({ x, y, margin: MARGIN, xLabel: 'slope w', yLabel: 'intercept b', format: (v) => format(v) })}
        <g transform="translate(${MARGIN.left},${MARGIN.top})">
          ${ghostPath(ghost, domain, x, y, Math.max(200, innerW * 2))}
          <path class="halo" d=${path}></path>
          <path class="trajectory" d=${path}></path>
          <path class="lsq-mark" transform="translate(${x(solution.w)},${y(solution.b)})" d="M-7,-7L7,7M-7,7L7,-7"></path>
          <circle class="truth-dot" cx=${x(model.settings.trueSlope)} cy=${y(model.settings.trueIntercept)} r="4.5"></circle>
          ${showCurrent ? svg`<circle class="current-dot" cx=${x(current[0])} cy=${y(current[1])} r="4"></circle>` : nothing}
          ${stepArrows(model, domain, x, y)}
          <g
            class="handle"
            part="handle"
            tabindex="0"
            role="button"
            aria-roledescription="draggable point"
            aria-label=${handleLabel}
            transform="translate(${x(init[0])},${y(init[1])})"
            @pointerdown=${handlers.onHandlePointerDown}
            @keydown=${handlers.onHandleKey}
            @focus=${handlers.onHandleFocus}
          >
            <circle r="14" fill="transparent"></circle>
            <circle class="ring" r="10"></circle>
            <circle class="init-dot" r="7"></circle>
          </g>
        </g>
      </svg>
    </div>
    ${dock ? nothing : costColorKey({ model, size, domain, format })}
    <p class="point-readout" aria-live="polite">${pointText ?? ''}</p>
    ${dock ?? nothing}
  </figure>`;
}

/** The cost map's colour bar, labelled with costs: under the map, or on a phone at the top of the dock. */
export function costColorKey({
  model,
  size,
  domain,
  format,
}: Pick<LineFitView, 'model' | 'size' | 'domain' | 'format'>): SVGTemplateResult {
  return renderColorLegend(model.dataset.costPlan(GRID_CELLS, domain.x, domain.y), {
    width: size.column,
    id: 'line-fit-cost-legend',
    label: 'Colour scale of the cost J(w, b)',
    format,
  });
}

export function chartFigure({ model, size, format }: LineFitView): TemplateResult {
  const { column, height, innerW, innerH } = size;
  const { dataset, trainer } = model;
  const hasTest = dataset.testX.length > 0;
  const floor = dataset.cost(dataset.solution.w, dataset.solution.b);
  const { x, y } = chartScales(chartSeries(trainer.history, hasTest, { train: '', test: '' }), floor, innerW, innerH);
  const floorY = y(floor);
  return html`<figure part="chart">
    <figcaption>
      <strong>Cost per iteration</strong>
      <span class="legend train"><span class="swatch"></span>training</span>
      ${hasTest ? html`<span class="legend test"><span class="swatch dashed"></span>test</span>` : nothing}
    </figcaption>
    <div
      class="plot"
      style=${cssomStyle({ height })}
      role="img"
      aria-label=${`Training cost per iteration on a log scale; ${trainer.iteration} iterations so far; the least-squares minimum is ${format(floor)}.`}
    >
      <canvas class="costs" style=${cssomStyle({ left: MARGIN.left, top: MARGIN.top })}></canvas>
      <svg width=${column} height=${height} aria-hidden="true">
        ${renderAxes({ x, y, margin: MARGIN, xLabel: 'iteration', yLabel: 'cost J (log scale)', format: (v) => formatLogTick(v, format, 4) })}
        ${
          Number.isFinite(floorY) && floorY >= 0 && floorY <= innerH
            ? svg`<g transform="translate(${MARGIN.left},${MARGIN.top})"><line class="floor" x1="0" x2=${innerW} y1=${floorY} y2=${floorY}></line>
                <text class="floor-label" x="4" y=${floorY - 4}>least-squares minimum</text></g>`
            : nothing
        }
      </svg>
    </div>
  </figure>`;
}

export function readout({ model, format }: Pick<LineFitView, 'model' | 'format'>): TemplateResult {
  const { trainer } = model;
  const last = trainer.history[trainer.history.length - 1];
  const whole = (value: number) => format(value, { fraction: 0 });
  return html`<dl class="readout" part="readout" aria-label="Training state">
    <div>
      <dt>iteration</dt>
      <dd>${whole(trainer.iteration)}</dd>
    </div>
    <div>
      <dt>epoch</dt>
      <dd>
        ${whole(last.epoch)}${
          trainer.batchesPerEpoch > 1
            ? html` <span class="sub"
                >(batch ${whole(trainer.iteration % trainer.batchesPerEpoch)} of ${whole(trainer.batchesPerEpoch)} done)</span
              >`
            : nothing
        }
      </dd>
    </div>
    ${decayedRate(model, format)}
    <div>
      <dt>
        <math><mi>w</mi></math>
      </dt>
      <dd>${format(last.w)}</dd>
    </div>
    <div>
      <dt>
        <math><mi>b</mi></math>
      </dt>
      <dd>${format(last.b)}</dd>
    </div>
    <div>
      <dt>
        <math><mi>J</mi><mo>(</mo><mi>w</mi><mo>,</mo><mi>b</mi><mo>)</mo></math>
      </dt>
      <dd>${format(last.cost)}</dd>
    </div>
    ${
      last.testCost !== undefined
        ? html`<div>
            <dt>
              <math
                ><msub><mi>J</mi><mtext>test</mtext></msub></math
              >
            </dt>
            <dd>${format(last.testCost)}</dd>
          </div>`
        : nothing
    }
    ${
      trainer.status !== 'running'
        ? html`<div>
            <dt class="visually-hidden">status</dt>
            <dd class="status">${trainer.status}</dd>
          </div>`
        : nothing
    }
  </dl>`;
}

export interface ControlHandlers {
  onPlay: () => void;
  onStep: () => void;
  onReset: () => void;
  onSizePreset: (size: number) => void;
  onSizeInput: (event: Event) => void;
  onNoiseInput: (event: Event) => void;
  onNewDataset: () => void;
  onRateInput: (event: Event) => void;
  onBatchInput: (event: Event) => void;
  onFullBatch: (event: Event) => void;
  onOptimizerInput: (event: Event) => void;
  onDecayInput: (event: Event) => void;
  /** a stability mark (α = 1/λ_max, 2/λ_max) was pressed */
  onMark: (learningRate: number) => void;
}

export interface ControlLimits {
  sizePresets: readonly number[];
  maxSize: number;
  /** the learning-rate slider's span (a log scale) */
  learningRateRange: [number, number];
}

export function controlPanels(
  { model, format }: Pick<LineFitView, 'model' | 'format'>,
  playing: boolean,
  limits: ControlLimits,
  on: ControlHandlers,
  docked = false,
): TemplateResult {
  const m = model.dataset.x.length;
  const batch = model.batchSize;
  const { size, noise, optimizer, batchSize, decay } = model.settings;
  // A batch of all m points is the full batch, however it was set (a linked sweep sends the number m).
  const full = batchSize === 'full' || batch >= m;
  const rule = getOptimizer(optimizer);
  return html`<div class="panels" part="controls">
    <fieldset class="run">
      <legend>${docked ? 'Cost' : 'Run'}</legend>
      ${docked ? nothing : runActions(playing, on)}
      <p class="formula">${tex(COST)}</p>
      ${batch < m ? html`<p class="formula">${tex(BATCH_COST)}</p>` : nothing}
    </fieldset>
    <fieldset part="panel">
      <legend>Data</legend>
      <div class="stack">
        <div class="field">
          <span class="label" id="size-label">Training points <span class="value">m = ${format(m, { fraction: 0 })}</span></span>
          <div class="inline">
            <span class="segmented" role="group" aria-labelledby="size-label">
              ${limits.sizePresets.map(
                (preset) =>
                  html`<button type="button" aria-pressed=${String(size === preset)} @click=${() => on.onSizePreset(preset)}>
                    ${format(preset, { fraction: 0 })}
                  </button>`,
              )}
            </span>
            <input
              type="number"
              aria-label="Training points m, 2 to 100,000"
              min="2"
              max=${limits.maxSize}
              step="1"
              .value=${String(size)}
              @change=${on.onSizeInput}
            />
          </div>
        </div>
        <div class="field">
          <label for="noise">Noise σ <output class="value">${format(noise)}</output></label>
          <input
            id="noise"
            type="range"
            min="0"
            max="3"
            step="0.05"
            .value=${String(Math.min(noise, 3))}
            aria-valuetext=${format(noise)}
            @input=${on.onNoiseInput}
          />
        </div>
        <div><button type="button" @click=${on.onNewDataset}>New dataset</button></div>
      </div>
    </fieldset>
    <fieldset part="panel">
      <legend>Training</legend>
      <div class="stack">
        ${docked ? nothing : rateField({ model, format }, limits, on)}
        <div class="field">
          <label for="decay">Decay <span class="value">α/(1 + decay·t)</span></label>
          <input id="decay" type="number" min="0" step="0.001" .value=${String(decay)} @change=${on.onDecayInput} />
        </div>
        <div class="field">
          <label for="batch"
            >Batch size <span class="value">${full ? `full (${format(m, { fraction: 0 })})` : format(batch, { fraction: 0 })}</span></label
          >
          <div class="inline">
            <input
              id="batch"
              type="number"
              min="1"
              max=${m}
              step="1"
              .value=${String(batch)}
              ?disabled=${full}
              @change=${on.onBatchInput}
            />
            <label class="check"><input type="checkbox" .checked=${full} @change=${on.onFullBatch} />full batch</label>
          </div>
        </div>
        <div class="field">
          <label for="optimizer">Optimizer</label>
          <select id="optimizer" @change=${on.onOptimizerInput}>
            ${OPTIMIZER_TYPES.map((type) => html`<option value=${type} ?selected=${type === optimizer}>${getOptimizer(type)?.name ?? type}</option>`)}
          </select>
          <div class="rule" role="group" aria-label=${`${rule?.name ?? optimizer} update rule`}>
            ${ruleLines(rule?.tex ?? '').map((line) => html`<div>${tex(line)}</div>`)}
          </div>
        </div>
      </div>
    </fieldset>
  </div>`;
}

function runActions(playing: boolean, on: ControlHandlers): TemplateResult {
  return html`<div class="actions">
    <button type="button" class="primary play" @click=${on.onPlay}>${playing ? 'Pause' : 'Play'}</button>
    <button type="button" @click=${on.onStep}>Step</button>
    <button type="button" @click=${on.onReset}>Reset</button>
  </div>`;
}

function rateField({ model, format }: Pick<LineFitView, 'model' | 'format'>, limits: ControlLimits, on: ControlHandlers): TemplateResult {
  const { learningRate } = model.settings;
  return html`<div class="field rate">
    <label for="rate">Learning rate α <output class="value">${format(learningRate)}</output></label>
    <input
      id="rate"
      type="range"
      min=${Math.log10(limits.learningRateRange[0])}
      max=${Math.log10(limits.learningRateRange[1])}
      step="0.01"
      .value=${String(Math.log10(learningRate))}
      aria-valuetext=${format(learningRate)}
      @input=${on.onRateInput}
    />
    ${stabilityMarksRow(model, limits.learningRateRange, format, on.onMark)}
  </div>`;
}

/**
 * On a phone: Play, Step, Reset and the learning rate under the cost map, so they stay on
 * screen with it (the map keeps to the top of the screen there); `controlPanels` then
 * leaves them out.
 */
export function dockControls(
  view: Pick<LineFitView, 'model' | 'format' | 'size' | 'domain'>,
  playing: boolean,
  limits: ControlLimits,
  on: ControlHandlers,
): TemplateResult {
  // The map's colour key rides at the top of the dock: the dock keeps to the bottom of the
  // screen while the map comes up, and would cover a key left under the map.
  return html`<div class="dock" part="controls" role="group" aria-label="Run">
    ${costColorKey(view)} ${runActions(playing, on)} ${rateField(view, limits, on)}
  </div>`;
}

/** What the element adds to its view to lay the figures and controls out. */
export interface LineFitLayout {
  playing: boolean;
  limits: ControlLimits;
  /** how many of the three views `hide` leaves */
  visibleViews: number;
  isHidden: (part: string) => boolean;
  controls: ControlHandlers;
  landscape: LandscapeHandlers;
}

/** The three figures, the readout, the rising-cost note and the controls, in that order. */
export function lineFitBody(
  view: LineFitView,
  { playing, limits, visibleViews, isHidden, controls, landscape }: LineFitLayout,
): TemplateResult {
  // Views stacked (a phone): the play bar and the learning rate go under the map, unless the map is hidden.
  const docked = view.size.columns === 1 && !isHidden('plot') && !isHidden('controls');
  const dock = docked ? dockControls(view, playing, limits, controls) : undefined;
  return html`
    <div class="views" data-columns=${visibleViews}>${dataFigure(view)} ${landscapeFigure(view, landscape, dock)} ${chartFigure(view)}</div>
    ${readout(view)} ${risingNote(view.model, view.format)} ${controlPanels(view, playing, limits, controls, docked)}
  `;
}
