/**
 * Learning-rate schedules. Inverse-time decay, as in the reference article:
 * α_t = α / (1 + decay · t), with t the number of updates already made.
 */
import * as tf from './tf.js';

export const INVERSE_TIME_DECAY_TEX = '\\alpha_t = \\frac{\\alpha}{1 + \\text{decay}\\cdot t}';

/** α_t = α / (1 + decay · t), in float64. */
export function inverseTimeDecay(alpha: number, decay: number, t: number): number {
  return alpha / (1 + decay * t);
}

/**
 * The same schedule in tf ops, for per-particle `alpha` and `decay` columns.
 * (`ParticleRun` evaluates the schedule in float64 on the CPU instead and uploads one
 * column per step: fewer ops per step and no float32 rounding inside 1 + decay · t.)
 */
export function inverseTimeDecayTensor(alpha: tf.Tensor, decay: tf.Tensor, t: number): tf.Tensor {
  return tf.tidy(() => tf.div(alpha, tf.add(tf.mul(decay, t), 1)));
}
