import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { HYPERPARAMETER_RANGES, OPTIMIZER_TYPES, narrowRange, type OptimizerType } from '../../core/index.js';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { numberRule } from '../shared/rules.js';
import { tokens } from '../shared/tokens.styles.js';
import { controls } from '../shared/controls.styles.js';
import { plotStyles } from '../shared/plot/plot.styles.js';
import { PaintController } from '../shared/controllers/paint-controller.js';
import type { LinkedValues, LinkTaken } from '../shared/controllers/link-controller.js';
import { MediaQueryController } from '../shared/controllers/media-query-controller.js';
import { isOneOf, numberOrText } from '../shared/parse.js';
import { placeRateMarks, rateMarkStyles } from '../shared/rate-marks.js';
import { lineFitStyles } from './gd-line-fit.styles.js';
import type { LineCostGrid } from './internal/dataset.js';
import type { LineFitHistoryEntry } from './internal/trainer.js';
import { validSettings, type LineFitModel, type LineFitSettings } from './internal/model.js';
import { LineFitRun, stopNote, stopReason } from './internal/run.js';
import { nextGhost, type Ghost } from './internal/lesson.js';
import { nextBatch } from './internal/lesson-views.js';
import { batchSizeRule } from '../shared/batch-size.js';
import { initRule, numberOrTyped } from './internal/inputs.js';
import { InitPoint } from './internal/init-point.js';
import { linkedTakes, sharedChanges } from './internal/links.js';
import { LineFitPainter, GRID_CELLS } from './internal/painter.js';
import { viewSize } from './internal/layout.js';
import { lineFitBody, type ControlHandlers, type ControlLimits, type LineFitLayout, type LineFitView } from './internal/views.js';

export type { LineFitHistoryEntry } from './internal/trainer.js';
export type { LineCostGrid } from './internal/dataset.js';

/** The largest dataset the widget generates (the landscape cost does not grow with m). */
export const MAX_SIZE = 100_000;
/** Play stops here so a forgotten tab never grows its history without end. */
export const MAX_ITERATIONS = 20_000;
const SIZE_PRESETS = [10, 100, 1000] as const;
/** What the widget sends its link group: its learning rate and its choice of rule. */
const LINKED = ['learningRate', 'optimizer'] as const;
/** The log slider's span; typed values may go below it, down to the core's range. */
const LEARNING_RATE_RANGE: [number, number] = [1e-4, 10];
/** The core's learning-rate range, capped at 10: beyond it every dataset diverges at once. */
const LEARNING_RATE = narrowRange(HYPERPARAMETER_RANGES.learningRate, { max: LEARNING_RATE_RANGE[1] });
const CONTROL_LIMITS: ControlLimits = { sizePresets: SIZE_PRESETS, maxSize: MAX_SIZE, learningRateRange: LEARNING_RATE_RANGE };

export type { GdStepEvent, GdDoneEvent, GdParamsChangeEvent, GdLinkChangeEvent } from '../shared/events.js';

