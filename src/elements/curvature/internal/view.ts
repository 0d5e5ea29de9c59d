import { COSTS, costAndSlope, curvatureAt, type CostSpec } from './costs.js';

/** The plot's window onto the cost; kept while it still frames the start well. */
export interface Frame {
  domain: [number, number];
  costRange: [number, number];
  key: string;
}

/** What the plot and the panels show besides the run: the sampled curve and the tangent step at the current point. */
export interface View {
  /** J'(w) at the current point. */
  slope: number;
  /** J''(w) at the current point. */
  localCurvature: number;
  /** Where the tangent step leads, and J there. */
  next: number;
  nextCost: number;
  /** The curve, sampled across the plot. */
  curveW: Float32Array;
  curveJ: Float32Array;
  domain: [number, number];
  costRange: [number, number];
}

const CURVE_SAMPLES = 241;

/** Half the width a fresh plot would have: the start, w* and the cost's landmarks fit with a margin. */
export function freshHalfWidth(spec: CostSpec, init: number): number {
  const far = Math.max(Math.abs(init - spec.minimum), ...COSTS[spec.shape].landmarks(spec.minimum).map((w) => Math.abs(w - spec.minimum)));
  return Math.max(1.25 * far, 1);
}

/**
 * The window onto the cost. A fresh one frames w*, the start and the cost's landmarks
 * with room above the start; the current one (`old`) is kept while it still shows the
 * start and is not far too large, so dragging a slider or the start moves the curve and
 * the point, not the axes (a larger c then really looks steeper).
 */
export function chooseFrame(spec: CostSpec, init: number, old: Frame | undefined): Frame {
  const half = freshHalfWidth(spec, init);
  const domain: [number, number] = [spec.minimum - half, spec.minimum + half];
  const hump = spec.shape === 'double-well' ? 3 * (spec.curvature / 8) : 0;
  const [startCost, edgeLeft, edgeRight] = costAndSlope(spec, [init, domain[0], domain[1]]).cost;
  let top = Math.max(1.3 * startCost, hump);
  if (!(top > 0)) top = 0.6 * Math.min(edgeLeft, edgeRight);
  if (!(top > 0)) top = 1;
  const key = `${spec.shape}|${spec.minimum}`;
  if (old && old.key === key) {
    const [left, right] = old.domain;
    const oldHalf = (right - left) / 2;
    const [bottom, oldTop] = old.costRange;
    const margin = 0.05 * oldHalf;
    const startVisible = init >= left + margin && init <= right - margin && startCost <= oldTop / 1.05 && startCost >= bottom;
    if (startVisible && half >= oldHalf / 3 && top >= oldTop / 6) return old;
  }
  // Below zero: room for the tangent's prediction, which undershoots once αc > ½.
  return { domain, costRange: [-0.2 * top, top], key };
}

/** The curve sampled across the frame (one tfjs evaluation); the tangent step is filled in by `tangentStep`. */
export function sampleCurve(spec: CostSpec, frame: Frame, init: number): View {
  const { domain, costRange } = frame;
  const points = new Float32Array(CURVE_SAMPLES);
  for (let i = 0; i < CURVE_SAMPLES; i++) points[i] = domain[0] + ((domain[1] - domain[0]) * i) / (CURVE_SAMPLES - 1);
  const { cost } = costAndSlope(spec, points);
  return { slope: 0, localCurvature: NaN, next: init, nextCost: NaN, curveW: points, curveJ: cost, domain, costRange };
}

/** The tangent step from `w` (three tiny tfjs evaluations): J'(w), J''(w), where the step leads and J there. */
export function tangentStep(
  spec: CostSpec,
  w: number,
  learningRate: number,
  localCurvature = curvatureAt(spec, w),
): Pick<View, 'slope' | 'localCurvature' | 'next' | 'nextCost'> {
  const [slope] = costAndSlope(spec, [w]).slope;
  const next = w - learningRate * slope;
  const [nextCost] = costAndSlope(spec, [next]).cost;
  return { slope, localCurvature, next, nextCost };
}

/**
 * How far the drawn window may widen to follow a run, in half-widths of the run's own
 * window. A run that diverges is followed for a few steps (αc = 2.5 needs about six to
 * grow twelvefold); past that the window stays put, still showing the last iterates
 * inside it, and the off-plot marker points to the current one. Zooming out for ever
 * would flatten the whole story into a dot at w* and a wall.
 */
export const FOLLOW_LIMIT = 12;
/** How long the window takes to widen or to go back (none under prefers-reduced-motion). */
const TWEEN_MS = 250;

