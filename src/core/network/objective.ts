import * as tf from '../tf.js';
import { KeptTensors } from '../kept-tensors.js';
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
  /** The training set as tensors. */
  private readonly device = new KeptTensors(() => {
    const { x, y } = this.options.data;
    return {
      x: tf.keep(tf.tensor2d(Float32Array.from(x), [y.length, 2])),
      y: tf.keep(tf.tensor1d(Float32Array.from(y))),
    };
  });

  constructor(private readonly options: MlpObjectiveOptions) {
    const { data, shape, activation, batchSize, seed } = options;
    const m = data.y.length;
    this.batcher = new MiniBatcher(m, Math.max(1, Math.min(batchSize, m)), seed);
    const full = this.batcher.fullBatch;
    this.gradient = mlpRowGradient(new MlpEvaluator(shape, activation), data.x, data.y, (t) => (full ? null : this.batcher.indices(t)));
  }

  /** J of every row [N, P] on update t's batch, in tf ops. */
  readonly cost = (params: tf.Tensor2D, t: number): tf.Tensor1D => {
    const { x, y } = this.device.get();
    const { shape, activation } = this.options;
    if (this.batcher.fullBatch) return mlpCost(params, x, y, shape, activation);
    return tf.tidy(() => {
      const indices = tf.tensor1d(this.batcher.indices(t), 'int32');
      return mlpCost(params, tf.gather(x, indices), tf.gather(y, indices), shape, activation);
    });
  };

  /** Frees the training set's tensors (made again at the next `cost`). */
  dispose(): void {
    this.device.dispose();
  }
}
