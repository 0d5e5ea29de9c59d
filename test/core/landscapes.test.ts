import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { LANDSCAPE_IDS, costOfRows, getLandscape } from '../../src/core/index.js';
import { BACKENDS, expectClose, useBackend } from './helpers.js';

// Published values (Wikipedia "Test functions for optimization", SFU library), typed
// here independently of src so a typo in either shows up.
const PUBLISHED_GLOBAL: Record<string, { value: number; count: number; at?: [number, number][] }> = {
  himmelblau: {
    value: 0,
    count: 4,
    at: [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ],
  },
  rosenbrock: { value: 0, count: 1, at: [[1, 1]] },
  'goldstein-price': { value: 3, count: 1, at: [[0, -1]] },
  'styblinski-tang': { value: -78.33233, count: 1, at: [[-2.903534, -2.903534]] },
  beale: { value: 0, count: 1, at: [[3, 0.5]] },
  booth: { value: 0, count: 1, at: [[1, 3]] },
  matyas: { value: 0, count: 1, at: [[0, 0]] },
  mccormick: { value: -1.9133, count: 1, at: [[-0.54719, -1.54719]] },
  'three-hump-camel': { value: 0, count: 1, at: [[0, 0]] },
  'six-hump-camel': {
    value: -1.0316,
    count: 2,
    at: [
      [0.0898, -0.7126],
      [-0.0898, 0.7126],
    ],
  },
  rastrigin: { value: 0, count: 1, at: [[0, 0]] },
  ackley: { value: 0, count: 1, at: [[0, 0]] },
  bowl: { value: 0, count: 1, at: [[0, 0]] },
};

describe('landscapes', () => {
  it('has every id of the contract, himmelblau first', () => {
    expect([...LANDSCAPE_IDS]).to.deep.equal([
      'himmelblau',
      'rosenbrock',
      'goldstein-price',
      'styblinski-tang',
      'beale',
      'booth',
      'matyas',
      'mccormick',
      'three-hump-camel',
      'six-hump-camel',
      'rastrigin',
      'ackley',
      'saddle',
      'bowl',
    ]);
    for (const id of LANDSCAPE_IDS) {
      const landscape = getLandscape(id)!;
      expect(landscape.id).to.equal(id);
      expect(landscape.tex).to.be.a('string').and.not.equal('');
      const { w1, w2 } = landscape.domain;
      expect(w1[0] < w1[1] && w2[0] < w2[1]).to.equal(true);
      for (const m of landscape.minima) {
        expect(m.position[0] >= w1[0] && m.position[0] <= w1[1], `${id} minimum inside domain`).to.equal(true);
        expect(m.position[1] >= w2[0] && m.position[1] <= w2[1], `${id} minimum inside domain`).to.equal(true);
      }
    }
    expect(getLandscape('nope')).to.equal(undefined);
    expect(getLandscape('toString')).to.equal(undefined);
  });

  it('lists the published global minima (positions to the published digits)', () => {
    for (const [id, published] of Object.entries(PUBLISHED_GLOBAL)) {
      const globals = getLandscape(id)!.minima.filter((m) => m.global !== false);
      expect(globals.length, id).to.equal(published.count);
      for (const m of globals) {
        expectClose(m.value, published.value, 1e-4, 1e-6, `${id} value`);
        const near = published.at!.some(([a, b]) => Math.abs(a - m.position[0]) < 1e-4 && Math.abs(b - m.position[1]) < 1e-4);
        expect(near, `${id} at ${m.position}`).to.equal(true);
      }
    }
    const saddle = getLandscape('saddle')!;
    expect(saddle.minima).to.have.length(1);
    expect(saddle.minima[0].kind).to.equal('saddle');
    expect(saddle.minima[0].global).to.equal(false);
  });

  for (const backend of BACKENDS) {
    describe(`on ${backend}`, () => {
      before(() => useBackend(backend));

      for (const id of LANDSCAPE_IDS) {
        it(`${id}: every listed stationary point has its value and zero gradient`, () => {
          const landscape = getLandscape(id, { kappa: 25 })!;
          const points = landscape.minima.map((m) => m.position);
          const before = tf.memory().numTensors;
          const { values, grads } = tf.tidy(() => {
            const params = tf.tensor2d(points);
            const cost = (p: tf.Tensor) => tf.sum(costOfRows(landscape, p as tf.Tensor2D));
            return { values: costOfRows(landscape, params).arraySync(), grads: tf.grad(cost)(params).arraySync() as number[][] };
          });
          expect(tf.memory().numTensors, 'no tensor left behind').to.equal(before);
          landscape.minima.forEach((m, i) => {
            // float32 rounds a position by ~1e-7 relative; the value test uses the
            // 1e-4 relative / 1e-6 absolute tolerance on both backends.
            expectClose(values[i], m.value, 1e-4, 1e-6, `${id} J${JSON.stringify(m.position)}`);
            // ∇J at a float32-rounded irrational minimum is curvature × rounding plus
            // the rounding of the evaluation itself: ≲ 1e-4 here; 1e-3 leaves margin.
            for (const g of grads[i]) expectClose(g, 0, 0, 1e-3, `${id} ∇J${JSON.stringify(m.position)}`);
          });
        });
      }

      it('evaluates elementwise: same values for a row batch and one point at a time', () => {
        for (const id of LANDSCAPE_IDS) {
          const landscape = getLandscape(id)!;
          const pts: [number, number][] = [landscape.start, [0.3, -0.7], [1.1, 0.4]];
          const batched = costOfRows(landscape, tf.tensor2d(pts)).arraySync();
          pts.forEach((p, i) => {
            const single = costOfRows(landscape, tf.tensor2d([p])).arraySync()[0];
            expectClose(batched[i], single, 1e-6, 1e-6, id);
          });
        }
      });
    });
  }

  it('values agree with the formulas evaluated in float64 at arbitrary points', async () => {
    await useBackend('cpu');
    // Independent float64 transcriptions of the published definitions.
    const direct: Record<string, (x: number, y: number) => number> = {
      himmelblau: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
      rosenbrock: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
      'goldstein-price': (x, y) =>
        (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y)) *
        (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y)),
      'styblinski-tang': (x, y) => 0.5 * (x ** 4 - 16 * x * x + 5 * x + y ** 4 - 16 * y * y + 5 * y),
      beale: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
      booth: (x, y) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
      matyas: (x, y) => 0.26 * (x * x + y * y) - 0.48 * x * y,
      mccormick: (x, y) => Math.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1,
      'three-hump-camel': (x, y) => 2 * x * x - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y * y,
      'six-hump-camel': (x, y) => (4 - 2.1 * x * x + x ** 4 / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y,
      rastrigin: (x, y) => 20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y),
      ackley: (x, y) =>
        -20 * Math.exp(-0.2 * Math.sqrt(0.5 * (x * x + y * y))) -
        Math.exp(0.5 * (Math.cos(2 * Math.PI * x) + Math.cos(2 * Math.PI * y))) +
        Math.E +
        20,
      saddle: (x, y) => x * x - y * y,
      bowl: (x, y) => 0.5 * (x * x + 7 * y * y),
    };
    const pts: [number, number][] = [
      [0.25, -0.5],
      [-1.125, 0.75],
      [1.5, 1.25],
      [-0.375, -1.75],
    ];
    for (const id of LANDSCAPE_IDS) {
      const values = costOfRows(getLandscape(id, { kappa: 7 })!, tf.tensor2d(pts)).arraySync();
      pts.forEach(([x, y], i) => expectClose(values[i], direct[id](x, y), 1e-5, 1e-5, `${id}(${x}, ${y})`));
    }
  });
});
