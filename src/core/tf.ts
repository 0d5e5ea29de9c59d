/**
 * The kit's one TensorFlow.js entry: tfjs-core's ops and autodiff, the cpu backend
 * (the webgl backend is `./tf-webgl.js`, loaded only when a run needs it), and a short
 * list of kernels and gradients: the ones the kit's ops and their
 * gradients run, plus the elementwise and comparison basics (a custom tfjs bundle: all
 * of tfjs's kernels would add ~100 KiB gzip to every page). Every module of the
 * kit imports tf from here, never from '@tensorflow/tfjs-core' directly.
 *
 * Adding an op: add its kernel (and the kernels its gradient uses) to KERNELS and, if
 * it is differentiated, to GRADIENTS. A missing kernel fails loudly in the tests
 * ("Kernel 'X' not registered for backend 'cpu'"), which run on both backends. A kernel listed here needs its webgl twin in `./tf-webgl.js`.
 *
 * Deep imports name their `.js` file: bundlers (webpack 5) and TypeScript (`node16`)
 * resolve imports from a `"type": "module"` package exactly as written.
 *
 * A second copy of the kit (or the page's own tfjs) shares tfjs's global engine and
 * registries, so everything below registers only what is not registered yet: tfjs
 * warns once per kernel and backend registered twice. Its platform setup, which runs
 * at import and cannot be guarded here, is muted by `./tf-quiet.js` (imported first).
 */
