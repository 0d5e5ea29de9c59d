/**
 * The kit's one TensorFlow.js entry: tfjs-core's ops and autodiff, the cpu and webgl
 * backends, and a short list of kernels and gradients: the ones the kit's ops and their
 * gradients run, plus the elementwise and comparison basics (a custom tfjs bundle: all
 * of tfjs's kernels would add ~100 KiB gzip to every page). Every module of the
 * kit imports tf from here, never from '@tensorflow/tfjs-core' directly.
 *
 * Adding an op: add its kernel (and the kernels its gradient uses) to KERNELS and, if
 * it is differentiated, to GRADIENTS. A missing kernel fails loudly in the tests
 * ("Kernel 'X' not registered for backend 'cpu'"), which run on both backends.
 */
import { registerGradient, registerKernel, type GradConfig, type KernelConfig } from '@tensorflow/tfjs-core/dist/base';
import '@tensorflow/tfjs-core/dist/base_side_effects';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import '@tensorflow/tfjs-backend-webgl/dist/base';
import * as cpuAbs from '@tensorflow/tfjs-backend-cpu/dist/kernels/Abs';
import * as cpuAdd from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import * as cpuAddN from '@tensorflow/tfjs-backend-cpu/dist/kernels/AddN';
import * as cpuAll from '@tensorflow/tfjs-backend-cpu/dist/kernels/All';
import * as cpuAny from '@tensorflow/tfjs-backend-cpu/dist/kernels/Any';
import * as cpuCast from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import * as cpuConcat from '@tensorflow/tfjs-backend-cpu/dist/kernels/Concat';
import * as cpuCos from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cos';
import * as cpuExp from '@tensorflow/tfjs-backend-cpu/dist/kernels/Exp';
import * as cpuExpm1 from '@tensorflow/tfjs-backend-cpu/dist/kernels/Expm1';
import * as cpuFill from '@tensorflow/tfjs-backend-cpu/dist/kernels/Fill';
import * as cpuGatherV2 from '@tensorflow/tfjs-backend-cpu/dist/kernels/GatherV2';
import * as cpuGreater from '@tensorflow/tfjs-backend-cpu/dist/kernels/Greater';
import * as cpuGreaterEqual from '@tensorflow/tfjs-backend-cpu/dist/kernels/GreaterEqual';
import * as cpuIdentity from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import * as cpuIsFinite from '@tensorflow/tfjs-backend-cpu/dist/kernels/IsFinite';
import * as cpuIsNaN from '@tensorflow/tfjs-backend-cpu/dist/kernels/IsNaN';
import * as cpuLess from '@tensorflow/tfjs-backend-cpu/dist/kernels/Less';
import * as cpuLessEqual from '@tensorflow/tfjs-backend-cpu/dist/kernels/LessEqual';
import * as cpuLog from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log';
import * as cpuLog1p from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log1p';
import * as cpuLogicalAnd from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalAnd';
import * as cpuLogicalNot from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalNot';
import * as cpuLogicalOr from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalOr';
import * as cpuMax from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max';
import * as cpuMaximum from '@tensorflow/tfjs-backend-cpu/dist/kernels/Maximum';
import * as cpuMean from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import * as cpuMin from '@tensorflow/tfjs-backend-cpu/dist/kernels/Min';
import * as cpuMinimum from '@tensorflow/tfjs-backend-cpu/dist/kernels/Minimum';
import * as cpuMultiply from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import * as cpuNeg from '@tensorflow/tfjs-backend-cpu/dist/kernels/Neg';
import * as cpuNotEqual from '@tensorflow/tfjs-backend-cpu/dist/kernels/NotEqual';
import * as cpuOnesLike from '@tensorflow/tfjs-backend-cpu/dist/kernels/OnesLike';
import * as cpuPack from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pack';
import * as cpuPow from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pow';
import * as cpuRealDiv from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv';
import * as cpuReshape from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import * as cpuSelect from '@tensorflow/tfjs-backend-cpu/dist/kernels/Select';
import * as cpuSign from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sign';
import * as cpuSin from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sin';
import * as cpuSlice from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice';
import * as cpuSplitV from '@tensorflow/tfjs-backend-cpu/dist/kernels/SplitV';
import * as cpuSqrt from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sqrt';
import * as cpuSquare from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square';
import * as cpuSquaredDifference from '@tensorflow/tfjs-backend-cpu/dist/kernels/SquaredDifference';
import * as cpuStep from '@tensorflow/tfjs-backend-cpu/dist/kernels/Step';
import * as cpuSub from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import * as cpuSum from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import * as cpuTile from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tile';
import * as cpuTranspose from '@tensorflow/tfjs-backend-cpu/dist/kernels/Transpose';
import * as cpuUnpack from '@tensorflow/tfjs-backend-cpu/dist/kernels/Unpack';
import * as cpuZerosLike from '@tensorflow/tfjs-backend-cpu/dist/kernels/ZerosLike';
import * as webglAbs from '@tensorflow/tfjs-backend-webgl/dist/kernels/Abs';
import * as webglAdd from '@tensorflow/tfjs-backend-webgl/dist/kernels/Add';
import * as webglAddN from '@tensorflow/tfjs-backend-webgl/dist/kernels/AddN';
import * as webglAll from '@tensorflow/tfjs-backend-webgl/dist/kernels/All';
import * as webglAny from '@tensorflow/tfjs-backend-webgl/dist/kernels/Any';
import * as webglCast from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cast';
import * as webglConcat from '@tensorflow/tfjs-backend-webgl/dist/kernels/Concat';
import * as webglCos from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cos';
import * as webglExp from '@tensorflow/tfjs-backend-webgl/dist/kernels/Exp';
import * as webglExpm1 from '@tensorflow/tfjs-backend-webgl/dist/kernels/Expm1';
import * as webglFill from '@tensorflow/tfjs-backend-webgl/dist/kernels/Fill';
import * as webglGatherV2 from '@tensorflow/tfjs-backend-webgl/dist/kernels/GatherV2';
import * as webglGreater from '@tensorflow/tfjs-backend-webgl/dist/kernels/Greater';
import * as webglGreaterEqual from '@tensorflow/tfjs-backend-webgl/dist/kernels/GreaterEqual';
import * as webglIdentity from '@tensorflow/tfjs-backend-webgl/dist/kernels/Identity';
import * as webglIsFinite from '@tensorflow/tfjs-backend-webgl/dist/kernels/IsFinite';
import * as webglIsNaN from '@tensorflow/tfjs-backend-webgl/dist/kernels/IsNaN';
import * as webglLess from '@tensorflow/tfjs-backend-webgl/dist/kernels/Less';
import * as webglLessEqual from '@tensorflow/tfjs-backend-webgl/dist/kernels/LessEqual';
import * as webglLog from '@tensorflow/tfjs-backend-webgl/dist/kernels/Log';
import * as webglLog1p from '@tensorflow/tfjs-backend-webgl/dist/kernels/Log1p';
import * as webglLogicalAnd from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalAnd';
import * as webglLogicalNot from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalNot';
import * as webglLogicalOr from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalOr';
import * as webglMax from '@tensorflow/tfjs-backend-webgl/dist/kernels/Max';
import * as webglMaximum from '@tensorflow/tfjs-backend-webgl/dist/kernels/Maximum';
import * as webglMean from '@tensorflow/tfjs-backend-webgl/dist/kernels/Mean';
import * as webglMin from '@tensorflow/tfjs-backend-webgl/dist/kernels/Min';
import * as webglMinimum from '@tensorflow/tfjs-backend-webgl/dist/kernels/Minimum';
import * as webglMultiply from '@tensorflow/tfjs-backend-webgl/dist/kernels/Multiply';
import * as webglNeg from '@tensorflow/tfjs-backend-webgl/dist/kernels/Neg';
import * as webglNotEqual from '@tensorflow/tfjs-backend-webgl/dist/kernels/NotEqual';
import * as webglOnesLike from '@tensorflow/tfjs-backend-webgl/dist/kernels/OnesLike';
import * as webglPack from '@tensorflow/tfjs-backend-webgl/dist/kernels/Pack';
import * as webglPow from '@tensorflow/tfjs-backend-webgl/dist/kernels/Pow';
import * as webglRealDiv from '@tensorflow/tfjs-backend-webgl/dist/kernels/RealDiv';
import * as webglReshape from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reshape';
import * as webglSelect from '@tensorflow/tfjs-backend-webgl/dist/kernels/Select';
import * as webglSign from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sign';
import * as webglSin from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sin';
import * as webglSlice from '@tensorflow/tfjs-backend-webgl/dist/kernels/Slice';
import * as webglSplitV from '@tensorflow/tfjs-backend-webgl/dist/kernels/SplitV';
import * as webglSqrt from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sqrt';
import * as webglSquare from '@tensorflow/tfjs-backend-webgl/dist/kernels/Square';
import * as webglSquaredDifference from '@tensorflow/tfjs-backend-webgl/dist/kernels/SquaredDifference';
import * as webglStep from '@tensorflow/tfjs-backend-webgl/dist/kernels/Step';
import * as webglSub from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sub';
import * as webglSum from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sum';
import * as webglTile from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tile';
import * as webglTranspose from '@tensorflow/tfjs-backend-webgl/dist/kernels/Transpose';
import * as webglUnpack from '@tensorflow/tfjs-backend-webgl/dist/kernels/Unpack';
import * as webglZerosLike from '@tensorflow/tfjs-backend-webgl/dist/kernels/ZerosLike';
import * as gradAbs from '@tensorflow/tfjs-core/dist/gradients/Abs_grad';
import * as gradAdd from '@tensorflow/tfjs-core/dist/gradients/Add_grad';
import * as gradAddN from '@tensorflow/tfjs-core/dist/gradients/AddN_grad';
import * as gradCast from '@tensorflow/tfjs-core/dist/gradients/Cast_grad';
import * as gradConcat from '@tensorflow/tfjs-core/dist/gradients/Concat_grad';
import * as gradCos from '@tensorflow/tfjs-core/dist/gradients/Cos_grad';
import * as gradExp from '@tensorflow/tfjs-core/dist/gradients/Exp_grad';
import * as gradExpm1 from '@tensorflow/tfjs-core/dist/gradients/Expm1_grad';
import * as gradGatherV2 from '@tensorflow/tfjs-core/dist/gradients/GatherV2_grad';
import * as gradGreaterEqual from '@tensorflow/tfjs-core/dist/gradients/GreaterEqual_grad';
import * as gradIdentity from '@tensorflow/tfjs-core/dist/gradients/Identity_grad';
import * as gradIsFinite from '@tensorflow/tfjs-core/dist/gradients/IsFinite_grad';
import * as gradLog from '@tensorflow/tfjs-core/dist/gradients/Log_grad';
import * as gradLog1p from '@tensorflow/tfjs-core/dist/gradients/Log1p_grad';
import * as gradMax from '@tensorflow/tfjs-core/dist/gradients/Max_grad';
import * as gradMaximum from '@tensorflow/tfjs-core/dist/gradients/Maximum_grad';
import * as gradMean from '@tensorflow/tfjs-core/dist/gradients/Mean_grad';
import * as gradMin from '@tensorflow/tfjs-core/dist/gradients/Min_grad';
import * as gradMinimum from '@tensorflow/tfjs-core/dist/gradients/Minimum_grad';
import * as gradMultiply from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad';
import * as gradNeg from '@tensorflow/tfjs-core/dist/gradients/Neg_grad';
import * as gradOnesLike from '@tensorflow/tfjs-core/dist/gradients/OnesLike_grad';
import * as gradPack from '@tensorflow/tfjs-core/dist/gradients/Pack_grad';
import * as gradPow from '@tensorflow/tfjs-core/dist/gradients/Pow_grad';
import * as gradRealDiv from '@tensorflow/tfjs-core/dist/gradients/RealDiv_grad';
import * as gradReshape from '@tensorflow/tfjs-core/dist/gradients/Reshape_grad';
import * as gradSelect from '@tensorflow/tfjs-core/dist/gradients/Select_grad';
import * as gradSign from '@tensorflow/tfjs-core/dist/gradients/Sign_grad';
import * as gradSin from '@tensorflow/tfjs-core/dist/gradients/Sin_grad';
import * as gradSlice from '@tensorflow/tfjs-core/dist/gradients/Slice_grad';
import * as gradSplitV from '@tensorflow/tfjs-core/dist/gradients/SplitV_grad';
import * as gradSqrt from '@tensorflow/tfjs-core/dist/gradients/Sqrt_grad';
import * as gradSquare from '@tensorflow/tfjs-core/dist/gradients/Square_grad';
import * as gradSquaredDifference from '@tensorflow/tfjs-core/dist/gradients/SquaredDifference_grad';
import * as gradStep from '@tensorflow/tfjs-core/dist/gradients/Step_grad';
import * as gradSub from '@tensorflow/tfjs-core/dist/gradients/Sub_grad';
import * as gradSum from '@tensorflow/tfjs-core/dist/gradients/Sum_grad';
import * as gradTile from '@tensorflow/tfjs-core/dist/gradients/Tile_grad';
import * as gradTranspose from '@tensorflow/tfjs-core/dist/gradients/Transpose_grad';
import * as gradUnpack from '@tensorflow/tfjs-core/dist/gradients/Unpack_grad';
import * as gradZerosLike from '@tensorflow/tfjs-core/dist/gradients/ZerosLike_grad';

