import { html, svg, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { scaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { HYPERPARAMETER_RANGES, OPTIMIZER_TYPES, getOptimizer, narrowRange } from '../../core/index.js';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { judge, numberRule } from '../shared/rules.js';
import { tokens } from '../shared/tokens.styles.js';
import { controls } from '../shared/controls.styles.js';
import { plotStyles } from '../shared/plot/plot.styles.js';
import { renderAxes, type AxisScale, type Margin } from '../shared/plot/axes.js';
import { prepareCanvas, resolveColors } from '../shared/plot/canvas.js';
import { contourBands, fillContourBands } from '../shared/plot/contours.js';
import { costScales, drawSeries, type Series } from '../shared/plot/series.js';
import { startPointDrag, nudgePoint, clampToDomain, type Domain2D } from '../shared/plot/drag.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { LinkController, type LinkedValues, type LinkTaken } from '../shared/controllers/link-controller.js';
import { MediaQueryController } from '../shared/controllers/media-query-controller.js';
import { isIntegerInRange, isOneOf, numberOrText, parseFiniteNumber, parsePair } from '../shared/parse.js';
import { tex } from '../shared/tex.js';
import { BATCH_COST, COST, MODEL } from './formulas.js';
import { ruleLines } from '../shared/formulas.js';
import { lineFitStyles } from './gd-line-fit.styles.js';
import { LineDataset, type LineCostGrid } from './internal/dataset.js';
import { LineTrainer, type LineFitHistoryEntry } from './internal/trainer.js';
import { cssomStyle } from '../shared/cssom-style.js';

export type { LineFitHistoryEntry } from './internal/trainer.js';
export type { LineCostGrid } from './internal/dataset.js';

/** The largest dataset the widget generates (the landscape cost does not grow with m). */
export const MAX_SIZE = 100_000;
/** Play stops here so a forgotten tab never grows its history without end. */
export const MAX_ITERATIONS = 20_000;
const SIZE_PRESETS = [10, 100, 1000] as const;
const GRID_CELLS = 64;
/** The log slider's span; typed values may go below it, down to the core's range. */
const LEARNING_RATE_RANGE: [number, number] = [1e-4, 10];
/** The core's learning-rate range, capped at 10: beyond it every dataset diverges at once. */
const LEARNING_RATE = narrowRange(HYPERPARAMETER_RANGES.learningRate, { max: LEARNING_RATE_RANGE[1] });
const MAX_SCATTER_POINTS = 2500;
const MARGIN: Margin = { top: 10, right: 12, bottom: 42, left: 48 };

/** `batch-size`: `full` or a whole number; other text is kept as text so the rule can reject it. */
const batchSizeConverter = {
  fromAttribute(value: string | null): number | string | null {
    if (value === null) return null;
    if (value.trim().toLowerCase() === 'full') return 'full';
    return numberOrText.fromAttribute(value);
  },
  toAttribute: numberOrText.toAttribute,
};

const isFull = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase() === 'full';
const isBatchSize = (value: unknown) => isFull(value) || isIntegerInRange(1, MAX_SIZE)(value);

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
 *
 * @cssproperty [--gd-line-fit-point-color=light-dark(rgba(29,35,48,.55), rgba(228,231,236,.55))] - Colour of the data points.
 * @cssproperty [--gd-line-fit-trajectory-color=var(--gd-color-model)] - Colour of the optimizer's path on the landscape.
 * @cssproperty [--gd-line-fit-train-color=var(--gd-color-text)] - Colour of the training-cost curve.
 * @cssproperty [--gd-line-fit-test-color=var(--gd-series-2)] - Colour of the test-cost curve.
 * @cssproperty [--gd-color-truth=light-dark(#1f63c6, #6aa8ff)] - The ground truth (line and dot).
 * @cssproperty [--gd-color-model=light-dark(#c8302a, #ff7b72)] - The model (line, initialisation, current point).
 *
 * @fires gd-step - After each batch of updates (a frame while playing, or a `step()` call); detail `{iteration, values: {w, b, cost, epoch, testCost?}}`.
 * @fires gd-done - When the run stops by itself; detail `{reason: 'converged' | 'diverged' | 'max-steps', iteration}`.
 * @fires gd-params-change - When the user changes a setting (controls, the dragged initialisation); detail holds the changed properties.
 * @fires gd-link-change - When the widget takes a learning rate or optimizer from its `link` group; detail `{link, type, values}`.
 *
 * @slot - Optional caption or explanation shown above the figure.
 * @slot caption - A caption for the figure (a question, a task for the reader), shown above it.
 */
export class GdLineFit extends GdElement {
  static override styles = [tokens, controls, plotStyles, lineFitStyles];

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

  /** Points per update: a whole number (capped at m) or `full` for the whole training set. */
  @property({ attribute: 'batch-size', converter: batchSizeConverter }) batchSize: number | 'full' = 'full';

  /** Optimizer type: sgd, momentum, nesterov, rmsprop, adagrad, adam or adamw. */
  @property() optimizer = 'sgd';

  /** Initial parameters as `"w,b"` (the red dot). */
  @property() init = '-2,3';

  /** Updates per animation frame while playing. */
  @property({ converter: numberOrText }) speed = 1;

  @state() private lineData!: LineDataset;
  @state() private trainer!: LineTrainer;
  /** Bumped whenever the trainer moved, so the views re-render. */
  @state() private revision = 0;
  /** The initialisation is being dragged: play waits. */
  @state() private dragging = false;

  @query('canvas.scatter') private scatterCanvas?: HTMLCanvasElement;
  @query('canvas.contours') private contourCanvas?: HTMLCanvasElement;
  @query('canvas.costs') private costCanvas?: HTMLCanvasElement;

  private readonly linker = new LinkController(this);
  private readonly darkScheme = new MediaQueryController(this, '(prefers-color-scheme: dark)');
  /** Steps the trainer in frame-sized chunks; frees its tensors only when the widget leaves the page for good. */
  private readonly runner = new RunController(this, {
    apply: (k) => this.applyUpdates(k),
    release: () => this.trainer?.dispose(),
  });
  /** Bumped by every restart: a step(n) cut short by one reports nothing. */
  private runGeneration = 0;
  private stepping = false;
  private doneFired = false;
  private drawnScatterKey = '';
  private drawnContourKey = '';
  private colors?: { key: string; point: string; train: string; test: string };
  /** The start the window was fitted to (one set by attribute or script); see landscapeDomain. */
  private domainInit?: [number, number];
  private initFromUser = false;

  protected override propertyRules(): Record<string, PropertyRule> {
    return {
      ...super.propertyRules(),
      size: numberRule('size', { min: 2, max: MAX_SIZE, integer: true }, 100),
      noise: numberRule('noise', { min: 0, max: 100 }, 0.5),
      trueSlope: numberRule('true-slope', { min: -1000, max: 1000 }, 2),
      trueIntercept: numberRule('true-intercept', { min: -1000, max: 1000 }, -1),
      testSplit: numberRule('test-split', { min: 0, max: 0.9 }, 0, 'a fraction from 0 to 0.9'),
      learningRate: numberRule('learning-rate', LEARNING_RATE, 0.1),
      batchSize: {
        attribute: 'batch-size',
        accepts: `"full" or a whole number from 1 to ${MAX_SIZE}`,
        valid: isBatchSize,
        normalize: (value) => (isFull(value) ? 'full' : parseFiniteNumber(value)),
        fallback: 'full',
      },
      optimizer: { attribute: 'optimizer', accepts: OPTIMIZER_TYPES.join(', '), valid: isOneOf(OPTIMIZER_TYPES), fallback: 'sgd' },
      init: {
        attribute: 'init',
        accepts: 'two numbers "w,b" from -1000 to 1000',
        valid: (v) => isInit(v),
        // Stored as text, the form the attribute has (an array [w, b] is accepted too).
        normalize: (v) => parsePair(v)!.join(','),
        fallback: '-2,3',
      },
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
    this.ensureModel();
    return { x: Array.from(this.lineData.x), y: Array.from(this.lineData.y) };
  }

  /** The hold-out test set, `{x, y}` (empty arrays when `test-split` is 0). */
  get testData(): { x: number[]; y: number[] } {
    this.ensureModel();
    return { x: Array.from(this.lineData.testX), y: Array.from(this.lineData.testY) };
  }

  /** The current parameters `{w, b}`. */
  get params(): { w: number; b: number } {
    this.ensureModel();
    const last = this.trainer.history[this.trainer.history.length - 1];
    return { w: last.w, b: last.b };
  }

  /**
   * One entry per applied update plus the start: `history[0]` is the initialisation,
   * `history[k]` the parameters after k updates, `epoch` the epochs completed by then,
   * `cost` the training MSE there (and `testCost` the test MSE when a test set exists).
   */
  get history(): LineFitHistoryEntry[] {
    this.ensureModel();
    return this.trainer.history.map((entry) => ({ ...entry }));
  }

  /** `running`, `converged` or `diverged`. */
  get status(): 'running' | 'converged' | 'diverged' {
    this.ensureModel();
    return this.trainer.status;
  }

  /** Updates per epoch: ⌈m / batch size⌉. */
  get batchesPerEpoch(): number {
    this.ensureModel();
    return this.trainer.batchesPerEpoch;
  }

  /**
   * The indices into `data` of the training points used by update `iteration`
   * (0-based; read-only information, the schedule is fixed by the seed).
   */
  batchIndices(iteration: number): number[] {
    this.ensureModel();
    return Array.from(this.trainer.batchIndices(iteration));
  }

  /** The least-squares solution of the training data (the landscape's minimum). */
  get leastSquares(): { w: number; b: number } {
    this.ensureModel();
    return { ...this.lineData.solution };
  }

  /**
   * The cost landscape as drawn: `values` row-major n×n; sample (r, c) is J at
   * w = w₀ + c·(w₁ − w₀)/(n − 1), b = b₀ + r·(b₁ − b₀)/(n − 1), so row 0 is the lowest b.
   */
  get costGrid(): LineCostGrid {
    this.ensureModel();
    return this.landscape();
  }

  protected override stateSettings(): Record<string, unknown> {
    const { size, noise, trueSlope, trueIntercept, testSplit, seed, learningRate, batchSize, optimizer, init } = this.modelInputs();
    const speed = this.propertyRules().speed.valid(this.speed) ? Number(this.speed) : 1;
    return { size, noise, trueSlope, trueIntercept, testSplit, seed, learningRate, batchSize, optimizer, init, speed };
  }

  protected override updatesMade(): number {
    return this.trainer?.iteration ?? 0;
  }

  protected override replay(n: number): Promise<void> {
    this.ensureModel();
    this.restartRun();
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
    this.ensureModel();
    await this.advance(count);
  }

  override reset(): void {
    this.ensureModel();
    this.restartRun();
  }

  override pause(): void {
    this.runner.cancel();
    super.pause();
  }

  override play(): void {
    this.ensureModel();
    if (this.trainer.status !== 'running' || this.trainer.iteration >= MAX_ITERATIONS) this.restartRun();
    super.play();
  }

  // ---------------------------------------------------------------- model lifecycle

  private dataKey = '';
  private runKey = '';
  private cachedGrid?: { key: string; grid: LineCostGrid };

  /** The settings the model was last built from (always valid values). */
  private inputs?: ModelInputs;

  /**
   * The settings to build from: each property's value when it is valid, otherwise the one
   * the model already uses (or the default). Getters may run before lit's update has
   * validated a property set a moment ago, so this never trusts an unchecked value.
   */
  private modelInputs(): ModelInputs {
    const rules = this.propertyRules();
    const pick = <K extends keyof ModelInputs>(key: K): ModelInputs[K] => {
      const verdict = judge(rules[key], (this as unknown as Record<string, unknown>)[key]);
      if (verdict.kind === 'accept') return verdict.value as ModelInputs[K];
      if (verdict.kind === 'default') return rules[key].fallback as ModelInputs[K];
      return this.inputs ? this.inputs[key] : (rules[key].fallback as ModelInputs[K]);
    };
    const number = (key: 'size' | 'noise' | 'trueSlope' | 'trueIntercept' | 'testSplit' | 'seed' | 'learningRate') => Number(pick(key));
    const batchSize = pick('batchSize');
    return {
      size: number('size'),
      noise: number('noise'),
      trueSlope: number('trueSlope'),
      trueIntercept: number('trueIntercept'),
      testSplit: number('testSplit'),
      seed: number('seed'),
      learningRate: number('learningRate'),
      batchSize: batchSize === 'full' ? 'full' : Number(batchSize),
      optimizer: pick('optimizer'),
      init: pick('init'),
    };
  }

  /** Builds dataset and run from the current (valid) settings when they changed. */
  private ensureModel(): void {
    const inputs = this.modelInputs();
    this.inputs = inputs;
    const dataKey = [inputs.size, inputs.noise, inputs.trueSlope, inputs.trueIntercept, inputs.testSplit, inputs.seed].join('|');
    if (dataKey !== this.dataKey) {
      this.dataKey = dataKey;
      this.lineData = new LineDataset({
        size: inputs.size,
        noise: inputs.noise,
        slope: inputs.trueSlope,
        intercept: inputs.trueIntercept,
        seed: inputs.seed,
        testFraction: inputs.testSplit,
      });
      this.runKey = '';
    }
    const runKey = [dataKey, inputs.learningRate, this.effectiveBatchSize(), inputs.optimizer, inputs.init].join('|');
    if (runKey !== this.runKey) {
      this.runKey = runKey;
      this.restartRun();
    }
  }

  private restartRun(): void {
    const inputs = this.inputs ?? this.modelInputs();
    this.trainer?.dispose();
    this.runner.cancel();
    this.runGeneration++;
    this.trainer = new LineTrainer(this.lineData, {
      optimizer: inputs.optimizer,
      learningRate: inputs.learningRate,
      batchSize: this.effectiveBatchSize(),
      init: this.initPoint(),
      seed: inputs.seed,
    });
    this.doneFired = false;
    this.setNote('run', undefined);
    this.revision++;
  }

  private effectiveBatchSize(): number {
    const m = this.lineData.x.length;
    const batchSize = (this.inputs ?? this.modelInputs()).batchSize;
    return batchSize === 'full' ? m : Math.min(batchSize, m);
  }

  private initPoint(): [number, number] {
    return parsePair((this.inputs ?? this.modelInputs()).init) ?? [-2, 3];
  }

  /** Makes up to `k` updates now; returns how many (fewer once the run stopped). */
  private applyUpdates(k: number): number {
    const trainer = this.trainer;
    const before = trainer.iteration;
    trainer.step(k);
    return trainer.status === 'running' ? k : trainer.iteration - before;
  }

  /** `count` updates through the RunController (frame-sized chunks), then one report. */
  private async advance(count: number): Promise<void> {
    if (count === 0) return;
    const generation = this.runGeneration;
    this.stepping = true;
    try {
      await this.runner.step(count);
    } finally {
      this.stepping = false;
    }
    // A settings change, reset or pause meanwhile started a new run or ended this call.
    if (generation !== this.runGeneration) return;
    this.revision++;
    const last = this.trainer.history[this.trainer.history.length - 1];
    this.fire('gd-step', {
      iteration: this.trainer.iteration,
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

  private checkDone(): void {
    const { status, iteration } = this.trainer;
    let reason: 'converged' | 'diverged' | 'max-steps' | undefined;
    if (status === 'diverged') reason = 'diverged';
    else if (status === 'converged') reason = 'converged';
    else if (iteration >= MAX_ITERATIONS && this.playing) reason = 'max-steps';
    if (!reason) return;
    if (reason === 'diverged') {
      this.setNote(
        'run',
        `Diverged after ${this.format(iteration, { fraction: 0 })} updates: the cost grew without bound. Lower the learning rate (now ${this.format(this.inputs!.learningRate)}) and press Reset.`,
      );
    } else if (reason === 'converged') {
      this.setNote('run', `Converged after ${this.format(iteration, { fraction: 0 })} updates.`);
    } else {
      this.setNote(
        'run',
        `Stopped after ${this.format(iteration, { fraction: 0 })} updates, the most one play runs. Play starts again from the red dot.`,
      );
    }
    if (this.playing) this.pause();
    if (!this.doneFired) {
      this.doneFired = true;
      this.fire('gd-done', { reason, iteration });
    }
  }

  protected override onFrame(): void {
    if (this.stepping || this.dragging) return;
    const left = MAX_ITERATIONS - this.trainer.iteration;
    if (left <= 0 || this.trainer.status !== 'running') {
      this.checkDone();
      return;
    }
    void this.step(Math.min(Number(this.speed), left));
  }

  // ---------------------------------------------------------------- link groups

  /**
   * Called by the link group with another member's change: a chosen rule is followed, a
   * learning rate only when it belongs to this widget's rule.
   * @internal
   */
  applyLinked(values: LinkedValues): LinkTaken {
    const taken: Record<string, unknown> = {};
    const rules = this.propertyRules();
    if (values.chosen && values.type !== this.optimizer && rules.optimizer.valid(values.type)) {
      this.optimizer = values.type;
      taken.optimizer = values.type;
    }
    const rate = values.learningRate;
    if (values.type === this.optimizer && rate !== undefined && rate !== Number(this.learningRate) && rules.learningRate.valid(rate)) {
      this.learningRate = rate;
      taken.learningRate = rate;
    }
    for (const [name, value] of Object.entries(taken)) this.linker.take(name, value);
    if (!Object.keys(taken).length) return undefined;
    this.changedByElement(...Object.keys(taken));
    return { values: taken };
  }

  private userChange(values: Record<string, unknown>): void {
    this.fire('gd-params-change', values);
  }

  /** A learning rate or rule set by the user or by page script goes to the link group. */
  private shareChanges(changed: PropertyValues): void {
    const moved = (name: 'learningRate' | 'optimizer') =>
      changed.has(name) && changed.get(name) !== this[name] && !this.linker.isEcho(name, this[name]);
    const chosen = moved('optimizer');
    const rate = moved('learningRate');
    if (!chosen && !rate) return;
    this.linker.share({
      type: this.optimizer,
      ...(chosen ? { chosen } : {}),
      ...(rate ? { learningRate: Number(this.learningRate) } : {}),
    });
  }

  // ---------------------------------------------------------------- lit lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Values the widget started with are its own; later changes are shared.
    if (this.hasUpdated) this.shareChanges(changed);
    if (changed.has('init')) {
      if (!this.initFromUser) this.domainInit = undefined;
      this.initFromUser = false;
    }
    this.ensureModel();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.drawCanvases();
  }

  // ---------------------------------------------------------------- geometry

  /**
   * The (w, b) window: centred on the truth, wide enough for the least-squares point and
   * for an initialisation set by attribute or script. A start the user drags or nudges is
   * clamped inside the window instead, so the view never zooms out under the pointer.
   */
  private landscapeDomain(): Domain2D {
    this.domainInit ??= this.initPoint();
    const [w0, b0] = this.domainInit;
    const { w: ws, b: bs } = this.lineData.solution;
    const span = (center: number, ...points: number[]) => {
      let half = 4;
      for (const p of points) if (Number.isFinite(p)) half = Math.max(half, Math.abs(p - center) * 1.15);
      return [center - half, center + half] as [number, number];
    };
    const { trueSlope, trueIntercept } = this.inputs ?? this.modelInputs();
    return { x: span(trueSlope, w0, ws), y: span(trueIntercept, b0, bs) };
  }

  private landscape(): LineCostGrid {
    const domain = this.landscapeDomain();
    const key = [this.dataKey, domain.x, domain.y].join('|');
    if (this.cachedGrid?.key !== key) {
      this.cachedGrid = { key, grid: this.lineData.costGrid(GRID_CELLS, domain.x, domain.y) };
    }
    return this.cachedGrid.grid;
  }

  /** How many of the three views `hide` leaves. */
  private visibleViews(): number {
    return Math.max(1, ['data', 'plot', 'chart'].filter((part) => !this.isHidden(part)).length);
  }

  private layout() {
    const width = Math.max(240, this.hostWidth());
    const columns = width >= 720 ? this.visibleViews() : 1;
    const gap = 16;
    const column = (width - (columns - 1) * gap) / columns;
    const plotHeight = Math.round(Math.min(Math.max(column * 0.9, 220), 340));
    return { column: Math.floor(column), height: plotHeight };
  }

  private hostWidth(): number {
    return this.hostSize.width || 900;
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    const { column, height } = this.layout();
    const innerW = column - MARGIN.left - MARGIN.right;
    const innerH = height - MARGIN.top - MARGIN.bottom;
    return html`
      ${this.renderCaption()}
      <slot></slot>
      <div class="views" data-columns=${this.visibleViews()}>
        ${this.renderData(column, height, innerW, innerH)} ${this.renderLandscape(column, height, innerW, innerH)}
        ${this.renderChart(column, height, innerW, innerH)}
      </div>
      ${this.renderReadout()} ${this.renderControls()} ${this.renderNotes()}
    `;
  }

  private dataScales(innerW: number, innerH: number) {
    const { xRange, yRange } = this.lineData.extent;
    return {
      x: scaleLinear().domain(xRange).range([0, innerW]).nice(),
      y: scaleLinear().domain(yRange).range([innerH, 0]).nice(),
    };
  }

  private renderData(column: number, height: number, innerW: number, innerH: number): TemplateResult {
    const { x, y } = this.dataScales(innerW, innerH);
    const [x0, x1] = x.domain();
    const { w, b } = this.params;
    const line = (slope: number, intercept: number, cls: string) =>
      svg`<line class=${cls} x1=${x(x0)} x2=${x(x1)} y1=${clampPx(y(slope * x0 + intercept), innerH)} y2=${clampPx(y(slope * x1 + intercept), innerH)}></line>`;
    const m = this.lineData.x.length;
    const { trueSlope, trueIntercept } = this.inputs!;
    const label = `Scatter plot of ${m} training points with the true line (slope ${this.format(trueSlope)}, intercept ${this.format(trueIntercept)}) and the model line (slope ${this.format(w)}, intercept ${this.format(b)}).`;
    return html`<figure part="data">
      <figcaption>
        <strong>Data</strong>
        <span class="legend truth"><span class="swatch"></span>truth</span>
        <span class="legend model"><span class="swatch"></span>model ${tex(MODEL)}</span>
      </figcaption>
      <div class="plot" style=${cssomStyle({ height })} role="img" aria-label=${label}>
        <canvas class="scatter" style=${cssomStyle({ left: MARGIN.left, top: MARGIN.top })}></canvas>
        <svg width=${column} height=${height} aria-hidden="true">
          ${renderAxes({ x, y, margin: MARGIN, xLabel: 'x', yLabel: 'y', format: (v) => this.format(v), grid: false })}
          <g transform="translate(${MARGIN.left},${MARGIN.top})">
            <svg class="clip" width=${innerW} height=${innerH}>
              ${line(trueSlope, trueIntercept, 'truth-line')}
              ${Number.isFinite(w) && Number.isFinite(b) ? line(w, b, 'model-line') : nothing}
            </svg>
          </g>
        </svg>
      </div>
    </figure>`;
  }

  private landscapeScales(innerW: number, innerH: number) {
    const domain = this.landscapeDomain();
    return {
      domain,
      x: scaleLinear().domain(domain.x).range([0, innerW]),
      y: scaleLinear().domain(domain.y).range([innerH, 0]),
    };
  }

  private renderLandscape(column: number, height: number, innerW: number, innerH: number): TemplateResult {
    const { x, y, domain } = this.landscapeScales(innerW, innerH);
    const history = this.trainer.history;
    const [w0, b0] = this.initPoint();
    const last = history[history.length - 1];
    const path = trajectoryPath(history, x, y, domain, Math.max(200, innerW * 2));
    const solution = this.lineData.solution;
    const init = clampToDomain([w0, b0], domain);
    const handleLabel = `Initialisation, w ${this.format(w0)}, b ${this.format(b0)}. Drag, or use the arrow keys (Shift for bigger steps).`;
    const showCurrent = history.length > 1 && Number.isFinite(last.w) && Number.isFinite(last.b);
    const current = clampToDomain([last.w, last.b], domain);
    return html`<figure part="plot">
      <figcaption>
        <strong>Cost landscape</strong>
        <span class="legend truth"><span class="swatch dot"></span>truth</span>
        <span class="legend">✕ least squares</span>
        <span class="legend model"><span class="swatch dot"></span>start</span>
      </figcaption>
      <div class="plot" style=${cssomStyle({ height })}>
        <canvas
          class="contours"
          style=${cssomStyle({ left: MARGIN.left, top: MARGIN.top })}
          role="img"
          aria-label="Filled contours of the mean squared error over slope w and intercept b; lighter is lower."
        ></canvas>
        <svg width=${column} height=${height} @pointerdown=${this.onLandscapePointerDown}>
          ${renderAxes({ x, y, margin: MARGIN, xLabel: 'slope w', yLabel: 'intercept b', format: (v) => this.format(v) })}
          <g transform="translate(${MARGIN.left},${MARGIN.top})">
            <path class="halo" d=${path}></path>
            <path class="trajectory" d=${path}></path>
            <path class="lsq-mark" transform="translate(${x(solution.w)},${y(solution.b)})" d="M-7,-7L7,7M-7,7L7,-7"></path>
            <circle class="truth-dot" cx=${x(this.inputs!.trueSlope)} cy=${y(this.inputs!.trueIntercept)} r="4.5"></circle>
            ${showCurrent ? svg`<circle class="current-dot" cx=${x(current[0])} cy=${y(current[1])} r="4"></circle>` : nothing}
            <g
              class="handle"
              part="handle"
              tabindex="0"
              role="button"
              aria-roledescription="draggable point"
              aria-label=${handleLabel}
              transform="translate(${x(init[0])},${y(init[1])})"
              @pointerdown=${this.onHandlePointerDown}
              @keydown=${this.onHandleKey}
            >
              <circle r="14" fill="transparent"></circle>
              <circle class="ring" r="10"></circle>
              <circle class="init-dot" r="7"></circle>
            </g>
          </g>
        </svg>
      </div>
    </figure>`;
  }

  private renderChart(column: number, height: number, innerW: number, innerH: number): TemplateResult {
    const { x, y } = this.chartScales(innerW, innerH);
    const floor = this.lineData.cost(this.lineData.solution.w, this.lineData.solution.b);
    const floorY = y(floor);
    const hasTest = this.lineData.testX.length > 0;
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
        aria-label=${`Training cost per iteration on a log scale; ${this.trainer.iteration} iterations so far; the least-squares minimum is ${this.format(floor)}.`}
      >
        <canvas class="costs" style=${cssomStyle({ left: MARGIN.left, top: MARGIN.top })}></canvas>
        <svg width=${column} height=${height} aria-hidden="true">
          ${renderAxes({ x, y, margin: MARGIN, xLabel: 'iteration', yLabel: 'cost J (log scale)', format: (v) => this.formatLogTick(v) })}
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

  /** Log-axis labels: powers of ten far from 1 as 10ⁿ (short, never "1E11"). */
  private formatLogTick(value: number): string {
    const exponent = Math.round(Math.log10(value));
    if (Math.abs(exponent) >= 4 && Math.abs(value / 10 ** exponent - 1) < 1e-9) {
      const superscript = String(exponent).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]);
      return `10${superscript}`;
    }
    return this.format(value);
  }

  private chartSeries(colors: { train: string; test: string }): Series[] {
    const history = this.trainer.history;
    const train = Float64Array.from(history, (entry) => entry.cost);
    const series: Series[] = [{ values: train, color: colors.train }];
    if (this.lineData.testX.length > 0) {
      series.push({ values: Float64Array.from(history, (entry) => entry.testCost ?? NaN), color: colors.test, dash: [5, 4] });
    }
    return series;
  }

  private chartScales(innerW: number, innerH: number) {
    const floor = this.lineData.cost(this.lineData.solution.w, this.lineData.solution.b);
    const series = this.chartSeries({ train: '', test: '' });
    series.push({ values: [floor], color: '' });
    const { x, y } = costScales(series, innerW, innerH, 20);
    return { x, y: withLogTicks(y) };
  }

  private renderReadout(): TemplateResult {
    const history = this.trainer.history;
    const last = history[history.length - 1];
    const status = this.trainer.status;
    return html`<dl class="readout" part="readout" aria-label="Training state">
      <div>
        <dt>iteration</dt>
        <dd>${this.format(this.trainer.iteration, { fraction: 0 })}</dd>
      </div>
      <div>
        <dt>epoch</dt>
        <dd>
          ${this.format(last.epoch, { fraction: 0 })}${
            this.trainer.batchesPerEpoch > 1
              ? html` <span class="sub"
                  >(batch ${this.format(this.trainer.iteration % this.trainer.batchesPerEpoch, { fraction: 0 })} of
                  ${this.format(this.trainer.batchesPerEpoch, { fraction: 0 })} done)</span
                >`
              : nothing
          }
        </dd>
      </div>
      <div>
        <dt>
          <math><mi>w</mi></math>
        </dt>
        <dd>${this.format(last.w)}</dd>
      </div>
      <div>
        <dt>
          <math><mi>b</mi></math>
        </dt>
        <dd>${this.format(last.b)}</dd>
      </div>
      <div>
        <dt>
          <math><mi>J</mi><mo>(</mo><mi>w</mi><mo>,</mo><mi>b</mi><mo>)</mo></math>
        </dt>
        <dd>${this.format(last.cost)}</dd>
      </div>
      ${
        last.testCost !== undefined
          ? html`<div>
              <dt>
                <math
                  ><msub><mi>J</mi><mtext>test</mtext></msub></math
                >
              </dt>
              <dd>${this.format(last.testCost)}</dd>
            </div>`
          : nothing
      }
      ${
        status !== 'running'
          ? html`<div>
              <dt class="visually-hidden">status</dt>
              <dd class="status">${status}</dd>
            </div>`
          : nothing
      }
    </dl>`;
  }

  private renderControls(): TemplateResult {
    const m = this.lineData.x.length;
    const batch = this.effectiveBatchSize();
    const { size, noise, learningRate, optimizer, batchSize } = this.inputs!;
    const full = batchSize === 'full';
    const logRate = Math.log10(learningRate);
    const playing = this.playing;
    return html`<div class="panels" part="controls">
      <fieldset class="run">
        <legend>Run</legend>
        <div class="actions">
          <button type="button" class="primary play" @click=${this.onPlay}>${playing ? 'Pause' : 'Play'}</button>
          <button type="button" @click=${this.onStep}>Step</button>
          <button type="button" @click=${this.onReset}>Reset</button>
        </div>
        <p class="formula">${tex(COST)}</p>
        ${batch < m ? html`<p class="formula">${tex(BATCH_COST)}</p>` : nothing}
      </fieldset>
      <fieldset part="panel">
        <legend>Data</legend>
        <div class="stack">
          <div class="field">
            <span class="label" id="size-label">Training points <span class="value">m = ${this.format(m, { fraction: 0 })}</span></span>
            <div class="inline">
              <span class="segmented" role="group" aria-labelledby="size-label">
                ${SIZE_PRESETS.map(
                  (preset) =>
                    html`<button type="button" aria-pressed=${String(size === preset)} @click=${() => this.userSet({ size: preset })}>
                      ${this.format(preset, { fraction: 0 })}
                    </button>`,
                )}
              </span>
              <input
                type="number"
                aria-label="Training points m, 2 to 100,000"
                min="2"
                max=${MAX_SIZE}
                step="1"
                .value=${String(size)}
                @change=${this.onSizeInput}
              />
            </div>
          </div>
          <div class="field">
            <label for="noise">Noise σ <output class="value">${this.format(noise)}</output></label>
            <input
              id="noise"
              type="range"
              min="0"
              max="3"
              step="0.05"
              .value=${String(Math.min(noise, 3))}
              aria-valuetext=${this.format(noise)}
              @input=${this.onNoiseInput}
            />
          </div>
          <div><button type="button" @click=${this.onNewDataset}>New dataset</button></div>
        </div>
      </fieldset>
      <fieldset part="panel">
        <legend>Training</legend>
        <div class="stack">
          <div class="field">
            <label for="rate">Learning rate α <output class="value">${this.format(learningRate)}</output></label>
            <input
              id="rate"
              type="range"
              min=${Math.log10(LEARNING_RATE_RANGE[0])}
              max=${Math.log10(LEARNING_RATE_RANGE[1])}
              step="0.01"
              .value=${String(logRate)}
              aria-valuetext=${this.format(learningRate)}
              @input=${this.onRateInput}
            />
          </div>
          <div class="field">
            <label for="batch"
              >Batch size
              <span class="value">${full ? `full (${this.format(m, { fraction: 0 })})` : this.format(batch, { fraction: 0 })}</span></label
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
                @change=${this.onBatchInput}
              />
              <label class="check"><input type="checkbox" .checked=${full} @change=${this.onFullBatch} />full batch</label>
            </div>
          </div>
          <div class="field">
            <label for="optimizer">Optimizer</label>
            <select id="optimizer" @change=${this.onOptimizerInput}>
              ${OPTIMIZER_TYPES.map((type) => html`<option value=${type} ?selected=${type === optimizer}>${getOptimizer(type)?.name ?? type}</option>`)}
            </select>
            <div class="rule" role="group" aria-label=${`${getOptimizer(optimizer)?.name ?? optimizer} update rule`}>
              ${ruleLines(getOptimizer(optimizer)?.tex ?? '').map((line) => html`<div>${tex(line)}</div>`)}
            </div>
          </div>
        </div>
      </fieldset>
    </div>`;
  }

  // ---------------------------------------------------------------- canvases

  private drawCanvases(): void {
    if (!this.scatterCanvas || !this.contourCanvas || !this.costCanvas) return;
    const { column, height } = this.layout();
    const innerW = column - MARGIN.left - MARGIN.right;
    const innerH = height - MARGIN.top - MARGIN.bottom;
    const themeKey = `${this.theme}|${this.darkScheme.matches}`;
    // Resolving colours forces a style pass, so it happens once per theme, not per frame.
    if (this.colors?.key !== themeKey) {
      this.colors = {
        key: themeKey,
        ...resolveColors(this.renderRoot as ShadowRoot, { point: 'var(--_point)', train: 'var(--_train)', test: 'var(--_test)' }),
      };
    }
    const colors = this.colors;

    const scatterKey = [this.dataKey, innerW, innerH, themeKey].join('|');
    if (scatterKey !== this.drawnScatterKey) {
      this.drawnScatterKey = scatterKey;
      this.drawScatter(this.scatterCanvas, innerW, innerH, colors.point);
    }
    const domain = this.landscapeDomain();
    const contourKey = [this.dataKey, innerW, innerH, domain.x, domain.y].join('|');
    if (contourKey !== this.drawnContourKey) {
      this.drawnContourKey = contourKey;
      const context = prepareCanvas(this.contourCanvas, innerW, innerH);
      const grid = this.landscape();
      fillContourBands(context, contourBands(grid, 16), grid.n, {
        width: innerW,
        height: innerH,
        lineColor: 'rgba(255,255,255,0.35)',
      });
    }
    const chart = prepareCanvas(this.costCanvas, innerW, innerH);
    const { x, y } = this.chartScales(innerW, innerH);
    drawSeries(chart, this.chartSeries(colors), x, y, innerW);
  }

  private drawScatter(canvas: HTMLCanvasElement, innerW: number, innerH: number, color: string): void {
    const context = prepareCanvas(canvas, innerW, innerH);
    const { x, y } = this.dataScales(innerW, innerH);
    const xs = this.lineData.x;
    const ys = this.lineData.y;
    // Large datasets are drawn thinned (every k-th point of an i.i.d. sample is itself a
    // random sample); the training always uses every point.
    const stride = Math.max(1, Math.ceil(xs.length / MAX_SCATTER_POINTS));
    const radius = xs.length <= 100 ? 3 : xs.length <= 1000 ? 2.2 : 1.6;
    context.fillStyle = color;
    context.beginPath();
    for (let i = 0; i < xs.length; i += stride) {
      const px = x(xs[i]);
      const py = y(ys[i]);
      context.moveTo(px + radius, py);
      context.arc(px, py, radius, 0, 2 * Math.PI);
    }
    context.fill();
  }

  // ---------------------------------------------------------------- user input

  /** Applies user changes through the same validation as attributes, then tells listeners. */
  private userSet(values: Partial<Pick<GdLineFit, 'size' | 'noise' | 'seed' | 'learningRate' | 'batchSize' | 'optimizer' | 'init'>>): void {
    Object.assign(this, values);
    this.changedByElement(...Object.keys(values));
    this.userChange(values);
  }

  private onSizeInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const value = parseFiniteNumber(input.value);
    this.userSet({ size: (value ?? input.value) as number });
  }

  private onNoiseInput(event: Event): void {
    this.userSet({ noise: Number((event.target as HTMLInputElement).value) });
  }

  private onNewDataset(): void {
    this.userSet({ seed: (this.inputs!.seed + 1) >>> 0 });
  }

  private onRateInput(event: Event): void {
    const exponent = Number((event.target as HTMLInputElement).value);
    this.userSet({ learningRate: Number((10 ** exponent).toPrecision(3)) });
  }

  private onBatchInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const value = parseFiniteNumber(input.value);
    this.userSet({ batchSize: (value ?? input.value) as number });
  }

  private onFullBatch(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.userSet({ batchSize: checked ? 'full' : Math.min(32, this.lineData.x.length) });
  }

  private onOptimizerInput(event: Event): void {
    this.userSet({ optimizer: (event.target as HTMLSelectElement).value });
  }

  private onPlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  private onStep(): void {
    this.pause();
    if (this.trainer.status !== 'running') return;
    void this.step(1);
  }

  private onReset(): void {
    this.pause();
    this.reset();
  }

  private moveInit(point: [number, number]): void {
    const text = `${roundTo(point[0])},${roundTo(point[1])}`;
    if (text === this.init) return;
    this.initFromUser = true;
    this.init = text;
    this.changedByElement('init');
  }

  private readonly onHandleKey = (event: KeyboardEvent): void => {
    const next = nudgePoint(event, this.initPoint(), this.landscapeDomain());
    if (!next) return;
    this.pause();
    this.moveInit(next);
    this.userChange({ init: this.init });
  };

  private readonly onHandlePointerDown = (event: PointerEvent): void => {
    event.stopPropagation();
    this.beginDrag(event);
  };

  /** A press anywhere on the landscape moves the initialisation there and keeps dragging. */
  private readonly onLandscapePointerDown = (event: PointerEvent): void => {
    // A finger on the map scrolls the page; only the handle itself drags on touch.
    if (event.button !== 0 || event.pointerType === 'touch') return;
    this.beginDrag(event);
  };

  private beginDrag(event: PointerEvent): void {
    const svgElement = (event.currentTarget as Element).closest('svg')!;
    const domain = this.landscapeDomain();
    const toData = (clientX: number, clientY: number): [number, number] => {
      // Scales of the plot as drawn now (its svg's size), not of the host's latest
      // measurement: that runs a frame ahead of the re-render while the page reflows (a
      // scrollbar coming or going), and the start would land off the pointer.
      const { x, y } = this.landscapeScales(
        svgElement.width.baseVal.value - MARGIN.left - MARGIN.right,
        svgElement.height.baseVal.value - MARGIN.top - MARGIN.bottom,
      );
      const box = svgElement.getBoundingClientRect();
      return [x.invert(clientX - box.left - MARGIN.left), y.invert(clientY - box.top - MARGIN.top)];
    };
    this.pause();
    this.dragging = true;
    const frozen = domain;
    startPointDrag(event, {
      toData,
      domain: frozen,
      onPreview: (point) => this.moveInit(point),
      onCommit: (point) => {
        this.dragging = false;
        this.moveInit(point);
        this.userChange({ init: this.init });
      },
    });
  }
}

/**
 * A log scale whose ticks are 1-2-5 steps per decade over short ranges and whole decades
 * over long ones, so labels read 0.2, 0.5, 1, 2, 5 … rather than every mantissa.
 */
function withLogTicks(scale: ScaleLogarithmic<number, number>): AxisScale {
  const mapped = ((value: number) => scale(value)) as AxisScale;
  mapped.domain = () => scale.domain();
  mapped.range = () => scale.range();
  mapped.ticks = () => {
    const [lo, hi] = scale.domain();
    const first = Math.floor(Math.log10(lo));
    const last = Math.ceil(Math.log10(hi));
    const decades = last - first;
    const mantissas = decades <= 2 ? [1, 2, 5] : [1];
    const stride = Math.max(1, Math.ceil(decades / 5));
    const ticks: number[] = [];
    for (let e = first; e <= last; e += decades <= 2 ? 1 : stride) {
      for (const m of mantissas) {
        const value = Number((m * 10 ** e).toPrecision(3));
        if (value >= lo * (1 - 1e-9) && value <= hi * (1 + 1e-9)) ticks.push(value);
      }
    }
    return ticks;
  };
  return mapped;
}

interface ModelInputs {
  size: number;
  noise: number;
  trueSlope: number;
  trueIntercept: number;
  testSplit: number;
  seed: number;
  learningRate: number;
  batchSize: number | 'full';
  optimizer: string;
  init: string;
}

function isInit(value: unknown): boolean {
  const pair = parsePair(value);
  return pair !== undefined && Math.abs(pair[0]) <= 1000 && Math.abs(pair[1]) <= 1000;
}

function roundTo(value: number): number {
  return Number(value.toFixed(3));
}

function clampPx(value: number, extent: number): number {
  return Math.max(-10 * extent, Math.min(11 * extent, value));
}

/** The trajectory as an SVG path in plot pixels, thinned to at most `budget` vertices. */
function trajectoryPath(
  history: readonly LineFitHistoryEntry[],
  x: (v: number) => number,
  y: (v: number) => number,
  domain: Domain2D,
  budget: number,
): string {
  if (history.length < 2) return '';
  const stride = Math.max(1, Math.ceil(history.length / budget));
  let d = '';
  for (let i = 0; i < history.length; i += stride) {
    const entry = history[i];
    if (!Number.isFinite(entry.w) || !Number.isFinite(entry.b)) break;
    const [w, b] = clampToDomain([entry.w, entry.b], domain);
    d += `${d ? 'L' : 'M'}${x(w).toFixed(1)},${y(b).toFixed(1)}`;
  }
  const last = history[history.length - 1];
  if ((history.length - 1) % stride !== 0 && Number.isFinite(last.w) && Number.isFinite(last.b)) {
    const [w, b] = clampToDomain([last.w, last.b], domain);
    d += `L${x(w).toFixed(1)},${y(b).toFixed(1)}`;
  }
  return d;
}
