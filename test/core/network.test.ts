import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import {
  CLASSIFICATION_DATASETS,
  MLP_ACTIVATIONS,
  MlpEvaluator,
  MlpObjective,
  ParticleRun,
  filterNormalizedDirection,
  initialWeights,
  largestRise,
  makeClassificationData,
  mlpCost,
  mlpParameterCount,
  mlpShape,
  principalDirections,
  projectOnto,
  symmetricAxis,
  type ClassificationData,
} from '../../src/core/index.js';
import { BACKENDS, expectClose, useBackend } from './helpers.js';

const radius = (data: ClassificationData, i: number) => Math.hypot(data.x[2 * i], data.x[2 * i + 1]);

describe('classification datasets', () => {
  it('are seeded, balanced, and a test split leaves the training set alone', () => {
    for (const dataset of CLASSIFICATION_DATASETS) {
      const a = makeClassificationData({ dataset, size: 101, noise: 0.1, seed: 7 });
      const b = makeClassificationData({ dataset, size: 101, noise: 0.1, seed: 7, testFraction: 0.5 });
      const c = makeClassificationData({ dataset, size: 101, noise: 0.1, seed: 8 });
      expect(a.x, dataset).to.deep.equal(b.x);
      expect(a.y).to.deep.equal(b.y);
      expect(b.testY).to.have.length(51);
      expect(b.testX).to.have.length(102);
      expect(c.x).to.not.deep.equal(a.x);
      expect(a.y.filter((label) => label === 1)).to.have.length(50);
      expect([...a.x].every(Number.isFinite)).to.equal(true);
    }
  });

  it('without noise each shape is what its name says', () => {
    const circles = makeClassificationData({ dataset: 'circles', size: 400, noise: 0, seed: 1 });
    for (let i = 0; i < 400; i++) {
      const r = radius(circles, i);
      if (circles.y[i]) expect(r).to.be.at.most(0.5);
      else expect(r >= 0.7 && r <= 1).to.equal(true);
    }
    const xor = makeClassificationData({ dataset: 'xor', size: 400, noise: 0, seed: 1 });
    for (let i = 0; i < 400; i++) {
      const product = xor.x[2 * i] * xor.x[2 * i + 1];
      expect(product > 0 ? 1 : 0, `point ${i}`).to.equal(xor.y[i]);
      expect(Math.min(Math.abs(xor.x[2 * i]), Math.abs(xor.x[2 * i + 1]))).to.be.at.least(0.05);
    }
    // The spiral's two arms are half a turn apart: opposite points at the same radius.
    const spiral = makeClassificationData({ dataset: 'spiral', size: 400, noise: 0, seed: 1 });
    for (let i = 0; i < 400; i++) expect(radius(spiral, i)).to.be.within(0.05, 0.95);
    for (const dataset of CLASSIFICATION_DATASETS) {
      const data = makeClassificationData({ dataset, size: 400, noise: 0, seed: 3 });
      const reach = Math.max(...[...data.x].map(Math.abs));
      expect(reach, dataset).to.be.below(dataset === 'gaussians' ? 1.6 : 1.01);
    }
  });

  it('rejects what it cannot draw', () => {
    expect(() => makeClassificationData({ dataset: 'nope' as never, size: 10, noise: 0, seed: 1 })).to.throw(RangeError);
    expect(() => makeClassificationData({ dataset: 'xor', size: 1, noise: 0, seed: 1 })).to.throw(RangeError);
    expect(() => makeClassificationData({ dataset: 'xor', size: 10, noise: -1, seed: 1 })).to.throw(RangeError);
  });
});

