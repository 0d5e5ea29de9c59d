import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { numberOrText } from '../shared/parse.js';
import { kappaOf } from '../shared/rules.js';
import { digitsToTell } from '../shared/format.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { PaintController } from '../shared/controllers/paint-controller.js';
import { resolveColors } from '../shared/plot/canvas.js';
import { clamp } from '../shared/plot/drag.js';
import { tokens } from '../shared/tokens.styles.js';
import { controls } from '../shared/controls.styles.js';
import { plotStyles } from '../shared/plot/plot.styles.js';
import { DEFAULT_BOWL_KAPPA, getLandscape, type Landscape, type LandscapeId, type OptimizerType } from '../../core/index.js';
import { styles } from './gd-sweep.styles.js';
import { SweepModel, momentumEdge, type SweepCell, type SweepConfig } from './internal/model.js';
import { MAX_STEPS, configKey, resolveConfig, sweepRules } from './internal/config.js';
import { MARGIN_1D, MARGIN_2D, cellAt, colorScale, costView, type CostView } from './internal/layout.js';
import { paintHeatMap } from './internal/paint.js';
import type { SweepSetting } from './internal/axes.js';
import { cellAfterKey, describeCell, describeSweep, linkedValuesOf } from './internal/cells.js';
import { goodRanges } from './internal/good-ranges.js';
import { previewPath, type PathPreview } from './internal/path-preview.js';
import { paintPathMap, pathMapSize, renderPathPreview } from './internal/path-figure.js';
import { renderColorLegend, renderHeatOverlay, renderLineLegend, renderLinePlot, type FigureSnapshot } from './internal/figure.js';

export type { SweepCell } from './internal/model.js';
export type { GdStepEvent, GdDoneEvent, GdSelectEvent } from '../shared/events.js';

/**
 * How sensitive an optimizer is to its learning rate (and, optionally, a second
 * setting): one run per cell, all cells stepped together as one batched run, each
 * cell coloured by where its run ended. A 1-D sweep plots the final cost against α
 * (both on log axes) with the stability edge 2/λ_max of plain gradient descent,
 * λ_max the largest eigenvalue of the Hessian at the start; a 2-D sweep (`y="beta"`)
 * is a heat map of the final cost over α × β. Diverged cells are marked, never drawn
 * as numbers.
 *
 * With `data="line-fit"` the cells fit ŷ = wx + b to `<gd-line-fit>`'s data (same
 * attributes, same seed) instead of walking a landscape; `y="batch-size"` then sweeps
 * the points per update (1, 2, 4, …, m), each cell on exactly the mini-batches a line fit
 * with that batch size and seed uses, so its final cost is the one that line fit reaches.
 *
 * `x` and `y` name the swept setting: `learning-rate` (α, log axis), `beta` (momentum's
 * β, linear), `beta1`, `beta2` (linear), `epsilon`, `decay` (log). The other settings
 * keep the optimizer's defaults.
 *
 * @tag gd-sweep
 * @summary A learning-rate sweep: final cost against α (and β), all cells in one batched run.
 *
 * @attr landscape - Landscape id (`bowl`, `himmelblau`, …).
 * @attr data - `line-fit`: the cells fit a line to `<gd-line-fit>`'s data instead (unset: the landscape).
 * @attr size - Training points m of the line-fit data (2–100,000).
 * @attr noise - Noise of the line-fit data.
 * @attr true-slope - Slope of the line the data is sampled from.
 * @attr true-intercept - Intercept of the line the data is sampled from.
 * @attr optimizer - The update rule every cell runs (`sgd`, `momentum`, `adam`, …).
 * @attr start - Start point `"w1,w2"` of every cell; unset, the landscape's own start (`-2,3`, the line fit's, with `data`).
 * @attr steps - Updates each cell makes (1–10,000).
 * @attr x - The setting swept along the x axis (default `learning-rate`).
 * @attr x-range - `"from,to"` of the x axis (default `0.001,2` for the learning rate).
 * @attr y - A second swept setting (`beta` for momentum's β, `batch-size` with `data`); unset, a 1-D sweep.
 * @attr y-range - `"from,to"` of the y axis (default `0,0.99` for β, `1,m` for the batch size).
 * @attr cells - Cells per axis (2–64).
 *
 * @fires {GdStepEvent} gd-step - After each batch of updates of every cell; detail `{ iteration, values: { cells, diverged } }` (the number of cells and of diverged ones).
 * @fires {GdSelectEvent} gd-select - When the user picks a cell (click, Enter or Space); detail `{ type, learningRate, beta?, batchSize?, cost, diverged }`. With `link`, the picked settings also go to the link group as the optimizer's settings (and the batch size).
 * @fires {GdDoneEvent} gd-done - When every cell has made its `steps` updates; detail `{ reason: 'max-steps', iteration }`.
 *
 * @slot caption - A caption for the figure, shown above it.
 *
 * @csspart plot - The figure (focusable: arrow keys move between cells, Enter or Space picks one).
 * @csspart legend - The key: the colour scale with its numbers, or the marks of the 1-D plot.
 * @csspart readout - The live text naming the active cell and its final cost.
 * @csspart controls - The run's progress and the Run again button.
 * @csspart notes - Notes about rejected input.
 * @csspart caption - The wrapper of the `caption` slot.
 *
 * @cssproperty [--gd-sweep-line-color=var(--gd-series-1)] - The 1-D cost line and its points.
 * @cssproperty [--gd-sweep-edge-color=var(--gd-color-model)] - The 2/λ_max mark.
 * @cssproperty [--gd-sweep-diverged-color=var(--gd-series-8)] - The diverged cells' grey.
 */
