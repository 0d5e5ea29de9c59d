/**
 * The plain-JS floor of each batched workload: the same arithmetic the kit does, written
 * as the simplest fast JavaScript there is, float32 storage in typed arrays (each value
 * rounded to float32 where it is stored; the arithmetic between stores in JavaScript's
 * doubles), no tensors, no tfjs, no bookkeeping beyond what the result needs. Each update
 * evaluates J and ∇J at the current point (J: what the kit reads back and tests for
 * divergence), applies the rule, and stops a row by the kit's own rules (diverged: a
 * coordinate beyond the bound or a non-finite cost; converged: a tiny move on a tiny
 * gradient), so both do the same amount of work.
 *
 * `npm run bench -- batched` runs these beside the kit in the same page and prints
 * kit / floor.
 */
import { MiniBatcher, lineQuadratic, lineStats, makeLineData, type Hyperparameters, type OptimizerType } from '../src/core/index.js';

/** J at (x, y), ∇J into g[0], g[1]. */
export type Gradient = (x: number, y: number, g: Float64Array) => number;

export const himmelblauGradient: Gradient = (x, y, g) => {
  const a = x * x + y - 11;
  const b = x + y * y - 7;
  g[0] = 4 * a * x + 2 * b;
  g[1] = 2 * a + 4 * b * y;
  return a * a + b * b;
};

export const rosenbrockGradient: Gradient = (x, y, g) => {
  const a = 1 - x;
  const b = y - x * x;
  g[0] = -2 * a - 400 * x * b;
  g[1] = 200 * b;
  return a * a + 100 * b * b;
};

/** One block of rows that share a rule and its hyperparameters (per-row α or β where given). */
export interface FloorBlock {
  type: OptimizerType;
  h: Hyperparameters;
  rows: number;
  /** per-row learning rates, overriding h.learningRate */
  alpha?: Float32Array;
  /** per-row β (momentum, RMSprop), overriding h.beta */
  beta?: Float32Array;
}

/**
 * A batch of particles on a 2-D landscape: `w` [rows × 2], the rule's slots `v`, `s`,
 * the latest costs and which rows still run.
 */
export class FloorRun {
  readonly w: Float32Array;
  readonly v: Float32Array;
  readonly s: Float32Array;
  readonly cost: Float32Array;
  readonly running: Uint8Array;
  t = 0;
  private readonly g = new Float64Array(2);

  constructor(
    private readonly gradient: Gradient,
    private readonly blocks: FloorBlock[],
    starts: Float32Array,
    private readonly bound = 1e6,
  ) {
    const rows = blocks.reduce((sum, b) => sum + b.rows, 0);
    this.w = Float32Array.from(starts);
    this.v = new Float32Array(rows * 2);
    this.s = new Float32Array(rows * 2);
    this.cost = new Float32Array(rows);
    this.running = new Uint8Array(rows).fill(1);
  }

  /** `updates` updates of every running row. */
  step(updates: number): void {
    for (let u = 0; u < updates; u++, this.t++) {
      let row = 0;
      for (const block of this.blocks) {
        this.stepBlock(block, row, this.t);
        row += block.rows;
      }
    }
  }

