import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LANDSCAPE_IDS, type Landscape, type LandscapeId } from '../../core/index.js';
import { GdElement, type PropertyRule } from '../shared/gd-element.js';
import { isOneOf, numberOrText } from '../shared/parse.js';
import { MediaQueryController } from '../shared/controllers/media-query-controller.js';
import { PaintController } from '../shared/controllers/paint-controller.js';
import type { LinkedValues, LinkTaken } from '../shared/controllers/link-controller.js';
import { PrepareAheadController } from './internal/landscape/prepare-ahead.js';
import { RaceRun } from './internal/run/race-run.js';
import { CustomLandscapeController } from './internal/landscape/custom-landscape.js';
import { ContourGridController } from './internal/landscape/contour-grid.js';
import { plotScales, plotWidth } from './internal/view/layout.js';
import { PointReadout } from '../shared/plot/point-readout.js';
import { raceReadoutHandlers, showRacePoint } from './internal/start/readout.js';
import { BasinController, basinIndexOf, basinsRule, type BasinMapView } from './internal/basins/basin-controller.js';
import { RaceModel, type RaceTrajectory } from './internal/run/race-model.js';
import { raceDefaults, type RaceEntry } from './internal/optimizers/entries.js';
import { RacePainter, raceScene } from './internal/view/painter.js';
import { renderRace, type RaceActions } from './internal/view/race-view.js';
import { withChildNotes } from '../shared/optimizers/links.js';
import { OptimizerSettingsController } from '../shared/optimizers/optimizer-settings.js';
import { StartPoint } from './internal/start/start-point.js';
import type { SwarmSettings, SwarmTally } from './internal/swarm/swarm-model.js';
import { renderSwarmTally } from './internal/swarm/swarm-view.js';
import {
  BAND_COUNT,
  DEFAULT_KAPPA,
  DEFAULT_LANDSCAPE,
  GRID_SIZE,
  KAPPA_RULE,
  MAX_STEPS,
  SPEED_RULE,
  SWARM_RULE,
  kappaOf,
  raceLandscape,
} from './internal/settings.js';
import { styles } from './gd-optimizer-race.styles.js';

export type { RaceTrajectory } from './internal/run/race-model.js';
export type { SwarmTally, SwarmOptimizerTally } from './internal/swarm/swarm-model.js';

export type { GdStepEvent, GdDoneEvent, GdParamsChangeEvent, GdLinkChangeEvent } from '../shared/events.js';

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
 * @csspart swarm - With `swarm`: the table of where each optimizer's particles are.
 *
 * @cssproperty [--gd-race-series-1=var(--gd-series-1)] - Colour of the 1st optimizer (also -2 … -8).
 * @cssproperty [--gd-race-start=var(--gd-color-model)] - Colour of the start point.
 * @cssproperty [--gd-race-basin-1] - Basin map: colour of the 1st global minimum's basin (also -2 … -4; -5 … -8 for local minima, paler).
 * @cssproperty [--gd-race-basin-diverged] - Basin map: colour of starts that diverged (also -saddle, -unlisted).
 * @cssproperty [--gd-font-family=system-ui] - Font of all text.
 * @cssproperty [--gd-color-accent=#2456a8] - Accent of buttons and sliders.
 *
 * @fires {GdStepEvent} gd-step - After steps are applied (on play, step() and the Step button); detail: iteration and each optimizer's position, cost and status (with `swarm`, also the swarm's iteration).
 * @fires {GdDoneEvent} gd-done - When every optimizer has converged or diverged (and a swarm has made its 500 steps), or after 100,000 steps; detail: reason.
 * @fires {GdParamsChangeEvent} gd-params-change - When the user changes the landscape, the start point or an optimizer setting.
 * @fires {GdLinkChangeEvent} gd-link-change - When optimizers of this race take a learning rate or decay from its `link` group; detail `{link, type, values, optimizers}`.
 */
export class GdOptimizerRace extends GdElement {
  static override styles = styles;

  /** Landscape id (`bowl`, `himmelblau`, `rosenbrock`, `goldstein-price`, …, `saddle`), or `custom` for `formula`. */
  @property() landscape: LandscapeId | 'custom' = 'bowl';

