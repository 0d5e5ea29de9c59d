import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { mlpParameterCount, type ClassificationDataset, type MlpActivation, type MlpInit, type OptimizerType } from '../../core/index.js';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { validOr } from '../shared/rules.js';
import { numberOrText } from '../shared/parse.js';
import { batchSizeRule } from '../shared/batch-size.js';
import { PaintController } from '../shared/controllers/paint-controller.js';
import { MediaQueryController } from '../shared/controllers/media-query-controller.js';
import type { LinkedValues, LinkTaken } from '../shared/controllers/link-controller.js';
import { OptimizerSettingsController } from '../shared/optimizers/optimizer-settings.js';
import { withChildNotes } from '../shared/optimizers/links.js';
import { NETWORK_DEFAULTS } from './internal/defaults.js';
import { NetworkModel, type NetworkHistoryEntry, type NetworkSettings } from './internal/model.js';
import { NetworkRun } from './internal/run.js';
import { LandscapeJob, type LossSlice } from './internal/landscape-job.js';
import { MapCache, distinctUnits, mapHalfWidth } from './internal/maps.js';
import {
  ACTIVATION_RULE,
  AXIS_RULE,
  DATASET_RULE,
  DIRECTIONS_RULE,
  INIT_RULE,
  LAYERS_RULE,
  MAX_SIZE,
  MAX_STEPS,
  NOISE_RULE,
  SIZE_RULE,
  SPEED_RULE,
  TEST_SPLIT_RULE,
  WEIGHT_BOUND,
  layersText,
  parseLayers,
  racerRule,
  type ChartAxis,
  type SliceDirections,
} from './internal/settings.js';
import { geometry } from './internal/view/layout.js';
import { NetworkPainter } from './internal/view/painter.js';
import { renderNetwork } from './internal/view/network-view.js';
import type { NetworkActions, NetworkView, ShownSettings } from './internal/view/templates.js';
import { styles } from './gd-network.styles.js';

export type { NetworkHistoryEntry } from './internal/model.js';
export type { LossSlice, LineSlice, SlicePath } from './internal/landscape-job.js';
export type { GdStepEvent, GdDoneEvent, GdParamsChangeEvent, GdLinkChangeEvent } from '../shared/events.js';

/** One racer as `racers` reports it. */
export interface NetworkRacer {
  type: OptimizerType;
  label: string;
  learningRate: number;
  status: 'running' | 'converged' | 'diverged';
  /** false when the racer is switched off (left off the views) */
  enabled: boolean;
}

/**
 * `weights` as set by page script: one array of the network's parameters for every racer,
 * or one per racer; every value finite and within ±WEIGHT_BOUND. Undefined otherwise.
 */
function checkedWeights(value: unknown, parameters: number, racers: number): number[][] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const fits = (row: unknown) =>
    Array.isArray(row) &&
    row.length === parameters &&
    row.every((w) => typeof w === 'number' && Number.isFinite(w) && Math.abs(w) <= WEIGHT_BOUND);
  if (value.every((w) => typeof w === 'number')) return fits(value) ? Array.from({ length: racers }, () => [...value]) : undefined;
  return value.length === racers && value.every(fits) ? (value as number[][]).map((row) => [...row]) : undefined;
}

