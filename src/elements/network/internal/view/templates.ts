/**
 * The network's sub-templates, from a plain view of the element (its model, the slice,
 * sizes, number format and the handlers the controls call). `renderNetwork` lays them out.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import {
  CLASSIFICATION_DATASETS,
  MLP_ACTIVATIONS,
  MLP_INITS,
  inverseTimeDecay,
  type ClassificationDataset,
  type MlpActivation,
  type MlpInit,
} from '../../../../core/index.js';
import { formatLogTick, type Format } from '../../../shared/format.js';
import { renderAxes } from '../../../shared/plot/axes.js';
import { renderColorLegend } from '../../../shared/plot/color-legend.js';
import { contourPlan } from '../../../shared/plot/contours.js';
import { cssomStyle } from '../../../shared/cssom-style.js';
import { markerPath, renderSwatch, seriesStyle } from '../../../shared/plot/series-style.js';
import type { OptimizerEntry } from '../../../shared/optimizers/entries.js';
import { addTypeset, tex } from '../../../shared/tex.js';
import { renderPlayControls } from '../../../shared/play-controls.js';
import { NETWORK_TYPESET } from '../../tex.generated.js';
import { ACTIVATION_TEX, BATCH_COST, COST, HIDDEN_LAYER, LINE_TEX, LOGISTIC, LOSS, OUTPUT_LAYER, SLICE_TEX } from '../../formulas.js';
import type { LossSlice } from '../landscape-job.js';
import type { NetworkModel } from '../model.js';
import { MAX_SIZE, WEIGHT_BOUND, type ChartAxis, type SliceDirections } from '../settings.js';
import { CHART_MARGIN, SLICE_MARGIN, costChartScales, innerSize, type NetworkGeometry } from './layout.js';
import { lineScales } from './painter.js';

// The network's own formulas, typeset apart: pages without a network never load them.
addTypeset(NETWORK_TYPESET);

/** The settings the panels show (validated). */
export interface ShownSettings {
  task: ClassificationDataset;
  size: number;
  noise: number;
  testSplit: number;
  layers: string;
  activation: MlpActivation;
  init: MlpInit;
  batchSize: number | 'full';
}

export interface NetworkActions {
  toggle: () => void;
  step: () => void;
  reset: () => void;
  setSpeed: (speed: number) => void;
  speedCommitted: () => void;
  /** a setting typed or picked in the panel (validated by the element) */
  set: (name: keyof ShownSettings | 'seed', value: unknown) => void;
  newDataset: () => void;
  setAxis: (axis: ChartAxis) => void;
  setRacer: (racer: number) => void;
  setDirections: (directions: SliceDirections) => void;
  computeSlice: () => void;
}

export interface NetworkView {
  model: NetworkModel;
  geometry: NetworkGeometry;
  half: number;
  settings: ShownSettings;
  slice?: LossSlice;
  /** rows of the slice made so far, while one is made */
  progress?: { done: number; total: number };
  racer: number;
  directions: SliceDirections;
  axis: ChartAxis;
  /** distinct hidden units per layer, of the racer the landscape follows */
  distinct: number[];
  playing: boolean;
  speed: number;
  format: Format;
  actions: NetworkActions;
}

const DATASET_NAMES: Record<ClassificationDataset, string> = {
  circles: 'Circles',
  xor: 'XOR',
  gaussians: 'Two Gaussians',
  spiral: 'Spiral',
  moons: 'Moons',
};

const percent = (value: number, format: Format) => `${format(100 * value, { digits: 3 })} %`;

/** α, and α_t = α / (1 + decay · t) once a decay has lowered it. */
function rateText(entry: OptimizerEntry, iteration: number, format: Format): string {
  const { learningRate, decay = 0 } = entry.hyperparameters;
  const alpha = `α = ${format(learningRate)}`;
  if (!(decay > 0) || iteration === 0) return alpha;
  return `${alpha}, α_t = ${format(inverseTimeDecay(learningRate, decay, iteration))}`;
}

