import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
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
  'gd-optimizer-race': () => html`<gd-optimizer-race landscape="booth" start="-6,8"><gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer></gd-optimizer-race>`,
};

describe('unmounting and moving', () => {
  for (const [tag, template] of Object.entries(WIDGETS)) {
    it(`<${tag}> is silent when removed, re-appended later, and moved, after render`, async () => {
      const holder = await fixture<HTMLDivElement>(html`<div><div class="a">${template()}</div><div class="b"></div></div>`);
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
    const holder = await fixture<HTMLDivElement>(html`<div>
      <gd-optimizer-race landscape="booth" start="-6,8"><gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer><gd-optimizer type="sgd" learning-rate="0.01"></gd-optimizer></gd-optimizer-race>
      <gd-optimizer-race landscape="booth" start="-6,8"><gd-optimizer type="sgd" learning-rate="0.02"></gd-optimizer></gd-optimizer-race>
    </div>`);
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
    const radio = [...race.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=landscape]')].find((input) => input.value === 'booth')!;
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
