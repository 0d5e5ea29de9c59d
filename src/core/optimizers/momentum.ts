import * as tf from '../tf.js';
import { COMMON_DEFAULTS, decayChangesWithT, fillMomentum, type OptimizerRule, withCoefficients } from './rule.js';

const f = Math.fround;

/** Momentum in the moving-average form of the reference article (V₀ = 0). */
export const momentum: OptimizerRule = withCoefficients({
  type: 'momentum',
  name: 'Momentum',
  tex: 'V \\leftarrow \\beta V + (1-\\beta)\\, dW \\\\ W \\leftarrow W - \\alpha_t V',
  hyperparameters: ['learningRate', 'beta', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 1,
  update: (params, grad, [velocity], c) => {
    const v = tf.add(tf.mul(c.beta, velocity), tf.mul(c.oneMinusBeta, grad));
    return { params: tf.sub(params, tf.mul(c.alpha, v)), slots: [v] };
  },
  fused: {
    names: ['alpha', 'beta', 'oneMinusBeta'],
    fill: fillMomentum,
    changesWithT: decayChangesWithT,
    apply: ({ state, stride, P, grad, gradStride, from, to, table, offset, live }) => {
      for (let i = from; i < to; i++) {
        if (!live[i]) continue;
        const c = offset[i];
        const alpha = table[c];
        const beta = table[c + 1];
        const oneMinusBeta = table[c + 2];
        const at = i * stride;
        const g = i * gradStride;
        for (let d = 0; d < P; d++) {
          const v = f(f(beta * state[at + P + d]) + f(oneMinusBeta * grad[g + d]));
          state[at + P + d] = v;
          state[at + d] -= f(alpha * v);
        }
      }
    },
    glsl: 's1 = c[1] * s1 + c[2] * g; w = w - c[0] * s1;',
  },
});
