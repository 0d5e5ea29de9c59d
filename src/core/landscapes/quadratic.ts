/** Quadratic forms: the saddle and the ill-conditioned bowl. */
import * as tf from '../tf.js';
import type { Landscape } from './landscape.js';

export const saddle: Landscape = {
  id: 'saddle',
  name: 'Saddle',
  tex: 'J(w_1,w_2) = w_1^2 - w_2^2',
  domain: { w1: [-2, 2], w2: [-2, 2] },
  // No minimum: the origin is a stationary point, a saddle.
  minima: [{ position: [0, 0], value: 0, kind: 'saddle', global: false }],
  start: [-1.5, 0.05],
  fn: (w1, w2) => tf.sub(tf.square(w1), tf.square(w2)),
  gradient: {
    at: (w1, w2, g) => {
      g[0] = 2 * w1;
      g[1] = -2 * w2;
      return w1 * w1 - w2 * w2;
    },
    glsl: `return vec3(w1 * w1 - w2 * w2, 2.0 * w1, -2.0 * w2);`,
  },
};

/**
 * The bowl's condition number unless one is given: a valley a hundred times steeper
 * across than along. Plain gradient descent must keep α < 2/κ = 0.02 there and then
 * needs about 3κ updates to cross the floor, while momentum with β = 0.9 needs about a
 * hundred whatever κ is: the ravine where momentum wins (the race's default, derived in
 * its `optimizers/defaults.ts`). Every element that shows the bowl starts from this κ.
 */
export const DEFAULT_BOWL_KAPPA = 100;

/**
 * ½(w₁² + κ w₂²): curvature 1 along w₁ and κ along w₂, so κ is the condition number.
 * Gradient descent needs α < 2/κ to be stable yet crawls along w₁ at rate 1 − α.
 */
export function bowl(kappa = DEFAULT_BOWL_KAPPA): Landscape {
  if (!(Number.isFinite(kappa) && kappa > 0)) throw new RangeError(`bowl: kappa must be a positive number, got ${kappa}`);
  return {
    id: 'bowl',
    name: 'Quadratic bowl',
    tex: `J(w_1,w_2) = \\tfrac{1}{2}\\left(w_1^2 + \\kappa\\, w_2^2\\right),\\quad \\kappa = ${kappa}`,
    domain: { w1: [-10, 10], w2: [-10, 10] },
    minima: [{ position: [0, 0], value: 0 }],
    start: [-8, 4],
    fn: (w1, w2) => tf.mul(0.5, tf.add(tf.square(w1), tf.mul(kappa, tf.square(w2)))),
    gradient: {
      at: (w1, w2, g) => {
        g[0] = w1;
        g[1] = kappa * w2;
        return 0.5 * (w1 * w1 + kappa * w2 * w2);
      },
      // κ as a float literal: its shortest round-trip digits, with an exponent where needed.
      glsl: `float kappa = ${glslFloat(kappa)};
      return vec3(0.5 * (w1 * w1 + kappa * w2 * w2), w1, kappa * w2);`,
    },
  };
}

/** A number as a GLSL float literal (`10` → `10.0`, `1e-7` → `1e-7`, `2.5e+21` → `2.5e21`). */
export function glslFloat(value: number): string {
  const text = String(value).replace('e+', 'e');
  return /[.e]/.test(text) ? text : `${text}.0`;
}
