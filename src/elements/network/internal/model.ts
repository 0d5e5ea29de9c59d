import {
  MlpEvaluator,
  MlpObjective,
  ParticleRun,
  ensureBackend,
  initialWeights,
  makeClassificationData,
  mlpShape,
  type ClassificationData,
  type ClassificationDataset,
  type MlpActivation,
  type MlpInit,
  type MlpShape,
  type ParticleStatus,
} from '../../../core/index.js';
import type { OptimizerEntry } from '../../shared/optimizers/entries.js';
import { TRAIL_POINTS, WEIGHT_BOUND } from './settings.js';

/** The settings a network's run is built from, each already valid. */
export interface NetworkSettings {
  dataset: ClassificationDataset;
  size: number;
  noise: number;
  testSplit: number;
  seed: number;
  hidden: readonly number[];
  activation: MlpActivation;
  init: MlpInit;
  /** examples per update, or the full batch */
  batchSize: number | 'full';
  entries: readonly OptimizerEntry[];
  /** starting weights a page set (one array per racer), instead of the init's */
  startWeights?: readonly (readonly number[])[];
}

/** One racer's record after one update: `history[r][k]` is racer r after k updates. */
export interface NetworkHistoryEntry {
  iteration: number;
  /** epochs completed: ⌊iteration / batches per epoch⌋ */
  epoch: number;
  /** J, the mean binary cross-entropy on the training set */
  cost: number;
  /** the share of training points classified right */
  accuracy: number;
  /** J on the test set (with a test split) */
  testCost?: number;
  testAccuracy?: number;
}

export type DoneReason = 'max-steps' | 'diverged' | 'converged';

/** A column of numbers that grows by appending. */
export class Column {
  values = new Float64Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** The values so far (a view: read it before the next push). */
  get view(): Float64Array {
    return this.values.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}

/**
 * What one racer did, update by update: its metrics (training cost and accuracy, test
 * cost and accuracy) and a thinned trail of its weights (every `stride`-th update, the
 * stride doubling whenever TRAIL_POINTS are kept) for the principal directions and paths.
 */
export class RacerRecord {
  readonly cost = new Column();
  readonly accuracy = new Column();
  readonly testCost = new Column();
  readonly testAccuracy = new Column();
  /** weight snapshots and the updates they were taken after */
  trail: Float32Array[] = [];
  trailAt: number[] = [];
  private stride = 1;

  clear(): void {
    for (const column of [this.cost, this.accuracy, this.testCost, this.testAccuracy]) column.clear();
    this.trail = [];
    this.trailAt = [];
    this.stride = 1;
  }

  /** Keeps `weights` (copied) if `iteration` is on the trail's stride; thins the trail when it is full. */
  remember(iteration: number, weights: ArrayLike<number>): void {
    if (iteration % this.stride !== 0) return;
    this.trail.push(Float32Array.from(weights));
    this.trailAt.push(iteration);
    if (this.trail.length <= TRAIL_POINTS) return;
    this.stride *= 2;
    const keep = this.trailAt.map((at) => at % this.stride === 0);
    this.trail = this.trail.filter((_, k) => keep[k]);
    this.trailAt = this.trailAt.filter((_, k) => keep[k]);
  }
}

/**
 * A network's training without a DOM: the data and the network's shape from the
 * settings, every racer one row of one batched `ParticleRun` (the same starting weights,
 * the same mini-batches, the gradient by backpropagation written out for the cpu kernel,
 * tf autodiff elsewhere), and each racer's metrics after every update, recorded as the run
 * makes them (`observe`) from the float64 evaluation of its weights. The run's tensors are
 * made at its first `build()` or `step()`; reading never makes or frees any.
 */
export class NetworkModel {
  readonly settings: NetworkSettings;
  /** What decides the run: a model whose key differs must be rebuilt. */
  readonly key: string;
  readonly data: ClassificationData;
  readonly shape: MlpShape;
  /** each racer's starting weights, as the run holds them (float32) */
  readonly starts: Float32Array[];
  readonly records: RacerRecord[];
  /** the float64 network the metrics, maps and slices evaluate */
  readonly evaluator: MlpEvaluator;
  private readonly objective: MlpObjective;
  private run?: ParticleRun;
  private doneReported = false;
  private disposed = false;

  constructor(settings: NetworkSettings) {
    this.settings = settings;
    this.key = NetworkModel.keyOf(settings);
    const { dataset, size, noise, seed, testSplit, hidden, activation, init, entries, startWeights } = settings;
    this.data = makeClassificationData({ dataset, size, noise, seed, testFraction: testSplit });
    this.shape = mlpShape(hidden);
    this.evaluator = new MlpEvaluator(this.shape, activation);
    const common = initialWeights(this.shape, init, seed);
    this.starts = entries.map((_, i) => Float32Array.from(startWeights?.[i] ?? startWeights?.[0] ?? common));
    this.objective = new MlpObjective({ data: this.data, shape: this.shape, activation, batchSize: this.batchSize, seed });
    this.records = entries.map(() => new RacerRecord());
    this.records.forEach((_, i) => this.record(i, 0, this.starts[i]));
  }

  /** The run's identity: the data, the network, the batch size, every racer's rule and hyperparameters, the starting weights. */
  static keyOf(s: NetworkSettings): string {
    return JSON.stringify([
      s.dataset,
      s.size,
      s.noise,
      s.testSplit,
      s.seed,
      s.hidden,
      s.activation,
      s.init,
      s.batchSize === 'full' ? s.size : Math.min(s.batchSize, s.size),
      s.entries.map((e) => [e.type, e.hyperparameters]),
      s.startWeights ?? null,
    ]);
  }

