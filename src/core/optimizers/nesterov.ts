import * as tf from '../tf.js';
import { COMMON_DEFAULTS, decayChangesWithT, fillMomentum, type OptimizerRule, withCoefficients } from './rule.js';

const f = Math.fround;

/**
 * Nesterov momentum in the same moving-average form as `momentum`. The look-ahead
 * gradient of Sutskever et al. (2013), rewritten so that only the gradient at the
 * current W is needed (the form PyTorch and Keras use): the step mixes the updated
 * velocity with the fresh gradient once more, W ← W − α_t(βV + (1 − β)dW).
 */
export const nesterov: OptimizerRule = withCoefficients({
  type: 'nesterov',
  name: 'Nesterov momentum',
  tex: 'V \\leftarrow \\beta V + (1-\\beta)\\, dW \\\\ W \\leftarrow W - \\alpha_t \\left(\\beta V + (1-\\beta)\\, dW\\right)',
  hyperparameters: ['learningRate', 'beta', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 1,
  update: (params, grad, [velocity], c) => {
    const fresh = tf.mul(c.oneMinusBeta, grad);
    const v = tf.add(tf.mul(c.beta, velocity), fresh);
    const lookAhead = tf.add(tf.mul(c.beta, v), fresh);
    return { params: tf.sub(params, tf.mul(c.alpha, lookAhead)), slots: [v] };
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
          const fresh = f(oneMinusBeta * grad[g + d]);
          const v = f(f(beta * state[at + P + d]) + fresh);
          state[at + P + d] = v;
          state[at + d] -= f(alpha * f(f(beta * v) + fresh));
        }
      }
    },
    glsl: 'float fresh = c[2] * g; s1 = c[1] * s1 + fresh; w = w - c[0] * (c[1] * s1 + fresh);',
  },
});
