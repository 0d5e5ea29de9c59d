/**
 * The update rules, implemented with tf ops from their displayed formulas.
 *
 * Why not `tf.train.*`: tfjs's built-in optimizers implement different rules.
 * `tf.train.momentum` accumulates V = βV + dW (no (1 − β) factor, so its effective
 * step is 1/(1 − β) times ours); `tf.train.rmsprop` divides by √(S + ε), ε inside the
 * root; `tf.train.adam` and friends default ε to the backend's epsilon (1e-7 on
 * webgl/cpu) rather than 1e-8; and none of them takes per-particle hyperparameters or
 * works on N independent particles in one tensor. The kit shows a rule and runs
 * exactly that rule, so it writes them itself.
 *
 * Float32: every tensor is float32. ε = 1e-8 is a normal float32 number (the smallest
 * is ~1.2e-38), so it is kept exactly as given; hyperparameters are combined in float64
 * on the CPU (1 − β, 1 − β^(t+1), α_t) before one rounding to float32.
 */
import type { OptimizerRule, OptimizerType } from './rule.js';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamw } from './adamw.js';
import { momentum } from './momentum.js';
import { nesterov } from './nesterov.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

export type { HyperparameterName, Hyperparameters, OptimizerConfig, OptimizerRule, OptimizerType, RuleStep } from './rule.js';
export { COMMON_DEFAULTS } from './rule.js';
export { adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd };

export { OPTIMIZER_TYPES } from './rule.js';

/** The four the reference article races, the default set of a race. */
export const ARTICLE_OPTIMIZERS: readonly OptimizerType[] = ['sgd', 'momentum', 'rmsprop', 'adam'];

const RULES: Record<OptimizerType, OptimizerRule> = { sgd, momentum, nesterov, rmsprop, adagrad, adam, adamw };

/** The rule for `type`, or `undefined` for an unknown type. */
export function getOptimizer(type: string): OptimizerRule | undefined {
  // Pages pass anything; a non-string would throw inside hasOwnProperty.
  if (typeof type !== 'string') return undefined;
  return Object.prototype.hasOwnProperty.call(RULES, type) ? RULES[type as OptimizerType] : undefined;
}
