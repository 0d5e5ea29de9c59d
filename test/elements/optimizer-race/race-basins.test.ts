import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import * as tf from '../../../src/core/tf.js';
import '../../../src/elements/optimizer-race/define.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';
import { getLandscape } from '../../../src/core/index.js';
import { BASIN_DIVERGED } from '../../../src/elements/optimizer-race/internal/basins/basins.js';
import { setSliceClock } from '../../../src/core/slices.js';
import { timerRunsWhile } from '../main-thread.js';

/** The race's basin map: which minimum every start ends in, for the optimizer the select names. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const select = (el: GdOptimizerRace) => el.shadowRoot!.querySelector<HTMLSelectElement>('.basin-select select');
const keyTexts = (el: GdOptimizerRace) =>
  [...el.shadowRoot!.querySelectorAll('.basin-key li')].map((item) => item.textContent.replace(/\s+/g, ' ').trim());
const notesText = (el: GdOptimizerRace) => el.shadowRoot!.querySelector('[part="notes"]')!.textContent;

/** Waits for the map of optimizer `place` (1-based). */
async function mapOf(el: GdOptimizerRace, place: number) {
  await waitUntil(() => el.basinMap?.optimizer === place, `the basin map of optimizer ${place}`, { timeout: 50_000, interval: 50 });
  await el.updateComplete;
  await frames();
  return el.basinMap!;
}

