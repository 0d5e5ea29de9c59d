/**
 * The fused kernels of `ParticleRun`: an update of every particle as one tfjs kernel
 * (and on cpu, k updates as one) instead of a dozen-plus small ops and a tape per update.
 *
 * Why. A batch of particles is a few thousand rows of two numbers; every tfjs op on it
 * costs a kernel dispatch, an allocation and, under `tf.grad`, tape bookkeeping, far
 * more than the arithmetic itself (measured: 4 × 1,000 particles on Himmelblau, an update
 * by ops and autodiff ~130× a plain JavaScript loop doing the same arithmetic; as one
 * kernel over the backend's arrays, near the loop). The state stays in tfjs tensors, on
 * the backend the run lives on, and every kernel goes through `tf.engine().runKernel`,
 * so memory accounting, `tf.tidy` and backend switches work as for any op.
 *
 * - `GdKitSteps` (cpu): k updates from a gradient written out in JavaScript (a built-in
 *   landscape's `gradient.at`, or a run's own `gradient`) with every rule's fused loop
 *   (`OptimizerRule.fused`), each new point judged as it is made (`judge`: diverged,
 *   converged), stopped rows left alone; it returns the new state and the outcome for the
 *   one read-back (`outcomeLayout`). No tensor between the k updates.
 * - `GdKitUpdate` (cpu, webgl): one update of every row from a gradient tensor, so a cost
 *   differentiated by tf autodiff (formulas, the line fit, networks) gets the same rules
 *   in one kernel.
 * - `GdKitLandscapeGradient` (cpu, webgl): J and ∇J of every row of a built-in landscape
 *   ([n, 4]: ∂J/∂w₁, ∂J/∂w₂, J, max|∂J/∂wᵢ|), the webgl path's gradient.
 *
 * The webgl twins are in `./kernels-webgl.js`, in the webgl chunk. Layout of a run's
 * state, one tensor [n, C]: each row's P coordinates, then its rule's slots (P each),
 * C = P · (1 + the most slots any of its rules has); unused slots stay 0.
 *
 * Exactness. The rules' loops round every operation to float32 where the tf ops round it
 * (see `FusedRule`), so given the same gradient they give the same bits as the ops.
 * Hand-written gradients are evaluated in float64 and rounded once, so they differ from
 * float32 autodiff by rounding only (test/core/kernels.test.ts checks both).
 */
import * as tf from './tf.js';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu/dist/backend_cpu.js';
import type { LandscapeGradient } from './landscapes/landscape.js';
import type { FusedRows, OptimizerRule } from './optimizers/rule.js';

export const STEPS = 'GdKitSteps';
export const UPDATE = 'GdKitUpdate';
export const LANDSCAPE_GRADIENT = 'GdKitLandscapeGradient';

/** Coefficients per profile in a coefficient table (the most any rule reads: AdamW's nine). */
export const TABLE_WIDTH = 9;

/**
 * A cost's gradient written out for the cpu kernel, for all rows at once: from the
 * points (`points[i·stride + j]`, j < P) at update t, writes ∂J/∂w into `grad[i·P + j]`
 * and the cost the run reports for that point into `cost[i]`. Rows whose `live[i]` is 0
 * have stopped: they may be skipped.
 */
export type RowGradient = (
  points: Float32Array,
  stride: number,
  rows: number,
  t: number,
  grad: Float32Array,
  cost: Float32Array,
  live: Uint8Array,
) => void;

/** A built-in landscape's gradient as a `RowGradient` (P = 2; t plays no part). */
export function landscapeRowGradient(gradient: LandscapeGradient): RowGradient {
  const g = new Float64Array(2);
  const at = gradient.at;
  return (points, stride, rows, _t, grad, cost, live) => {
    for (let i = 0; i < rows; i++) {
      if (!live[i]) continue;
      const p = i * stride;
      cost[i] = at(points[p], points[p + 1], g);
      grad[2 * i] = g[0];
      grad[2 * i + 1] = g[1];
    }
  };
}

/** Rows `from` … `to` − 1 follow `rule`. */
export interface FusedGroup {
  rule: OptimizerRule;
  from: number;
  to: number;
}

