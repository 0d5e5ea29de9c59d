import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import * as tf from '../../src/core/tf.js';
import '../../src/elements/line-fit/define.js';
import type { GdLineFit } from '../../src/elements/line-fit/gd-line-fit.js';
import type { GdDoneEvent } from '../../src/elements/shared/events.js';
import { settled } from './line-fit/settled.js';

/** Least squares of y ≈ wx + b in float64, from the centred normal equations. */
function leastSquares(x: number[], y: number[]): { w: number; b: number } {
  const m = x.length;
  const meanX = x.reduce((a, v) => a + v, 0) / m;
  const meanY = y.reduce((a, v) => a + v, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (x[i] - meanX) ** 2;
    sxy += (x[i] - meanX) * (y[i] - meanY);
  }
  const w = sxy / sxx;
  return { w, b: meanY - w * meanX };
}

/** (1/m)Σ(wxᵢ + b − yᵢ)², point by point in float64. */
function mse(x: number[], y: number[], w: number, b: number): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += (w * x[i] + b - y[i]) ** 2;
  return total / x.length;
}

/** ∂/∂(w, b) of the MSE over the points `batch`, in float64. */
function batchGradient(x: number[], y: number[], batch: number[], w: number, b: number): [number, number] {
  let gw = 0;
  let gb = 0;
  for (const i of batch) {
    const r = w * x[i] + b - y[i];
    gw += 2 * r * x[i];
    gb += 2 * r;
  }
  return [gw / batch.length, gb / batch.length];
}

function notes(el: GdLineFit): string[] {
  return [...el.shadowRoot!.querySelectorAll('.note')].map((n) => n.textContent ?? '');
}

