import { html, mathml, type TemplateResult } from 'lit';
import { clamp } from '../../shared/plot/drag.js';
import { tex } from '../../shared/tex.js';
import { UPDATE_TEX } from '../formulas.js';
import { COSTS, COST_SHAPES, type CostShape } from './costs.js';
import { regimeOf, type Regime, type RegimeTrack } from './regime.js';
import { digitsToTell, type Format } from '../../shared/format.js';
import type { HistoryEntry } from './simulation.js';
import type { View } from './view.js';

/** Slider ranges, in log10 units. */
export const RATE_RANGE = [-2, 1.5] as const;
export const CURVATURE_RANGE = [-1, 1] as const;

/** The settings and the tangent step the panels describe, as plain data. */
export interface PanelData {
  learningRate: number;
  curvature: number;
  cost: CostShape;
  minimum: number;
  regime: Regime;
  /** On costs other than the parabola: αJ''(w) here, at the start, and where the regime changed. */
  track?: RegimeTrack;
  /** Undefined until the run is built. */
  view?: View;
  /** A diverged run has no tangent step to describe. */
  diverged: boolean;
  format: Format;
}

/** The play button's icon and word. */
export function renderPlayLabel(playing: boolean): TemplateResult {
  return playing
    ? html`<svg class="play-icon" viewBox="0 0 10 10" aria-hidden="true">
          <rect x="1" y="1" width="3" height="8"></rect>
          <rect x="6" y="1" width="3" height="8"></rect></svg
        >Pause`
    : html`<svg class="play-icon" viewBox="0 0 10 10" aria-hidden="true"><path d="M2 1 L9 5 L2 9 Z"></path></svg>Play`;
}

export function renderLegend(): TemplateResult {
  return html`<ul class="legend" part="legend" aria-label="Legend">
    <li><span class="swatch curve-swatch"></span>cost J(w)</li>
    <li><span class="swatch tangent-swatch"></span>tangent at w</li>
    <li><span class="swatch step-swatch"></span>step −αJ′(w)</li>
    <li><span class="swatch error-swatch"></span>approximation error</li>
    <li><span class="swatch trail-swatch"></span>earlier iterates</li>
    <li><span class="swatch start-swatch"></span>start w₀ (drag it)</li>
  </ul>`;
}

/** w, J(w), J′(w), J″(w) and the approximation error at the current point, and the update with numbers. */
export function renderReadout(data: PanelData, current: HistoryEntry): TemplateResult {
  const { view, format } = data;
  const live = view && !data.diverged ? view : undefined;
  const slope = live ? live.slope : NaN;
  const next = live ? live.next : NaN;
  const error = live ? live.nextCost - (current.cost + live.slope * (live.next - current.w)) : NaN;
  return html`<dl class="readout">
      <dt>w</dt>
      <dd>${format(current.w)}</dd>
      <dt>J(w)</dt>
      <dd>${format(current.cost)}</dd>
      <dt>J′(w)</dt>
      <dd>${format(slope)}</dd>
      <dt>J″(w)</dt>
      <dd>${format(live ? live.localCurvature : NaN)}</dd>
      <dt>approximation error</dt>
      <dd>${format(error)}</dd>
    </dl>
    <p class="update">${data.diverged ? tex(UPDATE_TEX) : renderUpdate(data, current.w, slope, next)}</p>`;
}

/** w ← w − α J'(w) with the live numbers, as MathML. */
function renderUpdate({ learningRate, format }: PanelData, w: number, slope: number, next: number): TemplateResult {
  // Pieces inside <math> are MathML templates, so they land in the MathML namespace.
  // A negative number is bracketed and typeset with a true minus sign.
  const number = (value: number) =>
    value < 0 ? mathml`<mrow><mo>(</mo><mn>−${format(-value)}</mn><mo>)</mo></mrow>` : mathml`<mn>${format(value)}</mn>`;
  return html`<math aria-label=${`w becomes ${format(w)} minus ${format(learningRate)} times ${format(slope)}, which is ${format(next)}`}>
    <mrow>
      <mi>w</mi><mo>←</mo>${number(w)}<mo>−</mo><mn>${format(learningRate)}</mn><mo>×</mo>${number(slope)}<mo>=</mo>${number(next)}
    </mrow>
  </math>`;
}

