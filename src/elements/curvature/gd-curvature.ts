import { html, mathml, svg, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { scaleLinear } from 'd3-scale';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { numberRule } from '../shared/rules.js';
import { HYPERPARAMETER_RANGES, narrowRange } from '../../core/index.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { LinkController, type LinkedValues, type LinkTaken } from '../shared/controllers/link-controller.js';
import { tokens } from '../shared/tokens.styles.js';
import { controls } from '../shared/controls.styles.js';
import { plotStyles } from '../shared/plot/plot.styles.js';
import { renderAxes, type Margin } from '../shared/plot/axes.js';
import { clamp, startPointDrag } from '../shared/plot/drag.js';
import { isOneOf, numberOrText } from '../shared/parse.js';
import { tex } from '../shared/tex.js';
import { styles } from './gd-curvature.styles.js';
import { UPDATE_TEX } from './formulas.js';
import { COSTS, COST_SHAPES, costAndSlope, curvatureAt, type CostShape, type CostSpec } from './internal/costs.js';
import { regimeOf, type Regime } from './internal/regime.js';
import { CurvatureSimulation, type HistoryEntry } from './internal/simulation.js';

export type { Regime } from './internal/regime.js';
export type { CostShape } from './internal/costs.js';
export type { HistoryEntry as CurvatureHistoryEntry } from './internal/simulation.js';

/**
 * Accepted values. They keep every number the element computes in float32 (the core
 * runs in float32, largest ~3.4e38) and on screen finite: the run stops at 10⁵ plot
 * half-widths from w*, where the steepest quartic (c = 1000, a start 2·10⁴ from w*)
 * stays below 10³⁸ until that bound; a learning rate of 1000 with c = 1000 diverges in
 * one step, so larger ones show nothing new.
 */
const CURVATURE = { min: 1e-3, max: 1e3 };
const LEARNING_RATE = narrowRange(HYPERPARAMETER_RANGES.learningRate, { max: 1e3 });
const POSITION = { min: -1e4, max: 1e4 };

/** Slider ranges, in log10 units. */
const RATE_RANGE = [-2, 1.5] as const;
const CURVATURE_RANGE = [-1, 1] as const;
/** A play run stops here if it neither converges nor diverges (αc = 2 bounces forever). */
const MAX_PLAY_STEPS = 400;
/**
 * The core stops a run as diverged once |w − w*| passes this many plot half-widths (far
 * beyond anything drawn, well inside float32; αc = 2.5 gets 28 exact steps first). A played run stops sooner, once the
 * point is PLAY_STOP_HALF_WIDTHS out, so nobody watches a dot pinned to the edge.
 */
const BOUND_IN_HALF_WIDTHS = 1e5;
const PLAY_STOP_HALF_WIDTHS = 8;
/** The most updates a restored state replays. */
const MAX_REPLAY = 100_000;
const CURVE_SAMPLES = 241;
const TRAIL_LENGTH = 200;
const MARGIN: Margin = { top: 18, right: 14, bottom: 42, left: 52 };

/** The plot's window onto the cost; kept while it still frames the start well. */
interface Frame {
  domain: [number, number];
  costRange: [number, number];
  key: string;
}

interface View {
  /** The cost and slope at the current point and J at the point the tangent step leads to. */
  slope: number;
  /** J''(w) at the current point. */
  localCurvature: number;
  next: number;
  nextCost: number;
  /** The curve, sampled across the plot. */
  curveW: Float32Array;
  curveJ: Float32Array;
  domain: [number, number];
  costRange: [number, number];
}

const roundTo = (value: number, digits: number) => Number(value.toPrecision(digits));

/**
 * Gradient descent on a one-dimensional cost, to show how the learning rate α and the
 * curvature c = J''(w*) together decide whether the iterates walk in, zig-zag in, bounce
 * for ever or fly out. The cost is drawn with the current point, its tangent, the step
 * the tangent implies, the gap between the tangent's prediction and the true cost there
 * (the approximation error), and the trail of earlier iterates.
 *
 * Costs (`d = w − w*`, each with J(w*) = 0 and J''(w*) = c):
 * `quadratic` ½c d²; `quartic` c d²/2 + c d⁴/24 (the curvature grows away from w*);
 * `double-well` c/8 d² (d + 2)² (minima at w* and w* − 2, a hump between).
 *
 * @tag gd-curvature
 * @summary Learning rate against curvature: gradient descent on a 1-D cost.
 *
 * @fires gd-step - After each batch of updates; detail `{ iteration, values: { w, cost, slope } }`.
 * @fires gd-done - When a run stops; detail `{ reason: 'converged' | 'diverged' | 'max-steps', iteration }`.
 * @fires gd-params-change - When the user changes curvature, learning rate, cost or the start; detail: the changed values.
 * @fires gd-link-change - When the widget takes a plain-GD (`sgd`) learning rate from its `link` group; detail `{link, type, values}`.
 *
 * @slot caption - A caption for the figure (a question, a task for the reader), shown above it.
 *
 * @csspart plot - The figure: cost curve, tangent, step, error, trail and the draggable start.
 * @csspart legend - The key below the plot.
 * @csspart controls - Play, step and reset buttons and the iteration counter.
 * @csspart readout - The panel with w, J(w), J'(w) and the update with numbers.
 * @csspart regime - The panel naming the regime in words.
 * @csspart formula - A typeset formula (the cost and the update rule).
 * @csspart params - The curvature, learning-rate and cost controls.
 * @csspart notes - Notes about rejected input and a stopped run.
 * @csspart caption - The wrapper of the `caption` slot.
 *
 * @cssproperty [--gd-curvature-curve-color=var(--gd-series-1)] - The cost curve and the next point.
 * @cssproperty [--gd-curvature-tangent-color=var(--gd-series-2)] - The tangent and the step it implies.
 * @cssproperty [--gd-curvature-error-color=var(--gd-color-model)] - The approximation error.
 * @cssproperty [--gd-curvature-point-color=var(--gd-color-text)] - The current point.
 */
export class GdCurvature extends GdElement {
  static override styles = [tokens, controls, plotStyles, styles];

  /** Curvature c = J''(w*) of the cost at its minimum (0.001 … 1000). */
  @property({ converter: numberOrText }) curvature = 1;

  /** Learning rate α (greater than 0, at most 1000). */
  @property({ attribute: 'learning-rate', converter: numberOrText }) learningRate = 0.3;

  /** Starting point w₀ (−10,000 … 10,000). */
  @property({ converter: numberOrText }) init = 2;

  /** Position w* of the minimum (−10,000 … 10,000). */
  @property({ converter: numberOrText }) minimum = 0;

  /** Shape of the cost: `quadratic`, `quartic` or `double-well`. */
  @property() cost: CostShape = 'quadratic';

  /** Updates per second while playing. */
  @property({ converter: numberOrText }) speed = 3;

  @state() private simulation?: CurvatureSimulation;
  @state() private view?: View;
  /** Bumped after every step so the template re-reads the simulation's history. */
  @state() private revision = 0;

  private readonly linker = new LinkController(this);
  private frame?: Frame;
  /** The last render's geometry, for turning pointer positions into w. */
  private plotGeometry?: { width: number; invert: (pixel: number) => number; domain: [number, number] };
  /** Builds, steps (in frame-sized chunks) and resets in one queue; frees tensors on a real removal only. */
  private readonly runner = new RunController(this, {
    apply: (k) => this.simulation?.step(k) ?? 0,
    release: () => this.simulation?.release(),
  });
  /** Bumped by every reset and rebuild: a step(n) cut short by one reports nothing. */
  private runGeneration = 0;
  private builtFor = '';
  private lastBeat = -Infinity;
  private stepping = false;
  private finished = false;

  protected override propertyRules(): Record<string, PropertyRule> {
    return {
      ...super.propertyRules(),
      curvature: numberRule('curvature', CURVATURE, 1),
      learningRate: numberRule('learning-rate', LEARNING_RATE, 0.3),
      init: numberRule('init', POSITION, 2),
      minimum: numberRule('minimum', POSITION, 0),
      cost: { attribute: 'cost', accepts: COST_SHAPES.join(', '), valid: isOneOf(COST_SHAPES), fallback: 'quadratic' },
      speed: numberRule('speed', { min: 0.5, max: 60 }, 3),
    };
  }

  protected override hideableParts(): Record<string, string[]> {
    return {
      ...super.hideableParts(),
      plot: ['plot'],
      legend: ['legend'],
      controls: ['controls'],
      readout: ['readout'],
      regime: ['regime'],
      panels: ['readout', 'regime'],
      params: ['params'],
    };
  }

  /**
   * `history[k] = { iteration: k, w, cost }`; `history[0]` is the start. Empty until
   * the shared backend has started (`await element.updateComplete` waits for it).
   */
  get history(): HistoryEntry[] {
    return (this.simulation?.entries ?? []).map((entry) => ({ ...entry }));
  }

  /** What the iterates do near the minimum, from the product αc. */
  get regime(): Regime {
    return regimeOf(this.learningRate, this.curvature);
  }

  /** Updates applied so far. */
  get iteration(): number {
    return this.simulation?.iteration ?? 0;
  }

  private get spec(): CostSpec {
    return { shape: this.cost, curvature: this.curvature, minimum: this.minimum };
  }

  private get runKey(): string {
    return [this.cost, this.curvature, this.learningRate, this.init, this.minimum].join('|');
  }

  /** Half the width a fresh plot would have: the start, w* and the cost's landmarks fit with a margin. */
  private get freshHalfWidth(): number {
    const spec = this.spec;
    const far = Math.max(
      Math.abs(this.init - spec.minimum),
      ...COSTS[spec.shape].landmarks(spec.minimum).map((w) => Math.abs(w - spec.minimum)),
    );
    return Math.max(1.25 * far, 1);
  }

  /** Half the width of the plot as drawn. */
  private get halfWidth(): number {
    return this.frame ? (this.frame.domain[1] - this.frame.domain[0]) / 2 : this.freshHalfWidth;
  }

  protected override stateSettings(): Record<string, unknown> {
    const { curvature, learningRate, init, minimum, cost, speed } = this;
    return { curvature, learningRate, init, minimum, cost, speed };
  }

  protected override updatesMade(): number {
    return this.iteration;
  }

  protected override async replay(n: number): Promise<void> {
    await this.enqueue(async () => {
      await this.ensureSimulation();
      this.simulation!.reset();
      this.afterChange();
    });
    await this.advance(Math.min(n, MAX_REPLAY));
  }

  /**
   * Applies `count` updates (fewer if the run diverges first); works paused, off-screen
   * and before the element is in a page. Long requests run in frame-sized chunks; a
   * `reset()` or `pause()` meanwhile ends them.
   */
  async step(count = 1): Promise<void> {
    const requested = Math.floor(Number(count));
    const n = Number.isFinite(requested) ? Math.max(0, requested) : 0;
    // An element never put in a page never updates: it steps on its settings as they are.
    if (this.isConnected || this.hasUpdated) await this.updateComplete;
    await this.enqueue(() => this.ensureSimulation());
    await this.advance(n);
  }

  /** Returns to w₀ at iteration 0 and stops playing; a pending `step(n)` ends here. */
  reset(): void {
    this.pause();
    this.runGeneration++;
    if (this.simulation && this.builtFor === this.runKey) {
      this.simulation.reset();
      this.afterChange();
      return;
    }
    void this.enqueue(async () => {
      await this.ensureSimulation();
      this.simulation!.reset();
      this.afterChange();
    });
  }

  override pause(): void {
    this.runner.cancel();
    super.pause();
  }

  override play(): void {
    // A finished run starts over, so Play always does something visible.
    if (this.finished) this.reset();
    super.play();
  }

  /**
   * Linked elements share the learning rate (called by the link group, not by pages).
   * This widget runs plain gradient descent, so it takes only a rate meant for `sgd`; a
   * rate it cannot show (beyond its range) stays with the widget that sent it.
   * @internal
   */
  applyLinked(values: LinkedValues): LinkTaken {
    const rate = values.learningRate;
    if (values.type !== 'sgd' || rate === undefined || rate === this.learningRate) return undefined;
    if (!this.propertyRules().learningRate.valid(rate)) return undefined;
    this.learningRate = rate;
    this.linker.take('learningRate', rate);
    this.changedByElement('learningRate');
    return { values: { learningRate: rate } };
  }

  /** Also waits for the run to be rebuilt after a parameter change (and for the backend). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    // A rebuild sets state, which renders once more; a few rounds settle it even while playing.
    for (let round = 0; round < 4; round++) {
      const pending = this.runner.idle;
      await pending;
      if (pending === this.runner.idle && !this.isUpdatePending) break;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  // A removal keeps the run: the RunController frees its tensors once the element is
  // really gone (not on a move), and the next step rebuilds them from the history's
  // snapshot, so a widget put back carries on where it was.

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A learning rate set by the user or by page script goes to the link group (not the
    // one the widget started with, nor one it just took from the group).
    const rate = this.learningRate;
    if (
      this.hasUpdated &&
      changed.has('learningRate') &&
      changed.get('learningRate') !== rate &&
      !this.linker.isEcho('learningRate', rate)
    ) {
      this.linker.share({ type: 'sgd', learningRate: rate });
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Positions go through the CSSOM, not style attributes, so a strict CSP (no
    // 'unsafe-inline' styles) allows them.
    for (const mark of this.renderRoot.querySelectorAll<HTMLElement>('.mark[data-position]')) {
      mark.style.left = `${mark.dataset.position}%`;
    }
    if (this.runKey !== this.builtFor) void this.enqueue(() => this.ensureSimulation());
  }

  protected onFrame(): void {
    if (this.stepping) return;
    const now = performance.now();
    if (now - this.lastBeat < 1000 / this.speed) return;
    this.lastBeat = now;
    this.stepping = true;
    void this.enqueue(() => this.ensureSimulation())
      .then(() => this.advance(1))
      .finally(() => (this.stepping = false));
  }

  /** Runs one operation after the previous ones (the RunController's queue), so steps, resets and rebuilds never interleave. */
  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.runner.enqueue(operation);
    next.catch((error: unknown) => console.error('<gd-curvature>:', error));
    return next;
  }

  /** Rebuilds the run when a parameter changed since it was built; iteration goes back to 0. */
  private async ensureSimulation(): Promise<void> {
    const key = this.runKey;
    if (this.simulation && this.builtFor === key) return;
    const spec = this.spec;
    const simulation = await CurvatureSimulation.create(spec, this.learningRate, this.init, BOUND_IN_HALF_WIDTHS * this.freshHalfWidth);
    this.simulation?.dispose();
    this.runner.cancel();
    this.runGeneration++;
    this.simulation = simulation;
    this.builtFor = key;
    this.view = this.sampleCurve(spec);
    this.afterChange();
  }

  /** `count` updates through the RunController (frame-sized chunks), then one report. */
  private async advance(count: number): Promise<void> {
    const simulation = this.simulation;
    if (!simulation || count === 0 || simulation.status === 'diverged') return;
    const before = simulation.iteration;
    const generation = this.runGeneration;
    await this.runner.step(count);
    // A reset or a rebuild meanwhile ended this step; it reports nothing.
    if (generation !== this.runGeneration || simulation !== this.simulation) return;
    this.afterChange();
    if (simulation.iteration !== before) {
      const { w, cost } = simulation.current;
      this.fire('gd-step', { iteration: simulation.iteration, values: { w, cost, slope: this.view?.slope ?? NaN } });
    }
    this.checkFinished(simulation, simulation.iteration - before);
  }

  /** Ends a play run that diverged, converged or ran long, with a note and gd-done. */
  private checkFinished(simulation: CurvatureSimulation, applied: number): void {
    const entries = simulation.entries;
    const last = entries[entries.length - 1];
    const previous = entries[entries.length - 2];
    let reason: 'converged' | 'diverged' | 'max-steps' | undefined;
    if (simulation.status === 'diverged') reason = 'diverged';
    else if (!this.playing) return;
    else if (Math.abs(last.w - this.minimum) > PLAY_STOP_HALF_WIDTHS * this.halfWidth) reason = 'diverged';
    else if (simulation.status === 'converged' || (applied > 0 && previous && Math.abs(last.w - previous.w) <= 1e-6 * this.halfWidth))
      reason = 'converged';
    else if (simulation.iteration >= MAX_PLAY_STEPS) reason = 'max-steps';
    if (!reason || this.finished) return;
    this.finished = true;
    this.pause();
    if (reason === 'diverged') {
      this.setNote(
        'run',
        `Diverged: after ${this.format(simulation.iteration)} steps w = ${this.format(last.w)}, far outside the plot, and every step throws it farther out, so the run stopped. ` +
          (this.cost === 'quadratic'
            ? `Keep α below 2/c = ${this.format(2 / this.curvature, { digits: 3 })} and press Reset.`
            : `Try a smaller α or a start nearer the minimum, and press Reset.`),
      );
    }
    this.fire('gd-done', { reason, iteration: simulation.iteration });
  }

  /** Recomputes the tangent preview after the point moved (three tiny tfjs evaluations). */
  private afterChange(): void {
    const simulation = this.simulation;
    if (!simulation || !this.view) return;
    const spec = this.spec;
    const { w } = simulation.current;
    const [slope] = costAndSlope(spec, [w]).slope;
    const next = w - this.learningRate * slope;
    const [nextCost] = costAndSlope(spec, [next]).cost;
    const localCurvature = curvatureAt(spec, w);
    this.view = { ...this.view, slope, localCurvature, next, nextCost };
    if (simulation.status !== 'diverged') {
      this.finished = false;
      const note = this.escapeNote(simulation);
      if (note !== this.notes.run) this.setNote('run', note);
    }
    this.revision++;
  }

  /** Says so as soon as the point has left the plot and keeps moving away. */
  private escapeNote(simulation: CurvatureSimulation): string | undefined {
    const entries = simulation.entries;
    if (entries.length < 2) return undefined;
    const distance = Math.abs(entries[entries.length - 1].w - this.minimum);
    const before = Math.abs(entries[entries.length - 2].w - this.minimum);
    if (!(distance > this.halfWidth && distance > before)) return undefined;
    return `Diverging: w = ${this.format(entries[entries.length - 1].w)} has left the plot and every step takes it farther out. The run stops when w is ${this.format(simulation.bound)} from the minimum.`;
  }

  private sampleCurve(spec: CostSpec): View {
    const frame = this.chooseFrame(spec);
    this.frame = frame;
    const { domain } = frame;
    const points = new Float32Array(CURVE_SAMPLES);
    for (let i = 0; i < CURVE_SAMPLES; i++) points[i] = domain[0] + ((domain[1] - domain[0]) * i) / (CURVE_SAMPLES - 1);
    const { cost } = costAndSlope(spec, points);
    return {
      slope: 0,
      localCurvature: NaN,
      next: this.init,
      nextCost: NaN,
      curveW: points,
      curveJ: cost,
      domain,
      costRange: frame.costRange,
    };
  }

  /**
   * The window onto the cost. A fresh one frames w*, the start and the cost's landmarks
   * with room above the start; the current one is kept while it still shows the start
   * and is not far too large, so dragging a slider or the start moves the curve and
   * the point, not the axes (a larger c then really looks steeper).
   */
  private chooseFrame(spec: CostSpec): Frame {
    const half = this.freshHalfWidth;
    const domain: [number, number] = [spec.minimum - half, spec.minimum + half];
    const hump = spec.shape === 'double-well' ? 3 * (spec.curvature / 8) : 0;
    const [startCost, edgeLeft, edgeRight] = costAndSlope(spec, [this.init, domain[0], domain[1]]).cost;
    let top = Math.max(1.3 * startCost, hump);
    if (!(top > 0)) top = 0.6 * Math.min(edgeLeft, edgeRight);
    if (!(top > 0)) top = 1;
    const key = `${spec.shape}|${spec.minimum}`;
    const old = this.frame;
    if (old && old.key === key) {
      const [left, right] = old.domain;
      const oldHalf = (right - left) / 2;
      const [bottom, oldTop] = old.costRange;
      const margin = 0.05 * oldHalf;
      const startVisible = this.init >= left + margin && this.init <= right - margin && startCost <= oldTop / 1.05 && startCost >= bottom;
      if (startVisible && half >= oldHalf / 3 && top >= oldTop / 6) return old;
    }
    // Below zero: room for the tangent's prediction, which undershoots once αc > ½.
    return { domain, costRange: [-0.2 * top, top], key };
  }

  private userSet(values: Partial<Pick<GdCurvature, 'curvature' | 'learningRate' | 'cost'>>): void {
    Object.assign(this, values);
    this.changedByElement(...Object.keys(values));
    this.fire('gd-params-change', { ...values });
  }

  private onRateInput(event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    this.userSet({ learningRate: roundTo(10 ** value, 3) });
  }

  private onCurvatureInput(event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    this.userSet({ curvature: roundTo(10 ** value, 3) });
  }

  private onCostChange(event: Event): void {
    this.userSet({ cost: (event.target as HTMLSelectElement).value as CostShape });
  }

  /** Dragging the start restarts the run from there; the axes stay while it is in view. */
  private onHandlePointerDown(event: PointerEvent): void {
    const geometry = this.plotGeometry;
    const svgElement = this.renderRoot.querySelector('.plot svg');
    if (!geometry || !svgElement) return;
    startPointDrag(event, {
      toData: (clientX) => {
        const box = svgElement.getBoundingClientRect();
        const pixel = ((clientX - box.left) * geometry.width) / Math.max(box.width, 1) - MARGIN.left;
        return [geometry.invert(pixel), 0];
      },
      domain: { x: geometry.domain, y: [0, 0] },
      onPreview: ([w]) => this.moveStart(w, false),
      onCommit: ([w]) => this.moveStart(w, true),
    });
  }

  /** Arrows move the start by 1% of the plot (10% with Shift), Page keys by 10%, Home/End to the edges. */
  private onHandleKeydown(event: KeyboardEvent): void {
    const geometry = this.plotGeometry;
    if (!geometry) return;
    const [left, right] = geometry.domain;
    const nudge = (right - left) * (event.shiftKey ? 0.1 : 0.01);
    const moves: Record<string, number> = {
      ArrowRight: this.init + nudge,
      ArrowUp: this.init + nudge,
      ArrowLeft: this.init - nudge,
      ArrowDown: this.init - nudge,
      PageUp: this.init + (right - left) * 0.1,
      PageDown: this.init - (right - left) * 0.1,
      Home: left,
      End: right,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.moveStart(clamp(moves[event.key], left, right), true);
  }

  private moveStart(w: number, final: boolean): void {
    const value = roundTo(w, 4);
    if (value !== this.init) {
      this.init = value;
      this.changedByElement('init');
    }
    if (final) this.fire('gd-params-change', { init: this.init });
  }

  private onStepClick(): void {
    this.pause();
    if (this.finished && this.simulation?.status === 'diverged') return;
    void this.step(1);
  }

  protected override render(): TemplateResult {
    const entries = this.simulation?.entries ?? [{ iteration: 0, w: this.init, cost: NaN }];
    const current = entries[entries.length - 1];
    const regime = this.regime;
    return html`${this.renderCaption()}
      <div class="layout">
        ${this.renderPlot(entries)} ${this.renderLegend()}
        <div class="bar" part="controls">
          <button class="primary" @click=${() => (this.playing ? this.pause() : this.play())}>
            ${
              this.playing
                ? html`<svg class="play-icon" viewBox="0 0 10 10" aria-hidden="true">
                      <rect x="1" y="1" width="3" height="8"></rect>
                      <rect x="6" y="1" width="3" height="8"></rect></svg
                    >Pause`
                : html`<svg class="play-icon" viewBox="0 0 10 10" aria-hidden="true"><path d="M2 1 L9 5 L2 9 Z"></path></svg>Play`
            }
          </button>
          <button @click=${this.onStepClick}>Step</button>
          <button @click=${() => this.reset()}>Reset</button>
          <span class="iteration" aria-live="off">Iteration <strong>${this.format(current.iteration)}</strong></span>
        </div>
        ${this.renderNotes()}
        <div class="panels">
          <section class="panel" part="readout" aria-label="Current values">
            <h3>Current point</h3>
            ${this.renderReadout(current)}
          </section>
          <section class="panel" part="regime" aria-label="Regime">
            <h3>Regime</h3>
            ${this.renderRegime(regime)}
          </section>
        </div>
        ${this.renderParams()}
      </div>`;
  }

  private renderPlot(entries: HistoryEntry[]): TemplateResult {
    const width = Math.max(this.hostSize.width, 240);
    // The same formula sizes .plot in CSS (46cqi), so the layout height never waits for
    // a measurement and a resize cannot feed back into the ResizeObserver.
    const height = plotHeight(width);
    const view = this.view;
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    if (!view) {
      return html`<div class="plot" part="plot" role="figure" aria-label="Loading the cost curve">
        <svg viewBox="0 0 ${width} ${height}"></svg>
      </div>`;
    }
    const x = scaleLinear().domain(view.domain).range([0, innerWidth]);
    const y = scaleLinear().domain(view.costRange).range([innerHeight, 0]);
    // Pixels far outside the plot are pinned just outside it, so nothing huge reaches the SVG.
    const px = (w: number) => clamp(x(w), -innerWidth, 2 * innerWidth);
    const py = (j: number) => clamp(y(j), -innerHeight, 2 * innerHeight);
    const curve = pathOf(view.curveW, view.curveJ, px, py);
    const current = entries[entries.length - 1];
    const diverged = this.simulation?.status === 'diverged';
    const inside = (w: number) => w >= view.domain[0] && w <= view.domain[1];
    // The most recent iterates only, so a run of 10⁵ steps draws as fast as one of 200.
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
    const { slope, next, nextCost } = view;
    const predicted = current.cost + slope * (next - current.w);
    const tip = clampPoint(px(current.w), py(current.cost), innerWidth, innerHeight);
    const offPlot = !inside(current.w) || py(current.cost) < 0;
    // A step so large that J there overflows float32 has no preview to draw.
    const showPreview =
      !diverged &&
      !offPlot &&
      [slope, next, nextCost, predicted].every(Number.isFinite) &&
      Math.abs(next - current.w) > 1e-12 * (view.domain[1] - view.domain[0]);
    const tangentAt = (w: number) => current.cost + slope * (w - current.w);
    const ariaLabel =
      `Cost curve J(w) with the current point w = ${this.format(current.w)}, J(w) = ${this.format(current.cost)}` +
      (showPreview
        ? `; the tangent step leads to w = ${this.format(next)}, where the tangent predicts ${this.format(predicted)} and the cost is ${this.format(nextCost)}.`
        : '.');
    this.plotGeometry = { width, invert: (pixel: number) => x.invert(pixel), domain: view.domain };
    const start = entries[0];
    const startX = px(start.w);
    const startY = clamp(py(start.cost), 0, innerHeight);
    const labelLeft = tip[0] > innerWidth / 2;
    return html`<div class="plot" part="plot" role="figure" aria-label=${ariaLabel}>
      <svg viewBox="0 0 ${width} ${height}">
        <defs>
          <clipPath id="plot-area"><rect width=${innerWidth} height=${innerHeight}></rect></clipPath>
        </defs>
        ${renderAxes({ x, y, margin: MARGIN, xLabel: 'w', yLabel: 'J(w)', format: (v) => this.format(v), grid: true, xTickCount: Math.max(3, Math.floor(innerWidth / 90)), yTickCount: 4 })}
        <g transform="translate(${MARGIN.left},${MARGIN.top})">
          <line class="minimum-guide" x1=${x(this.minimum)} x2=${x(this.minimum)} y1="0" y2=${innerHeight}></line>
          <text class="minimum-label" x=${x(this.minimum)} y="-5" text-anchor="middle">w*</text>
          <g clip-path="url(#plot-area)">
            <path class="curve" d=${curve}></path>
            ${trailPath ? svg`<path class="trail-path" d=${trailPath}></path>` : nothing}
            <g class="trail">
              ${trail.map(
                (e, i) =>
                  svg`<circle cx=${px(e.w)} cy=${py(e.cost)} r="3" opacity=${(0.25 + (0.6 * (i + 1)) / trail.length).toFixed(2)}></circle>`,
              )}
            </g>
            ${
              showPreview
                ? svg`<line class="tangent-line" x1="0" y1=${py(tangentAt(view.domain[0]))} x2=${innerWidth} y2=${py(tangentAt(view.domain[1]))}></line>
                <line class="error" x1=${px(next)} x2=${px(next)} y1=${py(predicted)} y2=${py(nextCost)}></line>
                <line class="tangent-step" x1=${px(current.w)} y1=${py(current.cost)} x2=${px(next)} y2=${py(predicted)}></line>
                ${arrowhead(px(current.w), py(current.cost), px(next), py(predicted))}
                <circle class="prediction" cx=${px(next)} cy=${py(predicted)} r="3.5"></circle>
                <circle class="next" cx=${px(next)} cy=${py(nextCost)} r="5"></circle>`
                : nothing
            }
          </g>
          ${
            offPlot
              ? svg`<path class="offplot" d=${offPlotMarker(tip, innerWidth, innerHeight)}></path>
                <text class="offplot-label" x=${labelLeft ? innerWidth - 8 : 8} y=${innerHeight - 8} text-anchor=${labelLeft ? 'end' : 'start'}>${labelLeft ? '' : '← '}w = ${this.format(current.w)}, off the plot${labelLeft ? ' →' : ''}</text>`
              : svg`<circle class="current" r="6" transform="translate(${tip[0]},${tip[1]})"></circle>`
          }
          <g
            class="handle"
            role="slider"
            tabindex="0"
            aria-label="Start w₀ (drag, or use the arrow keys)"
            aria-valuemin=${view.domain[0]}
            aria-valuemax=${view.domain[1]}
            aria-valuenow=${this.init}
            aria-valuetext=${`w₀ = ${this.format(this.init)}`}
            transform="translate(${startX},${startY})"
            @pointerdown=${this.onHandlePointerDown}
            @keydown=${this.onHandleKeydown}
          >
            <circle class="hit" r="16"></circle>
            <circle class="start" r="9"></circle>
            <circle class="ring" r="13"></circle>
            <text
              class="start-label"
              x=${startX > innerWidth - 40 ? -14 : 14}
              y="-10"
              text-anchor=${startX > innerWidth - 40 ? 'end' : 'start'}
            >
              w₀
            </text>
          </g>
        </g>
      </svg>
    </div>`;
  }

  private renderLegend(): TemplateResult {
    return html`<ul class="legend" part="legend" aria-label="Legend">
      <li><span class="swatch curve-swatch"></span>cost J(w)</li>
      <li><span class="swatch tangent-swatch"></span>tangent at w</li>
      <li><span class="swatch step-swatch"></span>step −αJ′(w)</li>
      <li><span class="swatch error-swatch"></span>approximation error</li>
      <li><span class="swatch trail-swatch"></span>earlier iterates</li>
      <li><span class="swatch start-swatch"></span>start w₀ (drag it)</li>
    </ul>`;
  }

  private renderReadout(current: HistoryEntry): TemplateResult {
    const view = this.view;
    const diverged = this.simulation?.status === 'diverged';
    const slope = view && !diverged ? view.slope : NaN;
    const next = view && !diverged ? view.next : NaN;
    const error = view && !diverged ? view.nextCost - (current.cost + view.slope * (view.next - current.w)) : NaN;
    return html`<dl class="readout">
        <dt>w</dt>
        <dd>${this.format(current.w)}</dd>
        <dt>J(w)</dt>
        <dd>${this.format(current.cost)}</dd>
        <dt>J′(w)</dt>
        <dd>${this.format(slope)}</dd>
        <dt>J″(w)</dt>
        <dd>${this.format(view && !diverged ? view.localCurvature : NaN)}</dd>
        <dt>approximation error</dt>
        <dd>${this.format(error)}</dd>
      </dl>
      <p class="update">${diverged ? tex(UPDATE_TEX) : this.renderUpdate(current.w, slope, next)}</p>`;
  }

  /** w ← w − α J'(w) with the live numbers, as MathML. */
  private renderUpdate(w: number, slope: number, next: number): TemplateResult {
    // Pieces inside <math> are MathML templates, so they land in the MathML namespace.
    // A negative number is bracketed and typeset with a true minus sign.
    const number = (value: number) =>
      value < 0 ? mathml`<mrow><mo>(</mo><mn>−${this.format(-value)}</mn><mo>)</mo></mrow>` : mathml`<mn>${this.format(value)}</mn>`;
    return html`<math
      aria-label=${`w becomes ${this.format(w)} minus ${this.format(this.learningRate)} times ${this.format(slope)}, which is ${this.format(next)}`}
    >
      <mrow>
        <mi>w</mi><mo>←</mo>${number(w)}<mo>−</mo><mn>${this.format(this.learningRate)}</mn
        ><mo>×</mo>${number(slope)}<mo>=</mo>${number(next)}
      </mrow>
    </math>`;
  }

  private renderRegime(regime: Regime): TemplateResult {
    const product = this.learningRate * this.curvature;
    const factor = 1 - product;
    const names: Record<Regime, string> = {
      converging: product === 1 ? 'Converges in one step' : 'Converging',
      oscillating: 'Oscillating, converging',
      periodic: 'Periodic',
      diverging: 'Diverging',
    };
    const ac = this.format(product, { digits: 3 });
    const texts: Record<Regime, string> = {
      converging:
        product === 1
          ? `αc = 1: the tangent step lands exactly on the minimum.`
          : `αc = ${ac} < 1: every step shrinks the distance to w* by the factor ${this.format(factor, { digits: 3 })}, always from the same side.`,
      oscillating: `1 < αc = ${ac} < 2: each step overshoots w*, so the iterates alternate sides, and the gap still shrinks by ${this.format(Math.abs(factor), { digits: 3 })} per step.`,
      periodic: `αc = 2: each step overshoots to the mirror point, so w bounces between two values for ever.`,
      diverging: `αc = ${ac} > 2: each step overshoots by more than it corrects; the distance to w* grows by ${this.format(Math.abs(factor), { digits: 3 })} per step.`,
    };
    const local = this.cost === 'quadratic' ? '' : ` That holds near the minimum. ${this.localRegimeText()}`;
    return html`<p class="regime-name" data-regime=${regime}>${names[regime]}</p>
      <p class="regime-text">${texts[regime]}${local}</p>
      <p class="formula">${tex(COSTS[this.cost].tex)} <br />${tex(UPDATE_TEX)}</p>`;
  }

  /** Off the parabola the curvature changes with w; what αJ''(w) says about the next step. */
  private localRegimeText(): string {
    const view = this.view;
    if (!view || !Number.isFinite(view.localCurvature) || this.simulation?.status === 'diverged') return '';
    const local = this.learningRate * view.localCurvature;
    const here = `Here J″(w) = ${this.format(view.localCurvature, { digits: 3 })}, so αJ″(w) = ${this.format(local, { digits: 3 })}`;
    if (local > 2) return `${here}: at this point a step overshoots by more than it corrects.`;
    if (local > 1) return `${here}: at this point a step overshoots.`;
    return `${here}: at this point a step stays on the same side.`;
  }

  private renderParams(): TemplateResult {
    const rate = this.learningRate;
    const c = this.curvature;
    const ratePosition = (alpha: number) => (Math.log10(alpha) - RATE_RANGE[0]) / (RATE_RANGE[1] - RATE_RANGE[0]);
    const marks = [
      { label: '1/c', value: 1 / c, side: 'before' },
      { label: '2/c', value: 2 / c, side: 'after' },
    ].filter((mark) => ratePosition(mark.value) >= 0 && ratePosition(mark.value) <= 1);
    const regime = this.regime;
    return html`<div class="params" part="params">
      <div class="field">
        <label for="curvature"><span>Curvature c</span><output for="curvature">${this.format(c, { digits: 3 })}</output></label>
        <input
          id="curvature"
          type="range"
          min=${CURVATURE_RANGE[0]}
          max=${CURVATURE_RANGE[1]}
          step="0.01"
          .value=${String(clamp(Math.log10(c), CURVATURE_RANGE[0], CURVATURE_RANGE[1]))}
          aria-valuetext=${`c = ${this.format(c, { digits: 3 })}`}
          @input=${this.onCurvatureInput}
        />
      </div>
      <div class="field">
        <label for="learning-rate"
          ><span>Learning rate α (log scale)</span><output for="learning-rate">${this.format(rate, { digits: 3 })}</output></label
        >
        <input
          id="learning-rate"
          type="range"
          min=${RATE_RANGE[0]}
          max=${RATE_RANGE[1]}
          step="0.01"
          .value=${String(clamp(Math.log10(rate), RATE_RANGE[0], RATE_RANGE[1]))}
          aria-valuetext=${`α = ${this.format(rate, { digits: 3 })}, αc = ${this.format(rate * c, { digits: 3 })}, ${regime}`}
          @input=${this.onRateInput}
        />
        <div class="marks">
          ${marks.map(
            (mark) =>
              html`<span class="mark ${mark.side}" data-position=${(100 * ratePosition(mark.value)).toFixed(2)}>
                <button
                  type="button"
                  aria-label=${`α = ${mark.label}: set the learning rate to ${this.format(mark.value, { digits: 3 })}`}
                  aria-current=${Math.abs(rate - mark.value) <= 1e-9 * mark.value ? 'true' : 'false'}
                  @click=${() => this.userSet({ learningRate: mark.value })}
                >
                  α = ${mark.label}
                </button>
              </span>`,
          )}
        </div>
      </div>
      <div class="field">
        <label for="cost"><span>Cost</span></label>
        <select id="cost" .value=${this.cost} @change=${this.onCostChange}>
          ${COST_SHAPES.map((shape) => html`<option value=${shape} ?selected=${shape === this.cost}>${COSTS[shape].name}</option>`)}
        </select>
      </div>
    </div>`;
  }
}

/** Plot height for a content width; keep in step with `.plot` in the styles. */
const plotHeight = (width: number) => clamp(width * 0.46, 220, 340);

function pathOf(ws: ArrayLike<number>, js: ArrayLike<number>, px: (w: number) => number, py: (j: number) => number): string {
  let d = '';
  for (let i = 0; i < ws.length; i++) {
    const x = px(ws[i]);
    const y = py(js[i]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    d += `${d ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  return d;
}

function clampPoint(x: number, y: number, width: number, height: number): [number, number] {
  return [clamp(x, 0, width), clamp(y, 0, height)];
}

/** A small triangle at the plot's edge pointing to where the point went. */
function offPlotMarker([x, y]: [number, number], width: number, height: number): string {
  if (x <= 0) return `M0,${y} l9,-6 v12 z`;
  if (x >= width) return `M${width},${y} l-9,-6 v12 z`;
  if (y <= 0) return `M${x},0 l-6,9 h12 z`;
  return `M${x},${height} l-6,-9 h12 z`;
}

function arrowhead(x0: number, y0: number, x1: number, y1: number) {
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (length < 12) return nothing;
  const ux = (x1 - x0) / length;
  const uy = (y1 - y0) / length;
  const size = 8;
  const bx = x1 - ux * size;
  const by = y1 - uy * size;
  return svg`<path class="arrowhead" d="M${x1},${y1} L${bx - uy * size * 0.5},${by + ux * size * 0.5} L${bx + uy * size * 0.5},${by - ux * size * 0.5} Z"></path>`;
}
