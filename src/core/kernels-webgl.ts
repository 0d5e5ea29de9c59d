/**
 * The webgl twins of the fused kernels in `./kernels.js`, each one GPGPU program run by
 * tfjs's webgl backend (`runWebGLProgram`), so a run on webgl makes one update of every
 * particle in two draws (its gradient, its update) instead of a few dozen. Part of the
 * webgl chunk (`./tf-webgl.js` registers them); GLSL ES 3.0, float32 throughout.
 *
 * - `GdKitUpdate`: each output element (row, column) of the new state [n, C] reads its
 *   coordinate, slots and gradient, the row's rule and coefficient profile (`rows`
 *   [n, 2]) and the profile's coefficients (`coefficients` [profiles, TABLE_WIDTH]), and
 *   applies the rule's GLSL (`OptimizerRule.fused.glsl`).
 * - `GdKitLandscapeGradient`: J and ∇J of a built-in landscape (its `gradient.glsl`) at
 *   each row's first two columns, [n, 4] as on cpu.
 */
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl/dist/backend_webgl.js';
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl/dist/gpgpu_math.js';
import * as tf from './tf.js';
import { LANDSCAPE_GRADIENT, TABLE_WIDTH, UPDATE, type FusedPlan } from './kernels.js';
import type { LandscapeGradient } from './landscapes/landscape.js';
import { OPTIMIZER_TYPES, getOptimizer } from './optimizers/index.js';

/** Helpers the landscapes' GLSL may use. */
const PRELUDE = `
const float GD_PI = 3.141592653589793;
const float GD_E = 2.718281828459045;
// e^x − 1 without the cancellation of exp(x) − 1.0 near 0 (a series below |x| = 0.1).
float gdExpm1(float x) {
  if (abs(x) < 0.1) return x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0 + x / 720.0)))));
  return exp(x) - 1.0;
}
`;

/** Every rule's GLSL, chosen by the row's rule index (its place in OPTIMIZER_TYPES). */
const RULES = OPTIMIZER_TYPES.map(
  (type, index) => `${index ? 'else ' : ''}if (rule == ${index}) { ${getOptimizer(type)!.fused.glsl} }`,
).join('\n      ');

function updateProgram(plan: FusedPlan): GPGPUProgram {
  const { rows, P, stride } = plan;
  const slots = stride / P - 1;
  return {
    variableNames: ['state', 'grad', 'coefficients', 'rows'],
    outputShape: [rows, stride],
    userCode: `
      void main() {
        ivec2 coords = getOutputCoords();
        int row = coords.x;
        int part = coords.y / ${P};
        int d = coords.y - part * ${P};
        float w = getState(row, d);
        float s1 = ${slots >= 1 ? `getState(row, ${P} + d)` : '0.0'};
        float s2 = ${slots >= 2 ? `getState(row, ${2 * P} + d)` : '0.0'};
        float g = getGrad(row, d);
        int rule = int(round(getRows(row, 0)));
        int profile = int(round(getRows(row, 1)));
        float c[${TABLE_WIDTH}];
        for (int j = 0; j < ${TABLE_WIDTH}; j++) c[j] = getCoefficients(profile, j);
        ${RULES}
        setOutput(part == 0 ? w : part == 1 ? s1 : s2);
      }
    `,
  };
}

function gradientProgram(rows: number, gradient: LandscapeGradient): GPGPUProgram {
  return {
    variableNames: ['state'],
    outputShape: [rows, 4],
    userCode: `
      ${PRELUDE}
      vec3 gdLandscape(float w1, float w2) {
        ${gradient.glsl}
      }
      void main() {
        ivec2 coords = getOutputCoords();
        vec3 j = gdLandscape(getState(coords.x, 0), getState(coords.x, 1));
        float value = coords.y == 0 ? j.y : coords.y == 1 ? j.z : coords.y == 2 ? j.x : max(abs(j.y), abs(j.z));
        setOutput(value);
      }
    `,
  };
}

type WebGLInputs = {
  inputs: Record<'state' | 'grad' | 'coefficients' | 'rows', tf.TensorInfo>;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
};

function webglUpdate({ inputs, backend, attrs }: WebGLInputs): tf.TensorInfo {
  const { plan } = attrs as unknown as { plan: FusedPlan };
  const { state, grad, coefficients, rows } = inputs;
  return (backend as unknown as MathBackendWebGL).runWebGLProgram(updateProgram(plan), [state, grad, coefficients, rows], 'float32');
}

function webglLandscapeGradient({ inputs, backend, attrs }: WebGLInputs): tf.TensorInfo {
  const { gradient } = attrs as unknown as { gradient: LandscapeGradient };
  const program = gradientProgram(inputs.state.shape[0], gradient);
  return (backend as unknown as MathBackendWebGL).runWebGLProgram(program, [inputs.state], 'float32');
}

/** Registers the webgl kernels (once; a second copy of the kit finds them registered). */
export function registerFusedWebGLKernels(): void {
  const kernels: [string, (args: WebGLInputs) => tf.TensorInfo][] = [
    [UPDATE, webglUpdate],
    [LANDSCAPE_GRADIENT, webglLandscapeGradient],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, 'webgl') == null) {
      tf.registerKernel({ kernelName, backendName: 'webgl', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
    }
  }
}
