import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, type OptimizerRule } from './rule.js';

/** RMSprop with S₀ = 0 and ε outside the square root (tf.train.rmsprop puts it inside). */
export const rmsprop: OptimizerRule = {
  type: 'rmsprop',
  name: 'RMSprop',
  tex: 'S \\leftarrow \\beta S + (1-\\beta)\\, dW^2 \\\\ W \\leftarrow W - \\alpha_t \\frac{dW}{\\sqrt{S} + \\varepsilon}',
  hyperparameters: ['learningRate', 'beta', 'epsilon', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 1,
  coefficients: (h, t) => ({
    alpha: inverseTimeDecay(h.learningRate, h.decay, t),
    beta: h.beta,
    oneMinusBeta: 1 - h.beta,
    epsilon: h.epsilon,
  }),
  update: (params, grad, [meanSquare], c) => {
    const s = tf.add(tf.mul(c.beta, meanSquare), tf.mul(c.oneMinusBeta, tf.square(grad)));
    const step = tf.div(tf.mul(c.alpha, grad), tf.add(tf.sqrt(s), c.epsilon));
    return { params: tf.sub(params, step), slots: [s] };
  },
};
