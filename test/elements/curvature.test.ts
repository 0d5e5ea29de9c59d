import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, emulateMedia } from '@web/test-runner-commands';
import * as tf from '../../src/core/tf.js';
import { initBackend } from '../../src/core/index.js';
import '../../src/elements/curvature/define.js';
import type { GdCurvature } from '../../src/elements/curvature/gd-curvature.js';
import type { GdDoneEvent } from '../../src/elements/shared/events.js';
import { BACKENDS } from '../core/helpers.js';

/*
 * Independent truth: on J(w) = ½c(w − w*)², gradient descent gives
 * w_k − w* = (1 − αc)^k (w₀ − w*) exactly; the tests compute that in float64 and
 * compare with what the element's float32 run reports.
 */

interface Case {
  product: number;
  learningRate: number;
  regime: 'converging' | 'oscillating' | 'periodic' | 'diverging';
  steps: number;
}

const CURVATURE = 2;
const MINIMUM = 1;
const INIT = 3.5;

const CASES: Case[] = [
  { product: 0.5, learningRate: 0.25, regime: 'converging', steps: 12 },
  { product: 1.5, learningRate: 0.75, regime: 'oscillating', steps: 12 },
  { product: 2, learningRate: 1, regime: 'periodic', steps: 12 },
  { product: 2.5, learningRate: 1.25, regime: 'diverging', steps: 20 },
];

