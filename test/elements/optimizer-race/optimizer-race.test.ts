import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/elements/optimizer-race/define.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';
import type { GdOptimizer } from '../../../src/elements/optimizer/gd-optimizer.js';
import { PixelPath } from '../../../src/elements/optimizer-race/internal/view/pixel-path.js';
import type { GdDoneEvent } from '../../../src/elements/shared/events.js';

// ---------------------------------------------------------------------------
// Independent truth: the README's update rules in float64 with closed-form gradients.

type Vec = [number, number];
type Gradient = (w: Vec) => Vec;

/** Booth: J = (w1 + 2 w2 − 7)² + (2 w1 + w2 − 5)². */
const boothCost = ([a, b]: Vec) => (a + 2 * b - 7) ** 2 + (2 * a + b - 5) ** 2;
const boothGradient: Gradient = ([a, b]) => {
  const u = a + 2 * b - 7;
  const v = 2 * a + b - 5;
  return [2 * u + 4 * v, 4 * u + 2 * v];
};
/** Himmelblau: J = (w1² + w2 − 11)² + (w1 + w2² − 7)². */
const himmelblauCost = ([a, b]: Vec) => (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2;

interface Settings {
  type: 'sgd' | 'momentum' | 'rmsprop' | 'adam';
  learningRate: number;
  decay?: number;
  beta?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

function reference(settings: Settings, gradient: Gradient, start: Vec, steps: number): Vec[] {
  const { type, learningRate, decay = 0, beta = 0.9, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = settings;
  const w: Vec = [...start];
  const V = [0, 0];
  const S = [0, 0];
  const points: Vec[] = [[...w]];
  for (let t = 0; t < steps; t++) {
    const alpha = learningRate / (1 + decay * t);
    const dW = gradient(w);
    for (let i = 0; i < 2; i++) {
      if (type === 'sgd') w[i] -= alpha * dW[i];
      if (type === 'momentum') {
        V[i] = beta * V[i] + (1 - beta) * dW[i];
        w[i] -= alpha * V[i];
      }
      if (type === 'rmsprop') {
        S[i] = beta * S[i] + (1 - beta) * dW[i] ** 2;
        w[i] -= (alpha * dW[i]) / (Math.sqrt(S[i]) + epsilon);
      }
      if (type === 'adam') {
        V[i] = beta1 * V[i] + (1 - beta1) * dW[i];
        S[i] = beta2 * S[i] + (1 - beta2) * dW[i] ** 2;
        const vHat = V[i] / (1 - beta1 ** (t + 1));
        const sHat = S[i] / (1 - beta2 ** (t + 1));
        w[i] -= (alpha * vHat) / (Math.sqrt(sHat) + epsilon);
      }
    }
    points.push([...w]);
  }
  return points;
}

/** float32 arithmetic against float64: relative 3e-5 with an absolute floor. */
function expectClose(actual: number, expected: number, scale = 1, message = ''): void {
  const tolerance = 3e-5 * Math.max(scale, Math.abs(expected));
  expect(Math.abs(actual - expected), `${message}: ${actual} vs ${expected}`).to.be.at.most(tolerance);
}

function expectPath(actual: [number, number][], expected: Vec[], message: string): void {
  expect(actual.length, `${message}: number of points`).to.equal(expected.length);
  expected.forEach(([a, b], k) => {
    expectClose(actual[k][0], a, 1, `${message} w1 at step ${k}`);
    expectClose(actual[k][1], b, 1, `${message} w2 at step ${k}`);
  });
}

function childAttributes(s: Settings): Record<string, string> {
  const attributes: Record<string, string> = { type: s.type, 'learning-rate': String(s.learningRate) };
  for (const key of ['decay', 'beta', 'beta1', 'beta2', 'epsilon'] as const) {
    if (s[key] !== undefined) attributes[key] = String(s[key]);
  }
  return attributes;
}

function makeChild(s: Settings, label?: string): GdOptimizer {
  const child = document.createElement('gd-optimizer');
  for (const [name, value] of Object.entries(childAttributes(s))) child.setAttribute(name, value);
  if (label) child.setAttribute('label', label);
  return child;
}

function notesText(el: GdOptimizerRace): string {
  return el.shadowRoot!.querySelector('.notes')!.textContent ?? '';
}

/** Captures console.warn calls while `body` runs. */
async function captureWarnings(body: () => Promise<void>): Promise<string[]> {
  const original = console.warn;
  const messages: string[] = [];
  console.warn = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return messages;
}

const BOOTH_RACE: Settings[] = [
  { type: 'sgd', learningRate: 0.01 },
  { type: 'momentum', learningRate: 0.03, beta: 0.8 },
  { type: 'rmsprop', learningRate: 0.1, decay: 0.05 },
  { type: 'adam', learningRate: 0.3, beta1: 0.85, beta2: 0.99 },
];

describe('<gd-optimizer-race>', () => {
  it('races SGD, Momentum, RMSprop and Adam from the landscape start when it has no children', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau"></gd-optimizer-race>`);
    const trajectories = el.trajectories;
    expect(trajectories.map((t) => t.type)).to.deep.equal(['sgd', 'momentum', 'rmsprop', 'adam']);
    for (const t of trajectories) {
      expect(t.points).to.deep.equal([[0, 0]]);
      expect(t.costs[0]).to.equal(himmelblauCost([0, 0])); // 170, exact in float32
      expect(t.status).to.equal('running');
    }
    expect(el.shadowRoot!.querySelectorAll('.legend-item')).to.have.length(4);
    expect(el.shadowRoot!.querySelectorAll('input[type=radio][name=landscape]')).to.have.length(14);
  });

  it('matches float64 references of SGD, Momentum, RMSprop and Adam after 20 steps on Booth from (−6, 8)', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth" start="-6,8"></gd-optimizer-race>`);
    for (const s of BOOTH_RACE) el.append(makeChild(s));
    await el.step(20);
    const trajectories = el.trajectories;
    expect(trajectories.map((t) => t.type)).to.deep.equal(['sgd', 'momentum', 'rmsprop', 'adam']);
    BOOTH_RACE.forEach((s, i) => {
      const expected = reference(s, boothGradient, [-6, 8], 20);
      expectPath(trajectories[i].points, expected, s.type);
      expected.forEach((point, k) => expectClose(trajectories[i].costs[k], boothCost(point), 1, `${s.type} cost at ${k}`));
      expect(trajectories[i].status).to.equal('running');
    });
  });

  it('keeps every optimizer at a listed minimum and reports the published minimum value', async () => {
    const cases: { landscape: string; start: Vec; value: number }[] = [
      { landscape: 'booth', start: [1, 3], value: 0 },
      { landscape: 'himmelblau', start: [3, 2], value: 0 },
      { landscape: 'rosenbrock', start: [1, 1], value: 0 },
      { landscape: 'matyas', start: [0, 0], value: 0 },
      { landscape: 'goldstein-price', start: [0, -1], value: 3 },
    ];
    for (const { landscape, start, value } of cases) {
      const el = await fixture<GdOptimizerRace>(
        html`<gd-optimizer-race landscape=${landscape} start=${start.join(',')}></gd-optimizer-race>`,
      );
      await el.step(10);
      for (const t of el.trajectories) {
        expect(t.costs[0], `${landscape} ${t.type} costs[0]`).to.be.closeTo(value, 1e-6);
        for (const [a, b] of t.points) {
          expect(a, `${landscape} ${t.type} w1`).to.be.closeTo(start[0], 1e-6);
          expect(b, `${landscape} ${t.type} w2`).to.be.closeTo(start[1], 1e-6);
        }
        expect(t.status, `${landscape} ${t.type}`).to.not.equal('diverged');
      }
    }
  });

  it('follows children added, removed and changed at run time', async () => {
    const sgd: Settings = { type: 'sgd', learningRate: 0.02 };
    const adam: Settings = { type: 'adam', learningRate: 0.5 };
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="booth" start="-6,8">
        <gd-optimizer type="sgd" learning-rate="0.02" label="slow"></gd-optimizer>
      </gd-optimizer-race>`,
    );
    await el.step(3);
    expect(el.trajectories.map((t) => t.label)).to.deep.equal(['slow']);

    // Added: the race restarts with both, in document order.
    el.append(makeChild(adam, 'fast'));
    await el.step(5);
    let trajectories = el.trajectories;
    expect(trajectories.map((t) => t.label)).to.deep.equal(['slow', 'fast']);
    expectPath(trajectories[0].points, reference(sgd, boothGradient, [-6, 8], 5), 'sgd after add');
    expectPath(trajectories[1].points, reference(adam, boothGradient, [-6, 8], 5), 'adam after add');
    expect(el.shadowRoot!.querySelectorAll('.legend-item')).to.have.length(2);

    // Changed: a new learning rate on the child.
    const first = el.querySelector('gd-optimizer')!;
    first.setAttribute('learning-rate', '0.05');
    await first.updateComplete;
    await el.step(4);
    trajectories = el.trajectories;
    expectPath(trajectories[0].points, reference({ type: 'sgd', learningRate: 0.05 }, boothGradient, [-6, 8], 4), 'sgd after change');

    // Changed by property, and the type too.
    first.type = 'momentum';
    first.beta = 0.5;
    await first.updateComplete;
    await el.step(4);
    expect(el.trajectories[0].type).to.equal('momentum');
    expectPath(
      el.trajectories[0].points,
      reference({ type: 'momentum', learningRate: 0.05, beta: 0.5 }, boothGradient, [-6, 8], 4),
      'momentum after type change',
    );

    // Removed.
    first.remove();
    await el.step(2);
    trajectories = el.trajectories;
    expect(trajectories.map((t) => t.label)).to.deep.equal(['fast']);
    expectPath(trajectories[0].points, reference(adam, boothGradient, [-6, 8], 2), 'adam after remove');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.legend-item')).to.have.length(1);
  });

  it('keeps the last good landscape and start on bad values, says so, and warns once', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth" start="-6,8"></gd-optimizer-race>`);
    const warnings = await captureWarnings(async () => {
      el.setAttribute('landscape', 'nope');
      await el.updateComplete;
      el.setAttribute('speed', '7');
      await el.updateComplete;
    });
    expect(el.landscape).to.equal('booth');
    expect(el.trajectories[0].points[0]).to.deep.equal([-6, 8]);
    expect(notesText(el)).to.contain('landscape');
    expect(notesText(el)).to.contain('nope');
    expect(warnings.filter((w) => w.includes('landscape'))).to.have.length(1);

    const startWarnings = await captureWarnings(async () => {
      el.setAttribute('start', '1');
      await el.updateComplete;
    });
    expect(el.trajectories[0].points[0]).to.deep.equal([-6, 8]);
    expect(notesText(el)).to.contain('start');
    expect(startWarnings.filter((w) => w.includes('start'))).to.have.length(1);
    expect(el.shadowRoot!.querySelector('.notes')!.getAttribute('role')).to.equal('status');
  });

  it('uses the default for a bad learning rate or type on a child, says so, and warns once', async () => {
    let el!: GdOptimizerRace;
    const warnings = await captureWarnings(async () => {
      el = await fixture<GdOptimizerRace>(
        html`<gd-optimizer-race landscape="booth" start="-6,8">
          <gd-optimizer type="sgd" learning-rate="-3"></gd-optimizer>
          <gd-optimizer type="sgd-with-wings" learning-rate="0.02"></gd-optimizer>
        </gd-optimizer-race>`,
      );
      await el.step(3);
      await el.updateComplete;
    });
    const [bad, unknown] = el.trajectories;
    // SGD on Booth defaults to α = 0.01 (the panel shows which value is in force).
    expectPath(bad.points, reference({ type: 'sgd', learningRate: 0.01 }, boothGradient, [-6, 8], 3), 'default α');
    const panelRate = el.shadowRoot!.querySelector<HTMLInputElement>('.card input[type=number]')!;
    expect(Number(panelRate.value)).to.equal(0.01);
    expect(unknown.type).to.equal('sgd');
    expectPath(unknown.points, reference({ type: 'sgd', learningRate: 0.02 }, boothGradient, [-6, 8], 3), 'unknown type → sgd');
    expect(notesText(el)).to.contain('learning-rate="-3"');
    expect(notesText(el)).to.contain('sgd-with-wings');
    expect(warnings.filter((w) => w.includes('learning-rate'))).to.have.length(1);
    expect(warnings.filter((w) => w.includes('sgd-with-wings'))).to.have.length(1);
  });

  it('never throws on hostile values', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    await captureWarnings(async () => {
      for (const value of ['', 'abc', 'NaN,1', 'Infinity,0', '1,2,3']) {
        el.setAttribute('start', value);
        await el.updateComplete;
      }
      el.setAttribute('speed', '-4');
      el.setAttribute('landscape', '<img src=x onerror=alert(1)>');
      await el.updateComplete;
      await el.step(2);
    });
    expect(el.trajectories[0].points).to.have.length(3);
    expect(el.shadowRoot!.querySelector('img[src=x]')).to.equal(null);
  });

  it('marks a diverging optimizer and lets the others carry on', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="booth" start="-6,8">
        <gd-optimizer type="sgd" learning-rate="5" label="reckless"></gd-optimizer>
        <gd-optimizer type="adam" learning-rate="0.1" label="careful"></gd-optimizer>
      </gd-optimizer-race>`,
    );
    await el.step(60);
    await el.updateComplete;
    const [reckless, careful] = el.trajectories;
    expect(reckless.status).to.equal('diverged');
    expect(reckless.points.length).to.be.below(61);
    expect(reckless.points.flat().every(Number.isFinite)).to.equal(true);
    expect(careful.status).to.equal('running');
    expectPath(careful.points, reference({ type: 'adam', learningRate: 0.1 }, boothGradient, [-6, 8], 60), 'careful adam');
    const status = el.shadowRoot!.querySelectorAll('.legend-status')[0].textContent;
    expect(status).to.match(/diverged at step \d+/);
  });

  it('has no axe violations', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="rosenbrock"></gd-optimizer-race>`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('moves the start point with the arrow keys (1% of the domain, 10% with Shift)', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau"></gd-optimizer-race>`);
    const handle = el.shadowRoot!.querySelector<SVGGElement>('.handle')!;
    handle.focus();
    const changes: unknown[] = [];
    el.addEventListener('gd-params-change', (event) => changes.push(event.detail));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ up: 'Shift' });
    await el.updateComplete;
    const [a, b] = el.trajectories[0].points[0];
    // Himmelblau's domain is [−5, 5]²: 1% is 0.1, 10% is 1.
    expect(a).to.be.closeTo(0.1 - 1, 1e-9);
    expect(b).to.be.closeTo(0.2, 1e-9);
    expect(changes).to.have.length(4);
    expect(handle.getAttribute('aria-valuetext')).to.contain('-0.9');
    // Clamped at the edge.
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 8; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    expect(el.trajectories[0].points[0][1]).to.equal(-5);
  });

  it('picks a landscape with the keyboard through the thumbnail radio group', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau"></gd-optimizer-race>`);
    const checked = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=landscape]:checked')!;
    expect(checked.value).to.equal('himmelblau');
    checked.focus();
    setTimeout(() => void sendKeys({ press: 'ArrowRight' }));
    const event = await oneEvent(el, 'gd-params-change');
    expect(event.detail).to.deep.equal({ landscape: 'rosenbrock' });
    await el.updateComplete;
    expect(el.landscape).to.equal('rosenbrock');
    // The start moves to Rosenbrock's start (−1.2, 1), where J = 4.4 + 100·0.44² = 24.2.
    const [t] = el.trajectories;
    expect(t.points[0]).to.deep.equal([-1.2, 1]);
    expect(t.costs[0]).to.be.closeTo(24.2, 1e-4);
  });

  it('plays, steps and resets from the keyboard, and fires gd-step', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="rosenbrock" speed="3"></gd-optimizer-race>`);
    const stepButton = el.shadowRoot!.querySelector<HTMLButtonElement>('button.step')!;
    stepButton.focus();
    let steps = 0;
    el.addEventListener('gd-step', () => steps++);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    expect(el.trajectories[0].points).to.have.length(3);
    expect(steps).to.equal(2);

    const play = el.shadowRoot!.querySelector<HTMLButtonElement>('button.play')!;
    play.focus();
    await sendKeys({ press: ' ' }); // Space, by its character (WebDriver BiDi knows no 'Space')
    expect(el.playing).to.equal(true);
    await oneEvent(el, 'gd-step');
    await oneEvent(el, 'gd-step');
    await sendKeys({ press: ' ' }); // Space, by its character (WebDriver BiDi knows no 'Space')
    expect(el.playing).to.equal(false);
    const length = el.iteration + 1;
    expect(length).to.be.above(3 + 3); // at least `speed` updates in each of two frames
    // All in step: each optimizer still running made every update. Rosenbrock, because on
    // Booth plain GD stops at its minimum after about 75 updates and the whole race after
    // about 280 (0.4 s and 1.5 s of play at speed 3, which a slow machine's key round trips
    // can take; Space would then start a new play). On Rosenbrock all four still run after
    // 1,000 updates; one that stopped would keep the path it had.
    for (const t of el.trajectories) {
      if (t.status === 'running') expect(t.points, t.type).to.have.length(length);
      else expect(t.points.length, t.type).to.be.within(2, length);
    }

    el.shadowRoot!.querySelector<HTMLButtonElement>('button.reset')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(el.trajectories.every((t) => t.points.length === 1)).to.equal(true);
  });

  it('isolates one optimizer while its legend entry has focus', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    const items = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.legend-item');
    items[2].focus();
    await el.updateComplete;
    const faded = Array.from(el.shadowRoot!.querySelectorAll('.legend-item')).map((item) => item.classList.contains('faded'));
    expect(faded).to.deep.equal([true, true, false, true]);
    items[2].blur();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.legend-item.faded')).to.have.length(0);
  });

  it('moves the start point by dragging it with the mouse', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth" style="width: 400px"></gd-optimizer-race>`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    // The map in view, as for a reader: the page may still be scrolled by an earlier test's
    // focus (Firefox keeps it), the picker's rows may push the map down, and WebDriver BiDi
    // rejects a pointer outside the viewport.
    el.shadowRoot!.querySelector('.drag-surface')!.scrollIntoView({ block: 'center' });
    const handle = el.shadowRoot!.querySelector<SVGGElement>('.handle .start-dot')!;
    const box = handle.getBoundingClientRect();
    const frame = el.shadowRoot!.querySelector<SVGRectElement>('.drag-surface')!.getBoundingClientRect();
    const from: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    // Booth's domain is [−10, 10]²: aim at (5, 5), i.e. three quarters across and a quarter down.
    const to: [number, number] = [Math.round(frame.x + frame.width * 0.75), Math.round(frame.y + frame.height * 0.25)];
    await sendMouse({ type: 'move', position: from });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round((from[0] + to[0]) / 2), Math.round((from[1] + to[1]) / 2)] });
    await sendMouse({ type: 'move', position: to });
    // Still held: the legend already reads the cost at the new place, from the preview.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await el.updateComplete;
    const held: Vec = [-10 + (20 * (to[0] - frame.x)) / frame.width, 10 - (20 * (to[1] - frame.y)) / frame.height];
    const shown = Number(el.shadowRoot!.querySelector('.legend-status')!.textContent.replace('J =', '').replace(/,/g, ''));
    expect(shown).to.be.closeTo(boothCost(held), 0.02 * boothCost(held));
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    const [a, b] = el.trajectories[0].points[0];
    const pixel = 20 / frame.width; // data units per pixel
    expect(a).to.be.closeTo(5, 2 * pixel);
    expect(b).to.be.closeTo(5, 2 * pixel);
    expect(el.trajectories[0].costs[0]).to.be.closeTo(boothCost([a, b]), 1e-3);
  });

  it('runs an optimizer edited in its panel and fires gd-params-change', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="booth" start="-6,8">
        <gd-optimizer type="sgd" learning-rate="0.01"></gd-optimizer>
      </gd-optimizer-race>`,
    );
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('.card input[type=number]')!;
    input.focus();
    input.select();
    setTimeout(() => void sendKeys({ type: '0.04' }).then(() => sendKeys({ press: 'Tab' })));
    const event = await oneEvent(el, 'gd-params-change');
    expect(event.detail).to.include({ learningRate: 0.04 });
    expect(el.querySelector('gd-optimizer')!.learningRate).to.equal(0.04);
    await el.step(5);
    expectPath(el.trajectories[0].points, reference({ type: 'sgd', learningRate: 0.04 }, boothGradient, [-6, 8], 5), 'edited α');
  });

  it('fires gd-done when every optimizer has stopped', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="booth" start="-6,8">
        <gd-optimizer type="sgd" learning-rate="0.05"></gd-optimizer>
        <gd-optimizer type="sgd" learning-rate="9"></gd-optimizer>
      </gd-optimizer-race>`,
    );
    setTimeout(() => void el.step(2000));
    const event = await oneEvent<GdDoneEvent>(el, 'gd-done');
    expect(event.detail.reason).to.equal('converged');
    const [good, bad] = el.trajectories;
    expect(good.status).to.equal('converged');
    expect(bad.status).to.equal('diverged');
    const last = good.points[good.points.length - 1];
    expect(last[0]).to.be.closeTo(1, 1e-3);
    expect(last[1]).to.be.closeTo(3, 1e-3);
  });

  it('keeps the drawn path bounded however long an optimizer bounces or settles', () => {
    const path = new PixelPath();
    const identity = (a: number, b: number): [number, number] => [a, b];
    // 200 steps of real travel, then 20,000 updates bouncing between two places and
    // 20,000 more creeping by less than a pixel.
    const points: number[][] = [];
    for (let k = 0; k < 200; k++) points.push([k * 2, k]);
    for (let k = 0; k < 20_000; k++) points.push(k % 2 ? [410, 190] : [390, 210]);
    for (let k = 0; k < 20_000; k++) points.push([400 + k * 1e-5, 200]);
    path.extend(points.slice(0, 10_000), identity);
    path.extend(points, identity);
    expect(path.consumed).to.equal(points.length);
    expect(path.size).to.be.below(220);
  });

  it('keeps its run when moved to another place in the page, or removed and put back', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-optimizer-race landscape="booth" start="-6,8">
          <gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer>
        </gd-optimizer-race>
        <section></section>
      </div>`,
    );
    const el = holder.querySelector('gd-optimizer-race')!;
    await el.step(4);
    holder.querySelector('section')!.append(el);
    await el.step(3);
    // A move is not a restart: 4 + 3 updates from the start.
    expect(el.iteration).to.equal(7);
    expectPath(el.trajectories[0].points, reference({ type: 'adam', learningRate: 0.3 }, boothGradient, [-6, 8], 7), 'after the move');
    // Removed for a while (its tensors are freed), then put back: it carries on.
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    holder.append(el);
    await el.step(2);
    expect(el.iteration).to.equal(9);
    expectPath(el.trajectories[0].points, reference({ type: 'adam', learningRate: 0.3 }, boothGradient, [-6, 8], 9), 'put back');
    expect(el.shadowRoot!.querySelectorAll('.legend-item')).to.have.length(1);
  });

  it('formats numbers for the element’s language', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div lang="de"><gd-optimizer-race landscape="himmelblau" start="0.5,-1.25"></gd-optimizer-race></div>`,
    );
    const el = holder.querySelector('gd-optimizer-race')!;
    await el.updateComplete;
    const handle = el.shadowRoot!.querySelector('.handle')!;
    expect(handle.getAttribute('aria-valuetext')).to.equal('w₁ 0,5; w₂ -1,25');
  });

  it('shares a learning rate typed into a panel with linked races, without events there', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-optimizer-race link="lesson" landscape="booth" start="-6,8"></gd-optimizer-race>
        <gd-optimizer-race link="lesson" landscape="booth" start="-6,8"></gd-optimizer-race>
        <gd-optimizer-race link="other" landscape="booth" start="-6,8"></gd-optimizer-race>
      </div>`,
    );
    const [first, second, third] = Array.from(holder.querySelectorAll('gd-optimizer-race'));
    let secondEvents = 0;
    second.addEventListener('gd-params-change', () => secondEvents++);
    // The Adam panel of the first race (the fourth card).
    const input = first.shadowRoot!.querySelectorAll('.card')[3].querySelector<HTMLInputElement>('input[type=number]')!;
    input.value = '0.07';
    input.dispatchEvent(new Event('change'));
    await second.updateComplete;
    await second.step(3);
    await third.step(3);
    expectPath(second.trajectories[3].points, reference({ type: 'adam', learningRate: 0.07 }, boothGradient, [-6, 8], 3), 'linked adam');
    expectPath(
      second.trajectories[0].points,
      reference({ type: 'sgd', learningRate: 0.01 }, boothGradient, [-6, 8], 3),
      'linked sgd untouched',
    );
    expectPath(
      third.trajectories[3].points,
      reference({ type: 'adam', learningRate: 0.3 }, boothGradient, [-6, 8], 3),
      'other group untouched',
    );
    expect(secondEvents).to.equal(0);
  });
});
