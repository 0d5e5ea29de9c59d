import { getOptimizer, type Landscape, type OptimizerType } from '../../../core/index.js';
import { parsePair } from '../../shared/parse.js';
import type { PropertyRule } from '../../shared/rules.js';
import { SWEEP_AXES, checkAxisRange, type SweepAxis } from './axes.js';
import type { SweepConfig } from './model.js';

/** The element's validated settings (each already passed its own rule). */
export interface SweepSettings {
  landscape: Landscape;
  optimizer: OptimizerType;
  start: string | null;
  steps: number;
  x: string;
  xRange: string | null;
  y: string | null;
  yRange: string | null;
  cells: number;
}

/** A pair "from,to" as text or a two-number array, stored as the text. */
export function pairRule(attribute: string, axisOf: () => SweepAxis | undefined): PropertyRule {
  return {
    attribute,
    accepts: `two numbers "from,to" with from < to inside the range of the swept setting (greater than 0 on a log axis)`,
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
  const rule = getOptimizer(settings.optimizer)!;
  const x = SWEEP_AXES[settings.x];
  const y = settings.y ? SWEEP_AXES[settings.y] : undefined;
  for (const axis of [x, y]) {
    if (axis && !rule.hyperparameters.includes(axis.name))
      return `${rule.name} has no setting ${axis.word} (it reads ${rule.hyperparameters.join(', ')}). Showing the last good sweep.`;
  }
  const xRange = settings.xRange ? parsePair(settings.xRange)! : x.defaultRange;
  const yRange = y ? (settings.yRange ? parsePair(settings.yRange)! : y.defaultRange) : undefined;
  for (const [axis, range, word] of [
    [x, xRange, 'x-range'],
    [y, yRange, 'y-range'],
  ] as const) {
    const problem = axis && checkAxisRange(axis, range);
    if (problem) return `${word}=${range?.join(',')} does not fit ${axis.word}: expected ${problem}. Showing the last good sweep.`;
  }
  const start = (settings.start ? parsePair(settings.start) : undefined) ?? landscape.start;
  return { landscape, optimizer: settings.optimizer, start, steps: settings.steps, x, xRange, y, yRange, cells: settings.cells };
}

/** The settings as a key: a different key means a new run. */
export function configKey(config: SweepConfig): string {
  return [
    config.landscape.id,
    config.optimizer,
    config.start,
    config.steps,
    config.x.word,
    config.xRange,
    config.y?.word,
    config.yRange,
    config.cells,
  ].join('|');
}