export class GdSweep extends GdElement {
  static override styles = [tokens, controls, plotStyles, styles];

  /** Landscape id (`bowl`, `himmelblau`, `rosenbrock`, …). */
  @property() landscape: LandscapeId = 'bowl';

  /** The bowl's condition number κ (1–1000), the race's by default: the same bowl in both. Other landscapes ignore it. */
  @property({ converter: numberOrText }) kappa = DEFAULT_BOWL_KAPPA;

  /** `line-fit`: fit a line to the line fit's data (below) instead of walking the landscape. */
  @property() data: 'line-fit' | null = null;

  /** Training points m of the line-fit data (2–100,000). */
  @property({ converter: numberOrText }) size = 100;

  /** Standard deviation of the Gaussian noise on y of the line-fit data. */
  @property({ converter: numberOrText }) noise = 0.5;

  /** Slope w* of the line the data is sampled from. */
  @property({ attribute: 'true-slope', converter: numberOrText }) trueSlope = 2;

  /** Intercept b* of the line the data is sampled from. */
  @property({ attribute: 'true-intercept', converter: numberOrText }) trueIntercept = -1;

  /** The update rule every cell runs. */
  @property() optimizer: OptimizerType = 'sgd';

  /** Start point `"w1,w2"` inside the landscape's plotted area; unset, the landscape's own start. */
  @property() start: string | null = null;

  /** Updates every cell makes (1–10,000). */
  @property({ converter: numberOrText }) steps = 50;

  /** With `data="line-fit"`: passes over the data per cell instead of `steps` updates (equal work for every batch size); unset, `steps` counts. */
  @property({ converter: numberOrText }) epochs: number | null = null;

  /** The setting swept along x: `learning-rate`, `beta`, `beta1`, `beta2`, `epsilon` or `decay`. */
  @property() x: SweepSetting = 'learning-rate';

  /** `"from,to"` of the x axis; unset, the setting's default span. */
  @property({ attribute: 'x-range' }) xRange: string | null = null;

  /** A second swept setting for a heat map (`beta`); unset, a 1-D sweep. */
  @property() y: SweepSetting | 'batch-size' | 'optimizer' | null = null;

  /** `"from,to"` of the y axis; unset, the setting's default span. */
  @property({ attribute: 'y-range' }) yRange: string | null = null;

  /** Cells per axis (2–64). */
  @property({ converter: numberOrText }) cells = 40;

