import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import * as tf from '../../src/core/tf.js';
import { ParticleRun, bowl, costOfRows, initBackend, type OptimizerConfig } from '../../src/core/index.js';
import '../../src/elements/sweep/define.js';
import '../../src/elements/curvature/define.js';
import '../../src/elements/optimizer/define.js';
import '../../src/elements/optimizer-race/define.js';
import type { GdSweep } from '../../src/elements/sweep/gd-sweep.js';
import type { GdCurvature } from '../../src/elements/curvature/gd-curvature.js';
import type { GdLinkChangeEvent, GdSelectEvent, GdStepEvent } from '../../src/elements/shared/events.js';
import { MARGIN_1D } from '../../src/elements/sweep/internal/layout.js';
import { timerRunsWhile } from './main-thread.js';

/*
 * Independent truth: the bowl J = ½(w₁² + κw₂²) (κ = 10 here, set on every sweep) has the Hessian
 * diag(1, κ), so λ_max = κ and plain gradient descent is stable for α < 2/κ; its
 * iterates are w₁ₖ = (1 − α)ᵏ w₁₀ and w₂ₖ = (1 − ακ)ᵏ w₂₀ exactly (float64 here).
 * Sweep cells are also compared with separate single-particle runs of the core.
 */
const KAPPA = 10;
const START: [number, number] = [-8, 4];

const shadowText = (el: HTMLElement) => el.shadowRoot!.textContent.replace(/\s+/g, ' ');
const plotOf = (el: GdSweep) => el.shadowRoot!.querySelector<HTMLElement>('.plot')!;

/** Log-spaced values from lo to hi, as the sweep promises. */
const logSpaced = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, i / (n - 1)));

function bowlGdCost(learningRate: number, steps: number): number {
  const w1 = Math.pow(1 - learningRate, steps) * START[0];
  const w2 = Math.pow(1 - learningRate * KAPPA, steps) * START[1];
  return 0.5 * (w1 * w1 + KAPPA * w2 * w2);
}

/** One particle on its own run: the final cost and status the sweep's cell must match. */
function singleRun(optimizer: OptimizerConfig, steps: number): { cost: number; status: string } {
  const landscape = bowl(KAPPA);
  const run = new ParticleRun({
    cost: (params: tf.Tensor2D) => costOfRows(landscape, params),
    particles: [{ start: [...START], optimizer }],
  });
  try {
    run.step(steps);
    const particle = run.particles[0];
    return { cost: particle.costs[particle.costs.length - 1], status: particle.status };
  } finally {
    run.dispose();
  }
}

