import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import * as tf from '../../../src/core/tf.js';
import { getLandscape } from '../../../src/core/index.js';
import '../../../src/elements/optimizer-race/define.js';
import type { GdOptimizerRace, SwarmTally } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';
import type { GdStepEvent } from '../../../src/elements/shared/events.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/**
 * The race has rendered and its canvases show it: it paints only once it knows it is on
 * screen (its IntersectionObserver's first report can come frames after the fixture is
 * placed) and at a frame of its own (`painter`, `player`: private).
 */
async function settled(el: GdOptimizerRace): Promise<void> {
  const race = el as unknown as { painter: { pending: boolean }; player: { onScreen: boolean } };
  await el.updateComplete;
  await waitUntil(() => race.player.onScreen, 'the race knows it is on screen', { timeout: 50_000 });
  await nextFrame();
  await el.updateComplete;
  await waitUntil(() => !race.painter.pending, 'the race has painted', { timeout: 50_000 });
}

function total(row: SwarmTally['optimizers'][number]): number {
  return row.global + row.local + row.saddle + row.diverged + row.moving;
}

/** The tally table's cells as text: [optimizer label, global, local, saddle, diverged, moving] per row. */
function tableRows(el: GdOptimizerRace): string[][] {
  const rows = el.shadowRoot!.querySelectorAll('table.swarm-tally tbody tr');
  return Array.from(rows, (row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent.replace(/\s+/g, ' ').trim()));
}

/** Per table row, the sum of its counts: every particle is in exactly one column. */
function tableSums(el: GdOptimizerRace): number[] {
  const rows = el.shadowRoot!.querySelectorAll('table.swarm-tally tbody tr');
  return Array.from(rows, (row) =>
    Array.from(row.querySelectorAll<HTMLElement>('td'), (cell) => Number(cell.dataset.count)).reduce((a, b) => a + b, 0),
  );
}

/** Painted pixels of the trajectories canvas (where the swarm's dots go). */
function paintedPixels(el: GdOptimizerRace): number {
  const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.paths')!;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return painted;
}