/** What the kernels need to know about a run besides its tensors. */
export interface FusedPlan {
  rows: number;
  /** coordinates per row */
  P: number;
  /** values per row of the state: P · (1 + slots) */
  stride: number;
  groups: readonly FusedGroup[];
  /** row i's coefficients start at `table[offset[i]]` */
  offset: Int32Array;
  /** the coefficient table at update t (profiles × TABLE_WIDTH, float32) */
  table(t: number): Float32Array;
  /** the rule's index in `OPTIMIZER_TYPES` for each row (webgl reads it as a texture) */
  ruleOf: Int32Array;
  /** a 1 for every row (the update kernel moves every row; the run judges them later) */
  everyRow: Uint8Array;
}

/**
 * When a particle stops (see `ParticleRun`): diverged at a point with a coordinate beyond
 * ±bound (or not finite) or a cost that is not finite; converged where it moved less than
 * `step` (max-norm) on a gradient below `gradient` (max-norm).
 */
export interface StopRules {
  bound: number;
  step: number;
  gradient: number;
}

/** 0: still running; 1: converged; 2: diverged. */
export type Verdict = 0 | 1 | 2;

/**
 * The verdict on a particle's new point (`point[at …]`, P values) reached from
 * `previous[from …]` by a gradient of max-norm `norm`, with reported cost `cost`.
 */
export function judge(
  point: Float32Array,
  at: number,
  previous: Float32Array,
  from: number,
  P: number,
  cost: number,
  norm: number,
  bound: number,
  stepTolerance: number,
  gradientTolerance: number,
): Verdict {
  if (!Number.isFinite(cost)) return 2;
  let move = 0;
  for (let j = 0; j < P; j++) {
    const x = point[at + j];
    // False for NaN and ±Infinity too.
    if (!(Math.abs(x) <= bound)) return 2;
    const d = Math.abs(x - previous[from + j]);
    if (d > move) move = d;
  }
  return move < stepTolerance && norm < gradientTolerance ? 1 : 0;
}

/**
 * `judge` for P = 2 (every landscape and the line fit), written out for the kernel's
 * pass: the new point (x, y) with cost `cost`, the one before at `previous[at …]` and the
 * gradient that moved it at `grad[at …]` (a NaN in it never counts as tiny).
 */
function judgeTwo(
  x: number,
  y: number,
  cost: number,
  previous: Float32Array,
  grad: Float32Array,
  at: number,
  bound: number,
  stepTolerance: number,
  gradientTolerance: number,
): Verdict {
  // False for NaN and ±Infinity too.
  if (!(cost - cost === 0 && Math.abs(x) <= bound && Math.abs(y) <= bound)) return 2;
  const move = Math.max(Math.abs(x - previous[at]), Math.abs(y - previous[at + 1]));
  return move < stepTolerance && Math.abs(grad[at]) < gradientTolerance && Math.abs(grad[at + 1]) < gradientTolerance ? 1 : 0;
}

/**
 * Where the parts of an outcome sit in its float32 array: what k updates of n rows
 * report. Per row: `status` (its verdict if it stopped during the call, else 0),
 * `stopStep` (the step of the call, 1 … k, at which it stopped), `stopPoint` (P values:
 * where a stopped row stays, the point it converged at or the last good one before it
 * diverged, if this call made that point) and `latestCost` (the cost at a running row's
 * new point, or at a stopped row's `stopPoint`); a running row's new point is its row of
 * the new state. With a trail, `trail` (k · n · P) and `trailCost` (k · n): the point
 * after each step and its cost, s · n + row (a stopped row's later entries unused).
 */
export function outcomeLayout(n: number, P: number, k: number, trail: boolean) {
  const status = 0;
  const stopStep = n;
  const latestCost = 2 * n;
  const stopPoint = 3 * n;
  const trailAt = stopPoint + n * P;
  const trailCost = trailAt + (trail ? k * n * P : 0);
  return { status, stopStep, latestCost, stopPoint, trail: trailAt, trailCost, length: trailCost + (trail ? k * n : 0) };
}