/** The regime's name and what αc means for the iterates, then the cost and the update rule. */
export function renderRegime(data: PanelData, w: number): TemplateResult {
  const { regime, format } = data;
  const product = data.learningRate * data.curvature;
  const factor = 1 - product;
  const names: Record<Regime, string> = {
    converging: product === 1 ? 'Converges in one step' : 'Converging',
    oscillating: 'Oscillating, converging',
    periodic: 'Periodic',
    diverging: 'Diverging',
  };
  const ac = format(product, { digits: 3 });
  const texts: Record<Regime, string> = {
    converging:
      product === 1
        ? `αc = 1: the tangent step lands exactly on the minimum.`
        : `αc = ${ac} < 1: every step shrinks the distance to w* by the factor ${format(factor, { digits: 3 })}, always from the same side.`,
    oscillating: `1 < αc = ${ac} < 2: each step overshoots w*, so the iterates alternate sides, and the gap still shrinks by ${format(Math.abs(factor), { digits: 3 })} per step.`,
    periodic: `αc = 2: each step overshoots to the mirror point, so w bounces between two values for ever.`,
    diverging: `αc = ${ac} > 2: each step overshoots by more than it corrects; the distance to w* grows by ${format(Math.abs(factor), { digits: 3 })} per step.`,
  };
  const text = data.cost === 'quadratic' || !data.track ? texts[regime] : localRegimeText(data, data.track, ac, w);
  return html`<p class="regime-name" data-regime=${regime}>${data.track ? localNames[regime] : names[regime]}</p>
    <p class="regime-text">${text}</p>
    <p class="formula">${tex(COSTS[data.cost].tex)} <br />${tex(UPDATE_TEX)}</p>`;
}

const localNames: Record<Regime, string> = {
  converging: 'Converging here',
  oscillating: 'Oscillating here',
  periodic: 'On the edge here',
  diverging: 'Diverging here',
};

/**
 * What αJ''(w) means: how steps behave on a parabola as curved as the cost is here. Far
 * from w* the cost between here and w* bends differently, so the text then adds what the
 * next step really does.
 */
const localMeaning: Record<Regime, string> = {
  converging: 'below 1: where the cost bends like this, steps stop short of the bottom, on the same side',
  oscillating: 'between 1 and 2: where the cost bends like this, steps overshoot the bottom and land closer on the other side',
  periodic: 'exactly 2: where the cost bends like this, steps land as far out on the other side',
  diverging: 'above 2: where the cost bends like this, steps overshoot by more than they correct and the iterates fly out',
};

/** How the start looked, in a few words. */
const wasWords: Record<Regime, string> = {
  converging: 'smooth',
  oscillating: 'oscillating',
  periodic: 'on the edge',
  diverging: 'diverging',
};

/**
 * Off the parabola the curvature changes with w, so the regime is read from αJ''(w) at
 * the current point (on a parabola that is αc everywhere), with how it started and when
 * it changed along the run, then what αc says at the minimum.
 */
function localRegimeText(data: PanelData, track: RegimeTrack, ac: string, w: number): string {
  const { format, view } = data;
  const digits = { digits: 3 };
  // The minimum of the well the point is in (the double well has two): distances are
  // measured to it, and it is named, so a point settling into the other well reads so.
  const minima = [data.minimum, ...COSTS[data.cost].landmarks(data.minimum)];
  const target = minima.reduce((best, m) => (Math.abs(w - m) < Math.abs(w - best) ? m : best), data.minimum);
  const other = target !== data.minimum;
  const name = other ? `the other minimum, w* − 2 = ${format(target, digits)}` : 'w*';
  const [from, to] = [Math.abs(w - target), Math.abs((view?.next ?? NaN) - target)];
  // Enough digits that the two distances read as different when they are, and "grows" only when they do.
  const shown = { digits: digitsToTell(from, to) };
  const grows = format(to, shown) !== format(from, shown) && to > from;
  const next =
    data.diverged || !Number.isFinite(to)
      ? ''
      : ` The next step takes the distance to ${name} from ${format(from, shown)} to ${format(to, shown)}` + (grows ? ': it grows.' : '.');
  const settling = other && !data.diverged && Number.isFinite(to) && to < from ? ` It is settling into that minimum, not w*.` : '';
  const curvature = view && Number.isFinite(view.localCurvature) ? `J″(w) = ${format(view.localCurvature, digits)}, so ` : '';
  const here = `Here ${curvature}αJ″(w) = ${format(track.product, digits)}, ${localMeaning[track.regime]}.`;
  const history =
    track.regime === track.startRegime
      ? ''
      : ` It was ${wasWords[track.startRegime]} at the start (αJ″ = ${format(track.start, digits)})` +
        (track.changedAt === undefined ? '.' : ` and changed at step ${format(track.changedAt)}.`);
  return `${here}${next}${settling}${history} At the minimum J″ = c, so αc = ${ac} (${regimeOf(data.learningRate, data.curvature)} there).`;
}

