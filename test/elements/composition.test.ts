import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';

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
