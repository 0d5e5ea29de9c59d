import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as tf from '../../src/core/tf.js';
import { initBackend } from '../../src/core/index.js';
import '../../src/elements/sweep/define.js';
import '../../src/elements/line-fit/define.js';
import type { GdSweep } from '../../src/elements/sweep/gd-sweep.js';
import type { GdLineFit } from '../../src/elements/line-fit/gd-line-fit.js';
import type { GdLinkChangeEvent, GdSelectEvent } from '../../src/elements/shared/events.js';

/*
 * Independent truth: a <gd-line-fit> with the same data settings, learning rate, batch
 * size and seed, stepped on its own. A sweep cell must end at the cost that line fit
 * reaches, which holds only if the cell used exactly the line fit's mini-batches.
 */
const SWEEP = { size: 100, noise: 0.5, seed: 1, steps: 200 };

const shadowText = (el: HTMLElement) => el.shadowRoot!.textContent.replace(/\s+/g, ' ');
const plotOf = (el: GdSweep) => el.shadowRoot!.querySelector<HTMLElement>('.plot')!;
const logSpaced = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, i / (n - 1)));

/** The final training cost of a line fit with these settings after `steps` updates (fewer if it stopped). */
async function lineFitCost(learningRate: number, batchSize: number, steps: number): Promise<{ cost: number; status: string }> {
  const el = await fixture<GdLineFit>(
    html`<gd-line-fit
      size=${SWEEP.size}
      noise=${SWEEP.noise}
      seed=${SWEEP.seed}
      .learningRate=${learningRate}
      .batchSize=${batchSize}
    ></gd-line-fit>`,
  );
  await el.updateComplete;
  await el.step(steps);
  const history = el.history;
  return { cost: history[history.length - 1].cost, status: el.status };
}

async function batchSweep(overrides: Record<string, string> = {}): Promise<GdSweep> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('gd-sweep');
  const attributes = {
    data: 'line-fit',
    y: 'batch-size',
    size: '100',
    noise: '0.5',
    seed: '1',
    steps: '200',
    'x-range': '0.01,0.5',
    cells: '4',
  };
  for (const [name, value] of Object.entries({ ...attributes, ...overrides })) el.setAttribute(name, value);
  holder.append(el);
  await el.updateComplete;
  return el;
}

