import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { numberRule } from '../shared/rules.js';
import { HYPERPARAMETER_RANGES, narrowRange } from '../../core/index.js';
import { RunController } from '../shared/controllers/run-controller.js';
import type { LinkedValues, LinkTaken } from '../shared/controllers/link-controller.js';
import { tokens } from '../shared/tokens.styles.js';
import { controls } from '../shared/controls.styles.js';
import { plotStyles } from '../shared/plot/plot.styles.js';
import { startPointDrag } from '../shared/plot/drag.js';
import { isOneOf, numberOrText } from '../shared/parse.js';
import { styles } from './gd-curvature.styles.js';
import { COSTS, COST_SHAPES, costAndSlope, type CostShape, type CostSpec } from './internal/costs.js';
import { regimeAlong, regimeOf, type Regime, type RegimeTrack } from './internal/regime.js';
import { CurvatureSimulation, ghostOf, type Ghost, type HistoryEntry } from './internal/simulation.js';
import { FollowingFrame, chooseFrame, freshHalfWidth, reframe, sampleCurve, tangentStep, type Frame, type View } from './internal/view.js';
import { keyTarget, plotLayout, wAtClientX } from './internal/layout.js';
import { renderPlot } from './internal/render-plot.js';
import type { Format } from '../shared/format.js';
import { divergedNote, escapeNote } from './internal/notes.js';
import { renderLegend, renderParams, renderPlayLabel, renderReadout, renderRegime, type PanelData } from './internal/render-panels.js';

export type { Regime } from './internal/regime.js';
export type { CostShape } from './internal/costs.js';
export type { HistoryEntry as CurvatureHistoryEntry } from './internal/simulation.js';

