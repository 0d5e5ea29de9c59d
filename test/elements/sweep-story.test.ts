import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/sweep/define.js';
import '../../src/elements/optimizer-race/define.js';
import '../../src/elements/line-fit/define.js';
import { DEFAULT_BOWL_KAPPA } from '../../src/core/index.js';
import type { GdSweep } from '../../src/elements/sweep/gd-sweep.js';
import type { GdOptimizerRace } from '../../src/elements/optimizer-race/gd-optimizer-race.js';
import type { GdLineFit } from '../../src/elements/line-fit/gd-line-fit.js';

/** What the sweep tells, checked on its numbers and on the widgets it links to (not on pixels, except its colours). */

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const plotOf = (el: GdSweep) => el.shadowRoot!.querySelector<HTMLElement>('.plot')!;
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** Focuses the plot, moves the active cell to (`column`, `row`) with the keys (from its bottom-left cell) and picks it with Enter. */
async function pick(el: GdSweep, column: number, row = 0, rows = 1): Promise<void> {
  plotOf(el).focus();
  await sendKeys({ press: 'Home' });
  for (let i = 0; i < rows - 1; i++) await sendKeys({ press: 'ArrowDown' });
  for (let i = 0; i < row; i++) await sendKeys({ press: 'ArrowUp' });
  for (let i = 0; i < column; i++) await sendKeys({ press: 'ArrowRight' });
  await sendKeys({ press: 'Enter' });
}

/** Waits (up to 50 s) for the picked cell's path to be drawn. */
async function pathShown(el: GdSweep): Promise<HTMLElement> {
  for (let i = 0; i < 500 && !el.shadowRoot!.querySelector('.path-preview'); i++) await new Promise((r) => setTimeout(r, 100));
  await el.updateComplete;
  return el.shadowRoot!.querySelector<HTMLElement>('.path-preview')!;
}