  /** The bowl's condition number κ (1–1000): how much steeper the valley is across than along. Only the bowl uses it. */
  @property({ converter: numberOrText }) kappa = DEFAULT_KAPPA;

  /** With `landscape="custom"`: the cost J in w1 and w2, e.g. `(1 - w1)^2 + 100 (w2 - w1^2)^2`. */
  @property() formula: string | null = null;

  /** With `landscape="custom"`: the plotted window `"w1min,w1max,w2min,w2max"` (default `-5,5,-5,5`). */
  @property() domain: string | null = null;

  /** Start point `"w1,w2"` inside the landscape's plotted area; unset, the landscape's own start. Switching landscape moves it to that landscape's start. */
  @property() start: string | null = null;

  /** Updates per animation frame while playing (1–100). */
  @property({ converter: numberOrText }) speed = 5;

  /** Swarm mode: this many seeded random starts per optimizer (1–10,000) race as dots with fading tails, with a tally of where they end; 0 (default) races one start. */
  @property({ converter: numberOrText }) swarm = 0;

  /**
   * Basin map: `off` (default), or the 1-based place of the optimizer whose basins of
   * attraction colour the map (where a start in each cell ends after the swarm's budget).
   * Works without `swarm` too; the select that sets it shows in swarm mode and while a map is on.
   */
  @property({ converter: numberOrText, reflect: true }) basins: number | string = 'off';

  @state() private isolated: number | null = null;
  @state() private pinned: number | null = null;
  /** Bumped (at most ~10 times a second while playing) to refresh the text readouts. */
  @state() private readoutTick = 0;

  @query('canvas.contours') private contourCanvas?: HTMLCanvasElement;
  @query('canvas.paths') private pathCanvas?: HTMLCanvasElement;
  @query('canvas.basins') private basinCanvas?: HTMLCanvasElement;
  @query('canvas.costs') private chartCanvas?: HTMLCanvasElement;

  private lastReadout = 0;
  private readonly darkScheme = new MediaQueryController(this, '(prefers-color-scheme: dark)');
  private readonly drawing = new RacePainter();
  /** The thumbnails and every landscape's grid, made while the page is idle. */
  private readonly prepared = new PrepareAheadController(this, { kappa: () => this.kappa, onScreen: () => this.player.onScreen });
  /** The one place the canvases are painted: once per frame, however many ask, and only while on screen. */
  private readonly painter = new PaintController(this, () => this.paintCanvases(), { visible: () => this.player.onScreen });
  /** `landscape="custom"`: the formula's landscape, its notes, its contours and minima made in slices. */
  private readonly custom = new CustomLandscapeController(this, {
    current: () => this.currentLandscape,
    grid: { n: GRID_SIZE, bands: BAND_COUNT },
    paint: () => this.painter.request(),
  });
  /** The race's run: its model, swarm, steps and preview (rebuilt when the settings change). */
  private readonly race = new RaceRun(this, {
    settings: () => this.currentSettings(),
    swarm: () => this.swarmSettings(),
    paint: () => this.painter.request(),
    previewed: () => this.requestUpdate(),
    previewWanted: () => this.isConnected && this.iteration === 0,
    dragging: () => this.startHandle.dragging,
    swarmMoved: () => {
      const tails = this.race.swarm.tails();
      if (tails && this.player.onScreen) this.drawing.renderSwarmAhead(tails);
    },
    stepped: () => this.reportSteps(),
  });
  /** The basin map of the optimizer `basins` names: computed in slices, cached, painted under the paths. */
  private readonly basinMaps = new BasinController(this, {
    landscape: () => this.currentLandscape,
    entries: () => this.entries,
    selected: () => basinIndexOf(this.basins, this.entries.length),
    onScreen: () => this.player.onScreen,
    paint: () => this.painter.request(),
  });
  /** The optimizers (children or the defaults) and the edits of their settings. */
  private readonly optimizers = new OptimizerSettingsController(this, {
    defaults: () => raceDefaults(this.currentLandscape.id, kappaOf(this.kappa), this.currentLandscape, this.startHandle.current()),
    entries: () => this.entries,
    note: (key, text) => this.setNote(key, text),
    format: (value) => this.format(value),
    changed: (detail) => this.fire('gd-params-change', detail),
    share: (values) => this.linker.share(values),
  });
  /** (w₁, w₂, J) under the pointer, or at the start handle moved with the keys. */
  private readonly readout = new PointReadout(() => this.requestUpdate());
  /** The start point: its rule, the validated start, the handle's drag and keys. */
  private readonly startHandle = new StartPoint(this, {
    landscape: () => this.currentLandscape,
    start: () => this.start,
    write: (text) => {
      this.start = text;
      this.changedByElement('start');
    },
    moved: (point, commit) => {
      showRacePoint(this.readout, this.currentLandscape, point, this.format.bind(this), commit);
      if (commit) this.race.sync();
      // While dragging, each optimizer's next steps are previewed without rebuilding the run.
      this.race.previewFrom(point);
      if (commit) this.fire('gd-params-change', { start: [...point] });
    },
  });

