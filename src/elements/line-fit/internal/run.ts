import type { ReactiveControllerHost } from 'lit';
import { RunController } from '../../shared/controllers/run-controller.js';
import { LineFitModel, type LineFitSettings } from './model.js';
import type { LineTrainer } from './trainer.js';
import type { Format } from '../../shared/format.js';

export interface LineFitRunOptions {
  /** the element's settings, validated (see `validSettings`) */
  settings: () => LineFitSettings;
  /** a new run replaced `previous` (a settings change, a reset) */
  onNewRun: (previous: LineFitModel | undefined, next: LineFitModel) => void;
  /** after each chunk of a `step(n)`, e.g. to ask for a paint */
  afterChunk?: () => void;
}

/**
 * The line fit's model over time: which dataset and run are current, when a new run
 * replaces the old one (freeing its tensors and ending its pending steps), and stepping
 * it through the shared RunController in frame-sized chunks.
 *
 * `current` never builds a run or frees one once there is a model: a getter may run
 * between a property set and lit's update, and rebuilding there would free the run's
 * tensors and restart it behind the update's back. The element calls `sync()` in
 * `willUpdate` (a value set a moment ago shows once the element updated, `await
 * el.updateComplete`) and in `step()`, `reset()` and `play()`, which is what moves an
 * element that never updates (one never put in a page). Such an element, read before
 * anything else, gets its first model from `current`, made from its settings as they are:
 * that costs no tensors, because a trainer makes them at its first step.
 */
export class LineFitRun {
  private model?: LineFitModel;
  /** Bumped by every new run: a step(n) cut short by one reports nothing. */
  private generation = 0;
  private pending = 0;
  private readonly runner: RunController;

  constructor(
    host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly options: LineFitRunOptions,
  ) {
    this.runner = new RunController(host, {
      apply: (k) => this.apply(k),
      // Frees the tensors only when the element leaves the page for good; the history stays.
      release: () => this.model?.trainer.dispose(),
      afterChunk: options.afterChunk,
    });
  }

  /** The model the element shows and its getters read. */
  get current(): LineFitModel {
    return (this.model ??= LineFitModel.for(this.options.settings()));
  }

  /** The settings of the model built last (none before the first). */
  get settings(): LineFitSettings | undefined {
    return this.model?.settings;
  }

  /** True while a `step(n)` is under way. */
  get stepping(): boolean {
    return this.pending > 0;
  }

  /** Brings the model in line with the settings: the same run when nothing that matters to it changed. */
  sync(): LineFitModel {
    const next = LineFitModel.for(this.options.settings(), this.model);
    if (next.trainer !== this.model?.trainer) this.replace(next);
    else this.model = next;
    return next;
  }

  /** The run back at its start, on the current settings. */
  restart(): void {
    this.replace(this.sync().restarted());
  }

  /** Ends every pending `step(n)` at its next chunk boundary. */
  cancel(): void {
    this.runner.cancel();
  }

  /**
   * Applies `count` updates (fewer once the run stops) in frame-sized chunks. Resolves
   * true when they went to the run still current, false when a new run replaced it
   * meanwhile (then there is nothing to report).
   */
  async step(count: number): Promise<boolean> {
    const generation = this.generation;
    this.pending++;
    try {
      await this.runner.step(count);
    } finally {
      this.pending--;
    }
    return generation === this.generation;
  }

  private replace(next: LineFitModel): void {
    const previous = this.model;
    if (previous?.trainer !== next.trainer) previous?.trainer.dispose();
    this.runner.cancel();
    this.generation++;
    this.model = next;
    this.options.onNewRun(previous, next);
  }

  /** Makes up to `k` updates now; returns how many (fewer once the run stopped). */
  private apply(k: number): number {
    const { trainer } = this.current;
    const before = trainer.iteration;
    trainer.step(k);
    return trainer.status === 'running' ? k : trainer.iteration - before;
  }
}

export type StopReason = 'converged' | 'diverged' | 'max-steps';

/**
 * Why the run stops by itself now, if it does: it diverged or converged, or play reached
 * `maxIterations` (a `step(n)` may go on past it: only play stops there).
 */
export function stopReason(
  trainer: Pick<LineTrainer, 'status' | 'iteration'>,
  playing: boolean,
  maxIterations: number,
): StopReason | undefined {
  if (trainer.status === 'diverged') return 'diverged';
  if (trainer.status === 'converged') return 'converged';
  if (trainer.iteration >= maxIterations && playing) return 'max-steps';
  return undefined;
}

/** The run-state note for a stop after `iteration` updates, with what to do next. */
export function stopNote(reason: StopReason, iteration: number, learningRate: number, format: Format): string {
  const updates = `${format(iteration, { fraction: 0 })} updates`;
  if (reason === 'diverged') {
    return `Diverged after ${updates}: the cost grew without bound. Lower the learning rate (now ${format(learningRate)}) and press Reset.`;
  }
  if (reason === 'converged') return `Converged after ${updates}.`;
  return `Stopped after ${updates}, the most one play runs. Play starts again from the red dot.`;
}
