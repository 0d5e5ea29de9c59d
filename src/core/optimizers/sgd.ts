import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, type OptimizerRule } from './rule.js';

export const sgd: OptimizerRule = {
  type: 'sgd',
  name: 'Gradient descent',
  tex: 'W \\leftarrow W - \\alpha_t\\, dW',
  hyperparameters: ['learningRate', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 0,
  coefficients: (h, t) => ({ alpha: inverseTimeDecay(h.learningRate, h.decay, t) }),
  update: (params, grad, _slots, c) => ({
    params: tf.sub(params, tf.mul(c.alpha, grad)),
    slots: [],
  }),
};