  constructor() {
    super();
    // The full contour map of the landscape shown, made in slices when no one made it yet
    // (a coarse map meanwhile); lit calls the controller, nothing else does.
    new ContourGridController(this, { current: () => this.currentLandscape, paint: () => this.painter.request() });
  }

  protected override propertyRules(): Record<string, PropertyRule> {
    return {
      ...super.propertyRules(),
      landscape: {
        attribute: 'landscape',
        accepts: `one of ${LANDSCAPE_IDS.join(', ')}, or custom with a formula`,
        valid: (value) => isOneOf(LANDSCAPE_IDS)(value) || this.custom.acceptsCustom(value, this.formula, this.domain),
        fallback: DEFAULT_LANDSCAPE,
      },
      kappa: KAPPA_RULE,
      ...this.custom.rules(this.formula, this.domain),
      start: this.startHandle.rule(),
      speed: SPEED_RULE,
      swarm: SWARM_RULE,
      basins: basinsRule(this.optimizers.read().length),
    };
  }

  protected override noteDetail(key: string): unknown {
    return this.custom.noteDetail(key);
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
    // Back in the page after a move: preview from the start again if it is still wanted.
    if (this.hasUpdated) this.race.queuePreview();
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
    return (this.model ?? new RaceModel(this.currentSettings())).trajectories();
  }

  /** The basin map shown (see `basins`), once it is computed; undefined while it is worked out or off. */
  get basinMap(): BasinMapView | undefined {
    return this.basinMaps.view;
  }

  /**
   * With `swarm`: where each enabled optimizer's particles are (at a global or a local
   * minimum, at a saddle, diverged, still moving; the counts sum to `swarm`) and after
   * how many of the swarm's 500 updates. `null` while `swarm` is 0.
   */
  get swarmTally(): SwarmTally | null {
    return this.race.swarm.tallyFor(this.swarmSettings()) ?? null;
  }

  /** Updates made since the start. */
  get iteration(): number {
    return this.model?.iteration ?? 0;
  }

  protected override stateSettings(): Record<string, unknown> {
    return {
      // The seed and the swarm's size: a restored swarm has the same starts.
      ...super.stateSettings(),
      swarm: SWARM_RULE.valid(this.swarm) ? Number(this.swarm) : 0,
      landscape: this.custom.resolve(this.landscape, this.formula, this.domain) ? 'custom' : this.currentLandscape.id,
      formula: this.formula ?? null,
      domain: this.domain ?? null,
      kappa: kappaOf(this.kappa),
      start: this.startHandle.saved(),
      speed: SPEED_RULE.valid(this.speed) ? Number(this.speed) : 5,
      optimizers: this.optimizers.saved(),
    };
  }

  protected override updatesMade(): number {
    return this.iteration;
  }

  /**
   * Restores the landscape, start and speed, and the optimizers as `<gd-optimizer>`
   * children: the existing children take the saved settings when there are as many,
   * otherwise they are replaced.
   */
  protected override applyState(state: Record<string, unknown>): void {
    const { optimizers, ...rest } = state;
    super.applyState(rest);
    if ('start' in rest) this.startHandle.restore();
    this.optimizers.restore(optimizers);
  }

  protected override replay(n: number): Promise<void> {
    this.race.sync();
    this.race.syncSwarm();
    this.reset();
    // Not through step(), which waits for updateComplete, which waits for this replay.
    return this.race.step(Math.min(n, MAX_STEPS));
  }

