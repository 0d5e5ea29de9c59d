import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, decayChangesWithT, type OptimizerRule, withCoefficients } from './rule.js';

const f = Math.fround;

/** Adagrad (Duchi et al. 2011) with S₀ = 0: every coordinate's step shrinks with its own history. */
export const adagrad: OptimizerRule = withCoefficients({
  type: 'adagrad',
  name: 'Adagrad',
  tex: 'S \\leftarrow S + dW^2 \\\\ W \\leftarrow W - \\alpha_t \\frac{dW}{\\sqrt{S} + \\varepsilon}',
  hyperparameters: ['learningRate', 'epsilon', 'decay'],
  defaults: { ...COMMON_DEFAULTS, learningRate: 0.1 },
  slots: 1,
  update: (params, grad, [sumSquares], c) => {
    const s = tf.add(sumSquares, tf.square(grad));
    const step = tf.div(tf.mul(c.alpha, grad), tf.add(tf.sqrt(s), c.epsilon));
    return { params: tf.sub(params, step), slots: [s] };
  },
  fused: {
    names: ['alpha', 'epsilon'],
    fill: (h, t, into, at) => {
      into[at] = inverseTimeDecay(h.learningRate, h.decay, t);
      into[at + 1] = h.epsilon;
    },
    changesWithT: decayChangesWithT,
    apply: ({ state, stride, P, grad, gradStride, from, to, table, offset, live }) => {
      for (let i = from; i < to; i++) {
        if (!live[i]) continue;
        const c = offset[i];
        const alpha = table[c];
        const epsilon = table[c + 1];
        const at = i * stride;
        const g = i * gradStride;
        for (let d = 0; d < P; d++) {
          const dW = grad[g + d];
          const s = f(state[at + P + d] + f(dW * dW));
          state[at + P + d] = s;
          state[at + d] -= f(f(alpha * dW) / f(f(Math.sqrt(s)) + epsilon));
        }
      }
    },
    glsl: 's1 = s1 + g * g; w = w - c[0] * g / (sqrt(s1) + c[1]);',
  },
});