/** Each racer's decision map: ŷ over the plane, the ŷ = ½ boundary, training points (dots) and test points (rings). */
export function renderMaps(view: NetworkView): TemplateResult {
  const { model, geometry, format } = view;
  const { map, mapColumns } = geometry;
  const hasTest = model.data.testY.length > 0;
  const hidden = model.shape.hidden;
  const zeros = model.settings.init === 'zeros' && hidden.length > 0;
  const racer = model.entries[view.racer];
  return html`<figure class="maps" part="data">
    <figcaption>
      <strong>Data and decision boundaries</strong>
      <span class="key"><span class="dot class-1"></span>class 1</span>
      <span class="key"><span class="dot class-0"></span>class 0</span>
      ${hasTest ? html`<span class="key"><span class="ring"></span>test point</span>` : nothing}
      <span class="key">shade: ŷ, the line: ŷ = ½</span>
    </figcaption>
    <div class="map-grid" style=${cssomStyle({ 'grid-template-columns': `repeat(${mapColumns}, ${map}px)` })}>
      ${model.entries.map((entry, i) => {
        if (entry.disabled) return nothing;
        const latest = model.latest(i);
        const accuracy = latest.testAccuracy ?? latest.accuracy;
        const status = model.status(i);
        const label = `${entry.label}: ${DATASET_NAMES[model.settings.dataset]} data and the network's decision boundary after ${format(model.iteration)} updates; ${hasTest ? 'test' : 'training'} accuracy ${percent(accuracy, format)}${status === 'diverged' ? ' (diverged)' : ''}.`;
        return html`<div class="map-cell">
          <span class="map-title"
            >${renderSwatch(i)}<span>${entry.label}</span><span class="map-accuracy">${percent(accuracy, format)}</span></span
          >
          <canvas class="map" data-racer=${i} role="img" aria-label=${label} style=${cssomStyle({ width: map, height: map })}></canvas>
        </div>`;
      })}
    </div>
    <p class="figure-note">
      x₁, x₂ from ${format(-view.half, { digits: 2 })} to ${format(view.half, { digits: 2 })}; the percentage is each racer's accuracy on
      the ${hasTest ? 'test' : 'training'} points.
      ${
        hidden.length && racer
          ? html`Hidden units that differ (${racer.label}):
            ${view.distinct.map((n, l) => `${format(n)} of ${format(hidden[l])}`).join(', ')}.`
          : nothing
      }
      ${
        zeros
          ? html`<strong class="warn"
              >Zeros init never breaks the symmetry: every hidden unit of a layer starts equal, gets the same gradient and stays equal to
              the others, so the network is no better than one with a single unit per layer (with tanh or ReLU units, which give 0 at 0,
              only the output's bias can move at all).</strong
            >`
          : nothing
      }
    </p>
  </figure>`;
}

/** The training and test cost charts (one log scale for both), with the x axis in updates or epochs. */
export function renderCharts(view: NetworkView): TemplateResult {
  const { model, geometry, format, axis } = view;
  const hasTest = model.data.testY.length > 0;
  const inner = innerSize(geometry.chart, CHART_MARGIN);
  const perEpoch = axis === 'epochs' ? model.batchesPerEpoch : undefined;
  const series = model.records.flatMap((record, i) =>
    model.entries[i].disabled ? [] : [record.cost.view, ...(hasTest ? [record.testCost.view] : [])],
  );
  const { x, y } = costChartScales(series, inner, perEpoch);
  const chart = (name: 'train' | 'test', title: string) =>
    html`<div class="chart-cell">
      <span class="chart-title">${title}</span>
      <div class="plot" style=${cssomStyle({ width: geometry.chart.width, height: geometry.chart.height })}>
        <canvas class="${name}-costs" style=${cssomStyle({ left: CHART_MARGIN.left, top: CHART_MARGIN.top })} aria-hidden="true"></canvas>
        <svg
          width=${geometry.chart.width}
          height=${geometry.chart.height}
          role="img"
          aria-label="${title} per ${axis === 'epochs' ? 'epoch' : 'update'}, log scale"
        >
          ${renderAxes({
            x,
            y,
            margin: CHART_MARGIN,
            xLabel: axis === 'epochs' ? 'epoch' : 'update',
            yLabel: 'J (log)',
            format: (v) => (x.ticks().includes(v) ? format(v) : formatLogTick(v, format)),
            yTickCount: 4,
            grid: true,
          })}
        </svg>
      </div>
    </div>`;
  return html`<figure class="charts" part="chart">
    <figcaption>
      <strong>Cost per ${axis === 'epochs' ? 'epoch' : 'update'}</strong>
      <label class="inline"
        >x axis
        <select @change=${(event: Event) => view.actions.setAxis((event.target as HTMLSelectElement).value as ChartAxis)}>
          <option value="updates" .selected=${axis === 'updates'}>updates</option>
          <option value="epochs" .selected=${axis === 'epochs'}>epochs (${format(model.batchesPerEpoch)} updates each)</option>
        </select></label
      >
    </figcaption>
    <div class="chart-row ${hasTest && geometry.chart.width < geometry.column ? 'side-by-side' : ''}">
      ${chart('train', 'Training cost J')} ${hasTest ? chart('test', 'Test cost') : nothing}
    </div>
  </figure>`;
}

/** Words for what the slice shows. */
function sliceWords(slice: LossSlice, model: NetworkModel, format: Format): string {
  const racer = model.entries[slice.racer]?.label ?? '';
  const along =
    slice.directions === 'pca'
      ? `along the first two principal directions of the racers' paths (${percent(slice.explained![0], format)} and ${percent(slice.explained![1], format)} of their variance), the paths projected onto it`
      : 'along two random directions, each unit’s weights scaled to that unit’s own (filter-normalised, Li et al. 2018)';
  const fell = slice.requested === 'pca' && slice.directions !== 'pca' ? ' (no path to take principal directions from yet)' : '';
  return `J on the training set over a plane through ${racer}'s weights after ${format(slice.iteration)} updates (the centre, J = ${format(slice.centreCost)}), ${along}${fell}.`;
}

