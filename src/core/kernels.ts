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
 * and the cost the run reports for that point into `cost[i]`.
 */
export type RowGradient = (points: Float32Array, stride: number, rows: number, t: number, grad: Float32Array, cost: Float32Array) => void;

/** A built-in landscape's gradient as a `RowGradient` (P = 2; t plays no part). */
export function landscapeRowGradient(gradient: LandscapeGradient): RowGradient {
  const g = new Float64Array(2);
  const at = gradient.at;
  return (points, stride, rows, _t, grad, cost) => {
    for (let i = 0; i < rows; i++) {
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
}

export interface StepsAttrs {
  plan: FusedPlan;
  gradient: RowGradient;
  /** updates to make */
  k: number;
  /** t of the first */
  first: number;
}

/**
 * The read-back of k updates, one float32 array: the points after each update
 * (k · n · P), the reported cost at each (k · n), the max-norm of the gradient each
 * update took (k · n), then the final state (n · stride).
 */
export function packedLength(plan: FusedPlan, k: number): number {
  return k * plan.rows * (plan.P + 2) + plan.rows * plan.stride;
}

type Inputs = Record<'state' | 'grad' | 'coefficients' | 'rows', tf.TensorInfo>;
type CpuInputs = { inputs: Inputs; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

function valuesOf(backend: tf.KernelBackend, info: tf.TensorInfo): Float32Array {
  return (backend as unknown as MathBackendCPU).data.get(info.dataId).values as Float32Array;
}

function applyRules(plan: FusedPlan, state: Float32Array, grad: Float32Array, gradStride: number, table: Float32Array): void {
  const { P, stride, offset } = plan;
  for (const { rule, from, to } of plan.groups) rule.fused.apply({ state, stride, P, grad, gradStride, from, to, table, offset });
}

function cpuSteps({ inputs, backend, attrs }: CpuInputs): tf.TensorInfo[] {
  const { plan, gradient, k, first } = attrs as unknown as StepsAttrs;
  const { rows: n, P, stride } = plan;
  const state = valuesOf(backend, inputs.state).slice();
  const out = new Float32Array(packedLength(plan, k));
  const costAt = k * n * P;
  const normAt = costAt + k * n;
  const grad = new Float32Array(n * P);
  const cost = new Float32Array(n);
  for (let s = 0; s <= k; s++) {
    gradient(state, stride, n, first + s, grad, cost);
    // J at the point this update starts from is the cost of the previous update's point.
    if (s > 0) out.set(cost, costAt + (s - 1) * n);
    if (s === k) break;
    const norms = normAt + s * n;
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let j = 0; j < P; j++) norm = Math.max(norm, Math.abs(grad[i * P + j]));
      // NaN stays NaN (Math.max keeps it), as tf.max of |∇J| would.
      out[norms + i] = norm;
    }
    applyRules(plan, state, grad, P, plan.table(first + s));
    const trail = s * n * P;
    for (let i = 0; i < n; i++) for (let j = 0; j < P; j++) out[trail + i * P + j] = state[i * stride + j];
  }
  out.set(state, normAt + k * n);
  const cpu = backend as unknown as MathBackendCPU;
  return [cpu.makeTensorInfo([n, stride], 'float32', state), cpu.makeTensorInfo([out.length], 'float32', out)];
}

function cpuUpdate({ inputs, backend, attrs }: CpuInputs): tf.TensorInfo {
  const { plan } = attrs as unknown as { plan: FusedPlan };
  const state = valuesOf(backend, inputs.state).slice();
  const grad = valuesOf(backend, inputs.grad);
  applyRules(plan, state, grad, inputs.grad.shape[1], valuesOf(backend, inputs.coefficients));
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
