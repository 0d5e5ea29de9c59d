import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, type OptimizerRule } from './rule.js';

/** Adagrad (Duchi et al. 2011) with S₀ = 0: every coordinate's step shrinks with its own history. */
export const adagrad: OptimizerRule = {
  type: 'adagrad',
  name: 'Adagrad',
  tex: 'S \\leftarrow S + dW^2 \\\\ W \\leftarrow W - \\alpha_t \\frac{dW}{\\sqrt{S} + \\varepsilon}',
  hyperparameters: ['learningRate', 'epsilon', 'decay'],
  defaults: { ...COMMON_DEFAULTS, learningRate: 0.1 },
  slots: 1,
  coefficients: (h, t) => ({
    alpha: inverseTimeDecay(h.learningRate, h.decay, t),
    epsilon: h.epsilon,
  }),
  update: (params, grad, [sumSquares], c) => {
    const s = tf.add(sumSquares, tf.square(grad));
    const step = tf.div(tf.mul(c.alpha, grad), tf.add(tf.sqrt(s), c.epsilon));
    return { params: tf.sub(params, step), slots: [s] };
  },
};