/**
 * A real neural network trained in the page, with optimizers racing: a small multilayer
 * perceptron (hidden `layers`, `activation`, `init`) learns to separate two classes of
 * seeded 2-D points (`task`: circles, xor, gaussians, spiral, moons), its cost J the
 * mean binary cross-entropy. Every `<gd-optimizer>` child trains its own copy of the
 * network from the same initial weights on the same mini-batches; all copies are rows of
 * one batched run on the shared core. The figure shows each racer's decision boundary on
 * the data (test points as rings), the training and test cost per update or per epoch,
 * and, on request, the loss landscape the article says exists: a 2-D slice of J through a
 * racer's weights (filter-normalised random directions, or the principal directions of
 * the racers' paths with the paths drawn on it) and the 1-D slice from the initial to the
 * current weights. Without children the network races SGD, Momentum, RMSprop and Adam.
 *
 * @tag gd-network
 * @summary A small network trained in the page: optimizers racing, decision boundaries, costs and slices of its loss landscape.
 *
 * @slot - `<gd-optimizer>` elements, one per racer, in legend order.
 * @slot caption - A caption for the figure (a question, a task for the reader), shown above it.
 *
 * @csspart data - The decision maps: each racer's ŷ over the plane with the data.
 * @csspart chart - The training and test cost per update (or epoch).
 * @csspart landscape - The 2-D slice of the loss landscape, its controls and colour legend.
 * @csspart interpolation - The 1-D slice from the initial to the current weights.
 * @csspart formula - A typeset formula (the cost, the loss, the model, the update rules).
 * @csspart legend - The racers with their rates, costs and test accuracy.
 * @csspart controls - Play/pause, step, reset and speed.
 * @csspart panel - The data's and the network's settings.
 * @csspart optimizers - The per-racer panels with their hyperparameters.
 * @csspart notes - Notes about rejected input and the run's state.
 * @csspart caption - The wrapper of the `caption` slot.
 * @csspart color-legend - The colour bar under the landscape slice.
 *
 * @cssproperty [--gd-network-series-1=var(--gd-series-1)] - Colour of the 1st racer (also -2 … -8).
 * @cssproperty [--gd-network-class-0=var(--gd-series-2)] - Colour of class 0 (points and the map's shade).
 * @cssproperty [--gd-network-class-1=var(--gd-series-1)] - Colour of class 1.
 * @cssproperty [--gd-font-family=system-ui] - Font of all text.
 * @cssproperty [--gd-color-accent=#2456a8] - Accent of buttons and sliders.
 *
 * @fires {GdStepEvent} gd-step - After updates are applied (on play, step() and the Step button); detail `{iteration, values: {racers: [{label, type, cost, accuracy, testCost?, testAccuracy?, status}]}}`.
 * @fires {GdDoneEvent} gd-done - When every racer has converged or diverged, or play reached 10,000 updates; detail `{reason, iteration}`.
 * @fires {GdParamsChangeEvent} gd-params-change - When the user changes a setting (data, network, a racer's hyperparameter, speed).
 * @fires {GdLinkChangeEvent} gd-link-change - When racers take a learning rate or decay from the `link` group; detail `{link, type, values, optimizers}`.
 */
export class GdNetwork extends GdElement {
  static override styles = styles;

  /**
   * The classification task, i.e. which data: `circles`, `xor`, `gaussians`, `spiral` or
   * `moons`. (Not called `dataset`: every element has a `dataset` property, its data-*
   * attributes, which React and Vue would set.)
   */
  @property() task: ClassificationDataset = 'circles';

  /** Training points m (10–1,000). */
  @property({ converter: numberOrText }) size = 200;

  /** Standard deviation of the Gaussian noise on both coordinates (0–1; the data spans about [−1, 1]²). */
  @property({ converter: numberOrText }) noise = 0.1;

  /** Test points as a fraction of `size`, drawn after the training points (0 turns the test set off; at most 0.9). */
  @property({ attribute: 'test-split', converter: numberOrText }) testSplit = 0.5;

  /** Hidden layers' widths, `"8,8"`; `"0"` is logistic regression. At most 6 layers of 64 units and 2,000 parameters. */
  @property() layers = '8,8';

  /** The hidden units' activation: `tanh`, `relu`, `sigmoid` or `linear`. */
  @property() activation: MlpActivation = 'tanh';

  /** How the weights start (with `seed`): `xavier`, `he`, `normal` (N(0, 1)) or `zeros` (never breaks the symmetry). */
  @property() init: MlpInit = 'xavier';

  /** Examples per update: a whole number (capped at m) or `full` for the whole training set. */
  @property({ attribute: 'batch-size', converter: batchSizeRule.converter }) batchSize: number | 'full' = 'full';

  /** Updates per animation frame while playing (1–100). */
  @property({ converter: numberOrText }) speed = 3;

  /** The racer (1-based place) whose weights the landscape slice goes through. */
  @property({ converter: numberOrText }) racer = 1;

  /** The slice's directions: `random` (filter-normalised, Li et al. 2018) or `pca` (the principal directions of the racers' paths). */
  @property() directions: SliceDirections = 'random';

  /** The cost charts' x axis: `updates` or `epochs`. */
  @property() axis: ChartAxis = 'updates';

  /** Starting weights page script set through `weights` (validated by its rule). */
  @state() private startWeights: number[][] | null = null;
  /** Bumped (at most ~10 times a second while playing) to refresh the text readouts. */
  @state() private readoutTick = 0;
  @state() private slice?: LossSlice;