/**
 * Recover a line with gradient descent: the data with the true and the fitted line, the
 * mean-squared-error landscape J(w, b) with a draggable initialisation and the path the
 * optimizer takes, and the cost per iteration (with a hold-out test cost when asked).
 *
 * The landscape comes from five sums of the data (J is a quadratic in w and b), so a
 * dataset of 100,000 points redraws as fast as one of 10. Updates use the autodiff
 * gradient of the mini-batch MSE through the core's batched optimizer run; mini-batches
 * are drawn without replacement each epoch from the seeded generator, so the same seed
 * reproduces the same data and the same run.
 *
 * @tag gd-line-fit
 * @summary Fit ŷ = wx + b by gradient descent and watch data, cost landscape and cost curve move together.
 *
 * @csspart data - The scatter plot of the training data with the true and the model line.
 * @csspart plot - The cost landscape J(w, b) with the initialisation and the trajectory.
 * @csspart chart - The cost per iteration (log scale).
 * @csspart handle - The draggable red initialisation point on the landscape.
 * @csspart readout - Iteration, epoch, w, b and cost.
 * @csspart controls - Every control (data, training, play bar).
 * @csspart panel - The Data and the Training panel of the controls.
 * @csspart caption - The wrapper of the `caption` slot.
 * @csspart formula - A typeset formula.
 * @csspart notes - The polite live region for rejected input and run state.
 * @csspart color-legend - The colour bar under the cost landscape.
 *
 * @cssproperty [--gd-line-fit-point-color=light-dark(rgba(29,35,48,.55), rgba(228,231,236,.55))] - Colour of the data points.
 * @cssproperty [--gd-line-fit-trajectory-color=var(--gd-color-model)] - Colour of the optimizer's path on the landscape.
 * @cssproperty [--gd-line-fit-train-color=var(--gd-color-text)] - Colour of the training-cost curve.
 * @cssproperty [--gd-line-fit-test-color=var(--gd-series-2)] - Colour of the test-cost curve.
 * @cssproperty [--gd-line-fit-batch-color=light-dark(#c2410c, #ff9a4d)] - Ring around the next mini-batch's points.
 * @cssproperty [--gd-color-truth=light-dark(#1f63c6, #6aa8ff)] - The ground truth (line and dot).
 * @cssproperty [--gd-color-model=light-dark(#c8302a, #ff7b72)] - The model (line, initialisation, current point).
 *
 * @fires {GdStepEvent} gd-step - After each batch of updates (a frame while playing, or a `step()` call); detail `{iteration, values: {w, b, cost, epoch, testCost?}}`.
 * @fires {GdDoneEvent} gd-done - When the run stops by itself; detail `{reason: 'converged' | 'diverged' | 'max-steps', iteration}`.
 * @fires {GdParamsChangeEvent} gd-params-change - When the user changes a setting (controls, the dragged initialisation); detail holds the changed properties.
 * @fires {GdLinkChangeEvent} gd-link-change - When the widget takes a learning rate, optimizer or batch size from its `link` group; detail `{link, type, values}`.
 *
 * @slot - Optional caption or explanation shown above the figure.
 * @slot caption - A caption for the figure (a question, a task for the reader), shown above it.
 */
export class GdLineFit extends GdElement {
  static override styles = [tokens, controls, plotStyles, rateMarkStyles, lineFitStyles];

  /** Number of training points m (2 … 100,000: a line needs two). */
  @property({ converter: numberOrText }) size = 100;

  /** Standard deviation of the Gaussian noise added to y. */
  @property({ converter: numberOrText }) noise = 0.5;

  /** Slope w* of the line the data is sampled from. */
  @property({ attribute: 'true-slope', converter: numberOrText }) trueSlope = 2;

  /** Intercept b* of the line the data is sampled from. */
  @property({ attribute: 'true-intercept', converter: numberOrText }) trueIntercept = -1;

  /** Fraction of extra points held out as a test set (0 turns the test cost off). */
  @property({ attribute: 'test-split', converter: numberOrText }) testSplit = 0;

  /** Learning rate α (greater than 0, at most 10). */
  @property({ attribute: 'learning-rate', converter: numberOrText }) learningRate = 0.1;

  /** Inverse-time decay of the learning rate: update t uses α / (1 + decay·t); 0 keeps α fixed. */
  @property({ converter: numberOrText }) decay = 0;

  /** Points per update: a whole number (capped at m) or `full` for the whole training set. */
  @property({ attribute: 'batch-size', converter: batchSizeRule.converter }) batchSize: number | 'full' = 'full';

  /** Optimizer type: sgd, momentum, nesterov, rmsprop, adagrad, adam or adamw. */
  @property() optimizer: OptimizerType = 'sgd';

  /** Initial parameters as `"w,b"` (the red dot). */
  @property() init = '-2,3';

  /** Updates per animation frame while playing. */
  @property({ converter: numberOrText }) speed = 1;

  /** Bumped whenever the run moved or was replaced, so the views re-render. */
  @state() private revision = 0;
  /** The path of the run before a hyperparameter changed, shown faded until reset. */
  private ghost?: Ghost;

  @query('canvas.scatter') private scatterCanvas?: HTMLCanvasElement;
  @query('canvas.contours') private contourCanvas?: HTMLCanvasElement;
  @query('canvas.costs') private costCanvas?: HTMLCanvasElement;