/** Per-row scratch of the steps kernel, kept between calls (never in a tensor). */
interface Scratch {
  /** two of each: this step's gradient and costs, and the step before's */
  grads: [Float32Array, Float32Array];
  costs: [Float32Array, Float32Array];
  previous: Float32Array;
  live: Uint8Array;
}

function scratchFor(n: number, P: number, current?: Scratch): Scratch {
  if (current && current.previous.length >= n * P && current.live.length >= n) return current;
  const size = Math.max(n, current?.live.length ?? 0);
  const values = Math.max(n * P, current?.previous.length ?? 0);
  return {
    grads: [new Float32Array(values), new Float32Array(values)],
    costs: [new Float32Array(size), new Float32Array(size)],
    previous: new Float32Array(values),
    live: new Uint8Array(size),
  };
}

let scratch = scratchFor(0, 0);

export interface StepsAttrs {
  plan: FusedPlan;
  /** the gradient of every row at once … */
  gradient: RowGradient;
  /** … or, for a built-in landscape (P = 2), its gradient row by row in the kernel's own pass */
  landscape?: LandscapeGradient;
  /** updates to make */
  k: number;
  /** t of the first */
  first: number;
  /** 1 for each row still running: the others are neither evaluated nor moved */
  live: Uint8Array;
  stop: StopRules;
  /** report every step's point (a full trajectory), not only the latest */
  trail: boolean;
  /** a buffer the outcome may be written to (it is read before the next call) */
  readBack?: Float32Array;
  /** an array the new state may be written to: one no tensor holds any more */
  spareState?: Float32Array;
}

/** The max-norm of `values[at …]` (P values), NaN kept: a NaN gradient never counts as tiny. */
function maxNorm(values: Float32Array, at: number, P: number): number {
  let norm = 0;
  for (let j = 0; j < P; j++) {
    const a = Math.abs(values[at + j]);
    if (a > norm || a !== a) norm = a;
  }
  return norm;
}

