import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import * as tf from '../../../src/core/tf.js';
import '../../../src/elements/network/define.js';
import '../../../src/elements/optimizer-race/define.js';
import type { GdNetwork } from '../../../src/elements/network/gd-network.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';

const frames = (n = 2) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : resolve());
    next(n);
  });

async function network(markup: string): Promise<GdNetwork> {
  const el = await fixture<GdNetwork>(markup);
  await el.updateComplete;
  return el;
}

const part = (el: GdNetwork, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

describe('<gd-network>', function () {
  this.timeout(60000);

  it('renders its figures, formula, legend, controls and panels; its attributes reach the network it trains', async () => {
    const el = await network('<gd-network></gd-network>');
    for (const name of ['data', 'chart', 'landscape', 'interpolation', 'formula', 'legend', 'controls', 'panel', 'optimizers', 'notes']) {
      expect(part(el, name), name).to.not.equal(null);
    }
    expect(el.data.x).to.have.length(200);
    expect(el.testData.y).to.have.length(100);
    expect(el.parameterCount).to.equal(105);
    expect(el.racers.map((r) => [r.type, r.learningRate])).to.deep.equal([
      ['sgd', 0.3],
      ['momentum', 0.3],
      ['rmsprop', 0.01],
      ['adam', 0.01],
    ]);
    // Every racer starts from the same weights.
    expect(new Set(el.weights.map((w) => w.join(','))).size).to.equal(1);
    expect(el.history.map((h) => h.length)).to.deep.equal([1, 1, 1, 1]);
    expect(el.shadowRoot!.querySelectorAll('canvas.map')).to.have.length(4);
    expect(el.shadowRoot!.querySelector('.cost-formula')!.textContent).to.contain('105 parameters');
    el.task = 'spiral';
    el.size = 60;
    el.testSplit = 0;
    el.layers = '4';
    await el.updateComplete;
    expect(el.data.x).to.have.length(60);
    expect(el.testData.x).to.have.length(0);
    expect(el.parameterCount).to.equal(17);
    expect(el.shadowRoot!.querySelector('.cost-formula')!.textContent).to.contain('2-4-1 network');
    await el.step(3);
    expect(el.history[0]).to.have.length(4);
    expect(el.history[0][3]).to.have.keys(['iteration', 'epoch', 'cost', 'accuracy']);
  });

  it('fires gd-step once per step(n), gd-params-change only for the user’s changes, and gd-done when every racer stopped', async () => {
    const el = await network('<gd-network size="40" layers="3"></gd-network>');
    const steps: number[] = [];
    const changes: Record<string, unknown>[] = [];
    el.addEventListener('gd-step', (event) => steps.push(event.detail.iteration));
    el.addEventListener('gd-params-change', (event) => changes.push(event.detail));
    await el.step(25);
    expect(steps).to.deep.equal([25]);
    el.noise = 0.2;
    await el.updateComplete;
    expect(changes).to.deep.equal([]);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="panel"] select')!;
    select.value = 'moons';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.task).to.equal('moons');
    expect(changes).to.deep.equal([{ task: 'moons' }]);
    // A new network starts at update 0.
    expect(el.iteration).to.equal(0);
    // A bad size typed in the panel keeps the last good one, with a note.
    const size = el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="panel"] input')[0];
    size.value = '5';
    size.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.size).to.equal(40);
    expect(el.shadowRoot!.querySelector('[data-note="size"]')!.textContent).to.contain('size=5');
    const done: string[] = [];
    const alone = await network('<gd-network><gd-optimizer type="sgd" learning-rate="100000"></gd-optimizer></gd-network>');
    alone.addEventListener('gd-done', (event) => done.push(event.detail.reason));
    alone.play();
    for (let i = 0; i < 600 && !done.length; i++) await frames(1);
    expect(done).to.deep.equal(['diverged']);
    expect(alone.playing).to.equal(false);
  });

  it('plays: a frame makes `speed` updates of every racer, and pause keeps the run', async () => {
    const el = await network('<gd-network speed="4"></gd-network>');
    el.play();
    for (let i = 0; i < 200 && el.iteration < 12; i++) await frames(1);
    el.pause();
    const at = el.iteration;
    expect(at).to.be.at.least(12);
    await frames(3);
    expect(el.iteration).to.equal(at);
    expect(el.history.every((h) => h.length === at + 1)).to.equal(true);
  });

  it('the chart can count epochs; the landscape follows the chosen racer and direction', async () => {
    const el = await network('<gd-network batch-size="50"></gd-network>');
    expect(el.batchesPerEpoch).to.equal(4);
    await el.step(8);
    const axis = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="chart"] select')!;
    axis.value = 'epochs';
    axis.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.axis).to.equal('epochs');
    expect(part(el, 'chart')!.textContent).to.contain('epoch');
    expect(el.shadowRoot!.querySelector('.cost-formula')!.textContent).to.contain('m_b = 50');
    const [racer, directions] = el.shadowRoot!.querySelectorAll<HTMLSelectElement>('[part~="landscape"] select');
    racer.value = '2';
    racer.dispatchEvent(new Event('change'));
    directions.value = 'pca';
    directions.dispatchEvent(new Event('change'));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="landscape"] button')!.click();
    for (let i = 0; i < 500 && !el.landscapeSlice; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(el.landscapeSlice!.racer).to.equal(1);
    expect(el.landscapeSlice!.directions).to.equal('pca');
    await el.updateComplete;
    expect(part(el, 'landscape')!.textContent).to.contain('principal directions');
    // Training on: the slice says it is of an earlier moment.
    await el.step(2);
    await el.updateComplete;
    expect(part(el, 'landscape')!.textContent).to.contain('Refresh to see the landscape now');
  });

  it('is clean for axe in every state', async () => {
    const el = await network('<gd-network size="60"></gd-network>');
    await expect(el).to.be.accessible();
    await el.step(30);
    await el.computeLandscape();
    await frames(2);
    await expect(el).to.be.accessible();
    el.directions = 'pca';
    await el.computeLandscape();
    await expect(el).to.be.accessible();
    el.init = 'zeros';
    el.layers = '0';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const diverging = await network('<gd-network size="40"><gd-optimizer type="sgd" learning-rate="10000"></gd-optimizer></gd-network>');
    await diverging.step(20);
    await diverging.updateComplete;
    expect(diverging.shadowRoot!.querySelector('[data-note="diverged-0"]')).to.not.equal(null);
    await expect(diverging).to.be.accessible();
    diverging.setAttribute('layers', '1000,1000');
    diverging.setAttribute('hide', 'landscape settings');
    await diverging.updateComplete;
    await expect(diverging).to.be.accessible();
    await setViewport({ width: 375, height: 800 });
    try {
      const narrow = await network('<gd-network theme="dark"></gd-network>');
      await narrow.step(5);
      await frames(2);
      await expect(narrow).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('every control is reachable with Tab', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div><gd-network size="40"></gd-network><button>after</button></div>`);
    const el = holder.querySelector('gd-network')!;
    await el.updateComplete;
    const controls = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, input, select, [tabindex="0"]')].filter(
      (control) => !(control as HTMLInputElement).disabled,
    );
    const reached = new Set<Element>();
    controls[0].focus();
    for (let i = 0; i < controls.length + 10; i++) {
      const active = el.shadowRoot!.activeElement;
      if (!active) break;
      reached.add(active);
      await sendKeys({ press: 'Tab' });
    }
    expect(document.activeElement, 'Tab leaves the widget for the next control').to.equal(holder.querySelector('button'));
    const missed = controls.filter((control) => !reached.has(control)).map((control) => control.outerHTML.slice(0, 80));
    expect(missed).to.deep.equal([]);
    expect(controls.length).to.be.at.least(20);
  });

  it('takes a linked Adam learning rate from a race, for its Adam racer only, and says so', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-optimizer-race link="g" landscape="booth"><gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer></gd-optimizer-race>
        <gd-network link="g" size="40"></gd-network>
      </div>`,
    );
    const race = holder.querySelector<GdOptimizerRace>('gd-optimizer-race')!;
    const el = holder.querySelector('gd-network')!;
    await race.updateComplete;
    await el.updateComplete;
    const taken: unknown[] = [];
    el.addEventListener('gd-link-change', (event) => taken.push(event.detail));
    race.querySelector('gd-optimizer')!.learningRate = 0.05;
    await race.updateComplete;
    await el.updateComplete;
    expect(el.racers.map((r) => r.learningRate)).to.deep.equal([0.3, 0.3, 0.01, 0.05]);
    expect(taken).to.deep.equal([{ link: 'g', type: 'adam', values: { learningRate: 0.05 }, optimizers: [3] }]);
  });

  it('weights set by script start every racer there; bad ones keep the last good weights with a note', async () => {
    const el = await network('<gd-network layers="2" size="30"></gd-network>');
    expect(el.parameterCount).to.equal(9);
    const start = [0.5, -0.5, 0.25, 0.75, 0.1, -0.1, 1, -1, 0.2];
    el.weights = start;
    await el.updateComplete;
    const stored = start.map(Math.fround);
    expect(el.weights).to.deep.equal(el.racers.map(() => stored));
    expect(el.history[0][0].cost).to.be.above(0);
    await el.step(5);
    el.reset();
    await el.updateComplete;
    expect(el.weights[2]).to.deep.equal(stored);
    const warn = console.warn;
    console.warn = () => {};
    try {
      el.weights = [1, 2, 3];
      await el.updateComplete;
    } finally {
      console.warn = warn;
    }
    expect(el.weights[0]).to.deep.equal(stored);
    expect(el.shadowRoot!.querySelector('[data-note="weights"]')!.textContent).to.contain('an array of 3');
    // One array per racer.
    const four = el.racers.map((_, i) => start.map((w) => w * (i + 1) * 0.5));
    el.weights = four;
    await el.updateComplete;
    expect(el.weights).to.deep.equal(four.map((w) => w.map(Math.fround)));
    // A saved state keeps them.
    const copy = await network(`<gd-network .state=${null}></gd-network>`);
    copy.state = el.toJSON();
    await copy.updateComplete;
    expect(copy.weights).to.deep.equal(el.weights);
  });

  it('frees its tensors when removed for good and none grow as it trains', async () => {
    const el = await network('<gd-network size="40"></gd-network>');
    await el.step(5);
    const before = tf.memory().numTensors;
    await el.step(300);
    expect(tf.memory().numTensors).to.equal(before);
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tf.memory().numTensors).to.be.below(before);
  });
});
