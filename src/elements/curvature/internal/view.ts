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
export function tangentStep(spec: CostSpec, w: number, learningRate: number): Pick<View, 'slope' | 'localCurvature' | 'next' | 'nextCost'> {
  const [slope] = costAndSlope(spec, [w]).slope;
  const next = w - learningRate * slope;
  const [nextCost] = costAndSlope(spec, [next]).cost;
  return { slope, localCurvature: curvatureAt(spec, w), next, nextCost };
}
