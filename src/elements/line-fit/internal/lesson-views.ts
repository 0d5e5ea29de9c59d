import { html, svg, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import { getOptimizer } from '../../../core/index.js';
import { clampToDomain, type Domain2D } from '../../shared/plot/drag.js';
import { renderRateMarks } from '../../shared/rate-marks.js';
import { RISING_NOTE_AFTER, gradientAt, rateAt, risingSteps, stabilityMarks, type Ghost } from './lesson.js';
import { trajectoryPath } from './layout.js';
import type { LineFitModel } from './model.js';
import { digitsToTell, type Format } from '../../shared/format.js';

/*
 * The teaching layers of the line fit's views: the batch the next update uses (its
 * points and its step beside the full-data step), the faded path of the run before a
 * hyperparameter changed, the stable learning rates on the slider, the note when the
 * cost keeps rising and the decayed learning rate.
 */

/** Highlighted batch points are drawn one by one in SVG; a larger batch is thinned for drawing. */
const MAX_BATCH_DOTS = 1000;

/** The indices of update `iteration`'s batch when it is smaller than m, else none. */
export function nextBatch(model: LineFitModel): number[] {
  const { trainer, dataset } = model;
  if (model.batchSize >= dataset.x.length || trainer.status !== 'running') return [];
  return Array.from(trainer.batchIndices(trainer.iteration));
}

/** The next batch's points on the scatter (inside its clipped svg). */
export function batchDots(model: LineFitModel, x: (v: number) => number, y: (v: number) => number): SVGTemplateResult | typeof nothing {
  const indices = nextBatch(model);
  if (!indices.length) return nothing;
  const stride = Math.max(1, Math.ceil(indices.length / MAX_BATCH_DOTS));
  const shown = indices.filter((_, k) => k % stride === 0);
  const { dataset } = model;
  // The indices are listed for a batch drawn whole; a larger one is read from `highlightedIndices`.
  return svg`<g class="batch" data-indices=${stride === 1 ? indices.join(' ') : nothing}>
    ${shown.map((i) => svg`<circle cx=${x(dataset.x[i])} cy=${y(dataset.y[i])} r="4.5"></circle>`)}
  </g>`;
}

function arrow(from: [number, number], to: [number, number], cls: string): SVGTemplateResult {
  const [x1, y1] = from;
  const [x2, y2] = to;
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (!(length > 1)) return svg`<circle class=${`arrow ${cls}`} cx=${x1} cy=${y1} r="2"></circle>`;
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const head = Math.min(8, length / 2);
  const points = [
    [x2, y2],
    [x2 - head * ux + (head / 2) * uy, y2 - head * uy - (head / 2) * ux],
    [x2 - head * ux - (head / 2) * uy, y2 - head * uy + (head / 2) * ux],
  ]
    .map((p) => p.map((v) => v.toFixed(1)).join(','))
    .join(' ');
  return svg`<g class=${`arrow ${cls}`}><line x1=${x1} y1=${y1} x2=${x2 - head * ux} y2=${y2 - head * uy}></line><polygon points=${points}></polygon></g>`;
}

/**
 * The next update's step −α_t·∇ from the current (w, b): with the batch's gradient and
 * with the whole training set's, so the gap between them is the mini-batch noise.
 */
export function stepArrows(
  model: LineFitModel,
  domain: Domain2D,
  x: (v: number) => number,
  y: (v: number) => number,
): SVGTemplateResult | typeof nothing {
  const indices = nextBatch(model);
  if (!indices.length) return nothing;
  const { trainer, dataset, settings } = model;
  const { w, b } = trainer.history[trainer.history.length - 1];
  if (!Number.isFinite(w) || !Number.isFinite(b)) return nothing;
  const alpha = rateAt(settings.learningRate, settings.decay, trainer.iteration);
  const from = clampToDomain([w, b], domain);
  const end = (g: [number, number]): [number, number] => {
    const [ew, eb] = clampToDomain([w - alpha * g[0], b - alpha * g[1]], domain);
    return [x(ew), y(eb)];
  };
  const start: [number, number] = [x(from[0]), y(from[1])];
  // The full-data arrow is drawn last and thinner, so it shows where the two agree.
  return svg`<g class="steps">
    ${arrow(start, end(gradientAt(dataset, w, b, indices)), 'batch-step')} ${arrow(start, end(gradientAt(dataset, w, b)), 'full-step')}
  </g>`;
}

/** The legend entries of the step arrows and of the ghost. */
export function landscapeKey(model: LineFitModel, ghost: Ghost | undefined): TemplateResult {
  return html`${
    nextBatch(model).length
      ? html`<span class="legend batch-step"><span class="swatch"></span>this batch</span>
          <span class="legend full-step"><span class="swatch"></span>all data</span>`
      : nothing
  }
  ${ghost ? html`<span class="legend ghost"><span class="swatch dashed"></span>${ghost.label}</span>` : nothing}`;
}

/** The faded path of the run before the last hyperparameter change. */
export function ghostPath(
  ghost: Ghost | undefined,
  domain: Domain2D,
  x: (v: number) => number,
  y: (v: number) => number,
  budget: number,
): SVGTemplateResult | typeof nothing {
  if (!ghost) return nothing;
  const history = ghost.points.map((point, iteration) => ({ ...point, iteration, epoch: 0, cost: 0 }));
  return svg`<path class="ghost" data-label=${ghost.label} d=${trajectoryPath(history, x, y, domain, budget)}></path>`;
}

/** 1/λ_max and 2/λ_max of the data's Hessian under the learning-rate slider. */
export function stabilityMarksRow(
  model: LineFitModel,
  range: [number, number],
  format: Format,
  onMark: (alpha: number) => void,
): TemplateResult {
  const { critical, bound } = stabilityMarks(model.dataset.stats);
  const [lo, hi] = range.map(Math.log10);
  return renderRateMarks(
    [
      { label: '1/λ_max', value: critical, side: 'before' },
      { label: '2/λ_max', value: bound, side: 'after' },
    ],
    {
      rate: model.settings.learningRate,
      position: (alpha) => (Math.log10(alpha) - lo) / (hi - lo),
      format: (value) => format(value, { digits: digitsToTell(value) }),
      onMark,
    },
  );
}

/** Why the cost keeps rising, once it has for several updates in a row. */
export function risingNote(model: LineFitModel, format: Format): TemplateResult | typeof nothing {
  const { trainer, dataset, settings } = model;
  const rising = risingSteps(trainer.history);
  if (rising < RISING_NOTE_AFTER) return nothing;
  const { bound } = stabilityMarks(dataset.stats);
  const alpha = rateAt(settings.learningRate, settings.decay, Math.max(0, trainer.iteration - 1));
  // Enough digits that "above" and "below" agree with the numbers written (α = 1 is above 0.9995, not above "1").
  const rate = `α${settings.decay > 0 ? '_t' : ''} = ${format(alpha, { digits: digitsToTell(alpha, bound) })}`;
  const limit = `2/λ_max = ${format(bound, { digits: digitsToTell(bound, alpha) })}`;
  let why: string;
  if (alpha > bound && settings.optimizer === 'sgd') why = `${rate} is above ${limit}, so each step overshoots further.`;
  else if (alpha > bound) why = `${rate} is above ${limit}, the bound for plain gradient descent.`;
  else if (model.batchSize < dataset.x.length) why = `${rate} is below ${limit}; each mini-batch pulls toward its own best line.`;
  else why = `${rate} is below ${limit}; ${getOptimizer(settings.optimizer)?.name ?? settings.optimizer} does not take plain α·∇J steps.`;
  return html`<p class="lesson-note">The cost has risen for ${format(rising, { fraction: 0 })} steps: ${why}</p>`;
}

/** α_t of the next update while the learning rate decays. */
export function decayedRate(model: LineFitModel, format: Format): TemplateResult | typeof nothing {
  const { settings, trainer } = model;
  if (!(settings.decay > 0)) return nothing;
  const t = trainer.iteration;
  return html`<div class="decayed">
    <dt>
      <math
        ><msub><mi>α</mi><mi>t</mi></msub></math
      >
    </dt>
    <dd data-rate=${String(rateAt(settings.learningRate, settings.decay, t))}>
      ${format(rateAt(settings.learningRate, settings.decay, t), { digits: 3 })}
      <span class="sub">at step ${format(t, { fraction: 0 })}</span>
    </dd>
  </div>`;
}
