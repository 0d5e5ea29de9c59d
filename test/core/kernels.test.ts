import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import {
  COMMON_DEFAULTS,
  LANDSCAPE_IDS,
  OPTIMIZER_TYPES,
  ParticleRun,
  bowl,
  costOfRows,
  getLandscape,
  getOptimizer,
  parseFormula,
  type Hyperparameters,
  type Landscape,
  type OptimizerType,
  type ParticleConfig,
} from '../../src/core/index.js';
import { TABLE_WIDTH, fusedUpdate, landscapeGradient, type FusedPlan } from '../../src/core/kernels.js';
import { BACKENDS, expectClose, useBackend } from './helpers.js';

/** Every built-in landscape, the bowl at three condition numbers. */
const LANDSCAPES: Landscape[] = [
  ...LANDSCAPE_IDS.filter((id) => id !== 'bowl').map((id) => getLandscape(id)!),
  bowl(1),
  bowl(50),
  bowl(1000),
];

const label = (l: Landscape) => (l.id === 'bowl' ? l.tex.replace(/.*kappa = /, 'bowl κ = ') : l.id);

/** A 9 × 9 grid over the window and a ring of points beyond it, each coordinate rounded to float32 (as a run holds it). */
function samplePoints(landscape: Landscape): [number, number][] {
  const { w1, w2 } = landscape.domain;
  const points: [number, number][] = [];
  for (let i = 0; i < 9; i++) {
    for (let j = 0; j < 9; j++) {
      // Off the grid's round numbers (0.37, 0.61), so no point sits exactly on a minimum.
      points.push([w1[0] + ((i + 0.37) * (w1[1] - w1[0])) / 9, w2[0] + ((j + 0.61) * (w2[1] - w2[0])) / 9]);
    }
  }
  for (let k = 0; k < 12; k++) {
    const angle = (2 * Math.PI * k) / 12;
    points.push([
      (w1[0] + w1[1]) / 2 + 0.7 * (w1[1] - w1[0]) * Math.cos(angle),
      (w2[0] + w2[1]) / 2 + 0.7 * (w2[1] - w2[0]) * Math.sin(angle),
    ]);
  }
  points.push(landscape.start, ...landscape.minima.map((m) => m.position));
  return points.map(([a, b]) => [Math.fround(a), Math.fround(b)]);
}

/** J and ∇J by the hand-written gradient, float64. */
function byHand(landscape: Landscape, [x, y]: [number, number]): { value: number; grad: [number, number] } {
  const g = new Float64Array(2);
  const value = landscape.gradient!.at(x, y, g);
  return { value, grad: [g[0], g[1]] };
}

