/**
 * Batched stepping: N independent particles (starts × optimizers × settings) advance
 * together as one [N, C] state tensor, and `step(k)` makes k updates and reads back once.
 *
 * Layout. Particles are grouped by rule and stored group after group (the user's order
 * is restored on read-back). The state holds, per row, its P coordinates and then its
 * rule's slots (V, S: P values each). Every rule's update is one fused kernel over all
 * rows (`./kernels.js`): on cpu, where the cost's gradient is written out in JavaScript
 * (a built-in landscape's `gradient`, or the run's own `gradient`), k updates are one
 * kernel call with no tensor in between; otherwise each update is the cost's gradient
 * (tf autodiff of `cost`, or on webgl a built-in landscape's gradient program) and one
 * update kernel. Each rule's fused loop rounds to float32 exactly as its tf ops do
 * (`OptimizerRule.update`, the rule's reference), per-particle hyperparameters included.
 *
 * Divergence and convergence are decided on read-back, per particle and per step,
 * which keeps the kernels to the update itself. Diverged: a new point with a non-finite
 * coordinate or one beyond ±`bound`, or a non-finite cost; the particle keeps its last
 * good point and stops. Converged: a particle that moved less than `tolerance.step`
 * (max-norm) on a gradient below `tolerance.gradient` (max-norm) has converged; its last
 * move is kept and it stops.
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
import {
  TABLE_WIDTH,
  fusedSteps,
  fusedUpdate,
  landscapeGradient,
  landscapeRowGradient,
  outcomeLayout,
  outcomeOf,
  type FusedPlan,
  type RowGradient,
} from './kernels.js';
import type { Landscape, LandscapeGradient } from './landscapes/landscape.js';
import { OPTIMIZER_TYPES, getOptimizer } from './optimizers/index.js';
import type { Hyperparameters, OptimizerConfig, OptimizerRule, OptimizerType } from './optimizers/rule.js';
import { HYPERPARAMETER_RANGES, describeRange, inRange } from './ranges.js';

export type { RowGradient } from './kernels.js';

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
  /**
   * points[0] is the start, points[k] the parameters after k updates (with
   * `trajectory: 'latest'`, points[1] the latest, its coordinates overwritten in place)
   */
  readonly points: number[][];
  /** costs[k] is the reported cost at points[k] */
  readonly costs: number[];
  status: ParticleStatus;
  /** the update (1-based count) at which the particle stopped, or null while running */
  stoppedAt: number | null;
}

export interface ParticleRunOptions {
  /**
   * the objective whose gradient drives the update, one value per row, in tf ops (tf
   * autodiff differentiates it); may be left out when `landscape` is given
   */
  cost?: (params: tf.Tensor2D, iteration: number) => tf.Tensor1D;
  /**
   * a 2-D landscape as the objective (P = 2): its `fn` is the cost, and a built-in's
   * hand-written gradient runs in the fused kernels (on cpu and webgl)
   */
  landscape?: Landscape;
  /**
   * the cost's gradient written out in JavaScript, for the cpu kernel: for each row its
   * ∂cost/∂w at update t and the reported cost (see `reportCost`). Where it is given, a
   * run on cpu uses it instead of autodiff of `cost`; `cost` still defines the
   * objective on webgl, and tests check the two agree.
   */
  gradient?: RowGradient;
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
  /**
   * Called with every point an update makes, after the step's one read-back: particle by
   * particle (the index given), each in update order, with the number of updates after
   * which it stands there, its coordinates (a view of the read-back, valid only during
   * the call) and its reported cost. Points of a particle that stopped are its last: a
   * diverged particle's bad point is never observed. With `trajectory: 'latest'` a run
   * watches every point go by without keeping any (a network's metrics per update).
   */
  observe?: (particle: number, iteration: number, point: Float32Array, cost: number) => void;
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
  /** its rows in storage: from … to − 1 */
  from: number;
  to: number;
}

