import type { ReactiveControllerHost } from 'lit';
import { nextTask } from '../../../../core/slices.js';
import { RunController } from '../../../shared/controllers/run-controller.js';
import { ghostsAfter, type Ghost } from './ghosts.js';
import { RacePreviewer } from './previewer.js';
import { stepsForFrame } from '../../../shared/controllers/play-controller.js';
import { RaceModel, type RaceSettings } from './race-model.js';
import { SwarmRun } from '../swarm/swarm-run.js';
import type { SwarmSettings } from '../swarm/swarm-model.js';

export interface RaceRunOptions {
  /** The landscape, start and optimizers in force. */
  settings: () => RaceSettings;
  /** Swarm mode's settings, or undefined when it is off. */
  swarm: () => SwarmSettings | undefined;
  /** The canvases need a paint. */
  paint: () => void;
  /** A preview reached its first or last slice: the readouts follow those. */
  previewed: () => void;
  /** Whether a preview from the start is still wanted once the page is idle (a drag, which previews itself, aside). */
  previewWanted: () => boolean;
  /** Whether the start is being dragged (the preview then takes less of each frame). */
  dragging: () => boolean;
  /** The swarm moved while playing: its particles may be drawn ahead of the next paint (a task of their own). */
  swarmMoved: () => void;
  /** Updates were made (by `step` or a frame) and not cut short: the host reports them. */
  stepped: () => void;
}

/**
 * The race's run over its settings: the model for the landscape, start and optimizers
 * in force (rebuilt when any changes), the swarm beside it, their steps (frame-sized
 * chunks for `step(n)`, a frame's worth while playing), the preview from the start and
 * the faded paths of the runs before a setting changed.
 */
