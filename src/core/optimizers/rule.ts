import type * as tf from '../tf.js';

/** Every update rule of the core, by the name an author writes (`type="adam"`). */
export const OPTIMIZER_TYPES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam', 'adamw'] as const;
export type OptimizerType = (typeof OPTIMIZER_TYPES)[number];

export type HyperparameterName = 'learningRate' | 'decay' | 'beta' | 'beta1' | 'beta2' | 'epsilon' | 'weightDecay';

/** Every hyperparameter any rule reads; a rule ignores the ones it does not list. */
export type Hyperparameters = Record<HyperparameterName, number>;

/** The hyperparameters a caller may set; missing ones take the rule's defaults. */
export type OptimizerConfig = { type: OptimizerType } & Partial<Hyperparameters>;

export interface RuleStep {
  params: tf.Tensor;
  slots: tf.Tensor[];
}

/**
 * One update rule, its TeX beside its tf ops. `update` sees n particles at once:
 * `params`, `grad` and each slot are [n, P]; every coefficient is an [n, 1] column so
 * each particle has its own learning rate, β, ….
 */
export interface OptimizerRule {
  type: OptimizerType;
  name: string;
  /** KaTeX of the exact rule that `update` applies */
  tex: string;
  /** the hyperparameters this rule reads, in the order a UI should show them */
  hyperparameters: readonly HyperparameterName[];
  defaults: Readonly<Hyperparameters>;
  /** how many [n, P] state tensors the rule carries (V, S, …), all zero at t = 0 */
  slots: number;
  /**
   * The per-particle numbers `update` reads at update t (t = updates already made),
   * computed in float64 on the CPU: α_t, complements like 1 − β (exact before rounding
   * to float32), bias corrections 1 − β^(t+1).
   */
  coefficients(h: Hyperparameters, t: number): Record<string, number>;
  update(params: tf.Tensor, grad: tf.Tensor, slots: tf.Tensor[], c: Record<string, tf.Tensor>): RuleStep;
}

export const COMMON_DEFAULTS: Readonly<Hyperparameters> = {
  learningRate: 0.01,
  decay: 0,
  beta: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0.01,
};
