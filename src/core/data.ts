/**
 * Seeded datasets and mini-batches. Plain JS float64: the same seed gives the same
 * numbers in every browser (mulberry32 is integer arithmetic; Box–Muller uses
 * Math.log/cos/sqrt, which V8, SpiderMonkey and JavaScriptCore all take from fdlibm-
 * derived code, so they agree in practice though ECMAScript only bounds their error).
 */
import * as tf from './tf.js';

/** A seed: any finite number or a string; both become a 32-bit state. */
export type Seed = number | string;

function seedToUint32(seed: Seed): number {
  if (typeof seed === 'number') {
    if (Number.isInteger(seed)) return seed >>> 0;
    seed = String(seed);
  }
  // FNV-1a over the UTF-16 code units
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit words into one (for per-epoch streams). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x6a09e667, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** standard normal N(0, 1) */
  gaussian(): number;
  /** integer in [0, n) */
  int(n: number): number;
}

/** mulberry32 (Tommy Ettinger's 32-bit generator) with Box–Muller normals. */
export function createRandom(seed: Seed): Random {
  let state = seedToUint32(seed);
  let spare: number | null = null;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    gaussian() {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      const u = 1 - next(); // (0, 1]: log(0) never happens
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(next() * n),
  };
}

export interface LineDataOptions {
  /** number of training points m */
  size: number;
  /** standard deviation of the Gaussian noise added to y */
  noise: number;
  slope: number;
  intercept: number;
  seed: Seed;
  /**
   * held-out points, as a fraction of `size`, drawn after the training points: turning
   * the split on or off never changes the training set
   */
  testFraction?: number;
  /** x is uniform in this range (default [−1, 1]) */
  xRange?: [number, number];
}

export interface LineData {
  x: number[];
  y: number[];
  testX: number[];
  testY: number[];
}

/** y = slope·x + intercept + noise·N(0, 1), x uniform in xRange. */
export function makeLineData(options: LineDataOptions): LineData {
  const { size, noise, slope, intercept, seed, testFraction = 0, xRange = [-1, 1] } = options;
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`makeLineData: size must be a whole number ≥ 1, got ${size}`);
  if (!(Number.isFinite(noise) && noise >= 0)) throw new RangeError(`makeLineData: noise must be ≥ 0, got ${noise}`);
  if (!(testFraction >= 0 && testFraction < 1)) throw new RangeError(`makeLineData: testFraction must be in [0, 1), got ${testFraction}`);
  const random = createRandom(seed);
  const [lo, hi] = xRange;
  const draw = (count: number) => {
    const x = new Array<number>(count);
    const y = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      x[i] = lo + (hi - lo) * random.next();
      y[i] = slope * x[i] + intercept + noise * random.gaussian();
    }
    return { x, y };
  };
  const train = draw(size);
  const test = draw(Math.round(size * testFraction));
  return { x: train.x, y: train.y, testX: test.x, testY: test.y };
}

/**
 * Sufficient statistics of a line fit, in float64: the five raw sums and, for
 * numerically sound work, the means and centred sums (two-pass, so no cancellation).
 */
export interface LineStats {
  m: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumXY: number;
  sumYY: number;
  meanX: number;
  meanY: number;
  /** Σ(x − x̄)² */
  sxx: number;
  /** Σ(x − x̄)(y − ȳ) */
  sxy: number;
  /** Σ(y − ȳ)² */
  syy: number;
}

export function lineStats(x: ArrayLike<number>, y: ArrayLike<number>): LineStats {
  const m = x.length;
  if (m === 0 || y.length !== m) throw new RangeError('lineStats: x and y need the same, non-zero length');
  let sumX = 0;
  let sumY = 0;
  let sumXX = 0;
  let sumXY = 0;
  let sumYY = 0;
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    const yi = y[i];
    sumX += xi;
    sumY += yi;
    sumXX += xi * xi;
    sumXY += xi * yi;
    sumYY += yi * yi;
  }
  const meanX = sumX / m;
  const meanY = sumY / m;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const u = x[i] - meanX;
    const v = y[i] - meanY;
    sxx += u * u;
    sxy += u * v;
    syy += v * v;
  }
  return { m, sumX, sumY, sumXX, sumXY, sumYY, meanX, meanY, sxx, sxy, syy };
}

/** The least-squares line (w, b); with all x equal the slope is 0 and b = ȳ. */
export function leastSquares(stats: LineStats): { w: number; b: number } {
  const w = stats.sxx > 0 ? stats.sxy / stats.sxx : 0;
  return { w, b: stats.meanY - w * stats.meanX };
}

/**
 * Shuffled mini-batches without replacement: each epoch is a fresh Fisher–Yates
 * permutation of 0 … m−1 cut into ⌈m/b⌉ batches, the last one the remainder. Any
 * update's batch can be asked for directly (each epoch's permutation comes from its own
 * seeded stream), so stepping back or jumping ahead gives the same batches.
 */
