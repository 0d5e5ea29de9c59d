import { inverseTimeDecay, type LineStats } from '../../../core/index.js';
import type { LineDataset } from './dataset.js';
import type { LineFitHistoryEntry } from './trainer.js';

/*
 * What the line fit explains beside the run itself: why a mini-batch step wanders (its
 * gradient next to the full one), where the learning rate stops being stable (the
 * curvature of J, known in closed form from the data), when the cost keeps rising, and
 * which learning rate the next update uses under decay.
 */

/**
 * The Hessian of J(w, b) = (1/m) Σ (w·xᵢ + b − yᵢ)²: constant, because J is a quadratic,
 * H = (2/m) · [[Σx², Σx], [Σx, m]], and its largest eigenvalue.
 */
export function lineHessian(stats: Pick<LineStats, 'm' | 'sumX' | 'sumXX'>): {
  h: [[number, number], [number, number]];
  lambdaMax: number;
} {
  const { m, sumX, sumXX } = stats;
  const a = (2 / m) * sumXX;
  const c = (2 / m) * sumX;
  const d = 2;
  // The larger eigenvalue of the symmetric 2×2 [[a, c], [c, d]].
  const lambdaMax = (a + d) / 2 + Math.hypot((a - d) / 2, c);
  return {
    h: [
      [a, c],
      [c, d],
    ],
    lambdaMax,
  };
}

/** The learning rates where plain gradient descent on J changes character: 1/λ_max (fastest along the steepest direction) and 2/λ_max (the stability bound). */
export function stabilityMarks(stats: Pick<LineStats, 'm' | 'sumX' | 'sumXX'>): { lambdaMax: number; critical: number; bound: number } {
  const { lambdaMax } = lineHessian(stats);
  return { lambdaMax, critical: 1 / lambdaMax, bound: 2 / lambdaMax };
}

/** ∇J at (w, b) over the points `indices` (all points when omitted): (2/B) Σ (w·xᵢ + b − yᵢ)·(xᵢ, 1). */
export function gradientAt(dataset: Pick<LineDataset, 'x' | 'y'>, w: number, b: number, indices?: ArrayLike<number>): [number, number] {
  let gw = 0;
  let gb = 0;
  const count = indices ? indices.length : dataset.x.length;
  for (let k = 0; k < count; k++) {
    const i = indices ? indices[k] : k;
    const r = w * dataset.x[i] + b - dataset.y[i];
    gw += r * dataset.x[i];
    gb += r;
  }
  return [(2 / count) * gw, (2 / count) * gb];
}

/** How many updates in a row, counting back from the last, raised the training cost. */
export function risingSteps(history: readonly LineFitHistoryEntry[]): number {
  let count = 0;
  for (let i = history.length - 1; i > 0; i--) {
    if (!(history[i].cost > history[i - 1].cost)) break;
    count++;
  }
  return count;
}

/** A rise this long is no accident of one batch: the note explains it. */
export const RISING_NOTE_AFTER = 5;

/** The learning rate update `t` (0-based: t updates already made) uses: the core's inverse-time decay. */
export function rateAt(learningRate: number, decay: number, t: number): number {
  return inverseTimeDecay(learningRate, decay, t);
}

/** The trajectory a changed hyperparameter left behind, drawn faded until reset. */
export interface Ghost {
  points: { w: number; b: number }[];
  label: string;
}

/** The settings a ghost is left behind for: those of the optimizer, not of the data or the start. */
const HYPERPARAMETERS = ['learningRate', 'batchSize', 'optimizer', 'decay'] as const;

interface RunLike {
  dataKey: string;
  settings: { learningRate: number; batchSize: number | 'full'; optimizer: string; decay: number };
  trainer: { history: readonly LineFitHistoryEntry[] };
}

/**
 * The ghost after a new run replaced `previous`: the old path when a hyperparameter
 * changed after it had taken steps; the ghost there was when only the start moved or the
 * old run had not stepped (sliding α through many values keeps the first path); none after a
 * reset (the same settings again) or on new data.
 */
export function nextGhost(
  ghost: Ghost | undefined,
  previous: RunLike | undefined,
  next: RunLike,
  format: (value: number) => string,
): Ghost | undefined {
  if (!previous || previous.dataKey !== next.dataKey) return undefined;
  const changed = HYPERPARAMETERS.filter((key) => previous.settings[key] !== next.settings[key]);
  if (!changed.length) return sameStart(previous, next) ? undefined : ghost;
  if (previous.trainer.history.length < 2) return ghost;
  const s = previous.settings;
  const parts = changed.map((key) => {
    if (key === 'learningRate') return `α = ${format(s.learningRate)}`;
    if (key === 'decay') return `decay = ${format(s.decay)}`;
    if (key === 'batchSize') return `batch = ${s.batchSize === 'full' ? 'full' : format(s.batchSize)}`;
    return s.optimizer;
  });
  return { points: previous.trainer.history.map(({ w, b }) => ({ w, b })), label: `before: ${parts.join(', ')}` };
}

function sameStart(previous: RunLike, next: RunLike): boolean {
  const a = previous.trainer.history[0];
  const b = next.trainer.history[0];
  return a.w === b.w && a.b === b.b;
}