/** What the user set with a control (a slider, a mark α = 1/c or 2/c, the cost picker). */
export type ParamsSet = (values: { curvature?: number; learningRate?: number; cost?: CostShape }) => void;

/** A log-scale slider's value, to 3 significant digits. */
const fromLog = (event: Event) => Number((10 ** Number((event.target as HTMLInputElement).value)).toPrecision(3));

/** The curvature and learning-rate sliders (log scale) with their readouts and marks, and the cost picker. */
export function renderParams(data: PanelData, set: ParamsSet): TemplateResult {
  const { learningRate: rate, curvature: c, format } = data;
  const ratePosition = (alpha: number) => (Math.log10(alpha) - RATE_RANGE[0]) / (RATE_RANGE[1] - RATE_RANGE[0]);
  const marks = [
    { label: '1/c', value: 1 / c, side: 'before' },
    { label: '2/c', value: 2 / c, side: 'after' },
  ].filter((mark) => ratePosition(mark.value) >= 0 && ratePosition(mark.value) <= 1);
  return html`<div class="params" part="params">
    <div class="field">
      <label for="curvature"><span>Curvature c</span><output for="curvature">${format(c, { digits: 3 })}</output></label>
      <input
        id="curvature"
        type="range"
        min=${CURVATURE_RANGE[0]}
        max=${CURVATURE_RANGE[1]}
        step="0.01"
        .value=${String(clamp(Math.log10(c), CURVATURE_RANGE[0], CURVATURE_RANGE[1]))}
        aria-valuetext=${`c = ${format(c, { digits: 3 })}`}
        @input=${(event: Event) => set({ curvature: fromLog(event) })}
      />
    </div>
    <div class="field">
      <label for="learning-rate"
        ><span>Learning rate α (log scale)</span><output for="learning-rate">${format(rate, { digits: 3 })}</output></label
      >
      <input
        id="learning-rate"
        type="range"
        min=${RATE_RANGE[0]}
        max=${RATE_RANGE[1]}
        step="0.01"
        .value=${String(clamp(Math.log10(rate), RATE_RANGE[0], RATE_RANGE[1]))}
        aria-valuetext=${`α = ${format(rate, { digits: 3 })}, αc = ${format(rate * c, { digits: 3 })}, ${data.regime}`}
        @input=${(event: Event) => set({ learningRate: fromLog(event) })}
      />
      <div class="marks">
        ${marks.map(
          (mark) =>
            html`<span class="mark ${mark.side}" data-position=${(100 * ratePosition(mark.value)).toFixed(2)}>
              <button
                type="button"
                aria-label=${`α = ${mark.label}: set the learning rate to ${format(mark.value, { digits: 3 })}`}
                aria-current=${Math.abs(rate - mark.value) <= 1e-9 * mark.value ? 'true' : 'false'}
                @click=${() => set({ learningRate: mark.value })}
              >
                α = ${mark.label}
              </button>
            </span>`,
        )}
      </div>
    </div>
    <div class="field">
      <label for="cost"><span>Cost</span></label>
      <select
        id="cost"
        .value=${data.cost}
        @change=${(event: Event) => set({ cost: (event.target as HTMLSelectElement).value as CostShape })}
      >
        ${COST_SHAPES.map((shape) => html`<option value=${shape} ?selected=${shape === data.cost}>${COSTS[shape].name}</option>`)}
      </select>
    </div>
  </div>`;
}