export class MiniBatcher {
  readonly m: number;
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
  private readonly seed: number;
  private epoch = -1;
  private permutation: Int32Array = new Int32Array(0);

  constructor(m: number, batchSize: number, seed: Seed) {
    if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`MiniBatcher: m must be a whole number ≥ 1, got ${m}`);
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
      throw new RangeError(`MiniBatcher: batchSize must be a whole number ≥ 1, got ${batchSize}`);
    }
    this.m = m;
    this.batchSize = Math.min(batchSize, m);
    this.batchesPerEpoch = Math.ceil(m / this.batchSize);
    this.seed = seedToUint32(seed);
  }

  /** true when every batch is the whole set */
  get fullBatch(): boolean {
    return this.batchSize === this.m;
  }

  epochOf(iteration: number): number {
    return Math.floor(iteration / this.batchesPerEpoch);
  }

  /** The row indices used by update number `iteration` (0-based). */
  indices(iteration: number): Int32Array {
    const epoch = this.epochOf(iteration);
    if (epoch !== this.epoch) {
      this.permutation = this.shuffle(epoch);
      this.epoch = epoch;
    }
    const start = (iteration % this.batchesPerEpoch) * this.batchSize;
    return this.permutation.slice(start, Math.min(start + this.batchSize, this.m));
  }

  private shuffle(epoch: number): Int32Array {
    const order = new Int32Array(this.m);
    for (let i = 0; i < this.m; i++) order[i] = i;
    if (this.fullBatch) return order;
    const random = createRandom(mix(this.seed, epoch));
    for (let i = this.m - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}

type Column = tf.Tensor1D | ArrayLike<number>;

/**
 * Mean squared error of the line ŷ = w·x + b for every row (w, b) of `params` [N, 2]:
 * the line-fit objective in tf ops (autodiff takes its gradient).
 */
export function lineMse(params: tf.Tensor2D, x: Column, y: Column): tf.Tensor1D {
  return tf.tidy(() => {
    const xs = x instanceof tf.Tensor ? x : tf.tensor1d(Array.from(x));
    const ys = y instanceof tf.Tensor ? y : tf.tensor1d(Array.from(y));
    const [w, b] = tf.split(params, 2, 1);
    const residual = tf.sub(tf.add(tf.mul(w, tf.reshape(xs, [1, -1])), b), tf.reshape(ys, [1, -1]));
    return tf.mean<tf.Tensor1D>(tf.square(residual), 1);
  });
}

/**
 * The same full-data MSE from sufficient statistics, O(1) per row whatever m is:
 * J(w, b) = (S_xx/m)(w − ŵ)² + ((w − ŵ)x̄ + (b − b̂))² + R, with (ŵ, b̂) the
 * least-squares line and R = (S_yy − S_xy²/S_xx)/m its residual. Every term is ≥ 0,
 * so float32 adds no cancellation (the raw expansion w²Σx² + 2wbΣx + … loses the
 * residual entirely when Σy² is large).
 */
export function lineMseFromStats(params: tf.Tensor2D, stats: LineStats): tf.Tensor1D {
  const q = lineQuadratic(stats);
  return tf.tidy(() => {
    const offset = tf.tensor2d([[q.w, q.b]]);
    const [dw, db] = tf.split(tf.sub(params, offset), 2, 1);
    const slopeTerm = tf.mul(q.varianceX, tf.square(dw));
    const levelTerm = tf.square(tf.add(tf.mul(q.meanX, dw), db));
    return tf.reshape<tf.Rank.R1>(tf.add(tf.add(slopeTerm, levelTerm), q.residual), [-1]);
  });
}

/** The stable quadratic form of the line-fit MSE around the least-squares line (see `lineMseFromStats`). */
export interface LineQuadratic {
  w: number;
  b: number;
  varianceX: number;
  meanX: number;
  residual: number;
}

/** The pieces of the stable quadratic form shared by `lineMseFromStats`, `lineCostGrid` and `lineMseAt`. */
export function lineQuadratic(stats: LineStats): LineQuadratic {
  const { w, b } = leastSquares(stats);
  const residual = stats.sxx > 0 ? Math.max(0, stats.syy - (stats.sxy * stats.sxy) / stats.sxx) / stats.m : stats.syy / stats.m;
  return { w, b, varianceX: stats.sxx / stats.m, meanX: stats.meanX, residual };
}

/** The same MSE at one (w, b) in float64 on the CPU, for readouts: no tensors. */
export function lineMseAt(q: LineQuadratic, w: number, b: number): number {
  const dw = w - q.w;
  const db = b - q.b;
  const level = q.meanX * dw + db;
  return q.varianceX * dw * dw + level * level + q.residual;
}
