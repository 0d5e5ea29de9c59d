/** What gradient descent does near a minimum of curvature c with step size α. */
export type Regime = 'converging' | 'oscillating' | 'periodic' | 'diverging';

/**
 * Near the minimum J ≈ ½c(w − w*)², so one step maps the distance to the minimum by
 * w_{k+1} − w* = (1 − αc)(w_k − w*). The factor 1 − αc decides the regime:
 * in (0, 1] straight in (αc = 1 lands on w* in one step), in (−1, 0) in with
 * alternating sides, exactly −1 bounces between two points, below −1 out.
 * αc = 2 is compared with a small relative tolerance so that α = 2/c typed as a
 * decimal (2/3 → 0.6666666667) still reads as the boundary it is meant to be.
 */
export function regimeOf(learningRate: number, curvature: number): Regime {
  const product = learningRate * curvature;
  if (Math.abs(product - 2) <= 1e-9 * 2) return 'periodic';
  if (product <= 1) return 'converging';
  if (product < 2) return 'oscillating';
  return 'diverging';
}

/** The factor 1 − αc by which each step scales the distance to the minimum. */
export const contraction = (learningRate: number, curvature: number) => 1 - learningRate * curvature;

/**
 * The regime along one run, on a cost whose curvature changes with w: what αJ''(w) says
 * at the current point, what it said at the start, and the step at which it last changed.
 */
export interface RegimeTrack {
  /** αJ''(w) at the current point and at the start. */
  product: number;
  start: number;
  regime: Regime;
  startRegime: Regime;
  changedAt?: number;
}

/** The track after the run reached `iteration` with αJ''(w) = `product` there (a fresh one at iteration 0). */
export function trackRegime(previous: RegimeTrack | undefined, iteration: number, product: number): RegimeTrack | undefined {
  if (!Number.isFinite(product)) return previous;
  const regime = regimeOf(product, 1);
  if (!previous || iteration === 0) return { product, start: product, regime, startRegime: regime };
  return { ...previous, product, regime, changedAt: regime === previous.regime ? previous.changedAt : iteration };
}