/** float32 arithmetic: a relative error of about 1e-7 per operation, a few per step. */
function expectNear(actual: number, expected: number, scale: number, what: string): void {
  const tolerance = 2e-6 * scale;
  expect(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (±${tolerance})`).to.equal(true);
}

function captureWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  return { warnings, restore: () => (console.warn = original) };
}

const shadowText = (el: GdCurvature) => el.shadowRoot!.textContent.replace(/\s+/g, ' ');
const isVisible = (node: Element | null | undefined) => {
  if (!node) return false;
  const box = node.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(node).visibility !== 'hidden';
};
const focused = (el: GdCurvature) => el.shadowRoot!.activeElement as HTMLElement | null;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function quadratic(learningRate: number) {
  // The holder's width goes through the CSSOM: a style attribute in this template would
  // itself break the Content-Security-Policy test below (Firefox checks the attributes of
  // cloned template content against the policy; Chromium does not).
  const holder = document.createElement('div');
  holder.style.width = '720px';
  const curvature = await fixture<GdCurvature>(
    html`<gd-curvature curvature=${CURVATURE} learning-rate=${learningRate} init=${INIT} minimum=${MINIMUM}></gd-curvature>`,
    { parentNode: holder },
  );
  await curvature.updateComplete;
  return curvature;
}

describe('<gd-curvature>', () => {
  describe('gradient descent on ½c(w − w*)² follows (1 − αc)ⁿ(w₀ − w*)', () => {
    for (const { product, learningRate, regime, steps } of CASES) {
      it(`αc = ${product}: ${regime}`, async () => {
        const el = await quadratic(learningRate);
        expect(el.regime).to.equal(regime);
        expect(el.history).to.have.length(1);
        await el.step(steps);
        const history = el.history;
        expect(history).to.have.length(steps + 1);
        for (let k = 0; k <= steps; k++) {
          const distance = (1 - product) ** k * (INIT - MINIMUM);
          const scale = Math.max(Math.abs(INIT), Math.abs(MINIMUM + distance)) * (k + 1);
          expect(history[k].iteration).to.equal(k);
          expectNear(history[k].w - MINIMUM, distance, scale, `w at step ${k}`);
          // J = ½c d²; compare on the cost's own scale.
          const cost = 0.5 * CURVATURE * distance * distance;
          expectNear(history[k].cost, cost, Math.max(cost, 1) * (k + 1), `cost at step ${k}`);
        }
        await el.updateComplete;
        const words = { converging: 'Converging', oscillating: 'Oscillating', periodic: 'Periodic', diverging: 'Diverging' }[regime];
        expect(el.shadowRoot!.querySelector('.regime-name')!.textContent).to.contain(words);
        expect(shadowText(el)).to.contain(`Iteration ${steps}`);
      });
    }

    it('αc = 1 lands on the minimum in one step and says so', async () => {
      const el = await quadratic(0.5);
      expect(el.regime).to.equal('converging');
      await el.step();
      expect(Math.abs(el.history[1].w - MINIMUM)).to.be.below(1e-6);
      await el.updateComplete;
      expect(shadowText(el)).to.contain('one step');
    });

    it('αc = 2 visits only w₀ and its mirror image 2w* − w₀', async () => {
      const el = await quadratic(1);
      await el.step(7);
      el.history.forEach(({ w }, k) => {
        expect(w).to.equal(k % 2 === 0 ? INIT : 2 * MINIMUM - INIT);
      });
      // A long request is applied in full (the element steps it in chunks).
      await el.step(1200);
      const history = el.history;
      expect(history).to.have.length(1208);
      expect(history[1207].w).to.equal(2 * MINIMUM - INIT);
      expect(history[1207].iteration).to.equal(1207);
    });
  });

  it('a diverging run says so once the point leaves the plot', async () => {
    const el = await quadratic(1.25);
    expect(el.shadowRoot!.querySelector('[data-note="run"]') === null).to.equal(true);
    // |w − w*| = 2.5 · 1.5^k leaves the plot (half-width 1.25 · 2.5) at k = 1.
    await el.step(1);
    await el.updateComplete;
    const note = el.shadowRoot!.querySelector('[data-note="run"]');
    expect(isVisible(note)).to.equal(true);
    expect(note!.textContent).to.match(/diverging/i);
  });

  it('a diverging run stops inside its bound with a visible message and never draws NaN', async () => {
    const el = await quadratic(1.25);
    const done = oneEvent<GdDoneEvent>(el, 'gd-done');
    await el.step(500);
    const { detail } = await done;
    expect(detail.reason).to.equal('diverged');
    const history = el.history;
    expect(history.length).to.be.below(501);
    expect(history.length).to.be.above(9);
    for (const { w, cost } of history) {
      expect(Number.isFinite(w) && Number.isFinite(cost)).to.equal(true);
    }
    // It grew by 1.5 per step until it stopped, far outside the plot.
    const last = history[history.length - 1];
    expect(Math.abs(last.w - MINIMUM)).to.be.above(100 * Math.abs(INIT - MINIMUM));
    expect(detail.iteration).to.equal(history.length - 1);

    await el.updateComplete;
    const note = el.shadowRoot!.querySelector('[data-note="run"]');
    expect(isVisible(note)).to.equal(true);
    expect(note!.textContent).to.match(/diverged/i);

    // Stepping on does nothing more.
    await el.step(5);
    expect(el.history).to.have.length(history.length);

    const svg = el.shadowRoot!.querySelector('svg')!;
    expect(svg.outerHTML).not.to.match(/NaN|Infinity/);
    // Iterates far outside are drawn clipped to the plot area; the current point is
    // replaced by a marker on the plot's edge.
    const host = svg.getBoundingClientRect();
    for (const circle of svg.querySelectorAll('circle:not(.handle circle)')) {
      expect(circle.closest('[clip-path]') !== null, 'every iterate is clipped to the plot').to.equal(true);
    }
    for (const unclipped of svg.querySelectorAll('.offplot, .handle .start')) {
      const box = unclipped.getBoundingClientRect();
      expect(box.left).to.be.within(host.left - 1, host.right + 1);
      expect(box.right).to.be.within(host.left - 1, host.right + 1);
      expect(box.top).to.be.within(host.top - 1, host.bottom + 1);
      expect(box.bottom).to.be.within(host.top - 1, host.bottom + 1);
    }
    expect(svg.querySelector('.offplot') !== null).to.equal(true);
    expect(shadowText(el)).to.contain('off the plot');

    // Play on the stopped run starts it over from w₀.
    el.shadowRoot!.querySelector<HTMLButtonElement>('.bar button.primary')!.click();
    await el.updateComplete;
    expect(el.playing).to.equal(true);
    el.pause();
    await el.updateComplete;
    expect(el.history[0].w).to.equal(INIT);
    expect(el.history.length).to.be.below(5);
    const runNote = el.shadowRoot!.querySelector('[data-note="run"]')?.textContent ?? '';
    expect(runNote).not.to.match(/stopped/);

    el.reset();
    await el.updateComplete;
    expect(el.history).to.have.length(1);
  });

  describe('other cost shapes, against a float64 reference with their derivatives', () => {
    const shapes = [
      // d = w − w*: J'(w) for c/2 d² + c/24 d⁴ and for c/8 d² (d + 2)².
      { cost: 'quartic', slope: (d: number, c: number) => c * (d + (d * d * d) / 6), init: 2.2 },
      { cost: 'double-well', slope: (d: number, c: number) => (c / 2) * d * (d + 1) * (d + 2), init: -1.4 },
    ] as const;
    for (const shape of shapes) {
      it(`${shape.cost}: 15 steps`, async () => {
        const c = 1.5;
        const alpha = 0.2;
        const minimum = 0.5;
        const el = await fixture<GdCurvature>(
          html`<gd-curvature
            cost=${shape.cost}
            curvature=${c}
            learning-rate=${alpha}
            init=${shape.init + minimum}
            minimum=${minimum}
          ></gd-curvature>`,
        );
        await el.step(15);
        let d = shape.init;
        el.history.forEach(({ w }, k) => {
          expectNear(w - minimum, d, 3 * (k + 1), `w at step ${k}`);
          d -= alpha * shape.slope(d, c);
        });
        // The double well's start lies past the hump, so it settles in the other well, at w* − 2.
        const target = shape.cost === 'double-well' ? -2 : 0;
        await el.step(200);
        const last = el.history[el.history.length - 1];
        expect(Math.abs(last.w - minimum - target)).to.be.below(1e-3);
      });
    }
  });

  describe('bad attribute values', () => {
    const bad = [
      { attribute: 'curvature', value: '-1', property: 'curvature', good: '3', kept: 3 },
      { attribute: 'learning-rate', value: 'abc', property: 'learningRate', good: '0.2', kept: 0.2 },
      { attribute: 'init', value: 'x', property: 'init', good: '-1.5', kept: -1.5 },
    ] as const;
    for (const item of bad) {
      it(`${item.attribute}="${item.value}" keeps the last good value, shows a note and warns once`, async () => {
        const el = await fixture<GdCurvature>(html`<gd-curvature></gd-curvature>`);
        el.setAttribute(item.attribute, item.good);
        await el.updateComplete;
        const capture = captureWarnings();
        try {
          expect(() => el.setAttribute(item.attribute, item.value)).not.to.throw();
          await el.updateComplete;
          // Set it again: still one warning.
          el.removeAttribute(item.attribute);
          el.setAttribute(item.attribute, item.value);
          await el.updateComplete;
        } finally {
          capture.restore();
        }
        expect((el as unknown as Record<string, unknown>)[item.property]).to.equal(item.kept);
        const mentions = capture.warnings.filter((text) => text.includes(item.attribute));
        expect(mentions, capture.warnings.join('\n')).to.have.length(1);
        const note = el.shadowRoot!.querySelector(`[data-note="${item.attribute}"]`);
        expect(isVisible(note)).to.equal(true);
        expect(note!.textContent).to.contain(item.attribute);
        // The widget carries on with the kept value.
        await el.step(1);
        expect(el.history).to.have.length(2);
        expect(el.history.every(({ w }) => Number.isFinite(w))).to.equal(true);
      });
    }

    it('takes numbers given as text through properties (as some frameworks pass them)', async () => {
      const el = await quadratic(0.25);
      (el as unknown as Record<string, unknown>).learningRate = '0.75';
      (el as unknown as Record<string, unknown>).init = '2';
      await el.updateComplete;
      expect(el.learningRate).to.equal(0.75);
      expect(el.init).to.equal(2);
      await el.step(2);
      // αc = 1.5 from w₀ = 2: d₂ = (−0.5)² · (2 − 1)
      expectNear(el.history[2].w - MINIMUM, 0.25, 4, 'w₂');
    });

    it('starts from the defaults when the first values are bad', async () => {
      const capture = captureWarnings();
      let el: GdCurvature;
      try {
        el = await fixture<GdCurvature>(html`<gd-curvature curvature="0" learning-rate="-3" init="nope" cost="cubic"></gd-curvature>`);
      } finally {
        capture.restore();
      }
      expect(el!.curvature).to.equal(1);
      expect(el!.learningRate).to.equal(0.3);
      expect(el!.init).to.equal(2);
      expect(el!.cost).to.equal('quadratic');
      expect(el!.shadowRoot!.querySelectorAll('.note')).to.have.length(4);
      expect(capture.warnings).to.have.length(4);
      await el!.step(2);
      // defaults: c = 1, α = 0.3, w₀ = 2, w* = 0 → w₂ = 0.7² · 2
      expectNear(el!.history[2].w, 0.98, 2, 'w₂ with the defaults');
    });
  });

  describe('events', () => {
    it('fires gd-step on steps, not gd-params-change on programmatic sets', async () => {
      const el = await quadratic(0.25);
      const seen: string[] = [];
      el.addEventListener('gd-params-change', () => seen.push('params'));
      el.addEventListener('gd-step', (event) => seen.push(`step ${event.detail.iteration}`));
      el.learningRate = 0.3;
      el.curvature = 1;
      await el.updateComplete;
      await el.step(3);
      expect(seen).to.deep.equal(['step 3']);
      // A programmatic change restarts the run at w₀ with the new values.
      expectNear(el.history[1].w - MINIMUM, 0.7 * (INIT - MINIMUM), 4, 'first step with α = 0.3, c = 1');
    });

    it('a played run that settles stops by itself with gd-done "converged"', async () => {
      const el = await quadratic(0.5);
      el.speed = 30;
      await el.updateComplete;
      const done = oneEvent<GdDoneEvent>(el, 'gd-done');
      el.play();
      const { detail } = await done;
      expect(detail.reason).to.equal('converged');
      expect(el.playing).to.equal(false);
      expect(Math.abs(el.history[el.history.length - 1].w - MINIMUM)).to.be.below(1e-6);
    });
  });

  it('reset() just after a setting changes returns to w₀ on the setting kept, valid or rejected', async () => {
    const el = await quadratic(0.25);
    await el.step(3);
    // A valid change: the reset and the rebuild give one run at iteration 0 with the new rate.
    el.learningRate = 0.5;
    el.reset();
    await el.updateComplete;
    expect(el.history).to.have.length(1);
    await el.step(1);
    expectNear(el.history[1].w - MINIMUM, 0 * (INIT - MINIMUM), 4, 'one step with αc = 1');
    // A rejected value keeps the old run, which must still go back to w₀.
    const { restore } = captureWarnings();
    try {
      el.curvature = -1;
      el.reset();
      await el.updateComplete;
    } finally {
      restore();
    }
    expect(el.curvature).to.equal(CURVATURE);
    expect(el.history).to.have.length(1);
    expect(el.history[0].w).to.equal(INIT);
  });

  it('keeps the live tensor count flat over a long run', async () => {
    const el = await quadratic(0.75);
    await el.step(5);
    const before = tf.memory().numTensors;
    for (let batch = 0; batch < 20; batch++) await el.step(batch % 2 ? 1 : 40);
    await el.updateComplete;
    expect(el.history).to.have.length(5 + 10 * 41 + 1);
    expect(tf.memory().numTensors).to.equal(before);
  });

  // Where the browser has WebGL2: Chromium, not headless Firefox (see BACKENDS).
  if (BACKENDS.includes('webgl')) {
    it('gives the same run on the webgl backend', async () => {
      expect(await initBackend('webgl')).to.equal('webgl');
      try {
        const el = await quadratic(0.75);
        await el.step(12);
        el.history.forEach(({ w }, k) => expectNear(w - MINIMUM, (-0.5) ** k * (INIT - MINIMUM), 4 * (k + 1), `webgl w at step ${k}`));
      } finally {
        expect(await initBackend('cpu')).to.equal('cpu');
      }
    });
  }

  describe('composition and locale', () => {
    it('linked widgets follow a learning rate the user sets, without events of their own', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <gd-curvature link="curvature-test" learning-rate="0.25"></gd-curvature>
          <gd-curvature link="curvature-test" learning-rate="0.25" curvature="3"></gd-curvature>
        </div>`,
      );
      const [first, second] = wrapper.querySelectorAll('gd-curvature');
      await first.updateComplete;
      await second.updateComplete;
      let echoes = 0;
      second.addEventListener('gd-params-change', () => echoes++);
      first.shadowRoot!.querySelector<HTMLInputElement>('#learning-rate')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await first.updateComplete;
      await second.updateComplete;
      expect(first.learningRate).to.be.above(0.25);
      expect(second.learningRate).to.equal(first.learningRate);
      expect(second.curvature).to.equal(3);
      expect(echoes).to.equal(0);
    });

    it('formats numbers for its lang', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="de"><gd-curvature init="2.5" learning-rate="0.25"></gd-curvature></div>`,
      );
      const el = wrapper.querySelector('gd-curvature')!;
      await el.updateComplete;
      const readout = el.shadowRoot!.querySelector('.readout')!.textContent;
      expect(readout).to.contain('2,5');
      expect(readout).not.to.contain('2.5');
    });
  });

  describe('accessibility', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no axe violations in the ${theme} theme, also mid-run`, async () => {
        const el = await fixture<GdCurvature>(
          html`<gd-curvature theme=${theme} curvature="2" learning-rate="0.8" init="2"></gd-curvature>`,
        );
        await expect(el).to.be.accessible();
        await el.step(3);
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });
    }

    it('is operated entirely from the keyboard', async () => {
      const el = await quadratic(0.25);
      // 5 updates a second: at αc = 0.5 the run settles after about 20 updates, so a play
      // stays on for 4 s, longer than a busy machine takes between the two Enters (at
      // speed 20 it settled and paused itself, and the second Enter played again).
      el.speed = 5;
      await el.updateComplete;
      const changes: Record<string, unknown>[] = [];
      el.addEventListener('gd-params-change', (event) => changes.push(event.detail));

      // The start point first: arrows move w₀ by 1% of the plot's width and restart.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.getAttribute('role')).to.equal('slider');
      await el.step(2);
      const [left, right] = [Number(focused(el)!.getAttribute('aria-valuemin')), Number(focused(el)!.getAttribute('aria-valuemax'))];
      expect(left).to.be.below(MINIMUM);
      expect(right).to.be.above(INIT);
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      // w₀ is kept to 4 significant digits.
      expectNear(el.init, INIT - 0.01 * (right - left), 1000, 'w₀ after ArrowLeft');
      expect(el.history).to.have.length(1);
      expect(el.history[0].w).to.equal(el.init);
      expect(changes).to.deep.equal([{ init: el.init }]);
      changes.length = 0;

      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent).to.contain('Play');
      // Play and pause with Enter.
      await sendKeys({ press: 'Enter' });
      expect(el.playing).to.equal(true);
      await wait(400);
      await sendKeys({ press: 'Enter' });
      expect(el.playing).to.equal(false);
      await el.updateComplete;
      const played = el.history.length - 1;
      expect(played).to.be.above(0);
      await wait(150);
      await el.updateComplete;
      expect(el.history.length - 1).to.equal(played);

      // Step with Enter and with Space.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent).to.contain('Step');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.history.length - 1).to.equal(played + 1);
      await sendKeys({ press: ' ' }); // Space, by its character (WebDriver BiDi knows no 'Space')
      await el.updateComplete;
      expect(el.history.length - 1).to.equal(played + 2);

      // Reset.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent).to.contain('Reset');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.history).to.have.length(1);

      // Curvature, then learning rate with the arrow keys (log scale: ×10^0.01 a press).
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.id, focused(el)?.outerHTML).to.equal('curvature');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.curvature).to.be.within(CURVATURE * 1.01, CURVATURE * 1.05);
      expect(changes.pop()).to.deep.equal({ curvature: el.curvature });
      el.curvature = CURVATURE;
      await el.updateComplete;
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.id).to.equal('learning-rate');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.learningRate).to.be.within(0.25 * 1.01, 0.25 * 1.05);
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(el.learningRate).to.be.below(0.25);
      expect(changes.length).to.equal(3);
      expect(changes.every((detail) => typeof detail.learningRate === 'number')).to.equal(true);

      // The marks set α = 1/c and α = 2/c exactly.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent).to.contain('1/c');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.learningRate).to.equal(1 / CURVATURE);
      expect(el.regime).to.equal('converging');
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent).to.contain('2/c');
      await sendKeys({ press: ' ' }); // Space, by its character (WebDriver BiDi knows no 'Space')
      await el.updateComplete;
      expect(el.learningRate).to.equal(2 / CURVATURE);
      expect(el.regime).to.equal('periodic');
      await el.step(2);
      expect(el.history[1].w).to.be.closeTo(2 * MINIMUM - el.init, 1e-5);
      expect(el.history[2].w).to.be.closeTo(el.init, 1e-5);

      // The cost shape from its select.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.id).to.equal('cost');
    });

    it('drags the start: previews restart the run at most once a frame, the release reports once, the plot edge stops it', async () => {
      const el = await quadratic(0.25);
      await el.step(3);
      const changes: Record<string, unknown>[] = [];
      el.addEventListener('gd-params-change', (event) => changes.push(event.detail));
      // The plot drawn at its measured width, so the positions read below hold during the drag.
      const svg = el.shadowRoot!.querySelector<SVGSVGElement>('.plot svg')!;
      for (let i = 0; i < 100 && Math.abs(svg.viewBox.baseVal.width - svg.getBoundingClientRect().width) > 1; i++) await wait(10);
      await el.updateComplete;
      const handle = el.shadowRoot!.querySelector<SVGGElement>('.handle')!;
      const [left, right] = [Number(handle.getAttribute('aria-valuemin')), Number(handle.getAttribute('aria-valuemax'))];
      const svgBox = svg.getBoundingClientRect();
      const guide = el.shadowRoot!.querySelector('.minimum-guide')!.getBoundingClientRect();
      const start = handle.querySelector('.start')!.getBoundingClientRect();
      // One pixel of the plot, in w (the plot is narrower than the SVG).
      const pixel = (right - left) / (svgBox.width / 2);
      const at = (type: string, clientX: number, clientY: number) =>
        handle.dispatchEvent(new PointerEvent(type, { clientX, clientY, button: 0, pointerType: 'mouse', bubbles: true, composed: true }));
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

      at('pointerdown', start.x + start.width / 2, start.y + start.height / 2);
      await el.updateComplete;
      expect(Math.abs(el.init - INIT), 'the press keeps w₀ under the pointer').to.be.below(pixel);

      at('pointermove', guide.x, start.y);
      at('pointermove', guide.x + guide.width / 2, start.y);
      await frame();
      await el.updateComplete;
      expect(Math.abs(el.init - MINIMUM), 'moved onto w*').to.be.below(pixel);
      expect(el.history, 'a moved start restarts the run').to.have.length(1);
      expect(el.history[0].w).to.equal(el.init);
      expect(changes, 'previews fire no event').to.deep.equal([]);

      at('pointermove', svgBox.right + 500, start.y);
      await frame();
      at('pointerup', svgBox.right + 500, start.y);
      await el.updateComplete;
      expect(el.init, 'stopped at the edge of the plot').to.be.closeTo(right, 1e-3 * Math.abs(right));
      expect(changes).to.deep.equal([{ init: el.init }]);
    });

    it('honours prefers-reduced-motion: the point jumps instead of gliding', async () => {
      const el = await quadratic(0.25);
      const point = el.shadowRoot!.querySelector('.current')!;
      expect(getComputedStyle(point).transitionDuration, 'it glides by default').to.not.equal('0s');
      // Chromium emulates the preference (CDP). WebDriver BiDi (Firefox) has no command for
      // it; there the widget's own rule for it is switched on by making its condition true
      // for the test, so the browser still decides whether the rule reaches the point.
      const emulated = await emulateMedia({ reducedMotion: 'reduce' }).then(
        () => true,
        (error: Error) => {
          if (!/CDP support is required/.test(error.message)) throw error;
          return false;
        },
      );
      const rules = emulated
        ? []
        : el
            .shadowRoot!.adoptedStyleSheets.flatMap((sheet) => Array.from(sheet.cssRules))
            .filter(
              (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /prefers-reduced-motion:\s*reduce/.test(rule.conditionText),
            );
      expect(emulated || rules.length > 0, 'a rule for prefers-reduced-motion').to.equal(true);
      const conditions = rules.map((rule) => rule.media.mediaText);
      for (const rule of rules) rule.media.mediaText = 'all';
      try {
        expect(getComputedStyle(point).transitionDuration).to.equal('0s');
      } finally {
        rules.forEach((rule, i) => (rule.media.mediaText = conditions[i]));
        if (emulated) await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });
  });

  // Last: the policy stays on the page once set.
  it('renders under a Content-Security-Policy that forbids inline styles', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src-attr 'none'";
    document.head.append(meta);
    const violations: string[] = [];
    const listen = (event: SecurityPolicyViolationEvent) =>
      violations.push(`${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`);
    document.addEventListener('securitypolicyviolation', listen);
    try {
      // Control: the policy is active, so a style attribute is reported.
      document.createElement('div').setAttribute('style', 'color: red');
      await wait(50);
      expect(violations.length, 'the policy is active').to.equal(1);
      violations.length = 0;

      const el = await quadratic(0.8);
      await el.step(3);
      await el.updateComplete;
      el.curvature = 3;
      await el.updateComplete;
      await el.step(1);
      await el.updateComplete;
      await wait(50);
      expect(violations).to.deep.equal([]);
      const mark = el.shadowRoot!.querySelector<HTMLElement>('.mark')!;
      expect(mark.style.left).to.match(/%$/);
    } finally {
      document.removeEventListener('securitypolicyviolation', listen);
    }
  });
});