describe('<gd-sweep>: the story it tells', function () {
  this.timeout(120000);

  it('says what it sweeps: the rule, the landscape with κ, the start, the steps and the axis', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep></gd-sweep>`);
    await el.updateComplete;
    const what = text(el.shadowRoot!.querySelector('.what'));
    expect(what).to.contain('Gradient descent');
    expect(what).to.contain('Quadratic bowl');
    expect(what).to.contain(`κ = ${DEFAULT_BOWL_KAPPA}`);
    expect(what).to.contain('from (w₁, w₂) = (-8, 4)');
    expect(what).to.contain('50 steps per cell');
    expect(what).to.contain('40 values of α from 0.001 to 2');
    // The plot's accessible name says the same.
    expect(plotOf(el).getAttribute('aria-label')).to.contain(what);
    // The same bowl as the race's default: its κ, its start.
    const race = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    expect(el.kappa).to.equal(race.kappa);
    expect(race.trajectories[0].points[0]).to.deep.equal([-8, 4]);
    // A κ of its own is said too, and reshapes the edge 2/λ_max = 2/κ.
    el.kappa = 10;
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.what'))).to.contain('κ = 10');
    expect(el.stabilityEdge).to.be.closeTo(0.2, 1e-6);
  });

  it('a cell picked in a sweep linked to a default race ends the same in the race: converging and diverging', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div><gd-sweep link="same-bowl"></gd-sweep><gd-optimizer-race link="same-bowl"></gd-optimizer-race></div>`,
    );
    const sweep = holder.querySelector<GdSweep>('gd-sweep')!;
    const race = holder.querySelector<GdOptimizerRace>('gd-optimizer-race')!;
    await sweep.updateComplete;
    await race.updateComplete;
    const edge = sweep.stabilityEdge!;
    const results = sweep.results;
    // The last cell left of the edge (the one that gets furthest) and one well right of it.
    const below = results.filter((c) => c.values.learningRate! < edge).length - 1;
    expect(results[below + 4].status).to.equal('diverged');
    for (const column of [below, below + 4]) {
      await pick(sweep, column);
      await race.updateComplete;
      const cell = results[column];
      const readout = text(sweep.shadowRoot!.querySelector('.readout'));
      expect(race.trajectories[0].type).to.equal('sgd');
      // The race took the cell's α for its plain gradient descent, and only for it, and starts over.
      const optimizers = race.toJSON().optimizers as { type: string; learningRate: number }[];
      expect(optimizers[0].learningRate).to.equal(cell.values.learningRate);
      expect(optimizers[1].learningRate, 'momentum keeps its own').to.equal(0.1);
      expect(race.iteration).to.equal(0);
      await race.step(50);
      await race.updateComplete;
      const gd = race.trajectories[0];
      expect(gd.status === 'diverged', `α = ${cell.values.learningRate}`).to.equal(cell.status === 'diverged');
      if (cell.status === 'diverged') {
        // "diverged after N steps" in the sweep: the race's legend names the same update, and
        // its path keeps the last point before it (as the cell's run does).
        expect(readout).to.contain(`diverged after ${cell.stoppedAt} steps`);
        expect(text(race.shadowRoot!.querySelector('.legend-item'))).to.contain(`diverged at step ${cell.stoppedAt}`);
        expect(gd.points.length - 1).to.equal(cell.stoppedAt! - 1);
      } else {
        expect(gd.costs[50]).to.be.closeTo(cell.cost, 1e-4 * cell.cost);
        expect(readout).to.match(/final J = /);
      }
    }
  });

  it('a picked cell draws its path without a link, every step of it, ending where the cell ended', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep cells="10"></gd-sweep>`);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.path-preview')).to.equal(null);
    // The last cell that converges: its path zig-zags to the end.
    const column = el.results.filter((c) => c.status !== 'diverged').length - 1;
    await pick(el, column);
    const figure = await pathShown(el);
    const cell = el.results[column];
    expect(cell.status).to.not.equal('diverged');
    // A run that diverges keeps the last point before the update that left (as every run of the core does).
    expect(Number(figure.dataset.steps)).to.equal(cell.status === 'diverged' ? cell.stoppedAt! - 1 : 50);
    expect(Number(figure.dataset.finalCost)).to.be.closeTo(cell.cost, 1e-5 * cell.cost);
    const path = el.pickedPath!;
    expect(path.points[0]).to.deep.equal([-8, 4]);
    // Plain descent on the bowl in closed form: w₂ₖ = (1 − ακ)ᵏ w₂₀.
    const alpha = cell.values.learningRate!;
    expect(path.points[10][1]).to.be.closeTo((1 - alpha * DEFAULT_BOWL_KAPPA) ** 10 * 4, 1e-4);
    expect(figure.querySelector('polyline.path-line')!.getAttribute('points')!.split(' ')).to.have.length(path.points.length);
    expect(text(figure.querySelector('figcaption'))).to.contain(text(el.shadowRoot!.querySelector('.readout')));
    await frames();
    const canvas = figure.querySelector<HTMLCanvasElement>('canvas.path-contours')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    expect(painted, 'the map under the path is painted').to.be.above(0.9 * canvas.width * canvas.height);
    await expect(el).to.be.accessible();
  });

  it('compares optimizers: each row’s good range of α, in words and outlined, agrees with its cells, and Adam’s is the widest', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep y="optimizer" steps="200" x-range="0.001,10" cells="30"></gd-sweep>`);
    await el.updateComplete;
    const results = el.results;
    expect(results).to.have.length(4 * 30);
    expect([0, 1, 2, 3].map((row) => results[row * 30].values.optimizer)).to.deep.equal(['sgd', 'momentum', 'rmsprop', 'adam']);
    // Independent reading of the cells: J* = 0 on the bowl, J at (−8, 4) = ½(64 + 16κ).
    const startCost = 0.5 * (64 + 16 * DEFAULT_BOWL_KAPPA);
    const good = (c: (typeof results)[number]) => c.status !== 'diverged' && c.cost <= 1e-3 * startCost;
    const widest = [0, 1, 2, 3].map((row) => {
      let best: [number, number] | undefined;
      let first = -1;
      for (let column = 0; column <= 30; column++) {
        const ok = column < 30 && good(results[row * 30 + column]);
        if (ok && first < 0) first = column;
        if (!ok && first >= 0) {
          if (!best || column - 1 - first > best[1] - best[0]) best = [first, column - 1];
          first = -1;
        }
      }
      return best;
    });
    const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.good-ranges li')];
    expect(items).to.have.length(4);
    for (const item of items) {
      const row = Number(item.dataset.row);
      const range = widest[row];
      const outline = el.shadowRoot!.querySelector(`.good-range[data-row="${row}"]`);
      if (!range) {
        expect(text(item)).to.contain('none');
        expect(outline).to.equal(null);
        continue;
      }
      const [from, to] = range.map((column) => results[row * 30 + column].values.learningRate!);
      expect(Number(item.dataset.from)).to.equal(from);
      expect(Number(item.dataset.to)).to.equal(to);
      expect(outline, `row ${row} is outlined`).to.not.equal(null);
    }
    const ratio = (row: number) => {
      const range = widest[row];
      return range ? results[row * 30 + range[1]].values.learningRate! / results[row * 30 + range[0]].values.learningRate! : 0;
    };
    expect(ratio(3), 'Adam').to.be.above(10 * ratio(0));
    for (const row of [0, 1, 2]) expect(ratio(3)).to.be.above(ratio(row));
    // The rows are named on the axis, and a picked cell says its rule.
    const labels = [...el.shadowRoot!.querySelectorAll('.y-axis text')].map((t) => t.textContent);
    expect(labels).to.deep.equal(['Gradient descent', 'Momentum', 'RMSprop', 'Adam']);
    await pick(el, 20, 3, 4);
    expect(text(el.shadowRoot!.querySelector('.readout'))).to.match(/^Adam, α = /);
    await expect(el).to.be.accessible();
  });

  it('at equal work (epochs), each batch-size row makes epochs·⌈m/b⌉ updates and ends where a line fit with that batch does', async () => {
    const el = await fixture<GdSweep>(
      html`<gd-sweep data="line-fit" y="batch-size" epochs="2" x-range="0.01,1" cells="6" seed="4"></gd-sweep>`,
    );
    await el.updateComplete;
    const results = el.results;
    const sizes = [1, 2, 4, 8, 16, 32, 64, 100];
    expect([...new Set(results.map((c) => c.values.batchSize))]).to.deep.equal(sizes);
    for (const cell of results) expect(cell.updates).to.equal(2 * Math.ceil(100 / cell.values.batchSize!));
    expect(text(el.shadowRoot!.querySelector('.what'))).to.contain('2 epochs per cell (equal work: every row sees 200 examples');
    // Every batch size is labelled on the axis (8 included).
    const labels = [...el.shadowRoot!.querySelectorAll('.y-axis text')].map((t) => t.textContent);
    expect(labels).to.deep.equal(sizes.map(String));
    // A line fit with batch size 4 and the cell's α, after the cell's 50 updates, has the cell's cost.
    const cell = results.find((c) => c.values.batchSize === 4 && c.column === 3)!;
    const fit = await fixture<GdLineFit>(
      html`<gd-line-fit size="100" seed="4" batch-size="4" learning-rate=${cell.values.learningRate!} optimizer="sgd"></gd-line-fit>`,
    );
    await fit.step(cell.updates);
    expect(fit.history[cell.updates].cost).to.be.closeTo(cell.cost, 1e-4 * cell.cost);
    // The claim: at equal work, the best small-batch cell beats the best full-batch cell.
    const best = (b: number) => Math.min(...results.filter((c) => c.values.batchSize === b && c.status !== 'diverged').map((c) => c.cost));
    expect(best(4)).to.be.below(best(100));
  });

  it('colours the heat map as the maps are coloured: lighter is lower', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep optimizer="momentum" y="beta" steps="60" cells="8"></gd-sweep>`);
    await el.updateComplete;
    await frames();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.heat-map')!;
    const context = canvas.getContext('2d')!;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const finite = el.results.filter((c) => c.status !== 'diverged');
    const lowest = finite.reduce((a, b) => (b.cost < a.cost ? b : a));
    const highest = finite.reduce((a, b) => (b.cost > a.cost ? b : a));
    const { width, height } = canvas.getBoundingClientRect();
    const left = 52;
    const top = 18;
    const innerWidth = width - left - 16;
    const innerHeight = height - top - 42;
    const luminance = (cell: typeof lowest) => {
      const x = (left + (cell.column + 0.5) * (innerWidth / 8)) * ratio;
      const y = (top + innerHeight - (cell.row + 0.5) * (innerHeight / 8)) * ratio;
      const [r, g, b] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(lowest)).to.be.above(luminance(highest) + 100);
    expect(text(el.shadowRoot!.querySelector('.color-key figcaption'))).to.contain('lighter = lower');
  });

  it('keeps the 2/λ_max label off the hatched cells: above the heat map', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep data="line-fit" y="batch-size" steps="100" x-range="0.01,2" cells="20"></gd-sweep>`);
    await el.updateComplete;
    const label = el.shadowRoot!.querySelector('.edge-mark text')!;
    const frame = el.shadowRoot!.querySelector('.axes .frame')!;
    expect(label.getBoundingClientRect().bottom).to.be.at.most(frame.getBoundingClientRect().top + 1);
    // Enough digits to be right beside α: this data's 2/λ_max is not a round number.
    const key = text(el.shadowRoot!.querySelector('.edge-key'));
    const shown = Number(/2\/λ_max = ([\d.]+)/.exec(key)![1]);
    expect(Math.abs(shown - el.stabilityEdge!)).to.be.at.most(1e-4 * el.stabilityEdge!);
  });
});