export * from '@tensorflow/tfjs-core/dist/base';

const KERNELS: object[] = [
  cpuAbs,
  webglAbs,
  cpuAdd,
  webglAdd,
  cpuAddN,
  webglAddN,
  cpuAll,
  webglAll,
  cpuAny,
  webglAny,
  cpuCast,
  webglCast,
  cpuConcat,
  webglConcat,
  cpuCos,
  webglCos,
  cpuExp,
  webglExp,
  cpuExpm1,
  webglExpm1,
  cpuFill,
  webglFill,
  cpuGatherV2,
  webglGatherV2,
  cpuGreater,
  webglGreater,
  cpuGreaterEqual,
  webglGreaterEqual,
  cpuIdentity,
  webglIdentity,
  cpuIsFinite,
  webglIsFinite,
  cpuIsNaN,
  webglIsNaN,
  cpuLess,
  webglLess,
  cpuLessEqual,
  webglLessEqual,
  cpuLog,
  webglLog,
  cpuLog1p,
  webglLog1p,
  cpuLogicalAnd,
  webglLogicalAnd,
  cpuLogicalNot,
  webglLogicalNot,
  cpuLogicalOr,
  webglLogicalOr,
  cpuMax,
  webglMax,
  cpuMaximum,
  webglMaximum,
  cpuMean,
  webglMean,
  cpuMin,
  webglMin,
  cpuMinimum,
  webglMinimum,
  cpuMultiply,
  webglMultiply,
  cpuNeg,
  webglNeg,
  cpuNotEqual,
  webglNotEqual,
  cpuOnesLike,
  webglOnesLike,
  cpuPack,
  webglPack,
  cpuPow,
  webglPow,
  cpuRealDiv,
  webglRealDiv,
  cpuReshape,
  webglReshape,
  cpuSelect,
  webglSelect,
  cpuSign,
  webglSign,
  cpuSin,
  webglSin,
  cpuSlice,
  webglSlice,
  cpuSplitV,
  webglSplitV,
  cpuSqrt,
  webglSqrt,
  cpuSquare,
  webglSquare,
  cpuSquaredDifference,
  webglSquaredDifference,
  cpuStep,
  webglStep,
  cpuSub,
  webglSub,
  cpuSum,
  webglSum,
  cpuTile,
  webglTile,
  cpuTranspose,
  webglTranspose,
  cpuUnpack,
  webglUnpack,
  cpuZerosLike,
  webglZerosLike,
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
  gradTile,
  gradTranspose,
  gradUnpack,
  gradZerosLike,
];

const isKernel = (value: unknown): value is KernelConfig =>
  typeof value === 'object' && value !== null && 'kernelName' in value && 'backendName' in value && 'kernelFunc' in value;
const isGradient = (value: unknown): value is GradConfig =>
  typeof value === 'object' && value !== null && 'kernelName' in value && 'gradFunc' in value;

for (const module of KERNELS) for (const value of Object.values(module)) if (isKernel(value)) registerKernel(value);
for (const module of GRADIENTS) for (const value of Object.values(module)) if (isGradient(value)) registerGradient(value);