  @state() private model?: SweepModel;
  /** Bumped after every chunk of updates so the template re-reads the cells. */
  @state() private revision = 0;
  @state() private active = { column: 0, row: 0 };
  @state() private showActive = false;
  /** The picked cell's path over a small cost map (after a click, Enter or Space). */
  @state() private picked?: PathPreview;
  /** Bumped by every pick: a preview still being made for an earlier one is dropped. */
  private pickGeneration = 0;

  private readonly runner = new RunController(this, {
    apply: (k) => this.model?.step(k) ?? 0,
    release: () => this.model?.release(),
    // Chunks take a few ms each; the figure is redrawn at most once a frame's time.
    afterChunk: () => {
      const now = performance.now();
      if (now - this.shownAt < 16) return;
      this.shownAt = now;
      this.revision++;
      this.painter.request();
    },
  });
  private readonly painter = new PaintController(this, () => this.paint());
  /** The settings of the model on screen, as a key; a different key means a new run. */
  private builtFor = '';
  /** The last consistent settings: bad combinations keep it (and the picture). */
  private config?: SweepConfig;
  /** Bumped by every rebuild and reset: a step cut short by one reports nothing. */
  private generation = 0;
  /** When the figure last took new numbers (see the RunController's afterChunk). */
  private shownAt = -Infinity;
  private cachedView?: { revision: number; model: SweepModel; cells: SweepCell[]; view: CostView };

  protected override propertyRules(): Record<string, PropertyRule> {
    return { ...super.propertyRules(), ...sweepRules({ landscape: this.currentLandscape, data: this.data, x: this.x, y: this.y }) };
  }

  protected override hideableParts(): Record<string, string[]> {
    return {
      ...super.hideableParts(),
      plot: ['plot'],
      legend: ['legend'],
      readout: ['readout'],
      controls: ['controls'],
      description: ['description'],
      preview: ['preview'],
    };
  }

  protected override stateSettings(): Record<string, unknown> {
    const {
      landscape,
      kappa,
      data,
      size,
      noise,
      trueSlope,
      trueIntercept,
      optimizer,
      start,
      steps,
      epochs,
      x,
      xRange,
      y,
      yRange,
      cells,
      seed,
    } = this;
    return {
      seed,
      landscape,
      kappa,
      data,
      size,
      noise,
      trueSlope,
      trueIntercept,
      optimizer,
      start,
      steps,
      epochs,
      x,
      xRange,
      y,
      yRange,
      cells,
    };
  }

  protected override updatesMade(): number {
    return this.iteration;
  }

  protected override async replay(n: number): Promise<void> {
    await this.enqueue(async () => {
      await this.ensureModel();
      this.model?.reset();
    });
    await this.advance(n);
  }

  /** Updates every cell has made. */
  get iteration(): number {
    return this.model?.iteration ?? 0;
  }

  /** Every cell in reading order (row 0 = the lowest y value): its settings, final cost and status. */
  get results(): SweepCell[] {
    return this.model?.cells() ?? [];
  }

  /** 2/λ_max at the start, where the plot marks it (plain gradient descent, or a row of it, over the learning rate); otherwise null. */
  get stabilityEdge(): number | null {
    const model = this.model;
    const plain = model?.config.optimizer === 'sgd' || model?.config.y?.scale === 'rule';
    if (!model || model.lambdaMax === undefined || !plain || model.config.x.name !== 'learningRate') return null;
    return 2 / model.lambdaMax;
  }

  /** The picked cell's path (its points from the start, its costs and status), or undefined before a pick. */
  get pickedPath(): { points: [number, number][]; costs: number[]; status: string } | undefined {
    const picked = this.picked;
    return (
      picked && { points: picked.points.map((p) => [p[0], p[1]] as [number, number]), costs: picked.costs.slice(), status: picked.status }
    );
  }

