import { expect, fixture } from '@open-wc/testing';
import '../../../src/elements/network/define.js';
import type { GdNetwork } from '../../../src/elements/network/gd-network.js';

/*
 * The network's updates against an independent float64 reference written here: its own
 * forward pass and backpropagation (weights as nested arrays, not the kit's flat loops)
 * and each update rule as the specification prints it. Weights are set through the public
 * `weights` property; the training data is the element's own (`data`).
 */

type Activation = 'tanh' | 'relu';
type Rule = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adagrad' | 'adam' | 'adamw';

/** A network as nested arrays: W[l][i][j] (input i → unit j) and b[l][j]. */
interface Net {
  W: number[][][];
  b: number[][];
}

/** The documented layout: per layer, W row-major [inputs × outputs], then b. */
function unflatten(flat: number[], sizes: number[]): Net {
  const net: Net = { W: [], b: [] };
  let k = 0;
  for (let l = 1; l < sizes.length; l++) {
    net.W.push(Array.from({ length: sizes[l - 1] }, () => Array.from({ length: sizes[l] }, () => flat[k++])));
    net.b.push(Array.from({ length: sizes[l] }, () => flat[k++]));
  }
  return net;
}

function flatten(net: Net): number[] {
  return net.W.flatMap((W, l) => [...W.flat(), ...net.b[l]]);
}

const act = (a: Activation, z: number) => (a === 'tanh' ? Math.tanh(z) : Math.max(0, z));
const dAct = (a: Activation, z: number) => (a === 'tanh' ? 1 - Math.tanh(z) ** 2 : z > 0 ? 1 : 0);

/** Mean binary cross-entropy over the examples `batch` and its gradient, by the chain rule. */
function costAndGradient(net: Net, activation: Activation, x: number[][], y: number[], batch: number[]): { cost: number; grad: Net } {
  const L = net.W.length;
  const grad: Net = { W: net.W.map((W) => W.map((row) => row.map(() => 0))), b: net.b.map((b) => b.map(() => 0)) };
  let cost = 0;
  for (const e of batch) {
    const zs: number[][] = [];
    const as: number[][] = [x[e]];
    for (let l = 0; l < L; l++) {
      const z = net.b[l].map((bj, j) => bj + as[l].reduce((sum, ai, i) => sum + ai * net.W[l][i][j], 0));
      zs.push(z);
      as.push(l === L - 1 ? z : z.map((v) => act(activation, v)));
    }
    const logit = zs[L - 1][0];
    const p = 1 / (1 + Math.exp(-logit));
    cost += -(y[e] * Math.log(p) + (1 - y[e]) * Math.log(1 - p));
    let delta = [p - y[e]];
    for (let l = L - 1; l >= 0; l--) {
      for (let i = 0; i < as[l].length; i++) for (let j = 0; j < delta.length; j++) grad.W[l][i][j] += as[l][i] * delta[j];
      for (let j = 0; j < delta.length; j++) grad.b[l][j] += delta[j];
      if (l > 0) delta = as[l].map((_, i) => delta.reduce((sum, dj, j) => sum + net.W[l][i][j] * dj, 0) * dAct(activation, zs[l - 1][i]));
    }
  }
  const n = batch.length;
  return {
    cost: cost / n,
    grad: { W: grad.W.map((W) => W.map((row) => row.map((g) => g / n))), b: grad.b.map((b) => b.map((g) => g / n)) },
  };
}