describe('the MLP: layout, initial weights and its gradient', () => {
  it('lays every layer out as W (row-major) then b, Σ (inputs + 1)·outputs parameters', () => {
    const shape = mlpShape([8, 8]);
    expect(shape.sizes).to.deep.equal([2, 8, 8, 1]);
    expect(shape.parameters).to.equal(24 + 72 + 9);
    expect(mlpParameterCount([8, 8])).to.equal(105);
    expect(mlpParameterCount([])).to.equal(3);
    expect(shape.layers.map((l) => [l.weights, l.biases])).to.deep.equal([
      [0, 16],
      [24, 88],
      [96, 104],
    ]);
  });

  it('starts from zeros, or from Gaussian weights of the scheme’s spread with zero biases', () => {
    const shape = mlpShape([64, 64]);
    expect([...initialWeights(shape, 'zeros', 1)].every((w) => w === 0)).to.equal(true);
    const spread = (weights: Float64Array, layer: number) => {
      const { weights: at, inputs, outputs } = shape.layers[layer];
      const values = weights.subarray(at, at + inputs * outputs);
      return Math.sqrt(values.reduce((sum, w) => sum + w * w, 0) / values.length);
    };
    const xavier = initialWeights(shape, 'xavier', 1);
    const he = initialWeights(shape, 'he', 1);
    const normal = initialWeights(shape, 'normal', 1);
    // 4,096 draws of the middle layer: the sample spread within 5 % of the scheme's.
    expectClose(spread(xavier, 1), Math.sqrt(2 / 128), 0.05, 0, 'xavier');
    expectClose(spread(he, 1), Math.sqrt(2 / 64), 0.05, 0, 'he');
    expectClose(spread(normal, 1), 1, 0.05, 0, 'normal');
    for (const layer of shape.layers) for (let j = 0; j < layer.outputs; j++) expect(xavier[layer.biases + j]).to.equal(0);
    expect(initialWeights(shape, 'xavier', 1)).to.deep.equal(xavier);
    expect(initialWeights(shape, 'xavier', 2)).to.not.deep.equal(xavier);
  });

  it('backpropagation equals central differences of J (float64), for every activation', () => {
    const data = makeClassificationData({ dataset: 'moons', size: 30, noise: 0.2, seed: 4 });
    const shape = mlpShape([3, 4]);
    // Biases too, so that no ReLU unit sits exactly at its kink (where a difference quotient averages both sides).
    const weights = initialWeights(shape, 'normal', 3).map((w, k) => w || 0.3 * Math.sin(k + 1));
    for (const activation of MLP_ACTIVATIONS) {
      const evaluator = new MlpEvaluator(shape, activation);
      const gradient = new Float64Array(shape.parameters);
      const cost = evaluator.gradientInto(weights, 0, data.x, data.y, null, gradient, 0);
      expectClose(cost, evaluator.evaluate(weights, 0, data.x, data.y).cost, 1e-12, 0, `${activation} J`);
      for (let k = 0; k < shape.parameters; k++) {
        const h = 1e-6;
        const up = Float64Array.from(weights);
        const down = Float64Array.from(weights);
        up[k] += h;
        down[k] -= h;
        const numeric = (evaluator.evaluate(up, 0, data.x, data.y).cost - evaluator.evaluate(down, 0, data.x, data.y).cost) / (2 * h);
        expectClose(gradient[k], numeric, 1e-6, 1e-8, `${activation} ∂J/∂w${k}`);
      }
    }
  });

  it('the gradient of a mini-batch is the gradient over exactly those examples', () => {
    const data = makeClassificationData({ dataset: 'xor', size: 40, noise: 0.1, seed: 2 });
    const shape = mlpShape([5]);
    const weights = initialWeights(shape, 'xavier', 9);
    const evaluator = new MlpEvaluator(shape, 'relu');
    const indices = [3, 17, 8, 30];
    const batch = { x: indices.flatMap((i) => [data.x[2 * i], data.x[2 * i + 1]]), y: indices.map((i) => data.y[i]) };
    const fromIndices = new Float64Array(shape.parameters);
    const fromSubset = new Float64Array(shape.parameters);
    evaluator.gradientInto(weights, 0, data.x, data.y, indices, fromIndices, 0);
    evaluator.gradientInto(weights, 0, batch.x, batch.y, null, fromSubset, 0);
    expect([...fromIndices]).to.deep.equal([...fromSubset]);
  });

  for (const backend of BACKENDS) {
    describe(`mlpCost on ${backend}`, () => {
      before(() => useBackend(backend));

      it('is the float64 cost of every row, and tf autodiff of it is the backpropagated gradient (to float32)', () => {
        const data = makeClassificationData({ dataset: 'circles', size: 24, noise: 0.1, seed: 5 });
        const shape = mlpShape([4, 3]);
        const rows = [initialWeights(shape, 'xavier', 1), initialWeights(shape, 'he', 2), initialWeights(shape, 'zeros', 3)];
        for (const activation of MLP_ACTIVATIONS) {
          const evaluator = new MlpEvaluator(shape, activation);
          const x = tf.tensor2d(Float32Array.from(data.x), [24, 2]);
          const y = tf.tensor1d(Float32Array.from(data.y));
          const params = tf.tensor2d(
            rows.flatMap((row) => [...row]),
            [rows.length, shape.parameters],
          );
          const costs = mlpCost(params, x, y, shape, activation).dataSync();
          const grads = tf
            .grad((p: tf.Tensor) => tf.sum(mlpCost(p as tf.Tensor2D, x, y, shape, activation)))(params)
            .dataSync();
          rows.forEach((row, r) => {
            const gradient = new Float64Array(shape.parameters);
            const cost = evaluator.gradientInto(Float32Array.from(row), 0, data.x, data.y, null, gradient, 0);
            expectClose(costs[r], cost, 1e-5, 1e-6, `${activation} row ${r} J`);
            const scale = Math.max(...gradient.map(Math.abs), 1e-3);
            for (let k = 0; k < shape.parameters; k++) {
              expectClose(grads[r * shape.parameters + k], gradient[k], 0, 1e-5 * scale, `${activation} row ${r} ∂J/∂w${k}`);
            }
          });
          tf.dispose([x, y, params]);
        }
      });

      it('a run by the hand-written gradient and one by autodiff of mlpCost make the same updates (to float32 rounding)', () => {
        const data = makeClassificationData({ dataset: 'gaussians', size: 40, noise: 0.1, seed: 6 });
        const shape = mlpShape([6]);
        const start = Array.from(initialWeights(shape, 'xavier', 4));
        const objective = new MlpObjective({ data, shape, activation: 'tanh', batchSize: 10, seed: 6 });
        const particles = (['sgd', 'momentum', 'adam'] as const).map((type) => ({ start, optimizer: { type, learningRate: 0.05 } }));
        const before = tf.memory().numTensors;
        const hand = new ParticleRun({ cost: objective.cost, gradient: objective.gradient, particles, backend });
        const auto = new ParticleRun({ cost: objective.cost, particles, backend });
        for (const k of [1, 4, 15]) {
          hand.step(k);
          auto.step(k);
        }
        hand.particles.forEach((particle, i) => {
          const a = particle.points.at(-1)!;
          const b = auto.particles[i].points.at(-1)!;
          a.forEach((value, k) => expectClose(value, b[k], 1e-4, 1e-5, `particle ${i} w${k}`));
        });
        hand.dispose();
        auto.dispose();
        objective.dispose();
        expect(tf.memory().numTensors).to.equal(before);
      });
    });
  }
});