  private readonly darkScheme = new MediaQueryController(this, '(prefers-color-scheme: dark)');
  /** The dataset and the run: built from the settings, stepped in frame-sized chunks. */
  private readonly run: LineFitRun = new LineFitRun(this, {
    settings: () => this.settings(),
    onNewRun: (previous, next) => {
      this.ghost = nextGhost(this.ghost, previous, next, (value) => this.format(value, { digits: 3 }));
      this.doneFired = false;
      this.setNote('run', undefined);
      this.revision++;
    },
    // The cost chart follows a long step(n) once a frame; the rest re-renders at its end.
    afterChunk: () => this.painter.request(),
  });
  /** The one way to the canvases: every change asks for a paint, one paint per frame draws them. */
  private readonly painter = new PaintController(this, () => this.paintCanvases());
  private readonly canvases = new LineFitPainter();
  /** The draggable initialisation on the cost map, its (w, b) window and the (w, b, J) readout. */
  private readonly initPoint = new InitPoint({
    model: () => this.current,
    init: () => this.init,
    setInit: (text) => {
      this.init = text;
      this.changedByElement('init');
    },
    pause: () => this.pause(),
    format: (value) => this.format(value),
    moved: (init) => this.fire('gd-params-change', { init }),
    changed: () => this.requestUpdate(),
  });
  private doneFired = false;

  protected override propertyRules(): Record<string, PropertyRule> {
    return {
      ...super.propertyRules(),
      size: numberRule('size', { min: 2, max: MAX_SIZE, integer: true }, 100),
      noise: numberRule('noise', { min: 0, max: 100 }, 0.5),
      trueSlope: numberRule('true-slope', { min: -1000, max: 1000 }, 2),
      trueIntercept: numberRule('true-intercept', { min: -1000, max: 1000 }, -1),
      testSplit: numberRule('test-split', { min: 0, max: 0.9 }, 0, 'a fraction from 0 to 0.9'),
      learningRate: numberRule('learning-rate', LEARNING_RATE, 0.1),
      decay: numberRule('decay', HYPERPARAMETER_RANGES.decay, 0),
      batchSize: batchSizeRule.rule(MAX_SIZE),
      optimizer: { attribute: 'optimizer', accepts: OPTIMIZER_TYPES.join(', '), valid: isOneOf(OPTIMIZER_TYPES), fallback: 'sgd' },
      init: initRule,
      speed: numberRule('speed', { min: 1, max: 1000, integer: true }, 1, 'a whole number of steps per frame from 1 to 1000'),
    };
  }

  protected override hideableParts(): Record<string, string[]> {
    return {
      ...super.hideableParts(),
      data: ['data'],
      plot: ['plot'],
      chart: ['chart'],
      readout: ['readout'],
      controls: ['controls'],
      panels: ['panel'],
    };
  }

  // ---------------------------------------------------------------- public surface

  /** The training set, `{x, y}` (copies). */
  get data(): { x: number[]; y: number[] } {
    const { dataset } = this.current;
    return { x: Array.from(dataset.x), y: Array.from(dataset.y) };
  }

  /** The hold-out test set, `{x, y}` (empty arrays when `test-split` is 0). */
  get testData(): { x: number[]; y: number[] } {
    const { dataset } = this.current;
    return { x: Array.from(dataset.testX), y: Array.from(dataset.testY) };
  }

  /** The current parameters `{w, b}`. */
  get params(): { w: number; b: number } {
    const { history } = this.current.trainer;
    const last = history[history.length - 1];
    return { w: last.w, b: last.b };
  }

  /**
   * One entry per applied update plus the start: `history[0]` is the initialisation,
   * `history[k]` the parameters after k updates, `epoch` the epochs completed by then,
   * `cost` the training MSE there (and `testCost` the test MSE when a test set exists).
   */
  get history(): LineFitHistoryEntry[] {
    return this.current.trainer.history.map((entry) => ({ ...entry }));
  }

  /** `running`, `converged` or `diverged`. */
  get status(): 'running' | 'converged' | 'diverged' {
    return this.current.trainer.status;
  }

  /** Updates per epoch: ⌈m / batch size⌉. */
  get batchesPerEpoch(): number {
    return this.current.trainer.batchesPerEpoch;
  }

  /**
   * The indices into `data` of the training points used by update `iteration`
   * (0-based; read-only information, the schedule is fixed by the seed).
   */
  batchIndices(iteration: number): number[] {
    return Array.from(this.current.trainer.batchIndices(iteration));
  }

  /**
   * The indices into `data` of the points highlighted on the scatter: the batch the next
   * update uses, `batchIndices(iteration)` (none with the full batch or a stopped run).
   */
  get highlightedIndices(): number[] {
    return nextBatch(this.current);
  }

  /** The least-squares solution of the training data (the landscape's minimum). */
  get leastSquares(): { w: number; b: number } {
    return { ...this.current.dataset.solution };
  }