/** The loss landscape: the 2-D slice through one racer's weights, made on request. */
export function renderSlice(view: NetworkView): TemplateResult {
  const { model, geometry, format, slice, progress, actions } = view;
  const stale =
    slice !== undefined && (slice.iteration !== model.iteration || slice.racer !== view.racer || slice.requested !== view.directions);
  const inner = innerSize(geometry.slice, SLICE_MARGIN);
  const controls = html`<div class="slice-controls">
    <label class="inline"
      >through
      <select @change=${(event: Event) => actions.setRacer(Number((event.target as HTMLSelectElement).value))}>
        ${model.entries.map((entry, i) =>
          entry.disabled ? nothing : html`<option value=${i + 1} .selected=${i === view.racer}>${entry.label}</option>`,
        )}
      </select></label
    >
    <label class="inline"
      >directions
      <select @change=${(event: Event) => actions.setDirections((event.target as HTMLSelectElement).value as SliceDirections)}>
        <option value="random" .selected=${view.directions === 'random'}>random, filter-normalised</option>
        <option value="pca" .selected=${view.directions === 'pca'}>principal (the paths)</option>
      </select></label
    >
    <button class="compute" @click=${actions.computeSlice} ?disabled=${progress !== undefined}>
      ${progress ? 'Working…' : slice ? 'Refresh' : 'Show the landscape'}
    </button>
  </div>`;
  let body: TemplateResult;
  if (slice) {
    const plan = contourPlan({ values: slice.values, n: slice.alphas.length }, 16);
    const [a0, a1] = [slice.alphas[0], slice.alphas[slice.alphas.length - 1]];
    const [b0, b1] = [slice.betas[0], slice.betas[slice.betas.length - 1]];
    const x = (a: number) => ((a - a0) / (a1 - a0)) * inner.width;
    const y = (b: number) => inner.height - ((b - b0) / (b1 - b0)) * inner.height;
    const scaleX = Object.assign(x, { ticks: () => ticksOf(a0, a1), domain: () => [a0, a1], range: () => [0, inner.width] });
    const scaleY = Object.assign(y, { ticks: () => ticksOf(b0, b1), domain: () => [b0, b1], range: () => [inner.height, 0] });
    const axisName = (k: 0 | 1) =>
      slice.directions === 'pca'
        ? `${k ? 'β along PC 2' : 'α along PC 1'} (${percent(slice.explained![k], format)})`
        : k
          ? 'β along d₂'
          : 'α along d₁';
    const style = seriesStyle(slice.racer);
    body = html`<div class="plot" style=${cssomStyle({ width: geometry.slice.width, height: geometry.slice.height })}>
        <canvas class="slice" style=${cssomStyle({ left: SLICE_MARGIN.left, top: SLICE_MARGIN.top })} aria-hidden="true"></canvas>
        <svg width=${geometry.slice.width} height=${geometry.slice.height} role="img" aria-label=${sliceWords(slice, model, format)}>
          ${renderAxes({ x: scaleX, y: scaleY, margin: SLICE_MARGIN, xLabel: axisName(0), yLabel: axisName(1), format: (v) => format(v, { digits: 2 }) })}
          <g transform="translate(${SLICE_MARGIN.left},${SLICE_MARGIN.top})">
            <svg class="clip" width=${inner.width} height=${inner.height}>
              ${slice.paths.map(({ racer, points }) => {
                const path = seriesStyle(racer);
                return svg`<polyline class="slice-path" style=${cssomStyle({ color: path.color })} stroke-dasharray=${path.dash.join(' ') || 'none'} points=${points.map(([a, b]) => `${x(a)},${y(b)}`).join(' ')}></polyline>
                  <circle class="slice-start" style=${cssomStyle({ color: path.color })} cx=${x(points[0][0])} cy=${y(points[0][1])} r="3.5"></circle>`;
              })}
              <path class="slice-centre" style=${cssomStyle({ color: style.color })} d=${markerPath(style.marker, x(0), y(0), 6)}></path>
            </svg>
          </g>
        </svg>
      </div>
      ${renderColorLegend(plan, { width: geometry.slice.width, id: 'network-slice-ramp', label: 'Cost J', format })}
      <p class="figure-note">
        ${tex(SLICE_TEX)} ${sliceWords(slice, model, format)}
        ${slice.directions === 'pca' ? html`Rings mark where each path started.` : nothing}
        ${slice.flat ? html`<strong class="warn">The directions are zero: every weight they scale is 0 (zeros init), so the plane has no extent.</strong>` : nothing}
        ${stale ? html`<strong>Training has moved on (update ${format(model.iteration)}): Refresh to see the landscape now.</strong>` : nothing}
      </p>`;
  } else {
    body = html`<p class="figure-note slice-empty">
      ${
        progress
          ? html`Working out J at ${format(41 * 41)} points: ${format(Math.round((100 * progress.done) / progress.total))} %…`
          : html`The network has ${format(model.shape.parameters)} parameters, so its loss landscape cannot be drawn whole. Show a 2-D slice
            of it ${tex(SLICE_TEX)} through a racer's current weights θ, and the 1-D slice from its initial weights.`
      }
    </p>`;
  }
  return html`<figure class="landscape" part="landscape">
    <figcaption><strong>Loss landscape</strong> ${controls}</figcaption>
    ${body}
  </figure>`;
}

/** Round ticks between a and b (the slice's axes are plain numbers). */
function ticksOf(a: number, b: number): number[] {
  const span = b - a;
  const step = 10 ** Math.floor(Math.log10(span / 4));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => span / s <= 6) ?? step * 10;
  const ticks: number[] = [];
  for (let t = Math.ceil(a / nice) * nice; t <= b + nice * 1e-9; t += nice) ticks.push(Math.abs(t) < nice * 1e-9 ? 0 : t);
  return ticks;
}

/** The 1-D slice: J on the straight line from each racer's initial weights (τ = 0) to its current ones (τ = 1). */
export function renderLine(view: NetworkView): TemplateResult {
  const { model, geometry, format, slice } = view;
  if (!slice) {
    return html`<figure class="line" part="interpolation">
      <figcaption><strong>From the start to now</strong></figcaption>
      <p class="figure-note">
        ${tex(LINE_TEX)}: J on the straight line from the initial weights θ₀ to the current ones θ, shown with the landscape.
      </p>
    </figure>`;
  }
  const inner = innerSize(geometry.line, CHART_MARGIN);
  const { x, y } = lineScales(slice, inner);
  const words = slice.line.rises.flatMap((rise, i) => {
    if (!rise) return [];
    const label = model.entries[i]?.label ?? '';
    const start = slice.line.costs[i]![slice.line.taus.findIndex((tau) => Math.abs(tau) < 1e-12)];
    // A rise under 1 % of J at the start is a ripple, not a barrier.
    const barrier = rise.rise > 0.01 * start;
    return [
      barrier
        ? `${label}: J rises by ${format(rise.rise, { digits: 2 })} at τ = ${format(rise.tau, { digits: 2 })}, a barrier the straight line crosses`
        : `${label}: no barrier (J never rises by more than 1 % of its start value)`,
    ];
  });
  return html`<figure class="line" part="interpolation">
    <figcaption><strong>From the start to now</strong> (after ${format(slice.iteration)} updates)</figcaption>
    <div class="plot" style=${cssomStyle({ width: geometry.line.width, height: geometry.line.height })}>
      <canvas class="line-costs" style=${cssomStyle({ left: CHART_MARGIN.left, top: CHART_MARGIN.top })} aria-hidden="true"></canvas>
      <svg
        width=${geometry.line.width}
        height=${geometry.line.height}
        role="img"
        aria-label=${`J from the initial to the current weights: ${words.join('; ')}.`}
      >
        ${renderAxes({
          x,
          y,
          margin: CHART_MARGIN,
          xLabel: 'τ (0: start, 1: now)',
          yLabel: 'J (log)',
          format: (v) => (x.ticks().includes(v) ? format(v) : formatLogTick(v, format)),
          yTickCount: 4,
          grid: true,
        })}
        <g transform="translate(${CHART_MARGIN.left},${CHART_MARGIN.top})">
          <line class="tau-mark" x1=${x(0)} x2=${x(0)} y1="0" y2=${inner.height}></line>
          <line class="tau-mark" x1=${x(1)} x2=${x(1)} y1="0" y2=${inner.height}></line>
        </g>
      </svg>
    </div>
    <p class="figure-note">${tex(LINE_TEX)} (Goodfellow, Vinyals &amp; Saxe 2015). ${words.join('. ')}.</p>
  </figure>`;
}

/** The cost the racers minimise, and the model, typeset. */
export function renderFormula(view: NetworkView): TemplateResult {
  const { model } = view;
  const full = model.batchSize >= model.data.y.length;
  const hidden = model.shape.hidden.length > 0;
  return html`<div class="cost-formula" part="formula">
    <p>
      ${tex(COST)}, with the per-example loss ${tex(LOSS)}
      ${full ? nothing : html`; each update follows the gradient of one mini-batch's ${tex(BATCH_COST)} (m_b = ${view.format(model.batchSize)})`}.
    </p>
    <p>
      ${
        hidden
          ? html`${tex(HIDDEN_LAYER)} (a⁽⁰⁾ = x) with ${tex(ACTIVATION_TEX[model.settings.activation])}, and ${tex(OUTPUT_LAYER)}`
          : html`${tex(LOGISTIC)} (logistic regression)`
      }:
      a ${model.shape.sizes.join('-')} network with ${view.format(model.shape.parameters)} parameters W.
    </p>
  </div>`;
}

/** One line per racer: its rate, where it is (costs and test accuracy) or why it stopped. */
export function renderLegend(view: NetworkView): TemplateResult {
  const { model, format } = view;
  return html`<ul class="legend" part="legend" aria-label="Racers">
    ${model.entries.map((entry, i) => {
      const status = model.status(i);
      const latest = model.latest(i);
      const text = entry.disabled
        ? 'switched off'
        : status === 'diverged'
          ? `diverged after ${format(model.stoppedAt(i) ?? model.iteration, { digits: 6 })} updates (weights past ±${format(WEIGHT_BOUND)})`
          : `J ${format(latest.cost, { digits: 3 })}${latest.testCost !== undefined ? ` · test J ${format(latest.testCost, { digits: 3 })} · test accuracy ${percent(latest.testAccuracy!, format)}` : ` · accuracy ${percent(latest.accuracy, format)}`}${status === 'converged' ? ' · converged' : ''}`;
      return html`<li class="legend-item ${status}">
        ${renderSwatch(i)}
        <span class="legend-label">${entry.label} <span class="legend-rate">${rateText(entry, model.iteration, format)}</span></span>
        <span class="legend-status ${status === 'diverged' ? 'warn' : ''}">${text}</span>
      </li>`;
    })}
  </ul>`;
}

/** Play/pause, step, reset, the speed slider and the update and epoch readout. */
export function renderControls(view: NetworkView): TemplateResult {
  const { playing, format, actions, model } = view;
  return renderPlayControls({
    playing,
    speed: view.speed,
    maxSpeed: 30,
    unit: 'updates',
    readout: html`Update <strong>${format(model.iteration, { digits: 7 })}</strong> · epoch
      <strong>${format(Math.floor(model.iteration / model.batchesPerEpoch), { digits: 7 })}</strong>`,
    format,
    toggle: actions.toggle,
    step: actions.step,
    reset: actions.reset,
    setSpeed: actions.setSpeed,
    speedCommitted: actions.speedCommitted,
  });
}

/** The data's and the network's settings. */
export function renderSettings(view: NetworkView): TemplateResult {
  const { settings, actions, model } = view;
  const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;
  const full = settings.batchSize === 'full';
  return html`<div class="settings" part="panel">
    <fieldset>
      <legend>Data</legend>
      <label class="field"
        ><span>Dataset</span>
        <select @change=${(event: Event) => actions.set('task', value(event))}>
          ${CLASSIFICATION_DATASETS.map((id) => html`<option value=${id} .selected=${id === settings.task}>${DATASET_NAMES[id]}</option>`)}
        </select></label
      >
      <label class="field"
        ><span>Training points m</span>
        <input
          type="number"
          min="10"
          max=${MAX_SIZE}
          step="10"
          .value=${String(settings.size)}
          @change=${(event: Event) => actions.set('size', value(event))}
      /></label>
      <label class="field"
        ><span>Noise</span>
        <input
          type="number"
          min="0"
          max="1"
          step="0.05"
          .value=${String(settings.noise)}
          @change=${(event: Event) => actions.set('noise', value(event))}
      /></label>
      <label class="field"
        ><span>Test points (share of m)</span>
        <input
          type="number"
          min="0"
          max="0.9"
          step="0.1"
          .value=${String(settings.testSplit)}
          @change=${(event: Event) => actions.set('testSplit', value(event))}
      /></label>
      <button class="new-data" @click=${actions.newDataset}>New dataset</button>
    </fieldset>
    <fieldset>
      <legend>Network and training</legend>
      <label class="field"
        ><span>Hidden layers (widths)</span>
        <input type="text" inputmode="numeric" .value=${settings.layers} @change=${(event: Event) => actions.set('layers', value(event))}
      /></label>
      <label class="field"
        ><span>Activation</span>
        <select @change=${(event: Event) => actions.set('activation', value(event))}>
          ${MLP_ACTIVATIONS.map((a) => html`<option value=${a} .selected=${a === settings.activation}>${a}</option>`)}
        </select></label
      >
      <label class="field"
        ><span>Initialisation</span>
        <select @change=${(event: Event) => actions.set('init', value(event))}>
          ${MLP_INITS.map((a) => html`<option value=${a} .selected=${a === settings.init}>${a}</option>`)}
        </select></label
      >
      <label class="field"
        ><span>Batch size m_b</span>
        <input
          type="number"
          min="1"
          max=${MAX_SIZE}
          step="1"
          .value=${String(full ? model.data.y.length : settings.batchSize)}
          ?disabled=${full}
          @change=${(event: Event) => actions.set('batchSize', value(event))}
      /></label>
      <label class="check"
        ><input
          type="checkbox"
          .checked=${full}
          @change=${(event: Event) =>
            actions.set('batchSize', (event.target as HTMLInputElement).checked ? 'full' : Math.min(32, model.data.y.length))}
        />full batch</label
      >
    </fieldset>
  </div>`;
}
