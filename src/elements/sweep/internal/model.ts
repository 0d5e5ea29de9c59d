import {
  ParticleRun,
  hessianAt,
  initBackend,
  largestEigenvalue,
  type BackendPreference,
  type Hyperparameters,
  type Landscape,
  type OptimizerType,
  type ParticleStatus,
} from '../../../core/index.js';
import { SWEEP_RULES, axisValues, type SweepAxis } from './axes.js';
import { lineObjective, type LineObjective, type LineSweepData } from './line-data.js';

/** Everything that decides a sweep's numbers; a change to any of it means a new run. */
export interface SweepConfig {
  landscape: Landscape;
  /** The line fit's data: each cell fits ŷ = wx + b by mini-batch steps instead of walking `landscape`. */
  data?: LineSweepData;
  optimizer: OptimizerType;
  start: [number, number];
  /** Updates every cell makes (with `epochs`, the most any row makes: the batch-size-1 row's). */
  steps: number;
  /**
   * With the line fit's data: every cell makes this many passes over the data instead of
   * `steps` updates, so a row of batch size b makes epochs·⌈m/b⌉ updates: equal work
   * (examples seen) for every row.
   */
  epochs?: number;
  x: SweepAxis;
  xRange: [number, number];
  /** The second axis of a heat map; absent for a 1-D sweep. */
  y?: SweepAxis;
  yRange?: [number, number];
  /** Cells per axis. */
  cells: number;
  backend?: BackendPreference;
}

/** A cell's swept settings: the rule's hyperparameters by core name, the batch size on the line fit's data, the rule of an optimizer row. */
export type SweepValues = Partial<Hyperparameters> & { batchSize?: number; optimizer?: OptimizerType };

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
  /** The updates this cell makes in all (its row's share of the work with `epochs`, else `steps`). */
  updates: number;
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

  /** Each row's budget of updates: `steps`, or with `epochs` epochs·⌈m/b⌉ for the row's batch size b. */
  readonly budgets: number[];
  /** Rows that have made their budget, as they were then (they keep running in the batch, unseen). */
  private readonly frozen = new Map<number, SweepCell[]>();

  private constructor(readonly config: SweepConfig) {
    this.xValues = axisValues(config.x, config.xRange, config.cells);
    this.yValues = config.y && config.yRange ? axisValues(config.y, config.yRange, config.cells) : [NaN];
    const batchRows = config.y?.name === 'batchSize';
    const ruleRows = config.y?.name === 'optimizer';
    const particles = [];
    for (const yValue of this.yValues) {
      for (const xValue of this.xValues) {
        const optimizer = {
          type: ruleRows ? SWEEP_RULES[yValue] : config.optimizer,
          [config.x.name]: xValue,
          ...(config.y && !batchRows && !ruleRows ? { [config.y.name]: yValue } : {}),
        };
        particles.push({ start: [...config.start], optimizer });
      }
    }
    // Rows are batch sizes on the batch axis; otherwise every cell takes the full batch.
    const batches = config.data ? (batchRows ? this.yValues : this.yValues.map(() => config.data!.size)) : [];
    this.budgets = this.yValues.map((_, row) =>
      config.data && config.epochs !== undefined ? config.epochs * Math.ceil(config.data.size / batches[row]) : config.steps,
    );
    // A cell needs where its run ended, not its path: 4096 cells × 10⁴ steps of kept
    // points would be gigabytes.
    const shared = { particles, backend: config.backend ?? 'auto', trajectory: 'latest' } as const;
    if (config.data) {
      this.objective = lineObjective(config.data, batches, this.columns);
      // The same bound as the line fit's: past it a step on the quadratic bowl is runaway.
      const { cost, reportCost, gradient } = this.objective;
      this.run = new ParticleRun({ ...shared, cost, reportCost, gradient, bound: 1e6 });
      this.lambdaMax = this.objective.lambdaMax;
      this.minimum = this.objective.minimum;
    } else {
      this.run = new ParticleRun({ ...shared, landscape: config.landscape });
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

  /** J at the start, the same for every cell. */
  get startCost(): number {
    return this.run.particles[0]?.costs[0] ?? NaN;
  }

  /** The updates the longest row makes: the run is complete after this many. */
  get totalSteps(): number {
    return Math.max(...this.budgets);
  }

  get done(): boolean {
    return this.iteration >= this.totalSteps;
  }

  /** The backend the cells' tensors live on. */
  get backend(): string {
    return this.run.backend;
  }

  /**
   * Up to `k` more updates of every cell, never past the longest row's budget; returns
   * how many were made. A call stops at the next row's budget, so that row is kept as
   * it is then (with `epochs`, rows reach their budgets at different updates).
   */
  step(k: number): number {
    let made = 0;
    while (made < k && !this.done) {
      const iteration = this.iteration;
      const next = Math.min(...this.budgets.filter((b) => b > iteration));
      const n = Math.min(k - made, next - iteration);
      this.run.step(n);
      made += n;
      this.freezeFinishedRows();
    }
    return made;
  }

  /** Keeps every row that has just made its budget as it is now. */
  private freezeFinishedRows(): void {
    const iteration = this.iteration;
    this.budgets.forEach((budget, row) => {
      if (budget === iteration && !this.frozen.has(row)) this.frozen.set(row, this.liveRow(row));
    });
  }

  /** Row `row`'s cells as the run has them now. */
  private liveRow(row: number): SweepCell[] {
    const { x, y } = this.config;
    return this.xValues.map((xValue, column) => {
      const particle = this.run.particles[row * this.columns + column];
      const values: SweepValues = { [x.name]: xValue };
      if (y?.name === 'optimizer') values.optimizer = SWEEP_RULES[this.yValues[row]];
      else if (y) values[y.name] = this.yValues[row];
      const cost = particle.costs[particle.costs.length - 1];
      return { column, row, values, cost, status: particle.status, stoppedAt: particle.stoppedAt, updates: this.budgets[row] };
    });
  }

  /** The cells in reading order (row 0 first): each with its latest cost and status, or as it was at its row's budget. */
  cells(): SweepCell[] {
    return this.yValues.flatMap((_, row) => this.frozen.get(row) ?? this.liveRow(row));
  }

  reset(): void {
    this.run.reset();
    this.frozen.clear();
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
