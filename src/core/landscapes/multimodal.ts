/**
 * Landscapes with several basins: where the start decides the answer. Definitions and
 * minima as in Wikipedia's "Test functions for optimization" / the SFU library; the
 * irrational positions are refined in float64 beyond the published digits.
 */
import * as tf from '../tf.js';
import type { Landscape } from './landscape.js';

// Root of 4w³ − 32w + 5 = 0: published −2.903534, value −39.16617 per dimension.
const ST_GLOBAL = -2.9035340277;
const ST_LOCAL = 2.746802771;
const ST_HALF = (w: number) => 0.5 * (w ** 4 - 16 * w * w + 5 * w);

export const styblinskiTang: Landscape = {
  id: 'styblinski-tang',
  name: 'Styblinski–Tang',
  tex: 'J(w_1,w_2) = \\tfrac{1}{2}\\sum_{i=1}^{2} \\left(w_i^4 - 16w_i^2 + 5w_i\\right)',
  domain: { w1: [-5, 5], w2: [-5, 5] },
  minima: [
    { position: [ST_GLOBAL, ST_GLOBAL], value: -78.3323314075 },
    { position: [ST_GLOBAL, ST_LOCAL], value: ST_HALF(ST_GLOBAL) + ST_HALF(ST_LOCAL), global: false },
    { position: [ST_LOCAL, ST_GLOBAL], value: ST_HALF(ST_GLOBAL) + ST_HALF(ST_LOCAL), global: false },
    { position: [ST_LOCAL, ST_LOCAL], value: 2 * ST_HALF(ST_LOCAL), global: false },
  ],
  start: [0.5, 4.5],
  // w⁴ − 16w² + 5w written as w(w(w² − 16) + 5)
  fn: (w1, w2) => {
    const half = (w: tf.Tensor) => tf.mul(w, tf.add(tf.mul(w, tf.sub(tf.square(w), 16)), 5));
    return tf.mul(0.5, tf.add(half(w1), half(w2)));
  },
  // ∂/∂wᵢ of ½(wᵢ⁴ − 16wᵢ² + 5wᵢ) = 2wᵢ³ − 16wᵢ + 2.5
  gradient: {
    at: (w1, w2, g) => {
      g[0] = w1 * (2 * w1 * w1 - 16) + 2.5;
      g[1] = w2 * (2 * w2 * w2 - 16) + 2.5;
      return 0.5 * (w1 * (w1 * (w1 * w1 - 16) + 5) + w2 * (w2 * (w2 * w2 - 16) + 5));
    },
    glsl: `return vec3(0.5 * (w1 * (w1 * (w1 * w1 - 16.0) + 5.0) + w2 * (w2 * (w2 * w2 - 16.0) + 5.0)),
        w1 * (2.0 * w1 * w1 - 16.0) + 2.5, w2 * (2.0 * w2 * w2 - 16.0) + 2.5);`,
  },
};

export const threeHumpCamel: Landscape = {
  id: 'three-hump-camel',
  name: 'Three-hump camel',
  tex: 'J(w_1,w_2) = 2w_1^2 - 1.05\\,w_1^4 + \\frac{w_1^6}{6} + w_1 w_2 + w_2^2',
  domain: { w1: [-2, 2], w2: [-2, 2] },
  minima: [
    { position: [0, 0], value: 0 },
    { position: [1.7475523457, -0.8737761729], value: 0.2986384422, global: false },
    { position: [-1.7475523457, 0.8737761729], value: 0.2986384422, global: false },
  ],
  start: [1.5, 1.5],
  // 2w₁² − 1.05w₁⁴ + w₁⁶/6 = w₁²(2 + w₁²(w₁²/6 − 1.05))
  fn: (w1, w2) => {
    const s = tf.square(w1);
    const hump = tf.mul(s, tf.add(tf.mul(s, tf.sub(tf.div(s, 6), 1.05)), 2));
    return tf.add(hump, tf.mul(w2, tf.add(w1, w2)));
  },
  gradient: {
    at: (w1, w2, g) => {
      const s = w1 * w1;
      g[0] = w1 * (4 + s * (s - 4.2)) + w2;
      g[1] = w1 + 2 * w2;
      return s * (s * (s / 6 - 1.05) + 2) + w2 * (w1 + w2);
    },
    glsl: `float s = w1 * w1;
      return vec3(s * (s * (s / 6.0 - 1.05) + 2.0) + w2 * (w1 + w2), w1 * (4.0 + s * (s - 4.2)) + w2, w1 + 2.0 * w2);`,
  },
};

