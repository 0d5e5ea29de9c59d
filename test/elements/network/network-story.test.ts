import { expect, fixture } from '@open-wc/testing';
import '../../../src/elements/network/define.js';
import type { GdNetwork } from '../../../src/elements/network/gd-network.js';
import { setSliceClock } from '../../../src/core/slices.js';
import { timerRunsWhile } from '../main-thread.js';

/** What the network teaches, checked on the numbers it reports (not on pixels). */

async function network(markup: string): Promise<GdNetwork> {
  const el = await fixture<GdNetwork>(markup);
  await el.updateComplete;
  return el;
}

const lastOf = (el: GdNetwork, racer: number) => el.history[racer].at(-1)!;

/** Whether every unit of each hidden layer has the same incoming weights, bias and outgoing weights (layout: W row-major, then b). */
function unitsIdentical(weights: number[], sizes: number[]): boolean {
  let at = 0;
  const layers: { W: number; b: number; inputs: number; outputs: number }[] = [];
  for (let l = 1; l < sizes.length; l++) {
    layers.push({ W: at, b: at + sizes[l - 1] * sizes[l], inputs: sizes[l - 1], outputs: sizes[l] });
    at += (sizes[l - 1] + 1) * sizes[l];
  }
  for (let l = 0; l < layers.length - 1; l++) {
    const into = layers[l];
    const out = layers[l + 1];
    for (let j = 1; j < into.outputs; j++) {
      if (weights[into.b + j] !== weights[into.b]) return false;
      for (let i = 0; i < into.inputs; i++) if (weights[into.W + i * into.outputs + j] !== weights[into.W + i * into.outputs]) return false;
      for (let k = 0; k < out.outputs; k++) if (weights[out.W + j * out.outputs + k] !== weights[out.W + k]) return false;
    }
  }
  return true;
}

