import { getOptimizer, type HyperparameterName, type OptimizerType } from '../../../core/index.js';
import type { GdOptimizer } from '../../optimizer/gd-optimizer.js';

/** One optimizer of an element (a racer), its settings resolved. */
export interface OptimizerEntry {
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
 * What an element's optimizers default to: the rules it runs without `<gd-optimizer>`
 * children, and each rule's learning rate where a child leaves it unset (suited to the
 * element's problem: a landscape, a network).
 */
export interface OptimizerDefaults {
  types: readonly OptimizerType[];
  learningRate: (type: OptimizerType) => number;
}

/**
 * The optimizers of an element: the `<gd-optimizer>` children (in document order) or the
 * defaults, unset hyperparameters filled in (the learning rate from `defaults`, the rest
 * from the rule).
 */
export function resolveOptimizerEntries(
  children: readonly GdOptimizer[],
  overrides: readonly Overrides[],
  defaults: OptimizerDefaults,
): OptimizerEntry[] {
  const declared: { child?: GdOptimizer; settings: GdOptimizer['settings'] }[] = children.length
    ? children.map((child) => ({ child, settings: child.settings }))
    : defaults.types.map((type) => ({ settings: { type, disabled: false } }));
  return declared.map(({ child, settings }, i) => {
    const rule = getOptimizer(settings.type) ?? getOptimizer('sgd')!;
    const override = overrides[i] ?? {};
    const hyperparameters = { ...rule.defaults, learningRate: defaults.learningRate(rule.type) };
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
