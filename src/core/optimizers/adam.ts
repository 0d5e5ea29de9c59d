import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, type Hyperparameters, type OptimizerRule } from './rule.js';

/**
 * Adam (Kingma & Ba 2015) with V₀ = S₀ = 0 and the correct bias correction 1 − β^(t+1)
 * (the reference article prints (1 − β)^t) applied to both moments before the step.
 */
export const adam: OptimizerRule = {
  type: 'adam',
  name: 'Adam',
  tex:
    'V \\leftarrow \\beta_1 V + (1-\\beta_1)\\, dW \\\\ S \\leftarrow \\beta_2 S + (1-\\beta_2)\\, dW^2 \\\\ ' +
    '\\hat V = \\frac{V}{1-\\beta_1^{\\,t+1}} \\quad \\hat S = \\frac{S}{1-\\beta_2^{\\,t+1}} \\\\ ' +
    'W \\leftarrow W - \\alpha_t \\frac{\\hat V}{\\sqrt{\\hat S} + \\varepsilon}',
  hyperparameters: ['learningRate', 'beta1', 'beta2', 'epsilon', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 2,
  coefficients: adamCoefficients,
  update: (params, grad, slots, c) => {
    const { v, s, step } = adamStep(grad, slots, c);
    return { params: tf.sub(params, step), slots: [v, s] };
  },
};

export function adamCoefficients(h: Hyperparameters, t: number): Record<string, number> {
  return {
    alpha: inverseTimeDecay(h.learningRate, h.decay, t),
    beta1: h.beta1,
    oneMinusBeta1: 1 - h.beta1,
    beta2: h.beta2,
    oneMinusBeta2: 1 - h.beta2,
    correction1: 1 - h.beta1 ** (t + 1),
    correction2: 1 - h.beta2 ** (t + 1),
    epsilon: h.epsilon,
  };
}

/** The moments and α_t V̂/(√Ŝ + ε), shared with AdamW. */
export function adamStep(
  grad: tf.Tensor,
  [firstMoment, secondMoment]: tf.Tensor[],
  c: Record<string, tf.Tensor>,
): { v: tf.Tensor; s: tf.Tensor; step: tf.Tensor } {
  const v = tf.add(tf.mul(c.beta1, firstMoment), tf.mul(c.oneMinusBeta1, grad));
  const s = tf.add(tf.mul(c.beta2, secondMoment), tf.mul(c.oneMinusBeta2, tf.square(grad)));
  const vHat = tf.div(v, c.correction1);
  const sHat = tf.div(s, c.correction2);
  const step = tf.div(tf.mul(c.alpha, vHat), tf.add(tf.sqrt(sHat), c.epsilon));
  return { v, s, step };
}
