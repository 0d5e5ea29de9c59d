import { expect } from '@open-wc/testing';
import * as tf from '../../../../src/core/tf.js';
import { DEFAULT_BOWL_KAPPA, getLandscape, loadWebGL, type BackendName, type Landscape } from '../../../../src/core/index.js';
import { PART_ROWS, SWARM_STEPS } from '../../../../src/elements/optimizer-race/internal/settings.js';
import { resolveEntries } from '../../../../src/elements/optimizer-race/internal/optimizers/entries.js';
import {
  SwarmModel,
  TAIL_LENGTH,
  type SwarmSettings,
  type SwarmTally,
} from '../../../../src/elements/optimizer-race/internal/swarm/swarm-model.js';
import { BACKENDS } from '../../../core/helpers.js';

const himmelblau = getLandscape('himmelblau')!;
/** The race's four default optimizers with their Himmelblau learning rates. */
const entries = resolveEntries('himmelblau', [], []);

function settings(overrides: Partial<SwarmSettings> = {}): SwarmSettings {
  return { landscape: himmelblau, entries, size: 200, seed: 7, backend: 'cpu', ...overrides };
}

/** Steps to the end of the budget in slices (a webgl graph of 500 steps at once is needlessly large). */
function runToEnd(model: SwarmModel): void {
  while (model.step(50) > 0);
}

function counts(tally: SwarmTally): number[][] {
  return tally.optimizers.map((o) => [o.global, o.local, o.saddle, o.diverged, o.moving, ...o.minima]);
}

/** Himmelblau in float64 with its closed-form gradient: the independent truth for a few SGD steps. */
function sgdReference(start: number[], learningRate: number, steps: number): [number, number] {
  let [a, b] = start;
  for (let t = 0; t < steps; t++) {
    const u = a * a + b - 11;
    const v = a + b * b - 7;
    [a, b] = [a - learningRate * (4 * a * u + 2 * v), b - learningRate * (2 * u + 4 * b * v)];
  }
  return [a, b];
}

