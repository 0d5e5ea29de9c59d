import { curvaturesAt, type CostSpec } from './costs.js';

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
  /** J''(w) and αJ''(w) at the current point; αJ''(w) at the start. */
  curvature: number;
  product: number;
  start: number;
  regime: Regime;
  startRegime: Regime;
  changedAt?: number;
  /** The last iteration looked at. */
  iteration: number;
}

/** The most recent points a track looks at per update (a long step(n) needs one evaluation, not n). */
export const TRACK_WINDOW = 1000;

/**
 * The track after the iterations `first`, `first + 1`, … with αJ''(w) = `products[k]` at
 * each (a fresh track from iteration 0), so a change inside a long step(n) is found at its step.
 */
export function trackRegime(
  previous: RegimeTrack | undefined,
  first: number,
  curvatures: ArrayLike<number>,
  learningRate: number,
): RegimeTrack | undefined {
  let track = first === 0 ? undefined : previous;
  for (let k = 0; k < curvatures.length; k++) {
    const curvature = curvatures[k];
    const product = learningRate * curvature;
    const iteration = first + k;
    if (!Number.isFinite(product)) continue;
    const regime = regimeOf(product, 1);
    track = track
      ? { ...track, curvature, product, regime, iteration, changedAt: regime === track.regime ? track.changedAt : iteration }
      : { curvature, product, start: product, regime, startRegime: regime, iteration };
  }
  return track;
}

/**
 * The track brought up to the last of `entries` (the run's history): αJ''(w) at each new
 * iterate since the track's last look, in one evaluation; a run back at iteration 0 starts afresh.
 */
export function regimeAlong(
  previous: RegimeTrack | undefined,
  entries: readonly { w: number }[],
  spec: CostSpec,
  learningRate: number,
): RegimeTrack | undefined {
  const iteration = entries.length - 1;
  const seen = iteration === 0 ? -1 : (previous?.iteration ?? -1);
  const first = Math.max(seen + 1, iteration + 1 - TRACK_WINDOW);
  const curvatures = curvaturesAt(
    spec,
    entries.slice(first).map((entry) => entry.w),
  );
  return trackRegime(previous, first, curvatures, learningRate);
}
