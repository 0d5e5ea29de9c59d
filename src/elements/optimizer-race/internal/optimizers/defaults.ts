import { DEFAULT_KAPPA } from '../settings.js';

/**
 * Learning rates that make a good race on each landscape from its default start:
 * every optimizer gets somewhere interesting within a few hundred steps. Found by
 * running the core's update rules in float64 over a log grid of α (10⁻⁷ … 1) for 300 steps.
 * Rules without their own entry borrow one: Nesterov → Momentum, Adagrad and
 * AdamW → Adam.
 */
type ArticleRule = 'sgd' | 'momentum' | 'rmsprop' | 'adam';

const RATES: Record<string, Record<ArticleRule, number>> = {
  himmelblau: { sgd: 0.01, momentum: 0.03, rmsprop: 0.03, adam: 0.1 },
  rosenbrock: { sgd: 0.002, momentum: 0.004, rmsprop: 0.01, adam: 0.1 },
  'goldstein-price': { sgd: 0.000003, momentum: 0.000003, rmsprop: 0.01, adam: 0.3 },
  'styblinski-tang': { sgd: 0.01, momentum: 0.01, rmsprop: 0.01, adam: 0.1 },
  beale: { sgd: 0.01, momentum: 0.01, rmsprop: 0.01, adam: 0.1 },
  booth: { sgd: 0.01, momentum: 0.03, rmsprop: 0.3, adam: 0.3 },
  matyas: { sgd: 0.3, momentum: 0.3, rmsprop: 0.03, adam: 0.3 },
  mccormick: { sgd: 0.03, momentum: 0.03, rmsprop: 0.03, adam: 0.1 },
  'three-hump-camel': { sgd: 0.03, momentum: 0.03, rmsprop: 0.01, adam: 0.03 },
  'six-hump-camel': { sgd: 0.03, momentum: 0.03, rmsprop: 0.01, adam: 0.03 },
  rastrigin: { sgd: 0.003, momentum: 0.003, rmsprop: 0.01, adam: 0.1 },
  ackley: { sgd: 0.1, momentum: 0.1, rmsprop: 0.3, adam: 0.3 },
  saddle: { sgd: 0.01, momentum: 0.01, rmsprop: 0.01, adam: 0.01 },
  // The bowl's plain-descent and momentum rates follow κ (see bowlRate); these are for κ = 50.
  bowl: { sgd: 0.03, momentum: 0.03, rmsprop: 0.1, adam: 0.1 },
};

const BORROW: Record<string, ArticleRule> = {
  sgd: 'sgd',
  momentum: 'momentum',
  nesterov: 'momentum',
  rmsprop: 'rmsprop',
  adagrad: 'adam',
  adam: 'adam',
  adamw: 'adam',
};

/**
 * Plain descent is stable on the bowl only for α < 2/κ. Both it and momentum get
 * α = 1.5/κ (at most 0.5): stable, but zig-zagging across the valley, which is what
 * momentum smooths out. With equal α the comparison is fair.
 */
function bowlRate(kappa: number): number {
  return Math.min(0.5, 1.5 / kappa);
}

/** The default learning rate of rule `type` on landscape `landscapeId` (`kappa` shapes the bowl). */
export function defaultLearningRate(landscapeId: string, type: string, kappa = DEFAULT_KAPPA): number {
  const rates = RATES[landscapeId] ?? RATES.himmelblau;
  const rule = BORROW[type] ?? 'sgd';
  if (landscapeId === 'bowl' && (rule === 'sgd' || rule === 'momentum')) return bowlRate(kappa);
  return rates[rule];
}

/** The race without children: the four rules of the reference article. */
export const DEFAULT_RACE = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