describe('SwarmModel (no DOM)', function () {
  this.timeout(120000);

  it('draws the same seeded starts for every optimizer, uniformly over the plotted window', () => {
    const model = new SwarmModel(settings({ size: 2000 }));
    expect(model.rows).to.equal(2000 * 4);
    expect(model.optimizers).to.deep.equal([0, 1, 2, 3]);
    const { w1, w2 } = himmelblau.domain;
    expect(model.starts.every(([a, b]) => a >= w1[0] && a <= w1[1] && b >= w2[0] && b <= w2[1])).to.equal(true);
    // Uniform: each quadrant of the window holds about a quarter (binomial sd ≈ 19 of 500).
    for (const [sa, sb] of [
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ]) {
      const inQuadrant = model.starts.filter(([a, b]) => Math.sign(a) === sa && Math.sign(b) === sb).length;
      expect(inQuadrant).to.be.within(420, 580);
    }
    // Every optimizer's block of rows starts from the same points (before any tensor exists).
    const tails = model.tails();
    for (let block = 0; block < 4; block++) {
      for (const i of [0, 999, 1999]) {
        const at = ((block * 2000 + i) * TAIL_LENGTH + tails.head) * 2;
        expect([tails.positions[at], tails.positions[at + 1]]).to.deep.equal([
          Math.fround(model.starts[i][0]),
          Math.fround(model.starts[i][1]),
        ]);
      }
    }
    expect(model.built).to.equal(false);
    model.dispose();
  });

  it('same seed → the same starts and tallies; another seed → other starts', () => {
    const a = new SwarmModel(settings());
    const b = new SwarmModel(settings());
    const c = new SwarmModel(settings({ seed: 8 }));
    expect(a.starts).to.deep.equal(b.starts);
    expect(a.starts).to.not.deep.equal(c.starts);
    expect(a.key).to.equal(b.key);
    expect(a.key).to.not.equal(c.key);
    runToEnd(a);
    runToEnd(b);
    expect(counts(a.tally())).to.deep.equal(counts(b.tally()));
    expect(Array.from(a.endPositions())).to.deep.equal(Array.from(b.endPositions()));
    for (const model of [a, b, c]) model.dispose();
  });

  it('moves each particle as its rule does (SGD against float64), stops after the budget, and tallies every particle', () => {
    const model = new SwarmModel(settings());
    expect(model.step(10)).to.equal(10);
    const ends = model.endPositions();
    // SGD is the first block; float32 against float64 over 10 steps.
    for (const i of [0, 17, 123]) {
      const [a, b] = sgdReference(model.starts[i], entries[0].hyperparameters.learningRate, 10);
      expect(Math.abs(ends[i * 2] - a), `w1 of start ${i}`).to.be.below(1e-3 * Math.max(1, Math.abs(a)));
      expect(Math.abs(ends[i * 2 + 1] - b), `w2 of start ${i}`).to.be.below(1e-3 * Math.max(1, Math.abs(b)));
    }
    runToEnd(model);
    expect(model.iteration).to.equal(SWARM_STEPS);
    expect(model.finished).to.equal(true);
    expect(model.step(10)).to.equal(0);
    const tally = model.tally();
    expect(tally.iteration).to.equal(SWARM_STEPS);
    expect(tally.optimizers.map((o) => o.label)).to.deep.equal(entries.map((e) => e.label));
    for (const o of tally.optimizers) {
      expect(o.global + o.local + o.saddle + o.diverged + o.moving, o.label).to.equal(200);
      // Himmelblau has no local minimum: every minimum a particle finds is one of the four global ones.
      expect(o.local, o.label).to.equal(0);
      expect(
        o.minima.reduce((s, m) => s + m, 0),
        o.label,
      ).to.be.at.most(o.global + o.saddle);
    }
    // Adam (α = 0.1) from 200 starts reaches each of the four minima.
    const adam = tally.optimizers[3];
    expect(
      adam.minima.every((m) => m > 0),
      `Adam's minima ${adam.minima.join(', ')}`,
    ).to.equal(true);
    // The tail of a particle holds its latest positions: the newest slot is its end.
    const tails = model.tails();
    expect(tails.length).to.equal(TAIL_LENGTH);
    model.reset();
    expect(model.iteration).to.equal(0);
    expect(model.tails().length).to.equal(1);
    expect(model.tally().optimizers[0].moving + model.tally().optimizers[0].global).to.equal(200);
    model.dispose();
  });

  it('tallies particles that diverge as diverged, never as moving (the bowl in closed form)', () => {
    // On ½(w1² + κ·w2²) plain descent scales each coordinate by 1 − αλ per update (λ = 1
    // and κ). At α = 3 both factors exceed 1 in size (−2 and 1 − 3κ): every start with a
    // coordinate off zero, as all random starts are, runs off without bound. At α = 0.5/κ
    // both lie in (0, 1): no start diverges.
    const bowl = getLandscape('bowl')!;
    const [reckless] = resolveEntries('bowl', [], [{ learningRate: 3 }]);
    const [careful] = resolveEntries('bowl', [], [{ learningRate: 0.5 / DEFAULT_BOWL_KAPPA }]);
    const model = new SwarmModel(settings({ landscape: bowl, entries: [reckless, { ...careful, label: 'careful' }], size: 100 }));
    runToEnd(model);
    const [wild, calm] = model.tally().optimizers;
    expect(wild.diverged, 'every reckless particle diverged').to.equal(100);
    expect(wild.moving, 'none of them counted as moving').to.equal(0);
    expect(calm.diverged, 'no careful particle diverged').to.equal(0);
    expect(calm.global + calm.moving, 'the careful ones are at the minimum or on their way').to.equal(100);
    model.dispose();
  });

  it('steps a large swarm part by part: an update shows once every part made it, and equals the one-part result', () => {
    // Just over half a part per optimizer × 4 optimizers: three parts.
    const size = Math.ceil(PART_ROWS / 2) + 100;
    const parted = new SwarmModel(settings({ size }));
    expect(parted.partCount).to.equal(Math.ceil((4 * size) / PART_ROWS));
    expect(parted.partCount).to.be.above(1);
    const before = parted.endPositions();
    expect(parted.advanceParts(parted.partCount - 1)).to.equal(parted.partCount - 1);
    expect(parted.iteration).to.equal(0);
    expect(parted.endPositions(), 'nothing shown until the update is whole').to.deep.equal(before);
    expect(parted.advanceParts(1)).to.equal(1);
    expect(parted.iteration).to.equal(1);
    expect(parted.endPositions()).to.not.deep.equal(before);
    // Mid-update again, then step(k): exactly k more whole updates.
    parted.advanceParts(1);
    expect(parted.step(9)).to.equal(9);
    expect(parted.iteration).to.equal(10);
    // Rows are independent, so the parts move every particle as the first optimizer's rows alone do.
    const small = new SwarmModel(settings({ size, entries: entries.map((e, i) => ({ ...e, disabled: i > 0 })) }));
    expect(small.partCount).to.equal(1);
    small.step(10);
    expect(Array.from(parted.endPositions().slice(0, 2 * size))).to.deep.equal(Array.from(small.endPositions()));
    parted.dispose();
    small.dispose();
  });

  it('judges stopped particles again when the landscape gets its minima later (as a formula does)', () => {
    // A copy of Himmelblau without minima, as a formula's landscape is before its search ends.
    const landscape: Landscape = { ...himmelblau, minima: [] };
    const model = new SwarmModel(settings({ landscape, size: 100 }));
    runToEnd(model);
    // No minimum listed: a stopped particle is judged by the Hessian alone, at no named minimum.
    expect(model.tally().optimizers[0].minima).to.deep.equal([]);
    landscape.minima = himmelblau.minima;
    const after = model.tally().optimizers[0];
    const atNamed = after.minima.reduce((sum, n) => sum + n, 0);
    expect(after.minima).to.have.length(4);
    expect(atNamed, 'now counted at the four minima').to.be.above(90);
    expect(after.global + after.local + after.saddle + after.diverged + after.moving).to.equal(100);
    model.dispose();
  });

  it('leaves disabled optimizers out', () => {
    const some = entries.map((e, i) => ({ ...e, disabled: i === 1 || i === 2 }));
    const model = new SwarmModel(settings({ entries: some }));
    expect(model.optimizers).to.deep.equal([0, 3]);
    expect(model.rows).to.equal(400);
    model.step(5);
    expect(model.tally().optimizers.map((o) => o.index)).to.deep.equal([0, 3]);
    model.dispose();
    const none = new SwarmModel(settings({ entries: entries.map((e) => ({ ...e, disabled: true })) }));
    expect(none.step(5)).to.equal(0);
    expect(none.finished).to.equal(true);
    expect(none.tally().optimizers).to.deep.equal([]);
    none.dispose();
  });

  it(`gives the same ends on ${BACKENDS.join(' and ')}${BACKENDS.length === 1 ? ' (this browser has no WebGL2: cpu only)' : ''}`, async () => {
    if (BACKENDS.includes('webgl')) await loadWebGL();
    const models = BACKENDS.map((backend: BackendName) => new SwarmModel(settings({ backend })));
    expect(models.map((m) => m.backendName)).to.deep.equal(BACKENDS);
    const early = models.map((m) => {
      m.step(20);
      return m.endPositions();
    });
    runToEnd(models[0]);
    expect(models[0].tally().optimizers.every((o) => o.global + o.local + o.saddle + o.diverged + o.moving === 200)).to.equal(true);
    if (models.length === 2) {
      // 20 updates: the same float32 arithmetic in another order, within rounding.
      for (let j = 0; j < early[0].length; j++) {
        expect(Math.abs(early[0][j] - early[1][j]), `coordinate ${j}`).to.be.below(1e-3 * Math.max(1, Math.abs(early[0][j])));
      }
      runToEnd(models[1]);
      // After 500 a start right on a ridge may fall the other way: the tallies agree within 1 % of N.
      const [cpu, webgl] = models.map((m) => m.tally());
      cpu.optimizers.forEach((o, i) => {
        const other = webgl.optimizers[i];
        for (const kind of ['global', 'local', 'saddle', 'diverged', 'moving'] as const) {
          expect(Math.abs(o[kind] - other[kind]), `${o.label} ${kind}`).to.be.at.most(2);
        }
      });
    }
    for (const model of models) model.dispose();
  });

  it('frees every tensor it made', () => {
    const before = tf.memory().numTensors;
    const model = new SwarmModel(settings({ size: 50 }));
    model.step(30);
    model.tally();
    model.releaseTensors();
    model.step(5);
    model.reset();
    model.step(3);
    expect(tf.memory().numTensors).to.be.greaterThan(before);
    model.dispose();
    expect(tf.memory().numTensors).to.equal(before);
  });
});