  /** Momentum over α × β: where it becomes unstable on a quadratic (drawn across the heat map). */
  private edgeCurve(): ((beta: number) => number) | undefined {
    const config = this.model?.config;
    const lambda = this.model?.lambdaMax;
    if (!config || lambda === undefined || config.optimizer !== 'momentum') return undefined;
    if (config.x.name !== 'learningRate' || config.y?.name !== 'beta') return undefined;
    return (beta) => momentumEdge(lambda, beta);
  }

  /** The backend the cells run on (`cpu` or `webgl`, picked by the batch's size). */
  get backend(): string | undefined {
    return this.model?.backend;
  }

  private get currentLandscape(): Landscape {
    const kappa = kappaOf(this.kappa);
    return getLandscape(this.landscape, { kappa }) ?? (getLandscape('bowl', { kappa }) as Landscape);
  }

  /** Applies `count` more updates to every cell (never past `steps`); resolves when they are applied. */
  async step(count = 1): Promise<void> {
    const requested = Math.floor(Number(count));
    const n = Number.isFinite(requested) ? Math.max(0, requested) : 0;
    if (this.isConnected || this.hasUpdated) await this.updateComplete;
    await this.enqueue(() => this.ensureModel());
    await this.advance(n);
  }

  /** Back to iteration 0 (every cell at the start); `play()` or `step(n)` runs it again. */
  reset(): void {
    this.runner.cancel();
    this.generation++;
    void this.enqueue(async () => {
      await this.ensureModel();
      this.model?.reset();
      this.revision++;
    });
  }

  /** Runs the cells to `steps` updates (a sweep has nothing to animate beyond that). */
  override play(): void {
    void this.step(MAX_STEPS);
  }

  override pause(): void {
    this.runner.cancel();
  }

  override get playing(): boolean {
    return this.runner.busy;
  }

  protected onFrame(): void {}

  // A sweep spans many values, so it takes none from its link group (GdElement's
  // applyLinked); it sends the settings of a picked cell.

  /** Also waits for the run to be rebuilt and stepped after a settings change. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let round = 0; round < 6; round++) {
      const pending = this.runner.idle;
      await pending;
      if (pending === this.runner.idle && !this.isUpdatePending) break;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const { optimizer, start, steps, epochs, x, xRange, y, yRange, cells, data } = this;
    const lineData = { size: this.size, noise: this.noise, trueSlope: this.trueSlope, trueIntercept: this.trueIntercept, seed: this.seed };
    const resolved = resolveConfig({
      landscape: this.currentLandscape,
      data,
      lineData,
      optimizer,
      start,
      steps,
      epochs: epochs === null || epochs === undefined ? null : Number(epochs),
      x,
      xRange,
      y,
      yRange,
      cells,
    });
    if (typeof resolved === 'string') {
      if (this.notes.sweep !== resolved) this.setNote('sweep', resolved);
      return;
    }
    if (this.notes.sweep) this.setNote('sweep', undefined);
    this.config = resolved;
    if (configKey(resolved) !== this.builtFor) this.rebuild();
  }

  private rebuild(): void {
    void this.enqueue(() => this.ensureModel()).then((fresh) => (fresh ? this.advance(MAX_STEPS) : undefined));
  }

  /** Builds the run for the current settings when they changed; true when it built one. */
  private async ensureModel(): Promise<boolean> {
    const config = this.config;
    if (!config || configKey(config) === this.builtFor) return false;
    const model = await SweepModel.create(config);
    this.model?.dispose();
    this.runner.cancel();
    this.generation++;
    this.model = model;
    this.builtFor = configKey(config);
    this.picked = undefined;
    this.pickGeneration++;
    this.active = { column: Math.min(this.active.column, model.columns - 1), row: Math.min(this.active.row, model.rows - 1) };
    this.revision++;
    return true;
  }

