import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, type OptimizerRule } from './rule.js';

/**
 * Nesterov momentum in the same moving-average form as `momentum`. The look-ahead
 * gradient of Sutskever et al. (2013), rewritten so that only the gradient at the
 * current W is needed (the form PyTorch and Keras use): the step mixes the updated
 * velocity with the fresh gradient once more, W ← W − α_t(βV + (1 − β)dW).
 */
export const nesterov: OptimizerRule = {
  type: 'nesterov',
  name: 'Nesterov momentum',
  tex: 'V \\leftarrow \\beta V + (1-\\beta)\\, dW \\\\ W \\leftarrow W - \\alpha_t \\left(\\beta V + (1-\\beta)\\, dW\\right)',
  hyperparameters: ['learningRate', 'beta', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 1,
  coefficients: (h, t) => ({
    alpha: inverseTimeDecay(h.learningRate, h.decay, t),
    beta: h.beta,
    oneMinusBeta: 1 - h.beta,
  }),
  update: (params, grad, [velocity], c) => {
    const fresh = tf.mul(c.oneMinusBeta, grad);
    const v = tf.add(tf.mul(c.beta, velocity), fresh);
    const lookAhead = tf.add(tf.mul(c.beta, v), fresh);
    return { params: tf.sub(params, tf.mul(c.alpha, lookAhead)), slots: [v] };
  },
};
