import { getOptimizer, type HyperparameterName, type Landscape, type OptimizerType } from '../../../../core/index.js';
import type { GdOptimizer } from '../../../optimizer/gd-optimizer.js';
import { DEFAULT_RACE, defaultLearningRate } from './defaults.js';

/** One optimizer in the race, its settings resolved. */
export interface RaceEntry {
  type: OptimizerType;
  label: string;
  hyperparameters: Record<HyperparameterName, number>;
  disabled: boolean;
  /** the declaring child, or undefined for a default optimizer */
  child?: GdOptimizer;
}

/** Settings made in the panels of the default optimizers (which have no child to hold them). */
export type Overrides = Partial<Record<HyperparameterName | 'disabled', number | boolean>>;

/**
 * The optimizers of a race: the `<gd-optimizer>` children (in document order) or the
 * defaults, unset hyperparameters filled in (the learning rate suited to the landscape).
 */
export function resolveEntries(
  landscapeId: string,
  children: readonly GdOptimizer[],
  overrides: readonly Overrides[],
  kappa?: number,
  /** The landscape itself and the race's start: an author's formula takes its rates from its curvature there. */
  landscape?: Landscape,
  start?: readonly number[],
): RaceEntry[] {
  const declared: { child?: GdOptimizer; settings: GdOptimizer['settings'] }[] = children.length
    ? children.map((child) => ({ child, settings: child.settings }))
    : DEFAULT_RACE.map((type) => ({ settings: { type, disabled: false } }));
  return declared.map(({ child, settings }, i) => {
    const rule = getOptimizer(settings.type) ?? getOptimizer('sgd')!;
    const override = overrides[i] ?? {};
    const hyperparameters = { ...rule.defaults, learningRate: defaultLearningRate(landscapeId, rule.type, kappa, landscape, start) };
    for (const name of Object.keys(hyperparameters) as HyperparameterName[]) {
      const value = override[name] ?? (settings as unknown as Record<string, number | undefined>)[name];
      if (typeof value === 'number') hyperparameters[name] = value;
    }
    return {
      type: rule.type,
      label: settings.label || rule.name,
      hyperparameters,
      disabled: typeof override.disabled === 'boolean' ? override.disabled : settings.disabled,
      child,
    };
  });
}

/** What a race runs: a landscape, one start for every optimizer, the optimizers. */
