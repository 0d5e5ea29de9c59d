import * as tf from '../tf.js';
import type { Landscape } from './landscape.js';
import { beale, booth, goldsteinPrice, himmelblau, matyas, mccormick, rosenbrock } from './classic.js';
import { ackley, rastrigin, sixHumpCamel, styblinskiTang, threeHumpCamel } from './multimodal.js';
import { DEFAULT_BOWL_KAPPA, bowl, saddle } from './quadratic.js';

export type { Landscape, LandscapeGradient, Minimum, Vec2 } from './landscape.js';
export { DEFAULT_FORMULA_DOMAIN, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, findFormulaMinima, formulaTex, parseFormula } from './formula.js';
export type { FormulaError, FormulaFunction, FormulaNode, FormulaResult } from './formula.js';
export {
  DEFAULT_BOWL_KAPPA,
  ackley,
  beale,
  booth,
  bowl,
  goldsteinPrice,
  himmelblau,
  matyas,
  mccormick,
  rastrigin,
  rosenbrock,
  saddle,
  sixHumpCamel,
  styblinskiTang,
  threeHumpCamel,
};

export const LANDSCAPE_IDS = [
  'himmelblau',
  'rosenbrock',
  'goldstein-price',
  'styblinski-tang',
  'beale',
  'booth',
  'matyas',
  'mccormick',
  'three-hump-camel',
  'six-hump-camel',
  'rastrigin',
  'ackley',
  'saddle',
  'bowl',
] as const;
export type LandscapeId = (typeof LANDSCAPE_IDS)[number];

export const DEFAULT_LANDSCAPE: LandscapeId = 'himmelblau';

const FIXED: Record<Exclude<LandscapeId, 'bowl'>, Landscape> = {
  himmelblau,
  rosenbrock,
  'goldstein-price': goldsteinPrice,
  'styblinski-tang': styblinskiTang,
  beale,
  booth,
  matyas,
  mccormick,
  'three-hump-camel': threeHumpCamel,
  'six-hump-camel': sixHumpCamel,
  rastrigin,
  ackley,
  saddle,
};

/** The landscape with this id, or `undefined` for an unknown id. `kappa` shapes `bowl`. */
export function getLandscape(id: string, options: { kappa?: number } = {}): Landscape | undefined {
  // Pages pass anything; a non-string would throw inside hasOwnProperty.
  if (typeof id !== 'string') return undefined;
  if (id === 'bowl') return bowl(options.kappa);
  return Object.prototype.hasOwnProperty.call(FIXED, id) ? FIXED[id as keyof typeof FIXED] : undefined;
}

/** J for each row (w₁, w₂) of an [N, 2] tensor, as an [N] tensor. */
export function costOfRows(landscape: Landscape, params: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [w1, w2] = tf.split(params, 2, 1);
    return tf.reshape<tf.Rank.R1>(landscape.fn(w1, w2), [-1]);
  });
}
