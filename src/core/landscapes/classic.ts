/**
 * The classic smooth test functions (definitions and minima as in Wikipedia's "Test
 * functions for optimization" and the SFU virtual library of simulation experiments).
 */
import * as tf from '../tf.js';
import type { Landscape } from './landscape.js';

export const himmelblau: Landscape = {
  id: 'himmelblau',
  name: 'Himmelblau',
  tex: 'J(w_1,w_2) = (w_1^2 + w_2 - 11)^2 + (w_1 + w_2^2 - 7)^2',
  domain: { w1: [-5, 5], w2: [-5, 5] },
  // Four global minima; the three irrational ones refined in float64 beyond the
  // six published digits (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126).
  minima: [
    { position: [3, 2], value: 0 },
    { position: [-2.805118087, 3.131312518], value: 0 },
    { position: [-3.779310253, -3.283185991], value: 0 },
    { position: [3.58442834, -1.848126527], value: 0 },
  ],
  start: [0, 0],
  fn: (w1, w2) => tf.add(tf.square(tf.add(tf.square(w1), tf.sub(w2, 11))), tf.square(tf.add(w1, tf.sub(tf.square(w2), 7)))),
  gradient: {
    at: (w1, w2, g) => {
      const a = w1 * w1 + w2 - 11;
      const b = w1 + w2 * w2 - 7;
      g[0] = 4 * a * w1 + 2 * b;
      g[1] = 2 * a + 4 * b * w2;
      return a * a + b * b;
    },
    glsl: `float a = w1 * w1 + w2 - 11.0;
      float b = w1 + w2 * w2 - 7.0;
      return vec3(a * a + b * b, 4.0 * a * w1 + 2.0 * b, 2.0 * a + 4.0 * b * w2);`,
  },
};

export const rosenbrock: Landscape = {
  id: 'rosenbrock',
  name: 'Rosenbrock',
  tex: 'J(w_1,w_2) = (1 - w_1)^2 + 100\\,(w_2 - w_1^2)^2',
  domain: { w1: [-2, 2], w2: [-1, 3] },
  minima: [{ position: [1, 1], value: 0 }],
  start: [-1.2, 1],
  fn: (w1, w2) => tf.add(tf.square(tf.sub(1, w1)), tf.mul(100, tf.square(tf.sub(w2, tf.square(w1))))),
  gradient: {
    at: (w1, w2, g) => {
      const a = 1 - w1;
      const b = w2 - w1 * w1;
      g[0] = -2 * a - 400 * w1 * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    },
    glsl: `float a = 1.0 - w1;
      float b = w2 - w1 * w1;
      return vec3(a * a + 100.0 * b * b, -2.0 * a - 400.0 * w1 * b, 200.0 * b);`,
  },
};

