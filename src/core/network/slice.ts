/**
 * Looking at a network's loss landscape, which has as many dimensions as the network has
 * parameters, through low-dimensional slices:
 *
 * - 2-D: J(θ + α·d₁ + β·d₂) around weights θ along two directions, either random and
 *   filter-normalised (Li, Xu, Taylor, Studer & Goldstein 2018, "Visualizing the Loss
 *   Landscape of Neural Nets": each unit's incoming weights in the direction are scaled to
 *   the norm of that unit's weights in θ, biases left at 0, so that the slice does not
 *   depend on the scale of a layer's weights), or the first two principal directions of
 *   the weights a training run went through (the same paper, §7), onto which the paths
 *   project;
 * - 1-D: J((1 − τ)·θ₀ + τ·θ) on the straight line from the initial weights θ₀ to θ
 *   (Goodfellow, Vinyals & Saxe 2015, "Qualitatively characterizing neural network
 *   optimization problems").
 *
 * Plain JavaScript in float64: each J is `MlpEvaluator.evaluate` over the training set,
 * the function a run's reported training cost comes from, so the slice's centre (α = β = 0)
 * has exactly the cost reported for θ. The caller cuts the work into slices (rows).
 */
import { createRandom, type Seed } from '../data.js';
import type { MlpEvaluator, MlpShape } from './mlp.js';

/** Two directions in parameter space, P values each. */
export type DirectionPair = [Float64Array, Float64Array];

/**
 * A random direction shaped like `weights`: N(0, 1) entries, each unit's incoming
 * weights scaled to the norm of that unit's weights in `weights`; the biases' entries 0.
 * A unit whose weights are all 0 (zeros init) gets 0 there, as in the paper: the slice
 * cannot move what has no scale.
 */
export function filterNormalizedDirection(shape: MlpShape, weights: ArrayLike<number>, seed: Seed): Float64Array {
  const random = createRandom(seed);
  const direction = new Float64Array(shape.parameters);
  for (const { inputs, outputs, weights: at } of shape.layers) {
    for (let j = 0; j < outputs; j++) {
      let drawn = 0;
      let norm = 0;
      for (let i = 0; i < inputs; i++) {
        const k = at + i * outputs + j;
        direction[k] = random.gaussian();
        drawn += direction[k] * direction[k];
        norm += weights[k] * weights[k];
      }
      const scale = drawn > 0 ? Math.sqrt(norm / drawn) : 0;
      for (let i = 0; i < inputs; i++) direction[at + i * outputs + j] *= scale;
    }
  }
  return direction;
}

/** Two filter-normalised random directions (`filterNormalizedDirection`), from one seed. */
export function randomDirections(shape: MlpShape, weights: ArrayLike<number>, seed: Seed): DirectionPair {
  return [
    filterNormalizedDirection(shape, weights, `directions:${String(seed)}:1`),
    filterNormalizedDirection(shape, weights, `directions:${String(seed)}:2`),
  ];
}

export interface PrincipalDirections {
  directions: DirectionPair;
  /** the share of the points' variance along each direction */
  explained: [number, number];
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>, n: number) => {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += a[k] * b[k];
  return sum;
};

/**
 * The first two principal directions of `points` (each P values; at least 3): unit
 * vectors along which the points, centred on their mean, vary most, found by power
 * iteration on RᵀR (R the centred points as rows; RᵀR is never formed) with the first
 * direction deflated for the second. Undefined when the points do not spread in two
 * directions.
 */
