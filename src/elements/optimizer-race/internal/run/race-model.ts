import { ParticleRun, ensureBackend, type Landscape, type ParticleState, type ParticleStatus } from '../../../../core/index.js';
import type { RaceEntry } from '../optimizers/entries.js';
import { MAX_STEPS, PREVIEW_STEPS } from '../settings.js';
import { RUNAWAY_BOUND, unbounded, verdictOf, type Verdict } from './verdict.js';
import { FinishTracker } from './finish.js';

export interface RaceSettings {
  landscape: Landscape;
  start: [number, number];
  entries: RaceEntry[];
}

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

export type DoneReason = 'max-steps' | 'diverged' | 'converged';

/**
 * Every optimizer's first PREVIEW_STEPS updates from one start, computed in slices on a
 * fork of the race's run (so a drag never blocks a frame); its trajectories grow in place.
 */
export class RacePreview {
  readonly start: [number, number];
  private fork?: ParticleRun;
  private readonly particles: readonly ParticleState[];

  constructor(run: ParticleRun, start: [number, number]) {
    this.start = [start[0], start[1]];
    this.fork = run.fork(run.particles.map(() => [start[0], start[1]]));
    this.particles = this.fork.particles;
  }

  /** points[i][k]: optimizer i after k updates (k ≤ the steps made so far). */
  get points(): number[][][] {
    return this.particles.map((p) => p.points);
  }

  get costs(): number[][] {
    return this.particles.map((p) => p.costs);
  }

  /** Updates previewed so far. */
  get steps(): number {
    return this.fork?.iteration ?? PREVIEW_STEPS;
  }

  get complete(): boolean {
    return this.steps >= PREVIEW_STEPS;
  }

  /** Up to `k` more updates now; returns how many (0 once complete). Frees the fork when done. */
  advance(k: number): number {
    const fork = this.fork;
    if (!fork) return 0;
    const made = Math.max(0, Math.min(k, PREVIEW_STEPS - fork.iteration));
    if (made) fork.step(made);
    if (fork.iteration >= PREVIEW_STEPS) this.dispose();
    return made;
  }

  /** Frees the fork's tensors; what was previewed stays readable. */
  dispose(): void {
    this.fork?.dispose();
    this.fork = undefined;
  }
}

/**
 * The race itself, without a DOM: the batched run of every optimizer built from the
 * settings (its tensors made on the first `build()` or `step()`), stepping up to the
 * step limit, the trajectories as read-only snapshots, the preview, and whether the race
 * is done. Reading never makes or frees tensors.
 */
export class RaceModel {
  readonly settings: RaceSettings;
  /** What decides the run: a model whose key differs must be rebuilt. */
  readonly key: string;
  preview?: RacePreview;
  private run?: ParticleRun;
  private doneReported = false;
  private disposed = false;
  /** Each stopped optimizer's verdict, worked out once (by index, with the step it stopped at). */
  private verdicts = new Map<number, { at: number; verdict: Verdict }>();
  /** When each optimizer crossed the finish line (see finish.ts). */
  private readonly finishes = new FinishTracker();

  constructor(settings: RaceSettings) {
    this.settings = { ...settings, start: [settings.start[0], settings.start[1]] };
    this.key = RaceModel.keyOf(settings);
  }

  /** The run's identity: landscape (its formula tells bowls of different κ apart), start, each optimizer's rule and hyperparameters. */
  static keyOf({ landscape, start, entries }: RaceSettings): string {
    return JSON.stringify([`${landscape.id}|${landscape.tex}`, start, entries.map((e) => [e.type, e.hyperparameters])]);
  }

  /** The labels and switches may change without a rebuild. */
  get entries(): RaceEntry[] {
    return this.settings.entries;
  }

  set entries(entries: RaceEntry[]) {
    this.settings.entries = entries;
  }

  get built(): boolean {
    return this.run !== undefined;
  }

  get iteration(): number {
    return this.run?.iteration ?? 0;
  }

  /** The particles of the run (after build), in entry order. */
  get particles(): readonly ParticleState[] {
    return this.run?.particles ?? [];
  }

  /** Makes the run (its tensors) if it is not made yet. */
  build(): ParticleRun {
    if (this.disposed) throw new Error('this RaceModel was disposed');
    if (this.run) return this.run;
    const { landscape, start, entries } = this.settings;
    ensureBackend();
    this.run = new ParticleRun({
      landscape,
      // Without a minimum, |w| past a thousand is already a runaway (J falls without end).
      ...(unbounded(landscape) ? { bound: RUNAWAY_BOUND } : {}),
      particles: entries.map((entry) => ({ start: [...start], optimizer: { type: entry.type, ...entry.hyperparameters } })),
    });
    return this.run;
  }

  /** Makes up to `count` updates now (none past the step limit); returns how many. */
  step(count: number): number {
    const run = this.build();
    const k = Math.max(0, Math.min(count, MAX_STEPS - run.iteration));
    run.step(k);
    // Once the race has passed it, the preview says nothing more.
    if (run.iteration >= PREVIEW_STEPS) this.dropPreview();
    return k;
  }

