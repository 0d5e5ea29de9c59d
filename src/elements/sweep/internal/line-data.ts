import * as tf from '../../../core/tf.js';
import {
  MiniBatcher,
  lineMseAt,
  lineMseFromStats,
  lineQuadratic,
  lineStats,
  makeLineData,
  type LineStats,
  type RowGradient,
} from '../../../core/index.js';
import { lineHessian } from '../../line-fit/internal/lesson.js';

/** The line fit's dataset, with the same attribute names and defaults as `<gd-line-fit>`. */
export interface LineSweepData {
  size: number;
  noise: number;
  trueSlope: number;
  trueIntercept: number;
  seed: number;
}

/** The line fit's start (w, b) when `start` is unset. */
export const LINE_FIT_START: [number, number] = [-2, 3];

/**
 * The rows of an α × batch-size sweep: `lo`, the powers of two between, and `hi`
 * (1, 2, 4, …, 64, 100 for m = 100): log-spaced whole numbers, the last the full batch
 * when `hi` is m.
 */
export function batchSizes(lo: number, hi: number): number[] {
  const sizes = [lo];
  for (let p = 1; p < hi; p *= 2) if (p > lo) sizes.push(p);
  if (hi > lo) sizes.push(hi);
  return sizes;
}

/** What a batched run of cells on the line fit's data needs: the objective, the report, λ_max. */
export interface LineObjective {
  /** The mini-batch MSE of each cell's own batch at update `t` (its gradient drives the update). */
  cost: (params: tf.Tensor2D, t: number) => tf.Tensor1D;
  /** The full training MSE, what the line fit reports, O(1) per cell. */
  reportCost: (params: tf.Tensor2D) => tf.Tensor1D;
  /**
   * The same on the CPU for the core's fused kernel: each cell's gradient of `cost` at
   * update t, by hand from the same four means (2(w⟨x²⟩ + b⟨x⟩ − ⟨xy⟩), 2(w⟨x⟩ + b − ⟨y⟩)),
   * and `reportCost` in float64 (`lineMseAt`).
   */
  gradient: RowGradient;
  /** The data's Hessian's largest eigenvalue (J is a quadratic: the same everywhere). */
  lambdaMax: number;
  /** The least-squares MSE: the lowest J the data allows. */
  minimum: number;
  /** The data's five sums (its cost map is made from them) and the least-squares line. */
  stats: LineStats;
  leastSquares: { w: number; b: number };
  /** Frees the kept row-index tensor. */
  dispose(): void;
}

/**
 * The line fit's objective for rows × columns cells, cell (column, row) = particle
 * row · columns + column, row r using batch size `rowBatches[r]`.
 *
 * Every cell of a row uses the same batch at update t: the line fit's schedule for that
 * seed and batch size (the core's MiniBatcher, so the batches are exactly
 * `<gd-line-fit>.batchIndices(t)`). A batch's MSE is a quadratic in (w, b) fixed by four
 * means of its points, (1/B)Σ(w·xᵢ + b − yᵢ)² = w²·⟨x²⟩ + 2wb·⟨x⟩ + b² − 2w·⟨xy⟩ − 2b·⟨y⟩
 * + ⟨y²⟩, so each update takes the means per row (float64, O(B) per row on the CPU),
 * sends a [rows, 4] tensor and gathers it to the cells: the gradient the line fit takes
 * from its batch's residuals, at a cost per update that does not grow with m or with the
 * number of cells per row. The constant ⟨y²⟩ has no gradient and is left out; the reported
 * cost is the full MSE from the five sums of the data.
 */
export function lineObjective(data: LineSweepData, rowBatches: readonly number[], columns: number): LineObjective {
  const points = makeLineData({
    size: data.size,
    noise: data.noise,
    slope: data.trueSlope,
    intercept: data.trueIntercept,
    seed: data.seed,
  });
  const stats = lineStats(points.x, points.y);
  const batchers = rowBatches.map((b) => new MiniBatcher(data.size, Math.min(b, data.size), data.seed));
  const full = [stats.meanX, stats.meanY, stats.sumXX / stats.m, stats.sumXY / stats.m];
  const rowOf = new Int32Array(rowBatches.length * columns);
  for (let i = 0; i < rowOf.length; i++) rowOf[i] = Math.floor(i / columns);
  let rowIndex: { tensor: tf.Tensor1D; backend: string } | undefined;
  const moments = new Float32Array(rowBatches.length * 4);
  const release = () => {
    // After a lost WebGL context disposing can fail; nothing is left to free then.
    try {
      rowIndex?.tensor.dispose();
    } catch {
      /* gone with its context */
    }
    rowIndex = undefined;
  };
  const quadratic = lineQuadratic(stats);
  /** Each row's four means at update t, in `moments` (float32, as the tensor holds them). */
  const momentsAt = (t: number) =>
    batchers.forEach((batcher, r) => moments.set(batcher.fullBatch ? full : batchMeans(points.x, points.y, batcher.indices(t)), r * 4));
  return {
    cost: (params, t) => {
      momentsAt(t);
      // The index tensor lives as long as the run's backend: rebuilt after a switch.
      if (!rowIndex || rowIndex.backend !== tf.getBackend()) {
        release();
        rowIndex = { tensor: tf.keep(tf.tensor1d(rowOf, 'int32')), backend: tf.getBackend() };
      }
      const perCell = tf.gather(tf.tensor2d(moments, [rowBatches.length, 4]), rowIndex.tensor);
      const [mx, my, mxx, mxy] = tf.split(perCell, 4, 1);
      const [w, b] = tf.split(params, 2, 1);
      const quadratic = tf.add(tf.add(tf.mul(tf.square(w), mxx), tf.mul(tf.mul(tf.mul(w, b), mx), 2)), tf.square(b));
      const linear = tf.mul(tf.add(tf.mul(w, mxy), tf.mul(b, my)), 2);
      return tf.reshape<tf.Rank.R1>(tf.sub(quadratic, linear), [-1]);
    },
    reportCost: (params) => lineMseFromStats(params, stats),
    gradient: (state, stride, rows, t, grad, cost, live) => {
      momentsAt(t);
      // Row by row of the sweep (one batch size each), its four means read once.
      for (let r = 0; r < rowBatches.length; r++) {
        const [mx, my, mxx, mxy] = [moments[4 * r], moments[4 * r + 1], moments[4 * r + 2], moments[4 * r + 3]];
        for (let i = r * columns; i < Math.min(rows, (r + 1) * columns); i++) {
          if (!live[i]) continue;
          const w = state[i * stride];
          const b = state[i * stride + 1];
          grad[2 * i] = 2 * (w * mxx + b * mx - mxy);
          grad[2 * i + 1] = 2 * (w * mx + b - my);
          cost[i] = lineMseAt(quadratic, w, b);
        }
      }
    },
    lambdaMax: lineHessian(stats).lambdaMax,
    minimum: quadratic.residual,
    stats,
    leastSquares: { w: quadratic.w, b: quadratic.b },
    dispose: release,
  };
}

/** ⟨x⟩, ⟨y⟩, ⟨x²⟩, ⟨xy⟩ of the points at `indices`. */
function batchMeans(x: readonly number[], y: readonly number[], indices: Int32Array): number[] {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const i of indices) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const n = indices.length;
  return [sx / n, sy / n, sxx / n, sxy / n];
}