/** The update rules as SPEC.md §2 prints them (t = updates already made), on flat vectors. */
function ruleStep(
  rule: Rule,
  h: Record<string, number>,
  w: number[],
  g: number[],
  state: { V: number[]; S: number[] },
  t: number,
): number[] {
  const alpha = h.learningRate / (1 + (h.decay ?? 0) * t);
  const { V, S } = state;
  return w.map((wi, k) => {
    const gk = g[k];
    switch (rule) {
      case 'sgd':
        return wi - alpha * gk;
      case 'momentum':
        V[k] = h.beta * V[k] + (1 - h.beta) * gk;
        return wi - alpha * V[k];
      case 'nesterov':
        V[k] = h.beta * V[k] + (1 - h.beta) * gk;
        return wi - alpha * (h.beta * V[k] + (1 - h.beta) * gk);
      case 'rmsprop':
        S[k] = h.beta * S[k] + (1 - h.beta) * gk * gk;
        return wi - (alpha * gk) / (Math.sqrt(S[k]) + h.epsilon);
      case 'adagrad':
        S[k] = S[k] + gk * gk;
        return wi - (alpha * gk) / (Math.sqrt(S[k]) + h.epsilon);
      default: {
        V[k] = h.beta1 * V[k] + (1 - h.beta1) * gk;
        S[k] = h.beta2 * S[k] + (1 - h.beta2) * gk * gk;
        const vHat = V[k] / (1 - h.beta1 ** (t + 1));
        const sHat = S[k] / (1 - h.beta2 ** (t + 1));
        const step = (alpha * vHat) / (Math.sqrt(sHat) + h.epsilon);
        return rule === 'adamw' ? wi - step - alpha * h.weightDecay * wi : wi - step;
      }
    }
  });
}

/** `updates` updates of one rule from `start` on the batches `batchOf(t)`: the weights and J (on all examples) after each. */
function reference(
  rule: Rule,
  h: Record<string, number>,
  start: number[],
  sizes: number[],
  activation: Activation,
  data: { x: number[][]; y: number[] },
  updates: number,
  batchOf: (t: number) => number[],
) {
  let w = [...start];
  const state = { V: w.map(() => 0), S: w.map(() => 0) };
  const all = data.y.map((_, i) => i);
  const costs = [costAndGradient(unflatten(w, sizes), activation, data.x, data.y, all).cost];
  for (let t = 0; t < updates; t++) {
    const { grad } = costAndGradient(unflatten(w, sizes), activation, data.x, data.y, batchOf(t));
    w = ruleStep(rule, h, w, flatten(grad), state, t);
    costs.push(costAndGradient(unflatten(w, sizes), activation, data.x, data.y, all).cost);
  }
  return { weights: w, costs };
}

/** max |a − b| relative to max |b|. */
function relativeError(a: number[], b: number[]): number {
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...a.map((value, k) => Math.abs(value - b[k]))) / scale;
}

const RULES: { type: Rule; h: Record<string, number> }[] = [
  { type: 'sgd', h: { learningRate: 0.5 } },
  { type: 'momentum', h: { learningRate: 0.5, beta: 0.9 } },
  { type: 'nesterov', h: { learningRate: 0.4, beta: 0.8 } },
  { type: 'rmsprop', h: { learningRate: 0.02, beta: 0.9, epsilon: 1e-8 } },
  { type: 'adagrad', h: { learningRate: 0.1, epsilon: 1e-8 } },
  { type: 'adam', h: { learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decay: 0.01 } },
  { type: 'adamw', h: { learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.05 } },
];

const attribute = (name: string) =>
  name
    .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    .replace('beta-1', 'beta1')
    .replace('beta-2', 'beta2');
const children = () =>
  RULES.map(
    ({ type, h }) =>
      `<gd-optimizer type="${type}" ${Object.entries(h)
        .map(([name, value]) => `${attribute(name)}="${value}"`)
        .join(' ')}></gd-optimizer>`,
  ).join('');

/** Fixed weights for the 2-3-1 network (13 parameters): every one non-zero, no ReLU at its kink on this data. */
const FIXED = [0.8, -0.6, 0.5, 0.7, 0.9, -0.4, 0.1, -0.2, 0.3, 1.1, -0.9, 0.6, 0.05];

async function network(markup: string): Promise<GdNetwork> {
  const el = await fixture<GdNetwork>(markup);
  await el.updateComplete;
  return el;
}

