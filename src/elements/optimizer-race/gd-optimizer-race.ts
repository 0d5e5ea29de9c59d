import { html, svg, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { scaleLinear, scaleLog } from 'd3-scale';
import {
  LANDSCAPE_IDS,
  ParticleRun,
  costOfRows,
  ensureBackend,
  getLandscape,
  getOptimizer,
  type HyperparameterName,
  type Landscape,
  type OptimizerType,
  type ParticleStatus,
} from '../../core/index.js';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { isOneOf, numberOrText, parseFiniteNumber, parsePair } from '../shared/parse.js';
import { numberRule } from '../shared/rules.js';
import { renderAxes, type Margin } from '../shared/plot/axes.js';
import { prepareCanvas, resolveColors } from '../shared/plot/canvas.js';
import { fillContourBands } from '../shared/plot/contours.js';
import { MediaQueryController } from '../shared/controllers/media-query-controller.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { LinkController, type LinkedValues, type LinkTaken } from '../shared/controllers/link-controller.js';
import { nudgePoint, startPointDrag, type Domain2D } from '../shared/plot/drag.js';
import { drawSeries } from '../shared/plot/series.js';
import { tex } from '../shared/tex.js';
import { GdOptimizer, NUMERIC_RULES } from '../optimizer/gd-optimizer.js';
import { DECAY_TEX, GAP_TEX } from './formulas.js';
import { ruleLines } from '../shared/formulas.js';
import { DEFAULT_RACE, defaultLearningRate } from './internal/defaults.js';
import { PixelPath } from './internal/pixel-path.js';
import { markerPath, seriesStyle, traceMarker } from './internal/series-style.js';
import { THUMBNAIL_RATIO, landscapeThumbnail, paintThumbnail } from './internal/thumbnails.js';
import { whenIdle, type IdleBudget } from './internal/idle.js';
import { landscapeData, prepareSlice, type LandscapeData } from './internal/landscape-cache.js';
import { styles } from './gd-optimizer-race.styles.js';
import { cssomStyle } from '../shared/cssom-style.js';

/** One optimizer's race so far, as `trajectories` reports it. */
export interface RaceTrajectory {
  type: string;
  label: string;
  /** points[0] is the start, points[k] the parameters after k updates */
  points: [number, number][];
  /** costs[k] is the published cost function's value at points[k] */
  costs: number[];
  status: ParticleStatus;
  /** false when the optimizer is switched off (left off the plot and chart) */
  enabled: boolean;
}

/** One optimizer in the race, its settings resolved. */
interface RaceEntry {
  type: OptimizerType;
  label: string;
  hyperparameters: Record<HyperparameterName, number>;
  disabled: boolean;
  /** the declaring child, or undefined for a default optimizer */
  child?: GdOptimizer;
}

type Overrides = Partial<Record<HyperparameterName | 'disabled', number | boolean>>;

const PREVIEW_STEPS = 100;
/** The contour map's grid (n×n samples) and its number of filled bands. */
const GRID_SIZE = 256;
const BAND_COUNT = 22;
/** Idle work stops when less than this is left of an idle period (a slice takes a few ms). */
const SLICE_MARGIN_MS = 6;
/** How soon an off-screen race looks again whether it should prepare. */
const OFF_SCREEN_RETRY_MS = 1000;
/** The most optimizers a restored state brings (the legend has eight colours, then repeats). */
const MAX_RESTORED_OPTIMIZERS = 16;
/** A race stops by itself after this many updates ("max-steps"). */
const MAX_STEPS = 100_000;
const PLOT_MARGIN: Margin = { top: 8, right: 12, bottom: 42, left: 46 };
const CHART_MARGIN: Margin = { top: 8, right: 12, bottom: 40, left: 50 };

const HYPER_LABELS: Record<HyperparameterName, string> = {
  learningRate: 'Learning rate α',
  decay: 'Decay',
  beta: 'β',
  beta1: 'β₁',
  beta2: 'β₂',
  epsilon: 'ε',
  weightDecay: 'Weight decay λ',
};

/**
 * Optimizers race down a 2-D cost landscape: pick a landscape, drag the red start
 * point (the next 100 steps of every optimizer are previewed while you drag), press
 * play. One coloured, dashed trajectory per optimizer on a log-scaled contour map
 * (lighter = lower cost), a legend that isolates one optimizer on hover or focus, and
 * the cost per step on a log scale. Every optimizer steps in one batch on the shared
 * core. Optimizers are declared as `<gd-optimizer>` children; without children the
 * race runs SGD, Momentum, RMSprop and Adam with learning rates suited to the landscape.
 *
 * @tag gd-optimizer-race
 * @summary Optimizers racing on a 2-D cost landscape.
 *
 * @slot - `<gd-optimizer>` elements, one per racing optimizer, in legend order.
 * @slot caption - A caption for the figure (a question, a task for the reader), shown above it.
 *
 * @csspart picker - The landscape picker (a radio group of thumbnails).
 * @csspart plot - The contour map with the trajectories and the start point.
 * @csspart legend - The list of optimizers; hover or focus isolates one.
 * @csspart chart - The cost-per-step chart.
 * @csspart controls - Play/pause, step, reset and speed.
 * @csspart optimizers - The per-optimizer panels with their hyperparameters.
 * @csspart formula - A typeset formula (update rules, the landscape).
 * @csspart notes - Notes about rejected input and the race's state.
 * @csspart caption - The wrapper of the `caption` slot.
 *
 * @cssproperty [--gd-race-series-1=var(--gd-series-1)] - Colour of the 1st optimizer (also -2 … -8).
 * @cssproperty [--gd-race-start=var(--gd-color-model)] - Colour of the start point.
 * @cssproperty [--gd-font-family=system-ui] - Font of all text.
 * @cssproperty [--gd-color-accent=#2456a8] - Accent of buttons and sliders.
 *
 * @fires gd-step - After steps are applied (on play, step() and the Step button); detail: iteration and each optimizer's position, cost and status.
 * @fires gd-done - When every optimizer has converged or diverged, or after 100,000 steps; detail: reason.
 * @fires gd-params-change - When the user changes the landscape, the start point or an optimizer setting.
 * @fires gd-link-change - When optimizers of this race take a learning rate or decay from its `link` group; detail `{link, type, values, optimizers}`.
 */
export class GdOptimizerRace extends GdElement {
  static override styles = styles;

  /** Landscape id (`himmelblau`, `rosenbrock`, `goldstein-price`, …, `saddle`, `bowl`). */
  @property() landscape = 'himmelblau';

  /** Start point `"w1,w2"` inside the landscape's plotted area; unset, the landscape's own start. Switching landscape moves it to that landscape's start. */
  @property() start: string | null = null;

  /** Updates per animation frame while playing (1–100). */
  @property({ converter: numberOrText }) speed = 5;

  @state() private startPoint: [number, number] = [0, 0];
  @state() private isolated: number | null = null;
  @state() private pinned: number | null = null;
  /** Bumped (at most ~10 times a second while playing) to refresh the text readouts. */
  @state() private readoutTick = 0;
  /** Landscapes whose thumbnail is drawn (made while the page is idle). */
  @state() private thumbnails: Record<string, boolean> = {};

  @query('canvas.contours') private contourCanvas?: HTMLCanvasElement;
  @query('canvas.paths') private pathCanvas?: HTMLCanvasElement;
  @query('canvas.costs') private chartCanvas?: HTMLCanvasElement;
  @query('svg.plot-svg') private plotSvg?: SVGSVGElement;

  private run?: ParticleRun;
  private runSignature = '';
  private runEntries: RaceEntry[] = [];
  private paths: PixelPath[] = [];
  private pathsKey = '';
  /** The previewed next 100 steps (drawn faintly until the race catches up). */
  private ghost?: number[][][];
  /** The preview's costs, drawn in the chart while the race has not started. */
  private ghostCosts?: number[][];
  private dragging = false;
  /** Where the start is being dragged to; committed to `startPoint` on release. */
  private dragPoint?: [number, number];
  private previewQueued = false;
  private busy = false;
  private doneFired = false;
  private lastReadout = 0;
  private lastFrameAt = 0;
  private overrides: Overrides[] = [];
  private contourKey = '';
  private colors: Record<string, string> = {};
  private colorsKey = '';
  private readonly darkScheme = new MediaQueryController(this, '(prefers-color-scheme: dark)');
  private cancelIdle?: () => void;
  private readonly linker = new LinkController(this);
  /** Steps the run in frame-sized chunks; frees its tensors only when the race leaves the page for good. */
  private readonly runner = new RunController(this, {
    apply: (k) => this.applyUpdates(k),
    release: () => this.run?.releaseTensors(),
    afterChunk: () => this.requestPaint(),
  });
  private paintQueued = false;
  /** Bumped by every reset and rebuild: a step(n) cut short by one reports nothing. */
  private runGeneration = 0;
  private readonly childObserver = new MutationObserver(() => this.onChildrenChanged());
  /** Each child's shared settings as last sent to (or taken from) the link group. */
  private readonly sharedSettings = new WeakMap<GdOptimizer, string>();
  /** A restored state set the start: it wins over the landscape's own start even if the text is unchanged. */
  private restoredStart = false;
  /** `startPoint` holds the validated start (set on the first update). */
  private startResolved = false;

  protected override propertyRules(): Record<string, PropertyRule> {
    return {
      ...super.propertyRules(),
      landscape: {
        attribute: 'landscape',
        accepts: `one of ${LANDSCAPE_IDS.join(', ')}`,
        valid: isOneOf(LANDSCAPE_IDS),
        fallback: 'himmelblau',
      },
      start: this.startRule(),
      speed: numberRule('speed', { min: 1, max: 100, integer: true }, 5, 'a whole number of steps per frame from 1 to 100'),
    };
  }

  /**
   * A start inside the plotted area of the landscape in force (where dragging can put it
   * too): every landscape's cost is finite in float32 there, so the race never begins
   * at an infinite cost.
   */
  private startRule(): PropertyRule {
    const { w1, w2 } = this.currentLandscape.domain;
    const inside = (point: [number, number] | undefined) =>
      point !== undefined && point[0] >= w1[0] && point[0] <= w1[1] && point[1] >= w2[0] && point[1] <= w2[1];
    return {
      attribute: 'start',
      accepts: `two numbers "w1,w2" inside the plotted area of ${this.currentLandscape.name} (w1 from ${w1[0]} to ${w1[1]}, w2 from ${w2[0]} to ${w2[1]})`,
      valid: (value) => inside(parsePair(value)),
      // Stored as text, the form the attribute has (an array [w1, w2] is accepted too).
      normalize: (value) => parsePair(value)!.join(','),
      fallback: null,
    };
  }

  protected override hideableParts(): Record<string, string[]> {
    return {
      ...super.hideableParts(),
      picker: ['picker'],
      plot: ['plot'],
      legend: ['legend'],
      chart: ['chart'],
      controls: ['controls'],
      panels: ['optimizers'],
      optimizers: ['optimizers'],
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.childObserver.observe(this, { childList: true });
    this.addEventListener('gd-optimizer-change', this.onChildChange);
    // Back in the page after a move: finish preparing what the idle queue had left.
    if (this.hasUpdated) this.prepareAhead();
    if (!customElements.get('gd-optimizer')) {
      void customElements.whenDefined('gd-optimizer').then(() => this.onChildrenChanged());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver.disconnect();
    this.removeEventListener('gd-optimizer-change', this.onChildChange);
    this.cancelIdle?.();
    this.cancelIdle = undefined;
  }

  // ---------------------------------------------------------------- public API

  /**
   * One entry per optimizer (the `<gd-optimizer>` children in document order, or the
   * four defaults): `points[0]` is the start, `points[k]` the parameters after k
   * updates, `costs[k]` the cost there. A converged or diverged optimizer stops
   * growing: its last point is where it stopped.
   */
  get trajectories(): RaceTrajectory[] {
    // A getter never builds a run: before the first update or step there is none yet,
    // and each optimizer is at its start (the cost there is known once the run exists).
    const run = this.run;
    if (!run) {
      const start = this.currentStart();
      return this.readEntries().map((entry) => ({
        type: entry.type,
        label: entry.label,
        points: [[start[0], start[1]]],
        costs: [],
        status: 'running',
        enabled: !entry.disabled,
      }));
    }
    return this.runEntries.map((entry, i) => {
      const particle = run.particles[i];
      return {
        type: entry.type,
        label: entry.label,
        points: particle.points.map((p) => [p[0], p[1]] as [number, number]),
        costs: particle.costs.slice(),
        status: particle.status,
        enabled: !entry.disabled,
      };
    });
  }

  /** Updates made since the start. */
  get iteration(): number {
    return this.run?.iteration ?? 0;
  }

  protected override stateSettings(): Record<string, unknown> {
    const start = this.hasUpdated ? this.startPoint : (parsePair(this.start) ?? this.currentLandscape.start);
    const speed = this.propertyRules().speed.valid(this.speed) ? Number(this.speed) : 5;
    return {
      landscape: this.currentLandscape.id,
      start: pairText(start),
      speed,
      optimizers: this.readEntries().map((entry) => ({
        type: entry.type,
        label: entry.label,
        ...entry.hyperparameters,
        disabled: entry.disabled,
      })),
    };
  }

  protected override updatesMade(): number {
    return this.run?.iteration ?? 0;
  }

  /**
   * Restores the landscape, start and speed, and the optimizers as `<gd-optimizer>`
   * children: the existing children take the saved settings when there are as many,
   * otherwise they are replaced.
   */
  protected override applyState(state: Record<string, unknown>): void {
    const { optimizers, ...rest } = state;
    super.applyState(rest);
    if ('start' in rest) this.restoredStart = true;
    if (!Array.isArray(optimizers)) return;
    const saved = optimizers
      .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
      .slice(0, MAX_RESTORED_OPTIMIZERS);
    let children = this.optimizerChildren();
    if (children.length !== saved.length) {
      for (const child of children) child.remove();
      children = saved.map(() => document.createElement('gd-optimizer'));
      this.append(...children);
    }
    saved.forEach((settings, i) => {
      const child = children[i] as unknown as Record<string, unknown>;
      for (const key of ['type', 'label', 'disabled', ...Object.keys(NUMERIC_RULES)]) if (key in settings) child[key] = settings[key];
    });
    this.overrides = [];
  }

  protected override replay(n: number): Promise<void> {
    this.ensureRun();
    this.reset();
    // Not through step(), which waits for updateComplete, which waits for this replay.
    return this.stepRun(Math.min(n, MAX_STEPS));
  }

  /**
   * Applies exactly `n` updates to every optimizer (works paused, off-screen and before
   * the race is in a page), in frame-sized chunks: the page stays responsive, and a
   * `reset()` meanwhile ends it at once.
   */
  async step(n = 1): Promise<void> {
    const count = Math.max(0, Math.floor(Number(n) || 0));
    // A race never put in a page never updates: it steps on its settings as they are.
    if (this.isConnected || this.hasUpdated) await this.updateComplete;
    this.ensureRun();
    await this.stepRun(count);
  }

  /** `count` updates through the RunController (frame-sized chunks), then one report. */
  private async stepRun(count: number): Promise<void> {
    const generation = this.runGeneration;
    await this.runner.step(count);
    // A reset or a rebuild meanwhile ended this call; it reports nothing.
    if (generation === this.runGeneration) this.reportSteps();
  }

  /** Back to iteration 0 at the current start; a pending `step(n)` ends here. */
  reset(): void {
    this.runner.cancel();
    this.runGeneration++;
    this.run?.reset();
    this.doneFired = false;
    this.ghost = undefined;
    this.ghostCosts = undefined;
    this.resetPaths();
    this.queuePreview();
    this.draw();
    this.readoutTick++;
  }

  /** Stops playing; a pending `step(n)` ends here too. */
  override pause(): void {
    this.runner.cancel();
    super.pause();
  }

  override play(): void {
    const run = this.ensureRun();
    if (this.finished(run)) this.reset();
    super.play();
  }

  // ---------------------------------------------------------------- the race

  /** The landscape in force (validated). */
  private get currentLandscape(): Landscape {
    return getLandscape(this.landscape) ?? getLandscape('himmelblau')!;
  }

  private optimizerChildren(): GdOptimizer[] {
    return Array.from(this.children).filter((child): child is GdOptimizer => child instanceof GdOptimizer);
  }

  /** The optimizers as they are now: children (document order) or the defaults. */
  private readEntries(): RaceEntry[] {
    const landscapeId = this.currentLandscape.id;
    const children = this.optimizerChildren();
    const declared: { child?: GdOptimizer; settings: GdOptimizer['settings'] }[] = children.length
      ? children.map((child) => ({ child, settings: child.settings }))
      : DEFAULT_RACE.map((type) => ({ settings: { type, disabled: false } }));
    return declared.map(({ child, settings }, i) => {
      const rule = getOptimizer(settings.type) ?? getOptimizer('sgd')!;
      const override = this.overrides[i] ?? {};
      const hyperparameters = { ...rule.defaults, learningRate: defaultLearningRate(landscapeId, rule.type) };
      for (const name of Object.keys(hyperparameters) as HyperparameterName[]) {
        const value = override[name] ?? (settings as unknown as Record<string, number | undefined>)[name];
        if (typeof value === 'number') hyperparameters[name] = value;
      }
      return {
        type: rule.type,
        label: settings.label || rule.name,
        hyperparameters,
        disabled: typeof override.disabled === 'boolean' ? override.disabled : settings.disabled,
        child,
      };
    });
  }

  /** The run for the current landscape, start and optimizers; rebuilt when any changed. */
  private ensureRun(): ParticleRun {
    const entries = this.readEntries();
    const landscape = this.currentLandscape;
    const start = this.currentStart();
    const signature = JSON.stringify([landscape.id, start, entries.map((e) => [e.type, e.hyperparameters])]);
    if (this.run && signature === this.runSignature) {
      this.runEntries = entries;
      return this.run;
    }
    ensureBackend();
    const next = new ParticleRun({
      cost: (params) => costOfRows(landscape, params),
      particles: entries.map((entry) => ({
        start: [...start],
        optimizer: { type: entry.type, ...entry.hyperparameters },
      })),
    });
    this.run?.dispose();
    this.runner.cancel();
    this.runGeneration++;
    this.run = next;
    this.runSignature = signature;
    this.runEntries = entries;
    this.doneFired = false;
    this.ghost = undefined;
    this.ghostCosts = undefined;
    this.resetPaths();
    this.queuePreview();
    return next;
  }

  /**
   * Where the race starts: the validated `start` once the race has updated; before
   * that (a race not yet in a page) the `start` given if it is valid, else the landscape's.
   */
  private currentStart(): [number, number] {
    if (this.startResolved) return this.startPoint;
    const explicit = this.startRule().valid(this.start) ? parsePair(this.start) : undefined;
    return explicit ?? [...this.currentLandscape.start];
  }

  /** Makes up to `count` updates now (none past the step limit); returns how many. */
  private applyUpdates(count: number): number {
    const run = this.run;
    if (!run) return 0;
    const k = Math.min(count, Math.max(0, MAX_STEPS - run.iteration));
    run.step(k);
    if (this.ghost && run.iteration >= PREVIEW_STEPS) this.ghost = undefined;
    this.ghostCosts = undefined;
    return k;
  }

  /** Redraws and reports the updates just made. */
  private reportSteps(): void {
    const run = this.run;
    if (!run) return;
    this.draw();
    this.fire('gd-step', {
      iteration: run.iteration,
      values: {
        optimizers: this.runEntries.map((entry, i) => {
          const particle = run.particles[i];
          const last = particle.points[particle.points.length - 1];
          return {
            label: entry.label,
            type: entry.type,
            w1: last[0],
            w2: last[1],
            cost: particle.costs[particle.costs.length - 1],
            status: particle.status,
          };
        }),
      },
    });
    const now = performance.now();
    if (!this.playing || now - this.lastReadout > 100) {
      this.lastReadout = now;
      this.readoutTick++;
    }
    this.checkDone(run);
  }

  /** Whether every optimizer that races has stopped (or the step limit is reached). */
  private finished(run: ParticleRun): boolean {
    if (run.iteration >= MAX_STEPS) return true;
    return this.runEntries.every((entry, i) => entry.disabled || run.particles[i].status !== 'running');
  }

  private checkDone(run: ParticleRun): void {
    if (this.doneFired || !this.finished(run)) return;
    this.doneFired = true;
    const racing = this.runEntries.map((entry, i) => (entry.disabled ? undefined : run.particles[i])).filter((p) => p !== undefined);
    const reason =
      run.iteration >= MAX_STEPS ? 'max-steps' : racing.length && racing.every((p) => p.status === 'diverged') ? 'diverged' : 'converged';
    this.pause();
    this.readoutTick++;
    this.fire('gd-done', { reason, iteration: run.iteration });
  }

  protected override onFrame(): void {
    // A step(n) under way has the run; play waits for it.
    if (this.busy || this.dragging || this.runner.busy || !this.run) return;
    this.busy = true;
    try {
      this.applyUpdates(this.stepsThisFrame());
      this.reportSteps();
    } finally {
      this.busy = false;
    }
  }

  /**
   * `speed` is steps per 60 Hz frame: a slower display (or a dropped frame) gets
   * proportionally more steps, up to 4 frames' worth, so the race keeps its pace.
   * With reduced motion every beat advances exactly `speed` steps.
   */
  private stepsThisFrame(): number {
    const now = performance.now();
    const elapsed = now - this.lastFrameAt;
    this.lastFrameAt = now;
    if (this.reducedMotion.matches || !(elapsed > 0) || elapsed > 250) return this.speed;
    return Math.max(1, Math.min(4 * this.speed, Math.round((this.speed * elapsed) / (1000 / 60))));
  }

  /**
   * Shows where the next 100 steps lead from a new start or with new settings. Not
   * urgent: it waits for idle time, so a landscape switch paints its map first.
   */
  private queuePreview(): void {
    whenIdle(() => {
      if (!this.isConnected || !this.run || this.dragging) return;
      if (this.run.iteration > 0) return;
      const starts = this.runEntries.map(() => [...this.startPoint]);
      this.showPreview(this.run.preview(PREVIEW_STEPS, starts));
    });
  }

  private showPreview(particles: readonly { points: number[][]; costs: number[] }[]): void {
    this.ghost = particles.map((p) => p.points);
    this.ghostCosts = particles.map((p) => p.costs);
    this.drawPaths();
    this.drawChart();
    // The chart's axes follow the previewed costs.
    this.requestUpdate();
  }

  private onChildrenChanged = (): void => {
    this.requestUpdate();
  };

  /** A child's settings changed: re-read them; the notice goes no further than this race. */
  private onChildChange = (event: Event): void => {
    event.stopPropagation();
    if (event.target instanceof GdOptimizer && event.target.parentElement === this) this.shareChildSettings(event.target);
    this.requestUpdate();
  };

  // ---------------------------------------------------------------- user input

  private setLandscapeByUser(id: string): void {
    if (id === this.landscape) return;
    this.landscape = id;
    this.changedByElement('landscape');
    this.fire('gd-params-change', { landscape: id });
  }

  private moveStart(point: [number, number], commit: boolean): void {
    if (commit) {
      this.dragPoint = undefined;
      this.startPoint = point;
      this.start = pairText(point);
      this.changedByElement('start');
      this.ensureRun();
      this.fire('gd-params-change', { start: [...point] });
      return;
    }
    // While dragging: move the handle directly and preview where each optimizer would
    // go, once per frame, without rebuilding the run or re-rendering the template.
    this.dragPoint = point;
    const handle = this.renderRoot.querySelector('.handle');
    if (handle) {
      const { x, y } = this.plotScales();
      handle.setAttribute('transform', `translate(${x(point[0])},${y(point[1])})`);
    }
    this.previewFromDrag();
  }

  private previewFromDrag(): void {
    if (this.previewQueued) return;
    this.previewQueued = true;
    requestAnimationFrame(() => {
      this.previewQueued = false;
      if (!this.run || !this.dragPoint) return;
      const point = this.dragPoint;
      const starts = this.runEntries.map(() => [...point]);
      this.showPreview(this.run.preview(PREVIEW_STEPS, starts));
    });
  }

  private onHandlePointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const landscape = this.currentLandscape;
    const domain: Domain2D = { x: landscape.domain.w1, y: landscape.domain.w2 };
    this.dragging = true;
    startPointDrag(event, {
      toData: (x, y) => this.clientToData(x, y),
      domain,
      onPreview: (point) => this.moveStart(point, false),
      onCommit: (point) => {
        this.dragging = false;
        this.moveStart(point, true);
      },
    });
  }

  private onHandleKeyDown(event: KeyboardEvent): void {
    const landscape = this.currentLandscape;
    const point = nudgePoint(event, this.startPoint, { x: landscape.domain.w1, y: landscape.domain.w2 });
    if (point) this.moveStart(point, true);
  }

  private clientToData(clientX: number, clientY: number): [number, number] {
    const box = this.plotSvg!.getBoundingClientRect();
    const { x, y } = this.plotScales();
    return [x.invert(clientX - box.left - PLOT_MARGIN.left), y.invert(clientY - box.top - PLOT_MARGIN.top)];
  }

  private onHyperparameterChange(index: number, name: HyperparameterName, input: HTMLInputElement): void {
    const entry = this.runEntries[index];
    const rule = NUMERIC_RULES[name];
    const value = parseFiniteNumber(input.value);
    const key = `panel-${index}-${name}`;
    if (value === undefined || !rule.valid(value)) {
      this.setNote(key, `${entry.label}: ${HYPER_LABELS[name]} must be ${rule.accepts}; kept ${this.format(entry.hyperparameters[name])}.`);
      input.value = String(entry.hyperparameters[name]);
      return;
    }
    this.setNote(key, undefined);
    this.setHyperparameter(index, name, value);
    this.requestUpdate();
    this.fire('gd-params-change', { optimizer: index, label: entry.label, [name]: value });
    if (name === 'learningRate' || name === 'decay') this.linker.share({ type: entry.type, [name]: value });
  }

  /** Sets one optimizer's setting: on its `<gd-optimizer>` child, or for a default optimizer. */
  private setHyperparameter(index: number, name: HyperparameterName, value: number): void {
    const child = this.runEntries[index].child;
    if (!child) {
      this.overrides[index] = { ...this.overrides[index], [name]: value };
      return;
    }
    (child as unknown as Record<string, number>)[name] = value;
    // Set here, so it is not sent to the link group again when the child reports it.
    this.sharedSettings.set(child, sharedKey(child.settings));
  }

  /**
   * A linked widget's learning rate or decay, set by its user or by page script. It
   * goes only to this race's optimizers of the rule it names. Applied as plain sets:
   * no `gd-params-change`, so linked widgets never ping-pong.
   * @internal
   */
  applyLinked(values: LinkedValues): LinkTaken {
    const settings = (['learningRate', 'decay'] as const).filter(
      (name) => values[name] !== undefined && NUMERIC_RULES[name].valid(values[name]),
    );
    if (!settings.length) return undefined;
    this.ensureRun();
    const taken: Record<string, number> = {};
    const optimizers: number[] = [];
    this.runEntries.forEach((entry, i) => {
      if (entry.type !== values.type) return;
      let changed = false;
      for (const name of settings) {
        const value = values[name]!;
        if (entry.hyperparameters[name] === value) continue;
        this.setHyperparameter(i, name, value);
        taken[name] = value;
        changed = true;
      }
      if (changed) optimizers.push(i);
    });
    if (!optimizers.length) return undefined;
    this.requestUpdate();
    return { values: taken, optimizers };
  }

  /**
   * A child's learning rate or decay set by page script (or an attribute) goes to the
   * link group, like one typed into its panel. The first report of a child is its
   * starting value, which stays its own.
   */
  private shareChildSettings(child: GdOptimizer): void {
    const settings = child.settings;
    const key = sharedKey(settings);
    const before = this.sharedSettings.get(child);
    this.sharedSettings.set(child, key);
    if (before === undefined || before === key) return;
    const [, learningRate, decay] = JSON.parse(before) as [string, number | null, number | null];
    const values: LinkedValues = { type: settings.type };
    if (settings.learningRate !== undefined && settings.learningRate !== learningRate) values.learningRate = settings.learningRate;
    if (settings.decay !== undefined && settings.decay !== decay) values.decay = settings.decay;
    if (values.learningRate !== undefined || values.decay !== undefined) this.linker.share(values);
  }

  private onEnabledChange(index: number, enabled: boolean): void {
    const entry = this.runEntries[index];
    if (entry.child) entry.child.disabled = !enabled;
    else this.overrides[index] = { ...this.overrides[index], disabled: !enabled };
    if (!enabled && (this.isolated === index || this.pinned === index)) {
      this.isolated = null;
      this.pinned = null;
    }
    this.requestUpdate();
    this.fire('gd-params-change', { optimizer: index, label: entry.label, enabled });
  }

  private setIsolated(index: number | null): void {
    this.isolated = index;
    this.drawPaths();
    this.drawChart();
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A rejected value was put back by the base class: nothing really changed.
    const landscapeChanged = changed.has('landscape') && changed.get('landscape') !== this.landscape;
    const startChanged = (changed.has('start') && changed.get('start') !== this.start) || this.restoredStart;
    this.restoredStart = false;
    if (landscapeChanged || startChanged) {
      const landscape = this.currentLandscape;
      const explicit = parsePair(this.start);
      if (startChanged && explicit) this.startPoint = explicit;
      else if (landscapeChanged || !explicit) {
        this.startPoint = [...landscape.start];
        // `start` says where the race really starts, so a page (or a framework holding
        // the old value) can read it and set the old start back.
        if (this.hasUpdated && explicit) {
          this.start = pairText(this.startPoint);
          this.changedByElement('start');
        }
      }
      if (landscapeChanged && changed.get('landscape') !== undefined) {
        // Learning rates typed into the panels were for the old landscape.
        this.overrides = this.overrides.map(({ learningRate: _dropped, ...rest }) => rest);
      }
    }
    this.startResolved = true;
    // The run follows the settings here, before render, which only reads it.
    this.ensureRun();
  }

  protected override firstUpdated(): void {
    this.prepareAhead();
  }

  /**
   * After the first paint, while the page is idle: the thumbnails, then every
   * landscape's grid and contour bands, one piece per idle slice, so that switching
   * landscape later only fills polygons.
   */
  private prepareAhead(): void {
    this.cancelIdle?.();
    // Each task is one slice of a few ms (a thumbnail, a block of grid rows, one band)
    // and returns true once its piece is complete. The grids and bands go to the cache
    // every race on the page shares.
    const tasks: (() => boolean)[] = [
      ...LANDSCAPE_IDS.filter((id) => !this.thumbnails[id]).map((id) => () => {
        this.thumbnails = { ...this.thumbnails, [id]: landscapeThumbnail(id) !== undefined };
        return true;
      }),
      ...LANDSCAPE_IDS.map((id) => () => prepareSlice(getLandscape(id)!, GRID_SIZE, BAND_COUNT)),
    ];
    const next = (deadline: IdleBudget) => {
      if (!this.isConnected) return;
      // Off-screen (or in a hidden tab) nothing is prepared; look again a little later.
      if (!this.player.onScreen) {
        const timer = setTimeout(() => (this.cancelIdle = whenIdle(next)), OFF_SCREEN_RETRY_MS);
        this.cancelIdle = () => clearTimeout(timer);
        return;
      }
      // Slices while the idle period lasts, stopping with a margin for the slice's own time.
      // A callback run on its timeout (a page never idle) still makes one slice of progress.
      let budget = deadline.didTimeout ? 1 : 0;
      while (tasks.length && (budget-- > 0 || deadline.timeRemaining() > SLICE_MARGIN_MS)) {
        if (tasks[0]()) tasks.shift();
      }
      if (tasks.length) this.cancelIdle = whenIdle(next);
    };
    this.cancelIdle = whenIdle(next);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.refreshChildNotes();
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.thumb-image:not([data-painted])')) {
      if (paintThumbnail(canvas, canvas.dataset.landscape!)) canvas.dataset.painted = '';
    }
    // Canvas colours follow the theme; resolving them forces a style pass, so only on change.
    const colorsKey = `${this.theme}|${this.darkScheme.matches}|${this.runEntries.length}`;
    if (colorsKey !== this.colorsKey) {
      this.colorsKey = colorsKey;
      this.contourKey = '';
      this.colors = this.resolveCanvasColors();
    }
    this.draw();
  }

  private resolveCanvasColors(): Record<string, string> {
    return resolveColors(this.renderRoot as ShadowRoot, {
      start: 'var(--gd-race-start, var(--_model))',
      halo: 'light-dark(rgba(255,255,255,0.85), rgba(10,14,20,0.7))',
      fg: 'var(--_fg)',
      muted: 'var(--_muted)',
      bg: 'var(--_bg)',
      ...Object.fromEntries(this.runEntries.map((_, i) => [`series${i}`, seriesStyle(i).color])),
    });
  }

  /** Bad values on child elements show up in this element's notes. */
  private refreshChildNotes(): void {
    const wanted: Record<string, string> = {};
    this.optimizerChildren().forEach((child, i) => {
      for (const [attribute, text] of Object.entries(child.notes)) wanted[`optimizer-${i}-${attribute}`] = text;
    });
    const current = Object.keys(this.notes).filter((key) => key.startsWith('optimizer-'));
    const changed = current.length !== Object.keys(wanted).length || current.some((key) => this.notes[key] !== wanted[key]);
    if (!changed) return;
    const next = Object.fromEntries(Object.entries(this.notes).filter(([key]) => !key.startsWith('optimizer-')));
    this.notes = { ...next, ...wanted };
  }

  // ---------------------------------------------------------------- geometry

  private get wide(): boolean {
    return this.hostSize.width >= 720;
  }

  private plotWidth(): number {
    const width = Math.max(240, this.hostSize.width || 600);
    const maxWidth = 576;
    return Math.min(maxWidth, this.wide ? Math.floor(width * 0.56) : width);
  }

  private plotScales() {
    const landscape = this.currentLandscape;
    const [a, b] = landscape.domain.w1;
    const [c, d] = landscape.domain.w2;
    const innerWidth = this.plotWidth() - PLOT_MARGIN.left - PLOT_MARGIN.right;
    // Equal units on both axes, so the gradient is drawn perpendicular to the contours.
    const innerHeight = Math.round(Math.min(innerWidth * 1.25, (innerWidth * (d - c)) / (b - a)));
    return {
      x: scaleLinear().domain([a, b]).range([0, innerWidth]),
      y: scaleLinear().domain([c, d]).range([innerHeight, 0]),
      innerWidth,
      innerHeight,
    };
  }

  private chartSize(): { width: number; height: number } {
    const total = Math.max(240, this.hostSize.width || 600);
    if (!this.wide) return { width: total, height: 200 };
    // Beside the plot: fill the height the legend and the caption leave.
    const plotHeight = this.plotScales().innerHeight + PLOT_MARGIN.top + PLOT_MARGIN.bottom;
    const legendHeight = 36 * this.runEntries.length + 12;
    return { width: total - this.plotWidth() - 24, height: Math.max(200, Math.min(340, plotHeight - legendHeight - 60)) };
  }

  /** Log-axis ticks: powers of ten as 10⁻⁶, anything else as a plain number. */
  private formatLogTick(value: number): string {
    const exponent = Math.round(Math.log10(value));
    if (Math.abs(exponent) >= 3 && Math.abs(Math.log10(value) - exponent) < 1e-9) {
      const superscript: Record<string, string> = {
        '-': '⁻',
        '0': '⁰',
        '1': '¹',
        '2': '²',
        '3': '³',
        '4': '⁴',
        '5': '⁵',
        '6': '⁶',
        '7': '⁷',
        '8': '⁸',
        '9': '⁹',
      };
      return `10${String(exponent).replace(/./g, (c) => superscript[c] ?? c)}`;
    }
    return this.format(value);
  }

  // ---------------------------------------------------------------- drawing

  /** Paints at the next frame, once however many chunks of a step(n) land before it. */
  private requestPaint(): void {
    if (this.paintQueued || !this.hasUpdated) return;
    this.paintQueued = true;
    requestAnimationFrame(() => {
      this.paintQueued = false;
      this.draw();
    });
  }

  private draw(): void {
    if (!this.hasUpdated) return;
    this.drawContours();
    this.drawPaths();
    this.drawChart();
  }

  private landscapeData(landscape: Landscape): LandscapeData {
    return landscapeData(landscape, GRID_SIZE, BAND_COUNT);
  }

  private drawContours(): void {
    const canvas = this.contourCanvas;
    if (!canvas) return;
    const landscape = this.currentLandscape;
    const { innerWidth, innerHeight } = this.plotScales();
    const key = `${landscape.id}|${innerWidth}|${innerHeight}|${window.devicePixelRatio}`;
    if (key === this.contourKey) return;
    this.contourKey = key;
    const context = prepareCanvas(canvas, innerWidth, innerHeight);
    const { grid, bands } = this.landscapeData(landscape);
    fillContourBands(context, bands, grid.n, { width: innerWidth, height: innerHeight, lineColor: 'rgba(255,255,255,0.28)' });
  }

  private resetPaths(): void {
    this.paths = [];
    this.pathsKey = '';
  }

  private drawPaths(): void {
    const canvas = this.pathCanvas;
    const run = this.run;
    if (!canvas || !run) return;
    const { x, y, innerWidth, innerHeight } = this.plotScales();
    const key = `${this.runSignature}|${innerWidth}|${innerHeight}`;
    if (key !== this.pathsKey || this.paths.length !== this.runEntries.length) {
      this.pathsKey = key;
      this.paths = this.runEntries.map(() => new PixelPath());
    }
    const toPixel = (w1: number, w2: number): [number, number] => [x(w1), y(w2)];
    const context = prepareCanvas(canvas, innerWidth, innerHeight);
    const focus = this.isolated ?? this.pinned;
    const order = this.runEntries.map((_, i) => i).filter((i) => i !== focus);
    if (focus !== null && focus < this.runEntries.length) order.push(focus);

    // The preview of the next 100 steps: drawn like the race itself before it starts
    // (and while the start is dragged), then faint behind the real trajectories.
    if (this.ghost) {
      const strength = run.iteration === 0 || this.dragging ? 0.9 : 0.3;
      for (const i of order) {
        const entry = this.runEntries[i];
        const points = this.ghost[i];
        if (entry.disabled || !points) continue;
        const ghost = new PixelPath(1);
        ghost.extend(points, toPixel);
        ghost.trace(context);
        context.globalAlpha = focus === null || focus === i ? strength : 0.12;
        context.setLineDash([]);
        context.lineWidth = 3.5;
        context.strokeStyle = this.colors.halo;
        context.stroke();
        context.setLineDash(seriesStyle(i).dash);
        context.lineWidth = 1.75;
        context.strokeStyle = this.colors[`series${i}`] ?? '#000';
        context.stroke();
        const end = points[points.length - 1];
        if (strength > 0.5 && end && Number.isFinite(end[0]) && Number.isFinite(end[1])) {
          const [ex, ey] = toPixel(end[0], end[1]);
          context.setLineDash([]);
          traceMarker(context, seriesStyle(i).marker, ex, ey, 3.5);
          context.fillStyle = this.colors.halo;
          context.fill();
          context.lineWidth = 1.5;
          context.strokeStyle = this.colors[`series${i}`] ?? '#000';
          context.stroke();
        }
      }
      context.setLineDash([]);
      context.globalAlpha = 1;
    }

    // While the start is dragged only the preview is meaningful.
    for (const i of this.dragging ? [] : order) {
      const entry = this.runEntries[i];
      const particle = run.particles[i];
      if (entry.disabled || !particle) continue;
      const path = this.paths[i];
      path.extend(particle.points, toPixel);
      const lastPoint = particle.points[particle.points.length - 1];
      const last = toPixel(lastPoint[0], lastPoint[1]);
      const faded = focus !== null && focus !== i;
      const style = seriesStyle(i);
      const color = this.colors[`series${i}`] ?? '#000';
      context.globalAlpha = faded ? 0.18 : 1;
      path.trace(context, last);
      context.setLineDash([]);
      context.lineWidth = 4;
      context.strokeStyle = this.colors.halo;
      context.stroke();
      context.setLineDash(style.dash);
      context.lineWidth = 2;
      context.strokeStyle = color;
      context.stroke();
      context.setLineDash([]);
      // Where it is now; a cross where it diverged.
      if (particle.status === 'diverged') {
        this.drawCross(context, last[0], last[1], color);
      } else {
        traceMarker(context, style.marker, last[0], last[1], 5);
        context.fillStyle = color;
        context.fill();
        context.lineWidth = 1.5;
        context.strokeStyle = this.colors.halo;
        context.stroke();
      }
    }
    context.globalAlpha = 1;
  }

  private drawCross(context: CanvasRenderingContext2D, x: number, y: number, color: string): void {
    const r = 6;
    context.beginPath();
    context.moveTo(x - r, y - r);
    context.lineTo(x + r, y + r);
    context.moveTo(x + r, y - r);
    context.lineTo(x - r, y + r);
    context.lineCap = 'round';
    context.lineWidth = 5;
    context.strokeStyle = this.colors.halo;
    context.stroke();
    context.lineWidth = 2.5;
    context.strokeStyle = color;
    context.stroke();
    context.lineCap = 'butt';
  }

  /** The reference J* the chart measures from, and the ε that keeps log(0) off it. */
  private gapReference(): { reference: number; epsilon: number; published: boolean } {
    const landscape = this.currentLandscape;
    const minima = landscape.minima.filter((m) => m.kind !== 'saddle');
    if (minima.length) {
      const reference = Math.min(...minima.map((m) => m.value));
      return { reference, epsilon: 1e-6 * Math.max(1, Math.abs(reference)), published: true };
    }
    const { grid } = this.landscapeData(landscape);
    return { reference: grid.min, epsilon: 1e-6 * Math.max(1, Math.abs(grid.min)), published: false };
  }

  /**
   * What the chart plots for a cost. Below a published minimum nothing can go (float32
   * noise aside, clamped to 0); on a surface without one, values below the reference
   * are left off rather than drawn as if a minimum had been reached.
   */
  private gapTransform(): (cost: number) => number {
    const { reference, epsilon, published } = this.gapReference();
    return published ? (cost) => Math.max(cost - reference, 0) + epsilon : (cost) => (cost > reference ? cost - reference + epsilon : NaN);
  }

  private chartScales(): {
    x: ReturnType<typeof scaleLinear<number>>;
    y: ReturnType<typeof scaleLog<number>>;
    width: number;
    height: number;
  } {
    const { width, height } = this.chartSize();
    const innerWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
    const innerHeight = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
    const run = this.run;
    const { epsilon } = this.gapReference();
    const gap = this.gapTransform();
    let steps = PREVIEW_STEPS;
    let low = Infinity;
    let high = -Infinity;
    if (run) {
      this.runEntries.forEach((entry, i) => {
        if (entry.disabled) return;
        const costs = this.ghostCosts?.[i] ?? run.particles[i].costs;
        steps = Math.max(steps, costs.length - 1);
        // The extremes sit near the start and near the end; a stride keeps this cheap.
        const stride = Math.max(1, Math.floor(costs.length / 400));
        for (let k = 0; k < costs.length; k += k < 50 ? 1 : stride) {
          const value = gap(costs[k]);
          if (Number.isFinite(value)) {
            if (value < low) low = value;
            if (value > high) high = value;
          }
        }
        const lastValue = gap(costs[costs.length - 1]);
        if (Number.isFinite(lastValue)) low = Math.min(low, lastValue);
      });
    }
    if (!(low < high)) {
      low = Number.isFinite(low) ? low / 10 : epsilon;
      high = Number.isFinite(high) ? high * 10 : 1;
    }
    return {
      x: scaleLinear().domain([0, steps]).range([0, innerWidth]),
      y: scaleLog().domain([low, high]).range([innerHeight, 0]).nice(),
      width: innerWidth,
      height: innerHeight,
    };
  }

  private drawChart(): void {
    const canvas = this.chartCanvas;
    const run = this.run;
    if (!canvas || !run) return;
    const { x, y, width, height } = this.chartScales();
    const context = prepareCanvas(canvas, width, height);
    const gap = this.gapTransform();
    const focus = this.isolated ?? this.pinned;
    const series = this.runEntries
      .map((entry, i) => ({ entry, i }))
      .filter(({ entry }) => !entry.disabled)
      .map(({ i }) => ({
        // Before the race starts (and while the start is dragged): the preview's costs.
        values: this.ghostCosts?.[i] ?? run.particles[i].costs,
        color: this.colors[`series${i}`] ?? '#000',
        dash: seriesStyle(i).dash,
        faded: focus !== null && focus !== i,
      }));
    drawSeries(
      context,
      series,
      (v) => x(v),
      (v) => y(v),
      width,
      gap,
    );
    this.runEntries.forEach((entry, i) => {
      const particle = run.particles[i];
      if (entry.disabled || particle.status !== 'diverged') return;
      const k = particle.costs.length - 1;
      const value = gap(particle.costs[k]);
      if (Number.isFinite(value)) this.drawCross(context, x(k), y(value), this.colors[`series${i}`] ?? '#000');
    });
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    void this.readoutTick;
    const landscape = this.currentLandscape;
    // Built in willUpdate: render only reads.
    const run = this.run!;
    const entries = this.runEntries;
    const scales = this.plotScales();
    const plotWidth = this.plotWidth();
    const plotHeight = scales.innerHeight + PLOT_MARGIN.top + PLOT_MARGIN.bottom;
    return html`
      <div class="race ${this.wide ? 'wide' : 'narrow'}">
        ${this.renderCaption()} ${this.renderPicker(landscape)}
        <div class="stage">
          <figure class="plot-column">
            <div class="plot" part="plot" style=${cssomStyle({ width: plotWidth, height: plotHeight })}>
              <canvas class="contours" style=${cssomStyle({ left: PLOT_MARGIN.left, top: PLOT_MARGIN.top })}></canvas>
              <canvas class="paths" style=${cssomStyle({ left: PLOT_MARGIN.left, top: PLOT_MARGIN.top })}></canvas>
              ${this.renderPlotSvg(landscape, plotWidth, plotHeight, scales)}
            </div>
            <figcaption class="caption">
              <span class="key"
                ><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" class="start-dot"></circle></svg>start (drag
                it, or focus it and use the arrow keys)</span
              >
              ${
                landscape.minima.some((m) => m.kind !== 'saddle')
                  ? html`<span class="key"
                      ><svg width="12" height="12" aria-hidden="true"><path d=${this.minimumPath(6, 6, 5)} class="minimum"></path></svg
                      >known minimum</span
                    >`
                  : nothing
              }
              ${
                landscape.minima.some((m) => m.kind === 'saddle')
                  ? html`<span class="key"
                      ><svg width="12" height="12" aria-hidden="true">
                        <path d=${this.minimumPath(6, 6, 5)} class="minimum saddle"></path></svg
                      >saddle point</span
                    >`
                  : nothing
              }
              <span class="key"><span class="ramp" aria-hidden="true"></span>lighter = lower cost (log scale)</span>
            </figcaption>
          </figure>
          <div class="side">${this.renderLegend(entries, run)} ${this.renderChart()}</div>
        </div>
        ${this.renderControls(run)} ${this.renderNotes()} ${this.renderPanels(entries)}
        <slot hidden></slot>
      </div>
    `;
  }

  private renderPicker(landscape: Landscape): TemplateResult {
    return html`<fieldset class="picker" part="picker">
      <legend>Landscape</legend>
      <div class="thumbs">
        ${LANDSCAPE_IDS.map((id) => {
          const item = getLandscape(id)!;
          return html`<label class="thumb" title=${item.name}>
            <input
              type="radio"
              name="landscape"
              .value=${id}
              .checked=${id === landscape.id}
              @change=${() => this.setLandscapeByUser(id)}
            />
            ${
              this.thumbnails[id]
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
        <strong>${landscape.name}</strong> ${tex(landscape.tex)}
      </p>
    </fieldset>`;
  }

  private minimumPath(x: number, y: number, r: number): string {
    // A four-pointed star.
    const i = r * 0.38;
    return `M${x},${y - r}L${x + i},${y - i}L${x + r},${y}L${x + i},${y + i}L${x},${y + r}L${x - i},${y + i}L${x - r},${y}L${x - i},${y - i}Z`;
  }

  private renderPlotSvg(
    landscape: Landscape,
    width: number,
    height: number,
    scales: ReturnType<GdOptimizerRace['plotScales']>,
  ): TemplateResult {
    const { x, y, innerWidth, innerHeight } = scales;
    const [w1, w2] = this.dragPoint ?? this.startPoint;
    const sx = x(w1);
    const sy = y(w2);
    const valueText = `w₁ ${this.format(w1, { digits: 3 })}; w₂ ${this.format(w2, { digits: 3 })}`;
    return html`<svg class="plot-svg" width=${width} height=${height} role="group" aria-label="Contour map of ${landscape.name}">
      ${renderAxes({ x, y, margin: PLOT_MARGIN, xLabel: 'w₁', yLabel: 'w₂', format: (v) => this.format(v) })}
      <g transform="translate(${PLOT_MARGIN.left},${PLOT_MARGIN.top})">
        <rect class="drag-surface" width=${innerWidth} height=${innerHeight} @pointerdown=${this.onHandlePointerDown}></rect>
        ${landscape.minima.map((minimum) => {
          const [mx, my] = minimum.position;
          if (mx < x.domain()[0] || mx > x.domain()[1] || my < y.domain()[0] || my > y.domain()[1]) return nothing;
          const saddle = minimum.kind === 'saddle';
          return svg`<path class=${saddle ? 'minimum saddle' : minimum.global === false ? 'minimum local' : 'minimum'} d=${this.minimumPath(x(mx), y(my), saddle ? 5 : 6.5)}></path>`;
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
          transform="translate(${sx},${sy})"
          @pointerdown=${this.onHandlePointerDown}
          @keydown=${this.onHandleKeyDown}
        >
          <circle class="ring" r="12"></circle>
          <circle class="hit" r="16"></circle>
          <circle class="start-dot" r="7"></circle>
        </g>
      </g>
    </svg>`;
  }

  private renderLegend(entries: RaceEntry[], run: ParticleRun): TemplateResult {
    const focus = this.isolated ?? this.pinned;
    return html`<ul class="legend" part="legend" aria-label="Optimizers">
      ${entries.map((entry, i) => {
        const particle = run.particles[i];
        const style = seriesStyle(i);
        // While the start is dragged the legend reads the cost at the new start.
        const cost = this.dragging && this.ghostCosts?.[i] ? this.ghostCosts[i][0] : particle.costs[particle.costs.length - 1];
        const status = entry.disabled
          ? 'switched off'
          : particle.status === 'diverged'
            ? `diverged at step ${this.format(particle.stoppedAt ?? run.iteration, { digits: 6 })}`
            : particle.status === 'converged'
              ? `converged at step ${this.format(particle.stoppedAt ?? run.iteration, { digits: 6 })} · J = ${this.format(cost)}`
              : `J = ${this.format(cost)}`;
        return html`<li>
          <button
            class="legend-item ${focus !== null && focus !== i ? 'faded' : ''} ${particle.status}"
            aria-pressed=${this.pinned === i ? 'true' : 'false'}
            ?disabled=${entry.disabled}
            @mouseenter=${() => this.setIsolated(i)}
            @mouseleave=${() => this.setIsolated(null)}
            @focus=${() => this.setIsolated(i)}
            @blur=${() => this.setIsolated(null)}
            @click=${() => {
              this.pinned = this.pinned === i ? null : i;
              this.drawPaths();
              this.drawChart();
            }}
          >
            ${this.renderSwatch(i, style)}
            <span class="legend-label">${entry.label}</span>
            <span class="legend-status ${particle.status === 'diverged' ? 'warn' : ''}">${status}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  private renderSwatch(i: number, style = seriesStyle(i)): TemplateResult {
    return html`<svg class="swatch" width="34" height="14" aria-hidden="true" style=${cssomStyle({ color: style.color })}>
      <line x1="2" x2="32" y1="7" y2="7" stroke="currentColor" stroke-width="2.2" stroke-dasharray=${style.dash.join(' ') || 'none'}></line>
      <path d=${markerPath(style.marker, 17, 7, 4)} fill="currentColor"></path>
    </svg>`;
  }

  private renderChart(): TemplateResult {
    const { x, y, width, height } = this.chartScales();
    const outer = this.chartSize();
    const { epsilon, published } = this.gapReference();
    return html`<figure class="chart" part="chart">
      <div class="plot" style=${cssomStyle({ width: outer.width, height: outer.height })}>
        <canvas class="costs" style=${cssomStyle({ left: CHART_MARGIN.left, top: CHART_MARGIN.top, width, height })}></canvas>
        <svg width=${outer.width} height=${outer.height} role="img" aria-label="Cost per step, log scale">
          ${renderAxes({
            x,
            y,
            margin: CHART_MARGIN,
            xLabel: 'step',
            yLabel: 'J − J* (log)',
            format: (v) => (v === x.domain()[0] || x.ticks().includes(v) ? this.format(v) : this.formatLogTick(v)),
            yTickCount: 4,
            grid: true,
          })}
        </svg>
      </div>
      <figcaption class="caption">
        ${this.ghostCosts ? 'Cost per step over the next 100 steps (a preview until the race starts):' : 'Cost per step:'} ${tex(GAP_TEX)},
        where J* is
        ${
          published
            ? html`the published global minimum and ε = ${this.format(epsilon)} keeps a reached minimum on the log axis.`
            : html`the lowest value on the plotted area (this surface has no minimum; lower values are left off) and ε =
              ${this.format(epsilon)}.`
        }
      </figcaption>
    </figure>`;
  }

  private renderControls(run: ParticleRun): TemplateResult {
    const playing = this.playing;
    return html`<div class="controls" part="controls">
      <button class="primary play" @click=${() => (playing ? this.pause() : this.play())} aria-label=${playing ? 'Pause' : 'Play'}>
        ${
          playing
            ? html`<svg width="12" height="12" aria-hidden="true">
                  <rect x="1" y="1" width="3.5" height="10" fill="currentColor"></rect>
                  <rect x="7.5" y="1" width="3.5" height="10" fill="currentColor"></rect></svg
                >Pause`
            : html`<svg width="12" height="12" aria-hidden="true"><path d="M2 1 L11 6 L2 11 Z" fill="currentColor"></path></svg>Play`
        }
      </button>
      <button class="step" @click=${() => void this.step(1)}>Step</button>
      <button class="reset" @click=${() => this.reset()}>Reset</button>
      <label class="field speed">
        <span>Speed: <output>${this.format(this.speed)}</output> steps per frame</span>
        <input
          type="range"
          min="1"
          max="50"
          step="1"
          .value=${String(this.speed)}
          @input=${(event: Event) => {
            this.speed = Number((event.target as HTMLInputElement).value);
            this.changedByElement('speed');
          }}
          @change=${() => this.fire('gd-params-change', { speed: this.speed })}
        />
      </label>
      <p class="readout" aria-live="off">Step <strong>${this.format(run.iteration, { digits: 7 })}</strong></p>
    </div>`;
  }

  private renderPanels(entries: RaceEntry[]): TemplateResult {
    return html`<section class="optimizers" part="optimizers" aria-label="Optimizer settings">
      <p class="panel-intro">
        Each optimizer's update rule, with dW = ∂J/∂W and t the updates made so far; the learning rate decays as ${tex(DECAY_TEX)}.
      </p>
      <div class="cards">
        ${entries.map((entry, i) => {
          const rule = getOptimizer(entry.type)!;
          const names: HyperparameterName[] = [
            'learningRate',
            'decay',
            ...rule.hyperparameters.filter((h) => h !== 'learningRate' && h !== 'decay'),
          ];
          return html`<fieldset class="card ${entry.disabled ? 'off' : ''}">
            <legend>${this.renderSwatch(i)}<span>${entry.label}</span></legend>
            <label class="enable"
              ><input
                type="checkbox"
                .checked=${!entry.disabled}
                @change=${(event: Event) => this.onEnabledChange(i, (event.target as HTMLInputElement).checked)}
              />Racing</label
            >
            <div class="rule" tabindex="0" role="group" aria-label="${entry.label} update rule">
              ${ruleLines(rule.tex).map((line) => html`<div class="rule-line">${tex(line)}</div>`)}
            </div>
            <div class="hypers">
              ${names.map(
                (name) =>
                  html`<label class="field">
                    <span>${HYPER_LABELS[name]}</span>
                    <input
                      type="number"
                      step="any"
                      min="0"
                      .value=${String(entry.hyperparameters[name])}
                      @change=${(event: Event) => this.onHyperparameterChange(i, name, event.target as HTMLInputElement)}
                    />
                  </label>`,
              )}
            </div>
          </fieldset>`;
        })}
      </div>
    </section>`;
  }
}

/** The settings a link group shares, as one comparable string. */
function sharedKey(settings: GdOptimizer['settings']): string {
  return JSON.stringify([settings.type, settings.learningRate ?? null, settings.decay ?? null]);
}

/** `[w1, w2]` as the `start` attribute writes it. */
function pairText([w1, w2]: readonly number[]): string {
  return `${w1},${w2}`;
}