  /** One block's update: one loop per rule, the rule chosen once per block, not per row. */
  private stepBlock(block: FloorBlock, first: number, t: number): void {
    const { w, v, s, cost, running, g, gradient, bound } = this;
    const h = block.h;
    const decayed = 1 / (1 + h.decay * t);
    const c1 = 1 - h.beta1 ** (t + 1);
    const c2 = 1 - h.beta2 ** (t + 1);
    const type = block.type;
    const rule = type === 'sgd' ? 0 : type === 'momentum' ? 1 : type === 'rmsprop' ? 2 : type === 'adam' ? 3 : -1;
    if (rule < 0) throw new Error(`no floor for ${type}`);
    const alphas = block.alpha;
    const betas = block.beta;
    const { beta1, beta2, epsilon } = h;
    for (let i = 0; i < block.rows; i++) {
      const row = first + i;
      if (!running[row]) continue;
      const at = row * 2;
      const x = w[at];
      const y = w[at + 1];
      const c = gradient(x, y, g);
      cost[row] = c;
      const g0 = g[0];
      const g1 = g[1];
      const alpha = (alphas ? alphas[i] : h.learningRate) * decayed;
      const beta = betas ? betas[i] : h.beta;
      if (rule === 0) {
        w[at] = x - alpha * g0;
        w[at + 1] = y - alpha * g1;
      } else if (rule === 1) {
        const v0 = (v[at] = beta * v[at] + (1 - beta) * g0);
        const v1 = (v[at + 1] = beta * v[at + 1] + (1 - beta) * g1);
        w[at] = x - alpha * v0;
        w[at + 1] = y - alpha * v1;
      } else if (rule === 2) {
        const s0 = (s[at] = beta * s[at] + (1 - beta) * g0 * g0);
        const s1 = (s[at + 1] = beta * s[at + 1] + (1 - beta) * g1 * g1);
        w[at] = x - (alpha * g0) / (Math.sqrt(s0) + epsilon);
        w[at + 1] = y - (alpha * g1) / (Math.sqrt(s1) + epsilon);
      } else {
        const v0 = (v[at] = beta1 * v[at] + (1 - beta1) * g0);
        const v1 = (v[at + 1] = beta1 * v[at + 1] + (1 - beta1) * g1);
        const s0 = (s[at] = beta2 * s[at] + (1 - beta2) * g0 * g0);
        const s1 = (s[at + 1] = beta2 * s[at + 1] + (1 - beta2) * g1 * g1);
        w[at] = x - (alpha * (v0 / c1)) / (Math.sqrt(s0 / c2) + epsilon);
        w[at + 1] = y - (alpha * (v1 / c1)) / (Math.sqrt(s1 / c2) + epsilon);
      }
      const nx = w[at];
      const ny = w[at + 1];
      // The kit's stopping rules, on the new point (its cost comes with the next gradient).
      if (!(Math.abs(nx) <= bound && Math.abs(ny) <= bound && Number.isFinite(c))) running[row] = 0;
      else if (Math.max(Math.abs(nx - x), Math.abs(ny - y)) < 1e-6 && Math.max(Math.abs(g0), Math.abs(g1)) < 1e-4) running[row] = 0;
    }
  }
}

/** Starts as a flat [rows × 2] array, the same starts repeated for each block. */
export function repeatStarts(starts: readonly number[][], blocks: number): Float32Array {
  const out = new Float32Array(starts.length * blocks * 2);
  for (let b = 0; b < blocks; b++) starts.forEach((p, i) => out.set(p, (b * starts.length + i) * 2));
  return out;
}

/**
 * The line fit's data as a sweep's objective: per update, each batch-size row's four
 * means of its own mini-batch (the core's MiniBatcher, as the kit), then each cell's
 * gradient of w²⟨x²⟩ + 2wb⟨x⟩ + b² − 2w⟨xy⟩ − 2b⟨y⟩ and its SGD step; the reported
 * cost is the full-data MSE from the data's sums; cells stop by the kit's rules.
 */
export class FloorLineSweep {
  readonly w: Float32Array;
  readonly cost: Float32Array;
  readonly running: Uint8Array;
  t = 0;
  private readonly x: number[];
  private readonly y: number[];
  private readonly batchers: MiniBatcher[];
  private readonly means: Float64Array;
  private readonly full: number[];
  private readonly quadratic: ReturnType<typeof lineQuadratic>;

  constructor(
    data: { size: number; noise: number; slope: number; intercept: number; seed: number },
    batches: readonly number[],
    private readonly alphas: Float32Array,
    start: [number, number],
  ) {
    const points = makeLineData(data);
    this.x = points.x;
    this.y = points.y;
    const stats = lineStats(points.x, points.y);
    this.quadratic = lineQuadratic(stats);
    this.full = [stats.meanX, stats.meanY, stats.sumXX / stats.m, stats.sumXY / stats.m];
    this.batchers = batches.map((b) => new MiniBatcher(data.size, Math.min(b, data.size), data.seed));
    this.means = new Float64Array(batches.length * 4);
    const cells = batches.length * alphas.length;
    this.w = new Float32Array(cells * 2);
    for (let i = 0; i < cells; i++) this.w.set(start, i * 2);
    this.cost = new Float32Array(cells);
    this.running = new Uint8Array(cells).fill(1);
  }

