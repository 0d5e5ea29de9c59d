/**
 * Batched stepping: N independent particles (starts × optimizers × settings) advance
 * together, one [N, P] tensor, one autodiff call and one read-back per `step(k)`.
 *
 * Layout. Particles are grouped by rule and stored group after group (the user's
 * order is restored on read-back), so each step splits the parameters and gradient
 * once, lets each group apply its rule to its rows with per-particle [n, 1] coefficient
 * columns, and concatenates the candidates.
 *
 * Divergence and convergence are decided on read-back, per particle and per step,
 * which keeps the graph to the update itself (kernel count is what costs with tiny
 * tensors). Diverged: a new point with a non-finite coordinate or one beyond ±`bound`,
 * or a non-finite cost; the particle keeps its last good point and stops. Converged:
 * a particle that moved less than
 * `tolerance.step` (max-norm) on a gradient below `tolerance.gradient` (max-norm) has
 * converged; its last move is kept and it stops.
 * A stopped row's trajectory stops growing, so `points.length − 1` is the number of
 * updates it took (`stoppedAt` says it when only the latest point is kept); rows are independent (all rules are elementwise and ∂Σcost/∂row
 * depends on that row only), so a diverged particle never disturbs the others.
 *
 * Every read-back also brings the optimizer state home, so after a backend switch
 * (e.g. a lost WebGL context) the tensors are rebuilt from that snapshot, bit for bit.
 * A read-back from a context that was lost meanwhile is discarded before anything is
 * recorded, and the same updates are made again on cpu from that snapshot.
 *
 * Placement. A run lives on one backend: the one the page forced, or by workload
 * (`backendFor(rows)`: cpu for a handful of particles, webgl for a large batch where
 * the machine measured it faster).
 */
import * as tf from './tf.js';
import {
  backendFor,
  backendGeneration,
  ensureBackend,
  runOn,
  webglContextLost,
  type BackendName,
  type BackendPreference,
} from './backend.js';
import { getOptimizer } from './optimizers/index.js';
import type { Hyperparameters, OptimizerConfig, OptimizerRule, OptimizerType } from './optimizers/rule.js';
import { HYPERPARAMETER_RANGES, describeRange, inRange } from './ranges.js';

export type ParticleStatus = 'running' | 'converged' | 'diverged';

export interface ParticleConfig {
  start: number[];
  optimizer: OptimizerConfig;
}

/** What the CPU knows about one particle after the latest read-back. */
export interface ParticleState {
  readonly start: readonly number[];
  readonly type: OptimizerType;
  /** the hyperparameters in force, defaults filled in */
  readonly hyperparameters: Readonly<Hyperparameters>;
  /** points[0] is the start, points[k] the parameters after k updates (with `trajectory: 'latest'`, points[1] the latest) */
  readonly points: number[][];
  /** costs[k] is the reported cost at points[k] */
  readonly costs: number[];
  status: ParticleStatus;
  /** the update (1-based count) at which the particle stopped, or null while running */
  stoppedAt: number | null;
}

export interface ParticleRunOptions {
  /** the objective whose gradient drives the update, one value per row */
  cost: (params: tf.Tensor2D, iteration: number) => tf.Tensor1D;
  /**
   * the cost recorded in trajectories and checked for divergence; defaults to
   * `cost(params, iteration)` with the iteration index of the point being reported
   */
  reportCost?: (params: tf.Tensor2D) => tf.Tensor1D;
  particles: ParticleConfig[];
  /** a coordinate beyond ±bound counts as diverged (default 1e6) */
  bound?: number;
  /** where the run's tensors live; `auto` (default) lets the workload decide */
  backend?: BackendPreference;
  /**
   * convergence thresholds (max-norms). The gradient default is 1e-4, not 1e-6:
   * near an irrational minimum the float32 gradient carries rounding noise of order
   * 1e-5 and would never fall below 1e-6.
   */
  tolerance?: { step?: number; gradient?: number };
  /**
   * `all` (default) keeps every point; `latest` keeps the start and the latest point
   * only (`points` and `costs` hold at most two entries), for runs of thousands of
   * particles that need where each one ended, not its path.
   */
  trajectory?: 'all' | 'latest';
}

export interface StepResult {
  /** updates made since the start, after this call */
  iteration: number;
  particles: readonly ParticleState[];
  /** particles that stopped during this call */
  stopped: { index: number; status: Exclude<ParticleStatus, 'running'>; iteration: number }[];
  /** how many are still running */
  running: number;
}