  private lastReadout = 0;
  private colors: Record<string, string> = {};
  private readonly darkScheme = new MediaQueryController(this, '(prefers-color-scheme: dark)');
  private readonly drawing = new NetworkPainter();
  private readonly maps = new MapCache();
  /** The one place the canvases are painted: once per frame, however many ask. */
  private readonly painter = new PaintController(this, () => this.paintCanvases());
  /** The loss-landscape views' numbers, made on request in slices. */
  private readonly job = new LandscapeJob(() => this.requestUpdate());
  /** The run over the settings: its model, steps and tensors. */
  private readonly run = new NetworkRun(this, {
    settings: () => this.settings(),
    paint: () => this.painter.request(),
    rebuilt: () => {
      this.job.cancel();
      this.slice = undefined;
      this.clearRunNotes();
    },
    stepped: () => this.reportSteps(),
  });
  /** The racers (children or the defaults) and the edits of their settings. */
  private readonly optimizers: OptimizerSettingsController = new OptimizerSettingsController(this, {
    defaults: () => NETWORK_DEFAULTS,
    entries: () => this.run.model?.entries ?? this.optimizers.read(),
    note: (key, text) => this.setNote(key, text),
    format: (value) => this.format(value),
    changed: (detail) => this.fire('gd-params-change', detail),
    share: (values) => this.linker.share(values),
  });

  protected override propertyRules(): Record<string, PropertyRule> {
    const racers = this.optimizers.read().length;
    const parameters = this.shape().parameters;
    return {
      ...super.propertyRules(),
      task: DATASET_RULE,
      size: SIZE_RULE,
      noise: NOISE_RULE,
      testSplit: TEST_SPLIT_RULE,
      layers: LAYERS_RULE,
      activation: ACTIVATION_RULE,
      init: INIT_RULE,
      batchSize: batchSizeRule.rule(MAX_SIZE),
      speed: SPEED_RULE,
      racer: racerRule(racers),
      directions: DIRECTIONS_RULE,
      axis: AXIS_RULE,
      startWeights: {
        attribute: 'weights',
        accepts: `${parameters.toLocaleString('en')} numbers from -${WEIGHT_BOUND} to ${WEIGHT_BOUND} (this network's parameters), or one such array per racer`,
        valid: (value) => checkedWeights(value, parameters, racers) !== undefined,
        normalize: (value) => checkedWeights(value, parameters, racers),
        fallback: null,
      },
    };
  }

  protected override hideableParts(): Record<string, string[]> {
    return {
      ...super.hideableParts(),
      data: ['data'],
      chart: ['chart'],
      landscape: ['landscape'],
      interpolation: ['interpolation'],
      legend: ['legend'],
      controls: ['controls'],
      settings: ['panel'],
      optimizers: ['optimizers'],
      panels: ['panel', 'optimizers'],
    };
  }

  // ---------------------------------------------------------------- public API

  /** The training set: `x[i]` the point (x₁, x₂), `y[i]` its class (0 or 1). */
  get data(): { x: [number, number][]; y: number[] } {
    const { x, y } = this.model.data;
    return { x: Array.from(y, (_, i) => [x[2 * i], x[2 * i + 1]] as [number, number]), y: Array.from(y) };
  }

  /** The test set, as `data` (empty arrays when `test-split` is 0). */
  get testData(): { x: [number, number][]; y: number[] } {
    const { testX, testY } = this.model.data;
    return { x: Array.from(testY, (_, i) => [testX[2 * i], testX[2 * i + 1]] as [number, number]), y: Array.from(testY) };
  }

  /** The network's parameters in all: Σ (inputs + 1) · outputs over its layers. */
  get parameterCount(): number {
    return this.shape().parameters;
  }

  /**
   * Every racer's current weights (its last good ones if it diverged), one array each,
   * layer after layer: W⁽ˡ⁾ row-major [inputs × outputs] (the weight from input i to unit
   * j at i·outputs + j), then b⁽ˡ⁾. Setting it (one array for every racer, or one per
   * racer; `parameterCount` numbers each, within ±1,000) starts every racer again from
   * those weights, at update 0, instead of `init`'s.
   */
  get weights(): number[][] {
    const model = this.model;
    return model.entries.map((_, i) => Array.from(model.weights(i)));
  }
  set weights(value: unknown) {
    this.startWeights = value as number[][] | null;
  }