export type { GdStepEvent, GdDoneEvent, GdParamsChangeEvent, GdLinkChangeEvent } from '../shared/events.js';

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
 * @fires {GdStepEvent} gd-step - After each batch of updates; detail `{ iteration, values: { w, cost, slope } }`.
 * @fires {GdDoneEvent} gd-done - When a run stops; detail `{ reason: 'converged' | 'diverged' | 'max-steps', iteration }`.
 * @fires {GdParamsChangeEvent} gd-params-change - When the user changes curvature, learning rate, cost or the start; detail: the changed values.
 * @fires {GdLinkChangeEvent} gd-link-change - When the widget takes a plain-GD (`sgd`) learning rate from its `link` group; detail `{link, type, values}`.
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
  /** The path before α, c or the cost last changed mid-run, until a reset. */
  @state() private ghost?: Ghost;
  private regimeTrack?: RegimeTrack;
  /** The drawn window: the run's own (`frame`), widened to follow the iterates. */
  private readonly follower = new FollowingFrame(
    (frame) => this.view && (this.view = reframe(this.spec, this.view, frame)),
    () => this.isConnected,
  );

  /** `format` as a plain function, for the render and note helpers. */
  private readonly formatter: Format = (value, options) => this.format(value, options);
  private frame?: Frame;
  /**
   * Steps in frame-sized chunks, one call after the other; frees tensors on a real removal
   * only. The element draws only SVG through lit, so lit's own update is already its one
   * coalesced paint per frame: it needs no PaintController.
   */
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
  /** A reset() waits for the pending update to rebuild or keep the run. */
  private resetOnUpdate = false;

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
   * the element has first updated (`await element.updateComplete`) or stepped.
   */
  get history(): HistoryEntry[] {
    return (this.simulation?.entries ?? []).map((entry) => ({ ...entry }));
  }

  /**
   * What the iterates do: from αc on the parabola; on the other costs from αJ''(w) at
   * the current point, where the curvature is not c.
   */
  get regime(): Regime {
    const track = this.cost === 'quadratic' ? undefined : this.regimeTrack;
    return track?.regime ?? regimeOf(this.learningRate, this.curvature);
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

  /** Half the width of the plot as drawn. */
  private get halfWidth(): number {
    return this.frame ? (this.frame.domain[1] - this.frame.domain[0]) / 2 : freshHalfWidth(this.spec, this.init);
  }

  protected override stateSettings(): Record<string, unknown> {
    const { curvature, learningRate, init, minimum, cost, speed } = this;
    return { curvature, learningRate, init, minimum, cost, speed };
  }

  protected override updatesMade(): number {
    return this.iteration;
  }

  protected override async replay(n: number): Promise<void> {
    this.restart();
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
    this.ensureSimulation();
    await this.advance(n);
  }

  /** Returns to w₀ at iteration 0 and stops playing; a pending `step(n)` ends here. */
  reset(): void {
    this.pause();
    this.runGeneration++;
    if (this.builtFor !== this.runKey && (this.isConnected || this.hasUpdated)) {
      // Settings changed since the last update: reset once that update has validated them
      // (a rejected value leaves the old run, which must still go back to w₀).
      this.resetOnUpdate = true;
      this.requestUpdate();
      return;
    }
    this.restart();
  }

  /** Back to w₀ at iteration 0, in the run's own window, without the ghost. */
  private restart(): void {
    this.ensureSimulation().reset();
    this.ghost = undefined;
    if (this.frame) this.follower.reset(this.frame);
    this.afterChange();
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
  override applyLinked(values: LinkedValues): LinkTaken {
    const rate = values.learningRate;
    const stamp = values.stamps?.learningRate;
    if (values.type !== 'sgd' || rate === undefined || !this.linker.stamps.newer('learningRate', stamp)) return undefined;
    if (!this.propertyRules().learningRate.valid(rate)) return undefined;
    this.linker.stamps.took('learningRate', stamp!);
    if (rate === this.learningRate) return undefined;
    this.learningRate = rate;
    this.changedByElement('learningRate');
    return { values: { learningRate: rate } };
  }

  protected override linkedProperties(): readonly string[] {
    return ['learningRate'];
  }

  // A removal keeps the run: the RunController frees its tensors once the element is
  // really gone (not on a move), and the next step rebuilds them from the history's
  // snapshot, so a widget put back carries on where it was.

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A learning rate set by the user or by page script since the last update goes to the
    // link group with its place in the page's order (not one it just took from the group).
    const rate = this.linker.stamps.flush().get('learningRate');
    if (rate !== undefined) this.linker.share({ type: 'sgd', learningRate: this.learningRate, stamps: { learningRate: rate } });
    // The run follows the (now validated) settings here, before render, which only reads it.
    this.ensureSimulation();
    if (this.resetOnUpdate) {
      this.resetOnUpdate = false;
      this.restart();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Positions go through the CSSOM, not style attributes, so a strict CSP (no
    // 'unsafe-inline' styles) allows them.
    for (const mark of this.renderRoot.querySelectorAll<HTMLElement>('.mark[data-position]')) {
      mark.style.left = `${mark.dataset.position}%`;
    }
  }

  protected onFrame(): void {
    // An update on its way may rebuild the run: step after it.
    if (this.stepping || this.isUpdatePending) return;
    const now = performance.now();
    if (now - this.lastBeat < 1000 / this.speed) return;
    this.lastBeat = now;
    this.stepping = true;
    void this.advance(1)
      .catch((error: unknown) => console.error('<gd-curvature>:', error))
      .finally(() => (this.stepping = false));
  }

  /** The run for the current settings, rebuilt (iteration 0) when one changed since it was built. */
  private ensureSimulation(): CurvatureSimulation {
    const key = this.runKey;
    if (this.simulation && this.builtFor === key) return this.simulation;
    const spec = this.spec;
    const simulation = new CurvatureSimulation(spec, this.learningRate, this.init, BOUND_IN_HALF_WIDTHS * freshHalfWidth(spec, this.init));
    const names = Object.fromEntries(COST_SHAPES.map((shape) => [shape, COSTS[shape].name]));
    const ghost = this.ghost ?? ghostOf(this.simulation, spec, this.learningRate, names, this.formatter);
    // The old points drawn on the cost as it is now, so the ghost lies on the curve shown.
    this.ghost = ghost && { ...ghost, costs: costAndSlope(spec, ghost.ws).cost };
    this.simulation?.dispose();
    this.runner.cancel();
    this.runGeneration++;
    this.simulation = simulation;
    this.builtFor = key;
    this.frame = chooseFrame(spec, this.init, this.frame);
    this.view = sampleCurve(spec, this.follower.target ?? this.frame, this.init);
    this.follower.reset(this.frame);
    this.afterChange();
    return simulation;
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
    if (reason === 'diverged') this.setNote('run', divergedNote(entries, this.cost, this.curvature, this.formatter));
    this.fire('gd-done', { reason, iteration: simulation.iteration });
  }

  /** Recomputes the tangent step after the point moved (three tiny tfjs evaluations) and the note about escaping. */
  private afterChange(): void {
    const simulation = this.simulation;
    if (!simulation || !this.view) return;
    const { w, cost } = simulation.current;
    // J''(w) at each new iterate for the regime's history; the last one is the current point's.
    const track = (this.regimeTrack = regimeAlong(this.regimeTrack, simulation.entries, this.spec, this.learningRate));
    const step = tangentStep(this.spec, w, this.learningRate, track?.iteration === simulation.iteration ? track.curvature : undefined);
    this.view = { ...this.view, ...step };
    // The window follows the last iterates (a step(n) jumps over some), the next point and the tangent step's end.
    const live = simulation.status !== 'diverged';
    const points = [...simulation.entries.slice(-64), ...(live ? [{ w: step.next, cost: step.nextCost }] : [])];
    this.follower.follow(points, live ? [cost + step.slope * (step.next - w)] : []);
    if (live) {
      this.finished = false;
      const note = escapeNote(simulation.entries, this.minimum, this.halfWidth, simulation.bound, this.formatter);
      if (note !== this.notes.run) this.setNote('run', note);
    }
    this.revision++;
  }

  private userSet(values: Partial<Pick<GdCurvature, 'curvature' | 'learningRate' | 'cost'>>): void {
    Object.assign(this, values);
    this.changedByElement(...Object.keys(values));
    this.fire('gd-params-change', { ...values });
  }

  /** Dragging the start restarts the run from there; the axes stay while it is in view. */
  private onHandlePointerDown(event: PointerEvent): void {
    const view = this.view;
    const svgElement = this.renderRoot.querySelector<SVGSVGElement>('.plot svg');
    if (!view || !svgElement) return;
    startPointDrag(event, {
      // The layout the SVG is drawn with now (its viewBox), read at each move rather than kept from render.
      toData: (clientX) => [wAtClientX(plotLayout(svgElement.viewBox.baseVal.width, view.domain, view.costRange), svgElement, clientX), 0],
      domain: { x: view.domain, y: [0, 0] },
      onPreview: ([w]) => this.moveStart(w, false),
      onCommit: ([w]) => this.moveStart(w, true),
    });
  }

  private onHandleKeydown(event: KeyboardEvent): void {
    const target = this.view && keyTarget(event, this.init, this.view.domain);
    if (target === undefined) return;
    event.preventDefault();
    this.moveStart(target, true);
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
    const diverged = this.simulation?.status === 'diverged';
    const format = this.formatter;
    const panel: PanelData = {
      learningRate: this.learningRate,
      curvature: this.curvature,
      cost: this.cost,
      minimum: this.minimum,
      regime: this.regime,
      track: this.cost === 'quadratic' ? undefined : this.regimeTrack,
      view: this.view,
      diverged,
      format,
    };
    const plot = renderPlot({
      width: this.hostSize.width,
      view: this.view,
      entries,
      minimum: this.minimum,
      init: this.init,
      diverged,
      ghost: this.ghost,
      format,
      onHandlePointerDown: this.onHandlePointerDown,
      onHandleKeydown: this.onHandleKeydown,
    });
    return html`${this.renderCaption()}
      <div class="layout">
        ${plot} ${renderLegend()}
        <!-- On a phone the dock stays at the bottom of the screen while the plot is on it. -->
        <div class="dock">
          <div class="bar" part="controls">
            <button class="primary" @click=${() => (this.playing ? this.pause() : this.play())}>${renderPlayLabel(this.playing)}</button>
            <button @click=${this.onStepClick}>Step</button>
            <button @click=${() => this.reset()}>Reset</button>
            <span class="iteration" aria-live="off">Iteration <strong>${this.format(current.iteration)}</strong></span>
          </div>
          ${renderParams(panel, (values) => this.userSet(values))}
        </div>
        ${this.renderNotes()}
        <div class="panels">
          <section class="panel" part="readout" aria-label="Current values">
            <h3>Current point</h3>
            ${renderReadout(panel, current)}
          </section>
          <section class="panel" part="regime" aria-label="Regime">
            <h3>Regime</h3>
            ${renderRegime(panel, current.w)}
          </section>
        </div>
      </div>`;
  }
}