export const sixHumpCamel: Landscape = {
  id: 'six-hump-camel',
  name: 'Six-hump camel',
  tex: 'J(w_1,w_2) = \\left(4 - 2.1\\,w_1^2 + \\frac{w_1^4}{3}\\right)w_1^2 + w_1 w_2 + \\left(-4 + 4w_2^2\\right)w_2^2',
  domain: { w1: [-2, 2], w2: [-1.2, 1.2] },
  // published (±0.0898, ∓0.7126), J = −1.0316
  minima: [
    { position: [0.0898420131, -0.712656403], value: -1.0316284535 },
    { position: [-0.0898420131, 0.712656403], value: -1.0316284535 },
  ],
  start: [-1.5, 1],
  fn: (w1, w2) => {
    const s = tf.square(w1);
    const t = tf.square(w2);
    const first = tf.mul(tf.add(tf.sub(4, tf.mul(2.1, s)), tf.div(tf.square(s), 3)), s);
    const last = tf.mul(tf.sub(tf.mul(4, t), 4), t);
    return tf.add(tf.add(first, tf.mul(w1, w2)), last);
  },
  // = 4w₁² − 2.1w₁⁴ + w₁⁶/3 + w₁w₂ − 4w₂² + 4w₂⁴
  gradient: {
    at: (w1, w2, g) => {
      const s = w1 * w1;
      const t = w2 * w2;
      g[0] = w1 * (8 + s * (2 * s - 8.4)) + w2;
      g[1] = w1 + w2 * (16 * t - 8);
      return (4 - 2.1 * s + (s * s) / 3) * s + w1 * w2 + (4 * t - 4) * t;
    },
    glsl: `float s = w1 * w1;
      float t = w2 * w2;
      return vec3((4.0 - 2.1 * s + s * s / 3.0) * s + w1 * w2 + (4.0 * t - 4.0) * t,
        w1 * (8.0 + s * (2.0 * s - 8.4)) + w2, w1 + w2 * (16.0 * t - 8.0));`,
  },
};

export const rastrigin: Landscape = {
  id: 'rastrigin',
  name: 'Rastrigin',
  tex: 'J(w_1,w_2) = 20 + \\sum_{i=1}^{2} \\left(w_i^2 - 10\\cos(2\\pi w_i)\\right)',
  domain: { w1: [-5.12, 5.12], w2: [-5.12, 5.12] },
  minima: [{ position: [0, 0], value: 0 }],
  start: [-3.5, 4.2],
  // A = 10. Evaluated as Σ(wᵢ² + 20 sin²(π wᵢ)), the same function (10 − 10cos 2x =
  // 20 sin² x) without the float32 cancellation of 20 − 10 − 10 near the minimum.
  fn: (w1, w2) => {
    const term = (w: tf.Tensor) => tf.add(tf.square(w), tf.mul(20, tf.square(tf.sin(tf.mul(Math.PI, w)))));
    return tf.add(term(w1), term(w2));
  },
  // ∂/∂wᵢ of wᵢ² + 20 sin²(π wᵢ) = 2wᵢ + 20π sin(2π wᵢ)
  gradient: {
    at: (w1, w2, g) => {
      const s1 = Math.sin(Math.PI * w1);
      const s2 = Math.sin(Math.PI * w2);
      g[0] = 2 * w1 + 20 * Math.PI * Math.sin(2 * Math.PI * w1);
      g[1] = 2 * w2 + 20 * Math.PI * Math.sin(2 * Math.PI * w2);
      return w1 * w1 + 20 * s1 * s1 + (w2 * w2 + 20 * s2 * s2);
    },
    glsl: `float s1 = sin(GD_PI * w1);
      float s2 = sin(GD_PI * w2);
      return vec3(w1 * w1 + 20.0 * s1 * s1 + (w2 * w2 + 20.0 * s2 * s2),
        2.0 * w1 + 20.0 * GD_PI * sin(2.0 * GD_PI * w1), 2.0 * w2 + 20.0 * GD_PI * sin(2.0 * GD_PI * w2));`,
  },
};

