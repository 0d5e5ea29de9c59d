import type { OptimizerType } from '../../../core/index.js';
import type { OptimizerDefaults } from '../../shared/optimizers/entries.js';

/**
 * Learning rates for a small network (the default 2-8-8-1 tanh network, Xavier init) on
 * the five datasets with the full batch, found by running the four rules over a log grid
 * of α: plain descent and momentum (moving-average form, so the same α means the same
 * step size in the long run) at 0.3 are stable on all five, and RMSprop and Adam at 0.01
 * (their steps are about α per weight whatever the gradient's scale). With these the
 * adaptive rules are far ahead after 100 updates; by 1,000 plain descent has caught up on
 * the training cost, and its test cost is the lower one.
 */
const RATES: Record<OptimizerType, number> = {
  sgd: 0.3,
  momentum: 0.3,
  nesterov: 0.3,
  rmsprop: 0.01,
  adagrad: 0.1,
  adam: 0.01,
  adamw: 0.01,
};

/** The network without children races the article's four rules. */
export const NETWORK_DEFAULTS: OptimizerDefaults = {
  types: ['sgd', 'momentum', 'rmsprop', 'adam'],
  learningRate: (type) => RATES[type] ?? RATES.sgd,
};
