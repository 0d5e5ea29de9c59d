import type * as tf from '../tf.js';
import { inverseTimeDecay } from '../schedules.js';

/** Every update rule of the core, by the name an author writes (`type="adam"`). */
export const OPTIMIZER_TYPES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam', 'adamw'] as const;
export type OptimizerType = (typeof OPTIMIZER_TYPES)[number];

export type HyperparameterName = 'learningRate' | 'decay' | 'beta' | 'beta1' | 'beta2' | 'epsilon' | 'weightDecay';

/** Every hyperparameter any rule reads; a rule ignores the ones it does not list. */
export type Hyperparameters = Record<HyperparameterName, number>;

/** The hyperparameters a caller may set; missing ones take the rule's defaults. */
export type OptimizerConfig = { type: OptimizerType } & Partial<Hyperparameters>;

/**
 * Rows `from` … `to` − 1 of a run's state as the fused kernels hold them
 * (`src/core/kernels.ts`): row i is `state[i·stride …]`, its P coordinates W then the
 * rule's slots (P values each); its gradient `grad[i·gradStride …]`; its coefficients
 * (the same float32 values as the tf ops' columns) `table[offset[i] + j]`, in the order
 * of `FusedRule.names`. A row whose `live[i]` is 0 has stopped and is left as it is.
 */
export interface FusedRows {
  state: Float32Array;
  stride: number;
  P: number;
  grad: Float32Array;
  gradStride: number;
  from: number;
  to: number;
  table: Float32Array;
  offset: Int32Array;
  live: Uint8Array;
}

/**
 * The rule as one loop over the rows, for the fused kernels, written from the same
 * formula as `update`: every operation is rounded to float32 (Math.fround) exactly
 * where the tf ops round it, so given the same gradient the two give the same bits.
 * `glsl` is the same update for the webgl kernel.
 */
export interface FusedRule {
  /** the coefficients it reads, in table order */
  names: readonly string[];
  /**
   * Writes the coefficients at update t into `into[at …]`, in `names` order, each worked
   * out in float64 (a Float32Array rounds it once as it is stored): straight into a run's
   * coefficient table, with no object made for them.
   */
  fill(h: Hyperparameters, t: number, into: Float32Array | Float64Array, at: number): void;
  /** whether any coefficient changes with t for these hyperparameters */
  changesWithT(h: Hyperparameters): boolean;
  apply(rows: FusedRows): void;
  /**
   * GLSL ES 3.0 statements updating one coordinate in place: `w` (the coordinate), `s1`,
   * `s2` (its slots) from `g` (its gradient) and `c[j]` (the coefficients, `names` order).
   */
  glsl: string;
}

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
   * to float32), bias corrections 1 − β^(t+1). By name, as `fused.fill` writes them.
   */
  coefficients(h: Hyperparameters, t: number): Record<string, number>;
  update(params: tf.Tensor, grad: tf.Tensor, slots: tf.Tensor[], c: Record<string, tf.Tensor>): RuleStep;
  /** the same update as one loop over rows (cpu) and in GLSL (webgl), for the fused kernels */
  fused: FusedRule;
}

/** A rule with its `coefficients`, keyed by name from its fused `fill`: one formula for both. */
export function withCoefficients(rule: Omit<OptimizerRule, 'coefficients'>): OptimizerRule {
  const { fused } = rule;
  return {
    ...rule,
    coefficients: (h, t) => {
      const row = new Float64Array(fused.names.length);
      fused.fill(h, t, row, 0);
      return Object.fromEntries(fused.names.map((name, j) => [name, row[j]]));
    },
  };
}

/** α_t, β, 1 − β: the coefficients Momentum and Nesterov read, and RMSprop's first three. */
export function fillMomentum(h: Hyperparameters, t: number, into: Float32Array | Float64Array, at: number): void {
  into[at] = inverseTimeDecay(h.learningRate, h.decay, t);
  into[at + 1] = h.beta;
  into[at + 2] = 1 - h.beta;
}

/** Coefficients that change with t only through α_t: constant while decay is 0. */
export const decayChangesWithT = (h: Hyperparameters): boolean => h.decay !== 0;

export const COMMON_DEFAULTS: Readonly<Hyperparameters> = {
  learningRate: 0.01,
  decay: 0,
  beta: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0.01,
};