export class RaceRun {
  private current?: RaceModel;
  /** Swarm mode's particles: rebuilt for new settings (not for a new start), stepped within a per-frame budget while playing. */
  readonly swarm = new SwarmRun();
  /** Faded paths of the runs before a setting changed (until reset, or a new landscape or start). */
  ghosts: Ghost[] = [];
  /** Steps the run in frame-sized chunks; frees the tensors only when the race leaves the page for good. */
  private readonly runner: RunController;
  /**
   * Steps the swarm the same number of updates, in slices of part updates: one update of a
   * large swarm (10,000 starts × 16 optimizers: hundreds of parts) is far more than a frame.
   */
  private readonly swarmRunner: RunController;
  /** The preview, in slices that never hold a frame; the legend and the chart's axes follow its first and last. */
  private readonly previewer: RacePreviewer;
  /** Bumped by every reset and rebuild: a step(n) cut short by one reports nothing. */
  private generation = 0;
  private busy = false;
  private lastFrameAt = 0;
  /**
   * The swarm moved and its particles wait for their own task to be drawn (see
   * `queueSwarmShare`): a paint meanwhile shows them where they were drawn last.
   */
  swarmDrawPending = false;
  /** The swarm's share of the frames' updates, waiting for its task (see `queueSwarmShare`). */
  private swarmShare?: { steps: number; generation: number };

  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly options: RaceRunOptions,
  ) {
    this.runner = new RunController(host, {
      apply: (k) => this.current?.step(k) ?? 0,
      release: () => this.current?.releaseTensors(),
      afterChunk: () => options.paint(),
    });
    this.swarmRunner = new RunController(host, {
      apply: (parts) => this.swarm.stepParts(parts),
      release: () => this.swarm.releaseTensors(),
      afterChunk: () => options.paint(),
    });
    this.previewer = new RacePreviewer(host, {
      model: () => this.current,
      onSlice: (_, milestone) => {
        options.paint();
        if (milestone) options.previewed();
      },
      dragging: () => options.dragging(),
    });
  }

  /** The race's model (as last synced), or undefined before the first sync. */
  get model(): RaceModel | undefined {
    return this.current;
  }

  /**
   * The model for the current landscape, start and optimizers; a new one (its run made
   * later, by `build()` or the first step) when any changed. A preview already made from
   * the new start with the same optimizers (a drag's, on release) is handed over, not
   * computed again.
   */
  sync(): RaceModel {
    const settings = this.options.settings();
    const model = this.current;
    if (model && RaceModel.keyOf(settings) === model.key) {
      model.entries = settings.entries;
      return model;
    }
    const next = new RaceModel(settings);
    this.ghosts = ghostsAfter(model, next, this.ghosts);
    this.cancel();
    this.generation++;
    const adopted = model !== undefined && next.adoptPreview(model.takePreview(), model.key);
    model?.dispose();
    this.current = next;
    if (!adopted) {
      this.previewer.cancel();
      this.queuePreview();
    }
    this.options.paint();
    return next;
  }

  /** The swarm follows the settings: a new one for another landscape, optimizers, size or seed; none when off. */
  syncSwarm(): void {
    if (!this.swarm.sync(this.options.swarm())) return;
    // A step(n) under way was counted in the parts of the swarm it replaced.
    this.swarmRunner.cancel();
    this.options.paint();
  }

  /**
   * `count` updates of the race and then of the swarm, each through its RunController
   * (frame-sized chunks), then one report.
   */
  async step(count: number): Promise<void> {
    const generation = this.generation;
    await this.runner.step(count);
    if (generation === this.generation) await this.swarmRunner.step(this.swarm.partUpdatesFor(count));
    // A reset or a rebuild meanwhile ended this call; it reports nothing.
    if (generation === this.generation) this.options.stepped();
  }

  /** Ends the `step(n)` calls under way at their next chunk. */
  cancel(): void {
    this.runner.cancel();
    this.swarmRunner.cancel();
  }

  /** Back to iteration 0 at the start; a pending `step(n)` ends here. */
  reset(): void {
    this.cancel();
    this.generation++;
    this.previewer.cancel();
    this.ghosts = [];
    this.current?.reset();
    this.swarm.reset();
    this.queuePreview();
    this.options.paint();
  }

  /** One animation frame of play: the updates `speed` asks for in the time since the last. */
  frame(speed: number, reducedMotion: boolean): void {
    // A step(n) under way has the run; play waits for it.
    if (this.busy || this.runner.busy || this.swarmRunner.busy || !this.current?.built) return;
    this.busy = true;
    try {
      const now = performance.now();
      const steps = stepsForFrame(speed, now - this.lastFrameAt, reducedMotion);
      this.current.step(steps);
      this.queueSwarmShare(steps);
      this.lastFrameAt = now;
      this.options.stepped();
    } finally {
      this.busy = false;
    }
  }

  /**
   * The swarm's share of a frame's updates runs in a task of its own, just after the
   * frame's: in the frame's task, beside lit's update and the paint, it made one task of
   * over 50 ms on a fresh page's first frames of play (code not yet optimised, a
   * collection). Frames whose shares have not run yet add theirs to the one waiting; a
   * reset or a rebuild meanwhile drops it. The particles it moved are drawn in the task
   * after it.
   */
  private queueSwarmShare(steps: number): void {
    if (this.swarm.settled) return;
    const waiting = this.swarmShare;
    if (waiting?.generation === this.generation) {
      waiting.steps += steps;
      return;
    }
    const share = { steps, generation: this.generation };
    this.swarmShare = share;
    void nextTask().then(() => {
      if (this.swarmShare === share) this.swarmShare = undefined;
      // A step(n) under way has the swarm: it makes the same updates itself. A race that
      // left the page meanwhile has freed its tensors.
      if (share.generation !== this.generation || this.runner.busy || this.swarmRunner.busy || !this.host.isConnected) return;
      if (this.swarm.advanceForFrame(share.steps) === 0) return;
      // Its dots and tails in the next task again, so neither this one nor a frame's holds them.
      this.swarmDrawPending = true;
      void nextTask().then(() => {
        this.swarmDrawPending = false;
        if (share.generation === this.generation) this.options.swarmMoved();
        this.options.paint();
      });
    });
  }

  /** Previews where each optimizer's next steps lead from `point`. */
  previewFrom(point: [number, number]): void {
    this.previewer.from(point);
  }

  /** Shows where the next 100 steps lead from the start, once the page is idle. */
  queuePreview(): void {
    this.previewer.whenIdle(() => !this.options.dragging() && this.options.previewWanted());
  }
}