  /**
   * Applies exactly `n` updates to every optimizer (works paused, off-screen and before
   * the race is in a page), in frame-sized chunks: the page stays responsive, and a
   * `reset()` meanwhile ends it at once. With `swarm`, the swarm makes the same `n`
   * updates, as far as its 500 go (play instead paces it by the time a frame has).
   */
  async step(n = 1): Promise<void> {
    const count = Math.max(0, Math.floor(Number(n) || 0));
    // A race never put in a page never updates: it steps on its settings as they are.
    if (this.isConnected || this.hasUpdated) await this.updateComplete;
    this.race.sync();
    this.race.syncSwarm();
    await this.race.step(count);
  }

  /** Back to iteration 0 at the current start; a pending `step(n)` ends here. */
  reset(): void {
    this.race.reset();
    this.readoutTick++;
  }

  /** Stops playing; a pending `step(n)` ends here too. */
  override pause(): void {
    this.race.cancel();
    super.pause();
  }

  override play(): void {
    if (this.race.sync().finished && this.race.swarm.settled) this.reset();
    super.play();
  }

  // ---------------------------------------------------------------- the race

  /** The race's model (as last synced). */
  private get model(): RaceModel | undefined {
    return this.race.model;
  }

  /** The landscape in force (validated). */
  private get currentLandscape(): Landscape {
    return (
      this.custom.resolve(this.landscape, this.formula, this.domain) ??
      raceLandscape(this.landscape, this.kappa) ??
      raceLandscape(DEFAULT_LANDSCAPE, this.kappa)!
    );
  }

  /** The optimizers the race runs (as last synced), or as they are now before any model. */
  private get entries(): RaceEntry[] {
    return this.model?.entries ?? this.optimizers.read();
  }

  private currentSettings() {
    return { landscape: this.currentLandscape, start: this.startHandle.current(), entries: this.optimizers.read() };
  }

  /** Swarm mode's settings, or undefined when it is off: the race's optimizers (as last synced), landscape and seed. */
  private swarmSettings(): SwarmSettings | undefined {
    const size = Number(this.swarm);
    if (!(size > 0) || !SWARM_RULE.valid(this.swarm)) return undefined;
    return { landscape: this.currentLandscape, entries: this.entries, size, seed: this.seed };
  }

  /** Repaints and reports the updates just made. */
  private reportSteps(): void {
    const model = this.model;
    if (!model?.built) return;
    this.painter.request();
    const swarm = this.race.swarm.model;
    this.fire('gd-step', {
      iteration: model.iteration,
      values: { optimizers: model.positions(), ...(swarm ? { swarm: { iteration: swarm.iteration } } : {}) },
    });
    const now = performance.now();
    if (!this.playing || now - this.lastReadout > 100) {
      this.lastReadout = now;
      this.readoutTick++;
    }
    // A swarm still under way keeps the play going after the race's own optimizers stop.
    const reason = this.race.swarm.settled ? model.takeDone() : undefined;
    if (!reason) return;
    this.pause();
    this.readoutTick++;
    this.fire('gd-done', { reason, iteration: model.iteration });
  }

  protected override onFrame(): void {
    if (!this.startHandle.dragging) this.race.frame(this.speed, this.reducedMotion.matches);
  }

  /** Back in view: the paint held back while it was off-screen is made now. */
  protected override onScreenChanged(): void {
    this.painter.resume();
  }

  // ---------------------------------------------------------------- user input

  /** What the reader can do in the template. */
  private readonly actions: RaceActions = {
    pickLandscape: (id) => {
      if (id === this.landscape) return;
      this.landscape = id;
      this.changedByElement('landscape');
      this.fire('gd-params-change', { landscape: id });
    },
    isolate: (i) => {
      this.isolated = i;
      this.painter.request();
    },
    pin: (i) => {
      this.pinned = this.pinned === i ? null : i;
      this.painter.request();
    },
    toggle: () => (this.playing ? this.pause() : this.play()),
    step: () => void this.step(1),
    reset: () => this.reset(),
    setSpeed: (speed) => {
      this.speed = speed;
      this.changedByElement('speed');
    },
    speedCommitted: () => this.fire('gd-params-change', { speed: this.speed }),
    setEnabled: (i, enabled) => {
      // An optimizer taken out of the race is no longer isolated in the legend.
      if (!enabled && (this.isolated === i || this.pinned === i)) {
        this.isolated = null;
        this.pinned = null;
      }
      this.optimizers.setEnabled(i, enabled);
    },
    setHyperparameter: (i, name, input) => this.optimizers.edit(i, name, input),
  };

