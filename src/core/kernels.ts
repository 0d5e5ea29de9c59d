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
 *   landscape's `gradient.at`, or a run's own `gradient`), with every rule's fused loop
 *   (`OptimizerRule.fused`), the trajectory, costs and gradient norms packed for the one
 *   read-back. No tensor between the k updates.
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
import type { OptimizerRule } from './optimizers/rule.js';

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
 * Where the parts of an outcome sit in its float32 array: what k updates of n rows
 * report. Per row: `status` (its verdict if it stopped during the call, else 0), `stopStep`
 * (the step of the call, 1 … k, at which it stopped), `kept` (1 where the call kept a
 * point), `latest` (P) and `latestCost` (the last point kept and its reported cost); with
 * a trail, `trail` (k · n · P) and `trailCost` (k · n): the point after each step and its
 * cost, s · n + row (a stopped row's later entries unused).
 */
export function outcomeLayout(n: number, P: number, k: number, trail: boolean) {
  const status = 0;
  const stopStep = n;
  const kept = 2 * n;
  const latest = 3 * n;
  const latestCost = latest + n * P;
  const trailAt = latestCost + n;
  const trailCost = trailAt + (trail ? k * n * P : 0);
  return { status, stopStep, kept, latest, latestCost, trail: trailAt, trailCost, length: trailCost + (trail ? k * n : 0) };
}

/** Per-row scratch of the steps kernel, kept between calls (never in a tensor). */
interface Scratch {
  grad: Float32Array;
  cost: Float32Array;
  previous: Float32Array;
  previousNorm: Float32Array;
  previousCost: Float32Array;
  live: Uint8Array;
}

function scratchFor(n: number, P: number, current: Scratch): Scratch {
  if (current.grad.length >= n * P && current.live.length >= n) return current;
  const size = Math.max(n, current.live.length);
  const values = Math.max(n * P, current.grad.length);
  return {
    grad: new Float32Array(values),
    cost: new Float32Array(size),
    previous: new Float32Array(values),
    previousNorm: new Float32Array(size),
    previousCost: new Float32Array(size),
    live: new Uint8Array(size),
  };
}

let scratch = scratchFor(0, 0, {
  grad: new Float32Array(0),
  cost: new Float32Array(0),
  previous: new Float32Array(0),
  previousNorm: new Float32Array(0),
  previousCost: new Float32Array(0),
  live: new Uint8Array(0),
});

export interface StepsAttrs {
  plan: FusedPlan;
  gradient: RowGradient;
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
}

type Inputs = Record<'state' | 'grad' | 'coefficients' | 'rows', tf.TensorInfo>;
type CpuInputs = { inputs: Inputs; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

function valuesOf(backend: tf.KernelBackend, info: tf.TensorInfo): Float32Array {
  return (backend as unknown as MathBackendCPU).data.get(info.dataId).values as Float32Array;
}

function applyRules(
  plan: FusedPlan,
  state: Float32Array,
  grad: Float32Array,
  gradStride: number,
  table: Float32Array,
  live: Uint8Array,
): void {
  const { P, stride, offset } = plan;
  for (const { rule, from, to } of plan.groups) rule.fused.apply({ state, stride, P, grad, gradStride, from, to, table, offset, live });
}

/**
 * k updates, each the gradient and every rule's loop over the running rows; each new
 * point judged as it is made (`judge`), so a stopped row is left as it is from then on.
 */
function cpuSteps({ inputs, backend, attrs }: CpuInputs): tf.TensorInfo[] {
  const { plan, gradient, k, first, stop } = attrs as unknown as StepsAttrs;
  const keepTrail = (attrs as unknown as StepsAttrs).trail;
  const { rows: n, P, stride } = plan;
  const state = valuesOf(backend, inputs.state).slice();
  const layout = outcomeLayout(n, P, k, keepTrail);
  // The caller's buffer for the outcome when it has one (it reads it before the next call).
  const given = (attrs as unknown as StepsAttrs).readBack;
  const out = given && given.length >= layout.length ? given.subarray(0, layout.length) : new Float32Array(layout.length);
  out.fill(0, 0, layout.latest);
  scratch = scratchFor(n, P, scratch);
  const { grad, cost, previous, previousNorm, previousCost, live } = scratch;
  live.set((attrs as unknown as StepsAttrs).live.subarray(0, n));
  const keep = (i: number, from: Float32Array, at: number, c: number) => {
    out[layout.kept + i] = 1;
    for (let j = 0; j < P; j++) out[layout.latest + i * P + j] = from[at + j];
    out[layout.latestCost + i] = c;
  };
  const { bound, step: stepTolerance, gradient: gradientTolerance } = stop;
  for (let s = 0; s <= k; s++) {
    gradient(state, stride, n, first + s, grad, cost, live);
    // One pass over the running rows: judge the point step s made (its cost came with
    // this gradient), then note where step s + 1 starts from and the gradient moving it.
    for (let i = 0; i < n; i++) {
      if (!live[i]) continue;
      if (s > 0) {
        const verdict = judge(state, i * stride, previous, i * P, P, cost[i], previousNorm[i], bound, stepTolerance, gradientTolerance);
        if (verdict === 2) {
          // It keeps its last good point: the one before, if this call made it.
          if (s > 1) keep(i, previous, i * P, previousCost[i]);
          out[layout.status + i] = 2;
          out[layout.stopStep + i] = s;
          live[i] = 0;
          continue;
        }
        if (keepTrail) {
          for (let j = 0; j < P; j++) out[layout.trail + ((s - 1) * n + i) * P + j] = state[i * stride + j];
          out[layout.trailCost + (s - 1) * n + i] = cost[i];
        }
        if (verdict === 1 || s === k) keep(i, state, i * stride, cost[i]);
        if (verdict === 1) {
          out[layout.status + i] = 1;
          out[layout.stopStep + i] = s;
          live[i] = 0;
          continue;
        }
      }
      if (s === k) continue;
      let norm = 0;
      for (let j = 0; j < P; j++) {
        // The max-norm, NaN kept (a NaN gradient never counts as tiny).
        const a = Math.abs(grad[i * P + j]);
        if (a > norm || a !== a) norm = a;
        previous[i * P + j] = state[i * stride + j];
      }
      previousNorm[i] = norm;
      previousCost[i] = cost[i];
    }
    if (s < k) applyRules(plan, state, grad, P, plan.table(first + s), live);
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
  const keep = (i: number, at: number, c: number) => {
    out[layout.kept + i] = 1;
    for (let j = 0; j < P; j++) out[layout.latest + i * P + j] = data[at + j];
    out[layout.latestCost + i] = c;
  };
  for (let s = 1; s <= k; s++) {
    for (let i = 0; i < n; i++) {
      if (!live[i]) continue;
      const at = ((s - 1) * n + i) * P;
      const c = data[costs + (s - 1) * n + i];
      const [from, fromAt] = s > 1 ? [data, at - n * P] : [before, i * stride];
      const verdict = judge(data, at, from, fromAt, P, c, data[norms + (s - 1) * n + i], stop.bound, stop.step, stop.gradient);
      if (verdict === 2) {
        if (s > 1) keep(i, at - n * P, data[costs + (s - 2) * n + i]);
        out[layout.status + i] = 2;
        out[layout.stopStep + i] = s;
        live[i] = 0;
        continue;
      }
      if (keepTrail) {
        for (let j = 0; j < P; j++) out[layout.trail + at + j] = data[at + j];
        out[layout.trailCost + (s - 1) * n + i] = c;
      }
      if (verdict === 1 || s === k) keep(i, at, c);
      if (verdict === 1) {
        out[layout.status + i] = 1;
        out[layout.stopStep + i] = s;
        live[i] = 0;
      }
    }
  }
  return out;
}

function cpuUpdate({ inputs, backend, attrs }: CpuInputs): tf.TensorInfo {
  const { plan } = attrs as unknown as { plan: FusedPlan };
  const state = valuesOf(backend, inputs.state).slice();
  const grad = valuesOf(backend, inputs.grad);
  applyRules(plan, state, grad, inputs.grad.shape[1], valuesOf(backend, inputs.coefficients), plan.everyRow);
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

/** Registers the cpu kernels (once; a second copy of the kit finds them registered). */
export function registerFusedKernels(): void {
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
