import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
// gd-kit defines <gd-network> when a page first has one; these tests make theirs at once.
import '../../src/elements/network/define.js';
import { getLandscape } from '../../src/core/index.js';
import type { GdOptimizerRace } from '../../src/elements/optimizer-race/gd-optimizer-race.js';

type Widget = HTMLElement & { updateComplete: Promise<unknown>; step(n?: number): Promise<void> };

const settle = async (element: Widget) => {
  await element.updateComplete;
  for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, 30));
  await element.updateComplete;
};

/**
 * Watches an element's shadow tree while something happens: every console error and
 * uncaught error, and every attribute that was set to a value containing NaN (Chromium
 * logs `<line> attribute y1: Expected length, "NaN"` for those, outside page script).
 */
function watch(element: Element) {
  const problems: string[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => {
    problems.push(`console.error: ${args.map(String).join(' ')}`);
    originalError.apply(console, args);
  };
  const onError = (event: ErrorEvent) => problems.push(`uncaught: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${String(event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const roots = [element, ...element.querySelectorAll('*')].map((el) => el.shadowRoot).filter((root): root is ShadowRoot => !!root);
  const check = (records: MutationRecord[]) => {
    for (const record of records) {
      const target = record.target as Element;
      const value = target.getAttribute(record.attributeName!);
      if (value && /NaN|Infinity/.test(value)) problems.push(`<${target.localName}> ${record.attributeName}="${value}"`);
    }
  };
  const observer = new MutationObserver(check);
  for (const root of roots) observer.observe(root, { subtree: true, attributes: true });
  const scan = () => {
    for (const root of roots) {
      for (const el of root.querySelectorAll('*')) {
        for (const attribute of el.attributes) {
          if (/NaN/.test(attribute.value)) problems.push(`<${el.localName}> ${attribute.name}="${attribute.value}" in the DOM`);
        }
      }
    }
  };
  return {
    problems,
    stop() {
      check(observer.takeRecords());
      scan();
      observer.disconnect();
      console.error = originalError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      return problems;
    },
  };
}

const WIDGETS = {
  'gd-line-fit': () => html`<gd-line-fit size="40" seed="3"></gd-line-fit>`,
  'gd-curvature': () => html`<gd-curvature curvature="2" learning-rate="0.3" init="2"></gd-curvature>`,
  'gd-optimizer-race': () =>
    html`<gd-optimizer-race landscape="booth" start="-6,8"
      ><gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer
    ></gd-optimizer-race>`,
  'gd-network': () =>
    html`<gd-network size="40" layers="4"><gd-optimizer type="adam"></gd-optimizer><gd-optimizer type="sgd"></gd-optimizer></gd-network>`,
};

describe('unmounting and moving', () => {
  for (const [tag, template] of Object.entries(WIDGETS)) {
    it(`<${tag}> is silent when removed, re-appended later, and moved, after render`, async () => {
      const holder = await fixture<HTMLDivElement>(
        html`<div>
          <div class="a">${template()}</div>
          <div class="b"></div>
        </div>`,
      );
      const element = holder.querySelector(tag) as Widget;
      await settle(element);
      await element.step(3);
      await settle(element);
      const watcher = watch(element);
      // A framework unmount (v-if), later mounted again.
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 100));
      holder.querySelector('.a')!.append(element);
      await settle(element);
      // A keyed reorder: removed and inserted elsewhere in the same task.
      holder.querySelector('.b')!.append(element);
      await settle(element);
      await element.step(2);
      await settle(element);
      // Removed for good.
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(watcher.stop()).to.deep.equal([]);
    });
  }

  it('<gd-optimizer> is silent when removed from a race and appended to another', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-optimizer-race landscape="booth" start="-6,8"
          ><gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer><gd-optimizer type="sgd" learning-rate="0.01"></gd-optimizer
        ></gd-optimizer-race>
        <gd-optimizer-race landscape="booth" start="-6,8"><gd-optimizer type="sgd" learning-rate="0.02"></gd-optimizer></gd-optimizer-race>
      </div>`,
    );
    const [first, second] = holder.querySelectorAll('gd-optimizer-race') as unknown as Widget[] & { trajectories: unknown[] }[];
    await settle(first);
    await settle(second);
    const watcherA = watch(first);
    const watcherB = watch(second);
    const child = first.querySelector('gd-optimizer')!;
    child.remove();
    await settle(first);
    second.append(child);
    await settle(second);
    await first.step(2);
    await second.step(2);
    expect((first as unknown as { trajectories: unknown[] }).trajectories).to.have.length(1);
    expect((second as unknown as { trajectories: unknown[] }).trajectories).to.have.length(2);
    expect([...watcherA.stop(), ...watcherB.stop()]).to.deep.equal([]);
  });
});

