import { curvatureScale, type Landscape } from '../../../../core/index.js';
import { DEFAULT_KAPPA } from '../settings.js';

/**
 * Learning rates that make a good race on each landscape from its default start:
 * every optimizer gets somewhere interesting within a few hundred steps. Found by
 * running the core's update rules in float64 over a log grid of α (10⁻⁷ … 1) for 300 steps.
 * Rules without their own entry borrow one: Nesterov → Momentum, Adagrad and
 * AdamW → Adam. The bowl's plain-descent and momentum rates follow κ (see `bowlRates`);
 * an author's formula gets rates from its curvature (see `formulaRates`).
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
  bowl: { sgd: 0.018, momentum: 0.1, rmsprop: 0.1, adam: 0.1 },
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
 * The ravine: plain descent and momentum on the bowl J = ½(w₁² + κw₂²) from (−8, 4),
 * chosen from the closed form so that descent visibly zig-zags and momentum visibly wins.
 *
 * Plain descent scales each coordinate by its own factor every step: w₁ ← (1 − α)w₁ and
 * w₂ ← (1 − ακ)w₂. With α = 1.8/κ the factor across the valley is 1 − 1.8 = −0.8: w₂
 * changes sign at every step while shrinking only by 0.8, so after k steps it is still
 * 4·0.8ᵏ from the floor (0.46 after ten steps, more than 1 % of the path's extent of 8 for
 * the first 17 crossings), a zig-zag the eye follows for about twenty steps. It is also
 * nearly as fast as plain descent can be here (it must keep |1 − ακ| < 1, i.e. α < 2/κ),
 * and still it crawls along the floor: |w₁| = 8(1 − 1.8/κ)ᵏ falls below 0.045 (J < 10⁻³)
 * only after k ≈ ln(180)·κ/1.8 ≈ 2.9κ updates, 286 for κ = 100.
 *
 * Momentum in this form (V ← βV + (1 − β)dW, W ← W − αV) is the heavy ball with step
 * η = α(1 − β) and momentum β: on a direction of curvature λ, w_{k+1} = (1 + β − ηλ)w_k −
 * βw_{k−1}, whose roots z satisfy z² − (1 + β − ηλ)z + β = 0. While they are complex
 * ((1 − √β)² < ηλ < (1 + √β)²) both have |z| = √β, whatever λ is: every direction, the
 * steep one and the flat one alike, shrinks by √0.9 ≈ 0.949 per step, J by 0.9, so J
 * falls from 832 below 10⁻³ in about ln(8·10⁵)/ln(1/0.9) ≈ 130 steps (103 in the run,
 * with the phase of the swing), fewer than half plain descent's 286. Both directions
 * are in that band when (1 − √β)²/(1 − β) ≤ α ≤ (1 + √β)²/((1 − β)κ), i.e.
 * 0.026 ≤ α ≤ 38/κ for β = 0.9; the geometric middle of that band is α ≈ 1/√κ (0.1 for
 * κ = 100), which is what momentum gets. Its α is larger than plain descent's and would
 * make plain descent diverge (α > 2/κ): averaging the gradients cancels most of the
 * sign-flipping component across the valley, which is the article's point.
 *
 * The closed forms are asserted, step by step, by the race's story test.
 */
export function bowlRates(kappa: number): { sgd: number; momentum: number } {
  // Three significant digits, as a reader would type them (1.8/100 is 0.018, not 0.018000000000000002).
  const round = (value: number) => Number(value.toPrecision(3));
  return { sgd: round(Math.min(0.9, 1.8 / kappa)), momentum: round(1 / Math.sqrt(kappa)) };
}

/** The windows' widths an adaptive rule's α is a share of (see `formulaRates`). */
const ADAPTIVE_SHARE: Record<'rmsprop' | 'adam', number> = { rmsprop: 1 / 400, adam: 1 / 40 };

/** A rate shown in the legend and a panel: two significant digits, rounded down (never past the derivation's bound). */
function twoDigits(value: number): number {
  const scale = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.floor(value / scale) * scale).toPrecision(2));
}

const formulaCache = new WeakMap<Landscape, { key: string; rates: Record<ArticleRule, number> }>();

/**
 * Rates for an author's formula, which no table lists, from its curvature: ρ is the
 * largest |eigenvalue| of the Hessian where the race starts and at each minimum found
 * so far (the curvature often grows on the way down: Rosenbrock bends ~200 at the
 * centre of its window, ~1000 at its minimum). They follow the start: a start on a
 * steeper wall gets smaller steps. Plain descent gets 1/ρ: on a quadratic of
 * top curvature ρ that takes the steepest direction to its floor in one step, and it
 * stays stable wherever the curvature is below 2ρ. Momentum gets 3/ρ: averaged gradients
 * that flip sign are shorter than each, so momentum is stable up to 2(1 + β)/((1 − β)ρ) =
 * 38/ρ with β = 0.9, and three times plain descent's α leaves room for curvature that
 * grows on the way. RMSprop and Adam move each coordinate by about α per step whatever
 * the gradient's size (they divide by its running root mean square), so their α is a
 * share of the window instead, the shares the built-in Rosenbrock's rates have of its
 * window of width 4: 1/400 for RMSprop (whose first steps are √10 times α, as S starts
 * at 0), 1/40 for Adam.
 */
function formulaRates(landscape: Landscape, start: readonly number[]): Record<ArticleRule, number> | undefined {
  const points = [start, ...landscape.minima.map((m) => m.position)];
  const key = points.map((p) => p.join(',')).join(';');
  const cached = formulaCache.get(landscape);
  if (cached?.key === key) return cached.rates;
  const scales = points.map((p) => curvatureScale(landscape, p)).filter((s): s is number => s !== undefined);
  if (!scales.length) return undefined;
  const rho = Math.max(...scales);
  const { w1, w2 } = landscape.domain;
  const width = Math.max(w1[1] - w1[0], w2[1] - w2[0]);
  const rates = {
    sgd: twoDigits(1 / rho),
    momentum: twoDigits(3 / rho),
    rmsprop: twoDigits(width * ADAPTIVE_SHARE.rmsprop),
    adam: twoDigits(width * ADAPTIVE_SHARE.adam),
  };
  formulaCache.set(landscape, { key, rates });
  return rates;
}

/**
 * The default learning rate of rule `type` on landscape `landscapeId` (`kappa` shapes the
 * bowl; `landscape`, where given, lets an author's formula get rates from its curvature
 * at `start`, its own start unless given).
 */
export function defaultLearningRate(
  landscapeId: string,
  type: string,
  kappa = DEFAULT_KAPPA,
  landscape?: Landscape,
  start?: readonly number[],
): number {
  const rule = BORROW[type] ?? 'sgd';
  if (landscapeId === 'bowl' && (rule === 'sgd' || rule === 'momentum')) return bowlRates(kappa)[rule];
  const rates = RATES[landscapeId] ?? (landscape && formulaRates(landscape, start ?? landscape.start)) ?? RATES.himmelblau;
  return rates[rule];
}

/** The race without children: the four rules of the reference article. */
export const DEFAULT_RACE = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
