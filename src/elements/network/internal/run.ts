import type { ReactiveControllerHost } from 'lit';
import { RunController } from '../../shared/controllers/run-controller.js';
import { stepsForFrame } from '../../shared/controllers/play-controller.js';
import { NetworkModel, type NetworkSettings } from './model.js';

export interface NetworkRunOptions {
  /** The settings in force (validated). */
  settings: () => NetworkSettings;
  /** The canvases need a paint. */
  paint: () => void;
  /** A new model replaced the old one (a settings change). */
  rebuilt: () => void;
  /** Updates were made (by `step` or a frame) and not cut short: the host reports them. */
  stepped: () => void;
}

/**
 * The network's model over time: the model for the settings in force (a new one, at
 * update 0, when anything that decides the run changed), its steps through the shared
 * RunController (frame-sized chunks for `step(n)`, a frame's worth while playing) and its
 * tensors, freed only when the element leaves the page for good.
 */
export class NetworkRun {
  private current?: NetworkModel;
  private readonly runner: RunController;
  /** Bumped by every reset and rebuild: a step(n) cut short by one reports nothing. */
  private generation = 0;
  private busy = false;
  private lastFrameAt = 0;

  constructor(
    host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly options: NetworkRunOptions,
  ) {
    this.runner = new RunController(host, {
      apply: (k) => this.current?.step(k) ?? 0,
      release: () => this.current?.releaseTensors(),
      afterChunk: () => options.paint(),
    });
  }

  /** The model (as last synced), or undefined before the first sync. */
  get model(): NetworkModel | undefined {
    return this.current;
  }

  /** True while a `step(n)` is under way. */
  get stepping(): boolean {
    return this.runner.busy;
  }

  /** The model for the settings in force: the same one when only labels or switches changed. */
  sync(): NetworkModel {
    const settings = this.options.settings();
    const model = this.current;
    if (model && NetworkModel.keyOf(settings) === model.key) {
      model.entries = settings.entries;
      return model;
    }
    this.runner.cancel();
    this.generation++;
    model?.dispose();
    this.current = new NetworkModel(settings);
    this.options.rebuilt();
    this.options.paint();
    return this.current;
  }

  /** `count` updates through the RunController (frame-sized chunks), then one report. */
  async step(count: number): Promise<void> {
    const generation = this.generation;
    await this.runner.step(count);
    if (generation === this.generation) this.options.stepped();
  }

  /** Ends the `step(n)` calls under way at their next chunk. */
  cancel(): void {
    this.runner.cancel();
  }

  /** Back to update 0; a pending `step(n)` ends here. */
  reset(): void {
    this.runner.cancel();
    this.generation++;
    this.current?.reset();
    this.options.paint();
  }

  /** One animation frame of play: the updates `speed` asks for in the time since the last. */
  frame(speed: number, reducedMotion: boolean): void {
    if (this.busy || this.runner.busy || !this.current) return;
    this.busy = true;
    try {
      const now = performance.now();
      this.current.step(stepsForFrame(speed, now - this.lastFrameAt, reducedMotion));
      this.lastFrameAt = now;
      this.options.stepped();
    } finally {
      this.busy = false;
    }
  }
}