describe('properties and attributes tell the truth after the element changes them', () => {
  it('race.start follows a landscape switch, so a framework can set the old start back', async () => {
    const race = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="rosenbrock" start="-1.5,2"></gd-optimizer-race>`);
    await race.updateComplete;
    const radio = [...race.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=landscape]')].find(
      (input) => input.value === 'booth',
    )!;
    radio.click();
    await race.updateComplete;
    const [w1, w2] = getLandscape('booth')!.start;
    expect(race.landscape).to.equal('booth');
    expect(race.start).to.equal(`${w1},${w2}`);
    expect(race.getAttribute('start')).to.equal(`${w1},${w2}`);
    expect(race.getAttribute('landscape')).to.equal('booth');
    expect(race.trajectories[0].points[0]).to.deep.equal([w1, w2]);
    // What a declarative framework does when its state still says rosenbrock at (−1.5, 2).
    race.landscape = 'rosenbrock';
    race.start = '-1.5,2';
    await race.updateComplete;
    expect(race.trajectories[0].points[0]).to.deep.equal([-1.5, 2]);
    // The same through attributes.
    race.setAttribute('landscape', 'booth');
    await race.updateComplete;
    expect(race.getAttribute('start')).to.equal(`${w1},${w2}`);
    race.setAttribute('landscape', 'rosenbrock');
    race.setAttribute('start', '-1.5,2');
    await race.updateComplete;
    expect(race.trajectories[0].points[0]).to.deep.equal([-1.5, 2]);
    // A start moved from the keyboard is reported too.
    race.shadowRoot!.querySelector<SVGGElement>('.handle')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await race.updateComplete;
    const moved = race.trajectories[0].points[0];
    expect(moved[0]).to.be.above(-1.5);
    expect(race.start).to.equal(`${moved[0]},${moved[1]}`);
  });

  it('a learning rate the user sets is written to the attribute the page set', async () => {
    const fit = await fixture<HTMLElement & { learningRate: number; updateComplete: Promise<unknown> }>(
      html`<gd-line-fit learning-rate="0.1"></gd-line-fit>`,
    );
    const slider = fit.shadowRoot!.querySelector<HTMLInputElement>('#rate')!;
    slider.focus();
    await sendKeys({ press: 'ArrowRight' });
    await fit.updateComplete;
    expect(fit.learningRate).to.be.above(0.1);
    expect(fit.getAttribute('learning-rate')).to.equal(String(fit.learningRate));
  });
});

type Linked = HTMLElement & { updateComplete: Promise<unknown>; learningRate: number; optimizer?: string };

/** Counts the events of each kind every element of a group fires. */
function countEvents(elements: HTMLElement[]) {
  const counts = elements.map(() => ({ link: 0, params: 0, details: [] as unknown[] }));
  elements.forEach((element, i) => {
    element.addEventListener('gd-link-change', (event) => {
      if (event.target !== element) return;
      counts[i].link++;
      counts[i].details.push(event.detail);
    });
    element.addEventListener('gd-params-change', () => counts[i].params++);
  });
  return counts;
}

const settleAll = async (elements: Element[]) => {
  for (let round = 0; round < 3; round++) {
    for (const element of elements) await (element as Linked).updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
};

describe('link groups', () => {
  it('a value set by page script reaches linked widgets of the same rule, which say so with gd-link-change, and nothing loops', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-line-fit link="script" learning-rate="0.1" size="20"></gd-line-fit>
        <gd-line-fit link="script" learning-rate="0.1" size="20"></gd-line-fit>
        <gd-curvature link="script" learning-rate="0.3"></gd-curvature>
        <gd-optimizer-race link="script" landscape="booth" start="-6,8">
          <gd-optimizer type="sgd" learning-rate="0.01"></gd-optimizer>
          <gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer>
        </gd-optimizer-race>
        <gd-line-fit link="elsewhere" learning-rate="0.1" size="20"></gd-line-fit>
      </div>`,
    );
    const [fit, peer, curvature, race, outsider] = [...holder.children] as Linked[];
    await settleAll([...holder.children]);
    const counts = countEvents([...holder.children] as HTMLElement[]);
    let bubbled = 0;
    holder.addEventListener('gd-link-change', () => bubbled++);

    fit.learningRate = 0.02;
    await settleAll([...holder.children]);
    expect(peer.learningRate).to.equal(0.02);
    expect(curvature.learningRate).to.equal(0.02);
    const raceElement = race as unknown as GdOptimizerRace;
    expect(raceElement.querySelector<Linked>('gd-optimizer[type=sgd]')!.learningRate).to.equal(0.02);
    expect(raceElement.querySelector<Linked>('gd-optimizer[type=adam]')!.learningRate).to.equal(0.3);
    expect(outsider.learningRate).to.equal(0.1);
    // The race runs with the new rate: one step of SGD on Booth from (−6, 8).
    await raceElement.step(1);
    const [a, b] = [-6, 8];
    const [gu, gv] = [a + 2 * b - 7, 2 * a + b - 5];
    expect(raceElement.trajectories[0].points[1][0]).to.be.closeTo(a - 0.02 * (2 * gu + 4 * gv), 1e-4);

    // Each receiver said so once; the sender and the other group heard nothing; no
    // gd-params-change anywhere (nobody used a control).
    expect(counts.map((c) => c.link)).to.deep.equal([0, 1, 1, 1, 0]);
    expect(counts.map((c) => c.params)).to.deep.equal([0, 0, 0, 0, 0]);
    expect(bubbled).to.equal(3);
    expect(counts[1].details[0]).to.deep.equal({ link: 'script', type: 'sgd', values: { learningRate: 0.02 } });
    expect(counts[3].details[0]).to.deep.equal({ link: 'script', type: 'sgd', values: { learningRate: 0.02 }, optimizers: [0] });

    // The same value again changes nothing and says nothing.
    fit.learningRate = 0.02;
    peer.learningRate = 0.02;
    await settleAll([...holder.children]);
    expect(counts.map((c) => c.link)).to.deep.equal([0, 1, 1, 1, 0]);

    // A value set on a race's child by script goes out as well, to the same rule only.
    raceElement.querySelector<Linked>('gd-optimizer[type=sgd]')!.learningRate = 0.005;
    await settleAll([...holder.children]);
    expect(fit.learningRate).to.equal(0.005);
    expect(curvature.learningRate).to.equal(0.005);
    expect(counts.map((c) => c.link)).to.deep.equal([1, 2, 2, 1, 0]);
  });

  it("a race's Adam α reaches only linked Adam optimizers; a plain-GD widget keeps its rate and rule", async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-optimizer-race link="typed" landscape="booth" start="-6,8"></gd-optimizer-race>
        <gd-optimizer-race link="typed" landscape="booth" start="-6,8"></gd-optimizer-race>
        <gd-line-fit link="typed" learning-rate="0.1" size="20"></gd-line-fit>
        <gd-line-fit link="typed" learning-rate="0.1" optimizer="adam" size="20"></gd-line-fit>
        <gd-curvature link="typed" learning-rate="0.3"></gd-curvature>
      </div>`,
    );
    const [first, second, sgdFit, adamFit, curvature] = [...holder.children] as Linked[];
    await settleAll([...holder.children]);
    const counts = countEvents([...holder.children] as HTMLElement[]);
    // The Adam panel of the first race (the fourth card).
    const input = first.shadowRoot!.querySelectorAll('.card')[3].querySelector<HTMLInputElement>('input[type=number]')!;
    input.value = '0.07';
    input.dispatchEvent(new Event('change'));
    await settleAll([...holder.children]);
    expect(sgdFit.learningRate).to.equal(0.1);
    expect(sgdFit.optimizer).to.equal('sgd');
    expect(curvature.learningRate).to.equal(0.3);
    expect(adamFit.learningRate).to.equal(0.07);
    expect(adamFit.optimizer).to.equal('adam');
    const trajectories = (second as unknown as GdOptimizerRace).trajectories;
    await (second as unknown as GdOptimizerRace).step(1);
    expect((second as unknown as GdOptimizerRace).trajectories.map((t) => t.type)).to.deep.equal(trajectories.map((t) => t.type));
    expect(counts.map((c) => c.link)).to.deep.equal([0, 1, 0, 1, 0]);
    expect(counts[1].details[0]).to.deep.equal({ link: 'typed', type: 'adam', values: { learningRate: 0.07 }, optimizers: [3] });
    expect(counts.map((c) => c.params)).to.deep.equal([1, 0, 0, 0, 0]);

    // A line fit's user picks Adam: the other line fit follows, the curvature widget (plain GD) does not.
    const select = sgdFit.shadowRoot!.querySelector<HTMLSelectElement>('#optimizer')!;
    select.value = 'adam';
    select.dispatchEvent(new Event('change'));
    await settleAll([...holder.children]);
    expect(sgdFit.optimizer).to.equal('adam');
    expect(counts.map((c) => c.link)).to.deep.equal([0, 1, 0, 1, 0]);
    // Its learning rate then goes to Adam optimizers, and still not to the curvature widget.
    const rate = sgdFit.shadowRoot!.querySelector<HTMLInputElement>('#rate')!;
    rate.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await settleAll([...holder.children]);
    expect(adamFit.learningRate).to.equal(sgdFit.learningRate);
    expect(curvature.learningRate).to.equal(0.3);
    const adamRates = [first, second].map(
      (race) => race.shadowRoot!.querySelectorAll('.card')[3].querySelector<HTMLInputElement>('input[type=number]')!.value,
    );
    expect(adamRates).to.deep.equal([String(sgdFit.learningRate), String(sgdFit.learningRate)]);
    expect(counts.map((c) => c.link)).to.deep.equal([1, 2, 0, 2, 0]);
  });
});

describe('hide and the caption slot', () => {
  const visible = (element: Element, part: string) =>
    [...element.shadowRoot!.querySelectorAll(`[part~="${part}"]`)].some((el) => getComputedStyle(el).display !== 'none');

  const CASES = [
    { tag: 'gd-line-fit', hide: 'chart panels', gone: ['chart', 'panel'], kept: ['data', 'plot', 'controls', 'readout'] },
    { tag: 'gd-curvature', hide: 'panels legend', gone: ['readout', 'regime', 'legend'], kept: ['plot', 'controls', 'params'] },
    {
      tag: 'gd-optimizer-race',
      hide: 'picker panels chart',
      gone: ['picker', 'optimizers', 'chart'],
      kept: ['plot', 'legend', 'controls'],
    },
    {
      tag: 'gd-network',
      hide: 'landscape interpolation panels',
      gone: ['landscape', 'interpolation', 'panel', 'optimizers'],
      kept: ['data', 'chart', 'legend', 'controls'],
    },
  ];
  for (const { tag, hide, gone, kept } of CASES) {
    it(`<${tag} hide="${hide}"> leaves those parts out and shows a slotted caption above the figure`, async () => {
      const holder = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
      const element = document.createElement(tag) as Widget;
      element.setAttribute('hide', hide);
      const caption = document.createElement('p');
      caption.slot = 'caption';
      caption.textContent = 'Which learning rate converges fastest?';
      element.append(caption);
      holder.append(element);
      await settle(element);
      for (const part of gone) expect(visible(element, part), `${part} hidden`).to.equal(false);
      for (const part of kept) expect(visible(element, part), `${part} shown`).to.equal(true);
      const slot = element.shadowRoot!.querySelector<HTMLSlotElement>('[part~="caption"] slot[name="caption"]')!;
      expect(slot.assignedElements()).to.deep.equal([caption]);
      const figure = element.shadowRoot!.querySelector('[part~="plot"], [part~="data"]')!;
      expect(caption.getBoundingClientRect().bottom).to.be.at.most(figure.getBoundingClientRect().top + 1);
      // Showing everything again; a word it does not know changes nothing but says so.
      element.removeAttribute('hide');
      await settle(element);
      for (const part of gone) expect(visible(element, part), `${part} back`).to.equal(true);
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (message: string) => warnings.push(message);
      element.setAttribute('hide', 'chart nonsense');
      await settle(element);
      console.warn = warn;
      for (const part of gone) expect(visible(element, part), `${part} still shown`).to.equal(true);
      expect(element.shadowRoot!.querySelector('.note[data-note="hide"]')!.textContent).to.contain('nonsense');
      expect(warnings.filter((w) => w.includes('hide'))).to.have.length(1);
      await expect(element).to.be.accessible();
    });
  }

  it('a race with one optimizer and hide="picker panels" is a compact figure', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div style="width: 900px">
        <gd-optimizer-race landscape="booth"><gd-optimizer type="adam"></gd-optimizer></gd-optimizer-race>
        <gd-optimizer-race landscape="booth" hide="picker panels"><gd-optimizer type="adam"></gd-optimizer></gd-optimizer-race>
      </div>`,
    );
    const [full, compact] = holder.querySelectorAll('gd-optimizer-race');
    await settle(full);
    await settle(compact);
    expect(compact.getBoundingClientRect().height).to.be.below(full.getBoundingClientRect().height - 250);
  });
});