/**
 * `shown` widened so the `points` (the last iterates and the next one, with J there) and the lows
 * `lows` (where the tangent step ends) fit with a margin, never beyond FOLLOW_LIMIT
 * half-widths of `base` on either side (points farther out are left to the off-plot marker). It only grows: a run that comes back keeps the
 * window it needed, so the picture does not jump back and forth.
 */
export function widenFrame(base: Frame, shown: Frame, points: readonly { w: number; cost: number }[], lows: number[]): Frame {
  const half = (base.domain[1] - base.domain[0]) / 2;
  const mid = (base.domain[0] + base.domain[1]) / 2;
  const limit: [number, number] = [mid - FOLLOW_LIMIT * half, mid + FOLLOW_LIMIT * half];
  // A point past the limit is not chased at all: the window keeps framing the iterates
  // before it, and the plot's marker points to where it went.
  const inside = points.filter(({ w }) => w >= limit[0] && w <= limit[1]);
  if (inside.length === 0) return shown;
  const margin = 0.08 * (shown.domain[1] - shown.domain[0]);
  const left = Math.max(limit[0], Math.min(shown.domain[0], ...inside.map(({ w }) => w - margin)));
  const right = Math.min(limit[1], Math.max(shown.domain[1], ...inside.map(({ w }) => w + margin)));
  const costs = inside.map(({ cost }) => cost).filter(Number.isFinite);
  const [bottom, top] = shown.costRange;
  const newTop = Math.max(top, ...costs.map((j) => 1.1 * j));
  // The tangent's prediction can dive far below zero (αc = 3 puts it at −2.5c d²); the
  // window follows it down to 1.5 times the top, enough to show the step's arrow.
  const low = Math.min(...lows.filter(Number.isFinite), Infinity);
  const newBottom = Math.max(Math.min(bottom, low - 0.05 * (newTop - Math.min(bottom, low))), -1.5 * newTop);
  if (left === shown.domain[0] && right === shown.domain[1] && newTop === top && newBottom === bottom) return shown;
  return { domain: [left, right], costRange: [newBottom, newTop], key: shown.key };
}

const sameFrame = (a: Frame, b: Frame) =>
  a.domain[0] === b.domain[0] && a.domain[1] === b.domain[1] && a.costRange[0] === b.costRange[0] && a.costRange[1] === b.costRange[1];

/**
 * The window the plot draws: the run's own window (`base`, kept across slider drags by
 * `chooseFrame`), widened as the run needs it. Changes glide over TWEEN_MS through
 * `paint`, or jump under prefers-reduced-motion or off-page.
 */
export class FollowingFrame {
  base?: Frame;
  /** Where the window is going (the last frame `paint` will get). */
  target?: Frame;
  private drawn?: Frame;
  private tween = 0;

  constructor(
    private readonly paint: (frame: Frame) => void,
    private readonly live: () => boolean,
  ) {}

  /** A new or reset run: back to its own window (`follow` then widens it for the first step). */
  reset(base: Frame): void {
    this.base = base;
    this.target = base;
  }

  /** Widens the window to show `ws` and `lows` (see `widenFrame`) and draws it. */
  follow(points: readonly { w: number; cost: number }[], lows: number[]): void {
    if (!this.base || !this.target) return;
    this.target = widenFrame(this.base, this.target, points, lows);
    this.moveTo(this.target);
  }

  private moveTo(target: Frame): void {
    const from = this.drawn;
    if (from && sameFrame(from, target)) return;
    cancelAnimationFrame(this.tween);
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (!from || from.key !== target.key || reduced || !this.live()) {
      this.draw(target);
      return;
    }
    const start = performance.now();
    const mix = (a: number, b: number, t: number) => a + (b - a) * t;
    const tick = () => {
      // Off the page (or a newer target): finish at once.
      const t = this.live() ? Math.min(1, (performance.now() - start) / TWEEN_MS) : 1;
      const eased = 1 - (1 - t) ** 3;
      this.draw({
        domain: [mix(from.domain[0], target.domain[0], eased), mix(from.domain[1], target.domain[1], eased)],
        costRange: [mix(from.costRange[0], target.costRange[0], eased), mix(from.costRange[1], target.costRange[1], eased)],
        key: target.key,
      });
      if (t < 1) this.tween = requestAnimationFrame(tick);
      else this.draw(target);
    };
    this.tween = requestAnimationFrame(tick);
  }

  private draw(frame: Frame): void {
    this.drawn = frame;
    this.paint(frame);
  }
}

/** `view` redrawn onto `frame`: the curve resampled, the tangent step kept. */
export function reframe(spec: CostSpec, view: View, frame: Frame): View {
  const { curveW, curveJ, domain, costRange } = sampleCurve(spec, frame, view.next);
  return { ...view, curveW, curveJ, domain, costRange };
}
