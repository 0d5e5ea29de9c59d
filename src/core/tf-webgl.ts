/**
 * The webgl backend and its kernels (the twins of the cpu kernels in `./tf.js`), in a
 * module of its own: `loadWebGL()` imports it only when a run needs webgl (a forced
 * backend, or a real GPU to calibrate), so the ~40 KiB gzip of webgl code never reaches
 * the many pages that only ever run on cpu. Importing it registers the backend (at
 * tfjs's own priority), every kernel no copy of tfjs registered yet, and the kit's fused
 * kernels' webgl programs (`./kernels-webgl.js`).
 */
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl/dist/backend_webgl.js';
import * as webglAbs from '@tensorflow/tfjs-backend-webgl/dist/kernels/Abs.js';
import * as webglAdd from '@tensorflow/tfjs-backend-webgl/dist/kernels/Add.js';
import * as webglAddN from '@tensorflow/tfjs-backend-webgl/dist/kernels/AddN.js';
import * as webglAll from '@tensorflow/tfjs-backend-webgl/dist/kernels/All.js';
import * as webglAny from '@tensorflow/tfjs-backend-webgl/dist/kernels/Any.js';
import * as webglCast from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cast.js';
import * as webglConcat from '@tensorflow/tfjs-backend-webgl/dist/kernels/Concat.js';
import * as webglCos from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cos.js';
import * as webglExp from '@tensorflow/tfjs-backend-webgl/dist/kernels/Exp.js';
import * as webglExpm1 from '@tensorflow/tfjs-backend-webgl/dist/kernels/Expm1.js';
import * as webglFill from '@tensorflow/tfjs-backend-webgl/dist/kernels/Fill.js';
import * as webglGatherV2 from '@tensorflow/tfjs-backend-webgl/dist/kernels/GatherV2.js';
import * as webglGreater from '@tensorflow/tfjs-backend-webgl/dist/kernels/Greater.js';
import * as webglGreaterEqual from '@tensorflow/tfjs-backend-webgl/dist/kernels/GreaterEqual.js';
import * as webglIdentity from '@tensorflow/tfjs-backend-webgl/dist/kernels/Identity.js';
import * as webglIsFinite from '@tensorflow/tfjs-backend-webgl/dist/kernels/IsFinite.js';
import * as webglIsNaN from '@tensorflow/tfjs-backend-webgl/dist/kernels/IsNaN.js';
import * as webglLess from '@tensorflow/tfjs-backend-webgl/dist/kernels/Less.js';
import * as webglLessEqual from '@tensorflow/tfjs-backend-webgl/dist/kernels/LessEqual.js';
import * as webglLog from '@tensorflow/tfjs-backend-webgl/dist/kernels/Log.js';
import * as webglLog1p from '@tensorflow/tfjs-backend-webgl/dist/kernels/Log1p.js';
import * as webglLogicalAnd from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalAnd.js';
import * as webglLogicalNot from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalNot.js';
import * as webglLogicalOr from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalOr.js';
import * as webglMax from '@tensorflow/tfjs-backend-webgl/dist/kernels/Max.js';
import * as webglMaximum from '@tensorflow/tfjs-backend-webgl/dist/kernels/Maximum.js';
import * as webglMean from '@tensorflow/tfjs-backend-webgl/dist/kernels/Mean.js';
import * as webglMin from '@tensorflow/tfjs-backend-webgl/dist/kernels/Min.js';
import * as webglMinimum from '@tensorflow/tfjs-backend-webgl/dist/kernels/Minimum.js';
import * as webglMultiply from '@tensorflow/tfjs-backend-webgl/dist/kernels/Multiply.js';
import * as webglNeg from '@tensorflow/tfjs-backend-webgl/dist/kernels/Neg.js';
import * as webglNotEqual from '@tensorflow/tfjs-backend-webgl/dist/kernels/NotEqual.js';
import * as webglOnesLike from '@tensorflow/tfjs-backend-webgl/dist/kernels/OnesLike.js';
import * as webglPack from '@tensorflow/tfjs-backend-webgl/dist/kernels/Pack.js';
import * as webglPow from '@tensorflow/tfjs-backend-webgl/dist/kernels/Pow.js';
import * as webglRealDiv from '@tensorflow/tfjs-backend-webgl/dist/kernels/RealDiv.js';
import * as webglReshape from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reshape.js';
import * as webglSelect from '@tensorflow/tfjs-backend-webgl/dist/kernels/Select.js';
import * as webglSign from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sign.js';
import * as webglSin from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sin.js';
import * as webglSlice from '@tensorflow/tfjs-backend-webgl/dist/kernels/Slice.js';
import * as webglSplitV from '@tensorflow/tfjs-backend-webgl/dist/kernels/SplitV.js';
import * as webglSqrt from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sqrt.js';
import * as webglSquare from '@tensorflow/tfjs-backend-webgl/dist/kernels/Square.js';
import * as webglSquaredDifference from '@tensorflow/tfjs-backend-webgl/dist/kernels/SquaredDifference.js';
import * as webglStep from '@tensorflow/tfjs-backend-webgl/dist/kernels/Step.js';
import * as webglSub from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sub.js';
import * as webglSum from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sum.js';
import * as webglTan from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tan.js';
import * as webglTanh from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tanh.js';
import * as webglTile from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tile.js';
import * as webglTranspose from '@tensorflow/tfjs-backend-webgl/dist/kernels/Transpose.js';
import * as webglUnpack from '@tensorflow/tfjs-backend-webgl/dist/kernels/Unpack.js';
import * as webglZerosLike from '@tensorflow/tfjs-backend-webgl/dist/kernels/ZerosLike.js';
import { registerFusedWebGLKernels } from './kernels-webgl.js';
import { device_util, findBackendFactory, registerBackend, registerKernels } from './tf.js';

if (device_util.isBrowser() && findBackendFactory('webgl') == null) registerBackend('webgl', () => new MathBackendWebGL(), 2);
registerKernels([
  webglAbs,
  webglAdd,
  webglAddN,
  webglAll,
  webglAny,
  webglCast,
  webglConcat,
  webglCos,
  webglExp,
  webglExpm1,
  webglFill,
  webglGatherV2,
  webglGreater,
  webglGreaterEqual,
  webglIdentity,
  webglIsFinite,
  webglIsNaN,
  webglLess,
  webglLessEqual,
  webglLog,
  webglLog1p,
  webglLogicalAnd,
  webglLogicalNot,
  webglLogicalOr,
  webglMax,
  webglMaximum,
  webglMean,
  webglMin,
  webglMinimum,
  webglMultiply,
  webglNeg,
  webglNotEqual,
  webglOnesLike,
  webglPack,
  webglPow,
  webglRealDiv,
  webglReshape,
  webglSelect,
  webglSign,
  webglSin,
  webglSlice,
  webglSplitV,
  webglSqrt,
  webglSquare,
  webglSquaredDifference,
  webglStep,
  webglSub,
  webglSum,
  webglTan,
  webglTanh,
  webglTile,
  webglTranspose,
  webglUnpack,
  webglZerosLike,
]);
registerFusedWebGLKernels();