  /** `count` updates through the RunController (frame-sized chunks, the page stays responsive). */
  private async advance(count: number): Promise<void> {
    const model = this.model;
    if (!model || count === 0 || model.done) return;
    const generation = this.generation;
    await this.runner.step(count);
    if (generation !== this.generation || model !== this.model) return;
    this.revision++;
    const cells = model.cells();
    const diverged = cells.filter((cell) => cell.status === 'diverged').length;
    this.fire('gd-step', { iteration: model.iteration, values: { cells: cells.length, diverged } });
    if (model.done) this.fire('gd-done', { reason: 'max-steps', iteration: model.iteration });
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.runner.enqueue(operation);
    next.catch((error: unknown) => console.error('<gd-sweep>:', error));
    return next;
  }

  /** The cells and their plotted values, computed once per revision. */
  private currentView(): { cells: SweepCell[]; view: CostView } | undefined {
    const model = this.model;
    if (!model) return undefined;
    const cached = this.cachedView;
    if (cached && cached.model === model && cached.revision === this.revision) return cached;
    const cells = model.cells();
    this.cachedView = { revision: this.revision, model, cells, view: costView(model.config.landscape, cells, model.minimum) };
    return this.cachedView;
  }

  private figure(): FigureSnapshot | undefined {
    const model = this.model;
    const current = this.currentView();
    if (!model || !current) return undefined;
    const { config } = model;
    const width = Math.max(this.hostSize.width, 260);
    const heatMap = config.y !== undefined;
    const height = heatMap ? clamp(width * 0.62, 240, 420) : clamp(width * 0.5, 220, 340);
    const reference = current.view.reference;
    const costLabel = reference === 0 ? 'final J' : `final J − ${this.format(reference)}`;
    const ruleRows = config.y?.scale === 'rule';
    const work =
      config.epochs !== undefined
        ? `${this.format(config.epochs)} ${config.epochs === 1 ? 'epoch' : 'epochs'}`
        : `${this.format(config.steps)} steps`;
    return {
      width,
      height,
      // A row per optimizer labels its rows with their names: room for "Gradient descent".
      margin: heatMap ? (ruleRows ? { ...MARGIN_2D, left: 112 } : MARGIN_2D) : MARGIN_1D,
      x: config.x,
      xRange: config.xRange,
      y: config.y,
      yRange: config.yRange,
      columns: model.columns,
      rows: model.rows,
      cells: current.cells,
      view: current.view,
      edge: this.stabilityEdge ?? undefined,
      edgeCurve: this.edgeCurve(),
      active: this.active,
      showActive: this.showActive,
      costLabel,
      dataSize: config.data?.size,
      goodRanges: ruleRows ? goodRanges(current.cells, current.view.gaps, model.startCost - reference, model.columns) : undefined,
      work,
      format: (v) => this.format(v, { digits: 3 }),
      formatExact: (v) => this.format(v, { digits: digitsToTell(v) }),
    };
  }

  /** The heat map's canvas and the picked path's map, through the PaintController (once per frame). */
  private paint(): void {
    const pathCanvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.path-contours');
    if (pathCanvas && this.picked) paintPathMap(pathCanvas, this.picked, pathMapSize(this.hostSize.width));
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.heat-map');
    const figure = this.figure();
    if (!canvas || !figure || !figure.y) return;
    const color = colorScale(figure.view);
    const diverged = resolveColors(this.renderRoot as ShadowRoot, { ground: 'var(--_diverged-ground)', stripe: 'var(--_diverged-stripe)' });
    paintHeatMap(canvas, {
      width: figure.width,
      height: figure.height,
      margin: figure.margin,
      columns: figure.columns,
      rows: figure.rows,
      colors: figure.view.gaps.map((gap) => (Number.isNaN(gap) ? null : color(gap))),
      diverged,
    });
  }

  private activeCell(): SweepCell | undefined {
    const model = this.model;
    const current = this.currentView();
    if (!model || !current) return undefined;
    return current.cells[this.active.row * model.columns + this.active.column];
  }