type Inputs = Record<'state' | 'grad' | 'coefficients' | 'rows', tf.TensorInfo>;
type CpuInputs = { inputs: Inputs; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

function valuesOf(backend: tf.KernelBackend, info: tf.TensorInfo): Float32Array {
  return (backend as unknown as MathBackendCPU).data.get(info.dataId).values as Float32Array;
}

/** The rows every rule's loop reads, for one kernel call (the steps kernel sets `grad` and `table` per update). */
function rowsOf(
  plan: FusedPlan,
  state: Float32Array,
  grad: Float32Array,
  gradStride: number,
  table: Float32Array,
  live: Uint8Array,
): FusedRows {
  const { P, stride, offset } = plan;
  return { state, stride, P, grad, gradStride, from: 0, to: 0, table, offset, live };
}

/** Every rule's loop over its rows: one object for all of them, not one per rule and update (a preview makes 400). */
function applyRules(plan: FusedPlan, rows: FusedRows): void {
  for (const { rule, from, to } of plan.groups) {
    rows.from = from;
    rows.to = to;
    rule.fused.apply(rows);
  }
}

/**
 * What one pass of the steps kernel over the running rows reads: the state, this update's
 * gradient and costs and the update before's (swapped between updates), the stop rules,
 * and `settle` for a row's rare cases (a verdict, a trail to keep, the call's last step).
 */
interface Pass {
  n: number;
  P: number;
  stride: number;
  state: Float32Array;
  live: Uint8Array;
  /** every running row's point before this one */
  previous: Float32Array;
  grad: Float32Array;
  previousGrad: Float32Array;
  cost: Float32Array;
  previousCost: Float32Array;
  bound: number;
  stepTolerance: number;
  gradientTolerance: number;
  keepTrail: boolean;
  k: number;
  /** Row i's point of step s (cost c) when it is not simply running on; true when the row is done with this step. */
  settle(i: number, verdict: Verdict, s: number, c: number): boolean;
}

/*
 * The kernel's pass, one function per kind of gradient, each with its own feedback: a
 * page that has run landscapes (their `at` inlined in one shared pass) made the line
 * fit's pass a third slower. Each is: J and ∇J at the row's point (a landscape's `at`,
 * else already in `cost` and `grad`), the verdict on the point step s made (the gradient
 * that moved it is the update before's), then where step s + 1 starts from. P = 2 (every
 * landscape and the line fit) is written out: the loops over P cost as much as the checks.
 */

function landscapePass(pass: Pass, s: number, at: LandscapeGradient['at'], g: Float64Array): void {
  const { n, stride, state, live, previous, grad, previousGrad, cost, bound, stepTolerance, gradientTolerance, keepTrail, k } = pass;
  for (let i = 0; i < n; i++) {
    if (!live[i]) continue;
    const p = i * stride;
    const x = state[p];
    const y = state[p + 1];
    const c = (cost[i] = at(x, y, g));
    grad[2 * i] = g[0];
    grad[2 * i + 1] = g[1];
    if (s > 0) {
      const verdict = judgeTwo(x, y, c, previous, previousGrad, 2 * i, bound, stepTolerance, gradientTolerance);
      if ((verdict || keepTrail || s === k) && pass.settle(i, verdict, s, c)) continue;
    }
    previous[2 * i] = x;
    previous[2 * i + 1] = y;
  }
}

function givenPassTwo(pass: Pass, s: number): void {
  const { n, stride, state, live, previous, previousGrad, cost, bound, stepTolerance, gradientTolerance, keepTrail, k } = pass;
  for (let i = 0; i < n; i++) {
    if (!live[i]) continue;
    const p = i * stride;
    const x = state[p];
    const y = state[p + 1];
    if (s > 0) {
      const c = cost[i];
      const verdict = judgeTwo(x, y, c, previous, previousGrad, 2 * i, bound, stepTolerance, gradientTolerance);
      if ((verdict || keepTrail || s === k) && pass.settle(i, verdict, s, c)) continue;
    }
    previous[2 * i] = x;
    previous[2 * i + 1] = y;
  }
}

function givenPass(pass: Pass, s: number): void {
  const { n, P, stride, state, live, previous, previousGrad, cost, bound, stepTolerance, gradientTolerance, keepTrail, k } = pass;
  for (let i = 0; i < n; i++) {
    if (!live[i]) continue;
    const p = i * stride;
    if (s > 0) {
      const c = cost[i];
      const verdict = judge(state, p, previous, i * P, P, c, maxNorm(previousGrad, i * P, P), bound, stepTolerance, gradientTolerance);
      if ((verdict || keepTrail || s === k) && pass.settle(i, verdict, s, c)) continue;
    }
    for (let j = 0; j < P; j++) previous[i * P + j] = state[p + j];
  }
}

/**
 * k updates, each the gradient and every rule's loop over the running rows; each new
 * point judged as it is made (`judge`), so a stopped row is left as it is from then on.
 */
function cpuSteps({ inputs, backend, attrs }: CpuInputs): tf.TensorInfo[] {
  const { plan, gradient, landscape, k, first, stop, trail: keepTrail, readBack, spareState } = attrs as unknown as StepsAttrs;
  const { rows: n, P, stride } = plan;
  // A built-in landscape's gradient (P = 2) is evaluated row by row in the pass.
  const at = P === 2 ? landscape?.at : undefined;
  const g = new Float64Array(2);
  // The new state: in the caller's spare array when it gives one (an earlier state's, no
  // longer in any tensor), else a new one; the input is never written.
  const input = valuesOf(backend, inputs.state);
  const state = spareState && spareState.length === input.length && spareState !== input ? spareState : new Float32Array(input.length);
  state.set(input);
  const layout = outcomeLayout(n, P, k, keepTrail);
  // The caller's buffer for the outcome when it has one (it reads it before the next call).
  const out = readBack && readBack.length >= layout.length ? readBack.subarray(0, layout.length) : new Float32Array(layout.length);
  out.fill(0, 0, layout.latestCost);
  scratch = scratchFor(n, P, scratch);
  const { previous, live } = scratch;
  live.set((attrs as unknown as StepsAttrs).live.subarray(0, n));
  const { bound, step: stepTolerance, gradient: gradientTolerance } = stop;
  const stopAt = (i: number, verdict: Verdict, s: number, from: Float32Array | null, fromAt: number, c: number) => {
    out[layout.status + i] = verdict;
    out[layout.stopStep + i] = s;
    if (from) {
      for (let j = 0; j < P; j++) out[layout.stopPoint + i * P + j] = from[fromAt + j];
      out[layout.latestCost + i] = c;
    }
    live[i] = 0;
  };
  const pass: Pass = {
    n,
    P,
    stride,
    state,
    live,
    previous,
    grad: scratch.grads[0],
    previousGrad: scratch.grads[1],
    cost: scratch.costs[0],
    previousCost: scratch.costs[1],
    bound,
    stepTolerance,
    gradientTolerance,
    keepTrail,
    k,
    settle: (i, verdict, s, c) => {
      if (verdict === 2) {
        // It stays at its last good point: the one before, if this call made it.
        stopAt(i, 2, s, s > 1 ? previous : null, i * P, pass.previousCost[i]);
        return true;
      }
      if (keepTrail) {
        for (let j = 0; j < P; j++) out[layout.trail + ((s - 1) * n + i) * P + j] = state[i * stride + j];
        out[layout.trailCost + (s - 1) * n + i] = c;
      }
      if (verdict === 1) {
        stopAt(i, 1, s, state, i * stride, c);
        return true;
      }
      if (s === k) {
        out[layout.latestCost + i] = c;
        return true;
      }
      return false;
    },
  };
  const rows = rowsOf(plan, state, pass.grad, P, plan.table(first), live);
  for (let s = 0; s <= k; s++) {
    if (at) landscapePass(pass, s, at, g);
    else {
      gradient(state, stride, n, first + s, pass.grad, pass.cost, live);
      if (P === 2) givenPassTwo(pass, s);
      else givenPass(pass, s);
    }
    if (s === k) break;
    rows.grad = pass.grad;
    rows.table = plan.table(first + s);
    applyRules(plan, rows);
    // This update's gradient and costs are the next one's previous.
    const { grad, cost } = pass;
    pass.grad = pass.previousGrad;
    pass.previousGrad = grad;
    pass.cost = pass.previousCost;
    pass.previousCost = cost;
  }
  const cpu = backend as unknown as MathBackendCPU;
  return [cpu.makeTensorInfo([n, stride], 'float32', state), cpu.makeTensorInfo([out.length], 'float32', out)];
}

/**
 * The outcome of k updates made by the tensor path (webgl, or a gradient by autodiff),
 * from its read-back: the points after each update (k · n · P), the reported cost at each
 * (k · n) and the gradient's max-norm each update took (k · n); `before` is the state
 * before the call (stride `stride`). Judged exactly as the cpu kernel judges.
 */
export function outcomeOf(
  data: Float32Array,
  before: Float32Array,
  stride: number,
  n: number,
  P: number,
  k: number,
  running: Uint8Array,
  stop: StopRules,
  keepTrail: boolean,
): Float32Array {
  const layout = outcomeLayout(n, P, k, keepTrail);
  const out = new Float32Array(layout.length);
  const costs = k * n * P;
  const norms = costs + k * n;
  const live = running.slice(0, n);
  const stopAt = (i: number, verdict: Verdict, s: number, fromAt: number, c: number) => {
    out[layout.status + i] = verdict;
    out[layout.stopStep + i] = s;
    if (fromAt >= 0) {
      for (let j = 0; j < P; j++) out[layout.stopPoint + i * P + j] = data[fromAt + j];
      out[layout.latestCost + i] = c;
    }
    live[i] = 0;
  };
  for (let s = 1; s <= k; s++) {
    for (let i = 0; i < n; i++) {
      if (!live[i]) continue;
      const at = ((s - 1) * n + i) * P;
      const c = data[costs + (s - 1) * n + i];
      const verdict =
        s > 1
          ? judge(data, at, data, at - n * P, P, c, data[norms + (s - 1) * n + i], stop.bound, stop.step, stop.gradient)
          : judge(data, at, before, i * stride, P, c, data[norms + i], stop.bound, stop.step, stop.gradient);
      if (verdict === 2) {
        stopAt(i, 2, s, s > 1 ? at - n * P : -1, s > 1 ? data[costs + (s - 2) * n + i] : NaN);
        continue;
      }
      if (keepTrail) {
        for (let j = 0; j < P; j++) out[layout.trail + at + j] = data[at + j];
        out[layout.trailCost + (s - 1) * n + i] = c;
      }
      if (verdict === 1) stopAt(i, 1, s, at, c);
      else if (s === k) out[layout.latestCost + i] = c;
    }
  }
  return out;
}

function cpuUpdate({ inputs, backend, attrs }: CpuInputs): tf.TensorInfo {
  const { plan } = attrs as unknown as { plan: FusedPlan };
  const state = valuesOf(backend, inputs.state).slice();
  const grad = valuesOf(backend, inputs.grad);
  applyRules(plan, rowsOf(plan, state, grad, inputs.grad.shape[1], valuesOf(backend, inputs.coefficients), plan.everyRow));
  return (backend as unknown as MathBackendCPU).makeTensorInfo([plan.rows, plan.stride], 'float32', state);
}

function cpuLandscapeGradient({ inputs, backend, attrs }: CpuInputs): tf.TensorInfo {
  const { gradient } = attrs as unknown as { gradient: LandscapeGradient };
  const [n, stride] = inputs.state.shape;
  const state = valuesOf(backend, inputs.state);
  const out = new Float32Array(n * 4);
  const g = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    out[4 * i + 2] = gradient.at(state[i * stride], state[i * stride + 1], g);
    out[4 * i] = g[0];
    out[4 * i + 1] = g[1];
    out[4 * i + 3] = Math.max(Math.abs(out[4 * i]), Math.abs(out[4 * i + 1]));
  }
  return (backend as unknown as MathBackendCPU).makeTensorInfo([n, 4], 'float32', out);
}

