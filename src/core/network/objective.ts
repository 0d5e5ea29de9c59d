import * as tf from '../tf.js';
import { backendGeneration } from '../backend.js';
import { MiniBatcher, type Seed } from '../data.js';
import type { RowGradient } from '../kernels.js';
import type { ClassificationData } from './datasets.js';
import { MlpEvaluator, mlpCost, mlpRowGradient, type MlpActivation, type MlpShape } from './mlp.js';

export interface MlpObjectiveOptions {
  data: ClassificationData;
  shape: MlpShape;
  activation: MlpActivation;
  /** examples per update, 1 … m (m: the full batch) */
  batchSize: number;
  /** the mini-batch schedule's seed */
  seed: Seed;
}

/**
 * A network's training objective as a `ParticleRun` takes it, every row one network of
 * the same shape: the mean binary cross-entropy of update t's mini-batch in tf ops
 * (`cost`, for autodiff), and its gradient written out for the cpu kernel (`gradient`,
 * backpropagation in float64), both over the same batches: the core's `MiniBatcher`
 * (shuffled without replacement once per epoch, seeded), the same for every row.
 */
export class MlpObjective {
  readonly batcher: MiniBatcher;
  readonly gradient: RowGradient;
  private device?: { x: tf.Tensor2D; y: tf.Tensor1D; generation: number };

  constructor(private readonly options: MlpObjectiveOptions) {
    const { data, shape, activation, batchSize, seed } = options;
    const m = data.y.length;
    this.batcher = new MiniBatcher(m, Math.max(1, Math.min(batchSize, m)), seed);
    const full = this.batcher.fullBatch;
    this.gradient = mlpRowGradient(new MlpEvaluator(shape, activation), data.x, data.y, (t) => (full ? null : this.batcher.indices(t)));
  }

  /** J of every row [N, P] on update t's batch, in tf ops. */
  readonly cost = (params: tf.Tensor2D, t: number): tf.Tensor1D => {
    const { x, y } = this.deviceData();
    const { shape, activation } = this.options;
    if (this.batcher.fullBatch) return mlpCost(params, x, y, shape, activation);
    return tf.tidy(() => {
      const indices = tf.tensor1d(this.batcher.indices(t), 'int32');
      return mlpCost(params, tf.gather(x, indices), tf.gather(y, indices), shape, activation);
    });
  };

  /** Frees the training set's tensors (rebuilt at the next `cost`). */
  dispose(): void {
    if (!this.device) return;
    // After a lost WebGL context disposing can fail; nothing is left to free then.
    try {
      this.device.x.dispose();
      this.device.y.dispose();
    } catch {
      /* gone with its context */
    }
    this.device = undefined;
  }

  /** The training set as tensors, made again after a backend switch. */
  private deviceData(): { x: tf.Tensor2D; y: tf.Tensor1D } {
    const generation = backendGeneration();
    if (!this.device || this.device.generation !== generation) {
      this.dispose();
      const { x, y } = this.options.data;
      this.device = {
        x: tf.keep(tf.tensor2d(Float32Array.from(x), [y.length, 2])),
        y: tf.keep(tf.tensor1d(Float32Array.from(y))),
        generation,
      };
    }
    return this.device;
  }
}