  step(updates: number): void {
    const { x, y, means, alphas, w, cost, running, quadratic: q } = this;
    const columns = alphas.length;
    for (let u = 0; u < updates; u++, this.t++) {
      this.batchers.forEach((batcher, r) => {
        if (batcher.fullBatch) {
          means.set(this.full, r * 4);
          return;
        }
        let sx = 0;
        let sy = 0;
        let sxx = 0;
        let sxy = 0;
        const indices = batcher.indices(this.t);
        for (let k = 0; k < indices.length; k++) {
          const i = indices[k];
          sx += x[i];
          sy += y[i];
          sxx += x[i] * x[i];
          sxy += x[i] * y[i];
        }
        const n = indices.length;
        means[r * 4] = sx / n;
        means[r * 4 + 1] = sy / n;
        means[r * 4 + 2] = sxx / n;
        means[r * 4 + 3] = sxy / n;
      });
      for (let r = 0; r < this.batchers.length; r++) {
        const mx = means[r * 4];
        const my = means[r * 4 + 1];
        const mxx = means[r * 4 + 2];
        const mxy = means[r * 4 + 3];
        for (let c = 0; c < columns; c++) {
          const cell = r * columns + c;
          if (!running[cell]) continue;
          const at = cell * 2;
          const a = w[at];
          const b = w[at + 1];
          const gw = 2 * (a * mxx + b * mx - mxy);
          const gb = 2 * (a * mx + b - my);
          const nw = a - alphas[c] * gw;
          const nb = b - alphas[c] * gb;
          w[at] = nw;
          w[at + 1] = nb;
          // The full-data MSE in the kit's stable form (lineMseFromStats).
          const dw = nw - q.w;
          const level = q.meanX * dw + nb - q.b;
          const j = (cost[cell] = q.varianceX * dw * dw + level * level + q.residual);
          // The kit's stopping rules (its bound for the line fit is 1e6).
          if (!(Math.abs(nw) <= 1e6 && Math.abs(nb) <= 1e6 && Number.isFinite(j))) running[cell] = 0;
          else if (Math.max(Math.abs(nw - a), Math.abs(nb - b)) < 1e-6 && Math.max(Math.abs(gw), Math.abs(gb)) < 1e-4) running[cell] = 0;
        }
      }
    }
  }
}

/** One racer of a network: its rule and hyperparameters. */
export interface FloorRacer {
  type: OptimizerType;
  h: Hyperparameters;
}

/**
 * `<gd-network>`'s training, full batch: racers of one network shape (a row of P float32
 * weights each, layer after layer: W row-major [inputs × outputs], then b), tanh hidden
 * units, a sigmoid output and the mean binary cross-entropy. Per update and running
 * racer: J and ∇J by backpropagation over the training set, the rule's step, the kit's
 * stopping rules, then what the element records after every update: J and the accuracy
 * on the training and the test set at the new weights.
 */
export class FloorNetwork {
  readonly w: Float32Array;
  readonly running: Uint8Array;
  /** after each update: training J, training accuracy, test J, test accuracy, per racer */
  readonly metrics: Float64Array;
  t = 0;
  private readonly v: Float32Array;
  private readonly s: Float32Array;
  private readonly P: number;
  private readonly offsets: number[];
  private readonly a: Float64Array[];
  private readonly d: Float64Array[];
  private readonly g: Float64Array;
  /** the weights of the racer being evaluated, as float64 */
  private readonly weights: Float64Array;

  constructor(
    private readonly sizes: readonly number[],
    private readonly data: { x: Float64Array; y: Uint8Array; testX: Float64Array; testY: Uint8Array },
    private readonly racers: readonly FloorRacer[],
    starts: readonly Float32Array[],
    private readonly bound: number,
  ) {
    this.offsets = [0];
    for (let l = 1; l < sizes.length; l++) this.offsets.push(this.offsets[l - 1] + (sizes[l - 1] + 1) * sizes[l]);
    this.P = this.offsets[sizes.length - 1];
    this.w = new Float32Array(racers.length * this.P);
    starts.forEach((start, r) => this.w.set(start, r * this.P));
    this.v = new Float32Array(this.w.length);
    this.s = new Float32Array(this.w.length);
    this.running = new Uint8Array(racers.length).fill(1);
    this.metrics = new Float64Array(racers.length * 4);
    this.a = sizes.map((n) => new Float64Array(n));
    this.d = sizes.map((n) => new Float64Array(n));
    this.g = new Float64Array(this.P);
    this.weights = new Float64Array(this.P);
  }