interface Group {
  rule: OptimizerRule;
  /** user indices of this group's rows, in storage order */
  members: number[];
  hyperparameters: Hyperparameters[];
  slots: tf.Tensor[];
  slotSnapshot: Float32Array[];
  columns: Map<string, { values: Float32Array; tensor: tf.Tensor2D }>;
}

/** The rule and complete hyperparameters for a config; throws on bad input. */
export function resolveOptimizer(config: OptimizerConfig): { rule: OptimizerRule; hyperparameters: Hyperparameters } {
  const rule = getOptimizer(config.type);
  // The type may be any value a page passed; only text is quoted (a symbol or a bare object cannot be).
  if (!rule)
    throw new RangeError(`unknown optimizer type ${typeof config.type === 'string' ? `"${config.type}"` : `(a ${typeof config.type})`}`);
  const hyperparameters = { ...rule.defaults };
  for (const name of Object.keys(HYPERPARAMETER_RANGES) as (keyof Hyperparameters)[]) {
    const value = config[name];
    if (value === undefined) continue;
    if (!inRange(HYPERPARAMETER_RANGES[name], value)) {
      throw new RangeError(`${config.type}: ${name} = ${String(value)} is out of range (${describeRange(HYPERPARAMETER_RANGES[name])})`);
    }
    hyperparameters[name] = value;
  }
  return { rule, hyperparameters };
}

export class ParticleRun {
  private readonly options: ParticleRunOptions;
  private readonly bound: number;
  private readonly stepTolerance: number;
  private readonly gradientTolerance: number;
  private readonly latestOnly: boolean;
  private readonly dimension: number;
  private readonly groups: Group[] = [];
  /** storage row → user index */
  private readonly order: number[] = [];
  private states: ParticleState[] = [];
  private starts: number[][];
  private paramsSnapshot: Float32Array;
  private params: tf.Tensor2D | null = null;
  private builtFor: { backend: BackendName; generation: number } | null = null;
  private updates = 0;
  private disposed = false;

  constructor(options: ParticleRunOptions) {
    const { particles } = options;
    if (!particles.length) throw new RangeError('ParticleRun needs at least one particle');
    this.dimension = particles[0].start.length;
    if (this.dimension < 1) throw new RangeError('a start needs at least one coordinate');
    this.options = options;
    this.bound = options.bound ?? 1e6;
    this.stepTolerance = options.tolerance?.step ?? 1e-6;
    this.gradientTolerance = options.tolerance?.gradient ?? 1e-4;
    this.latestOnly = options.trajectory === 'latest';
    this.starts = particles.map((p) => this.checkedStart(p.start));

    const resolved = particles.map((p) => resolveOptimizer(p.optimizer));
    const byType = new Map<OptimizerType, Group>();
    resolved.forEach(({ rule, hyperparameters }, index) => {
      let group = byType.get(rule.type);
      if (!group) {
        group = { rule, members: [], hyperparameters: [], slots: [], slotSnapshot: [], columns: new Map() };
        byType.set(rule.type, group);
        this.groups.push(group);
      }
      group.members.push(index);
      group.hyperparameters.push(hyperparameters);
    });
    for (const group of this.groups) this.order.push(...group.members);
    this.paramsSnapshot = new Float32Array(particles.length * this.dimension);
    this.reset();
  }

  /** updates made since the start (or the last reset) */
  get iteration(): number {
    return this.updates;
  }

  /** CPU snapshot per particle, in the order given; arrays grow in place, do not mutate */
  get particles(): readonly ParticleState[] {
    return this.states;
  }

  get size(): number {
    return this.states.length;
  }

  /** The backend the run's tensors live on. */
  get backend(): BackendName {
    this.ensureTensors();
    return (this.builtFor as { backend: BackendName }).backend;
  }