  /**
   * Per racer, one entry per update plus the start: `history[r][0]` is racer r's initial
   * weights, `history[r][k]` after k updates, with the training cost J and accuracy (and
   * the test cost and accuracy with a test set). A diverged racer's history stops at its
   * last good weights.
   */
  get history(): NetworkHistoryEntry[][] {
    const model = this.model;
    return model.entries.map((_, i) => model.history(i));
  }

  /** The racers: rule, label, learning rate, status and whether they race. */
  get racers(): NetworkRacer[] {
    const model = this.model;
    return model.entries.map((entry, i) => ({
      type: entry.type,
      label: entry.label,
      learningRate: entry.hyperparameters.learningRate,
      status: model.status(i),
      enabled: !entry.disabled,
    }));
  }

  /** Updates made since the start. */
  get iteration(): number {
    return this.run.model?.iteration ?? 0;
  }

  /** Updates per epoch: ⌈m / batch size⌉. */
  get batchesPerEpoch(): number {
    return this.model.batchesPerEpoch;
  }

  /**
   * The indices into `data` of the training points update `iteration` (0-based) uses, the
   * same for every racer: each epoch a fresh seeded shuffle of 0 … m − 1 cut into batches
   * of `batch-size` (the last one the remainder); with the full batch, all of them in order.
   */
  batchIndices(iteration: number): number[] {
    return Array.from(this.model.batchIndices(Math.max(0, Math.floor(Number(iteration) || 0))));
  }

  /**
   * The loss-landscape slice shown (see `computeLandscape`), or undefined before one is
   * asked for: `values[r · n + c]` is J on the training set at θ + alphas[c]·d₁ + betas[r]·d₂,
   * θ the racer's weights after `iteration` updates (the middle sample, `centreCost`, is
   * its reported cost), and `line` the 1-D slices from each racer's initial weights.
   */
  get landscapeSlice(): LossSlice | undefined {
    return this.slice;
  }

  /**
   * Works out the loss landscape through the `racer`'s weights as they are now (the 2-D
   * slice along `directions` and every racer's 1-D slice), in slices that leave the page
   * responsive; resolves once it is shown. Another request, a reset or a new network
   * meanwhile ends it.
   */
  async computeLandscape(): Promise<void> {
    if (this.isConnected || this.hasUpdated) await this.updateComplete;
    const model = this.run.sync();
    const slice = await this.job.compute({ model, racer: this.racerIndex(), directions: this.directionsInForce(), seed: this.seed });
    if (!slice || model !== this.run.model) return;
    this.slice = slice;
    this.painter.request();
    await this.updateComplete;
  }

  protected override stateSettings(): Record<string, unknown> {
    const s = this.settings();
    const rules = this.propertyRules();
    return {
      ...super.stateSettings(),
      task: s.dataset,
      size: s.size,
      noise: s.noise,
      testSplit: s.testSplit,
      layers: validOr(rules.layers, this.layers, undefined),
      activation: s.activation,
      init: s.init,
      batchSize: s.batchSize,
      speed: validOr<number>(rules.speed, this.speed, 3),
      racer: validOr<number>(rules.racer, this.racer, 1),
      directions: this.directionsInForce(),
      axis: validOr(rules.axis, this.axis, 'updates'),
      optimizers: this.optimizers.saved(),
      weights: s.startWeights ?? null,
    };
  }

  protected override updatesMade(): number {
    return this.iteration;
  }

  /** Restores the settings and the racers as `<gd-optimizer>` children (as a race does). */
  protected override applyState(state: Record<string, unknown>): void {
    const { optimizers, weights, ...rest } = state;
    super.applyState(rest);
    this.optimizers.restore(optimizers);
    if (weights !== undefined) this.startWeights = weights as number[][] | null;
  }

  protected override replay(n: number): Promise<void> {
    this.run.sync();
    this.run.reset();
    return this.run.step(n);
  }

  /**
   * Applies exactly `n` updates to every racer (works paused, off-screen and before the
   * element is in a page), in frame-sized chunks: the page stays responsive, and a
   * `reset()` meanwhile ends it at once.
   */
  async step(n = 1): Promise<void> {
    const count = Math.max(0, Math.floor(Number(n) || 0));
    if (this.isConnected || this.hasUpdated) await this.updateComplete;
    this.run.sync();
    await this.run.step(count);
  }

  /** Back to update 0 from the initial weights; a pending `step(n)` ends here. */
  reset(): void {
    this.run.reset();
    this.clearRunNotes();
    this.readoutTick++;
  }