// tfjs-core's declarations use the global `Long` of @types/long (its dependency) without
// referencing it; this directive, kept in tf.d.ts, lets a project that lists its own
// `types` (skipLibCheck: false) type-check the kit.
/// <reference types="long" preserve="true" />
import { endQuietSetup } from './tf-quiet.js';
import { findBackendFactory, registerBackend } from '@tensorflow/tfjs-core/dist/globals.js';
import {
  getGradient,
  getKernel,
  registerGradient,
  registerKernel,
  type GradConfig,
  type KernelConfig,
} from '@tensorflow/tfjs-core/dist/kernel_registry.js';
import '@tensorflow/tfjs-core/dist/base_side_effects.js';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu/dist/backend_cpu.js';
import * as cpuAbs from '@tensorflow/tfjs-backend-cpu/dist/kernels/Abs.js';
import * as cpuAdd from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add.js';
import * as cpuAddN from '@tensorflow/tfjs-backend-cpu/dist/kernels/AddN.js';
import * as cpuAll from '@tensorflow/tfjs-backend-cpu/dist/kernels/All.js';
import * as cpuAny from '@tensorflow/tfjs-backend-cpu/dist/kernels/Any.js';
import * as cpuCast from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast.js';
import * as cpuConcat from '@tensorflow/tfjs-backend-cpu/dist/kernels/Concat.js';
import * as cpuCos from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cos.js';
import * as cpuExp from '@tensorflow/tfjs-backend-cpu/dist/kernels/Exp.js';
import * as cpuExpm1 from '@tensorflow/tfjs-backend-cpu/dist/kernels/Expm1.js';
import * as cpuFill from '@tensorflow/tfjs-backend-cpu/dist/kernels/Fill.js';
import * as cpuGatherV2 from '@tensorflow/tfjs-backend-cpu/dist/kernels/GatherV2.js';
import * as cpuGreater from '@tensorflow/tfjs-backend-cpu/dist/kernels/Greater.js';
import * as cpuGreaterEqual from '@tensorflow/tfjs-backend-cpu/dist/kernels/GreaterEqual.js';
import * as cpuIdentity from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity.js';
import * as cpuIsFinite from '@tensorflow/tfjs-backend-cpu/dist/kernels/IsFinite.js';
import * as cpuIsNaN from '@tensorflow/tfjs-backend-cpu/dist/kernels/IsNaN.js';
import * as cpuLess from '@tensorflow/tfjs-backend-cpu/dist/kernels/Less.js';
import * as cpuLessEqual from '@tensorflow/tfjs-backend-cpu/dist/kernels/LessEqual.js';
import * as cpuLog from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log.js';
import * as cpuLog1p from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log1p.js';
import * as cpuLogicalAnd from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalAnd.js';
import * as cpuLogicalNot from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalNot.js';
import * as cpuLogicalOr from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalOr.js';
import * as cpuMax from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max.js';
import * as cpuMaximum from '@tensorflow/tfjs-backend-cpu/dist/kernels/Maximum.js';
import * as cpuMean from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean.js';
import * as cpuMin from '@tensorflow/tfjs-backend-cpu/dist/kernels/Min.js';
import * as cpuMinimum from '@tensorflow/tfjs-backend-cpu/dist/kernels/Minimum.js';
import * as cpuMultiply from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply.js';
import * as cpuNeg from '@tensorflow/tfjs-backend-cpu/dist/kernels/Neg.js';
import * as cpuNotEqual from '@tensorflow/tfjs-backend-cpu/dist/kernels/NotEqual.js';
import * as cpuOnesLike from '@tensorflow/tfjs-backend-cpu/dist/kernels/OnesLike.js';
import * as cpuPack from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pack.js';
import * as cpuPow from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pow.js';
import * as cpuRealDiv from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv.js';
import * as cpuReshape from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape.js';
import * as cpuSelect from '@tensorflow/tfjs-backend-cpu/dist/kernels/Select.js';
import * as cpuSign from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sign.js';
import * as cpuSin from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sin.js';
import * as cpuSlice from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice.js';
import * as cpuSplitV from '@tensorflow/tfjs-backend-cpu/dist/kernels/SplitV.js';
import * as cpuSqrt from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sqrt.js';
import * as cpuSquare from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square.js';
import * as cpuSquaredDifference from '@tensorflow/tfjs-backend-cpu/dist/kernels/SquaredDifference.js';
import * as cpuStep from '@tensorflow/tfjs-backend-cpu/dist/kernels/Step.js';
import * as cpuSub from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub.js';
import * as cpuSum from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum.js';
import * as cpuTan from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tan.js';
import * as cpuTanh from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tanh.js';
import * as cpuTile from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tile.js';
import * as cpuTranspose from '@tensorflow/tfjs-backend-cpu/dist/kernels/Transpose.js';
import * as cpuUnpack from '@tensorflow/tfjs-backend-cpu/dist/kernels/Unpack.js';
import * as cpuZerosLike from '@tensorflow/tfjs-backend-cpu/dist/kernels/ZerosLike.js';
import * as gradAbs from '@tensorflow/tfjs-core/dist/gradients/Abs_grad.js';
import * as gradAdd from '@tensorflow/tfjs-core/dist/gradients/Add_grad.js';
import * as gradAddN from '@tensorflow/tfjs-core/dist/gradients/AddN_grad.js';
import * as gradCast from '@tensorflow/tfjs-core/dist/gradients/Cast_grad.js';
import * as gradConcat from '@tensorflow/tfjs-core/dist/gradients/Concat_grad.js';
import * as gradCos from '@tensorflow/tfjs-core/dist/gradients/Cos_grad.js';
import * as gradExp from '@tensorflow/tfjs-core/dist/gradients/Exp_grad.js';
import * as gradExpm1 from '@tensorflow/tfjs-core/dist/gradients/Expm1_grad.js';
import * as gradGatherV2 from '@tensorflow/tfjs-core/dist/gradients/GatherV2_grad.js';
import * as gradGreaterEqual from '@tensorflow/tfjs-core/dist/gradients/GreaterEqual_grad.js';
import * as gradIdentity from '@tensorflow/tfjs-core/dist/gradients/Identity_grad.js';
import * as gradIsFinite from '@tensorflow/tfjs-core/dist/gradients/IsFinite_grad.js';
import * as gradLog from '@tensorflow/tfjs-core/dist/gradients/Log_grad.js';
import * as gradLog1p from '@tensorflow/tfjs-core/dist/gradients/Log1p_grad.js';
import * as gradMax from '@tensorflow/tfjs-core/dist/gradients/Max_grad.js';
import * as gradMaximum from '@tensorflow/tfjs-core/dist/gradients/Maximum_grad.js';
import * as gradMean from '@tensorflow/tfjs-core/dist/gradients/Mean_grad.js';
import * as gradMin from '@tensorflow/tfjs-core/dist/gradients/Min_grad.js';
import * as gradMinimum from '@tensorflow/tfjs-core/dist/gradients/Minimum_grad.js';
import * as gradMultiply from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad.js';
import * as gradNeg from '@tensorflow/tfjs-core/dist/gradients/Neg_grad.js';
import * as gradOnesLike from '@tensorflow/tfjs-core/dist/gradients/OnesLike_grad.js';
import * as gradPack from '@tensorflow/tfjs-core/dist/gradients/Pack_grad.js';
import * as gradPow from '@tensorflow/tfjs-core/dist/gradients/Pow_grad.js';
import * as gradRealDiv from '@tensorflow/tfjs-core/dist/gradients/RealDiv_grad.js';
import * as gradReshape from '@tensorflow/tfjs-core/dist/gradients/Reshape_grad.js';
import * as gradSelect from '@tensorflow/tfjs-core/dist/gradients/Select_grad.js';
import * as gradSign from '@tensorflow/tfjs-core/dist/gradients/Sign_grad.js';
import * as gradSin from '@tensorflow/tfjs-core/dist/gradients/Sin_grad.js';
import * as gradSlice from '@tensorflow/tfjs-core/dist/gradients/Slice_grad.js';
import * as gradSplitV from '@tensorflow/tfjs-core/dist/gradients/SplitV_grad.js';
import * as gradSqrt from '@tensorflow/tfjs-core/dist/gradients/Sqrt_grad.js';
import * as gradSquare from '@tensorflow/tfjs-core/dist/gradients/Square_grad.js';
import * as gradSquaredDifference from '@tensorflow/tfjs-core/dist/gradients/SquaredDifference_grad.js';
import * as gradStep from '@tensorflow/tfjs-core/dist/gradients/Step_grad.js';
import * as gradSub from '@tensorflow/tfjs-core/dist/gradients/Sub_grad.js';
import * as gradSum from '@tensorflow/tfjs-core/dist/gradients/Sum_grad.js';
import * as gradTan from '@tensorflow/tfjs-core/dist/gradients/Tan_grad.js';
import * as gradTanh from '@tensorflow/tfjs-core/dist/gradients/Tanh_grad.js';
import * as gradTile from '@tensorflow/tfjs-core/dist/gradients/Tile_grad.js';
import * as gradTranspose from '@tensorflow/tfjs-core/dist/gradients/Transpose_grad.js';
import * as gradUnpack from '@tensorflow/tfjs-core/dist/gradients/Unpack_grad.js';
import * as gradZerosLike from '@tensorflow/tfjs-core/dist/gradients/ZerosLike_grad.js';