export const goldsteinPrice: Landscape = {
  id: 'goldstein-price',
  name: 'Goldstein–Price',
  tex:
    'J(w_1,w_2) = \\left[1 + (w_1 + w_2 + 1)^2 (19 - 14w_1 + 3w_1^2 - 14w_2 + 6w_1w_2 + 3w_2^2)\\right]' +
    '\\left[30 + (2w_1 - 3w_2)^2 (18 - 32w_1 + 12w_1^2 + 48w_2 - 36w_1w_2 + 27w_2^2)\\right]',
  domain: { w1: [-2, 2], w2: [-2, 2] },
  minima: [
    { position: [0, -1], value: 3 },
    // A local minimum where both squared factors vanish: w₁ + w₂ + 1 = 0 and
    // 2w₁ − 3w₂ = 0, so J = 1 · 30 exactly and the gradient is zero.
    { position: [-0.6, -0.4], value: 30, global: false },
  ],
  start: [-1.5, 1.5],
  // Same polynomials as the TeX, factored to cut the op count:
  // 19 − 14w₁ + 3w₁² − 14w₂ + 6w₁w₂ + 3w₂² = 19 + w₁(3w₁ − 14) + w₂(3w₂ + 6w₁ − 14),
  // 18 − 32w₁ + 12w₁² + 48w₂ − 36w₁w₂ + 27w₂² = 18 + w₁(12w₁ − 32) + w₂(27w₂ − 36w₁ + 48).
  fn: (w1, w2) => {
    const a = tf.square(tf.add(tf.add(w1, w2), 1));
    const b = tf.add(tf.add(tf.mul(w1, tf.sub(tf.mul(3, w1), 14)), tf.mul(w2, tf.add(tf.mul(3, w2), tf.sub(tf.mul(6, w1), 14)))), 19);
    const c = tf.square(tf.sub(tf.mul(2, w1), tf.mul(3, w2)));
    const d = tf.add(tf.add(tf.mul(w1, tf.sub(tf.mul(12, w1), 32)), tf.mul(w2, tf.sub(tf.mul(27, w2), tf.sub(tf.mul(36, w1), 48)))), 18);
    return tf.mul(tf.add(tf.mul(a, b), 1), tf.add(tf.mul(c, d), 30));
  },
  // J = (1 + a·b)(30 + c·d) with a = u², u = w₁ + w₂ + 1, c = v², v = 2w₁ − 3w₂, and b,
  // d the two polynomials above; the product rule on each factor.
  gradient: {
    at: (w1, w2, g) => {
      const u = w1 + w2 + 1;
      const v = 2 * w1 - 3 * w2;
      const a = u * u;
      const b = 19 + w1 * (3 * w1 - 14) + w2 * (3 * w2 + 6 * w1 - 14);
      const c = v * v;
      const d = 18 + w1 * (12 * w1 - 32) + w2 * (27 * w2 - 36 * w1 + 48);
      const left = 1 + a * b;
      const right = 30 + c * d;
      const db = 6 * w1 + 6 * w2 - 14;
      g[0] = (2 * u * b + a * db) * right + left * (4 * v * d + c * (24 * w1 - 36 * w2 - 32));
      g[1] = (2 * u * b + a * db) * right + left * (-6 * v * d + c * (54 * w2 - 36 * w1 + 48));
      return left * right;
    },
    glsl: `float u = w1 + w2 + 1.0;
      float v = 2.0 * w1 - 3.0 * w2;
      float a = u * u;
      float b = 19.0 + w1 * (3.0 * w1 - 14.0) + w2 * (3.0 * w2 + 6.0 * w1 - 14.0);
      float c = v * v;
      float d = 18.0 + w1 * (12.0 * w1 - 32.0) + w2 * (27.0 * w2 - 36.0 * w1 + 48.0);
      float left = 1.0 + a * b;
      float right = 30.0 + c * d;
      float dLeft = 2.0 * u * b + a * (6.0 * w1 + 6.0 * w2 - 14.0);
      return vec3(left * right,
        dLeft * right + left * (4.0 * v * d + c * (24.0 * w1 - 36.0 * w2 - 32.0)),
        dLeft * right + left * (-6.0 * v * d + c * (54.0 * w2 - 36.0 * w1 + 48.0)));`,
  },
};

export const beale: Landscape = {
  id: 'beale',
  name: 'Beale',
  tex: 'J(w_1,w_2) = (1.5 - w_1 + w_1w_2)^2 + (2.25 - w_1 + w_1w_2^2)^2 + (2.625 - w_1 + w_1w_2^3)^2',
  domain: { w1: [-4.5, 4.5], w2: [-4.5, 4.5] },
  minima: [{ position: [3, 0.5], value: 0 }],
  start: [1, 1.5],
  fn: (w1, w2) => {
    const w2sq = tf.square(w2);
    const term = (constant: number, power: tf.Tensor) => tf.square(tf.add(tf.sub(constant, w1), tf.mul(w1, power)));
    return tf.add(tf.add(term(1.5, w2), term(2.25, w2sq)), term(2.625, tf.mul(w2sq, w2)));
  },
  gradient: {
    at: (w1, w2, g) => {
      const w2sq = w2 * w2;
      const w2cube = w2sq * w2;
      const p = 1.5 - w1 + w1 * w2;
      const q = 2.25 - w1 + w1 * w2sq;
      const r = 2.625 - w1 + w1 * w2cube;
      g[0] = 2 * p * (w2 - 1) + 2 * q * (w2sq - 1) + 2 * r * (w2cube - 1);
      g[1] = 2 * p * w1 + 4 * q * w1 * w2 + 6 * r * w1 * w2sq;
      return p * p + q * q + r * r;
    },
    glsl: `float w2sq = w2 * w2;
      float w2cube = w2sq * w2;
      float p = 1.5 - w1 + w1 * w2;
      float q = 2.25 - w1 + w1 * w2sq;
      float r = 2.625 - w1 + w1 * w2cube;
      return vec3(p * p + q * q + r * r,
        2.0 * p * (w2 - 1.0) + 2.0 * q * (w2sq - 1.0) + 2.0 * r * (w2cube - 1.0),
        2.0 * p * w1 + 4.0 * q * w1 * w2 + 6.0 * r * w1 * w2sq);`,
  },
};