/**
 * Every row's coefficients at update t as the fused kernels read them: one table row per
 * distinct (rule, hyperparameters) profile, computed in float64 by the rule's
 * `fused.fill` and rounded to float32 once (as the tf ops' columns are). Profiles whose
 * coefficients do not change with t are computed once.
 */
class CoefficientTable {
  readonly table: Float32Array;
  /** storage row → start of its profile's coefficients */
  readonly offset: Int32Array;
  /** storage row → profile index */
  readonly profileOf: Int32Array;
  /** bumped whenever the table's values change */
  version = 0;
  private readonly profiles: { rule: OptimizerRule; h: Hyperparameters; changes: boolean }[] = [];
  private filledFor = -1;
  /**
   * The profiles whose coefficients change with t: only these are refilled for a new t
   * (none: once filled, the table holds for every update).
   */
  private readonly changing: number[];

  constructor(groups: readonly Group[], rows: number) {
    this.offset = new Int32Array(rows);
    this.profileOf = new Int32Array(rows);
    const seen = new Map<string, number>();
    // Rows often share one hyperparameters object: known ones skip the key.
    const known = new Map<Hyperparameters, number>();
    for (const group of groups) {
      group.hyperparameters.forEach((h, k) => {
        let profile = known.get(h);
        if (profile === undefined) {
          const key = `${group.rule.type}|${h.learningRate}|${h.decay}|${h.beta}|${h.beta1}|${h.beta2}|${h.epsilon}|${h.weightDecay}`;
          profile = seen.get(key);
          if (profile === undefined) {
            profile = this.profiles.length;
            seen.set(key, profile);
            this.profiles.push({ rule: group.rule, h, changes: group.rule.fused.changesWithT(h) });
          }
          known.set(h, profile);
        }
        this.profileOf[group.from + k] = profile;
        this.offset[group.from + k] = profile * TABLE_WIDTH;
      });
    }
    this.table = new Float32Array(Math.max(1, this.profiles.length) * TABLE_WIDTH);
    this.changing = this.profiles.flatMap((p, index) => (p.changes ? [index] : []));
  }

  get profileCount(): number {
    return this.profiles.length;
  }

  /** The table at update t (the same array, refilled where needed). */
  at(t: number): Float32Array {
    if (t === this.filledFor || (this.filledFor >= 0 && !this.changing.length)) return this.table;
    const { profiles, changing, table } = this;
    // Index loops: a preview refills Adam's profile at every one of its 100 updates, and
    // an iterator there is garbage to collect.
    const count = this.filledFor < 0 ? profiles.length : changing.length;
    for (let k = 0; k < count; k++) {
      const profile = this.filledFor < 0 ? k : changing[k];
      const { rule, h } = profiles[profile];
      rule.fused.fill(h, t, table, profile * TABLE_WIDTH);
    }
    this.version++;
    this.filledFor = t;
    return table;
  }
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
  private readonly cost: (params: tf.Tensor2D, iteration: number) => tf.Tensor1D;
  private readonly bound: number;
  private readonly stepTolerance: number;
  private readonly gradientTolerance: number;
  private readonly latestOnly: boolean;
  /** whether a step reports every point it made (kept in trajectories, or observed) */
  private readonly trail: boolean;
  private readonly dimension: number;
  /** values per row of the state: the coordinates, then the slots */
  private readonly stride: number;
  private readonly groups: Group[] = [];
  /** storage row → user index */
  private readonly order: number[] = [];
  /** the gradient the cpu kernel evaluates itself, where there is one */
  private readonly rowGradient?: RowGradient;
  /** a built-in landscape's gradient, for the webgl gradient program */
  private readonly landscapeGradient?: LandscapeGradient;
  private coefficients!: CoefficientTable;
  private plan!: FusedPlan;
  private states: ParticleState[] = [];
  /** the same states in storage order */
  private rowStates: ParticleState[] = [];
  private running = 0;
  /** 1 for each storage row still running */
  private live = new Uint8Array(0);
  /** every particle's latest point, user order (see `positions`) */
  private latest = new Float32Array(0);
  /** latest-only runs: each storage row's latest cost, and 1 where it is newer than its state's */
  private latestCost = new Float32Array(0);
  private unflushed = new Uint8Array(0);
  private pending = false;
  /** the cpu kernel's read-back buffer, reused from call to call (read before the next) */
  private readBack = new Float32Array(0);
  /** whether `stateSnapshot` is a cpu kernel's state array, wholly the run's own */
  private ownSnapshot = false;
  /** a state array no tensor holds any more, for the cpu kernel to write the next state into */
  private spareState: Float32Array | null = null;
  private starts: number[][];
  /** the state as of the latest read-back, [rows × stride] */
  private stateSnapshot: Float32Array;
  private state: tf.Tensor2D | null = null;
  /** the webgl update's inputs: the coefficient table (at `version`) and [rule, profile] per row */
  private tableTensor: { version: number; tensor: tf.Tensor2D } | null = null;
  private rowsTensor: tf.Tensor2D | null = null;
  private builtFor: { backend: BackendName; generation: number } | null = null;
  private updates = 0;
  private disposed = false;

