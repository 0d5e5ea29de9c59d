import * as tf from '../../../core/tf.js';
import { ParticleRun, ensureBackend } from '../../../core/index.js';
import { costTensor, type CostSpec } from './costs.js';

export interface HistoryEntry {
  /** Updates applied to reach this point (0 = the start). */
  iteration: number;
  w: number;
  cost: number;
}

export type RunStatus = 'running' | 'converged' | 'diverged';

/**
 * Plain gradient descent on a 1-D cost, stepped by the shared core: one particle with
 * one parameter, the SGD rule, tfjs autodiff for J'(w). The run stops (diverged) once
 * |w − w*| passes about `bound` (the core keeps the last point inside the bound), so
 * the widget never handles infinities or NaN.
 */
export class CurvatureSimulation {
  private readonly run: ParticleRun;
  readonly entries: HistoryEntry[];

  constructor(
    readonly spec: CostSpec,
    readonly learningRate: number,
    readonly start: number,
    readonly bound: number,
  ) {
    // Starting the page's backend is synchronous, so an element can build its run in willUpdate.
    ensureBackend();
    this.run = new ParticleRun({
      // params is [N, 1] (one particle, one parameter); the cost is [N].
      cost: (params: tf.Tensor2D) => tf.reshape<tf.Rank.R1>(costTensor(spec, params), [-1]),
      particles: [{ start: [start], optimizer: { type: 'sgd', learningRate } }],
      // The core's bound is on |w|; ours is on the distance to the minimum.
      bound: Math.abs(spec.minimum) + bound,
      // Zero tolerances switch the core's stop-on-convergence off, so step(n) always
      // makes n updates (αc = 1 lands exactly on w* and stays there); the element
      // decides when a played run has settled.
      tolerance: { step: 0, gradient: 0 },
    });
    this.entries = [];
    this.collect();
  }

  get iteration(): number {
    return this.entries.length - 1;
  }

  get current(): HistoryEntry {
    return this.entries[this.entries.length - 1];
  }

  get status(): RunStatus {
    return this.run.particles[0].status;
  }

  /**
   * Applies up to `count` updates now, with one read-back (fewer once the run has
   * diverged); returns how many were applied. Long requests are cut into frame-sized
   * calls by the element's RunController. A lost WebGL context is handled by the core.
   */
  step(count: number): number {
    const before = this.iteration;
    if (count > 0 && this.status !== 'diverged') this.run.step(count);
    this.collect();
    return this.status === 'diverged' ? this.iteration - before : count;
  }

  /** Frees the tensors and keeps the history: the next step rebuilds them (the element left the page). */
  release(): void {
    this.run.releaseTensors();
  }

  reset(): void {
    this.run.reset();
    this.entries.length = 0;
    this.collect();
  }

  dispose(): void {
    this.run.dispose();
  }

  /** Copies the new points of the core's trajectory into the history. */
  private collect(): void {
    const trajectory = this.run.particles[0];
    for (let k = this.entries.length; k < trajectory.points.length; k++) {
      const w = trajectory.points[k][0];
      const cost = trajectory.costs[k];
      if (!Number.isFinite(w) || !Number.isFinite(cost)) break;
      this.entries.push({ iteration: k, w, cost });
    }
  }
}

/** An earlier run's path, kept faded after α, c or the cost changed, until a reset. */
export interface Ghost {
  ws: number[];
  /** J at each point on the cost drawn now (recomputed when the cost changes again). */
  costs: ArrayLike<number>;
  label: string;
}

/** The most recent points a ghost keeps. */
const GHOST_LENGTH = 200;

/**
 * The ghost `old` leaves when the run is rebuilt for `spec` and `learningRate`: only a run
 * that took steps, and only when a hyperparameter changed (a moved start just restarts).
 * The label names the old values that differ, in the element's number format.
 */
export function ghostOf(
  old: CurvatureSimulation | undefined,
  spec: CostSpec,
  learningRate: number,
  names: Record<string, string>,
  format: (value: number, options?: { digits?: number }) => string,
): Ghost | undefined {
  if (!old || old.iteration === 0) return undefined;
  const changed = [
    old.learningRate !== learningRate ? `α = ${format(old.learningRate, { digits: 3 })}` : '',
    old.spec.curvature !== spec.curvature ? `c = ${format(old.spec.curvature, { digits: 3 })}` : '',
    old.spec.shape !== spec.shape ? (names[old.spec.shape] ?? old.spec.shape).toLowerCase() : '',
  ].filter(Boolean);
  if (changed.length === 0) return undefined;
  const ws = old.entries.slice(-GHOST_LENGTH - 1).map((entry) => entry.w);
  return { ws, costs: [], label: `before: ${changed.join(', ')}` };
}
