import * as tf from '../../../core/tf.js';
import {
  ParticleRun,
  costOfRows,
  hessianAt,
  initBackend,
  largestEigenvalue,
  type BackendPreference,
  type Hyperparameters,
  type Landscape,
  type OptimizerType,
  type ParticleStatus,
} from '../../../core/index.js';
import { axisValues, type SweepAxis } from './axes.js';
import { lineObjective, type LineObjective, type LineSweepData } from './line-data.js';

/** Everything that decides a sweep's numbers; a change to any of it means a new run. */
export interface SweepConfig {
  landscape: Landscape;
  /** The line fit's data: each cell fits ŷ = wx + b by mini-batch steps instead of walking `landscape`. */
  data?: LineSweepData;
  optimizer: OptimizerType;
  start: [number, number];
  /** Updates every cell makes. */
  steps: number;
  x: SweepAxis;
  xRange: [number, number];
  /** The second axis of a heat map; absent for a 1-D sweep. */
  y?: SweepAxis;
  yRange?: [number, number];
  /** Cells per axis. */
  cells: number;
  backend?: BackendPreference;
}

/** A cell's swept settings: the rule's hyperparameters by core name, and the batch size on the line fit's data. */
export type SweepValues = Partial<Hyperparameters> & { batchSize?: number };

/** One cell: its hyperparameters and where its run ended. */
export interface SweepCell {
  /** Column (x) and row (y) of the cell; `row` is 0 in a 1-D sweep. */
  column: number;
  row: number;
  /** The swept settings by core name (`learningRate`, `beta`, …, `batchSize`). */
  values: SweepValues;
  /** J at the cell's last point (for a diverged cell: the last point before it left). */
  cost: number;
  status: ParticleStatus;
  /** The update at which the cell's run stopped (converged or diverged), or null. */
  stoppedAt: number | null;
}

/**
 * A sweep as one batched run: every cell is a particle of one `ParticleRun`, with its
 * own hyperparameters as the rule's [n, 1] coefficient columns, so 40 × 40 cells take one
 * tensor op per update, not 1600 runs. Cell (column, row) is particle row · columns + column.
 */
export class SweepModel {
  readonly xValues: number[];
  readonly yValues: number[];
  /**
   * The largest eigenvalue of the Hessian at the start (tf autodiff, a gradient of the
   * gradient), or undefined where it is not a positive finite number. On a quadratic
   * plain gradient descent is stable exactly for α < 2/λ_max.
   */
  readonly lambdaMax: number | undefined;
  /** The lowest cost there is, where it is known in closed form (the line fit's least-squares MSE). */
  readonly minimum: number | undefined;
  private readonly run: ParticleRun;
  private readonly objective?: LineObjective;

  private constructor(readonly config: SweepConfig) {
    this.xValues = axisValues(config.x, config.xRange, config.cells);
    this.yValues = config.y && config.yRange ? axisValues(config.y, config.yRange, config.cells) : [NaN];
    const batchRows = config.y?.name === 'batchSize';
    const particles = [];
    for (const yValue of this.yValues) {
      for (const xValue of this.xValues) {
        const optimizer = {
          type: config.optimizer,
          [config.x.name]: xValue,
          ...(config.y && !batchRows ? { [config.y.name]: yValue } : {}),
        };
        particles.push({ start: [...config.start], optimizer });
      }
    }
    // A cell needs where its run ended, not its path: 4096 cells × 10⁴ steps of kept
    // points would be gigabytes.
    const shared = { particles, backend: config.backend ?? 'auto', trajectory: 'latest' } as const;
    if (config.data) {
      // Rows are batch sizes on the batch axis; otherwise every cell takes the full batch.
      const batches = batchRows ? this.yValues : this.yValues.map(() => config.data!.size);
      this.objective = lineObjective(config.data, batches, this.columns);
      // The same bound as the line fit's: past it a step on the quadratic bowl is runaway.
      this.run = new ParticleRun({ ...shared, cost: this.objective.cost, reportCost: this.objective.reportCost, bound: 1e6 });
      this.lambdaMax = this.objective.lambdaMax;
      this.minimum = this.objective.minimum;
    } else {
      this.run = new ParticleRun({ ...shared, cost: (params: tf.Tensor2D) => costOfRows(config.landscape, params) });
      this.lambdaMax = stabilityCurvature(config.landscape, config.start);
    }
  }

  /** Waits for the shared backend, then builds the run (iteration 0). */
  static async create(config: SweepConfig): Promise<SweepModel> {
    await initBackend();
    return new SweepModel(config);
  }

  get columns(): number {
    return this.xValues.length;
  }

  get rows(): number {
    return this.yValues.length;
  }

  /** Updates made so far (at most `steps`). */
  get iteration(): number {
    return this.run.iteration;
  }

  get done(): boolean {
    return this.iteration >= this.config.steps;
  }

  /** The backend the cells' tensors live on. */
  get backend(): string {
    return this.run.backend;
  }

  /** Up to `k` more updates of every cell, never past `steps`; returns how many were made. */
  step(k: number): number {
    const n = Math.max(0, Math.min(k, this.config.steps - this.iteration));
    if (n > 0) this.run.step(n);
    return n;
  }

  /** The cells in reading order (row 0 first), each with its latest cost and status. */
  cells(): SweepCell[] {
    const { x, y } = this.config;
    return this.run.particles.map((particle, index) => {
      const column = index % this.columns;
      const row = Math.floor(index / this.columns);
      const values: SweepValues = { [x.name]: this.xValues[column] };
      if (y) values[y.name] = this.yValues[row];
      const cost = particle.costs[particle.costs.length - 1];
      return { column, row, values, cost, status: particle.status, stoppedAt: particle.stoppedAt };
    });
  }

  reset(): void {
    this.run.reset();
  }

  /** Frees the tensors and keeps the state: the next step rebuilds them (the element left the page). */
  release(): void {
    this.run.releaseTensors();
    this.objective?.dispose();
  }

  dispose(): void {
    this.run.dispose();
    this.objective?.dispose();
  }
}

/**
 * The learning rate past which momentum (V ← βV + (1−β)dW, W ← W − αV) diverges on a
 * quadratic of top curvature λ: it is the heavy ball with step η = α(1−β), stable for
 * 0 < ηλ < 2(1+β), so \alpha_{\text{edge}}(\beta) = \frac{2(1+\beta)}{(1-\beta)\,\lambda_{\max}}
 * (2/λ_max at β = 0).
 */
export function momentumEdge(lambdaMax: number, beta: number): number {
  return (2 * (1 + beta)) / ((1 - beta) * lambdaMax);
}

/** λ_max at `point`, or undefined where the second derivatives cannot be taken (a kernel the kit does not ship). */
function stabilityCurvature(landscape: Landscape, point: readonly number[]): number | undefined {
  try {
    return largestEigenvalue(hessianAt(landscape, point));
  } catch {
    return undefined;
  }
}
