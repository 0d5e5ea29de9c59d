import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import {
  HYPERPARAMETER_RANGES,
  OPTIMIZER_TYPES,
  ParticleRun,
  getOptimizer,
  inverseTimeDecay,
  inverseTimeDecayTensor,
  type OptimizerConfig,
} from '../../src/core/index.js';
import { BACKENDS, expectClose, useBackend } from './helpers.js';

// J = ½(a·w1² + b·w2²), so dW = (a·w1, b·w2).
const A = 1;
const B = 10;
const START = [1.5, -0.8];
const quadratic = (p: tf.Tensor2D) => {
  const [w1, w2] = tf.split(p, 2, 1);
  return tf.reshape<tf.Rank.R1>(tf.mul(0.5, tf.add(tf.mul(A, tf.square(w1)), tf.mul(B, tf.square(w2)))), [-1]);
};

type H = Required<Omit<OptimizerConfig, 'type'>>;

/**
 * The update rules as the README prints them, transcribed by hand in float64, elementwise on [w1, w2]:
 * t = updates already made, α_t = α/(1 + decay·t).
 */
function byHand(type: string, h: H, steps: number): number[][] {
  let w = START.slice();
  const v = [0, 0];
  const s = [0, 0];
  const out = [w.slice()];
  for (let t = 0; t < steps; t++) {
    const dW = [A * w[0], B * w[1]];
    const a = h.learningRate / (1 + h.decay * t);
    const next = [0, 0];
    for (let i = 0; i < 2; i++) {
      const g = dW[i];
      switch (type) {
        case 'sgd':
          next[i] = w[i] - a * g;
          break;
        case 'momentum':
          v[i] = h.beta * v[i] + (1 - h.beta) * g;
          next[i] = w[i] - a * v[i];
          break;
        case 'nesterov':
          v[i] = h.beta * v[i] + (1 - h.beta) * g;
          next[i] = w[i] - a * (h.beta * v[i] + (1 - h.beta) * g);
          break;
        case 'rmsprop':
          s[i] = h.beta * s[i] + (1 - h.beta) * g * g;
          next[i] = w[i] - (a * g) / (Math.sqrt(s[i]) + h.epsilon);
          break;
        case 'adagrad':
          s[i] = s[i] + g * g;
          next[i] = w[i] - (a * g) / (Math.sqrt(s[i]) + h.epsilon);
          break;
        case 'adam':
        case 'adamw': {
          v[i] = h.beta1 * v[i] + (1 - h.beta1) * g;
          s[i] = h.beta2 * s[i] + (1 - h.beta2) * g * g;
          const vHat = v[i] / (1 - h.beta1 ** (t + 1));
          const sHat = s[i] / (1 - h.beta2 ** (t + 1));
          next[i] = w[i] - a * (vHat / (Math.sqrt(sHat) + h.epsilon) + (type === 'adamw' ? h.weightDecay * w[i] : 0));
          break;
        }
        default:
          throw new Error(type);
      }
    }
    w = next;
    out.push(w.slice());
  }
  return out;
}

