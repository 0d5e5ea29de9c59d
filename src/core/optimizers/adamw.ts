import * as tf from '../tf.js';
import { adamFused, adamStep } from './adam.js';
import { COMMON_DEFAULTS, type OptimizerRule, withCoefficients } from './rule.js';

/**
 * AdamW (Loshchilov & Hutter 2019): Adam plus weight decay applied to W directly,
 * decoupled from the moments, scaled by the same α_t, using W before this update.
 */
export const adamw: OptimizerRule = withCoefficients({
  type: 'adamw',
  name: 'AdamW',
  tex:
    'V \\leftarrow \\beta_1 V + (1-\\beta_1)\\, dW \\\\ S \\leftarrow \\beta_2 S + (1-\\beta_2)\\, dW^2 \\\\ ' +
    '\\hat V = \\frac{V}{1-\\beta_1^{\\,t+1}} \\quad \\hat S = \\frac{S}{1-\\beta_2^{\\,t+1}} \\\\ ' +
    'W \\leftarrow W - \\alpha_t \\left(\\frac{\\hat V}{\\sqrt{\\hat S} + \\varepsilon} + \\lambda W\\right)',
  hyperparameters: ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 2,
  update: (params, grad, slots, c) => {
    const { v, s, step } = adamStep(grad, slots, c);
    const decayed = tf.sub(params, tf.mul(c.alphaLambda, params));
    return { params: tf.sub(decayed, step), slots: [v, s] };
  },
  fused: adamFused(true),
});
