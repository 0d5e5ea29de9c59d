import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/optimizer-race/define.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';
import { getLandscape } from '../../../src/core/index.js';
import { hasLandscapeData, landscapeData } from '../../../src/elements/optimizer-race/internal/landscape/landscape-cache.js';
import { BAND_COUNT, GRID_SIZE } from '../../../src/elements/optimizer-race/internal/settings.js';

/** What the race teaches, checked on the numbers it shows (not on pixels). */

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const legendTexts = (el: GdOptimizerRace) =>
  [...el.shadowRoot!.querySelectorAll('.legend-item')].map((item) => item.textContent.replace(/\s+/g, ' '));
/** The first step at which optimizer i is more than `distance` away from the saddle point across it (|w₂|). */
const leftSaddleAt = (el: GdOptimizerRace, i: number, distance: number) =>
  el.trajectories[i].points.findIndex((p) => Math.abs(p[1]) > distance);

describe('<gd-optimizer-race>: the story it tells', () => {
  it('by default races in a ravine: plain descent zig-zags across it, momentum reaches the minimum in under half its updates, and the texts say so', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    expect(el.landscape).to.equal('bowl');
    expect(el.kappa).to.equal(100);
    const [gd, momentum] = el.trajectories;
    expect([gd.type, momentum.type]).to.deep.equal(['sgd', 'momentum']);
    // The rates the closed form picks (see the race's optimizers/defaults.ts): 1.8/κ and 1/√κ.
    const legend = legendTexts(el);
    const alpha = (text: string) => Number(/α = ([\d.]+)/.exec(text)?.[1]);
    expect(alpha(legend[0])).to.equal(0.018);
    expect(alpha(legend[1])).to.equal(0.1);
    await el.step(300);
    await el.updateComplete;
    const paths = el.trajectories;
    const [start1, start2] = paths[0].points[0];
    expect([start1, start2]).to.deep.equal([-8, 4]);

    // Plain descent is the closed form w₁ₖ = (1 − α)ᵏ w₁₀, w₂ₖ = (1 − ακ)ᵏ w₂₀ (float64 here; the run is float32).
    for (const k of [1, 5, 10, 20]) {
      const [w1, w2] = paths[0].points[k];
      expect(w1).to.be.closeTo((1 - 0.018) ** k * -8, 1e-4);
      expect(w2).to.be.closeTo((1 - 0.018 * 100) ** k * 4, 1e-4);
    }
    // It changes side across the valley (the sign of w₂) at least 10 times in the first 30
    // steps, each time more than 1 % of its path's extent away from the floor on both sides.
    const points = paths[0].points;
    const extent = Math.max(
      Math.max(...points.map((p) => p[0])) - Math.min(...points.map((p) => p[0])),
      Math.max(...points.map((p) => p[1])) - Math.min(...points.map((p) => p[1])),
    );
    let visibleCrossings = 0;
    for (let k = 1; k <= 30; k++) {
      const [a, b] = [points[k - 1][1], points[k][1]];
      if (Math.sign(a) !== Math.sign(b) && Math.abs(a) > 0.01 * extent && Math.abs(b) > 0.01 * extent) visibleCrossings++;
    }
    expect(visibleCrossings, `crossings wider than ${0.01 * extent}`).to.be.at.least(10);

    // J < 10⁻³ (J* = 0): momentum gets there in fewer than half plain descent's updates.
    const firstBelow = (costs: number[]) => costs.findIndex((c) => c < 1e-3);
    const reached = paths.map((t) => firstBelow(t.costs));
    expect(reached[0], 'plain descent reaches J < 10⁻³ within 300 steps').to.be.above(0);
    expect(reached[1]).to.be.above(0);
    expect(reached[1]).to.be.below(reached[0] / 2);
    // The steps the README and the demo page quote (the closed form's ≈ 2.9κ and the swing's phase, see defaults.ts).
    expect(reached.slice(0, 2)).to.deep.equal([286, 103]);

    // The legend and the order of arrival say the same steps, in that order.
    const texts = legendTexts(el);
    paths.forEach((t, i) => {
      if (reached[i] > 0) expect(texts[i]).to.contain(`J < 10⁻³ at step ${reached[i]}`);
    });
    const order = el.shadowRoot!.querySelector('.finish-order')!;
    expect(order.textContent).to.contain('Order of arrival (J < 10⁻³)');
    const finishers = [...order.querySelectorAll<HTMLElement>('.finisher')].map((f) => [Number(f.dataset.index), Number(f.dataset.step)]);
    const expected = paths
      .map((t, i) => [i, reached[i]])
      .filter(([, step]) => step > 0)
      .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    expect(finishers).to.deep.equal(expected);
    expect(finishers.findIndex(([i]) => i === 1)).to.be.below(finishers.findIndex(([i]) => i === 0));
    // The chart marks each crossing on its finish line.
    expect(el.shadowRoot!.querySelectorAll('.finish-line .finish-mark')).to.have.length(expected.length);
  });

  it('on the saddle, the adaptive methods leave the flat middle long before plain descent, and the escape order says so', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="saddle"></gd-optimizer-race>`);
    await el.step(200);
    const [gd, momentum, rmsprop, adam] = [0, 1, 2, 3].map((i) => leftSaddleAt(el, i, 1));
    expect(rmsprop).to.be.above(0);
    expect(adam).to.be.above(0);
    // Plain descent and momentum have not got away yet, or much later.
    for (const slow of [gd, momentum]) if (slow > 0) expect(slow).to.be.above(1.5 * Math.max(rmsprop, adam));
    // Past |w| = 1000 the saddle has no bottom: plain descent has run away, not "diverged".
    await el.step(500);
    await el.updateComplete;
    expect(el.trajectories[0].status).to.equal('diverged');
    expect(legendTexts(el)[0]).to.contain('ran away');
    // The escape order: the first step out of the plotted window [−2, 2]², from the paths themselves.
    const escaped = el.trajectories.map((t) => t.points.findIndex(([a, b]) => Math.abs(a) > 2 || Math.abs(b) > 2));
    expect(escaped.every((k) => k > 0)).to.equal(true);
    const order = el.shadowRoot!.querySelector('.finish-order')!;
    expect(order.textContent).to.contain('Escape order');
    const finishers = [...order.querySelectorAll<HTMLElement>('.finisher')];
    const expected = escaped.map((step, i) => [i, step]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    expect(finishers.map((f) => [Number(f.dataset.index), Number(f.dataset.step)])).to.deep.equal(expected);
    // Named in that order, with their steps, and each legend entry says when it left.
    const labels = el.trajectories.map((t) => t.label);
    expect(finishers.map((f) => f.textContent.replace(/\s+/g, ' ').trim())).to.deep.equal(
      expected.map(([i, step], place) => `${place + 1}. ${labels[i]} (step ${step})`),
    );
    expect(
      expected
        .slice(0, 2)
        .map(([i]) => i)
        .sort(),
    ).to.deep.equal([2, 3]);
    legendTexts(el).forEach((text, i) => expect(text).to.contain(`left the window at step ${escaped[i]}`));
  });

  it('kappa shapes the bowl, and two bowls on one page draw different maps', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div><gd-optimizer-race kappa="5"></gd-optimizer-race><gd-optimizer-race kappa="500"></gd-optimizer-race></div>`,
    );
    const [a, b] = [...holder.querySelectorAll('gd-optimizer-race')];
    await a.updateComplete;
    await b.updateComplete;
    // J = ½(w₁² + κ w₂²) at the start (−8, 4).
    expect(a.trajectories[0].costs[0]).to.equal(0.5 * (64 + 5 * 16));
    expect(b.trajectories[0].costs[0]).to.equal(0.5 * (64 + 500 * 16));
    const bowl5 = getLandscape('bowl', { kappa: 5 })!;
    const bowl500 = getLandscape('bowl', { kappa: 500 })!;
    // Each race paints its map once its size is known.
    for (let k = 0; k < 100 && !(hasLandscapeData(bowl5, GRID_SIZE, BAND_COUNT) && hasLandscapeData(bowl500, GRID_SIZE, BAND_COUNT)); k++) {
      await frames();
    }
    expect(hasLandscapeData(bowl5, GRID_SIZE, BAND_COUNT)).to.equal(true);
    expect(hasLandscapeData(bowl500, GRID_SIZE, BAND_COUNT)).to.equal(true);
    expect(landscapeData(bowl5, GRID_SIZE, BAND_COUNT)).not.to.equal(landscapeData(bowl500, GRID_SIZE, BAND_COUNT));
    // Each map's colour key is labelled with its own costs: the steeper bowl climbs far higher.
    const topLabel = (race: Element) => race.shadowRoot!.querySelector('.color-legend')!.getAttribute('aria-label');
    expect(topLabel(a)).not.to.equal(topLabel(b));
    expect(landscapeData(bowl500, GRID_SIZE, BAND_COUNT).grid.max).to.be.above(50 * landscapeData(bowl5, GRID_SIZE, BAND_COUNT).grid.max);
    // A bad κ is refused with a note, and the bowl keeps the κ it had.
    a.setAttribute('kappa', '0');
    await a.updateComplete;
    expect(a.kappa).to.equal(5);
    expect(a.trajectories[0].costs[0]).to.equal(0.5 * (64 + 5 * 16));
    expect(a.shadowRoot!.querySelector('[part~="notes"]')!.textContent).to.contain('kappa');
  });

  it('shows each α in the legend, α_t while a decay lowers it, and keeps a typed α across a landscape switch', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth"></gd-optimizer-race>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('fieldset.card input[type=number]')!;
    input.value = '0.004';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(legendTexts(el)[0]).to.contain('α = 0.004');
    el.shadowRoot!.querySelector<HTMLInputElement>('input[type=radio][value=rosenbrock]')!.click();
    await el.updateComplete;
    expect(el.landscape).to.equal('rosenbrock');
    expect(legendTexts(el)[0]).to.contain('α = 0.004');
    expect(input.value).to.equal('0.004');

    const decay = el.shadowRoot!.querySelectorAll<HTMLInputElement>('fieldset.card input[type=number]')[1];
    decay.value = '1';
    decay.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await el.step(3);
    await el.updateComplete;
    // α_t = α / (1 + decay · t) after 3 updates: 0.004 / 4.
    expect(legendTexts(el)[0]).to.contain('α_t = 0.001');
  });

  it('calls a local minimum a local minimum, never "converged"', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="styblinski-tang" start="2.5,2.5">
        <gd-optimizer type="sgd" learning-rate="0.01"></gd-optimizer>
      </gd-optimizer-race>`,
    );
    await el.step(400);
    await el.updateComplete;
    expect(el.trajectories[0].status).to.equal('converged');
    const text = legendTexts(el)[0];
    expect(text).to.contain('local minimum');
    expect(text).to.contain('global J =');
    expect(text).not.to.contain('converged');
  });

  it('calls the global minimum by its name', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="booth" start="-6,8">
        <gd-optimizer type="sgd" learning-rate="0.05"></gd-optimizer>
      </gd-optimizer-race>`,
    );
    await el.step(1000);
    await el.updateComplete;
    expect(el.trajectories[0].status).to.equal('converged');
    expect(legendTexts(el)[0]).to.contain('reached the global minimum');
  });

  it('labels the colours of the map with costs and reads out (w₁, w₂, J) where the start handle is moved with the keys', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth" start="-6,8"></gd-optimizer-race>`);
    const labels = [...el.shadowRoot!.querySelectorAll('.color-legend-label')].map((t) => t.textContent.trim());
    // Booth's lowest grid cost is near 0; the labels climb from there.
    expect(labels.length).to.be.at.least(3);
    expect(el.shadowRoot!.querySelector('.ramp')).to.equal(null);
    const readout = el.shadowRoot!.querySelector('.point-readout')!;
    expect(readout.getAttribute('aria-live')).to.equal('polite');
    el.shadowRoot!.querySelector<SVGGElement>('.handle')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    const start = el.trajectories[0].points[0];
    expect(start[0]).to.be.above(-6);
    // Booth: J = (w₁ + 2w₂ − 7)² + (2w₁ + w₂ − 5)².
    const cost = (start[0] + 2 * start[1] - 7) ** 2 + (2 * start[0] + start[1] - 5) ** 2;
    const match = /w₁ = (\S+), w₂ = (\S+), J = (\S+)/.exec(readout.textContent)!;
    expect(match, readout.textContent).to.not.equal(null);
    expect(Number(match[1].replace(/,/g, ''))).to.be.closeTo(start[0], 1e-6);
    expect(Number(match[3].replace(/,/g, ''))).to.be.closeTo(cost, 0.01 * cost);
  });

  it('keeps the paths from before a setting changed as faded, labelled ghosts until reset', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    await el.step(30);
    expect(el.shadowRoot!.querySelectorAll('.ghost')).to.have.length(0);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('fieldset.card input[type=number]')!;
    input.value = '0.01';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    // The new run starts over; the four paths of the old one stay, faded and named.
    expect(el.iteration).to.equal(0);
    const ghosts = [...el.shadowRoot!.querySelectorAll('.ghost')];
    expect(ghosts).to.have.length(4);
    expect(ghosts[0].textContent).to.contain('Gradient descent (before)');
    expect(ghosts[0].querySelector('polyline')!.getAttribute('points')!.split(' ')).to.have.length(31);
    el.reset();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.ghost')).to.have.length(0);
  });

  it('has no axe violations with the rates and verdicts in the legend', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    await el.step(50);
    // A setting changed after steps: the ghosts, the colour key and the readout are on the page too.
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('fieldset.card input[type=number]')!;
    input.value = '0.01';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    el.shadowRoot!.querySelector<SVGGElement>('.handle')!.focus();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.point-readout')!.textContent).to.contain('w₁ =');
    await expect(el).to.be.accessible();
  });
});