  /** Back to iteration 0, optionally from new starts; optimizer state zeroed. */
  reset(starts?: number[][]): void {
    this.assertAlive();
    if (starts) {
      if (starts.length !== this.states.length && this.states.length) throw new RangeError('reset: one start per particle');
      this.starts = starts.map((s) => this.checkedStart(s));
    }
    const n = this.starts.length;
    const P = this.dimension;
    this.order.forEach((user, row) => this.paramsSnapshot.set(this.starts[user], row * P));
    for (const group of this.groups) {
      group.slotSnapshot = Array.from({ length: group.rule.slots }, () => new Float32Array(group.members.length * P));
    }
    this.updates = 0;
    this.releaseTensors();
    const startCosts = this.startCosts();
    const perUser = new Array<number>(n);
    this.order.forEach((user, row) => (perUser[user] = startCosts[row]));
    const fresh = new Array<ParticleState>(n);
    for (const group of this.groups) {
      group.members.forEach((user, k) => {
        const start = this.starts[user];
        const ok = Number.isFinite(perUser[user]) && start.every((x) => Math.abs(x) <= this.bound);
        fresh[user] = {
          start,
          type: group.rule.type,
          hyperparameters: group.hyperparameters[k],
          points: [start.slice()],
          costs: [perUser[user]],
          status: ok ? 'running' : 'diverged',
          stoppedAt: ok ? null : 0,
        };
      });
    }
    this.states = fresh;
  }

  /** Moves particle i's start and restarts the whole run from iteration 0. */
  setStart(index: number, point: number[]): void {
    const starts = this.starts.map((s) => s.slice());
    if (!(index >= 0 && index < starts.length)) throw new RangeError(`setStart: no particle ${index}`);
    starts[index] = point;
    this.reset(starts);
  }

  /**
   * Changes particle i's hyperparameters from the next update on, keeping its
   * trajectory and optimizer state (for live sliders). The rule type cannot change
   * here: make a new run for that.
   */
  setHyperparameters(index: number, changes: Partial<Hyperparameters>): void {
    this.assertAlive();
    const state = this.states[index];
    if (!state) throw new RangeError(`setHyperparameters: no particle ${index}`);
    const group = this.groups.find((g) => g.rule.type === state.type) as Group;
    const k = group.members.indexOf(index);
    const { hyperparameters } = resolveOptimizer({ ...group.hyperparameters[k], ...changes, type: state.type });
    group.hyperparameters[k] = hyperparameters;
    this.states[index] = { ...state, hyperparameters };
  }