type Stateful = Widget & { toJSON(): Record<string, unknown>; state: unknown; history?: unknown[]; trajectories?: unknown[] };

/** The run as a reader sees it: the history, or every optimizer's trajectory (a network: every racer's history and weights). */
const runOf = (element: Stateful) =>
  element.localName === 'gd-optimizer-race'
    ? element.trajectories
    : element.localName === 'gd-network'
      ? [element.history, (element as unknown as { weights: number[][] }).weights]
      : element.history;

describe('state: a JSON round trip', () => {
  const CONFIGURED = {
    'gd-line-fit': () =>
      html`<gd-line-fit
        size="30"
        seed="5"
        noise="0.8"
        learning-rate="0.05"
        batch-size="8"
        optimizer="momentum"
        init="1,2"
        test-split="0.2"
      ></gd-line-fit>`,
    'gd-curvature': () => html`<gd-curvature cost="quartic" curvature="1.5" learning-rate="0.4" init="3" minimum="0.5"></gd-curvature>`,
    'gd-optimizer-race': () =>
      html`<gd-optimizer-race landscape="booth" start="-6,8" speed="7">
        <gd-optimizer type="adam" learning-rate="0.3" beta1="0.8" label="Adam, β₁ = 0.8"></gd-optimizer>
        <gd-optimizer type="momentum" learning-rate="0.01" decay="0.01"></gd-optimizer>
      </gd-optimizer-race>`,
    'gd-network': () =>
      html`<gd-network
        task="moons"
        size="50"
        noise="0.2"
        test-split="0.3"
        layers="5,3"
        activation="relu"
        init="he"
        batch-size="10"
        seed="4"
      >
        <gd-optimizer type="adam" learning-rate="0.02" beta1="0.8" label="Adam, β₁ = 0.8"></gd-optimizer>
        <gd-optimizer type="momentum" learning-rate="0.2" decay="0.01"></gd-optimizer>
      </gd-network>`,
  };
  for (const [tag, template] of Object.entries(CONFIGURED)) {
    it(`<${tag}>: a new element given toJSON() as its state attribute has the same settings and the same run`, async () => {
      const holder = await fixture<HTMLDivElement>(html`<div>${template()}</div>`);
      const original = holder.querySelector(tag) as Stateful;
      await settle(original);
      await original.step(7);
      const json = JSON.stringify(original);
      const saved = JSON.parse(json) as { iteration: number };
      expect(saved.iteration).to.equal(7);

      const copy = document.createElement(tag) as Stateful;
      copy.setAttribute('state', json);
      holder.append(copy);
      await copy.updateComplete;
      expect(JSON.parse(JSON.stringify(copy))).to.deep.equal(saved);
      expect(runOf(copy)).to.deep.equal(runOf(original));
      await original.step(5);
      await copy.step(5);
      expect(runOf(copy)).to.deep.equal(runOf(original));

      // The property takes the object too, and restores an element that has moved on.
      copy.state = saved;
      await copy.updateComplete;
      expect(copy.toJSON()).to.deep.equal(saved);
    });
  }

  it('a race restores its panel edits and a changed landscape; bad state text keeps the widget and says so', async () => {
    const race = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="rosenbrock" start="-1.5,2"></gd-optimizer-race>`);
    await settle(race);
    race.landscape = 'booth';
    race.start = '-6,8';
    await race.updateComplete;
    const input = race.shadowRoot!.querySelectorAll('.card')[1].querySelector<HTMLInputElement>('input[type=number]')!;
    input.value = '0.0007';
    input.dispatchEvent(new Event('change'));
    await race.step(4);
    const saved = race.toJSON();
    expect((saved.optimizers as { learningRate: number }[])[1].learningRate).to.equal(0.0007);
    const copy = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau" .state=${saved}></gd-optimizer-race>`);
    await copy.updateComplete;
    expect(copy.trajectories).to.deep.equal(race.trajectories);

    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    copy.setAttribute('state', '{"landscape": "booth",');
    await copy.updateComplete;
    console.warn = warn;
    expect(copy.trajectories).to.deep.equal(race.trajectories);
    const note = copy.shadowRoot!.querySelector('.note[data-note="state"]')!.textContent;
    // The note names what was wrong, and never quotes its own fallback as if it were a value.
    expect(note).to.contain('state="{"landscape": "booth","').and.to.contain('it is not JSON').and.to.contain('keeps its current state');
    expect(note).to.not.contain('"the current state"');
    expect(warnings).to.have.length(1);
  });
});
