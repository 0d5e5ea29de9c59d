import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, type OptimizerRule } from './rule.js';

/** Momentum in the moving-average form of the reference article (V₀ = 0). */
export const momentum: OptimizerRule = {
  type: 'momentum',
  name: 'Momentum',
  tex: 'V \\leftarrow \\beta V + (1-\\beta)\\, dW \\\\ W \\leftarrow W - \\alpha_t V',
  hyperparameters: ['learningRate', 'beta', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 1,
  coefficients: (h, t) => ({
    alpha: inverseTimeDecay(h.learningRate, h.decay, t),
    beta: h.beta,
    oneMinusBeta: 1 - h.beta,
  }),
  update: (params, grad, [velocity], c) => {
    const v = tf.add(tf.mul(c.beta, velocity), tf.mul(c.oneMinusBeta, grad));
    return { params: tf.sub(params, tf.mul(c.alpha, v)), slots: [v] };
  },
};