function button(el: GdLineFit, text: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

describe('<gd-line-fit>', () => {
  it('generates m training points near the true line and shows three views', async () => {
    const el = await fixture<GdLineFit>(
      html`<gd-line-fit size="200" noise="0.1" true-slope="3" true-intercept="0.5" seed="4"></gd-line-fit>`,
    );
    const { x, y } = el.data;
    expect(x).to.have.length(200);
    expect(y).to.have.length(200);
    // Residuals against the truth have the noise's spread (σ = 0.1), independent of the code.
    const residualSd = Math.sqrt(mse(x, y, 3, 0.5));
    expect(residualSd).to.be.within(0.07, 0.13);
    for (const part of ['data', 'plot', 'chart', 'readout', 'controls']) {
      expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.not.equal(null);
    }
    expect(el.params).to.deep.equal({ w: -2, b: 3 });
    expect(el.history).to.have.length(1);
  });

  it('a batch size of m reads as the full batch, as a linked sweep sends it: the box ticked, the number field off', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="50" batch-size="50"></gd-line-fit>`);
    const box = () => el.shadowRoot!.querySelector<HTMLInputElement>('.check input[type="checkbox"]')!;
    const field = () => el.shadowRoot!.querySelector<HTMLInputElement>('input#batch')!;
    expect(box().checked).to.equal(true);
    expect(field().disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('label[for="batch"]')!.textContent).to.contain('full (50)');
    // Unticked, it becomes a mini-batch again.
    box().click();
    await el.updateComplete;
    expect(el.batchSize).to.equal(32);
    expect(box().checked).to.equal(false);
    expect(field().disabled).to.equal(false);
  });

  it('full-batch gradient descent converges to the least-squares line of its data (1e-3)', async () => {
    const el = await fixture<GdLineFit>(
      html`<gd-line-fit
        size="100"
        noise="0.5"
        true-slope="2"
        true-intercept="-1"
        learning-rate="0.4"
        batch-size="full"
        optimizer="sgd"
        init="-2,3"
        seed="7"
      ></gd-line-fit>`,
    );
    const { x, y } = el.data;
    const truth = leastSquares(x, y);
    const done = oneEvent<GdDoneEvent>(el, 'gd-done');
    await el.step(3000);
    expect((await done).detail.reason).to.equal('converged');
    expect(el.status).to.equal('converged');
    const { w, b } = el.params;
    expect(Math.abs(w - truth.w), `w ${w} vs ${truth.w}`).to.be.below(1e-3);
    expect(Math.abs(b - truth.b), `b ${b} vs ${truth.b}`).to.be.below(1e-3);
    // history[0] is the start; every cost is the training MSE at that point.
    const history = el.history;
    expect(history[0]).to.include({ iteration: 0, epoch: 0, w: -2, b: 3 });
    for (const k of [0, 1, 10, history.length - 1]) {
      const entry = history[k];
      expect(entry.iteration).to.equal(k);
      expect(entry.epoch).to.equal(k); // one update per epoch with the full batch
      expect(entry.cost).to.be.closeTo(mse(x, y, entry.w, entry.b), 1e-9 * Math.max(1, entry.cost));
    }
    // Plain GD on a convex quadratic with a stable step never increases the cost.
    for (let k = 1; k < history.length; k++) expect(history[k].cost).to.be.at.most(history[k - 1].cost + 1e-9);
    // The readout shows the same numbers.
    const readout = el.shadowRoot!.querySelector('[part="readout"]')!.textContent;
    expect(readout).to.contain(String(history.length - 1));
  });

  it('one epoch of mini-batches applies ⌈m/b⌉ updates and uses every point once', async () => {
    const el = await fixture<GdLineFit>(
      html`<gd-line-fit size="10" noise="0.3" batch-size="3" learning-rate="0.05" optimizer="sgd" init="0,0" seed="11"></gd-line-fit>`,
    );
    const { x, y } = el.data;
    const perEpoch = Math.ceil(10 / 3);
    expect(el.batchesPerEpoch).to.equal(perEpoch);
    await el.step(2 * perEpoch);
    const history = el.history;
    expect(history.map((h) => h.epoch)).to.deep.equal([0, 0, 0, 0, 1, 1, 1, 1, 2]);
    for (let epoch = 0; epoch < 2; epoch++) {
      const seen: number[] = [];
      for (let k = epoch * perEpoch; k < (epoch + 1) * perEpoch; k++) {
        const batch = el.batchIndices(k);
        seen.push(...batch);
        // The update really used these points: SGD moved by α·∇J_B, with ∇J_B in float64.
        const [gw, gb] = batchGradient(x, y, batch, history[k].w, history[k].b);
        expect(history[k + 1].w).to.be.closeTo(history[k].w - 0.05 * gw, 1e-5);
        expect(history[k + 1].b).to.be.closeTo(history[k].b - 0.05 * gb, 1e-5);
      }
      expect(seen.slice().sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(seen.length).to.equal(10);
    }
  });

  it('with m = 1000 and batches of 64, an epoch is 16 updates covering every point once', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="1000" batch-size="64" seed="13"></gd-line-fit>`);
    expect(el.batchesPerEpoch).to.equal(16);
    await el.step(17);
    const epochs = el.history.map((h) => h.epoch);
    expect(epochs.indexOf(1)).to.equal(16);
    const sizes: number[] = [];
    const seen = new Set<number>();
    for (let k = 0; k < 16; k++) {
      const batch = el.batchIndices(k);
      sizes.push(batch.length);
      batch.forEach((i) => seen.add(i));
    }
    expect(sizes).to.deep.equal([...Array<number>(15).fill(64), 1000 - 15 * 64]);
    expect(seen.size).to.equal(1000);
    // The next epoch is a fresh shuffle, not a replay of the first.
    expect(el.batchIndices(16)).to.not.deep.equal(el.batchIndices(0));
  });

  it('batch size 1: the gradients alone show each epoch visits every point exactly once', async () => {
    const el = await fixture<GdLineFit>(
      html`<gd-line-fit size="12" noise="0.4" batch-size="1" learning-rate="0.01" optimizer="sgd" init="1,1" seed="5"></gd-line-fit>`,
    );
    const { x, y } = el.data;
    await el.step(12);
    const history = el.history;
    const visited: number[] = [];
    for (let k = 0; k < 12; k++) {
      // One point i gives ∇ = 2rᵢ(xᵢ, 1): the step's direction names xᵢ, its size rᵢ.
      const gw = (history[k].w - history[k + 1].w) / 0.01;
      const gb = (history[k].b - history[k + 1].b) / 0.01;
      const candidates = x
        .map((xi, i) => ({
          i,
          error: Math.hypot(gw - 2 * (history[k].w * xi + history[k].b - y[i]) * xi, gb - 2 * (history[k].w * xi + history[k].b - y[i])),
        }))
        .sort((p, q) => p.error - q.error);
      expect(candidates[0].error, `update ${k}`).to.be.below(1e-3);
      visited.push(candidates[0].i);
    }
    expect(visited.slice().sort((a, b) => a - b)).to.deep.equal([...Array(12).keys()]);
    expect(history[12].epoch).to.equal(1);
    expect(history[11].epoch).to.equal(0);
  });

  it("the landscape's lowest cell is the cell nearest the least-squares solution", async () => {
    for (const [seed, size, noise] of [
      [3, 50, 1],
      [8, 1000, 0.5],
      [11, 100000, 0.5],
    ]) {
      const el = await fixture<GdLineFit>(html`<gd-line-fit size=${size} noise=${noise} seed=${seed}></gd-line-fit>`);
      const { x, y } = el.data;
      const truth = leastSquares(x, y);
      const grid = el.costGrid;
      const { n, domain } = grid;
      let best = 0;
      for (let i = 1; i < grid.values.length; i++) if (grid.values[i] < grid.values[best]) best = i;
      const nearestColumn = Math.round(((truth.w - domain.w[0]) / (domain.w[1] - domain.w[0])) * (n - 1));
      const nearestRow = Math.round(((truth.b - domain.b[0]) / (domain.b[1] - domain.b[0])) * (n - 1));
      expect({ row: Math.floor(best / n), column: best % n }).to.deep.equal({ row: nearestRow, column: nearestColumn });
      // Spot-check grid values against the point-by-point MSE.
      for (const [row, column] of [
        [0, 0],
        [n - 1, Math.floor(n / 3)],
      ]) {
        const w = domain.w[0] + ((domain.w[1] - domain.w[0]) * column) / (n - 1);
        const b = domain.b[0] + ((domain.b[1] - domain.b[0]) * row) / (n - 1);
        const expected = mse(x, y, w, b);
        expect(grid.values[row * n + column]).to.be.closeTo(expected, 1e-4 * expected);
      }
    }
  });

  it('the same seed reproduces the same data and run; "New dataset" changes both', async () => {
    const make = () =>
      fixture<GdLineFit>(html`<gd-line-fit size="40" batch-size="8" learning-rate="0.1" optimizer="adam" seed="21"></gd-line-fit>`);
    const a = await make();
    const b = await make();
    expect(a.data).to.deep.equal(b.data);
    await a.step(15);
    await b.step(15);
    expect(a.history).to.deep.equal(b.history);
    const change = oneEvent(a, 'gd-params-change');
    button(a, 'New dataset').click();
    const event = await change;
    expect(event.detail).to.deep.equal({ seed: 22 });
    await a.updateComplete;
    expect(a.data.x).to.not.deep.equal(b.data.x);
    expect(a.history).to.have.length(1);
  });

  it('a test split adds a hold-out set and its cost', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="80" test-split="0.25" seed="2"></gd-line-fit>`);
    const test = el.testData;
    expect(el.data.x).to.have.length(80);
    expect(test.x).to.have.length(20);
    await el.step(5);
    const last = el.history[5];
    expect(last.testCost).to.be.closeTo(mse(test.x, test.y, last.w, last.b), 1e-9);
    expect(el.shadowRoot!.querySelector('[part="chart"]')!.textContent).to.contain('test');
  });

  it('a too-large learning rate diverges: it stops, says so and fires gd-done', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="50" learning-rate="5" seed="3"></gd-line-fit>`);
    const done = oneEvent<GdDoneEvent>(el, 'gd-done');
    await el.step(400);
    expect((await done).detail.reason).to.equal('diverged');
    expect(el.status).to.equal('diverged');
    await el.updateComplete;
    expect(notes(el).join(' ')).to.match(/Diverged/);
    // The parameters shown are the last finite ones, never NaN.
    expect(Number.isFinite(el.params.w) && Number.isFinite(el.params.b)).to.equal(true);
    expect(el.shadowRoot!.textContent).to.not.contain('NaN');
  });

  describe('bad values', () => {
    let warnings: string[];
    let original: typeof console.warn;
    beforeEach(() => {
      warnings = [];
      original = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    });
    afterEach(() => {
      console.warn = original;
    });

    const cases: [string, string, string, unknown][] = [
      ['size', '-5', 'size', 100],
      ['batch-size', '0', 'batchSize', 'full'],
      ['batch-size', 'huge', 'batchSize', 'full'],
      ['noise', 'NaN', 'noise', 0.5],
      ['init', '1', 'init', '-2,3'],
    ];
    for (const [attribute, value, property, kept] of cases) {
      it(`${attribute}="${value}" keeps ${JSON.stringify(kept)}, shows a note and warns once`, async () => {
        const el = await fixture<GdLineFit>(html`<gd-line-fit></gd-line-fit>`);
        const before = el.data;
        expect(() => el.setAttribute(attribute, value)).to.not.throw();
        await el.updateComplete;
        expect((el as unknown as Record<string, unknown>)[property]).to.equal(kept);
        const shown = notes(el).join(' ');
        expect(shown).to.contain(attribute);
        expect(shown).to.contain(value);
        const note = el.shadowRoot!.querySelector('.note') as HTMLElement;
        expect(note.getBoundingClientRect().height).to.be.above(0);
        const aboutThis = (w: string) => w.includes(`${attribute}=${value};`) || w.includes(`${attribute}="${value}";`);
        expect(warnings.filter(aboutThis)).to.have.length(1);
        // The widget still works with the kept value.
        expect(el.data).to.deep.equal(before);
        await el.step(2);
        expect(el.history).to.have.length(3);
        // The same bad value again does not warn a second time.
        el.setAttribute(attribute, 'other');
        await el.updateComplete;
        el.setAttribute(attribute, value);
        await el.updateComplete;
        expect(warnings.filter(aboutThis)).to.have.length(1);
      });
    }

    it('a good value after a bad one clears the note and applies', async () => {
      const el = await fixture<GdLineFit>(html`<gd-line-fit batch-size="huge"></gd-line-fit>`);
      expect(notes(el).join(' ')).to.contain('batch-size');
      el.setAttribute('batch-size', '16');
      await el.updateComplete;
      expect(el.batchSize).to.equal(16);
      expect(el.batchesPerEpoch).to.equal(Math.ceil(100 / 16));
      expect(notes(el)).to.have.length(0);
    });
  });

  it('has no axe violations, in light and dark', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit theme="light" test-split="0.2"></gd-line-fit>`);
    await el.step(3);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('keyboard', () => {
    it('arrow keys move the red initialisation (Shift for bigger steps)', async () => {
      const el = await fixture<GdLineFit>(html`<gd-line-fit init="0,0" true-slope="0" true-intercept="0" noise="0.2"></gd-line-fit>`);
      const events: unknown[] = [];
      el.addEventListener('gd-params-change', (e) => events.push(e.detail));
      const handle = el.shadowRoot!.querySelector('[part~="handle"]') as SVGGElement;
      handle.focus();
      expect(el.shadowRoot!.activeElement).to.equal(handle);
      const { w: w0, b: b0 } = el.params;
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      const small = el.params.w - w0;
      expect(small).to.be.above(0);
      expect(el.params.b).to.equal(b0);
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ up: 'Shift' });
      await el.updateComplete;
      const big = el.params.b - b0;
      expect(big).to.be.closeTo(10 * small, 1e-9 + 1e-3 * big);
      expect(events.length).to.equal(2);
      // The new start is where the next run begins.
      await el.step(1);
      expect(el.history[0]).to.include({ w: w0 + small, b: b0 + big });
    });

    it('every control is reachable with Tab and works from the keyboard', async () => {
      // A control after the widget: Tab leaves the widget into the page, not out of the
      // document (Firefox then stops firing focus events in every later test file).
      const holder = await fixture<HTMLDivElement>(html`<div><gd-line-fit size="20"></gd-line-fit><button>after</button></div>`);
      const el = holder.querySelector('gd-line-fit')!;
      await el.updateComplete;
      const focused: string[] = [];
      const first = el.shadowRoot!.querySelector('[part~="handle"]') as SVGGElement;
      first.focus();
      for (let i = 0; i < 20; i++) {
        const active = el.shadowRoot!.activeElement as HTMLElement | null;
        if (!active) break;
        focused.push(active.id || active.getAttribute('aria-label') || active.textContent.trim() || active.tagName);
        await sendKeys({ press: 'Tab' });
      }
      expect(document.activeElement, 'Tab leaves the widget for the next control').to.equal(holder.querySelector('button'));
      for (const name of ['10', '100', '1,000', 'noise', 'New dataset', 'rate', 'optimizer', 'Play', 'Step', 'Reset']) {
        expect(
          focused.some((f) => f.startsWith(name)),
          `${name} in ${focused.join(' | ')}`,
        ).to.equal(true);
      }
      // Step by keyboard applies one update; Enter on "1,000" sets m.
      button(el, 'Step').focus();
      await sendKeys({ press: 'Enter' });
      await el.step(0);
      await new Promise((r) => setTimeout(r, 50));
      expect(el.history).to.have.length(2);
      button(el, '1,000').focus();
      await sendKeys({ press: ' ' }); // the Space key (WebDriver BiDi knows it only by its character)
      await el.updateComplete;
      expect(el.size).to.equal(1000);
      expect(el.data.x).to.have.length(1000);
    });

    it('the learning-rate slider moves on a log scale from the keyboard', async () => {
      const el = await fixture<GdLineFit>(html`<gd-line-fit learning-rate="0.1" link="kbd-test"></gd-line-fit>`);
      const peer = await fixture<GdLineFit>(html`<gd-line-fit learning-rate="0.1" link="kbd-test"></gd-line-fit>`);
      const slider = el.shadowRoot!.querySelector('#rate') as HTMLInputElement;
      slider.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.learningRate).to.be.closeTo(0.1 * 10 ** 0.01, 1e-3);
      // A linked widget follows the user's change.
      expect(peer.learningRate).to.equal(el.learningRate);
    });
  });

  it('programmatic property sets update live and fire no events', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit></gd-line-fit>`);
    let fired = 0;
    el.addEventListener('gd-params-change', () => fired++);
    el.size = 30;
    el.batchSize = 10;
    el.optimizer = 'momentum';
    await el.updateComplete;
    expect(el.data.x).to.have.length(30);
    expect(el.batchesPerEpoch).to.equal(3);
    expect(fired).to.equal(0);
  });

  it('dragging the red dot moves the start; dragging past the edge clamps to the plot', async () => {
    const el = await fixture<GdLineFit>(
      html`<gd-line-fit init="0,0" true-slope="0" true-intercept="0" style="width: 900px"></gd-line-fit>`,
    );
    await settled(el);
    const grid = el.costGrid;
    const canvas = el.shadowRoot!.querySelector('canvas.contours')!.getBoundingClientRect();
    const dot = el.shadowRoot!.querySelector('.init-dot')!.getBoundingClientRect();
    const from: [number, number] = [Math.round(dot.x + dot.width / 2), Math.round(dot.y + dot.height / 2)];
    // Aim at three quarters across (w) and a quarter down (b) of the map.
    const to: [number, number] = [Math.round(canvas.x + canvas.width * 0.75), Math.round(canvas.y + canvas.height * 0.25)];
    await sendMouse({ type: 'move', position: from });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: to });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    const { w: w0, b: b0 } = el.history[0];
    const wAt = grid.domain.w[0] + 0.75 * (grid.domain.w[1] - grid.domain.w[0]);
    const bAt = grid.domain.b[1] - 0.25 * (grid.domain.b[1] - grid.domain.b[0]);
    // Data units per pixel on each axis; the mouse lands on whole pixels.
    const wPixel = (grid.domain.w[1] - grid.domain.w[0]) / canvas.width;
    const bPixel = (grid.domain.b[1] - grid.domain.b[0]) / canvas.height;
    expect(w0).to.be.closeTo(wAt, 2 * wPixel);
    expect(b0).to.be.closeTo(bAt, 2 * bPixel);
    // Far outside the map: the start stops at the domain's corner.
    const now = el.shadowRoot!.querySelector('.init-dot')!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(now.x + now.width / 2), Math.round(now.y + now.height / 2)] });
    await sendMouse({ type: 'down' });
    // Beyond the map's right and top edges, but inside the viewport (WebDriver BiDi rejects
    // a pointer outside it).
    const beyond: [number, number] = [Math.min(Math.round(canvas.right + 300), innerWidth - 1), Math.max(Math.round(canvas.top - 300), 0)];
    expect(beyond[0] > canvas.right && beyond[1] < canvas.top, 'the target lies beyond both edges').to.equal(true);
    await sendMouse({ type: 'move', position: beyond });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(el.params.w).to.be.closeTo(grid.domain.w[1], 1e-3);
    expect(el.params.b).to.be.closeTo(grid.domain.b[1], 1e-3);
  });

  it('a drag that starts while the widget is being resized lands under the pointer', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit init="0,0" true-slope="0" true-intercept="0"></gd-line-fit>`);
    await settled(el);
    const svgElement = el.shadowRoot!.querySelector<SVGSVGElement>('.plot svg:has(.handle)')!;
    const drawnWidth = svgElement.width.baseVal.value;
    const grid = el.costGrid;
    const handle = el.shadowRoot!.querySelector('.handle')!;
    const at = (type: string, clientX: number, clientY: number) =>
      handle.dispatchEvent(new PointerEvent(type, { clientX, clientY, button: 0, pointerType: 'mouse', bubbles: true, composed: true }));
    // The widget measures a new width at once and re-renders in the next animation frame;
    // holding the frames back keeps it between the two while the drag starts.
    const frames: FrameRequestCallback[] = [];
    const requestFrame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => frames.push(callback);
    let measured = false;
    const target: number[] = [];
    const observer = new ResizeObserver(() => (measured = true));
    try {
      el.style.width = `${el.getBoundingClientRect().width - 200}px`;
      observer.observe(el);
      for (let i = 0; i < 100 && !(measured && frames.length > 0); i++) await new Promise((r) => setTimeout(r, 10));
      expect(measured && frames.length > 0, 'the widget measured the new width').to.equal(true);
      expect(svgElement.width.baseVal.value, 'the plot is still drawn at its old size').to.equal(drawnWidth);
      // Where the map and the dot are now (laid out at the new width, drawn at the old).
      const canvas = el.shadowRoot!.querySelector('canvas.contours')!.getBoundingClientRect();
      const dot = handle.querySelector('.init-dot')!.getBoundingClientRect();
      target.push(canvas.x + canvas.width * 0.75, canvas.y + canvas.height * 0.25, canvas.width, canvas.height);
      // To three quarters across (w) and a quarter down (b) of the map as drawn.
      at('pointerdown', dot.x + dot.width / 2, dot.y + dot.height / 2);
      at('pointermove', target[0], target[1]);
      at('pointerup', target[0], target[1]);
    } finally {
      observer.disconnect();
      window.requestAnimationFrame = requestFrame;
      for (const callback of frames) requestFrame(callback);
    }
    await el.updateComplete;
    const wAt = grid.domain.w[0] + 0.75 * (grid.domain.w[1] - grid.domain.w[0]);
    const bAt = grid.domain.b[1] - 0.25 * (grid.domain.b[1] - grid.domain.b[0]);
    const { w, b } = el.history[0];
    expect(w).to.be.closeTo(wAt, (grid.domain.w[1] - grid.domain.w[0]) / target[2]);
    expect(b).to.be.closeTo(bAt, (grid.domain.b[1] - grid.domain.b[0]) / target[3]);
  });

  it('reads never see an unchecked value, and a string set from script is a number', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="50" seed="9"></gd-line-fit>`);
    const before = el.data;
    (el as unknown as { size: unknown }).size = -7;
    expect(() => el.data).to.not.throw();
    expect(el.data).to.deep.equal(before);
    await el.updateComplete;
    (el as unknown as { seed: unknown }).seed = '9';
    await el.updateComplete;
    expect(el.data).to.deep.equal(before);
  });

  it('fires gd-step on every step with the new values, and plays on its own', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="30" speed="2" seed="6"></gd-line-fit>`);
    const steps: { iteration: number; values: Record<string, unknown> }[] = [];
    el.addEventListener('gd-step', (e) => steps.push(e.detail));
    await el.step(3);
    expect(steps).to.have.length(1);
    expect(steps[0].iteration).to.equal(3);
    expect(steps[0].values.w).to.equal(el.params.w);
    el.play();
    await new Promise((r) => setTimeout(r, 400));
    el.pause();
    await el.step(0);
    const after = el.history.length;
    expect(after).to.be.above(5);
    // speed="2": every frame applies two updates.
    expect((after - 1 - 3) % 2).to.equal(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(el.history.length).to.equal(after);
  });

  it('formats numbers for its language', async () => {
    const wrapper = await fixture(html`<div lang="de"><gd-line-fit init="-2.5,3"></gd-line-fit></div>`);
    const el = wrapper.querySelector('gd-line-fit') as GdLineFit;
    await el.updateComplete;
    const readout = el.shadowRoot!.querySelector('[part="readout"]')!.textContent;
    expect(readout).to.contain('-2,5');
  });

  it('paints its canvases once a frame, however many changes land in that frame', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="40" seed="3"></gd-line-fit>`);
    await settled(el);
    // Each drawn layer starts with a clearRect on its canvas (a paint of several layers
    // clears several canvases once each).
    const cleared = new Map<string, number>();
    const { prototype } = CanvasRenderingContext2D;
    const clearRect = Object.getOwnPropertyDescriptor(prototype, 'clearRect')!;
    const original = clearRect.value as (this: CanvasRenderingContext2D, ...args: number[]) => void;
    Object.defineProperty(prototype, 'clearRect', {
      ...clearRect,
      value(this: CanvasRenderingContext2D, ...args: number[]) {
        const name = this.canvas.className;
        cleared.set(name, (cleared.get(name) ?? 0) + 1);
        original.apply(this, args);
      },
    });
    // The frame is held back while the changes arrive, so they all land before it.
    const frames: FrameRequestCallback[] = [];
    const requestFrame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => frames.push(callback);
    try {
      el.learningRate = 0.3;
      await el.updateComplete;
      el.noise = 1;
      await el.updateComplete;
      await el.step(4);
      await el.updateComplete;
      el.init = '1,1';
      await el.updateComplete;
      expect(cleared.size, 'nothing painted before the frame').to.equal(0);
      const held = frames.splice(0);
      for (const callback of held) callback(performance.now());
      expect(cleared.get('costs'), 'one paint of the cost chart').to.equal(1);
      // The data changed (new noise): the scatter is redrawn once too.
      expect(cleared.get('scatter')).to.equal(1);
      expect(frames.length, 'no paint left waiting').to.equal(0);
    } finally {
      window.requestAnimationFrame = requestFrame;
      Object.defineProperty(prototype, 'clearRect', clearRect);
      for (const callback of frames) requestFrame(callback);
    }
  });

  it('keeps the live tensor count flat while stepping and frees its tensors when removed', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="200" batch-size="10" optimizer="adam"></gd-line-fit>`);
    await el.step(10);
    const live = tf.memory().numTensors;
    await el.step(500);
    expect(tf.memory().numTensors).to.equal(live);
    const parent = el.parentElement!;
    el.remove();
    await new Promise((r) => setTimeout(r, 20));
    expect(tf.memory().numTensors).to.be.below(live);
    // Put back, it carries on from where it was.
    parent.appendChild(el);
    await el.step(5);
    expect(el.history).to.have.length(516);
    expect(el.history[515].iteration).to.equal(515);
  });
});
