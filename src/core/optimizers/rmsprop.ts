import * as tf from '../tf.js';
import { COMMON_DEFAULTS, decayChangesWithT, fillMomentum, type OptimizerRule, withCoefficients } from './rule.js';

const f = Math.fround;

/** RMSprop with S₀ = 0 and ε outside the square root (tf.train.rmsprop puts it inside). */
export const rmsprop: OptimizerRule = withCoefficients({
  type: 'rmsprop',
  name: 'RMSprop',
  tex: 'S \\leftarrow \\beta S + (1-\\beta)\\, dW^2 \\\\ W \\leftarrow W - \\alpha_t \\frac{dW}{\\sqrt{S} + \\varepsilon}',
  hyperparameters: ['learningRate', 'beta', 'epsilon', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 1,
  update: (params, grad, [meanSquare], c) => {
    const s = tf.add(tf.mul(c.beta, meanSquare), tf.mul(c.oneMinusBeta, tf.square(grad)));
    const step = tf.div(tf.mul(c.alpha, grad), tf.add(tf.sqrt(s), c.epsilon));
    return { params: tf.sub(params, step), slots: [s] };
  },
  fused: {
    names: ['alpha', 'beta', 'oneMinusBeta', 'epsilon'],
    fill: (h, t, into, at) => {
      fillMomentum(h, t, into, at);
      into[at + 3] = h.epsilon;
    },
    changesWithT: decayChangesWithT,
    apply: ({ state, stride, P, grad, gradStride, from, to, table, offset, live }) => {
      for (let i = from; i < to; i++) {
        if (!live[i]) continue;
        const c = offset[i];
        const alpha = table[c];
        const beta = table[c + 1];
        const oneMinusBeta = table[c + 2];
        const epsilon = table[c + 3];
        const at = i * stride;
        const g = i * gradStride;
        for (let d = 0; d < P; d++) {
          const dW = grad[g + d];
          const s = f(f(beta * state[at + P + d]) + f(oneMinusBeta * f(dW * dW)));
          state[at + P + d] = s;
          state[at + d] -= f(f(alpha * dW) / f(f(Math.sqrt(s)) + epsilon));
        }
      }
    },
    glsl: 's1 = c[1] * s1 + c[2] * (g * g); w = w - c[0] * g / (sqrt(s1) + c[3]);',
  },
});