describe('optimizer rules', () => {
  it('registers every rule with its TeX, hyperparameters and documented defaults', () => {
    expect([...OPTIMIZER_TYPES]).to.include.members(['sgd', 'momentum', 'rmsprop', 'adam', 'nesterov', 'adagrad', 'adamw']);
    for (const type of OPTIMIZER_TYPES) {
      const rule = getOptimizer(type)!;
      expect(rule.type).to.equal(type);
      expect(rule.tex).to.include('W');
      expect(rule.hyperparameters).to.include('learningRate');
      expect(rule.defaults.beta).to.equal(0.9);
      expect(rule.defaults.beta1).to.equal(0.9);
      expect(rule.defaults.beta2).to.equal(0.999);
      expect(rule.defaults.epsilon).to.equal(1e-8);
    }
    expect(getOptimizer('nope')).to.equal(undefined);
    expect(getOptimizer('constructor')).to.equal(undefined);
  });

  for (const backend of BACKENDS) {
    describe(`on ${backend}`, () => {
      before(() => useBackend(backend));

      for (const type of OPTIMIZER_TYPES) {
        // ε = 1e-8 is what the torch references use, and there ε inside the root and ε
        // outside it agree to float32; a large ε tells the two forms apart (√S + ε vs √(S + ε)).
        for (const [decay, epsilon] of [
          [0, 1e-8],
          [0.5, 1e-8],
          [0, 0.5],
        ]) {
          it(`${type}: first three updates on ½(w1² + 10·w2²) match the rule by hand (decay ${decay}, ε ${epsilon})`, () => {
            const h: H = {
              learningRate: 0.05,
              decay,
              beta: 0.8,
              beta1: 0.85,
              beta2: 0.99,
              epsilon,
              weightDecay: 0.1,
            };
            const run = new ParticleRun({ cost: quadratic, particles: [{ start: START, optimizer: { type, ...h } }] });
            run.step(1);
            run.step(2);
            const got = run.particles[0].points;
            const want = byHand(type, h, 3);
            expect(got).to.have.length(4);
            for (let k = 0; k <= 3; k++) {
              for (let i = 0; i < 2; i++) {
                // float32 arithmetic: ~1e-7 relative per op, a few dozen ops
                expectClose(got[k][i], want[k][i], 2e-5, 1e-6, `${type} w${i + 1} after ${k}`);
              }
              const cost = 0.5 * (A * got[k][0] ** 2 + B * got[k][1] ** 2);
              expectClose(run.particles[0].costs[k], cost, 1e-5, 1e-6, `${type} cost after ${k}`);
            }
            run.dispose();
          });
        }
      }

      it('inverse-time decay: α_t = α/(1 + decay·t), in float64 and in tf ops', () => {
        expect(inverseTimeDecay(0.1, 0.5, 4)).to.equal(0.1 / 3);
        expect(inverseTimeDecay(0.1, 0, 1000)).to.equal(0.1);
        const got = tf.tidy(() => inverseTimeDecayTensor(tf.tensor1d([0.1, 0.2]), tf.tensor1d([0.5, 0]), 4).arraySync()) as number[];
        expectClose(got[0], 0.1 / 3, 1e-6, 0, 'α_4');
        expectClose(got[1], 0.2, 1e-6, 0, 'no decay');
      });

      it('uses the documented defaults when only the type is given', () => {
        const run = new ParticleRun({ cost: quadratic, particles: [{ start: START, optimizer: { type: 'adam', learningRate: 0.05 } }] });
        run.step(3);
        const want = byHand(
          'adam',
          { learningRate: 0.05, decay: 0, beta: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
          3,
        );
        run.particles[0].points.forEach((p, k) => p.forEach((x, i) => expectClose(x, want[k][i], 2e-5, 1e-6, `adam defaults ${k}`)));
        run.dispose();
      });
    });
  }

  it('rejects out-of-range hyperparameters and unknown types', async () => {
    await useBackend('cpu');
    const make = (optimizer: OptimizerConfig) => () => new ParticleRun({ cost: quadratic, particles: [{ start: START, optimizer }] });
    expect(make({ type: 'sgd', learningRate: -1 })).to.throw(RangeError);
    expect(make({ type: 'momentum', beta: 1 })).to.throw(RangeError);
    expect(make({ type: 'adam', beta2: Number.NaN })).to.throw(RangeError);
    expect(make({ type: 'nope' as never })).to.throw(RangeError);
    expect(make({ type: 'rmsprop', epsilon: 0 })).to.throw(RangeError);
    expect(make({ type: Object.create(null) as never })).to.throw(RangeError);
  });

  it('runs every hyperparameter at both ends of its published range and rejects just beyond', async () => {
    await useBackend('cpu');
    const make = (optimizer: OptimizerConfig) => () => {
      const run = new ParticleRun({ cost: quadratic, particles: [{ start: START, optimizer }] });
      run.step(2);
      run.dispose();
    };
    for (const [name, range] of Object.entries(HYPERPARAMETER_RANGES)) {
      const type = name === 'weightDecay' ? 'adamw' : name === 'beta' ? 'momentum' : 'adam';
      // An open end is not a value: step just inside it, and just outside a closed one.
      const inside = (end: number, open: boolean | undefined, toward: number) =>
        open ? end + toward * Math.max(Math.abs(end), 1) * 1e-6 : end;
      const outside = (end: number, open: boolean | undefined, away: number) =>
        open ? end : end + away * Math.max(Math.abs(end), 1e-30) * 1e-3;
      expect(make({ type, [name]: inside(range.min, range.minExclusive, 1) }), `${name} at its minimum`).to.not.throw();
      expect(make({ type, [name]: inside(range.max, range.maxExclusive, -1) }), `${name} at its maximum`).to.not.throw();
      expect(make({ type, [name]: outside(range.min, range.minExclusive, -1) }), `${name} below`).to.throw(RangeError);
      expect(make({ type, [name]: outside(range.max, range.maxExclusive, 1) }), `${name} above`).to.throw(RangeError);
    }
  });
});
