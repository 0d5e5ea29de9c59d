import type { HyperparameterName } from './optimizers/rule.js';

/**
 * A closed or half-open interval of accepted numbers. Every element and the core check
 * hyperparameters against the same ranges, so a value one accepts the other runs.
 */
export interface NumberRange {
  min: number;
  max: number;
  /** `min` itself is excluded (e.g. a learning rate must be greater than 0). */
  minExclusive?: boolean;
  /** `max` itself is excluded (e.g. β < 1). */
  maxExclusive?: boolean;
  /** Only whole numbers. */
  integer?: boolean;
}

/** Whether `value` is a finite number inside `range`. */
export function inRange(range: NumberRange, value: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (range.integer && !Number.isInteger(value)) return false;
  if (range.minExclusive ? !(value > range.min) : !(value >= range.min)) return false;
  if (range.maxExclusive ? !(value < range.max) : !(value <= range.max)) return false;
  return true;
}

/** A narrower range inside `range` (the tighter bound of each side wins). */
export function narrowRange(range: NumberRange, limits: Partial<NumberRange>): NumberRange {
  const next: NumberRange = { ...range, ...(limits.integer ? { integer: true } : {}) };
  if (limits.min !== undefined && limits.min >= range.min) {
    next.min = limits.min;
    next.minExclusive = limits.minExclusive ?? (limits.min === range.min ? range.minExclusive : false);
  }
  if (limits.max !== undefined && limits.max <= range.max) {
    next.max = limits.max;
    next.maxExclusive = limits.maxExclusive ?? (limits.max === range.max ? range.maxExclusive : false);
  }
  return next;
}

/** The range in words, for notes and warnings: "a number greater than 0 and at most 10". */
export function describeRange(range: NumberRange): string {
  const kind = range.integer ? 'a whole number' : 'a number';
  const low = `${range.minExclusive ? 'greater than' : 'at least'} ${range.min}`;
  const high = `${range.maxExclusive ? 'less than' : 'at most'} ${range.max}`;
  if (!range.minExclusive && !range.maxExclusive) return `${kind} from ${range.min} to ${range.max}`;
  return `${kind} ${low} and ${high}`;
}

/**
 * The accepted range of every hyperparameter, for the core and every element.
 *
 * The upper bounds keep every number the kit computes or shows finite in float32
 * (largest ~3.4e38): a learning rate of 10⁶ already throws every landscape's particles
 * past the divergence bound in one step, so larger ones only add overflow. ε has a lower
 * bound because float32 rounds anything below ~1e-45 to 0, and ε = 0 divides 0 by 0
 * on the first update of RMSprop, Adagrad and Adam.
 */
export const HYPERPARAMETER_RANGES: Readonly<Record<HyperparameterName, Readonly<NumberRange>>> = {
  learningRate: { min: 0, minExclusive: true, max: 1e6 },
  decay: { min: 0, max: 1e6 },
  beta: { min: 0, max: 1, maxExclusive: true },
  beta1: { min: 0, max: 1, maxExclusive: true },
  beta2: { min: 0, max: 1, maxExclusive: true },
  epsilon: { min: 1e-30, max: 1e6 },
  weightDecay: { min: 0, max: 1e6 },
};