describe('<gd-optimizer-race>: basins of attraction', function () {
  this.timeout(120_000);

  it('on Styblinski–Tang shows plain descent’s global and local basins, with a key; off clears it', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="styblinski-tang" swarm="50"></gd-optimizer-race>`);
    // In swarm mode the select is there, off by default, with one option per optimizer.
    const control = select(el)!;
    expect(control).to.not.equal(null);
    expect(control.closest('label')!.textContent).to.contain('Basins of attraction');
    expect([...control.options].map((o) => o.textContent.trim())).to.deep.equal(['Off', ...el.trajectories.map((t) => t.label)]);
    expect(control.value).to.equal('off');
    expect(el.basins).to.equal('off');

    const changes: unknown[] = [];
    el.addEventListener('gd-params-change', (event) => changes.push((event as CustomEvent).detail));
    control.value = '1';
    control.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.basins).to.equal(1);
    expect(el.getAttribute('basins')).to.equal('1');
    expect(changes).to.deep.include({ basins: 1 });

    const gd = await mapOf(el, 1);
    expect(gd.classes).to.have.length(gd.grid * gd.grid);
    const landscape = getLandscape('styblinski-tang')!;
    const owned = new Set(gd.classes);
    const globals = landscape.minima.flatMap((m, i) => (m.global === false ? [] : [i]));
    const locals = landscape.minima.flatMap((m, i) => (m.global === false ? [i] : []));
    expect(
      globals.every((i) => owned.has(i)),
      'the global basin',
    ).to.equal(true);
    expect(
      locals.some((i) => owned.has(i)),
      'a local basin',
    ).to.equal(true);
    // The key names each minimum where it lies, global or local, with its share of the starts.
    const key = keyTexts(el);
    expect(
      key.some((text) => /^\([−-]2\.9\d*, [−-]2\.9\d*\) global · \d+ %$/.test(text)),
      key.join(' | '),
    ).to.equal(true);
    expect(key.some((text) => /local · \d+ %$/.test(text))).to.equal(true);
    expect(key.some((text) => text.startsWith('diverged'))).to.equal(true);
    // The overlay is painted: some pixels of its canvas are coloured.
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.basins')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) coloured++;
    expect(coloured).to.be.greaterThan((pixels.length / 4) * 0.5);

    // Off: the key goes and the overlay is gone, bitmap and all (a blank plot-sized canvas costs every frame).
    control.value = 'off';
    control.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await frames();
    expect(el.basinMap).to.equal(undefined);
    expect(keyTexts(el)).to.deep.equal([]);
    expect([canvas.width, canvas.height]).to.deep.equal([0, 0]);
  });

  it('works without swarm when an author sets it; the select shows another optimizer’s map; the map follows the hyperparameters', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="himmelblau" basins="1"
        ><gd-optimizer type="sgd" learning-rate="0.01"></gd-optimizer><gd-optimizer type="momentum" learning-rate="0.03"></gd-optimizer
      ></gd-optimizer-race>`,
    );
    const control = select(el)!;
    expect(control, 'the select, to switch it off').to.not.equal(null);
    expect(control.value).to.equal('1');
    const gd = await mapOf(el, 1);
    // Himmelblau's four minima all own a basin.
    for (const i of [0, 1, 2, 3]) expect(gd.classes.includes(i), `minimum ${i}`).to.equal(true);

    // Momentum overshoots the ridges plain descent stays behind: another map.
    control.value = '2';
    control.dispatchEvent(new Event('change'));
    const momentum = await mapOf(el, 2);
    expect(el.getAttribute('basins')).to.equal('2');
    expect(momentum.classes.some((c, i) => c !== gd.classes[i])).to.equal(true);
    // Back to plain descent by script: the cached map, at once, and the select follows.
    el.basins = 1;
    await el.updateComplete;
    expect(el.basinMap!.classes).to.equal(gd.classes);
    expect(control.value).to.equal('1');

    // A larger α for plain descent: it overshoots from the steep walls, a new map with diverged starts.
    el.querySelector('gd-optimizer')!.setAttribute('learning-rate', '0.03');
    await waitUntil(() => el.basinMap?.classes !== gd.classes, 'recomputing', { timeout: 20_000 });
    const faster = await mapOf(el, 1);
    const diverged = (classes: Int16Array) => classes.filter((c) => c === BASIN_DIVERGED).length;
    expect(diverged(faster.classes)).to.be.greaterThan(diverged(gd.classes));
  });

  it('rejects a bad basins value with a note and keeps the previous one', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth" basins="2"></gd-optimizer-race>`);
    for (const bad of ['5', '0', 'on', '1.5']) {
      el.setAttribute('basins', bad);
      await el.updateComplete;
      expect(el.basins, bad).to.equal(2);
      expect(notesText(el)).to.contain(`Ignored basins=`);
      expect(notesText(el)).to.contain('off, or the number of an optimizer from 1 to 4');
    }
    el.setAttribute('basins', 'off');
    await el.updateComplete;
    expect(el.basins).to.equal('off');
    expect(notesText(el)).to.not.contain('basins');
  });

  it('is axe-clean with the map and its key shown', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="three-hump-camel" basins="1" swarm="20"></gd-optimizer-race>`,
    );
    await mapOf(el, 1);
    expect(keyTexts(el).length).to.be.greaterThan(1);
    await expect(el).to.be.accessible();
  });

  it('leaves no tensor behind when removed while its map is worked out', async () => {
    // Warm: the backend, the kernels and the landscape's grid.
    const warm = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="beale"></gd-optimizer-race>`);
    await warm.step(2);
    warm.remove();
    await sleep(300);
    const before = tf.memory().numTensors;
    // A clock that says every slice overran (10 ms a reading, against 8): the map makes one
    // update a slice, so it is still under way however fast the machine.
    let now = 0;
    setSliceClock(() => (now += 10));
    try {
      const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="beale" basins="3"></gd-optimizer-race>`);
      await waitUntil(() => el.shadowRoot!.querySelector('.basin-status'), 'the map under way', { timeout: 50_000 });
      expect(await timerRunsWhile(() => el.basinMap === undefined, 5), 'slices of the map made, and more to come').to.equal(5);
      el.remove();
    } finally {
      setSliceClock();
    }
    // Freed a task after the removal, at the end of the slice under way.
    await waitUntil(() => tf.memory().numTensors === before, 'every tensor freed', { timeout: 50_000 });
  });
});