  /** The labels and switches may change without a rebuild. */
  get entries(): readonly OptimizerEntry[] {
    return this.settings.entries;
  }

  set entries(entries: readonly OptimizerEntry[]) {
    (this.settings as { entries: readonly OptimizerEntry[] }).entries = entries;
  }

  /** Examples per update (the full batch is m). */
  get batchSize(): number {
    const { batchSize, size } = this.settings;
    return batchSize === 'full' ? size : Math.min(batchSize, size);
  }

  get batchesPerEpoch(): number {
    return this.objective.batcher.batchesPerEpoch;
  }

  /** The training examples update `iteration` (0-based) uses, for every racer alike. */
  batchIndices(iteration: number): Int32Array {
    return this.objective.batcher.indices(iteration);
  }

  get built(): boolean {
    return this.run !== undefined;
  }

  get iteration(): number {
    return this.run?.iteration ?? 0;
  }

  /** Makes the run (its tensors) if it is not made yet. */
  build(): ParticleRun {
    if (this.disposed) throw new Error('this NetworkModel was disposed');
    if (this.run) return this.run;
    ensureBackend();
    this.run = new ParticleRun({
      cost: this.objective.cost,
      gradient: this.objective.gradient,
      particles: this.entries.map((entry, i) => ({
        start: Array.from(this.starts[i]),
        optimizer: { type: entry.type, ...entry.hyperparameters },
      })),
      trajectory: 'latest',
      bound: WEIGHT_BOUND,
      observe: (i, iteration, point) => this.record(i, iteration, point),
    });
    return this.run;
  }

  /** Makes `count` updates now; returns how many (none once every racer has stopped). */
  step(count: number): number {
    const run = this.build();
    if (run.particles.every((p) => p.status !== 'running')) return 0;
    run.step(count);
    return count;
  }

  /** Back to iteration 0 from the same starting weights. */
  reset(): void {
    this.run?.reset();
    this.records.forEach((record, i) => {
      record.clear();
      this.record(i, 0, this.starts[i]);
    });
    this.doneReported = false;
  }

  /** Racer i's current weights (its last good ones if it diverged). Do not mutate. */
  weights(i: number): Float32Array {
    const P = this.shape.parameters;
    return this.run ? this.run.positions.subarray(i * P, (i + 1) * P) : this.starts[i];
  }

  status(i: number): ParticleStatus {
    return this.run?.particles[i]?.status ?? 'running';
  }

  /** The update after which racer i stopped, or null while it runs. */
  stoppedAt(i: number): number | null {
    return this.run?.particles[i]?.stoppedAt ?? null;
  }

  /** Racer i's history as entries (`history[k]` after k updates). */
  history(i: number): NetworkHistoryEntry[] {
    const record = this.records[i];
    const perEpoch = this.batchesPerEpoch;
    const test = this.data.testY.length > 0;
    return Array.from({ length: record.cost.length }, (_, k) => ({
      iteration: k,
      epoch: Math.floor(k / perEpoch),
      cost: record.cost.values[k],
      accuracy: record.accuracy.values[k],
      ...(test ? { testCost: record.testCost.values[k], testAccuracy: record.testAccuracy.values[k] } : {}),
    }));
  }

  /** Racer i's latest metrics. */
  latest(i: number): { cost: number; accuracy: number; testCost?: number; testAccuracy?: number } {
    const record = this.records[i];
    const k = record.cost.length - 1;
    const test = this.data.testY.length > 0;
    return {
      cost: record.cost.values[k],
      accuracy: record.accuracy.values[k],
      ...(test ? { testCost: record.testCost.values[k], testAccuracy: record.testAccuracy.values[k] } : {}),
    };
  }

  /** Whether every racer that runs has stopped. */
  get finished(): boolean {
    const run = this.run;
    if (!run) return false;
    return this.entries.every((entry, i) => entry.disabled || run.particles[i].status !== 'running');
  }

  /** Why the run is done (`maxSteps` reached while playing, or every racer stopped), once until a reset. */
  takeDone(maxSteps?: number): DoneReason | undefined {
    if (this.doneReported) return undefined;
    const limit = maxSteps !== undefined && this.iteration >= maxSteps;
    if (!limit && !this.finished) return undefined;
    this.doneReported = true;
    if (limit && !this.finished) return 'max-steps';
    const racing = this.entries.flatMap((entry, i) => (entry.disabled ? [] : [this.status(i)]));
    return racing.length && racing.every((status) => status === 'diverged') ? 'diverged' : 'converged';
  }

  /** Frees the tensors and keeps everything else: a later step rebuilds them (the element left the page). */
  releaseTensors(): void {
    this.run?.releaseTensors();
    this.objective.dispose();
  }

  dispose(): void {
    this.run?.dispose();
    this.run = undefined;
    this.objective.dispose();
    this.disposed = true;
  }

  /** Racer i's metrics at `weights`, after `iteration` updates. */
  private record(i: number, iteration: number, weights: ArrayLike<number>): void {
    const record = this.records[i];
    const { x, y, testX, testY } = this.data;
    const train = this.evaluator.evaluate(weights, 0, x, y);
    record.cost.push(train.cost);
    record.accuracy.push(train.accuracy);
    if (testY.length) {
      const test = this.evaluator.evaluate(weights, 0, testX, testY);
      record.testCost.push(test.cost);
      record.testAccuracy.push(test.accuracy);
    }
    record.remember(iteration, weights);
  }
}