export const booth: Landscape = {
  id: 'booth',
  name: 'Booth',
  tex: 'J(w_1,w_2) = (w_1 + 2w_2 - 7)^2 + (2w_1 + w_2 - 5)^2',
  domain: { w1: [-10, 10], w2: [-10, 10] },
  minima: [{ position: [1, 3], value: 0 }],
  start: [-8, -6],
  fn: (w1, w2) => tf.add(tf.square(tf.sub(tf.add(w1, tf.mul(2, w2)), 7)), tf.square(tf.sub(tf.add(tf.mul(2, w1), w2), 5))),
  gradient: {
    at: (w1, w2, g) => {
      const p = w1 + 2 * w2 - 7;
      const q = 2 * w1 + w2 - 5;
      g[0] = 2 * p + 4 * q;
      g[1] = 4 * p + 2 * q;
      return p * p + q * q;
    },
    glsl: `float p = w1 + 2.0 * w2 - 7.0;
      float q = 2.0 * w1 + w2 - 5.0;
      return vec3(p * p + q * q, 2.0 * p + 4.0 * q, 4.0 * p + 2.0 * q);`,
  },
};

export const matyas: Landscape = {
  id: 'matyas',
  name: 'Matyas',
  tex: 'J(w_1,w_2) = 0.26\\,(w_1^2 + w_2^2) - 0.48\\,w_1 w_2',
  domain: { w1: [-10, 10], w2: [-10, 10] },
  minima: [{ position: [0, 0], value: 0 }],
  start: [8, 4],
  fn: (w1, w2) => tf.sub(tf.mul(0.26, tf.add(tf.square(w1), tf.square(w2))), tf.mul(0.48, tf.mul(w1, w2))),
  gradient: {
    at: (w1, w2, g) => {
      g[0] = 0.52 * w1 - 0.48 * w2;
      g[1] = 0.52 * w2 - 0.48 * w1;
      return 0.26 * (w1 * w1 + w2 * w2) - 0.48 * w1 * w2;
    },
    glsl: `return vec3(0.26 * (w1 * w1 + w2 * w2) - 0.48 * w1 * w2, 0.52 * w1 - 0.48 * w2, 0.52 * w2 - 0.48 * w1);`,
  },
};

// McCormick's minimum in closed form: ∇J = 0 gives cos(w₁ + w₂) = −½ and w₁ − w₂ = 1,
// so w₁ = ½ − π/3, w₂ = −½ − π/3 and J = −√3/2 − π/3 ≈ −1.9133 (published (−0.54719, −1.54719)).
const MCCORMICK_W1 = 0.5 - Math.PI / 3;

export const mccormick: Landscape = {
  id: 'mccormick',
  name: 'McCormick',
  tex: 'J(w_1,w_2) = \\sin(w_1 + w_2) + (w_1 - w_2)^2 - 1.5\\,w_1 + 2.5\\,w_2 + 1',
  domain: { w1: [-1.5, 4], w2: [-3, 4] },
  minima: [{ position: [MCCORMICK_W1, MCCORMICK_W1 - 1], value: -Math.sqrt(3) / 2 - Math.PI / 3 }],
  start: [3, 3],
  fn: (w1, w2) => tf.add(tf.add(tf.sin(tf.add(w1, w2)), tf.square(tf.sub(w1, w2))), tf.add(tf.sub(tf.mul(2.5, w2), tf.mul(1.5, w1)), 1)),
  gradient: {
    at: (w1, w2, g) => {
      const c = Math.cos(w1 + w2);
      const d = w1 - w2;
      g[0] = c + 2 * d - 1.5;
      g[1] = c - 2 * d + 2.5;
      return Math.sin(w1 + w2) + d * d + 2.5 * w2 - 1.5 * w1 + 1;
    },
    glsl: `float c = cos(w1 + w2);
      float d = w1 - w2;
      return vec3(sin(w1 + w2) + d * d + 2.5 * w2 - 1.5 * w1 + 1.0, c + 2.0 * d - 1.5, c - 2.0 * d + 2.5);`,
  },
};