describe('<gd-sweep data="line-fit">', () => {
  before(async () => {
    await initBackend();
  });

  it('rows are the batch sizes 1, 2, 4, …, m and each cell ends at the cost a line fit with its α and batch size reaches', async () => {
    const el = await batchSweep();
    expect(el.iteration).to.equal(200);
    const results = el.results;
    const alphas = logSpaced(0.01, 0.5, 4);
    expect(results).to.have.length(4 * 8);
    expect(results.filter((c) => c.column === 0).map((c) => c.values.batchSize)).to.deep.equal([1, 2, 4, 8, 16, 32, 64, 100]);
    expect(results[0].values.learningRate).to.be.closeTo(alphas[0], 1e-12);
    // Three cells: a batch of one, a mini-batch that does not divide m, the full batch.
    for (const [column, row] of [
      [1, 0],
      [2, 3],
      [3, 7],
    ]) {
      const cell = results[row * 4 + column];
      const { learningRate, batchSize } = cell.values;
      const alone = await lineFitCost(learningRate!, batchSize!, 200);
      const label = `α = ${learningRate}, batch ${batchSize}`;
      expect(cell.status === 'diverged', label).to.equal(alone.status === 'diverged');
      expect(cell.cost, label).to.be.closeTo(alone.cost, 2e-5 * alone.cost + 1e-7);
    }
    // Smaller batches end noisier: the one-point batch at the largest α stays above the full batch's cost.
    expect(results[3].cost).to.be.above(results[7 * 4 + 3].cost);
    expect(shadowText(el)).not.to.match(/NaN|Infinity/);
  });

  it('labels the batch axis with its sizes and the full batch; the readout names the batch size', async () => {
    const el = await batchSweep();
    await new Promise(requestAnimationFrame);
    const svgText = el.shadowRoot!.querySelector('.plot svg')!.textContent.replace(/\s+/g, ' ');
    expect(svgText).to.contain('batch size (m = 100 is the full batch)');
    const yTicks = [...el.shadowRoot!.querySelectorAll('.y-axis text')].map((t) => t.textContent.trim());
    expect(yTicks).to.include('1');
    expect(yTicks).to.include('100');
    // Ticks sit on their rows: bottom row batch 1, top row the full batch.
    const tickY = (label: string) =>
      [...el.shadowRoot!.querySelectorAll('.y-axis g')].find((g) => g.textContent.trim() === label)!.getBoundingClientRect().top;
    expect(tickY('1')).to.be.above(tickY('100'));
    plotOf(el).focus();
    for (let i = 0; i < 9; i++) await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.readout')!.textContent).to.match(/^α = 0\.01, batch size = 100 \(full\): final J = \S+$/);
    expect(plotOf(el).getAttribute('aria-label')).to.contain('× 8 batch sizes from 1 to 100');
  });

  it('a picked cell fires gd-select with its batch size, and a linked line fit takes α and the batch size', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<gd-sweep link="batch-group" data="line-fit" y="batch-size" steps="20" x-range="0.01,0.5" cells="4"></gd-sweep>
      <gd-line-fit link="batch-group" learning-rate="0.1"></gd-line-fit>`;
    const sweep = holder.querySelector<GdSweep>('gd-sweep')!;
    const lineFit = holder.querySelector<GdLineFit>('gd-line-fit')!;
    await sweep.updateComplete;
    await lineFit.updateComplete;
    plotOf(sweep).focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowUp' });
    const selected = oneEvent<GdSelectEvent>(sweep, 'gd-select');
    const took = oneEvent<GdLinkChangeEvent>(lineFit, 'gd-link-change');
    await sendKeys({ press: 'Enter' });
    const detail = (await selected).detail;
    const alpha = logSpaced(0.01, 0.5, 4)[2];
    expect(detail.type).to.equal('sgd');
    expect(detail.learningRate).to.be.closeTo(alpha, 1e-12);
    expect(detail.batchSize).to.equal(8);
    expect(detail.diverged).to.equal(false);
    expect(detail.cost).to.equal(sweep.results[3 * 4 + 2].cost);
    const taken = (await took).detail;
    expect(taken.values).to.deep.equal({ learningRate: detail.learningRate, batchSize: 8 });
    await lineFit.updateComplete;
    expect(lineFit.learningRate).to.be.closeTo(alpha, 1e-12);
    expect(lineFit.batchSize).to.equal(8);
    expect(lineFit.batchesPerEpoch).to.equal(13);
  });

  it('1-D on the line fit data: the full batch, with 2/λ_max of the data’s Hessian; cells past it diverge or grow', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep data="line-fit" steps="100" x-range="0.05,3" cells="16"></gd-sweep>`);
    await el.updateComplete;
    const lineFit = await fixture<GdLineFit>(html`<gd-line-fit></gd-line-fit>`);
    // H = (2/m)[[Σx², Σx], [Σx, m]] of the same data, λ_max in closed form.
    const { x } = lineFit.data;
    const m = x.length;
    const a = (2 / m) * x.reduce((s, v) => s + v * v, 0);
    const c = (2 / m) * x.reduce((s, v) => s + v, 0);
    const lambda = (a + 2) / 2 + Math.hypot((a - 2) / 2, c);
    expect(el.stabilityEdge).to.be.closeTo(2 / lambda, 1e-9);
    expect(el.shadowRoot!.querySelector('.edge-mark')).not.to.equal(null);
    const startCost = lineFit.history[0].cost;
    for (const cell of el.results) {
      const alpha = cell.values.learningRate!;
      expect(cell.values.batchSize).to.equal(undefined);
      if (alpha < 0.9 * (2 / lambda)) expect(cell.cost, `α = ${alpha}`).to.be.below(startCost);
      if (alpha > 1.1 * (2 / lambda)) expect(cell.status === 'diverged' || cell.cost > startCost, `α = ${alpha}`).to.equal(true);
    }
    // J − J* on the axis: J* is the least-squares MSE of the data.
    expect(shadowText(el)).to.match(/final J − 0\.2\d/);
  });

  it('bad input keeps the last good sweep with a note', async () => {
    const el = await batchSweep({ steps: '20' });
    const good = el.results.map((c) => c.cost);
    const note = () => el.shadowRoot!.querySelector('.notes')!.textContent.replace(/\s+/g, ' ');
    const warn = console.warn;
    console.warn = () => {};
    try {
      for (const [attribute, value, expected] of [
        ['data', 'x', /Ignored data="x"/],
        ['y-range', '1,500', /batches larger than the data \(size=100\)/],
        ['y-range', '0,10', /Ignored y-range="0,10"/],
        ['size', '1', /Ignored size="1"/],
      ] as const) {
        el.setAttribute(attribute, value);
        await el.updateComplete;
        expect(note(), `${attribute}=${value}`).to.match(expected);
        expect(
          el.results.map((c) => c.cost),
          `${attribute}=${value} keeps the sweep`,
        ).to.deep.equal(good);
        el.removeAttribute(attribute);
        if (attribute === 'size') el.setAttribute('size', '100');
        if (attribute === 'data') el.setAttribute('data', 'line-fit');
        // A rejected value never reached the property, so its removal changes nothing: a good value clears the note.
        if (value === '0,10') el.setAttribute('y-range', '1,100');
        await el.updateComplete;
        expect(note().trim(), `after ${attribute}=${value}`).to.equal('');
      }
      // A landscape has no data to batch: y="batch-size" without data="line-fit".
      el.removeAttribute('data');
      await el.updateComplete;
      expect(note()).to.match(/y="batch-size" needs data="line-fit"/);
      expect(el.results.map((c) => c.cost)).to.deep.equal(good);
      expect(shadowText(el)).not.to.match(/NaN/);
      el.setAttribute('data', 'line-fit');
      await el.updateComplete;
      expect(note().trim()).to.equal('');
      expect(el.results.map((c) => c.cost)).to.deep.equal(good);
    } finally {
      console.warn = warn;
    }
    const landscape = await fixture<GdSweep>(html`<gd-sweep steps="10" cells="4" y="batch-size"></gd-sweep>`);
    await landscape.updateComplete;
    expect(landscape.shadowRoot!.querySelector('.notes')!.textContent).to.match(/y="batch-size" needs data="line-fit"/);
    expect(landscape.results).to.deep.equal([]);
  });

  it('its state (toJSON) carries the data settings and the seed; a sweep restored from it ends at the same costs', async () => {
    const el = await batchSweep({ steps: '20', seed: '7', size: '40', noise: '1' });
    const state = el.toJSON();
    expect(state).to.include({ data: 'line-fit', y: 'batch-size', size: 40, noise: 1, seed: 7, steps: 20, iteration: 20 });
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const copy = document.createElement('gd-sweep');
    copy.setAttribute('state', JSON.stringify(state));
    holder.append(copy);
    await copy.updateComplete;
    expect(copy.iteration).to.equal(20);
    expect(copy.results.map((c) => c.values)).to.deep.equal(el.results.map((c) => c.values));
    expect(copy.results.map((c) => c.cost)).to.deep.equal(el.results.map((c) => c.cost));
  });

  it('keeps its tensors level while stepping and frees them when it leaves the page', async () => {
    // The fixtures of earlier tests free theirs a task after they leave the page.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = tf.memory().numTensors;
    const el = await batchSweep({ steps: '400' });
    el.reset();
    await el.step(100);
    const stepping = tf.memory().numTensors;
    await el.step(200);
    expect(el.iteration).to.equal(300);
    expect(tf.memory().numTensors, 'no tensor left behind per update').to.equal(stepping);
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tf.memory().numTensors, 'all freed after removal').to.equal(before);
  });

  it('is axe-clean', async () => {
    const el = await batchSweep({ steps: '10' });
    await expect(el).to.be.accessible();
  });
});
