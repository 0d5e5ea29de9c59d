import { expect } from '@open-wc/testing';

/*
 * The pages of test/fixtures/, built from the packed npm tarball by Vite, webpack 5,
 * esbuild and Rollup (scripts/check-package.mjs, which `npm test` runs first), each
 * opened in a frame: the elements must register, render, read their attributes, take
 * property sets, run and fire their events, with nothing logged or thrown.
 */

interface FixtureWindow extends Window {
  pageProblems: string[];
}

type Figure = HTMLElement & {
  updateComplete: Promise<boolean>;
  step(n?: number): Promise<void>;
  [key: string]: unknown;
};

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

async function open(build: string): Promise<{ page: FixtureWindow; doc: Document }> {
  const url = `/.pack/out/${build}/index.html`;
  const response = await fetch(url);
  expect(response.ok, `${url} is missing: run \`npm test\`, which builds the fixtures first`).to.equal(true);
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1000px; height: 900px; border: 0';
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url;
  document.body.append(frame);
  await loaded;
  return { page: frame.contentWindow as FixtureWindow, doc: frame.contentDocument! };
}

async function figure(doc: Document, selector: string): Promise<Figure> {
  const element = doc.querySelector(selector) as Figure;
  expect(element, selector).to.not.equal(null);
  await element.updateComplete;
  return element;
}

/** On J(w) = ½c(w − w*)² gradient descent gives w_k − w* = (1 − αc)^k (w₀ − w*). */
async function expectCurvatureRuns(element: Figure): Promise<void> {
  const steps: number[] = [];
  element.addEventListener('gd-step', (event) => steps.push((event as CustomEvent<{ iteration: number }>).detail.iteration));
  expect(element.shadowRoot!.querySelector('[part~="plot"]'), 'the plot renders').to.not.equal(null);
  expect(element.curvature).to.equal(2);
  expect(element.learningRate).to.equal(0.3);
  await element.step(10);
  const history = element.history as { w: number }[];
  const expected = (1 - 0.3 * 2) ** 10 * 2.5;
  expect(Math.abs(history[10].w - expected)).to.be.below(1e-6);
  expect(steps.at(-1)).to.equal(10);
  element.learningRate = 0.75;
  await element.updateComplete;
  expect(element.regime).to.equal('oscillating');
}

/** The network trains: its training cost falls, and its first update from its weights is plain GD's. */
async function expectNetworkRuns(element: Figure): Promise<void> {
  expect(element.shadowRoot!.querySelector('[part~="data"] canvas.map'), 'the maps render').to.not.equal(null);
  expect(element.parameterCount).to.equal(13);
  const racers = element.racers as { type: string }[];
  expect(racers.map((r) => r.type)).to.deep.equal(['sgd', 'adam']);
  const steps: number[] = [];
  element.addEventListener('gd-step', (event) => steps.push((event as CustomEvent<{ iteration: number }>).detail.iteration));
  await element.step(40);
  expect(steps.at(-1)).to.equal(40);
  const history = element.history as { cost: number }[][];
  expect(history[0]).to.have.length(41);
  expect(history[0][40].cost).to.be.below(history[0][0].cost);
  expect(history[1][40].cost).to.be.below(history[1][0].cost);
  await (element.computeLandscape as () => Promise<void>)();
  const slice = element.landscapeSlice as { centreCost: number };
  expect(slice.centreCost).to.equal(history[0][40].cost);
}

for (const bundler of ['vite', 'webpack', 'esbuild', 'rollup']) {
  describe(`the packed package built with ${bundler}: import 'gd-kit'`, () => {
    it('registers every element, which render, run and fire events, silently', async () => {
      const { page, doc } = await open(`${bundler}-all`);
      for (const tag of ['gd-line-fit', 'gd-curvature', 'gd-optimizer-race', 'gd-optimizer']) {
        expect(page.customElements.get(tag), tag).to.be.a('function');
      }
      // gd-kit fetches <gd-network>, a chunk of its own, once the page has one (this page does).
      await page.customElements.whenDefined('gd-network');
      expect(page.customElements.get('gd-network'), 'gd-network').to.be.a('function');

      const fit = await figure(doc, 'gd-line-fit');
      expect(fit.size).to.equal(50);
      expect(fit.learningRate).to.equal(0.2);
      expect((fit.data as { x: number[] }).x).to.have.length(50);
      expect(fit.shadowRoot!.querySelector('[part~="plot"]'), 'the landscape renders').to.not.equal(null);
      fit.size = 20;
      await fit.updateComplete;
      expect((fit.data as { x: number[] }).x).to.have.length(20);
      const fitSteps: number[] = [];
      fit.addEventListener('gd-step', (event) => fitSteps.push((event as CustomEvent<{ iteration: number }>).detail.iteration));
      await fit.step(5);
      expect(fitSteps.at(-1)).to.equal(5);
      const history = fit.history as { cost: number }[];
      expect(history).to.have.length(6);
      expect(history[5].cost).to.be.below(history[0].cost);

      await expectCurvatureRuns(await figure(doc, 'gd-curvature'));

      const race = await figure(doc, 'gd-optimizer-race');
      await race.step(3);
      const trajectories = race.trajectories as { type: string; points: number[][] }[];
      expect(trajectories.map((t) => t.type)).to.deep.equal(['sgd', 'adam']);
      // Himmelblau's gradient at (0, 0) is (−14, −22); SGD with α = 0.01 goes to (0.14, 0.22).
      expect(trajectories[0].points[1][0]).to.be.closeTo(0.14, 1e-6);
      expect(trajectories[0].points[1][1]).to.be.closeTo(0.22, 1e-6);
      expect(trajectories[1].points).to.have.length(4);

      await expectNetworkRuns(await figure(doc, 'gd-network'));

      expect(page.pageProblems).to.deep.equal([]);
    });
  });
}

for (const bundler of ['vite', 'esbuild']) {
  describe(`the packed package built with ${bundler}: import 'gd-kit/elements/curvature'`, () => {
    it('registers that element alone, and it runs', async () => {
      const { page, doc } = await open(`${bundler}-curvature`);
      expect(page.customElements.get('gd-curvature')).to.be.a('function');
      for (const tag of ['gd-line-fit', 'gd-optimizer-race', 'gd-optimizer']) expect(page.customElements.get(tag), tag).to.equal(undefined);
      await expectCurvatureRuns(await figure(doc, 'gd-curvature'));
      expect(page.pageProblems).to.deep.equal([]);
    });
  });
}

for (const bundler of ['vite', 'esbuild']) {
  describe(`the packed package built with ${bundler}: import 'gd-kit/elements/network'`, () => {
    it('registers the network and <gd-optimizer> alone, and it trains', async () => {
      const { page, doc } = await open(`${bundler}-network`);
      expect(page.customElements.get('gd-network')).to.be.a('function');
      expect(page.customElements.get('gd-optimizer')).to.be.a('function');
      for (const tag of ['gd-line-fit', 'gd-optimizer-race', 'gd-curvature', 'gd-sweep']) expect(page.customElements.get(tag), tag).to.equal(undefined);
      await expectNetworkRuns(await figure(doc, 'gd-network'));
      expect(page.pageProblems).to.deep.equal([]);
    });
  });
}

describe("the packed package built with webpack: a class from 'gd-kit/elements/curvature/class'", () => {
  it('is not registered under its own tag and works under another', async () => {
    const { page, doc } = await open('webpack-class');
    expect(page.customElements.get('gd-curvature')).to.equal(undefined);
    await expectCurvatureRuns(await figure(doc, 'lesson-curvature'));
    expect(page.pageProblems).to.deep.equal([]);
  });
});