describe('slices of the loss landscape', () => {
  it('a filter-normalised direction has each unit’s norm of the weights, zero on biases and on all-zero units', () => {
    const shape = mlpShape([5, 4]);
    const weights = initialWeights(shape, 'normal', 2);
    // Unit 2 of the first layer: all its incoming weights 0.
    for (let i = 0; i < 2; i++) weights[shape.layers[0].weights + i * 5 + 2] = 0;
    const direction = filterNormalizedDirection(shape, weights, 'seed');
    for (const { inputs, outputs, weights: at, biases } of shape.layers) {
      for (let j = 0; j < outputs; j++) {
        let d = 0;
        let w = 0;
        for (let i = 0; i < inputs; i++) {
          d += direction[at + i * outputs + j] ** 2;
          w += weights[at + i * outputs + j] ** 2;
        }
        expectClose(Math.sqrt(d), Math.sqrt(w), 1e-12, 1e-15, `unit ${j}`);
        expect(direction[biases + j]).to.equal(0);
      }
    }
    expect(filterNormalizedDirection(shape, weights, 'seed')).to.deep.equal(direction);
  });

  it('principal directions: the two axes along which planted points spread, with their shares', () => {
    const P = 6;
    const u = [1, 1, 0, 0, 0, 0].map((v) => v / Math.SQRT2);
    const v = [0, 0, 1, -1, 1, -1].map((x) => x / 2);
    const points: number[][] = [];
    // Coefficients (±3, ±1) in every combination: uncorrelated, centred, variances 9 and 1.
    for (const [a, b] of [
      [3, 1],
      [3, -1],
      [-3, 1],
      [-3, -1],
    ]) {
      points.push(Array.from({ length: P }, (_, j) => 10 + a * u[j] + b * v[j]));
    }
    const found = principalDirections(points, P)!;
    const cosine = (x: ArrayLike<number>, y: number[]) => Math.abs(y.reduce((sum, value, j) => sum + value * x[j], 0));
    expectClose(cosine(found.directions[0], u), 1, 1e-9, 0, 'first direction');
    expectClose(cosine(found.directions[1], v), 1, 1e-9, 0, 'second direction');
    expectClose(found.explained[0], 0.9, 1e-9, 0, 'share along the first');
    expectClose(found.explained[1], 0.1, 1e-9, 0, 'share along the second');
    // A point in the plane projects to its own coordinates.
    const centre = points[0];
    const [alpha, beta] = projectOnto(
      centre.map((c, j) => c + 0.7 * found.directions[0][j] - 0.2 * found.directions[1][j]),
      centre,
      found.directions,
    );
    expectClose(alpha, 0.7, 1e-9, 1e-12, 'α');
    expectClose(beta, -0.2, 1e-9, 1e-12, 'β');
    expect(principalDirections(points.slice(0, 2), P)).to.equal(undefined);
  });

  it('the axes have 0 exactly in the middle; a rise is the most J climbs above its lowest value before', () => {
    const axis = symmetricAxis(1.3, 41);
    expect(axis[20]).to.equal(0);
    expect(axis[0]).to.equal(-1.3);
    expect(axis[40]).to.equal(1.3);
    expect(largestRise([5, 4, 3, 2, 1])).to.deep.equal({ rise: 0, at: 0 });
    expect(largestRise([5, 3, 4.5, 1, 2])).to.deep.equal({ rise: 1.5, at: 2 });
    expect(largestRise([5, 3, 4.5, 1, 2], 3, 4)).to.deep.equal({ rise: 1, at: 4 });
  });
});
