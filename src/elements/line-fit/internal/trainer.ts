import * as tf from '../../../core/tf.js';
import { MiniBatcher, ParticleRun, lineMse, lineMseFromStats, type OptimizerType } from '../../../core/index.js';
import { KeptTensors } from '../../../core/kept-tensors.js';
import type { LineDataset } from './dataset.js';

/** One point of a run: `history[0]` is the start, `history[k]` the state after k updates. */
export interface LineFitHistoryEntry {
  /** updates applied so far */
  iteration: number;
  /** epochs completed so far: ⌊iteration / batchesPerEpoch⌋ */
  epoch: number;
  w: number;
  b: number;
  /** training MSE at (w, b), in float64 from the five sums of the data */
  cost: number;
  /** test MSE at (w, b), present when the dataset has a test split */
  testCost?: number;
}

export interface LineTrainerSettings {
  optimizer: string;
  learningRate: number;
  /** inverse-time decay of the learning rate (0: none) */
  decay?: number;
  /** points per update, 1 … m (m = full batch) */
  batchSize: number;
  init: [number, number];
  seed: number;
}

/**
 * Gradient descent on ŷ = wx + b for one dataset and one set of hyperparameters.
 *
 * Each update's gradient is tfjs autodiff of the mini-batch MSE (the core's ParticleRun
 * with one particle [w, b]); the batch for update t comes from the core's MiniBatcher
 * (shuffled without replacement once per epoch, seeded). A full batch differentiates the
 * same MSE written from the data's five sums (the core's lineMseFromStats). The recorded cost is the full
 * training MSE, computed in float64 from the dataset's sufficient statistics, so a long
 * history costs O(1) per step whatever m is.
 *
 * The tensors (the data on the device, the run) are made at the first step, not on
 * construction: a new dataset redraws its landscape without touching tfjs.
 */
export class LineTrainer {
  readonly history: LineFitHistoryEntry[];
  status: 'running' | 'converged' | 'diverged' = 'running';
  private readonly batcher: MiniBatcher;
  private run?: ParticleRun;
  /** history index where the current ParticleRun started */
  private runBase = 0;
  /** The training set as tensors, made again after a backend switch (e.g. a lost WebGL context). */
  private readonly device = new KeptTensors(() => ({
    x: tf.keep(tf.tensor1d(this.dataset.x, 'float32')),
    y: tf.keep(tf.tensor1d(this.dataset.y, 'float32')),
  }));

  constructor(
    private readonly dataset: LineDataset,
    private readonly settings: LineTrainerSettings,
  ) {
    const m = dataset.x.length;
    this.batcher = new MiniBatcher(m, Math.max(1, Math.min(settings.batchSize, m)), settings.seed);
    const [w, b] = settings.init;
    this.history = [this.entry(0, w, b)];
  }

  /** updates applied (a stopped run applies no more) */
  get iteration(): number {
    return this.history.length - 1;
  }

  get batchesPerEpoch(): number {
    return this.batcher.batchesPerEpoch;
  }

  /** Indices into the training set used by update `iteration` (0-based). */
  batchIndices(iteration: number): ArrayLike<number> {
    return this.batcher.indices(iteration);
  }

  /** Applies exactly `k` updates (one read-back), unless the run has stopped. */
  step(k: number): void {
    if (k <= 0 || this.status !== 'running') return;
    const run = this.ensureRun();
    const consumed = this.history.length - 1 - this.runBase;
    const particle = run.step(k).particles[0];
    for (let i = consumed + 1; i < particle.points.length; i++) {
      const [w, b] = particle.points[i];
      this.history.push(this.entry(this.runBase + i, w, b));
    }
    // A diverged particle is frozen by the core at its last good point.
    this.status = particle.status;
  }

  /**
   * Frees the tensors (the element left the page). The history stays; a later step
   * continues from the last point and the same batch schedule, with the optimizer's
   * moving averages starting again from zero.
   */
  dispose(): void {
    this.run?.dispose();
    this.run = undefined;
    this.device.dispose();
  }

  private entry(iteration: number, w: number, b: number): LineFitHistoryEntry {
    const entry: LineFitHistoryEntry = {
      iteration,
      epoch: Math.floor(iteration / this.batcher.batchesPerEpoch),
      w,
      b,
      cost: this.dataset.cost(w, b),
    };
    if (this.dataset.testX.length > 0) entry.testCost = this.dataset.testCost(w, b);
    return entry;
  }

  private ensureRun(): ParticleRun {
    if (this.run) return this.run;
    const { dataset, settings } = this;
    const full = this.batcher.fullBatch;
    const last = this.history[this.history.length - 1];
    const base = (this.runBase = this.history.length - 1);
    this.run = new ParticleRun({
      particles: [
        {
          start: [last.w, last.b],
          optimizer: { type: settings.optimizer as OptimizerType, learningRate: settings.learningRate, decay: settings.decay ?? 0 },
        },
      ],
      cost: (params, iteration) => {
        // With the full batch the batch MSE is the training MSE, which the core also
        // writes from the five sums: the same J (autodiff gives the same gradient), at
        // O(1) per update instead of O(m), so m = 100,000 plays as smoothly as m = 10.
        if (full) return lineMseFromStats(params, dataset.stats);
        const { x, y } = this.device.get();
        const indices = tf.tensor1d(this.batcher.indices(base + iteration), 'int32');
        return lineMse(params, tf.gather(x, indices), tf.gather(y, indices));
      },
      // The full training MSE from the five sums: O(1) per update whatever m is.
      reportCost: (params) => lineMseFromStats(params, dataset.stats),
      // The line-fit landscape is a quadratic bowl: a step beyond this is runaway.
      bound: 1e6,
    });
    return this.run;
  }
}