  step(updates: number): void {
    const { w, v, s, g, P } = this;
    for (let u = 0; u < updates; u++, this.t++) {
      const t = this.t;
      this.racers.forEach(({ type, h }, r) => {
        if (!this.running[r]) return;
        const base = r * P;
        const cost = this.gradient(base);
        const alpha = h.learningRate / (1 + h.decay * t);
        const c1 = 1 - h.beta1 ** (t + 1);
        const c2 = 1 - h.beta2 ** (t + 1);
        let moved = 0;
        let steepest = 0;
        let inside = true;
        for (let p = 0; p < P; p++) {
          const k = base + p;
          const gp = g[p];
          const before = w[k];
          if (type === 'sgd') w[k] = before - alpha * gp;
          else if (type === 'momentum') w[k] = before - alpha * (v[k] = h.beta * v[k] + (1 - h.beta) * gp);
          else if (type === 'rmsprop')
            w[k] = before - (alpha * gp) / (Math.sqrt((s[k] = h.beta * s[k] + (1 - h.beta) * gp * gp)) + h.epsilon);
          else {
            const vk = (v[k] = h.beta1 * v[k] + (1 - h.beta1) * gp);
            const sk = (s[k] = h.beta2 * s[k] + (1 - h.beta2) * gp * gp);
            w[k] = before - (alpha * (vk / c1)) / (Math.sqrt(sk / c2) + h.epsilon);
          }
          moved = Math.max(moved, Math.abs(w[k] - before));
          steepest = Math.max(steepest, Math.abs(gp));
          if (!(Math.abs(w[k]) <= this.bound)) inside = false;
        }
        // The kit's stopping rules, then the metrics it records at the new weights.
        if (!(inside && Number.isFinite(cost)) || (moved < 1e-6 && steepest < 1e-4)) this.running[r] = 0;
        this.evaluate(base, this.data.x, this.data.y, r * 4);
        this.evaluate(base, this.data.testX, this.data.testY, r * 4 + 2);
      });
    }
  }

  /** Copies the racer's weights at `w[base]` into `weights` (float64), which the loops read. */
  private load(base: number): void {
    for (let p = 0; p < this.P; p++) this.weights[p] = this.w[base + p];
  }

  /** The logit at (x₁, x₂) of the loaded network, each layer's activations kept; rows of W are contiguous. */
  private forward(x1: number, x2: number): number {
    const { weights: w, a, sizes, offsets } = this;
    a[0][0] = x1;
    a[0][1] = x2;
    const last = sizes.length - 1;
    for (let l = 1; l <= last; l++) {
      const inputs = sizes[l - 1];
      const outputs = sizes[l];
      const at = offsets[l - 1];
      const input = a[l - 1];
      const output = a[l];
      for (let j = 0; j < outputs; j++) output[j] = w[at + inputs * outputs + j];
      for (let i = 0; i < inputs; i++) {
        const ai = input[i];
        const row = at + i * outputs;
        for (let j = 0; j < outputs; j++) output[j] += ai * w[row + j];
      }
      if (l < last) for (let j = 0; j < outputs; j++) output[j] = Math.tanh(output[j]);
    }
    return a[last][0];
  }

  /** J of the training set at `w[base]`, and ∇J into `g`, by backpropagation. */
  private gradient(base: number): number {
    this.load(base);
    const { weights: w, a, d, g, sizes, offsets } = this;
    const { x, y } = this.data;
    const m = y.length;
    const last = sizes.length - 1;
    g.fill(0);
    let cost = 0;
    for (let e = 0; e < m; e++) {
      const z = this.forward(x[2 * e], x[2 * e + 1]);
      cost += Math.max(z, 0) - z * y[e] + Math.log1p(Math.exp(-Math.abs(z)));
      d[last][0] = 1 / (1 + Math.exp(-z)) - y[e];
      for (let l = last; l >= 1; l--) {
        const inputs = sizes[l - 1];
        const outputs = sizes[l];
        const at = offsets[l - 1];
        const input = a[l - 1];
        const delta = d[l];
        for (let j = 0; j < outputs; j++) g[at + inputs * outputs + j] += delta[j];
        for (let i = 0; i < inputs; i++) {
          let back = 0;
          for (let j = 0; j < outputs; j++) {
            g[at + i * outputs + j] += input[i] * delta[j];
            back += w[at + i * outputs + j] * delta[j];
          }
          if (l > 1) d[l - 1][i] = back * (1 - input[i] * input[i]);
        }
      }
    }
    for (let p = 0; p < g.length; p++) g[p] /= m;
    return cost / m;
  }

  /** J and accuracy over a set at `w[base]`, into `metrics[at]`, `metrics[at + 1]`. */
  private evaluate(base: number, x: Float64Array, y: Uint8Array, at: number): void {
    this.load(base);
    let cost = 0;
    let correct = 0;
    for (let e = 0; e < y.length; e++) {
      const z = this.forward(x[2 * e], x[2 * e + 1]);
      cost += Math.max(z, 0) - z * y[e] + Math.log1p(Math.exp(-Math.abs(z)));
      if (z > 0 === (y[e] === 1)) correct++;
    }
    this.metrics[at] = cost / y.length;
    this.metrics[at + 1] = y.length ? correct / y.length : 0;
  }
}