export const ackley: Landscape = {
  id: 'ackley',
  name: 'Ackley',
  tex:
    'J(w_1,w_2) = -20\\exp\\!\\left(-0.2\\sqrt{\\tfrac{1}{2}(w_1^2 + w_2^2)}\\right)' +
    ' - \\exp\\!\\left(\\tfrac{1}{2}\\left(\\cos 2\\pi w_1 + \\cos 2\\pi w_2\\right)\\right) + e + 20',
  domain: { w1: [-5, 5], w2: [-5, 5] },
  minima: [{ position: [0, 0], value: 0 }],
  start: [3.5, -4],
  // Same function rearranged for float32: −20·expm1(−0.2r) − e·expm1(−(sin²πw₁ + sin²πw₂)),
  // since ½(cos 2πw₁ + cos 2πw₂) − 1 = −(sin²πw₁ + sin²πw₂); no 20 + e − 20 − e cancellation.
  // r = √(½(w₁² + w₂²) + 10⁻²⁴): the cone's tip at the origin has no derivative, and
  // autodiff of √0 gives NaN; the 10⁻¹² rounding of the tip changes J by < 10⁻¹¹ and makes
  // the gradient there 0 (a subgradient), so a particle landing on the minimum stays finite.
  fn: (w1, w2) => {
    const r = tf.sqrt(tf.add(tf.mul(0.5, tf.add(tf.square(w1), tf.square(w2))), 1e-24));
    const ripple = tf.add(tf.square(tf.sin(tf.mul(Math.PI, w1))), tf.square(tf.sin(tf.mul(Math.PI, w2))));
    return tf.sub(tf.mul(-20, tf.expm1(tf.mul(-0.2, r))), tf.mul(Math.E, tf.expm1(tf.neg(ripple))));
  },
  // With r as above: ∂r/∂wᵢ = wᵢ/(2r), so ∂J/∂wᵢ = 4e^(−0.2r)·wᵢ/(2r) + e·e^(−ripple)·π sin(2π wᵢ).
  gradient: {
    at: (w1, w2, g) => {
      const r = Math.sqrt(0.5 * (w1 * w1 + w2 * w2) + 1e-24);
      const s1 = Math.sin(Math.PI * w1);
      const s2 = Math.sin(Math.PI * w2);
      const ripple = s1 * s1 + s2 * s2;
      const cone = (2 * Math.exp(-0.2 * r)) / r;
      const wave = Math.E * Math.exp(-ripple) * Math.PI;
      g[0] = cone * w1 + wave * Math.sin(2 * Math.PI * w1);
      g[1] = cone * w2 + wave * Math.sin(2 * Math.PI * w2);
      return -20 * Math.expm1(-0.2 * r) - Math.E * Math.expm1(-ripple);
    },
    glsl: `float r = sqrt(0.5 * (w1 * w1 + w2 * w2) + 1e-24);
      float s1 = sin(GD_PI * w1);
      float s2 = sin(GD_PI * w2);
      float ripple = s1 * s1 + s2 * s2;
      float cone = 2.0 * exp(-0.2 * r) / r;
      float wave = GD_E * exp(-ripple) * GD_PI;
      return vec3(-20.0 * gdExpm1(-0.2 * r) - GD_E * gdExpm1(-ripple),
        cone * w1 + wave * sin(2.0 * GD_PI * w1), cone * w2 + wave * sin(2.0 * GD_PI * w2));`,
  },
};