describe('gd-optimizer-race swarm mode', function () {
  this.timeout(120000);

  it('six-hump camel: the start decides the answer — particles of one optimizer end in the global and in a local minimum', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="six-hump-camel" swarm="300"></gd-optimizer-race>`);
    await el.step(500);
    await settled(el);
    const tally = el.swarmTally!;
    expect(tally.iteration).to.equal(500);
    expect(tally.size).to.equal(300);
    expect(tally.optimizers.map((o) => o.label)).to.deep.equal(['Gradient descent', 'Momentum', 'RMSprop', 'Adam']);
    for (const row of tally.optimizers) expect(total(row), row.label).to.equal(300);
    const split = tally.optimizers.filter((o) => o.global > 0 && o.local > 0);
    expect(split.length, JSON.stringify(tally.optimizers)).to.be.at.least(1);
    // The published minima tell the two kinds apart (independent of the tally's own words).
    const camel = getLandscape('six-hump-camel')!;
    const sgd = tally.optimizers[0];
    const atLocal = camel.minima.reduce((sum, m, i) => sum + (m.global === false ? sgd.minima[i] : 0), 0);
    expect(sgd.local).to.be.at.least(atLocal);
    // The table says the same, minimum by minimum: one column per listed minimum, and its cells add up to the swarm.
    const rows = tableRows(el);
    expect(rows).to.have.length(4);
    const headers = [...el.shadowRoot!.querySelectorAll('table.swarm-tally thead th')].map((th) => th.textContent.trim());
    expect(headers.slice(1, 3)).to.deep.equal(['Global min (0.0898, -0.713)', 'Global min (-0.0898, 0.713)']);
    rows.forEach((cells, i) => {
      const row = tally.optimizers[i];
      expect(cells[0]).to.contain(row.label);
      expect(cells[1]).to.equal(`${row.minima[0]} ${Math.round((100 * row.minima[0]) / 300)}%`);
      expect(cells[2]).to.equal(`${row.minima[1]} ${Math.round((100 * row.minima[1]) / 300)}%`);
    });
    expect(tableSums(el)).to.deep.equal([300, 300, 300, 300]);
    // The camel's four local minima are not published: the table counts them apart, as local.
    const unlisted = headers.indexOf('Local min (not listed)');
    expect(unlisted, JSON.stringify(headers)).to.be.above(0);
    for (const [i, cells] of rows.entries()) {
      const { local } = tally.optimizers[i];
      expect(cells[unlisted]).to.equal(`${local} ${Math.round((100 * local) / 300)}%`);
    }
    const caption = el.shadowRoot!.querySelector('table.swarm-tally caption')!.textContent.replace(/\s+/g, ' ');
    expect(caption).to.contain('300 random starts per optimizer');
    expect(caption).to.contain('after all 500 steps');
  });

  it('Himmelblau: every one of the four global minima is reached, and each optimizer accounts for all its particles', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau" swarm="200" seed="3"></gd-optimizer-race>`);
    await el.step(120);
    await settled(el);
    expect(el.swarmTally!.iteration).to.equal(120);
    expect(el.shadowRoot!.querySelector('table.swarm-tally caption')!.textContent).to.contain('after 120 of 500 steps');
    await el.step(400);
    await settled(el);
    const tally = el.swarmTally!;
    // The swarm stops at its 500; the race itself goes on.
    expect(tally.iteration).to.equal(500);
    expect(el.iteration).to.equal(520);
    for (const row of tally.optimizers) expect(total(row), row.label).to.equal(200);
    const reached = [0, 1, 2, 3].map((m) => tally.optimizers.reduce((sum, o) => sum + o.minima[m], 0));
    expect(
      reached.every((n) => n > 0),
      `particles at each minimum: ${reached.join(', ')}`,
    ).to.equal(true);
    expect(tally.optimizers.every((o) => o.local === 0)).to.equal(true);
    // All four are global: the table gives each its own column, with its published position,
    // and the counts of those columns are the tally's per-minimum counts, summing to the swarm.
    const headers = [...el.shadowRoot!.querySelectorAll('table.swarm-tally thead th')].map((th) => th.textContent.trim());
    expect(headers.filter((h) => h.startsWith('Global min'))).to.deep.equal([
      'Global min (3, 2)',
      'Global min (-2.81, 3.13)',
      'Global min (-3.78, -3.28)',
      'Global min (3.58, -1.85)',
    ]);
    const cells = [...el.shadowRoot!.querySelectorAll<HTMLElement>('table.swarm-tally tbody tr')].map((tr) =>
      [...tr.querySelectorAll<HTMLElement>('td[data-kind="global"]')].map((td) => Number(td.dataset.count)),
    );
    expect(cells).to.deep.equal(tally.optimizers.map((o) => o.minima.slice(0, 4)));
    expect(tableSums(el)).to.deep.equal([200, 200, 200, 200]);
  });

  it('is reproducible: two fresh races with the same seed tally alike; another seed differs', async () => {
    const make = (seed: number) =>
      fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="styblinski-tang" swarm="150" seed=${seed}></gd-optimizer-race>`);
    const [a, b, c] = await Promise.all([make(5), make(5), make(6)]);
    for (const el of [a, b, c]) await el.step(150);
    expect(a.swarmTally).to.deep.equal(b.swarmTally);
    expect(a.swarmTally).to.not.deep.equal(c.swarmTally);
  });

  it('Step, Reset and step(n) move the swarm with the race; a new start keeps it; new settings rebuild it', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau" swarm="100"></gd-optimizer-race>`);
    const steps: GdStepEvent[] = [];
    el.addEventListener('gd-step', (event) => steps.push(event));
    await el.step(30);
    expect(el.swarmTally!.iteration).to.equal(30);
    expect((steps.at(-1)!.detail.values.swarm as { iteration: number }).iteration).to.equal(30);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.step')!.click();
    for (let wait = 0; wait < 50 && el.iteration < 31; wait++) await nextFrame();
    expect(el.iteration).to.equal(31);
    expect(el.swarmTally!.iteration).to.equal(31);
    el.setAttribute('start', '1,1');
    await settled(el);
    expect(el.iteration).to.equal(0);
    expect(el.swarmTally!.iteration, 'a new start of the race keeps the swarm').to.equal(31);
    el.reset();
    expect(el.swarmTally!.iteration).to.equal(0);
    await el.step(10);
    el.seed = 9;
    await settled(el);
    expect(el.swarmTally!.iteration, 'another seed is another swarm').to.equal(0);
    await el.step(10);
    const rmsprop = el.shadowRoot!.querySelectorAll<HTMLInputElement>('.card .enable input[type="checkbox"]')[2];
    rmsprop.click();
    await settled(el);
    const tally = el.swarmTally!;
    expect(tally.iteration, 'switching an optimizer off rebuilds the swarm').to.equal(0);
    expect(tally.optimizers.map((o) => o.label)).to.deep.equal(['Gradient descent', 'Momentum', 'Adam']);
    expect(tableRows(el).map((cells) => cells[0])).to.deep.equal(['Gradient descent', 'Momentum', 'Adam']);
    await el.step(5);
    // A new label is only words: the same swarm, its rows renamed.
    el.append(Object.assign(document.createElement('gd-optimizer'), { type: 'sgd' }));
    await settled(el);
    expect(el.swarmTally!.iteration, 'a new optimizer is a new swarm').to.equal(0);
    el.querySelector('gd-optimizer')!.setAttribute('label', 'Plain SGD');
    await el.step(5);
    await settled(el);
    expect(el.swarmTally!.iteration).to.equal(5);
    expect(el.swarmTally!.optimizers[0].label).to.equal('Plain SGD');
    el.querySelector('gd-optimizer')!.setAttribute('label', 'Vanilla');
    await settled(el);
    expect(el.swarmTally!.iteration, 'a label changes nothing else').to.equal(5);
    expect(tableRows(el)[0][0]).to.equal('Vanilla');
  });

  it('toJSON() saves the swarm and its seed; a restored race has the same swarm after the same updates', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="rastrigin" swarm="120" seed="11"></gd-optimizer-race>`);
    await el.step(40);
    const saved = el.toJSON();
    expect(saved).to.include({ swarm: 120, seed: 11, iteration: 40 });
    const copy = await fixture<GdOptimizerRace>(html`<gd-optimizer-race .state=${saved}></gd-optimizer-race>`);
    await copy.updateComplete;
    expect(copy.swarmTally).to.deep.equal(el.swarmTally);
  });

  it('plays until the swarm has made its 500 steps, then reports done', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth" swarm="100" speed="100"></gd-optimizer-race>`);
    const done = oneEvent(el, 'gd-done');
    el.play();
    await done;
    expect(el.swarmTally!.iteration).to.equal(500);
    expect(el.playing).to.equal(false);
  });

  it('rejects a bad swarm with a note and keeps the last good value', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau" swarm="40"></gd-optimizer-race>`);
    const { warn } = console;
    console.warn = () => {};
    try {
      for (const bad of ['-1', 'abc', '20000', '2.5']) {
        el.setAttribute('swarm', bad);
        await settled(el);
        expect(el.swarm, bad).to.equal(40);
        const note = el.shadowRoot!.querySelector('[data-note="swarm"]');
        expect(note?.textContent, bad).to.contain(`swarm=`);
        expect(el.swarmTally!.size).to.equal(40);
      }
    } finally {
      console.warn = warn;
    }
  });

  it('swarm="0" draws no dots and shows no tally; turning it on draws them', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau"></gd-optimizer-race>`);
    await el.step(5);
    // The preview of the next steps, started before step(5), may still be drawn in slices
    // after it (then faintly): count once the picture has stopped changing.
    let off = -1;
    for (let i = 0; i < 50 && paintedPixels(el) !== off; i++) {
      off = paintedPixels(el);
      await settled(el);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(el.swarmTally).to.equal(null);
    expect(el.shadowRoot!.querySelector('table.swarm-tally')).to.equal(null);
    el.swarm = 2000;
    await settled(el);
    expect(paintedPixels(el)).to.be.above(off + 2000);
    expect(el.shadowRoot!.querySelector('table.swarm-tally')).to.not.equal(null);
    el.swarm = 0;
    await settled(el);
    expect(paintedPixels(el)).to.equal(off);
    expect(el.shadowRoot!.querySelector('table.swarm-tally')).to.equal(null);
  });

  it('frees the swarm’s tensors when the race is removed', async () => {
    // The races of the tests before are freed a macrotask after their removal.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = tf.memory().numTensors;
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau" swarm="500"></gd-optimizer-race>`);
    await el.step(20);
    expect(tf.memory().numTensors).to.be.above(before);
    el.remove();
    // Freed a task after the removal, at the end of the step under way.
    await waitUntil(() => tf.memory().numTensors === before, 'every tensor freed', { timeout: 50_000 });
  });

  it('has no axe violations with the tally shown', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="rastrigin" swarm="100"></gd-optimizer-race>`);
    await el.step(10);
    await settled(el);
    expect(el.shadowRoot!.querySelector('table.swarm-tally')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});
