/**
 * A small multilayer perceptron for 2-D binary classification: two inputs, hidden layers
 * of the given widths with one activation g, one output unit with a sigmoid, and the mean
 * binary cross-entropy as its cost:
 *
 *   a⁽⁰⁾ = x,  a⁽ˡ⁾ = g(a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾),  ŷ = σ(a⁽ᴸ⁻¹⁾W⁽ᴸ⁾ + b⁽ᴸ⁾)
 *   L(ŷ, y) = −y log ŷ − (1 − y) log(1 − ŷ),  J = (1/m) Σᵢ L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾)
 *
 * All of a network's parameters are one flat vector (one row of a `ParticleRun`), layer
 * after layer: W⁽ˡ⁾ row-major [inputs × outputs] (the weight from input i to unit j at
 * i·outputs + j), then b⁽ˡ⁾.
 *
 * The cost is written twice: in tf ops for a batch of networks at once (`mlpCost`, one
 * batched product per layer, differentiated by tf autodiff: the webgl path and the
 * reference), and in plain JavaScript, forward and backward, in float64 (`MlpEvaluator`:
 * the gradient the cpu kernel uses, and every metric, map and slice the element shows).
 * The loss is evaluated from the logit z in the stable form max(z, 0) − z·y + log(1 + e^−|z|),
 * whose derivative is σ(z) − y.
 */
import * as tf from '../tf.js';
import { createRandom, type Seed } from '../data.js';
import type { RowGradient } from '../kernels.js';

export const MLP_ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
export type MlpActivation = (typeof MLP_ACTIVATIONS)[number];

/**
 * How the weights start (every bias at 0): `xavier` N(0, 2/(fan-in + fan-out)) (Glorot &
 * Bengio 2010), `he` N(0, 2/fan-in) (He et al. 2015), `normal` N(0, 1), `zeros` all 0,
 * which never breaks the symmetry between the units of a layer.
 */
export const MLP_INITS = ['xavier', 'he', 'normal', 'zeros'] as const;
export type MlpInit = (typeof MLP_INITS)[number];

export interface MlpLayer {
  inputs: number;
  outputs: number;
  /** where W⁽ˡ⁾ starts in the parameter vector */
  weights: number;
  /** where b⁽ˡ⁾ starts */
  biases: number;
}

export interface MlpShape {
  /** the hidden layers' widths ([] for logistic regression) */
  hidden: readonly number[];
  /** units per layer, inputs and output included: [2, …hidden, 1] */
  sizes: readonly number[];
  layers: readonly MlpLayer[];
  /** parameters in all */
  parameters: number;
}

/** The layout of a network with these hidden widths (each ≥ 1). */
export function mlpShape(hidden: readonly number[]): MlpShape {
  const sizes = [2, ...hidden, 1];
  const layers: MlpLayer[] = [];
  let offset = 0;
  for (let l = 1; l < sizes.length; l++) {
    const inputs = sizes[l - 1];
    const outputs = sizes[l];
    const weights = offset;
    offset += inputs * outputs;
    layers.push({ inputs, outputs, weights, biases: offset });
    offset += outputs;
  }
  return { hidden: [...hidden], sizes, layers, parameters: offset };
}

/** Parameters of a network with these hidden widths: Σ (inputs + 1) · outputs over its layers. */
export function mlpParameterCount(hidden: readonly number[]): number {
  const sizes = [2, ...hidden, 1];
  let count = 0;
  for (let l = 1; l < sizes.length; l++) count += (sizes[l - 1] + 1) * sizes[l];
  return count;
}

/** The starting weights for `init`, seeded (a stream of its own, apart from the data's). */
export function initialWeights(shape: MlpShape, init: MlpInit, seed: Seed): Float64Array {
  const weights = new Float64Array(shape.parameters);
  if (init === 'zeros') return weights;
  const random = createRandom(`weights:${String(seed)}`);
  for (const { inputs, outputs, weights: at } of shape.layers) {
    const sd = init === 'xavier' ? Math.sqrt(2 / (inputs + outputs)) : init === 'he' ? Math.sqrt(2 / inputs) : 1;
    for (let k = 0; k < inputs * outputs; k++) weights[at + k] = sd * random.gaussian();
  }
  return weights;
}

