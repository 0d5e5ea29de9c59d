/**
 * The curvature of a landscape at a point: its 2×2 Hessian by tfjs autodiff (a
 * gradient of the gradient) and the eigenvalues that set step sizes. On a quadratic,
 * plain gradient descent is stable exactly for α < 2/λ_max, and α = 1/λ_max takes the
 * steepest direction to its bottom in one step; the sweep marks the first, a formula's
 * default learning rates start from the second.
 */
import * as tf from './tf.js';
import { costOfRows, type Landscape } from './landscapes/index.js';

/** The 2×2 Hessian of the landscape at `point`: row k is the gradient of ∂J/∂w_k. */
export function hessianAt(landscape: Landscape, point: readonly number[]): number[][] {
  return tf.tidy(() => {
    const at = tf.tensor2d([[point[0], point[1]]]);
    const gradient = tf.grad((q: tf.Tensor) => tf.sum(costOfRows(landscape, q as tf.Tensor2D)));
    return [0, 1].map((k) => {
      // ∂J/∂w_k as the gradient times a unit row: ops whose own gradients the kit registers.
      const unit = tf.tensor2d([[k === 0 ? 1 : 0, k === 1 ? 1 : 0]]);
      const partial = (q: tf.Tensor) => tf.sum(tf.mul(gradient(q), unit));
      return Array.from(tf.grad(partial)(at).dataSync());
    });
  });
}

/**
 * Both eigenvalues of a 2×2 matrix, symmetrised (float32 autodiff may leave H₁₂ ≠ H₂₁
 * in the last bits), largest first: (a + d)/2 ± √(((a − d)/2)² + b²).
 */
export function eigenvalues2(h: number[][]): [number, number] {
  const a = h[0][0];
  const d = h[1][1];
  const b = (h[0][1] + h[1][0]) / 2;
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  return [mean + radius, mean - radius];
}

/** λ_max of a 2×2 matrix; undefined unless it is positive and finite, where no stability edge 2/λ_max exists. */
export function largestEigenvalue(h: number[][]): number | undefined {
  const lambda = eigenvalues2(h)[0];
  return Number.isFinite(lambda) && lambda > 0 ? lambda : undefined;
}

/**
 * The largest |λ| of the Hessian at `point`: how strongly J bends there in any
 * direction, up or down (a concave start bends too). Undefined where it is not a
 * positive finite number or the second derivatives cannot be taken.
 */
export function curvatureScale(landscape: Landscape, point: readonly number[]): number | undefined {
  try {
    const [high, low] = eigenvalues2(hessianAt(landscape, point));
    const scale = Math.max(Math.abs(high), Math.abs(low));
    return Number.isFinite(scale) && scale > 0 ? scale : undefined;
  } catch {
    return undefined;
  }
}