  /**
   * The cost landscape as drawn: `values` row-major n×n; sample (r, c) is J at
   * w = w₀ + c·(w₁ − w₀)/(n − 1), b = b₀ + r·(b₁ − b₀)/(n − 1), so row 0 is the lowest b.
   */
  get costGrid(): LineCostGrid {
    const domain = this.initPoint.domain();
    return this.current.dataset.costGrid(GRID_CELLS, domain.x, domain.y);
  }

  protected override stateSettings(): Record<string, unknown> {
    const { size, noise, trueSlope, trueIntercept, testSplit, seed, learningRate, decay, batchSize, optimizer, init } = this.settings();
    const speed = this.propertyRules().speed.valid(this.speed) ? Number(this.speed) : 1;
    return { size, noise, trueSlope, trueIntercept, testSplit, seed, learningRate, decay, batchSize, optimizer, init, speed };
  }

  protected override updatesMade(): number {
    return this.run.current.trainer.iteration;
  }

  protected override replay(n: number): Promise<void> {
    this.run.restart();
    return this.advance(Math.min(n, MAX_ITERATIONS));
  }

  /**
   * Applies `n` updates (fewer if the run stops), in frame-sized chunks; works paused,
   * off-screen and before the widget is in a page. A `reset()` or `pause()` ends it.
   */
  override async step(n = 1): Promise<void> {
    const requested = Math.floor(Number(n));
    const count = Number.isFinite(requested) && requested > 0 ? requested : 0;
    // A widget never put in a page never updates: it steps on its settings as they are.
    if (this.isConnected || this.hasUpdated) await this.updateComplete;
    this.run.sync();
    await this.advance(count);
  }

  override reset(): void {
    this.run.restart();
  }

  override pause(): void {
    this.run.cancel();
    super.pause();
  }

  override play(): void {
    const { trainer } = this.run.sync();
    if (trainer.status !== 'running' || trainer.iteration >= MAX_ITERATIONS) this.run.restart();
    super.play();
  }

  // ---------------------------------------------------------------- the run

  /** The settings as a model is built from them: never an unchecked value (lit's update may not have judged one yet). */
  private settings(): LineFitSettings {
    return validSettings(this as unknown as Record<string, unknown>, this.propertyRules(), this.run.settings);
  }

  /** The model getters read (see LineFitRun: it never builds a run or frees one there). */
  private get current(): LineFitModel {
    return this.run.current;
  }

  /** `count` updates through the RunController (frame-sized chunks), then one report. */
  private async advance(count: number): Promise<void> {
    // A settings change or reset meanwhile started a new run: nothing to report.
    if (count === 0 || !(await this.run.step(count))) return;
    this.revision++;
    const { trainer } = this.current;
    const last = trainer.history[trainer.history.length - 1];
    this.fire('gd-step', {
      iteration: trainer.iteration,
      values: {
        w: last.w,
        b: last.b,
        cost: last.cost,
        epoch: last.epoch,
        ...(last.testCost !== undefined ? { testCost: last.testCost } : {}),
      },
    });
    this.checkDone();
  }

  /** A run that stopped by itself says why (a note) and fires `gd-done` once; play pauses. */
  private checkDone(): void {
    const { trainer, settings } = this.current;
    const { iteration } = trainer;
    const reason = stopReason(trainer, this.playing, MAX_ITERATIONS);
    if (!reason) return;
    this.setNote('run', stopNote(reason, iteration, settings.learningRate, this.format.bind(this)));
    if (this.playing) this.pause();
    if (!this.doneFired) {
      this.doneFired = true;
      this.fire('gd-done', { reason, iteration });
    }
  }

  protected override onFrame(): void {
    if (this.run.stepping || this.initPoint.dragging) return;
    const { trainer } = this.current;
    const left = MAX_ITERATIONS - trainer.iteration;
    if (left <= 0 || trainer.status !== 'running') {
      this.checkDone();
      return;
    }
    void this.step(Math.min(Number(this.speed), left));
  }

  // ---------------------------------------------------------------- link groups

  /**
   * Called by the link group with another member's change: a chosen rule is followed, a
   * learning rate only when it belongs to this widget's rule, a batch size always.
   * @internal
   */
  override applyLinked(values: LinkedValues): LinkTaken {
    const stamps = this.linker.stamps;
    const { taken, held } = linkedTakes(values, this, this.propertyRules(), (name) => stamps.newer(name, values.stamps?.[name]));
    for (const name of held) stamps.took(name, values.stamps![name]!);
    if (!Object.keys(taken).length) return undefined;
    Object.assign(this, taken);
    this.changedByElement(...Object.keys(taken));
    return { values: taken };
  }