  /**
   * Exactly k updates of every running particle, then one read-back. Returns the
   * snapshot; stopped particles keep their last point.
   */
  step(k = 1): StepResult {
    this.assertAlive();
    if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`step: k must be a whole number ≥ 0, got ${k}`);
    const stopped: StepResult['stopped'] = [];
    if (k === 0 || !this.states.some((state) => state.status === 'running')) {
      this.updates += k;
      return this.result(stopped);
    }
    this.ensureTensors();
    const backend = (this.builtFor as { backend: BackendName }).backend;
    const data = runOn(backend, () => this.advanceAndRead(k));
    // Zeros read back from a context that died meanwhile: nothing was recorded yet, so
    // the same updates are made again on cpu from the snapshot.
    if (backend === 'webgl' && webglContextLost()) return this.step(k);
    return this.record(k, data, stopped);
  }

  /** k updates on the tensors, then the one read-back; the run's state is swapped in. */
  private advanceAndRead(k: number): Float32Array {
    const first = this.updates;
    // Row costs captured inside tf.grad's forward pass must outlive its internal tidy;
    // they are kept there and disposed here once read.
    const kept: tf.Tensor[] = [];

    let out: { params: tf.Tensor; slots: tf.Tensor[][]; packed: tf.Tensor };
    try {
      out = this.advance(k, first, kept);
    } finally {
      kept.forEach((t) => t.dispose());
    }

    const data = out.packed.dataSync() as Float32Array;
    out.packed.dispose();
    this.params?.dispose();
    this.params = out.params as tf.Tensor2D;
    this.groups.forEach((group, j) => {
      group.slots.forEach((slot) => slot.dispose());
      group.slots = out.slots[j];
    });
    return data;
  }

  /** Appends the read-back's k updates to the trajectories and the state snapshot. */
  private record(k: number, data: Float32Array, stopped: StepResult['stopped']): StepResult {
    const first = this.updates;
    const n = this.order.length;
    const P = this.dimension;
    const costOffset = k * n * P;
    const gradientOffset = costOffset + k * n;
    for (let s = 0; s < k; s++) {
      for (let row = 0; row < n; row++) {
        const user = this.order[row];
        const state = this.states[user];
        if (state.status !== 'running') continue;
        const update = first + s + 1;
        const base = (s * n + row) * P;
        const point = Array.from(data.subarray(base, base + P));
        const rowCost = data[costOffset + s * n + row];
        // Diverged: a coordinate beyond ±bound (false for NaN and ±Infinity too) or a
        // cost that is not finite. The particle keeps its last good point and stops;
        // its row may go on to NaN in the tensors, which no other row can see (every
        // rule is elementwise and ∂Σcost/∂row depends on that row only).
        if (!(point.every((x) => Math.abs(x) <= this.bound) && Number.isFinite(rowCost))) {
          state.status = 'diverged';
          state.stoppedAt = update;
          stopped.push({ index: user, status: 'diverged', iteration: update });
          continue;
        }
        const last = state.points[state.points.length - 1];
        if (this.latestOnly && state.points.length > 1) {
          state.points[1] = point;
          state.costs[1] = rowCost;
        } else {
          state.points.push(point);
          state.costs.push(rowCost);
        }
        // Converged: the move (max-norm) and the gradient it came from are both tiny.
        let move = 0;
        for (let j = 0; j < P; j++) move = Math.max(move, Math.abs(point[j] - last[j]));
        if (move < this.stepTolerance && data[gradientOffset + s * n + row] < this.gradientTolerance) {
          state.status = 'converged';
          state.stoppedAt = update;
          stopped.push({ index: user, status: 'converged', iteration: update });
        }
      }
    }
    this.paramsSnapshot = data.slice((k - 1) * n * P, k * n * P);
    let offset = gradientOffset + k * n;
    for (const group of this.groups) {
      group.slotSnapshot = group.slotSnapshot.map((old) => {
        const copy = data.slice(offset, offset + old.length);
        offset += old.length;
        return copy;
      });
    }
    this.updates += k;
    return this.result(stopped);
  }

  /**
   * A new run with this run's cost, options and current hyperparameters, at iteration 0
   * from `starts` (default: the current starts); this run is untouched. A resumable
   * preview: step it in slices (`fork.step(25)`, later `fork.step(75)` gives exactly the
   * trajectories of `preview(100)`), read its `particles`, and dispose it.
   */
  fork(starts: number[][] = this.starts): ParticleRun {
    this.assertAlive();
    const configs = this.states.map((p, i) => ({
      start: starts[i] ?? this.starts[i],
      optimizer: { ...p.hyperparameters, type: p.type },
    }));
    return new ParticleRun({ ...this.options, particles: configs });
  }

  /**
   * The trajectories k updates from `starts` (default: the current starts) would
   * take, leaving this run untouched: for previews.
   */
  preview(k: number, starts: number[][] = this.starts): readonly ParticleState[] {
    const scratch = this.fork(starts);
    try {
      scratch.step(k);
      return scratch.particles;
    } finally {
      scratch.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.releaseTensors();
    this.disposed = true;
  }

  /**
   * k updates in one tidy: the new state and everything to read back, packed in one
   * tensor. Rows move freely here; which rows diverged or converged is decided on the
   * read-back (see step), which keeps the per-step kernel count down.
   */
  private advance(k: number, first: number, kept: tf.Tensor[]): { params: tf.Tensor; slots: tf.Tensor[][]; packed: tf.Tensor } {
    const { cost, reportCost } = this.options;
    const sizes = this.groups.map((g) => g.members.length);
    return tf.tidy(() => {
      let params = this.params as tf.Tensor2D;
      let slots = this.groups.map((g) => g.slots);
      const trail: tf.Tensor[] = [];
      const costs: tf.Tensor[] = [];
      const gradientNorms: tf.Tensor[] = [];
      for (let s = 0; s < k; s++) {
        const t = first + s;
        let rowCost: tf.Tensor | null = null;
        const grad = tf.grad((p: tf.Tensor) => {
          const c = cost(p as tf.Tensor2D, t);
          if (!reportCost && s > 0) {
            rowCost = tf.keep(c);
            kept.push(c);
          }
          return tf.sum(c);
        })(params) as tf.Tensor2D;
        // By default J(W_s) comes free with the gradient at W_s; a separate
        // reportCost (e.g. full-data MSE under mini-batches) costs one forward pass.
        if (s > 0) costs.push(reportCost ? reportCost(params) : (rowCost as unknown as tf.Tensor));

        const paramParts = sizes.length > 1 ? tf.split(params, sizes, 0) : [params];
        const gradParts = sizes.length > 1 ? tf.split(grad, sizes, 0) : [grad];
        const candidates: tf.Tensor[] = [];
        slots = this.groups.map((group, j) => {
          const next = group.rule.update(paramParts[j], gradParts[j], slots[j], this.columns(group, t));
          candidates.push(next.params);
          return next.slots;
        });
        params = (candidates.length > 1 ? tf.concat(candidates, 0) : candidates[0]) as tf.Tensor2D;
        gradientNorms.push(tf.max(tf.abs(grad), 1));
        trail.push(params);
      }
      costs.push(reportCost ? reportCost(params) : cost(params, first + k));
      const packed = tf.concat([
        tf.reshape(tf.stack(trail), [-1]),
        tf.reshape(tf.stack(costs), [-1]),
        tf.reshape(tf.stack(gradientNorms), [-1]),
        ...slots.flat().map((slot) => tf.reshape(slot, [-1])),
      ]);
      return { params, slots, packed };
    });
  }

  private result(stopped: StepResult['stopped']): StepResult {
    return {
      iteration: this.updates,
      particles: this.states,
      stopped,
      running: this.states.filter((s) => s.status === 'running').length,
    };
  }

  private report(params: tf.Tensor2D, iteration: number): tf.Tensor1D {
    return this.options.reportCost ? this.options.reportCost(params) : this.options.cost(params, iteration);
  }

  private checkedStart(start: number[]): number[] {
    if (start.length !== this.dimension) {
      throw new RangeError(`every start needs ${this.dimension} coordinates, got [${start.join(', ')}]`);
    }
    return start.slice();
  }

  /** The [n, 1] coefficient columns of `group` at update t; unchanged ones are reused. */
  private columns(group: Group, t: number): Record<string, tf.Tensor> {
    const perParticle = group.hyperparameters.map((h) => group.rule.coefficients(h, t));
    const out: Record<string, tf.Tensor> = {};
    for (const key of Object.keys(perParticle[0])) {
      const values = Float32Array.from(perParticle, (c) => c[key]);
      const cached = group.columns.get(key);
      if (cached && cached.values.every((v, i) => v === values[i])) {
        out[key] = cached.tensor;
        continue;
      }
      cached?.tensor.dispose();
      const tensor = tf.keep(tf.tensor2d(values, [values.length, 1]));
      group.columns.set(key, { values, tensor });
      out[key] = tensor;
    }
    return out;
  }

  /** The cost at every start, read back (again on cpu if the context died meanwhile). */
  private startCosts(): Float32Array {
    this.ensureTensors();
    const backend = (this.builtFor as { backend: BackendName }).backend;
    const costs = runOn(backend, () => {
      const startCost = tf.tidy(() => this.report(this.params as tf.Tensor2D, 0));
      const values = startCost.dataSync() as Float32Array;
      startCost.dispose();
      return values;
    });
    return backend === 'webgl' && webglContextLost() ? this.startCosts() : costs;
  }

  private placement(): BackendName {
    const wanted = this.options.backend ?? 'auto';
    if (wanted === 'auto') return backendFor(this.order.length);
    return wanted === 'webgl' && webglContextLost() ? 'cpu' : wanted;
  }

  /** (Re)creates the tensors from the CPU snapshot when missing or after a backend change. */
  private ensureTensors(): void {
    ensureBackend();
    if (this.builtFor?.backend === 'webgl') webglContextLost();
    const generation = backendGeneration();
    if (this.params !== null && this.builtFor !== null && this.builtFor.generation === generation) return;
    this.releaseTensors();
    const n = this.order.length;
    const P = this.dimension;
    const backend = this.placement();
    runOn(backend, () => {
      this.params = tf.tensor2d(this.paramsSnapshot, [n, P]);
      for (const group of this.groups) {
        group.slots = group.slotSnapshot.map((values) => tf.tensor2d(values, [group.members.length, P]));
      }
    });
    this.builtFor = { backend, generation };
  }

  /**
   * Frees the run's tensors and keeps everything else (trajectories, the snapshot of the
   * parameters and optimizer state): the next step rebuilds them from the snapshot, bit
   * for bit. For an element that left the page and may come back.
   */
  releaseTensors(): void {
    // After a lost WebGL context disposing can fail; the snapshot is what matters.
    const release = (t: tf.Tensor | null) => {
      try {
        t?.dispose();
      } catch {
        /* already gone with its context */
      }
    };
    release(this.params);
    this.params = null;
    for (const group of this.groups) {
      group.slots.forEach(release);
      group.slots = [];
      group.columns.forEach(({ tensor }) => release(tensor));
      group.columns.clear();
    }
    this.builtFor = null;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('this ParticleRun was disposed');
  }
}
