import { LANDSCAPE_IDS, OPTIMIZER_TYPES, getOptimizer, type Landscape, type OptimizerType } from '../../../core/index.js';
import { isOneOf, parsePair } from '../../shared/parse.js';
import { KAPPA_RULE, numberRule, type PropertyRule } from '../../shared/rules.js';
import { AXIS_WORDS, SWEEP_AXES, SWEEP_RULES, axisOf, checkAxisRange, type SweepAxis, type SweepSetting } from './axes.js';
import { LINE_FIT_START, type LineSweepData } from './line-data.js';
import type { SweepConfig } from './model.js';

/** Every cell makes at most this many updates (a 64 × 64 sweep of 10⁴ steps is already 4·10⁷ updates). */
export const MAX_STEPS = 10_000;
/** The largest line-fit dataset, as in `<gd-line-fit>`. */
const MAX_SIZE = 100_000;
/** The data a sweep can run on instead of a landscape. */
const DATA_WORDS = ['line-fit'];

/** What the rules read from the element while they judge a value. */
export interface RuleContext {
  landscape: Landscape;
  data: string | null;
  x: SweepSetting;
  y: string | null;
}

/** The sweep's own attributes (the element adds the shared ones). */
export function sweepRules(el: RuleContext): Record<string, PropertyRule> {
  const { w1, w2 } = el.landscape.domain;
  const inside = (p: [number, number] | undefined) =>
    p !== undefined &&
    (el.data === 'line-fit'
      ? Math.abs(p[0]) <= 1000 && Math.abs(p[1]) <= 1000
      : p[0] >= w1[0] && p[0] <= w1[1] && p[1] >= w2[0] && p[1] <= w2[1]);
  const yWords = [...AXIS_WORDS, 'batch-size', 'optimizer'];
  return {
    landscape: { attribute: 'landscape', accepts: `one of ${LANDSCAPE_IDS.join(', ')}`, valid: isOneOf(LANDSCAPE_IDS), fallback: 'bowl' },
    optimizer: {
      attribute: 'optimizer',
      accepts: `one of ${OPTIMIZER_TYPES.join(', ')}`,
      valid: isOneOf(OPTIMIZER_TYPES),
      fallback: 'sgd',
    },
    data: {
      attribute: 'data',
      accepts: `one of ${DATA_WORDS.join(', ')} (unset: the landscape)`,
      valid: isOneOf(DATA_WORDS),
      fallback: null,
    },
    start: {
      attribute: 'start',
      accepts:
        el.data === 'line-fit'
          ? 'two numbers "w,b" from -1000 to 1000'
          : `two numbers "w1,w2" inside the plotted area (w1 from ${w1[0]} to ${w1[1]}, w2 from ${w2[0]} to ${w2[1]})`,
      valid: (value) => inside(parsePair(value)),
      normalize: (value) => parsePair(value)!.join(','),
      fallback: null,
    },
    steps: numberRule('steps', { min: 1, max: MAX_STEPS, integer: true }, 50),
    x: { attribute: 'x', accepts: `one of ${AXIS_WORDS.join(', ')}`, valid: isOneOf(AXIS_WORDS), fallback: 'learning-rate' },
    xRange: pairRule('x-range', () => SWEEP_AXES[el.x]),
    y: {
      attribute: 'y',
      accepts: `one of ${yWords.join(', ')}, different from x`,
      valid: (v) => isOneOf(yWords)(v) && v !== el.x,
      fallback: null,
    },
    // A row per optimizer has no range to set.
    yRange: pairRule('y-range', () => (el.y === 'optimizer' ? undefined : axisOf(el.y))),
    cells: numberRule('cells', { min: 2, max: 64, integer: true }, 40),
    kappa: KAPPA_RULE,
    epochs: numberRule(
      'epochs',
      { min: 1, max: MAX_STEPS, integer: true },
      null,
      'a whole number of passes over the data from 1 to 10000 (with data="line-fit")',
    ),
    size: numberRule('size', { min: 2, max: MAX_SIZE, integer: true }, 100),
    noise: numberRule('noise', { min: 0, max: 100 }, 0.5),
    trueSlope: numberRule('true-slope', { min: -1000, max: 1000 }, 2),
    trueIntercept: numberRule('true-intercept', { min: -1000, max: 1000 }, -1),
  };
}