describe('<gd-network>: the story it tells', function () {
  this.timeout(60000);

  for (const task of ['circles', 'xor']) {
    it(`${task}: logistic regression (layers="0") stays near chance on the test set; one hidden layer of 8 passes 90 %`, async () => {
      const linear = await network(`<gd-network task="${task}" layers="0"></gd-network>`);
      const hidden = await network(`<gd-network task="${task}" layers="8"></gd-network>`);
      expect(linear.parameterCount).to.equal(3);
      await linear.step(1000);
      await hidden.step(1000);
      for (let i = 0; i < 4; i++) {
        const { testAccuracy } = lastOf(linear, i);
        expect(Math.abs(testAccuracy! - 0.5), `${linear.racers[i].label}, no hidden layer: ${testAccuracy}`).to.be.below(0.2);
        expect(lastOf(hidden, i).testAccuracy, `${hidden.racers[i].label}, 8 hidden units`).to.be.above(0.9);
      }
    });
  }

  it('init="zeros" keeps every hidden unit of a layer identical after 200 updates, and says so', async () => {
    // 201 points: one class has a point more, so the gradient at zero weights is not exactly 0.
    for (const activation of ['tanh', 'sigmoid', 'relu']) {
      const el = await network(`<gd-network init="zeros" size="201" layers="4,3" activation="${activation}"></gd-network>`);
      await el.step(200);
      el.weights.forEach((weights, i) => {
        expect(unitsIdentical(weights, [2, 4, 3, 1]), `${activation}, ${el.racers[i].label}`).to.equal(true);
        expect(weights.at(-1), 'the output bias learns').to.not.equal(0);
      });
      // Sigmoid units are ½ at zero weights: every layer learns, every unit of a layer the same.
      if (activation === 'sigmoid')
        expect(
          el.weights[0].slice(0, 8).some((w) => w !== 0),
          'first-layer weights moved',
        ).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part~="data"]')!.textContent).to.contain('Zeros init never breaks the symmetry');
      expect(el.shadowRoot!.querySelector('[part~="data"]')!.textContent).to.match(/1 of 4, 1 of 3/);
    }
    // A random init does break it.
    const xavier = await network('<gd-network layers="4,3"></gd-network>');
    await xavier.step(10);
    expect(unitsIdentical(xavier.weights[0], [2, 4, 3, 1])).to.equal(false);
  });

  it('spiral, with the defaults: Adam reaches a lower training cost than plain gradient descent at equal updates', async () => {
    const el = await network('<gd-network task="spiral"></gd-network>');
    expect(el.racers.map((r) => r.type)).to.deep.equal(['sgd', 'momentum', 'rmsprop', 'adam']);
    await el.step(800);
    expect(lastOf(el, 3).cost).to.be.below(0.5 * lastOf(el, 0).cost);
  });

  it('a learning rate far too large diverges, with a note that says what to do', async () => {
    const el = await network(
      '<gd-network><gd-optimizer type="sgd" learning-rate="5000"></gd-optimizer><gd-optimizer type="adam"></gd-optimizer></gd-network>',
    );
    const done: string[] = [];
    el.addEventListener('gd-done', (event) => done.push(event.detail.reason));
    await el.step(50);
    await el.updateComplete;
    expect(el.racers.map((r) => r.status)).to.deep.equal(['diverged', 'running']);
    const note = el.shadowRoot!.querySelector('[data-note="diverged-0"]')!;
    expect(note.textContent).to.match(/Gradient descent diverged after \d+ updates/);
    expect(note.textContent).to.contain('Lower its learning rate (now 5,000)');
    expect(el.shadowRoot!.querySelector('[part~="legend"]')!.textContent).to.contain('diverged');
    // Its history stops at its last good weights, every number finite.
    const history = el.history[0];
    expect(history.length).to.be.below(51);
    expect(history.every((entry) => Number.isFinite(entry.cost) && Number.isFinite(entry.testCost!))).to.equal(true);
    expect(el.weights[0].every((w) => Math.abs(w) <= 1000)).to.equal(true);
    expect(done).to.deep.equal([]);
    el.reset();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-note="diverged-0"]')).to.equal(null);
  });

  it('the landscape slice is centred on the chosen racer’s weights, J there its reported cost; the 1-D slice runs from its initial weights', async () => {
    const el = await network('<gd-network racer="3" directions="pca"></gd-network>');
    await el.step(120);
    await el.computeLandscape();
    const slice = el.landscapeSlice!;
    expect(slice.racer).to.equal(2);
    expect(slice.iteration).to.equal(120);
    expect(slice.directions).to.equal('pca');
    const middle = (slice.alphas.length - 1) / 2;
    expect(slice.alphas[middle]).to.equal(0);
    expect(slice.betas[middle]).to.equal(0);
    expect(slice.centreCost).to.equal(slice.values[middle * slice.alphas.length + middle]);
    expect(slice.centreCost).to.equal(lastOf(el, 2).cost);
    // Every path ends at its racer's weights; the chosen one's at the centre.
    const chosen = slice.paths.find((path) => path.racer === 2)!;
    const end = chosen.points.at(-1)!;
    expect(Math.hypot(end[0], end[1])).to.be.below(1e-9);
    expect(slice.explained![0]).to.be.above(slice.explained![1]);
    // The 1-D slice: τ = 0 is each racer's start, τ = 1 its weights now.
    const zero = slice.line.taus.findIndex((tau) => tau === 0);
    const one = slice.line.taus.findIndex((tau) => tau === 1);
    slice.line.costs.forEach((costs, i) => {
      expect(costs![zero], `racer ${i} at τ = 0`).to.be.closeTo(el.history[i][0].cost, 1e-12);
      expect(costs![one], `racer ${i} at τ = 1`).to.be.closeTo(lastOf(el, i).cost, 1e-9);
    });
    // Random, filter-normalised directions: the same centre.
    el.directions = 'random';
    await el.computeLandscape();
    expect(el.landscapeSlice!.directions).to.equal('random');
    expect(el.landscapeSlice!.centreCost).to.equal(lastOf(el, 2).cost);
    expect(el.shadowRoot!.querySelector('[part~="landscape"] canvas.slice')).to.not.equal(null);
  });

  it('the slice is made in slices of work: the main thread runs between them', async () => {
    const el = await network('<gd-network></gd-network>');
    await el.step(20);
    // A clock that moves 3 ms at every reading: a few rows of the 41 fit in each 8 ms slice.
    let now = 0;
    setSliceClock(() => (now += 3));
    try {
      const made = el.computeLandscape();
      let finished = false;
      void made.then(() => (finished = true));
      const runs = await timerRunsWhile(() => !finished, 1000);
      await made;
      expect(runs).to.be.at.least(8);
    } finally {
      setSliceClock();
    }
    expect(el.landscapeSlice!.values.every(Number.isFinite)).to.equal(true);
  });
});