  /** Stops playing; a pending `step(n)` ends here too. */
  override pause(): void {
    this.run.cancel();
    super.pause();
  }

  override play(): void {
    const model = this.run.sync();
    if (model.finished || model.iteration >= MAX_STEPS) this.reset();
    super.play();
  }

  // ---------------------------------------------------------------- the run

  /** The model getters read: the run's, or (before the first update) one made from the settings, which costs no tensors. */
  private get model(): NetworkModel {
    return this.run.model ?? this.run.sync();
  }

  /** The hidden widths `layers` gives (its last good value) and the parameters they make. */
  private shape(): { hidden: number[]; parameters: number } {
    const previous = this.run.model ? layersText(this.run.model.settings.hidden) : undefined;
    const hidden = parseLayers(validOr(LAYERS_RULE, this.layers, previous)) ?? [8, 8];
    return { hidden, parameters: mlpParameterCount(hidden) };
  }

  /** The settings as a model is built from them: never an unchecked value (lit's update may not have judged one yet). */
  private settings(): NetworkSettings {
    const previous = this.run.model?.settings;
    const { hidden, parameters } = this.shape();
    const entries = this.optimizers.read();
    const start = this.startWeights;
    return {
      dataset: validOr(DATASET_RULE, this.task, previous?.dataset),
      size: Number(validOr(SIZE_RULE, this.size, previous?.size)),
      noise: Number(validOr(NOISE_RULE, this.noise, previous?.noise)),
      testSplit: Number(validOr(TEST_SPLIT_RULE, this.testSplit, previous?.testSplit)),
      seed: Number(validOr(super.propertyRules().seed, this.seed, previous?.seed)),
      hidden,
      activation: validOr(ACTIVATION_RULE, this.activation, previous?.activation),
      init: validOr(INIT_RULE, this.init, previous?.init),
      batchSize: validOr(batchSizeRule.rule(MAX_SIZE), this.batchSize, previous?.batchSize),
      entries,
      // Weights a page set for another network (before `layers` changed) no longer apply.
      startWeights: start && start.length === entries.length && start.every((row) => row.length === parameters) ? start : undefined,
    };
  }

  private racerIndex(): number {
    const racers = this.model.entries.length;
    return Math.min(racers, Number(validOr(racerRule(racers), this.racer, 1))) - 1;
  }

  private directionsInForce(): SliceDirections {
    return validOr(DIRECTIONS_RULE, this.directions, 'random');
  }

  /** Repaints and reports the updates just made. */
  private reportSteps(): void {
    const model = this.run.model;
    if (!model) return;
    this.painter.request();
    this.fire('gd-step', {
      iteration: model.iteration,
      values: {
        racers: model.entries.map((entry, i) => ({ label: entry.label, type: entry.type, ...model.latest(i), status: model.status(i) })),
      },
    });
    const now = performance.now();
    if (!this.playing || now - this.lastReadout > 100) {
      this.lastReadout = now;
      this.readoutTick++;
    }
    this.noteDivergence(model);
    const reason = model.takeDone(this.playing ? MAX_STEPS : undefined);
    if (!reason) return;
    this.pause();
    this.readoutTick++;
    this.fire('gd-done', { reason, iteration: model.iteration });
  }

  /** A note for each racer that diverged: when, and what to do. */
  private noteDivergence(model: NetworkModel): void {
    model.entries.forEach((entry, i) => {
      const key = `diverged-${i}`;
      if (model.status(i) !== 'diverged' || this.notes[key]) return;
      const at = model.stoppedAt(i) ?? model.iteration;
      this.setNote(
        key,
        `${entry.label} diverged after ${this.format(at, { fraction: 0 })} updates: its weights grew past ±${this.format(WEIGHT_BOUND)}. Lower its learning rate (now ${this.format(entry.hyperparameters.learningRate)}) and press Reset.`,
      );
    });
  }

  private clearRunNotes(): void {
    const kept = Object.fromEntries(Object.entries(this.notes).filter(([key]) => !key.startsWith('diverged-')));
    if (Object.keys(kept).length !== Object.keys(this.notes).length) this.notes = kept;
  }

  protected override onFrame(): void {
    this.run.frame(Number(validOr(SPEED_RULE, this.speed, 3)), this.reducedMotion.matches);
  }

  /**
   * A linked widget's learning rate or decay, set by its user or by page script: only
   * this network's racers of the rule it names take it, as plain sets (no `gd-params-change`).
   * @internal
   */
  override applyLinked(values: LinkedValues): LinkTaken {
    return this.optimizers.applyLinked(this.run.sync().entries, values);
  }