/** σ(z), without overflow for either sign. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The binary cross-entropy of label y at logit z, in its stable form. */
export function crossEntropy(z: number, y: number): number {
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Cost J, accuracy and examples counted by `MlpEvaluator.evaluate`. */
export interface MlpMetrics {
  /** the mean binary cross-entropy */
  cost: number;
  /** the share of examples on the right side of ŷ = ½ (ŷ > ½ predicts class 1) */
  accuracy: number;
}

/** The activations as codes, so the hot loops compare numbers. */
const ACTIVATION_CODE: Record<MlpActivation, number> = { tanh: 0, relu: 1, sigmoid: 2, linear: 3 };

/**
 * The network in plain JavaScript, float64: forward passes (logits, metrics, maps) and
 * the gradient of J by backpropagation. Each call copies the network's parameters once
 * into its own float64 array (the hot loops then read one kind of array), and its scratch
 * arrays are allocated once.
 */
export class MlpEvaluator {
  /** the parameters of the network being evaluated */
  private readonly w: Float64Array;
  /** each layer's activations a⁽ˡ⁾ for the current example */
  private readonly activations: Float64Array[];
  /** δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾ for the current example, per layer */
  private readonly deltas: Float64Array[];
  private readonly gradient: Float64Array;
  private readonly code: number;

  constructor(
    readonly shape: MlpShape,
    readonly activation: MlpActivation,
  ) {
    this.w = new Float64Array(shape.parameters);
    this.activations = shape.sizes.map((n) => new Float64Array(n));
    this.deltas = shape.sizes.map((n) => new Float64Array(n));
    this.gradient = new Float64Array(shape.parameters);
    this.code = ACTIVATION_CODE[activation];
  }

  /** The logit z at input (x₁, x₂) of the network whose parameters start at `w[base]`. */
  logit(w: ArrayLike<number>, base: number, x1: number, x2: number): number {
    this.load(w, base);
    return this.forward(x1, x2);
  }

  /** ŷ = σ(z) at (x₁, x₂). */
  probability(w: ArrayLike<number>, base: number, x1: number, x2: number): number {
    return sigmoid(this.logit(w, base, x1, x2));
  }

  /** ŷ at every point of `points` (x₁, x₂ pairs) into `into`. */
  probabilities(w: ArrayLike<number>, base: number, points: Float64Array, into: Float64Array): Float64Array {
    this.load(w, base);
    for (let k = 0; 2 * k < points.length; k++) into[k] = sigmoid(this.forward(points[2 * k], points[2 * k + 1]));
    return into;
  }

  /** J and accuracy over `count` examples of (x, y) (all of them by default). */
  evaluate(w: ArrayLike<number>, base: number, x: ArrayLike<number>, y: ArrayLike<number>, count = y.length): MlpMetrics {
    this.load(w, base);
    let cost = 0;
    let correct = 0;
    for (let e = 0; e < count; e++) {
      const z = this.forward(x[2 * e], x[2 * e + 1]);
      cost += crossEntropy(z, y[e]);
      if (z > 0 === (y[e] === 1)) correct++;
    }
    return { cost: cost / count, accuracy: count ? correct / count : 0 };
  }

  /**
   * ∂J/∂w over the examples `indices` (or all when null), by backpropagation, into
   * `into[at …]` (P values); returns J there.
   */
  gradientInto(
    w: ArrayLike<number>,
    base: number,
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    indices: ArrayLike<number> | null,
    into: Float32Array | Float64Array,
    at: number,
  ): number {
    this.load(w, base);
    const weights = this.w;
    const { layers } = this.shape;
    const g = this.gradient;
    g.fill(0);
    const a = this.activations;
    const d = this.deltas;
    const L = layers.length;
    const count = indices ? indices.length : y.length;
    let cost = 0;
    for (let k = 0; k < count; k++) {
      const e = indices ? indices[k] : k;
      const z = this.forward(x[2 * e], x[2 * e + 1]);
      cost += crossEntropy(z, y[e]);
      // ∂L/∂z = σ(z) − y at the output; the mean's 1/count is applied once at the end.
      d[L][0] = sigmoid(z) - y[e];
      for (let l = L - 1; l >= 0; l--) {
        const { inputs, outputs, weights: W, biases } = layers[l];
        const input = a[l];
        const delta = d[l + 1];
        for (let j = 0; j < outputs; j++) g[biases + j] += delta[j];
        const back = d[l];
        for (let i = 0; i < inputs; i++) {
          const ai = input[i];
          const row = W + i * outputs;
          let sum = 0;
          for (let j = 0; j < outputs; j++) {
            g[row + j] += ai * delta[j];
            sum += weights[row + j] * delta[j];
          }
          if (l > 0) back[i] = sum * this.slope(ai);
        }
      }
    }
    const scale = 1 / count;
    for (let p = 0; p < g.length; p++) into[at + p] = g[p] * scale;
    return cost * scale;
  }

  /** Copies the network's parameters (from `w[base]`) into the evaluator's own array. */
  private load(w: ArrayLike<number>, base: number): void {
    const own = this.w;
    for (let p = 0; p < own.length; p++) own[p] = w[base + p];
  }

  /** The logit at (x₁, x₂) of the loaded network, each layer's activations kept for backpropagation. */
  private forward(x1: number, x2: number): number {
    const { layers } = this.shape;
    const w = this.w;
    const a = this.activations;
    a[0][0] = x1;
    a[0][1] = x2;
    const last = layers.length - 1;
    for (let l = 0; l <= last; l++) {
      const { inputs, outputs, weights, biases } = layers[l];
      const input = a[l];
      const output = a[l + 1];
      for (let j = 0; j < outputs; j++) output[j] = w[biases + j];
      // Row i of W⁽ˡ⁾ is contiguous: the loops run along it.
      for (let i = 0; i < inputs; i++) {
        const ai = input[i];
        const row = weights + i * outputs;
        for (let j = 0; j < outputs; j++) output[j] += ai * w[row + j];
      }
      if (l < last) for (let j = 0; j < outputs; j++) output[j] = this.activate(output[j]);
    }
    return a[layers.length][0];
  }

  private activate(z: number): number {
    const code = this.code;
    if (code === 0) return Math.tanh(z);
    if (code === 1) return z > 0 ? z : 0;
    if (code === 2) return sigmoid(z);
    return z;
  }

  /** g′(z) from a = g(z) (ReLU: 0 at z = 0, as tf's ReLU gradient). */
  private slope(a: number): number {
    const code = this.code;
    if (code === 0) return 1 - a * a;
    if (code === 1) return a > 0 ? 1 : 0;
    if (code === 2) return a * (1 - a);
    return 1;
  }
}

/**
 * ∂J/∂w of every running row of a run's state (each row one network's parameters), over
 * the mini-batch of update t (`batch(t)`: indices into the training set, or null for all
 * of it), written out for the cpu kernel; the reported cost is J of that batch.
 */
export function mlpRowGradient(
  evaluator: MlpEvaluator,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  batch: (t: number) => ArrayLike<number> | null,
): RowGradient {
  const P = evaluator.shape.parameters;
  // The kernel evaluates the gradient at the end of each call (for the last point's cost)
  // and again at the start of the next, at the same point and update: the last call's
  // results are kept and reused for a row whose point is the same, bit for bit.
  let last = { t: -1, points: new Float32Array(0), grad: new Float32Array(0), cost: new Float32Array(0), rows: 0 };
  return (points, stride, rows, t, grad, cost, live) => {
    const indices = batch(t);
    const reuse = last.t === t && last.rows === rows;
    for (let i = 0; i < rows; i++) {
      if (!live[i]) continue;
      if (reuse && samePoint(points, i * stride, last.points, i * P, P)) {
        grad.set(last.grad.subarray(i * P, (i + 1) * P), i * P);
        cost[i] = last.cost[i];
      } else cost[i] = evaluator.gradientInto(points, i * stride, x, y, indices, grad, i * P);
    }
    if (last.points.length !== rows * P) {
      last = { t, points: new Float32Array(rows * P), grad: new Float32Array(rows * P), cost: new Float32Array(rows), rows };
    }
    last.t = t;
    for (let i = 0; i < rows; i++) last.points.set(points.subarray(i * stride, i * stride + P), i * P);
    last.grad.set(grad.subarray(0, rows * P));
    last.cost.set(cost.subarray(0, rows));
  };
}

function samePoint(a: Float32Array, at: number, b: Float32Array, bt: number, P: number): boolean {
  for (let k = 0; k < P; k++) if (a[at + k] !== b[bt + k]) return false;
  return true;
}

/** g(z) in tf ops, written with the kernels the kit registers (σ through tanh, ReLU as z·step(z)). */
function activateTensor(z: tf.Tensor, activation: MlpActivation): tf.Tensor {
  switch (activation) {
    case 'tanh':
      return tf.tanh(z);
    case 'relu':
      return tf.mul(z, tf.step(z));
    case 'sigmoid':
      return tf.add(0.5, tf.mul(0.5, tf.tanh(tf.mul(0.5, z))));
    default:
      return z;
  }
}

/**
 * The mean binary cross-entropy of N networks at once: row n of `params` [N, P] is one
 * network, `x` [B, 2] the inputs and `y` [B] the labels of the batch. Each layer is one
 * batched product ([N, B, inputs] × [N, inputs, outputs]; the inputs [1, B, 2] are
 * broadcast over the networks), so N networks cost one set of ops. It is written as a
 * broadcast multiply summed over the inputs rather than `matMul`: the same arithmetic
 * with kernels every element registers anyway, where BatchMatMul and its gradient would
 * add their cpu and webgl kernels to the CDN bundle (its [N, B, inputs, outputs]
 * intermediate is at most N·m·2,000 numbers under the parameter cap). Returns J per row, [N].
 * max(z, 0) is written z·step(z), whose derivative at 0 is 0, so that the gradient there
 * is σ(0) − y, as in the float64 backpropagation.
 */
export function mlpCost(params: tf.Tensor2D, x: tf.Tensor2D, y: tf.Tensor1D, shape: MlpShape, activation: MlpActivation): tf.Tensor1D {
  return tf.tidy(() => {
    const N = params.shape[0];
    const B = x.shape[0];
    const last = shape.layers.length - 1;
    // One split into every layer's W and b (split's gradient is a concat; slice's would need a pad kernel).
    const parts = tf.split(
      params,
      shape.layers.flatMap(({ inputs, outputs }) => [inputs * outputs, outputs]),
      1,
    );
    let a: tf.Tensor3D = tf.reshape(x, [1, B, 2]);
    shape.layers.forEach(({ inputs, outputs }, l) => {
      const W = tf.reshape<tf.Rank.R3>(parts[2 * l], [N, inputs, outputs]);
      const b = tf.reshape<tf.Rank.R3>(parts[2 * l + 1], [N, 1, outputs]);
      // a·W as a broadcast product summed over the inputs ([N, B, in, 1] × [N, 1, in, out]):
      // the arithmetic of a batched matMul with kernels the kit registers anyway.
      const [n, rows] = a.shape;
      const z = tf.add<tf.Tensor3D>(tf.sum(tf.mul(tf.reshape(a, [n, rows, inputs, 1]), tf.reshape(W, [N, 1, inputs, outputs])), 2), b);
      a = l === last ? z : (activateTensor(z, activation) as tf.Tensor3D);
    });
    const z = tf.reshape(a, [N, B]);
    const labels = tf.reshape(y, [1, B]);
    const loss = tf.add(tf.sub(tf.mul(z, tf.step(z)), tf.mul(z, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
    return tf.mean<tf.Tensor1D>(loss, 1);
  });
}
