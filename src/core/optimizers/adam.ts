import * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';
import { COMMON_DEFAULTS, type FusedRows, type FusedRule, type OptimizerRule, withCoefficients } from './rule.js';

const f = Math.fround;

const ADAM_NAMES = ['alpha', 'beta1', 'oneMinusBeta1', 'beta2', 'oneMinusBeta2', 'correction1', 'correction2', 'epsilon'];

/**
 * Adam (Kingma & Ba 2015) with V₀ = S₀ = 0 and the correct bias correction 1 − β^(t+1)
 * (the reference article prints (1 − β)^t) applied to both moments before the step.
 */
export const adam: OptimizerRule = withCoefficients({
  type: 'adam',
  name: 'Adam',
  tex:
    'V \\leftarrow \\beta_1 V + (1-\\beta_1)\\, dW \\\\ S \\leftarrow \\beta_2 S + (1-\\beta_2)\\, dW^2 \\\\ ' +
    '\\hat V = \\frac{V}{1-\\beta_1^{\\,t+1}} \\quad \\hat S = \\frac{S}{1-\\beta_2^{\\,t+1}} \\\\ ' +
    'W \\leftarrow W - \\alpha_t \\frac{\\hat V}{\\sqrt{\\hat S} + \\varepsilon}',
  hyperparameters: ['learningRate', 'beta1', 'beta2', 'epsilon', 'decay'],
  defaults: COMMON_DEFAULTS,
  slots: 2,
  update: (params, grad, slots, c) => {
    const { v, s, step } = adamStep(grad, slots, c);
    return { params: tf.sub(params, step), slots: [v, s] };
  },
  fused: adamFused(false),
});

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

/**
 * Adam's fused form, with AdamW's decoupled decay when `weightDecay` (its coefficient
 * `alphaLambda` after Adam's eight): W ← (W − α_tλW) − α_t V̂/(√Ŝ + ε), as AdamW's ops.
 */
export function adamFused(weightDecay: boolean): FusedRule {
  const names = weightDecay ? [...ADAM_NAMES, 'alphaLambda'] : ADAM_NAMES;
  return {
    names,
    fill: (h, t, into, at) => {
      const alpha = inverseTimeDecay(h.learningRate, h.decay, t);
      into[at] = alpha;
      into[at + 1] = h.beta1;
      into[at + 2] = 1 - h.beta1;
      into[at + 3] = h.beta2;
      into[at + 4] = 1 - h.beta2;
      into[at + 5] = 1 - h.beta1 ** (t + 1);
      into[at + 6] = 1 - h.beta2 ** (t + 1);
      into[at + 7] = h.epsilon;
      if (weightDecay) into[at + 8] = alpha * h.weightDecay;
    },
    // The bias corrections change with every update.
    changesWithT: () => true,
    apply: ({ state, stride, P, grad, gradStride, from, to, table, offset, live }: FusedRows) => {
      for (let i = from; i < to; i++) {
        if (!live[i]) continue;
        const c = offset[i];
        const alpha = table[c];
        const beta1 = table[c + 1];
        const oneMinusBeta1 = table[c + 2];
        const beta2 = table[c + 3];
        const oneMinusBeta2 = table[c + 4];
        const correction1 = table[c + 5];
        const correction2 = table[c + 6];
        const epsilon = table[c + 7];
        const alphaLambda = weightDecay ? table[c + 8] : 0;
        const at = i * stride;
        const g = i * gradStride;
        for (let d = 0; d < P; d++) {
          const dW = grad[g + d];
          const v = f(f(beta1 * state[at + P + d]) + f(oneMinusBeta1 * dW));
          const s = f(f(beta2 * state[at + 2 * P + d]) + f(oneMinusBeta2 * f(dW * dW)));
          state[at + P + d] = v;
          state[at + 2 * P + d] = s;
          const step = f(f(alpha * f(v / correction1)) / f(f(Math.sqrt(f(s / correction2))) + epsilon));
          const w = state[at + d];
          state[at + d] = weightDecay ? f(f(w - f(alphaLambda * w)) - step) : f(w - step);
        }
      }
    },
    glsl:
      's1 = c[1] * s1 + c[2] * g; s2 = c[3] * s2 + c[4] * (g * g); ' +
      'float step = c[0] * (s1 / c[5]) / (sqrt(s2 / c[6]) + c[7]); ' +
      (weightDecay ? 'w = (w - c[8] * w) - step;' : 'w = w - step;'),
  };
}