  constructor(options: ParticleRunOptions) {
    const { particles, landscape } = options;
    if (!particles.length) throw new RangeError('ParticleRun needs at least one particle');
    const cost = options.cost ?? (landscape && ((params: tf.Tensor2D) => landscapeCost(landscape, params)));
    if (!cost) throw new TypeError('ParticleRun needs a cost or a landscape');
    this.cost = cost;
    this.dimension = particles[0].start.length;
    if (this.dimension < 1) throw new RangeError('a start needs at least one coordinate');
    if (landscape && this.dimension !== 2) throw new RangeError('a landscape run needs starts of two coordinates');
    this.options = options;
    this.bound = options.bound ?? 1e6;
    this.stepTolerance = options.tolerance?.step ?? 1e-6;
    this.gradientTolerance = options.tolerance?.gradient ?? 1e-4;
    this.latestOnly = options.trajectory === 'latest';
    this.trail = !this.latestOnly || options.observe !== undefined;
    this.starts = particles.map((p) => this.checkedStart(p.start));
    // A landscape's own cost and gradient, unless the run reports another cost.
    const analytic = !options.cost && !options.reportCost ? landscape?.gradient : undefined;
    this.landscapeGradient = analytic;
    this.rowGradient = options.gradient ?? (analytic && landscapeRowGradient(analytic));

    // Thousands of particles often share one optimizer object: each is resolved once.
    const seen = new Map<OptimizerConfig, ReturnType<typeof resolveOptimizer>>();
    const resolved = particles.map((p) => {
      let done = seen.get(p.optimizer);
      if (!done) seen.set(p.optimizer, (done = resolveOptimizer(p.optimizer)));
      return done;
    });
    const byType = new Map<OptimizerType, Group>();
    resolved.forEach(({ rule, hyperparameters }, index) => {
      let group = byType.get(rule.type);
      if (!group) {
        group = { rule, members: [], hyperparameters: [], from: 0, to: 0 };
        byType.set(rule.type, group);
        this.groups.push(group);
      }
      group.members.push(index);
      group.hyperparameters.push(hyperparameters);
    });
    for (const group of this.groups) {
      group.from = this.order.length;
      this.order.push(...group.members);
      group.to = this.order.length;
    }
    this.stride = this.dimension * (1 + Math.max(...this.groups.map((g) => g.rule.slots)));
    this.stateSnapshot = new Float32Array(particles.length * this.stride);
    this.makePlan();
    this.reset();
  }

  /** updates made since the start (or the last reset) */
  get iteration(): number {
    return this.updates;
  }

  /** CPU snapshot per particle, in the order given; arrays grow in place, do not mutate */
  get particles(): readonly ParticleState[] {
    if (this.pending) this.flush();
    return this.states;
  }