describe('<gd-sweep>', () => {
  before(async () => {
    await initBackend();
  });

  it('each cell ends where a separate run with its settings ends (1-D, sgd), which is the closed form', async () => {
    const el = await fixture<GdSweep>(
      html`<gd-sweep kappa="10" landscape="bowl" optimizer="sgd" start="-8,4" steps="30" x-range="0.01,0.15" cells="3"></gd-sweep>`,
    );
    await el.updateComplete;
    expect(el.iteration).to.equal(30);
    const results = el.results;
    expect(results).to.have.length(3);
    logSpaced(0.01, 0.15, 3).forEach((alpha, i) => {
      const cell = results[i];
      expect(cell.values.learningRate).to.be.closeTo(alpha, 1e-12 * alpha);
      const alone = singleRun({ type: 'sgd', learningRate: cell.values.learningRate! }, 30);
      expect(cell.status).to.equal(alone.status);
      expect(cell.cost, `cell ${i} against its own run`).to.be.closeTo(alone.cost, 1e-6 * Math.abs(alone.cost) + 1e-9);
      const exact = bowlGdCost(alpha, 30);
      expect(cell.cost, `cell ${i} against the closed form`).to.be.closeTo(exact, 1e-4 * exact + 1e-6);
    });
  });

  it('a 2-D α × β sweep of momentum matches separate runs cell by cell', async () => {
    const el = await fixture<GdSweep>(
      html`<gd-sweep
        kappa="10"
        landscape="bowl"
        optimizer="momentum"
        start="-8,4"
        steps="25"
        x-range="0.02,0.3"
        y="beta"
        y-range="0,0.9"
        cells="3"
      ></gd-sweep>`,
    );
    await el.updateComplete;
    const results = el.results;
    expect(results).to.have.length(9);
    for (const cell of results) {
      const alone = singleRun({ type: 'momentum', learningRate: cell.values.learningRate!, beta: cell.values.beta! }, 25);
      expect(cell.status, JSON.stringify(cell.values)).to.equal(alone.status);
      expect(cell.cost, JSON.stringify(cell.values)).to.be.closeTo(alone.cost, 1e-6 * Math.abs(alone.cost) + 1e-9);
    }
    // Row 0 is the lowest β, column 0 the lowest α.
    expect(results[0].values).to.deep.equal({ learningRate: 0.02, beta: 0 });
    expect(results[8].values).to.deep.equal({ learningRate: 0.3, beta: 0.9 });
    expect(shadowText(el)).not.to.match(/NaN/);
  });

  it('marks 2/λ_max of the bowl at its closed form, and sgd cells right of it grow or diverge', async () => {
    const el = await fixture<GdSweep>(
      html`<gd-sweep kappa="10" landscape="bowl" start="-8,4" steps="50" x-range="0.01,1" cells="20"></gd-sweep>`,
    );
    await el.updateComplete;
    // Hessian diag(1, κ): λ_max = κ, the edge 2/κ.
    const edge = 2 / KAPPA;
    expect(el.stabilityEdge).to.be.closeTo(edge, 1e-6);
    const mark = el.shadowRoot!.querySelector('.edge-mark');
    expect(mark, 'the 2/λ_max mark is drawn').not.to.equal(null);
    expect(Number(mark!.getAttribute('data-value'))).to.be.closeTo(edge, 1e-6);
    expect(mark!.textContent).to.contain('2/λ_max');
    const startCost = 0.5 * (START[0] ** 2 + KAPPA * START[1] ** 2);
    const right = el.results.filter((c) => c.values.learningRate! > edge);
    const left = el.results.filter((c) => c.values.learningRate! < edge);
    expect(right.length).to.be.above(3);
    for (const cell of right) {
      expect(
        cell.status === 'diverged' || cell.cost > startCost,
        `α = ${cell.values.learningRate}: ${cell.status}, J = ${cell.cost}`,
      ).to.equal(true);
    }
    for (const cell of left) {
      expect(cell.status, `α = ${cell.values.learningRate}`).not.to.equal('diverged');
      expect(cell.cost).to.be.below(startCost);
    }
    // At least the largest rates blow up past the core's bound and are drawn as diverged, not as numbers.
    expect(el.results[19].status).to.equal('diverged');
    expect(el.shadowRoot!.querySelectorAll('.diverged-mark').length).to.equal(el.results.filter((c) => c.status === 'diverged').length);
    expect(shadowText(el)).to.contain('diverged');
    expect(shadowText(el)).not.to.match(/NaN|Infinity/);
  });

  it('draws the momentum stability edge 2(1+β)/((1−β)λ_max) across the heat map; cells well past it grow or diverge', async () => {
    const el = await fixture<GdSweep>(
      html`<gd-sweep
        kappa="10"
        landscape="bowl"
        optimizer="momentum"
        start="-8,4"
        steps="50"
        x-range="0.01,3"
        y="beta"
        y-range="0,0.9"
        cells="12"
      ></gd-sweep>`,
    );
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.edge-curve path'), 'the edge is drawn').not.to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="legend"]')!.textContent).to.contain('stability edge');
    // Momentum in this form is the heavy ball with step α(1−β): stable for α(1−β)κ < 2(1+β).
    const edge = (beta: number) => (2 * (1 + beta)) / ((1 - beta) * KAPPA);
    const startCost = 0.5 * (START[0] ** 2 + KAPPA * START[1] ** 2);
    const past = el.results.filter((c) => c.values.learningRate! > 1.1 * edge(c.values.beta!));
    expect(past.length).to.be.above(10);
    for (const cell of past) {
      expect(cell.status === 'diverged' || cell.cost > startCost, JSON.stringify(cell)).to.equal(true);
    }
    // Inside, far from the edge, every cell gets below its start.
    for (const cell of el.results.filter((c) => c.values.learningRate! < 0.5 * edge(c.values.beta!) && c.values.learningRate! > 0.05)) {
      expect(cell.cost, JSON.stringify(cell)).to.be.below(startCost);
    }
  });

  it('fires gd-step after each batch of updates: the iteration, the cells, and how many diverged (the closed form says which)', async () => {
    // α from 0.01 to 0.5 over 4 cells on κ = 10: cells with α > 2/κ = 0.2 diverge under sgd.
    const el = await fixture<GdSweep>(
      html`<gd-sweep landscape="bowl" kappa="10" optimizer="sgd" start="-8,4" steps="400" x-range="0.01,0.5" cells="4"></gd-sweep>`,
    );
    await el.updateComplete;
    const steps: GdStepEvent[] = [];
    el.addEventListener('gd-step', (event) => steps.push(event));
    el.reset();
    await el.step(5);
    await el.step(395);
    expect(steps.map((event) => event.detail.iteration)).to.deep.equal([5, 400]);
    const diverging = logSpaced(0.01, 0.5, 4).filter((alpha) => Math.abs(1 - alpha * KAPPA) > 1).length;
    expect(diverging).to.equal(1);
    expect(steps.at(-1)!.detail.values).to.deep.equal({ cells: 4, diverged: diverging });
  });

  it('a click on a cell fires gd-select with its learning rate', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep kappa="10" steps="10" x-range="0.01,1" cells="5"></gd-sweep>`);
    await el.updateComplete;
    const plot = plotOf(el);
    const box = plot.getBoundingClientRect();
    const innerWidth = box.width - MARGIN_1D.left - MARGIN_1D.right;
    // The middle of the fourth of five equal bands.
    const x = Math.round(box.left + MARGIN_1D.left + 3.5 * (innerWidth / 5));
    const y = Math.round(box.top + box.height / 2);
    const selected = oneEvent<GdSelectEvent>(el, 'gd-select');
    await sendMouse({ type: 'click', position: [x, y] });
    const event = await selected;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.learningRate).to.be.closeTo(logSpaced(0.01, 1, 5)[3], 1e-12);
    expect(event.detail.beta).to.equal(undefined);
    expect(event.detail.type).to.equal('sgd');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.readout')!.textContent).to.match(/^α = 0\.316: final J = /);
  });

  it('arrow keys move between cells of the heat map and Enter picks α and β; the readout says which', async () => {
    const el = await fixture<GdSweep>(
      html`<gd-sweep kappa="10" optimizer="momentum" steps="10" x-range="0.01,1" y="beta" y-range="0,0.9" cells="4"></gd-sweep>`,
    );
    await el.updateComplete;
    plotOf(el).focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    const readout = el.shadowRoot!.querySelector('.readout')!;
    expect(readout.getAttribute('aria-live')).to.equal('polite');
    expect(readout.textContent).to.match(/^α = 0\.215, β = 0\.3: (final J = \S+|diverged after \S+ steps)$/);
    let selected = oneEvent<GdSelectEvent>(el, 'gd-select');
    await sendKeys({ press: 'Enter' });
    let detail = (await selected).detail;
    expect(detail.learningRate).to.be.closeTo(logSpaced(0.01, 1, 4)[2], 1e-12);
    expect(detail.beta).to.be.closeTo(0.3, 1e-12);
    // Moves stop at the edges; Space picks too.
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    selected = oneEvent<GdSelectEvent>(el, 'gd-select');
    await sendKeys({ press: ' ' }); // Space, by its character (WebDriver BiDi knows no 'Space')
    detail = (await selected).detail;
    expect(detail.learningRate).to.equal(1);
    expect(detail.beta).to.equal(0);
    expect(el.results.find((c) => c.values.learningRate === 1 && c.values.beta === 0)!.cost).to.equal(detail.cost);
  });

  it('the heat map has a numeric colour key in the cost units and a diverged entry, and paints its canvas', async () => {
    const el = await fixture<GdSweep>(
      html`<gd-sweep kappa="10" optimizer="momentum" steps="40" x-range="0.01,3" y="beta" y-range="0,0.95" cells="16"></gd-sweep>`,
    );
    await el.updateComplete;
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    const legend = el.shadowRoot!.querySelector('[part~="legend"]')!;
    const ticks = [...legend.querySelectorAll('.tick text')].map((t) => t.textContent.trim());
    expect(ticks.length).to.be.at.least(2);
    expect(legend.textContent).to.contain('final J');
    expect(legend.textContent).to.contain('diverged');
    expect(el.results.some((c) => c.status === 'diverged')).to.equal(true);
    // Ticks are numbers inside the colour scale's span of the finite final costs.
    const finite = el.results.filter((c) => c.status !== 'diverged').map((c) => c.cost);
    const values = ticks.map((t) => Number(t.replace('E', 'e').replace(/[^\d.eE+-]/g, '')));
    for (const v of values) expect(v >= Math.min(...finite) * 0.99 && v <= Math.max(...finite) * 1.01, `${v}`).to.equal(true);
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.heat-map')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    expect(painted, 'painted pixels').to.be.above(canvas.width * canvas.height * 0.4);
  });

  it('is axe-clean as a line plot and as a heat map', async () => {
    const line = await fixture<GdSweep>(html`<gd-sweep kappa="10" steps="10" cells="8"></gd-sweep>`);
    await line.updateComplete;
    await expect(line).to.be.accessible();
    const heat = await fixture<GdSweep>(html`<gd-sweep kappa="10" optimizer="momentum" steps="10" y="beta" cells="8"></gd-sweep>`);
    await heat.updateComplete;
    await expect(heat).to.be.accessible();
  });

  it('a picked cell reaches linked widgets as that rule’s learning rate', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-sweep kappa="10" link="sweep-group" steps="10" x-range="0.01,1" cells="5"></gd-sweep>
        <gd-curvature link="sweep-group" learning-rate="0.3"></gd-curvature>
        <gd-optimizer-race link="sweep-group" landscape="bowl">
          <gd-optimizer type="sgd" learning-rate="0.05"></gd-optimizer>
          <gd-optimizer type="adam" learning-rate="0.05"></gd-optimizer>
        </gd-optimizer-race>
      </div>`,
    );
    const sweep = holder.querySelector<GdSweep>('gd-sweep')!;
    const curvature = holder.querySelector<GdCurvature>('gd-curvature')!;
    const race = holder.querySelector('gd-optimizer-race')!;
    await sweep.updateComplete;
    await curvature.updateComplete;
    const raceTook = oneEvent<GdLinkChangeEvent>(race, 'gd-link-change');
    plotOf(sweep).focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    const alpha = logSpaced(0.01, 1, 5)[1];
    await curvature.updateComplete;
    expect(curvature.learningRate).to.be.closeTo(alpha, 1e-12);
    const taken = (await raceTook).detail;
    expect(taken.type).to.equal('sgd');
    expect(taken.values.learningRate).to.be.closeTo(alpha, 1e-12);
    // Only the sgd optimizer of the race takes it (index 0), not adam.
    expect(taken.optimizers).to.deep.equal([0]);
  });

  it('bad input keeps the last good sweep with a visible note, and never shows NaN', async () => {
    const el = await fixture<GdSweep>(html`<gd-sweep kappa="10" steps="20" x-range="0.01,0.5" cells="6"></gd-sweep>`);
    await el.updateComplete;
    const good = el.results.map((c) => c.cost);
    const note = () => el.shadowRoot!.querySelector('.notes')!.textContent.replace(/\s+/g, ' ');
    const warn = console.warn;
    console.warn = () => {};
    try {
      for (const [attribute, value, expected] of [
        ['landscape', 'nowhere', /Ignored landscape="nowhere"/],
        ['x-range', '0,1', /Ignored x-range="0,1"/],
        ['x-range', '-1,0.5', /Ignored x-range="-1,0.5"/],
        // A log axis whose padded lower end would underflow to 0 (NaN coordinates): refused.
        ['x-range', '1e-300,1e6', /Ignored x-range="1e-300,1e6"/],
        ['x-range', '1e-320,1', /Ignored x-range="1e-320,1"/],
        ['cells', '65', /Ignored cells="65"/],
        ['cells', '1', /Ignored cells="1"/],
        ['steps', 'many', /Ignored steps="many"/],
        ['y', 'beta', /has no setting beta/],
        ['kappa', '0', /Ignored kappa="0"/],
        ['epochs', '2', /epochs needs data="line-fit"/],
      ] as const) {
        el.setAttribute(attribute, value);
        await el.updateComplete;
        expect(note(), `${attribute}=${value}`).to.match(expected);
        expect(
          el.results.map((c) => c.cost),
          `${attribute}=${value} keeps the sweep`,
        ).to.deep.equal(good);
        expect(shadowText(el)).not.to.match(/NaN/);
        expect(el.shadowRoot!.querySelector('.note')!.getBoundingClientRect().height).to.be.above(0);
        el.removeAttribute(attribute);
        if (attribute === 'x-range') el.setAttribute('x-range', '0.01,0.5');
        if (attribute === 'cells') el.setAttribute('cells', '6');
        if (attribute === 'steps') el.setAttribute('steps', '20');
        if (attribute === 'kappa') el.setAttribute('kappa', '10');
        await el.updateComplete;
      }
    } finally {
      console.warn = warn;
    }
    expect(el.landscape).to.equal('bowl');
    expect(el.cells).to.equal(6);
    expect(note().trim()).to.equal('');
    expect(el.results.map((c) => c.cost)).to.deep.equal(good);
  });

  it('a long sweep runs in slices: the main thread keeps coming back while it steps', async () => {
    // Not through fixture(): updateComplete waits for the whole run, which is the point here.
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('gd-sweep');
    // The largest sweep: 64 × 64 cells × 10,000 updates take several seconds even on the fused kernels.
    for (const [name, value] of Object.entries({ landscape: 'rosenbrock', optimizer: 'momentum', steps: '10000', y: 'beta', cells: '16' }))
      el.setAttribute(name, value);
    holder.append(el);
    // Past the build (one batched run of 256 particles), into the stepping.
    await timerRunsWhile(() => el.iteration === 0, Infinity);
    // A run in one task would give the timer no run until it ended. In chunks that at
    // most double each time (from 1, to at most 1,000 updates), 10 timer runs come long
    // before 10,000 updates, on any machine and under any load.
    const runs = await timerRunsWhile(() => el.iteration < 10_000, 10);
    expect(runs, 'timer runs while stepping').to.equal(10);
    expect(el.iteration).to.be.above(0);
    expect(el.iteration).to.be.below(10_000);
    expect(el.results).to.have.length(16 * 16);
    el.pause();
    el.remove();
  });
});