describe('<gd-network>: every rule against a float64 reference', () => {
  for (const activation of ['tanh', 'relu'] as const) {
    it(`50 full-batch updates of a 2-3-1 ${activation} network from fixed weights, every rule, to 1e-4`, async function () {
      this.timeout(60000);
      const el = await network(
        `<gd-network task="xor" size="16" noise="0.1" test-split="0" layers="3" activation="${activation}" seed="3">${children()}</gd-network>`,
      );
      expect(el.parameterCount).to.equal(13);
      el.weights = FIXED;
      await el.updateComplete;
      expect(el.weights.every((w) => w.every((value, k) => value === Math.fround(FIXED[k])))).to.equal(true);
      const data = el.data;
      expect(el.batchIndices(7)).to.deep.equal(data.y.map((_, i) => i));
      await el.step(50);
      expect(el.iteration).to.equal(50);
      const sizes = [2, 3, 1];
      const all = data.y.map((_, i) => i);
      RULES.forEach(({ type, h }, i) => {
        const full = {
          ...h,
          beta: h.beta ?? 0.9,
          beta1: h.beta1 ?? 0.9,
          beta2: h.beta2 ?? 0.999,
          epsilon: h.epsilon ?? 1e-8,
          weightDecay: h.weightDecay ?? 0.01,
        };
        const ref = reference(type, full, FIXED, sizes, activation, data, 50, () => all);
        const error = relativeError(el.weights[i], ref.weights);
        expect(error, `${type}: weights after 50 updates, relative error ${error}`).to.be.below(1e-4);
        const history = el.history[i];
        expect(history).to.have.length(51);
        for (const k of [0, 1, 10, 50]) {
          const cost = history[k].cost;
          expect(Math.abs(cost - ref.costs[k]) / ref.costs[k], `${type}: J after ${k} updates (${cost} vs ${ref.costs[k]})`).to.be.below(
            1e-4,
          );
        }
      });
    });
  }

  it('mini-batches follow the documented order: each epoch a seeded shuffle of all m points cut into batches, every racer the same', async function () {
    this.timeout(60000);
    const el = await network(
      `<gd-network task="moons" size="16" noise="0.1" test-split="0" layers="3" batch-size="5" seed="11">
        <gd-optimizer type="sgd" learning-rate="0.5"></gd-optimizer><gd-optimizer type="adam" learning-rate="0.02"></gd-optimizer>
      </gd-network>`,
    );
    el.weights = FIXED;
    await el.updateComplete;
    expect(el.batchesPerEpoch).to.equal(4);
    const epochs = [0, 1, 2].map((epoch) => [0, 1, 2, 3].map((k) => el.batchIndices(4 * epoch + k)));
    for (const batches of epochs) {
      expect(batches.map((b) => b.length)).to.deep.equal([5, 5, 5, 1]);
      expect(batches.flat().sort((a, b) => a - b)).to.deep.equal([...Array(16).keys()]);
    }
    expect(epochs[1].flat()).to.not.deep.equal(epochs[0].flat());
    // The same schedule whenever it is asked for.
    expect(el.batchIndices(5)).to.deep.equal(epochs[1][1]);
    await el.step(24);
    const data = el.data;
    const tanh = 'tanh';
    const sgd = reference('sgd', { learningRate: 0.5 }, FIXED, [2, 3, 1], tanh, data, 24, (t) => el.batchIndices(t));
    const adam = reference('adam', { learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, FIXED, [2, 3, 1], tanh, data, 24, (t) =>
      el.batchIndices(t),
    );
    expect(relativeError(el.weights[0], sgd.weights)).to.be.below(1e-4);
    expect(relativeError(el.weights[1], adam.weights)).to.be.below(1e-4);
    // The recorded cost is the full training cost, not the batch's.
    expect(Math.abs(el.history[0][24].cost - sgd.costs[24]) / sgd.costs[24]).to.be.below(1e-4);
  });
});