describe('hand-written landscape gradients', () => {
  before(() => useBackend('cpu'));

  it('every built-in landscape has one, in JavaScript and GLSL; a formula has none (its runs differentiate it by autodiff)', () => {
    for (const landscape of LANDSCAPES) {
      expect(landscape.gradient, label(landscape)).to.not.equal(undefined);
      expect(landscape.gradient!.glsl, label(landscape)).to.match(/return vec3\(/);
    }
    const formula = parseFormula('(1 - w1)^2 + 100 (w2 - w1^2)^2', '-2,2,-1,3');
    expect(formula.ok && formula.landscape.gradient).to.equal(undefined);
  });

  for (const landscape of LANDSCAPES) {
    it(`${label(landscape)}: J and ∇J agree with tf autodiff of its tf ops at ${samplePoints(landscape).length} points`, () => {
      const points = samplePoints(landscape);
      const before = tf.memory().numTensors;
      const { values, grads } = tf.tidy(() => {
        const params = tf.tensor2d(points);
        const cost = (p: tf.Tensor) => tf.sum(costOfRows(landscape, p as tf.Tensor2D));
        return { values: costOfRows(landscape, params).arraySync(), grads: tf.grad(cost)(params).arraySync() as number[][] };
      });
      expect(tf.memory().numTensors).to.equal(before);
      // Float32 autodiff carries rounding of the size of its terms: measured against the
      // largest gradient and cost over the samples, not each (possibly tiny) value.
      const gradientScale = Math.max(...grads.flat().map(Math.abs));
      const valueScale = Math.max(...values.map(Math.abs));
      points.forEach((point, i) => {
        const { value, grad } = byHand(landscape, point);
        const where = `${label(landscape)} at (${point.join(', ')})`;
        expectClose(value, values[i], 1e-5, 1e-6 * valueScale + 1e-6, `J ${where}`);
        grad.forEach((g, j) => expectClose(g, grads[i][j], 1e-4, 1e-6 * gradientScale + 1e-6, `∂J/∂w${j + 1} ${where}`));
      });
    });

    it(`${label(landscape)}: ∇J is the derivative of its J (central differences in float64)`, () => {
      for (const point of samplePoints(landscape)) {
        const { grad } = byHand(landscape, point);
        for (let j = 0; j < 2; j++) {
          const h = 1e-6 * Math.max(1, Math.abs(point[j]));
          const plus: [number, number] = [...point];
          const minus: [number, number] = [...point];
          plus[j] += h;
          minus[j] -= h;
          const slope = (byHand(landscape, plus).value - byHand(landscape, minus).value) / (2 * h);
          // Central differences: error ~ h²·J‴ plus J's rounding / h.
          const scale = Math.max(1, Math.abs(byHand(landscape, point).value));
          expectClose(grad[j], slope, 1e-6, (1e-8 * scale) / h + 1e-7, `${label(landscape)} ∂J/∂w${j + 1} at (${point.join(', ')})`);
        }
      }
    });
  }
});

/** One rule's update by hand in float64, one coordinate: the README's rules. */
function referenceUpdate(
  type: OptimizerType,
  h: Hyperparameters,
  t: number,
  w: number,
  g: number,
  v: number,
  s: number,
): [number, number, number] {
  const a = h.learningRate / (1 + h.decay * t);
  switch (type) {
    case 'sgd':
      return [w - a * g, v, s];
    case 'momentum': {
      const v1 = h.beta * v + (1 - h.beta) * g;
      return [w - a * v1, v1, s];
    }
    case 'nesterov': {
      const v1 = h.beta * v + (1 - h.beta) * g;
      return [w - a * (h.beta * v1 + (1 - h.beta) * g), v1, s];
    }
    case 'rmsprop': {
      const s1 = h.beta * v + (1 - h.beta) * g * g;
      return [w - (a * g) / (Math.sqrt(s1) + h.epsilon), s1, s];
    }
    case 'adagrad': {
      const s1 = v + g * g;
      return [w - (a * g) / (Math.sqrt(s1) + h.epsilon), s1, s];
    }
    case 'adam':
    case 'adamw': {
      const v1 = h.beta1 * v + (1 - h.beta1) * g;
      const s1 = h.beta2 * s + (1 - h.beta2) * g * g;
      const step = (a * (v1 / (1 - h.beta1 ** (t + 1)))) / (Math.sqrt(s1 / (1 - h.beta2 ** (t + 1))) + h.epsilon);
      return [w - a * (type === 'adamw' ? h.weightDecay * w : 0) - step, v1, s1];
    }
  }
}

/** Deterministic numbers in [lo, hi): the golden-ratio sequence from `seed`. */
const spread = (seed: number, lo: number, hi: number) => lo + (hi - lo) * ((seed * 0.6180339887498949 + 0.1234) % 1);

for (const backend of BACKENDS) {
  describe(`fused kernels on ${backend}`, () => {
    before(() => useBackend(backend));

    it('GdKitLandscapeGradient: ∂J/∂w₁, ∂J/∂w₂, J and max|∂J| of every row, as the hand-written gradient gives them', () => {
      for (const landscape of LANDSCAPES) {
        const points = samplePoints(landscape);
        // A state of 6 columns (coordinates, then slots): the kernel reads the first two.
        const state = points.flatMap(([x, y], i) => [x, y, i, -i, 0.5, 7]);
        const before = tf.memory().numTensors;
        const out = tf.tidy(() => landscapeGradient(tf.tensor2d(state, [points.length, 6]), landscape.gradient!).arraySync());
        expect(tf.memory().numTensors).to.equal(before);
        const valueScale = Math.max(...points.map((p) => Math.abs(byHand(landscape, p).value)));
        const gradientScale = Math.max(...points.flatMap((p) => byHand(landscape, p).grad.map(Math.abs)));
        points.forEach((point, i) => {
          const { value, grad } = byHand(landscape, point);
          const where = `${label(landscape)} at (${point.join(', ')})`;
          if (backend === 'cpu') {
            // The same float64 numbers, rounded once.
            expect(out[i], where).to.deep.equal([
              Math.fround(grad[0]),
              Math.fround(grad[1]),
              Math.fround(value),
              Math.fround(Math.max(...grad.map(Math.abs))),
            ]);
          } else {
            // GLSL in float32: every operation rounded, so rounding of the size of the
            // terms; and SwiftShader's sin and cos are good to ~2e-4 absolute, ~2e-4 relative
            // at Rastrigin's 2π·5 (McCormick, Rastrigin, Ackley), as in tfjs's own webgl kernels.
            expectClose(out[i][0], grad[0], 1e-3, 1e-5 * gradientScale + 1e-3, `∂J/∂w₁ ${where}`);
            expectClose(out[i][1], grad[1], 1e-3, 1e-5 * gradientScale + 1e-3, `∂J/∂w₂ ${where}`);
            expectClose(out[i][2], value, 1e-3, 1e-6 * valueScale + 1e-3, `J ${where}`);
            expectClose(out[i][3], Math.max(Math.abs(out[i][0]), Math.abs(out[i][1])), 0, 0, `max|∂J| ${where}`);
          }
        });
      }
    });

    it('GdKitUpdate: one update of every rule equals the rule’s tf ops (bit for bit on cpu) and the rule in float64', () => {
      // P = 3 coordinates, three rows per rule, each with its own hyperparameters and t.
      const P = 3;
      const stride = 3 * P;
      const rowsPerRule = 3;
      const n = OPTIMIZER_TYPES.length * rowsPerRule;
      const hyper: Hyperparameters[] = [];
      const ts: number[] = [];
      for (let i = 0; i < n; i++) {
        hyper.push({
          learningRate: spread(i, 0.001, 0.5),
          decay: i % 2 ? spread(i + 1, 0, 0.5) : 0,
          beta: spread(i + 2, 0.5, 0.99),
          beta1: spread(i + 3, 0.5, 0.95),
          beta2: spread(i + 4, 0.9, 0.9999),
          epsilon: i % 3 ? 1e-8 : 1e-3,
          weightDecay: spread(i + 5, 0, 0.1),
        });
        ts.push([0, 5, 37][i % 3]);
      }
      const ruleOf = (i: number) => OPTIMIZER_TYPES[Math.floor(i / rowsPerRule)];
      // Float32 state: W, then V (or S) and S; slots a rule squares into are ≥ 0.
      const state = new Float32Array(n * stride);
      const grad = new Float32Array(n * P);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < P; j++) {
          state[i * stride + j] = spread(7 * i + j, -3, 3);
          state[i * stride + P + j] = ['rmsprop', 'adagrad'].includes(ruleOf(i)) ? spread(11 * i + j, 0, 2) : spread(11 * i + j, -1, 1);
          state[i * stride + 2 * P + j] = spread(13 * i + j, 0, 2);
          grad[i * P + j] = spread(17 * i + j, -4, 4);
        }
      }
      // Each row its own coefficient profile, at its own t.
      const table = new Float32Array(n * TABLE_WIDTH);
      for (let i = 0; i < n; i++) {
        const rule = getOptimizer(ruleOf(i))!;
        const values = rule.coefficients(hyper[i], ts[i]);
        rule.fused.names.forEach((name, j) => (table[i * TABLE_WIDTH + j] = values[name]));
      }
      const plan: FusedPlan = {
        rows: n,
        P,
        stride,
        groups: OPTIMIZER_TYPES.map((type, k) => ({ rule: getOptimizer(type)!, from: k * rowsPerRule, to: (k + 1) * rowsPerRule })),
        offset: Int32Array.from({ length: n }, (_, i) => i * TABLE_WIDTH),
        table: () => table,
        ruleOf: Int32Array.from({ length: n }, (_, i) => Math.floor(i / rowsPerRule)),
        everyRow: new Uint8Array(n).fill(1),
      };
      const before = tf.memory().numTensors;
      const [fused, byOps] = tf.tidy(() => {
        const rows = tf.tensor2d(
          Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 ? Math.floor(k / 2) : plan.ruleOf[Math.floor(k / 2)])),
          [n, 2],
        );
        const next = fusedUpdate(
          tf.tensor2d(state, [n, stride]),
          tf.tensor2d(grad, [n, P]),
          tf.tensor2d(table, [n, TABLE_WIDTH]),
          rows,
          plan,
        );
        // The same rows through each rule's tf ops, its coefficients as [rows, 1] columns.
        const parts = OPTIMIZER_TYPES.map((type, k) => {
          const rule = getOptimizer(type)!;
          const from = k * rowsPerRule;
          const slice = (offset: number) => tf.slice(tf.tensor2d(state, [n, stride]), [from, offset], [rowsPerRule, P]);
          const columns: Record<string, tf.Tensor> = {};
          rule.fused.names.forEach((name, j) => {
            columns[name] = tf.tensor2d(
              Float32Array.from({ length: rowsPerRule }, (_, r) => table[(from + r) * TABLE_WIDTH + j]),
              [rowsPerRule, 1],
            );
          });
          const slots = Array.from({ length: rule.slots }, (_, m) => slice((m + 1) * P));
          const step = rule.update(slice(0), tf.slice(tf.tensor2d(grad, [n, P]), [from, 0], [rowsPerRule, P]), slots, columns);
          const pad = Array.from({ length: 2 - rule.slots }, (_, m) => slice((rule.slots + m + 1) * P));
          return tf.concat([step.params, ...step.slots, ...pad], 1);
        });
        return [Array.from(next.dataSync()), Array.from(tf.concat(parts, 0).dataSync())];
      });
      expect(tf.memory().numTensors, 'no tensor left behind').to.equal(before);
      if (backend === 'cpu') expect(fused).to.deep.equal(byOps);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < P; j++) {
          const at = i * stride;
          const slotted = ['rmsprop', 'adagrad'].includes(ruleOf(i));
          const want = referenceUpdate(
            ruleOf(i),
            hyper[i],
            ts[i],
            state[at + j],
            grad[i * P + j],
            state[at + P + j],
            state[at + 2 * P + j],
          );
          const got = [fused[at + j], fused[at + P + j], fused[at + 2 * P + j]];
          const ops = [byOps[at + j], byOps[at + P + j], byOps[at + 2 * P + j]];
          for (let m = 0; m < 3; m++) {
            const what = `${ruleOf(i)} row ${i} coordinate ${j} ${['W', slotted ? 'S' : 'V', 'S'][m]}`;
            // Float32 arithmetic: ~1e-7 relative per operation, a dozen operations.
            expectClose(got[m], want[m], 2e-5, 1e-6, `fused ${what}`);
            expectClose(ops[m], want[m], 2e-5, 1e-6, `ops ${what}`);
          }
        }
      }
    });

    // Rows of every rule on the bowl, where the hand-written gradient and autodiff give
    // the same float32 numbers (J's factor ½ and the 2 of w² cancel exactly), so the two
    // runs must make the same points and stop at the same updates. Some converge, some
    // diverge (α·κ > 2 for plain descent), some run on.
    const kappa = 50;
    const STOPPING: ParticleConfig[] = [
      { start: [-8, 4], optimizer: { type: 'sgd', learningRate: 0.03 } },
      { start: [-8, 4], optimizer: { type: 'sgd', learningRate: 0.041 } },
      { start: [3, -2], optimizer: { type: 'sgd', learningRate: 0.039 } },
      { start: [-8, 4], optimizer: { type: 'momentum', learningRate: 0.03 } },
      { start: [5, 5], optimizer: { type: 'nesterov', learningRate: 0.02, beta: 0.5 } },
      { start: [-8, 4], optimizer: { type: 'rmsprop', learningRate: 0.1 } },
      { start: [1, 1], optimizer: { type: 'adagrad', learningRate: 0.5 } },
      { start: [-8, 4], optimizer: { type: 'adam', learningRate: 0.1, decay: 0.01 } },
      { start: [2, -6], optimizer: { type: 'adamw', learningRate: 0.05, weightDecay: 0.05 } },
      { start: [0.5, 0.25], optimizer: { type: 'sgd', learningRate: 0.5 } },
    ];

    it(`a run on a landscape (its gradient by hand) and on its tf cost (autodiff) make the same points and stops on the bowl${backend === 'cpu' ? ': the fused k-update kernel and the per-update kernels' : ''}`, () => {
      const landscape = bowl(kappa);
      for (const trajectory of ['all', 'latest'] as const) {
        const fused = new ParticleRun({ landscape, particles: STOPPING, trajectory });
        const autodiff = new ParticleRun({ cost: (p) => costOfRows(landscape, p), particles: STOPPING, trajectory });
        for (const k of [1, 7, 13, 50, 129, 300]) {
          const a = fused.step(k);
          const b = autodiff.step(k);
          expect(a.stopped, `${trajectory}: stopped in step(${k})`).to.deep.equal(b.stopped);
          expect(a.running).to.equal(b.running);
        }
        fused.particles.forEach((p, i) => {
          const q = autodiff.particles[i];
          const what = `${trajectory} particle ${i} (${STOPPING[i].optimizer.type})`;
          expect([p.status, p.stoppedAt], what).to.deep.equal([q.status, q.stoppedAt]);
          if (backend === 'cpu') expect(p.points, what).to.deep.equal(q.points);
          else p.points.forEach((point, k) => point.forEach((x, j) => expectClose(x, q.points[k][j], 1e-4, 1e-5, `${what} step ${k}`)));
          // J itself is rounded once by hand and at every operation by tf: within an ulp or two.
          p.costs.forEach((c, k) => expectClose(c, q.costs[k], 1e-6, 1e-12, `${what} J at step ${k}`));
        });
        const statuses = fused.particles.map((p) => p.status);
        expect(statuses).to.include.members(['running', 'converged', 'diverged']);
        // Plain descent at α = 0.041: |1 − ακ| = 1.05 per update along w₂, past 10⁶ after 260.
        expect(fused.particles[1].stoppedAt).to.equal(Math.ceil(Math.log(1e6 / 4) / Math.log(1.05)));
        fused.dispose();
        autodiff.dispose();
      }
    });

    it('a run on every built-in landscape follows its autodiff run for 25 updates of every rule', () => {
      for (const landscape of LANDSCAPES) {
        const { w1, w2 } = landscape.domain;
        // Steps of about a thousandth of the window (the plain rules' α scaled by the slope
        // at the start), two thousandths for the rules whose step is about α.
        const scale = Math.max(w1[1] - w1[0], w2[1] - w2[0]);
        const slope = Math.max(1, ...byHand(landscape, landscape.start).grad.map(Math.abs));
        const adaptive = ['rmsprop', 'adagrad', 'adam', 'adamw'];
        const particles = OPTIMIZER_TYPES.map((type) => ({
          start: [...landscape.start],
          optimizer: { type, learningRate: (adaptive.includes(type) ? 0.002 : 0.001 / slope) * scale },
        }));
        const fused = new ParticleRun({ landscape, particles });
        const autodiff = new ParticleRun({ cost: (p) => costOfRows(landscape, p), particles });
        fused.step(25);
        autodiff.step(25);
        fused.particles.forEach((p, i) => {
          const q = autodiff.particles[i];
          const what = `${label(landscape)} ${OPTIMIZER_TYPES[i]}`;
          // Where the gradient crosses the convergence tolerance within rounding, one run may
          // stop an update before the other.
          expect(Math.abs(p.points.length - q.points.length), what).to.be.at.most(1);
          expect(p.status === 'diverged', what).to.equal(q.status === 'diverged');
          // Rounding differs (float64 by hand, float32 autodiff), and RMSprop and Adam turn a
          // rounding-sized gradient into a step of ~α: the runs stay within a thousandth of the window.
          for (let k = 0; k < Math.min(p.points.length, q.points.length); k++) {
            p.points[k].forEach((x, j) => expectClose(x, q.points[k][j], 1e-4, 1e-3 * scale, `${what} step ${k}`));
          }
        });
        fused.dispose();
        autodiff.dispose();
      }
    });

    // The same leak check as run.test.ts's, through the fused kernels.
    const steps = backend === 'cpu' ? 10000 : 2000;
    it(`${steps.toLocaleString('en')} fused steps on a landscape leave the live tensor count unchanged`, function () {
      this.timeout(240000);
      const particles = STOPPING.map((p) => ({ ...p, start: [-8, 4] }));
      const run = new ParticleRun({ landscape: getLandscape('himmelblau')!, particles, tolerance: { step: 0, gradient: 0 }, bound: 1e30 });
      run.step(10);
      const live = tf.memory().numTensors;
      for (let made = 10; made < steps; made += 100) run.step(Math.min(100, steps - made));
      expect(run.iteration).to.equal(steps);
      expect(tf.memory().numTensors).to.equal(live);
      run.dispose();
      expect(tf.memory().numTensors).to.be.below(live);
    });
  });
}

it('the defaults the fused rules read are the rules’ documented ones', () => {
  for (const type of OPTIMIZER_TYPES) {
    const rule = getOptimizer(type)!;
    const values = rule.coefficients(COMMON_DEFAULTS, 0);
    for (const name of rule.fused.names) expect(values[name], `${type} ${name}`).to.be.a('number');
    expect(rule.fused.names.length).to.be.at.most(TABLE_WIDTH);
    // `fill` writes its names' slots and no other: a table row's neighbours are other profiles.
    const decayedH = { ...COMMON_DEFAULTS, weightDecay: 0.01, decay: 0.1 };
    const row = new Float64Array(TABLE_WIDTH + 2).fill(NaN);
    rule.fused.fill(decayedH, 3, row, 1);
    const names = rule.fused.names.length;
    expect(
      [...row].map((value) => Number.isNaN(value)),
      type,
    ).to.deep.equal([...row].map((_, j) => !(j >= 1 && j <= names)));
    expect(rule.coefficients(decayedH, 3), type).to.deep.equal(Object.fromEntries(rule.fused.names.map((name, j) => [name, row[1 + j]])));
  }
});