/** The element's validated settings (each already passed its own rule). */
export interface SweepSettings {
  landscape: Landscape;
  /** `line-fit`, or null for the landscape. */
  data: string | null;
  /** The line fit's dataset (read only with `data`). */
  lineData: LineSweepData;
  optimizer: OptimizerType;
  start: string | null;
  steps: number;
  /** Passes over the line fit's data instead of `steps` (null: count updates). */
  epochs: number | null;
  x: SweepSetting;
  xRange: string | null;
  y: string | null;
  yRange: string | null;
  cells: number;
}

/** A pair "from,to" as text or a two-number array, stored as the text. */
export function pairRule(attribute: string, axisOf: () => SweepAxis | undefined): PropertyRule {
  return {
    attribute,
    accepts: `two numbers "from,to" with from < to inside the range of the swept setting (from 1e-30 up on a log axis)`,
    valid: (value) => {
      const axis = axisOf();
      return axis ? checkAxisRange(axis, parsePair(value)) === undefined : parsePair(value) !== undefined;
    },
    normalize: (value) => parsePair(value)!.join(','),
    fallback: null,
  };
}

/**
 * The settings as one consistent sweep, or why they are not one: each attribute is
 * checked on its own by its rule; this checks them together (a range that fits the
 * axis, an axis the optimizer reads).
 */
export function resolveConfig(settings: SweepSettings): SweepConfig | string {
  const landscape = settings.landscape;
  const ruleRows = settings.y === 'optimizer';
  const rules = ruleRows ? SWEEP_RULES.map((type) => getOptimizer(type)!) : [getOptimizer(settings.optimizer)!];
  const x = SWEEP_AXES[settings.x];
  const y = axisOf(settings.y);
  const data = settings.data === 'line-fit' ? settings.lineData : undefined;
  if (y?.scale === 'batch' && !data)
    return 'y="batch-size" needs data="line-fit" (a landscape has no data points to batch). Showing the last good sweep.';
  if (settings.epochs !== null && !data)
    return 'epochs needs data="line-fit" (an epoch is a pass over the data). Showing the last good sweep.';
  for (const rule of rules) {
    for (const axis of [x, y]) {
      if (axis && axis.scale !== 'batch' && axis.scale !== 'rule' && !rule.hyperparameters.includes(axis.name as never))
        return `${rule.name} has no setting ${axis.word} (it reads ${rule.hyperparameters.join(', ')}). Showing the last good sweep.`;
    }
  }
  const xRange = settings.xRange ? parsePair(settings.xRange)! : x.defaultRange;
  const yDefault = y?.scale === 'batch' && data ? ([1, data.size] as [number, number]) : y?.defaultRange;
  const yRange = y ? (settings.yRange && !ruleRows ? parsePair(settings.yRange)! : yDefault) : undefined;
  if (y?.scale === 'batch' && data && yRange && yRange[1] > data.size)
    return `y-range=${yRange.join(',')} has batches larger than the data (size=${data.size}). Showing the last good sweep.`;
  for (const [axis, range, word] of [
    [x, xRange, 'x-range'],
    [y, yRange, 'y-range'],
  ] as const) {
    const problem = axis && axis.scale !== 'rule' && checkAxisRange(axis, range);
    if (problem) return `${word}=${range?.join(',')} does not fit ${axis.word}: expected ${problem}. Showing the last good sweep.`;
  }
  const epochs = data && settings.epochs !== null ? settings.epochs : undefined;
  // The smallest batch makes the most updates: epochs·⌈m/b⌉ of them, within a sweep's limit.
  const smallest = y?.scale === 'batch' && yRange ? yRange[0] : data?.size;
  const steps = epochs !== undefined && data ? epochs * Math.ceil(data.size / smallest!) : settings.steps;
  if (steps > MAX_STEPS)
    return `epochs=${epochs} takes ${steps} updates at batch size ${smallest}, more than ${MAX_STEPS}: fewer epochs, fewer points or larger batches. Showing the last good sweep.`;
  const start = (settings.start ? parsePair(settings.start) : undefined) ?? (data ? LINE_FIT_START : landscape.start);
  return { landscape, data, optimizer: settings.optimizer, start, steps, epochs, x, xRange, y, yRange, cells: settings.cells };
}

/** The settings as a key: a different key means a new run. */
export function configKey(config: SweepConfig): string {
  const data = config.data;
  return [
    // The TeX tells bowls of different κ apart.
    data
      ? ['line-fit', data.size, data.noise, data.trueSlope, data.trueIntercept, data.seed].join(':')
      : `${config.landscape.id}:${config.landscape.tex}`,
    config.optimizer,
    config.start,
    config.steps,
    config.epochs,
    config.x.word,
    config.xRange,
    config.y?.word,
    config.yRange,
    config.cells,
  ].join('|');
}