  /**
   * Every particle's latest point as one array, [size × P] in the order given (a stopped
   * particle's last good point; the starts rounded to float32 before the first update),
   * overwritten in place by every step: for views of thousands of particles that draw
   * where they are without reading `particles`. Do not mutate.
   */
  get positions(): Float32Array {
    return this.latest;
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
    const C = this.stride;
    this.releaseTensors();
    this.stateSnapshot = new Float32Array(n * C);
    this.ownSnapshot = false;
    this.spareState = null;
    this.order.forEach((user, row) => this.stateSnapshot.set(this.starts[user], row * C));
    this.updates = 0;
    const startCosts = this.startCosts();
    const fresh = new Array<ParticleState>(n);
    this.rowStates = new Array<ParticleState>(n);
    this.live = new Uint8Array(n);
    this.latest = new Float32Array(n * this.dimension);
    this.starts.forEach((start, user) => this.latest.set(start, user * this.dimension));
    this.latestCost = new Float32Array(this.latestOnly ? n : 0);
    this.unflushed = new Uint8Array(this.latestOnly ? n : 0);
    this.pending = false;
    this.running = 0;
    for (const group of this.groups) {
      group.members.forEach((user, k) => {
        const start = this.starts[user];
        const row = group.from + k;
        const cost = startCosts[row];
        const ok = Number.isFinite(cost) && start.every((x) => Math.abs(x) <= this.bound);
        fresh[user] = this.rowStates[row] = {
          start,
          type: group.rule.type,
          hyperparameters: group.hyperparameters[k],
          points: [start.slice()],
          costs: [cost],
          status: ok ? 'running' : 'diverged',
          stoppedAt: ok ? null : 0,
        };
        if (ok) {
          this.running++;
          this.live[row] = 1;
        }
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
    const state = this.particles[index];
    if (!state) throw new RangeError(`setHyperparameters: no particle ${index}`);
    const group = this.groups.find((g) => g.rule.type === state.type) as Group;
    const k = group.members.indexOf(index);
    const { hyperparameters } = resolveOptimizer({ ...group.hyperparameters[k], ...changes, type: state.type });
    group.hyperparameters[k] = hyperparameters;
    this.states[index] = this.rowStates[group.from + k] = { ...state, hyperparameters };
    this.makePlan();
  }

  /**
   * Exactly k updates of every running particle, then one read-back. Returns the
   * snapshot; stopped particles keep their last point.
   */
  step(k = 1): StepResult {
    this.assertAlive();
    if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`step: k must be a whole number ≥ 0, got ${k}`);
    const stopped: StepResult['stopped'] = [];
    if (k === 0 || this.running === 0) {
      this.updates += k;
      return this.result(stopped);
    }
    this.ensureTensors();
    const backend = (this.builtFor as { backend: BackendName }).backend;
    const { outcome, snapshot } = runOn(backend, () => this.advanceAndRead(k, backend));
    // Zeros read back from a context that died meanwhile: nothing was recorded yet, so
    // the same updates are made again on cpu from the snapshot.
    if (backend === 'webgl' && webglContextLost()) return this.step(k);
    return this.record(k, outcome, snapshot, stopped);
  }

  /**
   * k updates on the tensors, then the one read-back; the run's new state is swapped in.
   * Returns what the updates did (see `outcomeLayout`) and the new state as the CPU now
   * knows it.
   */
  private advanceAndRead(k: number, backend: BackendName): { outcome: Float32Array; snapshot: Float32Array } {
    const first = this.updates;
    const n = this.order.length;
    const stop = { bound: this.bound, step: this.stepTolerance, gradient: this.gradientTolerance };
    if (backend === 'cpu' && this.rowGradient) {
      const length = outcomeLayout(n, this.dimension, k, this.trail).length;
      if (this.readBack.length < length) this.readBack = new Float32Array(length);
      const [state, packed] = fusedSteps(this.state as tf.Tensor2D, {
        plan: this.plan,
        gradient: this.rowGradient,
        landscape: this.options.gradient ? undefined : this.landscapeGradient,
        k,
        first,
        live: this.live,
        stop,
        trail: this.trail,
        readBack: this.readBack,
        spareState: this.spareState ?? undefined,
      });
      const outcome = packed.dataSync() as Float32Array;
      packed.dispose();
      // The state before this call is the next call's spare once its tensor is gone and
      // `record` has read it (as `stateSnapshot`): nothing else holds it.
      this.spareState = this.ownSnapshot ? this.stateSnapshot : null;
      this.ownSnapshot = true;
      this.state?.dispose();
      this.state = tf.keep(state);
      // On cpu a tensor's data is its own array, read without a copy; no kernel writes to
      // an input, so it stays as it is when the tensor is gone.
      return { outcome, snapshot: state.dataSync() as Float32Array };
    }
    // Row costs captured inside tf.grad's forward pass must outlive its internal tidy;
    // they are kept there and disposed here once read.
    const kept: tf.Tensor[] = [];
    let out: { state: tf.Tensor2D; packed: tf.Tensor };
    try {
      out = this.advance(k, first, kept);
    } finally {
      kept.forEach((t) => t.dispose());
    }
    const data = out.packed.dataSync() as Float32Array;
    out.packed.dispose();
    this.state?.dispose();
    this.state = tf.keep(out.state);
    const outcome = outcomeOf(data, this.stateSnapshot, this.stride, n, this.dimension, k, this.live, stop, this.trail);
    this.ownSnapshot = false;
    this.spareState = null;
    // The new state came with the read-back: its last n · stride values.
    return { outcome, snapshot: data.subarray(data.length - n * this.stride) };
  }

  /** Appends what k updates did to the trajectories and takes the new state snapshot. */
  private record(k: number, outcome: Float32Array, snapshot: Float32Array, stopped: StepResult['stopped']): StepResult {
    const first = this.updates;
    const n = this.order.length;
    const P = this.dimension;
    const layout = outcomeLayout(n, P, k, this.trail);
    const { rowStates, live, latest, latestCost, unflushed, order, latestOnly } = this;
    const observe = this.options.observe;
    const C = this.stride;
    for (let row = 0; row < n; row++) {
      if (!live[row]) continue;
      const status = outcome[layout.status + row];
      const stopStep = outcome[layout.stopStep + row];
      // Points the call made for this row: all k, up to its stop (converged), or before it (diverged).
      const made = status === 0 ? k : status === 1 ? stopStep : stopStep - 1;
      if (made > 0) {
        // Its latest point: its row of the new state while it runs, else where it stopped.
        const to = order[row] * P;
        if (status === 0) for (let j = 0; j < P; j++) latest[to + j] = snapshot[row * C + j];
        else for (let j = 0; j < P; j++) latest[to + j] = outcome[layout.stopPoint + row * P + j];
        if (latestOnly) {
          latestCost[row] = outcome[layout.latestCost + row];
          unflushed[row] = 1;
          this.pending = true;
        }
      }
      if (!latestOnly) {
        const { points, costs } = rowStates[row];
        for (let s = 0; s < made; s++) {
          const base = layout.trail + (s * n + row) * P;
          // A literal holds just its P numbers; an array pushed to from [] reserves 16.
          points.push(P === 2 ? [outcome[base], outcome[base + 1]] : Array.from(outcome.subarray(base, base + P)));
          costs.push(outcome[layout.trailCost + s * n + row]);
        }
      }
      if (observe) {
        for (let s = 0; s < made; s++) {
          const base = layout.trail + (s * n + row) * P;
          observe(order[row], first + s + 1, outcome.subarray(base, base + P), outcome[layout.trailCost + s * n + row]);
        }
      }
      if (status !== 0) this.stop(row, status === 1 ? 'converged' : 'diverged', first + stopStep, stopped);
    }
    if (stopped.length > 1) stopped.sort((a, b) => a.iteration - b.iteration || a.index - b.index);
    this.stateSnapshot = snapshot;
    this.updates += k;
    return this.result(stopped);
  }

  /** Writes latest-only rows' newer points and costs into their states. */
  private flush(): void {
    this.pending = false;
    const P = this.dimension;
    this.rowStates.forEach((state, row) => {
      if (!this.unflushed[row]) return;
      this.unflushed[row] = 0;
      const at = this.order[row] * P;
      if (state.points.length > 1) {
        const point = state.points[1];
        for (let j = 0; j < P; j++) point[j] = this.latest[at + j];
        state.costs[1] = this.latestCost[row];
      } else {
        state.points.push(Array.from(this.latest.subarray(at, at + P)));
        state.costs.push(this.latestCost[row]);
      }
    });
  }

  /** Marks the particle in storage row `row` stopped at `update`. */
  private stop(row: number, status: 'converged' | 'diverged', update: number, stopped: StepResult['stopped']): void {
    const state = this.rowStates[row];
    state.status = status;
    state.stoppedAt = update;
    this.live[row] = 0;
    this.running--;
    stopped.push({ index: this.order[row], status, iteration: update });
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
    // A fork is a scratch run: what it makes is not observed.
    return new ParticleRun({ ...this.options, observe: undefined, particles: configs });
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
   * k updates in one tidy, each the cost's gradient and one fused update kernel: the new
   * state and everything to read back, packed in one tensor. Rows move freely here;
   * which rows diverged or converged is decided on the read-back (see step).
   */
  private advance(k: number, first: number, kept: tf.Tensor[]): { state: tf.Tensor2D; packed: tf.Tensor } {
    const { reportCost } = this.options;
    const { cost, landscapeGradient: analytic, plan } = this;
    const n = this.order.length;
    const P = this.dimension;
    const rows = this.rowsInput();
    const coordinates = (state: tf.Tensor2D) => (this.stride === P ? state : tf.slice(state, [0, 0], [n, P]));
    return tf.tidy(() => {
      let state = this.state as tf.Tensor2D;
      const parts: tf.Tensor[] = [];
      const costs: tf.Tensor[] = [];
      const gradientNorms: tf.Tensor[] = [];
      for (let s = 0; s < k; s++) {
        const t = first + s;
        let grad: tf.Tensor2D;
        if (analytic) {
          // [n, 4]: ∂J/∂w₁, ∂J/∂w₂, J, max|∂J| at W_s; the update reads the first two columns.
          grad = landscapeGradient(state, analytic);
          if (s > 0) costs.push(tf.slice(grad, [0, 2], [n, 1]));
          gradientNorms.push(tf.slice(grad, [0, 3], [n, 1]));
        } else {
          const params = coordinates(state);
          let rowCost: tf.Tensor | null = null;
          grad = tf.grad((p: tf.Tensor) => {
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
          gradientNorms.push(tf.max(tf.abs(grad), 1));
        }
        state = fusedUpdate(state, grad, this.tableInput(t), rows, plan);
        parts.push(coordinates(state));
      }
      const last = coordinates(state);
      costs.push(
        analytic ? tf.slice(landscapeGradient(state, analytic), [0, 2], [n, 1]) : reportCost ? reportCost(last) : cost(last, first + k),
      );
      const flat = (t: tf.Tensor) => tf.reshape(t, [-1]);
      const packed = tf.concat([...parts.map(flat), ...costs.map(flat), ...gradientNorms.map(flat), flat(state)]);
      return { state, packed };
    });
  }

  private result(stopped: StepResult['stopped']): StepResult {
    const particles = () => this.particles;
    return {
      iteration: this.updates,
      // Read only when asked for: a latest-only run writes its states on demand.
      get particles() {
        return particles();
      },
      stopped,
      running: this.running,
    };
  }

  private checkedStart(start: number[]): number[] {
    if (start.length !== this.dimension) {
      throw new RangeError(`every start needs ${this.dimension} coordinates, got [${start.join(', ')}]`);
    }
    return start.slice();
  }

  /** The rows' rules and coefficient profiles as the kernels read them (again after a hyperparameter change). */
  private makePlan(): void {
    const n = this.order.length;
    this.coefficients = new CoefficientTable(this.groups, n);
    const ruleOf = new Int32Array(n);
    for (const group of this.groups) ruleOf.fill(OPTIMIZER_TYPES.indexOf(group.rule.type), group.from, group.to);
    const coefficients = this.coefficients;
    this.plan = {
      rows: n,
      P: this.dimension,
      stride: this.stride,
      groups: this.groups.map(({ rule, from, to }) => ({ rule, from, to })),
      offset: coefficients.offset,
      ruleOf,
      everyRow: new Uint8Array(n).fill(1),
      table: (t) => coefficients.at(t),
    };
    this.disposeTable();
    this.disposeRows();
  }

  /** The coefficient table at update t as a tensor, uploaded again only when its values changed. */
  private tableInput(t: number): tf.Tensor2D {
    const table = this.coefficients.at(t);
    const version = this.coefficients.version;
    if (this.tableTensor?.version !== version) {
      this.disposeTable();
      const tensor = tf.keep(tf.tensor2d(table.slice(), [this.coefficients.profileCount || 1, TABLE_WIDTH]));
      this.tableTensor = { version, tensor };
    }
    return (this.tableTensor as { tensor: tf.Tensor2D }).tensor;
  }

  /** [rule index, profile index] per row, for the webgl update. */
  private rowsInput(): tf.Tensor2D {
    if (!this.rowsTensor) {
      const n = this.order.length;
      const values = new Float32Array(2 * n);
      for (let row = 0; row < n; row++) {
        values[2 * row] = this.plan.ruleOf[row];
        values[2 * row + 1] = this.coefficients.profileOf[row];
      }
      this.rowsTensor = tf.keep(tf.tensor2d(values, [n, 2]));
    }
    return this.rowsTensor;
  }

  /** The cost at every start, by storage row (read back again on cpu if the context died meanwhile). */
  private startCosts(): Float32Array {
    const n = this.order.length;
    if (this.rowGradient) {
      // Written-out costs need no tensor: J at the starts in JavaScript, as the cpu kernel computes it.
      const costs = new Float32Array(n);
      this.rowGradient(this.stateSnapshot, this.stride, n, 0, new Float32Array(n * this.dimension), costs, new Uint8Array(n).fill(1));
      return costs;
    }
    this.ensureTensors();
    const backend = (this.builtFor as { backend: BackendName }).backend;
    const costs = runOn(backend, () => {
      const startCost = tf.tidy(() => {
        const state = this.state as tf.Tensor2D;
        const params = this.stride === this.dimension ? state : tf.slice(state, [0, 0], [n, this.dimension]);
        return this.options.reportCost ? this.options.reportCost(params) : this.cost(params, 0);
      });
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
    if (this.state !== null && this.builtFor !== null && this.builtFor.generation === generation) return;
    this.releaseTensors();
    const backend = this.placement();
    runOn(backend, () => {
      // A copy: the snapshot may be a view into a read-back.
      this.state = tf.tensor2d(this.stateSnapshot.slice(), [this.order.length, this.stride]);
    });
    this.builtFor = { backend, generation };
  }

  /**
   * Frees the run's tensors and keeps everything else (trajectories, the snapshot of the
   * parameters and optimizer state): the next step rebuilds them from the snapshot, bit
   * for bit. For an element that left the page and may come back.
   */
  releaseTensors(): void {
    release(this.state);
    this.state = null;
    this.disposeTable();
    this.disposeRows();
    this.builtFor = null;
  }

  private disposeTable(): void {
    release(this.tableTensor?.tensor ?? null);
    this.tableTensor = null;
  }

  private disposeRows(): void {
    release(this.rowsTensor);
    this.rowsTensor = null;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('this ParticleRun was disposed');
  }
}

/** Disposes a tensor; after a lost WebGL context that can fail, and the snapshot is what matters. */
function release(t: tf.Tensor | null): void {
  try {
    t?.dispose();
  } catch {
    /* already gone with its context */
  }
}

/** J of each row (w₁, w₂) of `params` (the landscapes' `costOfRows`, without importing their registry). */
function landscapeCost(landscape: Landscape, params: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [w1, w2] = tf.split(params, 2, 1);
    return tf.reshape<tf.Rank.R1>(landscape.fn(w1, w2), [-1]);
  });
}