// What the kit uses of tfjs-core, named one by one: the build bundles this module with
// tfjs (scripts/build.mjs), and an `export *` of all of tfjs-core would keep all of it.
// An op the kit starts to use is added here.
export {
  backend,
  dispose,
  engine,
  findBackendFactory,
  getBackend,
  keep,
  memory,
  ready,
  registerBackend,
  setBackend,
  tidy,
} from '@tensorflow/tfjs-core/dist/globals.js';
export { getGradient, getKernel, registerGradient, registerKernel } from '@tensorflow/tfjs-core/dist/kernel_registry.js';
export type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap } from '@tensorflow/tfjs-core/dist/kernel_registry.js';
export { grad, grads, valueAndGrad } from '@tensorflow/tfjs-core/dist/gradients.js';
export { Tensor } from '@tensorflow/tfjs-core/dist/tensor.js';
export type { Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core/dist/tensor.js';
export type { TensorInfo } from '@tensorflow/tfjs-core/dist/tensor_info.js';
export type { Rank } from '@tensorflow/tfjs-core/dist/types.js';
export { KernelBackend } from '@tensorflow/tfjs-core/dist/backends/backend.js';
export * as device_util from '@tensorflow/tfjs-core/dist/device_util.js';
export { abs } from '@tensorflow/tfjs-core/dist/ops/abs.js';
export { add } from '@tensorflow/tfjs-core/dist/ops/add.js';
export { broadcastTo } from '@tensorflow/tfjs-core/dist/ops/broadcast_to.js';
export { concat } from '@tensorflow/tfjs-core/dist/ops/concat.js';
export { cos } from '@tensorflow/tfjs-core/dist/ops/cos.js';
export { div } from '@tensorflow/tfjs-core/dist/ops/div.js';
export { exp } from '@tensorflow/tfjs-core/dist/ops/exp.js';
export { expm1 } from '@tensorflow/tfjs-core/dist/ops/expm1.js';
export { gather } from '@tensorflow/tfjs-core/dist/ops/gather.js';
export { log } from '@tensorflow/tfjs-core/dist/ops/log.js';
export { log1p } from '@tensorflow/tfjs-core/dist/ops/log1p.js';
export { max } from '@tensorflow/tfjs-core/dist/ops/max.js';
export { maximum } from '@tensorflow/tfjs-core/dist/ops/maximum.js';
export { mean } from '@tensorflow/tfjs-core/dist/ops/mean.js';
export { minimum } from '@tensorflow/tfjs-core/dist/ops/minimum.js';
export { mul } from '@tensorflow/tfjs-core/dist/ops/mul.js';
export { neg } from '@tensorflow/tfjs-core/dist/ops/neg.js';
export { pow } from '@tensorflow/tfjs-core/dist/ops/pow.js';
export { reshape } from '@tensorflow/tfjs-core/dist/ops/reshape.js';
export { scalar } from '@tensorflow/tfjs-core/dist/ops/scalar.js';
export { sin } from '@tensorflow/tfjs-core/dist/ops/sin.js';
export { slice } from '@tensorflow/tfjs-core/dist/ops/slice.js';
export { split } from '@tensorflow/tfjs-core/dist/ops/split.js';
export { step } from '@tensorflow/tfjs-core/dist/ops/step.js';
export { sqrt } from '@tensorflow/tfjs-core/dist/ops/sqrt.js';
export { square } from '@tensorflow/tfjs-core/dist/ops/square.js';
export { sub } from '@tensorflow/tfjs-core/dist/ops/sub.js';
export { sum } from '@tensorflow/tfjs-core/dist/ops/sum.js';
export { tan } from '@tensorflow/tfjs-core/dist/ops/tan.js';
export { tanh } from '@tensorflow/tfjs-core/dist/ops/tanh.js';
export { tensor } from '@tensorflow/tfjs-core/dist/ops/tensor.js';
export { tensor1d } from '@tensorflow/tfjs-core/dist/ops/tensor1d.js';
export { tensor2d } from '@tensorflow/tfjs-core/dist/ops/tensor2d.js';
export { zerosLike } from '@tensorflow/tfjs-core/dist/ops/zeros_like.js';

const KERNELS: object[] = [
  cpuAbs,
  cpuAdd,
  cpuAddN,
  cpuAll,
  cpuAny,
  cpuCast,
  cpuConcat,
  cpuCos,
  cpuExp,
  cpuExpm1,
  cpuFill,
  cpuGatherV2,
  cpuGreater,
  cpuGreaterEqual,
  cpuIdentity,
  cpuIsFinite,
  cpuIsNaN,
  cpuLess,
  cpuLessEqual,
  cpuLog,
  cpuLog1p,
  cpuLogicalAnd,
  cpuLogicalNot,
  cpuLogicalOr,
  cpuMax,
  cpuMaximum,
  cpuMean,
  cpuMin,
  cpuMinimum,
  cpuMultiply,
  cpuNeg,
  cpuNotEqual,
  cpuOnesLike,
  cpuPack,
  cpuPow,
  cpuRealDiv,
  cpuReshape,
  cpuSelect,
  cpuSign,
  cpuSin,
  cpuSlice,
  cpuSplitV,
  cpuSqrt,
  cpuSquare,
  cpuSquaredDifference,
  cpuStep,
  cpuSub,
  cpuSum,
  cpuTan,
  cpuTanh,
  cpuTile,
  cpuTranspose,
  cpuUnpack,
  cpuZerosLike,
];

const GRADIENTS: object[] = [
  gradAbs,
  gradAdd,
  gradAddN,
  gradCast,
  gradConcat,
  gradCos,
  gradExp,
  gradExpm1,
  gradGatherV2,
  gradGreaterEqual,
  gradIdentity,
  gradIsFinite,
  gradLog,
  gradLog1p,
  gradMax,
  gradMaximum,
  gradMean,
  gradMin,
  gradMinimum,
  gradMultiply,
  gradNeg,
  gradOnesLike,
  gradPack,
  gradPow,
  gradRealDiv,
  gradReshape,
  gradSelect,
  gradSign,
  gradSin,
  gradSlice,
  gradSplitV,
  gradSqrt,
  gradSquare,
  gradSquaredDifference,
  gradStep,
  gradSub,
  gradSum,
  gradTan,
  gradTanh,
  gradTile,
  gradTranspose,
  gradUnpack,
  gradZerosLike,
];

/** Registers every kernel in `modules` that no copy of tfjs registered yet. */
export function registerKernels(modules: object[]): void {
  for (const module of modules) {
    for (const value of Object.values(module)) {
      if (isKernel(value) && getKernel(value.kernelName, value.backendName) == null) registerKernel(value);
    }
  }
}

const isKernel = (value: unknown): value is KernelConfig =>
  typeof value === 'object' && value !== null && 'kernelName' in value && 'backendName' in value && 'kernelFunc' in value;
const isGradient = (value: unknown): value is GradConfig =>
  typeof value === 'object' && value !== null && 'kernelName' in value && 'gradFunc' in value;

/**
 * tfjs's cpu backend, without the banner it prints in Node on its first tensor ("install
 * our node backend"): in Node the core runs on this backend on purpose (its `node`
 * build, see scripts/build.mjs), so the advice is only noise in the program's output.
 * The banner waits for the backend's private `firstUse` flag; in a browser it never shows.
 */
function quietCpuBackend(): MathBackendCPU {
  const backend = new MathBackendCPU();
  (backend as unknown as { firstUse: boolean }).firstUse = false;
  return backend;
}

// The backends' priorities are tfjs's own (its backend packages register them so).
if (findBackendFactory('cpu') == null) registerBackend('cpu', quietCpuBackend, 1);
registerKernels(KERNELS);
for (const module of GRADIENTS) {
  for (const value of Object.values(module)) if (isGradient(value) && getGradient(value.kernelName) == null) registerGradient(value);
}
endQuietSetup();
