import type { Landscape } from '../../../../core/index.js';
import {
  resolveOptimizerEntries,
  type OptimizerDefaults,
  type OptimizerEntry,
  type Overrides,
} from '../../../shared/optimizers/entries.js';
import type { GdOptimizer } from '../../../optimizer/gd-optimizer.js';
import { DEFAULT_RACE, defaultLearningRate } from './defaults.js';

/** One optimizer in the race, its settings resolved. */
export type RaceEntry = OptimizerEntry;

/**
 * The race's defaults on a landscape: the article's four rules, learning rates suited to
 * it (the bowl's by κ; an author's formula's from its curvature at the start).
 */
export function raceDefaults(landscapeId: string, kappa?: number, landscape?: Landscape, start?: readonly number[]): OptimizerDefaults {
  return { types: DEFAULT_RACE, learningRate: (type) => defaultLearningRate(landscapeId, type, kappa, landscape, start) };
}

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
  return resolveOptimizerEntries(children, overrides, raceDefaults(landscapeId, kappa, landscape, start));
}