  /**
   * Picks the active cell: `gd-select`, its settings to the link group as the optimizer's
   * (and the batch size), and its path drawn on a small map below the figure.
   */
  private select(): void {
    const cell = this.activeCell();
    const model = this.model;
    const config = model?.config;
    if (!cell || !config) return;
    this.showActive = true;
    const { optimizer, ...values } = cell.values;
    this.fire('gd-select', { type: optimizer ?? config.optimizer, ...values, cost: cell.cost, diverged: cell.status === 'diverged' });
    const shared = linkedValuesOf(cell, config);
    if (shared) this.linker.share(shared);
    const generation = ++this.pickGeneration;
    void previewPath(config, cell, () => generation === this.pickGeneration && model === this.model).then((preview) => {
      if (!preview || generation !== this.pickGeneration) return;
      this.picked = preview;
      this.painter.request();
    });
  }

  private onPlotClick(event: MouseEvent): void {
    const figure = this.figure();
    const plot = event.currentTarget as HTMLElement;
    if (!figure) return;
    const box = plot.getBoundingClientRect();
    const scale = figure.width / Math.max(box.width, 1);
    const { margin } = figure;
    const column = cellAt((event.clientX - box.left) * scale - margin.left, figure.width - margin.left - margin.right, figure.columns);
    const innerHeight = figure.height - margin.top - margin.bottom;
    const fromBottom = innerHeight - ((event.clientY - box.top) * scale - margin.top);
    const row = figure.rows === 1 ? 0 : cellAt(fromBottom, innerHeight, figure.rows);
    if (column === undefined || row === undefined) return;
    this.active = { column, row };
    plot.focus();
    this.select();
  }

  /** Arrows move between cells (Up = a larger y value), Home/End to the row's ends, Enter or Space picks. */
  private onPlotKeydown(event: KeyboardEvent): void {
    const model = this.model;
    if (!model) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select();
      return;
    }
    const next = cellAfterKey(event.key, this.active, model.columns, model.rows);
    if (!next) return;
    event.preventDefault();
    this.showActive = true;
    this.active = next;
  }

  protected override render(): TemplateResult {
    const figure = this.figure();
    const model = this.model;
    const heatMap = figure?.y !== undefined;
    const what = model ? describeSweep(model.config, { columns: model.columns, rows: model.rows }, this.format.bind(this)) : '';
    const label = `${what} Arrow keys move between cells, Enter or Space picks one and draws its path.`;
    const cell = this.activeCell();
    const readout = cell && model ? describeCell(cell, model.config, this.format.bind(this)) : '';
    return html`${this.renderCaption()}
      <div class="layout">
        <p class="what" part="description">${what}</p>
        <div
          class="plot ${heatMap ? 'heat' : 'line'}"
          part="plot"
          tabindex="0"
          role="application"
          aria-label=${label}
          aria-describedby="readout"
          @click=${this.onPlotClick}
          @keydown=${this.onPlotKeydown}
          @focus=${() => (this.showActive = true)}
        >
          ${heatMap ? html`<canvas class="heat-map" aria-hidden="true"></canvas>` : nothing}
          ${
            figure
              ? html`<svg viewBox="0 0 ${figure.width} ${figure.height}" aria-hidden="true">
                  ${heatMap ? renderHeatOverlay(figure) : renderLinePlot(figure)}
                </svg>`
              : nothing
          }
        </div>
        <p id="readout" class="readout" part="readout" role="status" aria-live="polite">${readout}</p>
        ${figure ? (heatMap ? renderColorLegend(figure) : renderLineLegend(figure)) : nothing}
        ${
          this.picked && model
            ? renderPathPreview(
                this.picked,
                pathMapSize(this.hostSize.width),
                `The picked cell's run, every step: ${describeCell(this.picked.cell, model.config, this.format.bind(this))}. Start ●, end ■${this.picked.status === 'diverged' ? ' (none: it diverged)' : ''}, minimum ○.`,
                (v) => this.format(v, { digits: 3 }),
              )
            : nothing
        }
        <div class="bar" part="controls">
          <button @click=${() => (this.reset(), this.play())}>Run again</button>
          <span class="iteration"
            >Step <strong>${this.format(this.iteration)}</strong> of ${this.format(model?.totalSteps ?? this.steps)}</span
          >
        </div>
        ${this.renderNotes()}
      </div>`;
  }
}