let registered = false;

/** Registers the cpu kernels (once; a second copy of the kit finds them registered). */
export function registerFusedKernels(): void {
  if (registered) return;
  registered = true;
  const kernels: [string, (args: CpuInputs) => tf.TensorInfo | tf.TensorInfo[]][] = [
    [STEPS, cpuSteps],
    [UPDATE, cpuUpdate],
    [LANDSCAPE_GRADIENT, cpuLandscapeGradient],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, 'cpu') == null) {
      tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
    }
  }
}

const asAttrs = (attrs: object) => attrs as unknown as tf.NamedAttrMap;

/** k fused updates on cpu: [the new state, the packed read-back]. */
export function fusedSteps(state: tf.Tensor2D, attrs: StepsAttrs): [tf.Tensor2D, tf.Tensor1D] {
  registerFusedKernels();
  return tf.engine().runKernel(STEPS, { state }, asAttrs(attrs)) as unknown as [tf.Tensor2D, tf.Tensor1D];
}

/**
 * One update of every row from `grad` ([n, ≥ P]: its first P columns) with the
 * coefficient table ([profiles, TABLE_WIDTH]) and `rows` ([n, 2]: rule index, profile
 * index) the webgl kernel reads; the cpu kernel reads the plan's offsets instead.
 */
export function fusedUpdate(
  state: tf.Tensor2D,
  grad: tf.Tensor2D,
  coefficients: tf.Tensor2D,
  rows: tf.Tensor2D,
  plan: FusedPlan,
): tf.Tensor2D {
  registerFusedKernels();
  return tf.engine().runKernel(UPDATE, { state, grad, coefficients, rows }, asAttrs({ plan })) as unknown as tf.Tensor2D;
}

/** ∂J/∂w₁, ∂J/∂w₂, J and max|∂J/∂wᵢ| of every row (its first two columns) of `state`, [n, 4]. */
export function landscapeGradient(state: tf.Tensor2D, gradient: LandscapeGradient): tf.Tensor2D {
  registerFusedKernels();
  return tf.engine().runKernel(LANDSCAPE_GRADIENT, { state }, asAttrs({ gradient })) as unknown as tf.Tensor2D;
}
