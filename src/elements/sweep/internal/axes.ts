import {
  HYPERPARAMETER_RANGES,
  type OptimizerType,
  describeRange,
  inRange,
  narrowRange,
  type HyperparameterName,
  type NumberRange,
} from '../../../core/index.js';
import { batchSizes } from './line-data.js';

/** A hyperparameter a sweep can vary along one axis. */
export interface SweepAxis {
  /** The attribute word (`learning-rate`, `beta`, …). */
  word: string;
  /** The property name in the core (`learningRate`, `beta`, …), `batchSize` (not the rule's: the data's) or `optimizer` (a row per rule). */
  name: HyperparameterName | 'batchSize' | 'optimizer';
  /** The symbol shown on the plot and in the readout. */
  symbol: string;
  /**
   * Log-spaced cells for rates that span decades; linear cells for β-like fractions;
   * `batch`: whole batch sizes 1, 2, 4, …, m (see `batchSizes`), one row each;
   * `rule`: one row per optimizer of SWEEP_RULES (the values are their places).
   */
  scale: 'log' | 'linear' | 'batch' | 'rule';
  /** The accepted values: the core's range, narrowed to what a log axis can show. */
  range: NumberRange;
  /** The range used when no `x-range`/`y-range` is given. */
  defaultRange: [number, number];
}

/**
 * The axes a sweep accepts. Ranges come from the core's HYPERPARAMETER_RANGES, so a
 * value the sweep accepts is one the core runs; a log axis also needs a lower end
 * greater than 0.
 */
/** The settings a sweep can sweep, by the word an author writes (`x="beta"`). */
export const SWEEP_SETTINGS = ['learning-rate', 'beta', 'beta1', 'beta2', 'epsilon', 'decay'] as const;
export type SweepSetting = (typeof SWEEP_SETTINGS)[number];

export const SWEEP_AXES: Readonly<Record<SweepSetting, SweepAxis>> = {
  'learning-rate': {
    word: 'learning-rate',
    name: 'learningRate',
    symbol: 'α',
    scale: 'log',
    range: HYPERPARAMETER_RANGES.learningRate,
    defaultRange: [1e-3, 2],
  },
  beta: { word: 'beta', name: 'beta', symbol: 'β', scale: 'linear', range: HYPERPARAMETER_RANGES.beta, defaultRange: [0, 0.99] },
  beta1: { word: 'beta1', name: 'beta1', symbol: 'β₁', scale: 'linear', range: HYPERPARAMETER_RANGES.beta1, defaultRange: [0, 0.99] },
  beta2: { word: 'beta2', name: 'beta2', symbol: 'β₂', scale: 'linear', range: HYPERPARAMETER_RANGES.beta2, defaultRange: [0.9, 0.999] },
  epsilon: {
    word: 'epsilon',
    name: 'epsilon',
    symbol: 'ε',
    scale: 'log',
    range: HYPERPARAMETER_RANGES.epsilon,
    defaultRange: [1e-8, 1],
  },
  decay: {
    word: 'decay',
    name: 'decay',
    symbol: 'decay',
    scale: 'log',
    range: narrowRange(HYPERPARAMETER_RANGES.decay, { min: 0, minExclusive: true }),
    defaultRange: [1e-4, 1],
  },
};

export const AXIS_WORDS: readonly string[] = SWEEP_SETTINGS;

/** The y axis of a sweep on the line fit's data: points per update, up to the full batch m. */
export const BATCH_AXIS: SweepAxis = {
  word: 'batch-size',
  name: 'batchSize',
  symbol: 'batch size',
  scale: 'batch',
  range: { min: 1, max: 100_000, integer: true },
  defaultRange: [1, 100],
};

/**
 * The optimizers of a `y="optimizer"` sweep, one row each (bottom to top): the four rules
 * of the reference article, each with its own defaults, over the same learning rates.
 */
export const SWEEP_RULES: readonly OptimizerType[] = ['sgd', 'momentum', 'rmsprop', 'adam'];

/** The y axis of a sweep that compares optimizers: a row per rule. */
export const RULE_AXIS: SweepAxis = {
  word: 'optimizer',
  name: 'optimizer',
  symbol: 'optimizer',
  scale: 'rule',
  range: { min: 0, max: SWEEP_RULES.length - 1, integer: true },
  defaultRange: [0, SWEEP_RULES.length - 1],
};

/** The axis an `x`/`y` word names, `batch-size` and `optimizer` included. */
export const axisOf = (word: string | null | undefined): SweepAxis | undefined =>
  word === 'batch-size'
    ? BATCH_AXIS
    : word === 'optimizer'
      ? RULE_AXIS
      : word && Object.hasOwn(SWEEP_AXES, word)
        ? SWEEP_AXES[word as SweepSetting]
        : undefined;

/**
 * `cells` values from `lo` to `hi`, both ends included: geometric on a log axis
 * (equal ratios between neighbours), arithmetic on a linear one; on the batch axis the
 * batch sizes from `lo` to `hi` whatever `cells` is.
 */
export function axisValues(axis: SweepAxis, [lo, hi]: [number, number], cells: number): number[] {
  if (axis.scale === 'batch') return batchSizes(lo, hi);
  if (axis.scale === 'rule') return SWEEP_RULES.map((_, i) => i);
  const values: number[] = [];
  for (let i = 0; i < cells; i++) {
    const t = cells === 1 ? 0 : i / (cells - 1);
    values.push(axis.scale === 'log' ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo));
  }
  // The ends are exactly what the author typed (exp(log(x)) may differ in the last bit).
  values[0] = lo;
  values[values.length - 1] = hi;
  return values;
}

/**
 * The smallest lower end of a log axis. The axis runs half a cell past its ends, and
 * every cell of it is drawn: from 1e-300, a sweep of 2 cells pads to 1e-453, which is 0
 * in double precision (and the drawn coordinates NaN); the runs are float32, which tell
 * no rate below 1e-38 from 0. From 1e-30 to the largest value any axis takes (1e6), the
 * padded ends stay far inside double precision for every cell count.
 */
export const MIN_LOG_END = 1e-30;

/** Whether `[lo, hi]` is an increasing range of values the axis accepts; otherwise why not. */
export function checkAxisRange(axis: SweepAxis, range: [number, number] | undefined): string | undefined {
  if (!range) return 'two numbers "from,to"';
  const [lo, hi] = range;
  if (!(lo < hi)) return 'two numbers "from,to" with from < to';
  if (axis.scale === 'batch' && !(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1))
    return 'two whole numbers "from,to" from 1 up to the data size';
  if (axis.scale === 'log' && !(lo >= MIN_LOG_END)) return `two numbers "from,to" from ${MIN_LOG_END} up (${axis.word} is on a log axis)`;
  if (!inRange(axis.range, lo) || !inRange(axis.range, hi))
    return `two numbers "from,to", each ${describeRange(axis.range)} (the range of ${axis.word})`;
  return undefined;
}