export function principalDirections(points: readonly ArrayLike<number>[], P: number): PrincipalDirections | undefined {
  const n = points.length;
  if (n < 3) return undefined;
  const mean = new Float64Array(P);
  for (const point of points) for (let k = 0; k < P; k++) mean[k] += point[k] / n;
  const rows = points.map((point) => Float64Array.from({ length: P }, (_, k) => point[k] - mean[k]));
  const total = rows.reduce((sum, row) => sum + dot(row, row, P), 0);
  if (!(total > 0)) return undefined;
  const projections = new Float64Array(n);
  /** v ← Rᵀ(R v), with the directions found so far projected out; returns ‖R v‖². */
  const apply = (v: Float64Array, found: Float64Array[]): number => {
    for (const u of found) {
      const along = dot(u, v, P);
      for (let k = 0; k < P; k++) v[k] -= along * u[k];
    }
    let energy = 0;
    rows.forEach((row, r) => {
      projections[r] = dot(row, v, P);
      energy += projections[r] * projections[r];
    });
    v.fill(0);
    rows.forEach((row, r) => {
      const a = projections[r];
      for (let k = 0; k < P; k++) v[k] += a * row[k];
    });
    return energy;
  };
  const found: Float64Array[] = [];
  const variances: number[] = [];
  for (let c = 0; c < 2; c++) {
    // A fixed, spread start: the sum of the rows plus a small ramp (never orthogonal to all of them).
    const v = new Float64Array(P);
    for (const row of rows) for (let k = 0; k < P; k++) v[k] += row[k];
    for (let k = 0; k < P; k++) v[k] += 1e-3 * Math.sqrt(total / P) * (((k * 7919) % 97) / 97 - 0.5);
    const previous = new Float64Array(P);
    for (let iteration = 0; iteration < 500; iteration++) {
      previous.set(v);
      apply(v, found);
      for (const u of found) {
        const along = dot(u, v, P);
        for (let k = 0; k < P; k++) v[k] -= along * u[k];
      }
      const norm = Math.sqrt(dot(v, v, P));
      if (!(norm > 0)) return undefined;
      let moved = 0;
      for (let k = 0; k < P; k++) {
        v[k] /= norm;
        moved = Math.max(moved, Math.abs(v[k] - previous[k]));
      }
      if (moved < 1e-12) break;
    }
    const variance = rows.reduce((sum, row) => sum + dot(row, v, P) ** 2, 0);
    if (!(variance > 1e-12 * total)) return undefined;
    found.push(v);
    variances.push(variance);
  }
  return { directions: [found[0], found[1]], explained: [variances[0] / total, variances[1] / total] };
}

/**
 * (α, β) with centre + α·d₁ + β·d₂ nearest to `point` (least squares; for orthonormal
 * directions these are the dot products): where a path's point shows on the slice.
 */
export function projectOnto(point: ArrayLike<number>, centre: ArrayLike<number>, [d1, d2]: DirectionPair): [number, number] {
  const P = d1.length;
  let a11 = 0;
  let a12 = 0;
  let a22 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let k = 0; k < P; k++) {
    const v = point[k] - centre[k];
    a11 += d1[k] * d1[k];
    a12 += d1[k] * d2[k];
    a22 += d2[k] * d2[k];
    b1 += d1[k] * v;
    b2 += d2[k] * v;
  }
  const det = a11 * a22 - a12 * a12;
  if (Math.abs(det) > 1e-12 * (a11 * a22 + 1e-300)) return [(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det];
  // Parallel (or vanishing) directions: along the first alone.
  return [a11 > 0 ? b1 / a11 : 0, 0];
}

/** `n` evenly spaced values from −`half` to `half`, the middle one exactly 0 (n odd). */
export function symmetricAxis(half: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => ((2 * i) / (n - 1) - 1) * half);
}

export interface SliceData {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * Rows `from` … `to` − 1 of the 2-D slice into `values` (row-major, row r at β = betas[r],
 * column c at α = alphas[c]): J on the training set at centre + α·d₁ + β·d₂.
 */
export function sliceRows(
  evaluator: MlpEvaluator,
  centre: ArrayLike<number>,
  [d1, d2]: DirectionPair,
  alphas: ArrayLike<number>,
  betas: ArrayLike<number>,
  data: SliceData,
  from: number,
  to: number,
  values: Float64Array,
): void {
  const P = d1.length;
  const w = new Float64Array(P);
  const n = alphas.length;
  for (let r = from; r < to; r++) {
    const beta = betas[r];
    for (let c = 0; c < n; c++) {
      const alpha = alphas[c];
      for (let k = 0; k < P; k++) w[k] = centre[k] + alpha * d1[k] + beta * d2[k];
      values[r * n + c] = evaluator.evaluate(w, 0, data.x, data.y).cost;
    }
  }
}

/** J at (1 − τ)·from + τ·to for each τ (the straight line between two sets of weights). */
export function lineCosts(
  evaluator: MlpEvaluator,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  taus: ArrayLike<number>,
  data: SliceData,
): Float64Array {
  const P = evaluator.shape.parameters;
  const w = new Float64Array(P);
  return Float64Array.from(taus, (tau) => {
    for (let k = 0; k < P; k++) w[k] = (1 - tau) * from[k] + tau * to[k];
    return evaluator.evaluate(w, 0, data.x, data.y).cost;
  });
}

/**
 * The largest rise of J along a line of costs between index `from` and `to` (inclusive):
 * the most J climbs above the lowest value before it, 0 when it never rises. A rise on
 * the straight line from the initial weights to the trained ones is a barrier between them.
 */
export function largestRise(costs: ArrayLike<number>, from = 0, to = costs.length - 1): { rise: number; at: number } {
  let lowest = Infinity;
  let best = { rise: 0, at: from };
  for (let k = from; k <= to; k++) {
    const value = costs[k];
    if (!Number.isFinite(value)) continue;
    if (value < lowest) lowest = value;
    else if (value - lowest > best.rise) best = { rise: value - lowest, at: k };
  }
  return best;
}
