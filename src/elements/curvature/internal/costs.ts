import * as tf from '../../../core/tf.js';
import { COST_TEX } from '../formulas.js';

export const COST_SHAPES = ['quadratic', 'quartic', 'double-well'] as const;
export type CostShape = (typeof COST_SHAPES)[number];

/** A 1-D cost with curvature J''(w*) = c at its minimum w*. */
export interface CostSpec {
  shape: CostShape;
  curvature: number;
  minimum: number;
}

export interface CostInfo {
  name: string;
  tex: string;
  /** Points the plot must show besides the start and w* (the second well). */
  landmarks: (minimum: number) => number[];
  /** Plain words for the legend: where the curvature differs from c. */
  description: string;
}

export const COSTS: Record<CostShape, CostInfo> = {
  quadratic: {
    name: 'Parabola',
    tex: COST_TEX.quadratic,
    landmarks: () => [],
    description: 'The same curvature c everywhere.',
  },
  quartic: {
    name: 'Quartic',
    tex: COST_TEX.quartic,
    landmarks: () => [],
    description: 'Curvature c at the minimum, growing as c(1 + (w − w*)²/2) away from it.',
  },
  'double-well': {
    name: 'Double well',
    tex: COST_TEX['double-well'],
    landmarks: (minimum) => [minimum - 2],
    description: 'Two minima, at w* and w* − 2, both with curvature c, and a hump at w* − 1.',
  },
};

/**
 * J(w) elementwise in tf ops, written once: the run differentiates it with tfjs
 * autodiff and the plot samples it, so the curve drawn is the cost descended.
 * Each form has J(w*) = 0, J'(w*) = 0 and J''(w*) = c (see formulas.ts for the TeX).
 */
export function costTensor(spec: CostSpec, w: tf.Tensor): tf.Tensor {
  const c = tf.scalar(spec.curvature);
  const d = tf.sub(w, tf.scalar(spec.minimum));
  const d2 = tf.square(d);
  switch (spec.shape) {
    case 'quadratic':
      // ½ c d²
      return tf.mul(tf.mul(c, 0.5), d2);
    case 'quartic':
      // c/2 d² + c/24 d⁴: J'' = c (1 + d²/2), so a step size safe at the bottom
      // can be too large far up the walls.
      return tf.mul(c, tf.add(tf.mul(d2, 0.5), tf.div(tf.square(d2), 24)));
    case 'double-well':
      // c/8 d² (d + 2)²: minima at d = 0 and d = −2, J'' = c at both, hump at d = −1.
      return tf.mul(tf.div(c, 8), tf.mul(d2, tf.square(tf.add(d, 2))));
  }
}

/**
 * Cost and slope J'(w) at each of `points`, from one tfjs evaluation with autodiff
 * and one read-back.
 */
export function costAndSlope(spec: CostSpec, points: ArrayLike<number>): { cost: Float32Array; slope: Float32Array } {
  const n = points.length;
  if (n === 0) return { cost: new Float32Array(0), slope: new Float32Array(0) };
  const values = tf.tidy(() => {
    const w = tf.tensor1d(Array.from(points));
    // The sum's gradient is the elementwise derivative because the terms are independent.
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => tf.sum(costTensor(spec, x)))(w);
    value.dispose();
    return tf.concat([costTensor(spec, w), grad]);
  });
  const data = values.dataSync() as Float32Array;
  values.dispose();
  return { cost: data.slice(0, n), slope: data.slice(n) };
}

/** J''(w) at each of `points`: tfjs autodiff applied twice (elementwise, as the terms are independent), one read-back. */
export function curvaturesAt(spec: CostSpec, points: ArrayLike<number>): Float32Array {
  if (points.length === 0) return new Float32Array(0);
  const second = tf.tidy(() => {
    const slope = (x: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(costTensor(spec, u)))(x);
    return tf.grad((x: tf.Tensor) => tf.sum(slope(x)))(tf.tensor1d(Array.from(points)));
  });
  const values = second.dataSync() as Float32Array;
  second.dispose();
  return values;
}

/** J''(w) at one point. */
export const curvatureAt = (spec: CostSpec, w: number): number => curvaturesAt(spec, [w])[0];