  /**
   * A linked widget's learning rate or decay, set by its user or by page script. It
   * goes only to this race's optimizers of the rule it names. Applied as plain sets:
   * no `gd-params-change`, so linked widgets never ping-pong.
   * @internal
   */
  override applyLinked(values: LinkedValues): LinkTaken {
    return this.optimizers.applyLinked(this.race.sync().entries, values);
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A rejected value was put back by the base class: nothing really changed.
    const landscapeChanged =
      this.custom.switched(this.currentLandscape.id) || (changed.has('landscape') && changed.get('landscape') !== this.landscape);
    this.startHandle.follow(changed, landscapeChanged);
    // The model follows the settings here, before render, which only reads it.
    this.race.sync().build();
    this.basinMaps.sync();
    this.race.syncSwarm();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.refreshChildNotes();
    // The PaintController repaints the canvases after this update.
  }

  /**
   * The canvases' colours, resolved from the theme at paint time (again only when the
   * theme changed): resolving them reads computed styles, and the first read after a
   * render makes the browser lay out the styles of the whole page, which belongs in the
   * frame the browser renders, not in the update (a hundred races added at once each
   * paid it in their first update).
   */
  private get colors(): Record<string, string> {
    const theme = `${this.theme}|${this.darkScheme.matches}|${this.entries.length}`;
    return this.drawing.colorsFor(this.renderRoot as ShadowRoot, theme, this.entries.length);
  }

  /** Bad values on child elements show up in this element's notes. */
  private refreshChildNotes(): void {
    const notes = withChildNotes(this.notes, this.optimizers.children());
    if (notes) this.notes = notes;
  }

  // ---------------------------------------------------------------- painting

  /** The one paint of the canvases, from a snapshot of the race (the PaintController calls it). */
  private paintCanvases(): void {
    if (!this.model?.built) return;
    const colors = this.colors;
    this.drawing.paint(
      { contours: this.contourCanvas, paths: this.pathCanvas, chart: this.chartCanvas },
      raceScene(this.model, {
        hostWidth: this.hostSize.width,
        dragging: this.startHandle.dragging,
        focus: this.isolated ?? this.pinned,
        colors,
        swarm: this.race.swarm.tails(),
        swarmDrawnLater: this.race.swarmDrawPending,
      }),
    );
    const { innerWidth, innerHeight } = plotScales(this.currentLandscape, plotWidth(this.hostSize.width));
    this.basinMaps.paint(this.basinCanvas, innerWidth, innerHeight, colors);
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    void this.readoutTick;
    const landscape = this.currentLandscape;
    const format = this.format.bind(this);
    return renderRace({
      landscape,
      // Built in willUpdate: render only reads.
      model: this.model!,
      hostWidth: this.hostSize.width,
      dragging: this.startHandle.dragging,
      start: this.startHandle.shown,
      handle: this.startHandle,
      pointer: raceReadoutHandlers(this.readout, landscape, () => this.startHandle.point, format),
      readout: this.readout.text,
      ghosts: this.race.ghosts,
      thumbnails: this.prepared.thumbnails,
      focus: this.isolated ?? this.pinned,
      pinned: this.pinned,
      playing: this.playing,
      speed: this.speed,
      format,
      caption: this.renderCaption(),
      notes: this.renderNotes(),
      basins: this.basinMaps.render({
        show: Number(this.swarm) > 0 || this.basins !== 'off',
        value: String(this.basins),
        format,
        change: (value) => {
          this.basins = value === 'off' ? 'off' : Number(value);
          this.changedByElement('basins');
          this.fire('gd-params-change', { basins: this.basins });
        },
      }),
      swarm: renderSwarmTally(this.race.swarm.tally(), landscape, format),
      actions: this.actions,
    });
  }
}
