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
        for (let d = 0; d < P; d++) state[at + d] -= f(alpha * grad[g + d]);
      }
    },
    glsl: 'w = w - c[0] * g;',
  },
});