  // ---------------------------------------------------------------- user input

  /** Applies a user's change through the same validation as attributes, then tells listeners. */
  private userSet(values: Record<string, unknown>): void {
    Object.assign(this, values);
    this.changedByElement(...Object.keys(values));
    this.fire('gd-params-change', values);
  }

  private readonly actions: NetworkActions = {
    toggle: () => (this.playing ? this.pause() : this.play()),
    step: () => {
      this.pause();
      void this.step(1);
    },
    reset: () => {
      this.pause();
      this.reset();
    },
    setSpeed: (speed) => {
      this.speed = speed;
      this.changedByElement('speed');
    },
    speedCommitted: () => this.fire('gd-params-change', { speed: this.speed }),
    set: (name, value) => this.userSet({ [name]: typeof value === 'string' ? (numberOrText.fromAttribute(value) ?? value) : value }),
    newDataset: () => this.userSet({ seed: (this.model.settings.seed + 1) >>> 0 }),
    setAxis: (axis) => this.userSet({ axis }),
    setRacer: (racer) => this.userSet({ racer }),
    setDirections: (directions) => this.userSet({ directions }),
    computeSlice: () => void this.computeLandscape(),
  };

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The model follows the settings here, before render, which only reads it.
    this.run.sync();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const notes = withChildNotes(this.notes, this.optimizers.children());
    if (notes) this.notes = notes;
    const theme = `${this.theme}|${this.darkScheme.matches}|${this.model.entries.length}`;
    this.colors = this.drawing.colorsFor(this.renderRoot as ShadowRoot, theme, this.model.entries.length);
  }

  // ---------------------------------------------------------------- painting

  private paintCanvases(): void {
    const model = this.run.model;
    if (!model) return;
    const root = this.renderRoot;
    const half = mapHalfWidth(model.data);
    const enabled = model.entries.map((entry) => !entry.disabled);
    const axis = validOr<ChartAxis>(AXIS_RULE, this.axis, 'updates');
    this.drawing.paint(
      {
        maps: model.entries.map((_, i) => root.querySelector<HTMLCanvasElement>(`canvas.map[data-racer="${i}"]`) ?? undefined),
        train: root.querySelector<HTMLCanvasElement>('canvas.train-costs') ?? undefined,
        test: root.querySelector<HTMLCanvasElement>('canvas.test-costs') ?? undefined,
        slice: root.querySelector<HTMLCanvasElement>('canvas.slice') ?? undefined,
        line: root.querySelector<HTMLCanvasElement>('canvas.line-costs') ?? undefined,
      },
      {
        geometry: geometry(this.hostSize.width, model.entries.length, model.data.testY.length > 0),
        data: model.data,
        half,
        grids: this.maps.gridsFor(model, half),
        records: model.records,
        enabled,
        perEpoch: axis === 'epochs' ? model.batchesPerEpoch : undefined,
        slice: this.slice,
        colors: this.colors,
      },
    );
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    void this.readoutTick;
    const model = this.model;
    const racer = this.racerIndex();
    const rules = this.propertyRules();
    const s = model.settings;
    const shown: ShownSettings = {
      task: s.dataset,
      size: s.size,
      noise: s.noise,
      testSplit: s.testSplit,
      layers: layersText(s.hidden),
      activation: s.activation,
      init: s.init,
      batchSize: s.batchSize,
    };
    const view: NetworkView = {
      model,
      geometry: geometry(this.hostSize.width, model.entries.length, model.data.testY.length > 0),
      half: mapHalfWidth(model.data),
      settings: shown,
      slice: this.slice,
      progress: this.job.progress,
      racer,
      directions: this.directionsInForce(),
      axis: validOr(rules.axis, this.axis, 'updates'),
      distinct: distinctUnits(model.shape, model.weights(racer)),
      playing: this.playing,
      speed: Number(validOr(SPEED_RULE, this.speed, 3)),
      format: this.format.bind(this),
      actions: this.actions,
    };
    return renderNetwork(view, {
      caption: this.renderCaption(),
      notes: this.renderNotes(),
      panels: {
        setEnabled: (i, enabled) => this.optimizers.setEnabled(i, enabled),
        setHyperparameter: (i, name, input) => this.optimizers.edit(i, name, input),
      },
    });
  }
}
