import type * as tf from '../tf.js';

export type Vec2 = [number, number];

/** A stationary point worth marking on a plot. */
export interface Minimum {
  position: Vec2;
  /** J at `position`: the published value, to the digits published or better */
  value: number;
  /** `false` for a notable local minimum; absent or `true` for a global one */
  global?: boolean;
  /** `'saddle'` for a stationary point that is not a minimum (x² − y² has no minimum) */
  kind?: 'minimum' | 'saddle';
  /** `true` when found numerically (a formula landscape), not published */
  found?: boolean;
}

/**
 * J and its gradient written out by hand, for the fused kernels (`src/core/kernels.ts`):
 * every built-in landscape has one, checked against tf autodiff of `fn` at many points
 * (test/core/gradients.test.ts). A formula landscape has none; its runs differentiate
 * `fn` by autodiff.
 */
export interface LandscapeGradient {
  /** J(w₁, w₂) in float64, with ∂J/∂w₁ and ∂J/∂w₂ written into g[0] and g[1] */
  at: (w1: number, w2: number, g: Float64Array) => number;
  /**
   * The same in GLSL ES 3.0 for the webgl kernel: the body of a function of `float w1,
   * float w2` that returns `vec3(J, ∂J/∂w₁, ∂J/∂w₂)`. `GD_PI`, `GD_E` and `gdExpm1` are
   * defined around it.
   */
  glsl: string;
}

/** A 2-D cost surface J(w₁, w₂), written once in tf ops. */
export interface Landscape {
  id: string;
  name: string;
  /** KaTeX source of J(w₁, w₂) */
  tex: string;
  /** plotting window */
  domain: { w1: Vec2; w2: Vec2 };
  /**
   * every published global minimum, plus notable local minima flagged `global: false`;
   * a formula landscape lists the ones it found (`found: true`)
   */
  minima: Minimum[];
  /** a start that shows something interesting */
  start: Vec2;
  /** elementwise cost in tf ops; `w1` and `w2` have the same shape */
  fn(w1: tf.Tensor, w2: tf.Tensor): tf.Tensor;
  /** the same J with its gradient by hand (built-ins only), for the fused kernels */
  gradient?: LandscapeGradient;
}
