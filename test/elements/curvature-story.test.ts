import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/curvature/define.js';
import type { GdCurvature } from '../../src/elements/curvature/gd-curvature.js';

/*
 * What a learner must be able to see, asserted on the rendered figure and text: the
 * step that matters stays in the picture, the regime named is the one the run is in,
 * and an earlier run stays for comparison until reset.
 */

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** After the window's glide (250 ms) has ended and the last frame is painted. */
async function settled(el: GdCurvature) {
  await el.updateComplete;
  await wait(350);
  await frame();
  await el.updateComplete;
}

const root = (el: GdCurvature) => el.shadowRoot!;
/** The drawn x-domain, as the start handle announces it (its slider range is the plot's width). */
function drawnDomain(el: GdCurvature): [number, number] {
  const handle = root(el).querySelector('.handle')!;
  return [Number(handle.getAttribute('aria-valuemin')), Number(handle.getAttribute('aria-valuemax'))];
}

async function widget(template: ReturnType<typeof html>) {
  const holder = document.createElement('div');
  holder.style.width = '720px';
  const el = await fixture<GdCurvature>(template, { parentNode: holder });
  await settled(el);
  return el;
}

describe('<gd-curvature> story', () => {
  it('at c = 8, α = 0.3 the current point, the next point and the tangent step stay in the picture', async () => {
    const el = await widget(html`<gd-curvature curvature="8" learning-rate="0.3" init="2"></gd-curvature>`);
    const first = drawnDomain(el);
    for (let k = 0; k <= 3; k++) {
      if (k > 0) {
        await el.step(1);
        await settled(el);
      }
      const { w } = el.history[k];
      // Independent: on ½c w², w − αJ'(w) = (1 − αc) w.
      const next = (1 - 0.3 * 8) * w;
      const [left, right] = drawnDomain(el);
      expect(w, `w at step ${k} inside [${left}, ${right}]`).to.be.within(left, right);
      expect(next, `next point after step ${k} inside [${left}, ${right}]`).to.be.within(left, right);
      for (const selector of ['.tangent-line', '.tangent-step', '.next', '.error', '.current']) {
        expect(root(el).querySelector(selector), `${selector} after step ${k}`).to.not.equal(null);
      }
      expect(root(el).querySelector('.offplot'), `no off-plot marker after step ${k}`).to.equal(null);
    }
    // Reset brings back the window the run started in.
    el.reset();
    await settled(el);
    expect(drawnDomain(el)).to.deep.equal(first);
  });

  it('a diverging run is followed for a while, then the window stays and the marker points on', async () => {
    const el = await widget(html`<gd-curvature curvature="2" learning-rate="1.25" init="2"></gd-curvature>`);
    const [left0, right0] = drawnDomain(el);
    await el.step(40);
    await settled(el);
    const [left, right] = drawnDomain(el);
    expect(right - left, 'it widened').to.be.above(right0 - left0);
    // |w| = 2 · 1.5⁴⁰ ≈ 2·10⁷ by now; the window stays within a few dozen starting widths.
    expect(right - left, 'but not without end').to.be.below(30 * (right0 - left0));
    expect(root(el).querySelector('.offplot')).to.not.equal(null);
    // The last iterates before it left are still drawn inside the window.
    const inside = el.history.filter(({ w }) => w >= left && w <= right);
    expect(inside.length).to.be.above(3);
  });

  it('on the quartic the regime says diverging where the run grows, not "Converging"', async () => {
    // αc = 0.6 is safe at the minimum, but at w = 4 the cost is 9 times as curved.
    const el = await widget(html`<gd-curvature cost="quartic" curvature="1" learning-rate="0.6" init="4"></gd-curvature>`);
    await el.step(2);
    await settled(el);
    const [a, b, c] = el.history.map(({ w }) => Math.abs(w));
    expect(b > a && c > b, 'the run grows').to.equal(true);
    const name = root(el).querySelector('.regime-name')!.textContent;
    expect(name).to.match(/diverg/i);
    expect(name).not.to.match(/converg/i);
    expect(el.regime).to.equal('diverging');
    const text = root(el).querySelector('.regime-text')!.textContent.replace(/\s+/g, ' ');
    expect(text).to.match(/αJ″\(w\) = \S+, above 2/);
    expect(text).to.contain('it grows');
  });

  it('says when the regime changed along a run on the quartic', async () => {
    // At w = 3 αJ″ = 0.6 · 5.5 = 3.3, yet the step lands at −1.5 and the run settles.
    const el = await widget(html`<gd-curvature cost="quartic" curvature="1" learning-rate="0.6" init="3"></gd-curvature>`);
    expect(root(el).querySelector('.regime-name')!.textContent).to.match(/diverg/i);
    expect(root(el).querySelector('.regime-text')!.textContent).to.match(/from 3 to 1\.5/);
    await el.step(4);
    await settled(el);
    expect(root(el).querySelector('.regime-name')!.textContent).to.match(/converg/i);
    const text = root(el).querySelector('.regime-text')!.textContent.replace(/\s+/g, ' ');
    expect(text).to.match(/It was diverging at the start \(αJ″ = 3\.3\) and changed at step 2\./);
  });

  it('on the double well a start past the hump settles into the other minimum, and the text names that minimum', async () => {
    const el = await widget(html`<gd-curvature cost="double-well" curvature="1" learning-rate="0.5" init="-1.4"></gd-curvature>`);
    await el.step(8);
    await settled(el);
    const w = el.history.at(-1)!.w;
    // J = c/8 · d²(d + 2)²: minima at w* = 0 and w* − 2 = −2; past the hump at −1 the run goes to −2.
    expect(Math.abs(w + 2)).to.be.below(0.05);
    const text = root(el).querySelector('.regime-text')!.textContent.replace(/\s+/g, ' ');
    expect(text).to.contain('the other minimum, w* − 2 = -2');
    expect(text).to.contain('It is settling into that minimum, not w*.');
    expect(text).not.to.contain('it grows');
    // The distance it writes is the one to −2, as the run has it.
    const from = Number(/from ([\d.]+(?:E-?\d+)?) to/.exec(text)![1]);
    expect(from).to.be.closeTo(Math.abs(w + 2), 1e-3 * Math.abs(w + 2) + 1e-9);
    await expect(el).to.be.accessible();
  });

  it('changing α after 5 steps leaves the old path as a labelled ghost until reset', async () => {
    const el = await widget(html`<gd-curvature curvature="2" learning-rate="0.3" init="2"></gd-curvature>`);
    await el.step(5);
    await settled(el);
    expect(root(el).querySelector('.ghost')).to.equal(null);
    // The user moves the learning-rate slider.
    const slider = root(el).querySelector<HTMLInputElement>('#learning-rate')!;
    slider.value = '-0.1'; // the slider is in log10 units: α = 10^−0.1
    slider.dispatchEvent(new Event('input'));
    await settled(el);
    expect(el.learningRate).to.equal(0.794);
    expect(el.history).to.have.length(1);
    const label = root(el).querySelector('.ghost-label');
    expect(label?.textContent).to.equal('before: α = 0.3');
    expect(root(el).querySelectorAll('.ghost circle')).to.have.length(6);
    expect(root(el).querySelector('.ghost-path')!.getAttribute('d')).to.match(/^M[\d.-]+,[\d.-]+(L[\d.-]+,[\d.-]+){5}$/);
    // A second change keeps the one ghost, still the path before the first change.
    el.curvature = 3;
    await settled(el);
    expect(root(el).querySelectorAll('.ghost')).to.have.length(1);
    expect(root(el).querySelector('.ghost-label')!.textContent).to.equal('before: α = 0.3');
    await expect(el).to.be.accessible();
    el.reset();
    await settled(el);
    expect(root(el).querySelector('.ghost')).to.equal(null);
  });

  it('is axe-clean with the followed window, the ghost and the local regime', async () => {
    const el = await widget(html`<gd-curvature cost="quartic" curvature="1" learning-rate="0.6" init="4"></gd-curvature>`);
    await el.step(2);
    el.learningRate = 0.2;
    await settled(el);
    expect(root(el).querySelector('.ghost')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});