  protected override linkedProperties(): readonly string[] {
    return LINKED;
  }

  // ---------------------------------------------------------------- lit lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The rate and rule the reader or page script changed since the last update (not
    // those taken from the group) go to the link group, with their place in the page's order.
    const shared = sharedChanges(this.linker.stamps.flush(), this);
    if (shared) this.linker.share(shared);
    if (changed.has('init')) this.initPoint.initChanged();
    // The one place a settings change reaches the model (see `current`).
    this.run.sync();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    placeRateMarks(this.renderRoot);
  }

  // ---------------------------------------------------------------- geometry and painting

  /** How many of the three views `hide` leaves. */
  private visibleViews(): number {
    return Math.max(1, ['data', 'plot', 'chart'].filter((part) => !this.isHidden(part)).length);
  }

  private view(): LineFitView {
    return {
      model: this.current,
      size: viewSize(this.hostSize.width || 900, this.visibleViews()),
      domain: this.initPoint.domain(),
      format: (value, options) => this.format(value, options),
      ghost: this.ghost,
      pointText: this.initPoint.pointText,
    };
  }

  /** Draws the canvases from the model as it is now; only the PaintController calls it. */
  private paintCanvases(): void {
    const { model, size, domain } = this.view();
    this.canvases.paint({
      canvases: { scatter: this.scatterCanvas, contours: this.contourCanvas, costs: this.costCanvas },
      innerW: size.innerW,
      innerH: size.innerH,
      dataset: model.dataset,
      dataKey: model.dataKey,
      history: model.trainer.history,
      domain,
      styleRoot: this.renderRoot as ShadowRoot,
      themeKey: `${this.theme}|${this.darkScheme.matches}`,
    });
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    const layout: LineFitLayout = {
      playing: this.playing,
      limits: CONTROL_LIMITS,
      visibleViews: this.visibleViews(),
      isHidden: (part) => this.isHidden(part),
      controls: this.controlHandlers,
      landscape: this.initPoint.handlers,
    };
    return html`
      ${this.renderCaption()}
      <slot></slot>
      ${lineFitBody(this.view(), layout)} ${this.renderNotes()}
    `;
  }

  // ---------------------------------------------------------------- user input

  /** Applies user changes through the same validation as attributes, then tells listeners. */
  private userSet(
    values: Partial<Pick<GdLineFit, 'size' | 'noise' | 'seed' | 'learningRate' | 'decay' | 'batchSize' | 'optimizer' | 'init'>>,
  ): void {
    Object.assign(this, values);
    this.changedByElement(...Object.keys(values));
    this.fire('gd-params-change', values);
  }

  /** The controls' handlers, made once so lit keeps its listeners between renders. */
  private readonly controlHandlers: ControlHandlers = {
    onPlay: () => (this.playing ? this.pause() : this.play()),
    onStep: () => {
      this.pause();
      if (this.current.trainer.status === 'running') void this.step(1);
    },
    onReset: () => {
      this.pause();
      this.reset();
    },
    onSizePreset: (size) => this.userSet({ size }),
    onSizeInput: (event) => this.userSet({ size: numberOrTyped(event) }),
    onNoiseInput: (event) => this.userSet({ noise: Number((event.target as HTMLInputElement).value) }),
    onNewDataset: () => this.userSet({ seed: (this.current.settings.seed + 1) >>> 0 }),
    onRateInput: (event) => {
      const exponent = Number((event.target as HTMLInputElement).value);
      this.userSet({ learningRate: Number((10 ** exponent).toPrecision(3)) });
    },
    onBatchInput: (event) => this.userSet({ batchSize: numberOrTyped(event) }),
    onFullBatch: (event) => {
      const checked = (event.target as HTMLInputElement).checked;
      this.userSet({ batchSize: checked ? 'full' : Math.min(32, this.current.dataset.x.length) });
    },
    onOptimizerInput: (event) => this.userSet({ optimizer: (event.target as HTMLSelectElement).value as OptimizerType }), // its options are OPTIMIZER_TYPES
    onDecayInput: (event) => this.userSet({ decay: numberOrTyped(event) }),
    onMark: (learningRate) => this.userSet({ learningRate }),
  };
}
