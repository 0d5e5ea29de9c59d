/** Costs over a regular grid, in one batched tensor computation, for contour maps. */
import * as tf from './tf.js';
import { backendFor, runOn, webglContextLost } from './backend.js';
import { lineQuadratic, type LineStats } from './data.js';
import type { Landscape, Vec2 } from './landscapes/landscape.js';
import { evaluate } from './landscapes/formula-syntax.js';
import { formulaTrees } from './landscapes/formula-trees.js';

export interface CostGrid<D> {
  /** row-major n×n: row r is the r-th value of the vertical axis from its low end, column c the horizontal */
  values: Float32Array;
  n: number;
  domain: D;
  min: number;
  max: number;
}

/** n evenly spaced values from lo to hi inclusive, in float64. */
export function gridAxis([lo, hi]: Vec2, n: number): Float64Array {
  const axis = new Float64Array(n);
  for (let i = 0; i < n; i++) axis[i] = n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1);
  return axis;
}

function checkSize(n: number): void {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`grid size n must be a whole number ≥ 2, got ${n}`);
}

function extent(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** The landscape on an n×n grid over its domain (or `domain`); rows follow w₂, columns w₁. */
export function evaluateGrid(
  landscape: Landscape,
  { n = 256, domain = landscape.domain }: { n?: number; domain?: Landscape['domain'] } = {},
): CostGrid<Landscape['domain']> {
  checkSize(n);
  const w1Axis = Float32Array.from(gridAxis(domain.w1, n));
  const w2Axis = Float32Array.from(gridAxis(domain.w2, n));
  const values =
    formulaRows(landscape, w1Axis, w2Axis) ??
    readBack(n * n, () => {
      const w1 = tf.broadcastTo(tf.tensor2d(w1Axis, [1, n]), [n, n]);
      const w2 = tf.broadcastTo(tf.tensor2d(w2Axis, [n, 1]), [n, n]);
      return landscape.fn(w1, w2);
    });
  return { values, n, domain, ...extent(values) };
}

/**
 * Rows `from` to `to` (exclusive) of `evaluateGrid(landscape, {n, domain})`, the same
 * values: for work cut into slices that each fit an idle period.
 */
export function evaluateGridRows(
  landscape: Landscape,
  { n = 256, domain = landscape.domain, from, to }: { n?: number; domain?: Landscape['domain']; from: number; to: number },
): Float32Array {
  checkSize(n);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= n && from < to)) {
    throw new RangeError(`grid rows must be whole numbers with 0 ≤ from < to ≤ ${n}, got ${from} to ${to}`);
  }
  const rows = to - from;
  const w1Axis = Float32Array.from(gridAxis(domain.w1, n));
  const w2Axis = Float32Array.from(gridAxis(domain.w2, n).subarray(from, to));
  return (
    formulaRows(landscape, w1Axis, w2Axis) ??
    readBack(rows * n, () => {
      const w1 = tf.broadcastTo(tf.tensor2d(w1Axis, [1, n]), [rows, n]);
      const w2 = tf.broadcastTo(tf.tensor2d(w2Axis, [rows, 1]), [rows, n]);
      return landscape.fn(w1, w2);
    })
  );
}

/** The smallest and largest value (NaN left out), for a grid assembled from rows. */
export function gridExtent(values: Float32Array): { min: number; max: number } {
  return extent(values);
}

/**
 * The line-fit cost J(w, b) = (1/m)Σ(w·xᵢ + b − yᵢ)² on an n×n grid (rows follow b,
 * columns w), from the data's sufficient statistics in one batched op: O(n²) whatever
 * m is. Algebraically J = (w²Σx² + 2wbΣx + mb² − 2wΣxy − 2bΣy + Σy²)/m; it is
 * evaluated as the equivalent sum of non-negative terms around the least-squares line,
 * with the offsets w − ŵ and b − b̂ taken in float64 before rounding to float32 (see
 * `lineMseFromStats`), so the grid stays accurate for large m and far-off data.
 */
export function lineCostGrid(stats: LineStats, { n = 256, w, b }: { n?: number; w: Vec2; b: Vec2 }): CostGrid<{ w: Vec2; b: Vec2 }> {
  checkSize(n);
  const q = lineQuadratic(stats);
  const dw = Float32Array.from(gridAxis(w, n), (v) => v - q.w);
  const db = Float32Array.from(gridAxis(b, n), (v) => v - q.b);
  const values = readBack(n * n, () => {
    const dwRow = tf.tensor2d(dw, [1, n]);
    const dbColumn = tf.tensor2d(db, [n, 1]);
    const slopeTerm = tf.mul(q.varianceX, tf.square(dwRow));
    const levelTerm = tf.square(tf.add(tf.mul(q.meanX, dwRow), dbColumn));
    return tf.add(tf.add(levelTerm, slopeTerm), q.residual);
  });
  return { values, n, domain: { w, b }, ...extent(values) };
}

/**
 * Evaluates `build` on the backend the workload of `cells` values calls for and reads
 * it back; a read-back from a context lost meanwhile is made again on cpu.
 */
/**
 * A formula landscape's grid, from its tree in float32 arithmetic on the CPU: the same
 * values as its tf ops, without compiling webgl shaders for every new formula (a long
 * main-thread task each time an author types one). `undefined` for other landscapes.
 */
function formulaRows(landscape: Landscape, w1Axis: Float32Array, w2Axis: Float32Array): Float32Array | undefined {
  const tree = formulaTrees.get(landscape);
  if (!tree) return undefined;
  const n = w1Axis.length;
  const values = new Float32Array(w2Axis.length * n);
  for (let r = 0; r < w2Axis.length; r++) {
    for (let c = 0; c < n; c++) values[r * n + c] = evaluate(tree, w1Axis[c], w2Axis[r], Math.fround);
  }
  return values;
}

function readBack(cells: number, build: () => tf.Tensor): Float32Array {
  const backend = backendFor(cells);
  const values = runOn(backend, () => {
    const result = tf.tidy(build);
    const data = result.dataSync() as Float32Array;
    result.dispose();
    return data;
  });
  return backend === 'webgl' && webglContextLost() ? readBack(cells, build) : values;
}