  /** Back to iteration 0; the preview is dropped (it is made again from the start). */
  reset(): void {
    this.run?.reset();
    this.verdicts.clear();
    this.finishes.reset();
    this.doneReported = false;
    this.dropPreview();
  }

  /** Starts a preview from `start` (the run's settings in force), replacing any other. */
  startPreview(start: [number, number]): RacePreview {
    const run = this.build();
    this.dropPreview();
    this.preview = new RacePreview(run, start);
    return this.preview;
  }

  /** The preview if it starts at `start` (a drag's preview reused by the committed start). */
  previewFrom(start: readonly number[]): RacePreview | undefined {
    const preview = this.preview;
    return preview && preview.start[0] === start[0] && preview.start[1] === start[1] ? preview : undefined;
  }

  /** Hands the preview over (to the model that replaces this one); this model forgets it. */
  takePreview(): RacePreview | undefined {
    const preview = this.preview;
    this.preview = undefined;
    return preview;
  }

  /**
   * Takes over a preview made by the model this one replaces (`previousKey`, its key) when
   * it previews exactly this race: the same landscape and optimizers, from this start.
   * Otherwise the preview is freed. Returns whether it was taken.
   */
  adoptPreview(preview: RacePreview | undefined, previousKey: string): boolean {
    if (!preview) return false;
    const [landscape, , optimizers] = JSON.parse(previousKey) as [string, number[], unknown];
    if (JSON.stringify([landscape, preview.start, optimizers]) !== this.key) {
      preview.dispose();
      return false;
    }
    this.dropPreview();
    this.preview = preview;
    return true;
  }

  dropPreview(): void {
    this.preview?.dispose();
    this.preview = undefined;
  }

  /** The trajectories so far; before the run is made, each optimizer at the start. */
  trajectories(): RaceTrajectory[] {
    const run = this.run;
    const start = this.settings.start;
    return this.entries.map((entry, i) => {
      const particle = run?.particles[i];
      return {
        type: entry.type,
        label: entry.label,
        points: particle ? particle.points.map((p) => [p[0], p[1]] as [number, number]) : [[start[0], start[1]]],
        costs: particle ? particle.costs.slice() : [],
        status: particle?.status ?? 'running',
        enabled: !entry.disabled,
      };
    });
  }

  /** Where optimizer `i` stopped: a global or local minimum, a saddle, a divergence; undefined while it runs. */
  verdict(i: number): Verdict | undefined {
    const particle = this.particles[i];
    if (!particle || particle.status === 'running') return undefined;
    const at = particle.stoppedAt ?? this.iteration;
    const known = this.verdicts.get(i);
    if (known?.at === at) return known.verdict;
    const verdict = verdictOf(
      this.settings.landscape,
      particle.status,
      particle.points[particle.points.length - 1],
      particle.costs[particle.costs.length - 1],
    );
    this.verdicts.set(i, { at, verdict });
    return verdict;
  }

  /**
   * The step at which optimizer `i` first crossed the finish line (within 10⁻³ of the
   * minimum, or out of the window on a landscape without one), or undefined.
   */
  finishStep(i: number): number | undefined {
    const particle = this.particles[i];
    return particle && this.finishes.step(i, this.settings.landscape, particle.points, particle.costs);
  }

  /** Each optimizer's latest position, cost and status (for `gd-step`). */
  positions(): { label: string; type: string; w1: number; w2: number; cost: number; status: ParticleStatus }[] {
    return this.entries.map((entry, i) => {
      const particle = this.particles[i];
      const last = particle.points[particle.points.length - 1];
      return {
        label: entry.label,
        type: entry.type,
        w1: last[0],
        w2: last[1],
        cost: particle.costs[particle.costs.length - 1],
        status: particle.status,
      };
    });
  }

  /** Whether every optimizer that races has stopped (or the step limit is reached). */
  get finished(): boolean {
    const run = this.run;
    if (!run) return false;
    if (run.iteration >= MAX_STEPS) return true;
    return this.entries.every((entry, i) => entry.disabled || run.particles[i].status !== 'running');
  }

  /** Why the race is done, once (later calls give undefined until a reset); undefined while it runs. */
  takeDone(): DoneReason | undefined {
    if (this.doneReported || !this.finished) return undefined;
    this.doneReported = true;
    const racing = this.entries.map((entry, i) => (entry.disabled ? undefined : this.particles[i])).filter((p) => p !== undefined);
    if (this.iteration >= MAX_STEPS) return 'max-steps';
    return racing.length && racing.every((p) => p.status === 'diverged') ? 'diverged' : 'converged';
  }

  /** Frees the tensors and keeps the trajectories: a later step rebuilds them (the race left the page). */
  releaseTensors(): void {
    this.run?.releaseTensors();
    this.dropPreview();
  }

  dispose(): void {
    this.run?.dispose();
    this.run = undefined;
    this.dropPreview();
    this.disposed = true;
  }
}
