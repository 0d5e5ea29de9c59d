import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, decayChangesWithT, type OptimizerRule, withCoefficients } from './rule.js';

const f = Math.fround;

export const sgd: OptimizerRule = withCoefficients({
  type: 'sgd',
  name: 'Gradient descent',
  tex: 'W \\leftarrow W - \\alpha_t\\, dW',
  hyperparameters: ['learningRate', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 0,
  update: (params, grad, _slots, c) => ({
    params: tf.sub(params, tf.mul(c.alpha, grad)),
    slots: [],
  }),
  fused: {
    names: ['alpha'],
    fill: (h, t, into, at) => {
      into[at] = inverseTimeDecay(h.learningRate, h.decay, t);
    },
    changesWithT: decayChangesWithT,
    apply: ({ state, stride, P, grad, gradStride, from, to, table, offset, live }) => {
      for (let i = from; i < to; i++) {
        if (!live[i]) continue;
        const alpha = table[offset[i]];
        const at = i * stride;
        const g = i * gradStride;
        // Written out for P = 2 (every landscape and the line fit): this loop is a third of
        // a large line-fit sweep's update, and the loop over P a quarter of the loop.
        if (P === 2) {
          state[at] -= f(alpha * grad[g]);
          state[at + 1] -= f(alpha * grad[g + 1]);
        } else for (let d = 0; d < P; d++) state[at + d] -= f(alpha * grad[g + d]);
      }
    },
    glsl: 'w = w - c[0] * g;',
  },
});
