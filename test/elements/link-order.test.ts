import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';

/*
 * Link groups: the value set last is the one every member ends on, whatever order lit
 * updates the elements in (the order their first change came), and a storm of changes
 * ends on the last one sent, with no echo afterwards.
 */

type Linked = HTMLElement & { updateComplete: Promise<unknown>; learningRate: number | null };

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

const settleAll = async (elements: Element[]) => {
  for (let round = 0; round < 3; round++) {
    for (const element of elements) await (element as Linked).updateComplete;
    await frame();
  }
};

/** The learning rate a member runs: its own, or its race's plain-GD child's. */
const rateOf = (element: Element) =>
  element.localName === 'gd-optimizer-race'
    ? element.querySelector<Linked>('gd-optimizer[type=sgd]')!.learningRate
    : (element as Linked).learningRate;

/** Where a script sets a member's rate: the element, or its race's plain-GD child. */
const target = (element: Element) =>
  element.localName === 'gd-optimizer-race' ? element.querySelector<Linked>('gd-optimizer[type=sgd]')! : (element as Linked);

describe('link groups: the last value wins', function () {
  this.timeout(120000);

  it('two sets in one task, in either order, across line fit, curvature and race: every member ends on the second', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-line-fit link="order" learning-rate="0.1" size="20"></gd-line-fit>
        <gd-curvature link="order" learning-rate="0.1"></gd-curvature>
        <gd-curvature link="order" learning-rate="0.1"></gd-curvature>
        <gd-optimizer-race link="order" landscape="booth" start="-6,8">
          <gd-optimizer type="sgd" learning-rate="0.1"></gd-optimizer>
          <gd-optimizer type="adam" learning-rate="0.3"></gd-optimizer>
        </gd-optimizer-race>
      </div>`,
    );
    const members = [...holder.children];
    const [fit, curvature, second, race] = members;
    await settleAll(members);
    const cases: [Element, number, Element, number][] = [
      [fit, 0.2, curvature, 0.3],
      [curvature, 0.6, second, 0.7],
      [second, 0.4, fit, 0.25],
      [race, 0.05, fit, 0.06],
      [fit, 0.08, race, 0.09],
      [curvature, 0.11, race, 0.12],
      [race, 0.13, second, 0.14],
    ];
    for (const [first, a, last, b] of cases) {
      target(first).learningRate = a;
      target(last).learningRate = b;
      await settleAll(members);
      expect(members.map(rateOf), `${first.localName} = ${a}, then ${last.localName} = ${b}`).to.deep.equal(members.map(() => b));
    }
    // Set again to the value it has, after another member's change: still the last word.
    target(curvature).learningRate = 0.5;
    target(fit).learningRate = 0.14;
    await settleAll(members);
    expect(members.map(rateOf)).to.deep.equal(members.map(() => 0.14));
    // The race's Adam optimizer never heard a plain-GD rate.
    expect(race.querySelector<Linked>('gd-optimizer[type=adam]')!.learningRate).to.equal(0.3);
  });

  it('50 linked widgets take 3,000 changes in bursts of 50 a frame (the 1,000 a second for 3 s that left them stale) and end on the last value sent, then stay quiet', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        ${Array.from({ length: 44 }, () => html`<gd-curvature link="storm" learning-rate="0.1" hide="panels"></gd-curvature>`)}
        ${Array.from({ length: 4 }, () => html`<gd-line-fit link="storm" learning-rate="0.1" size="10"></gd-line-fit>`)}
        ${Array.from(
          { length: 2 },
          () =>
            html`<gd-optimizer-race link="storm" landscape="booth" hide="picker"
              ><gd-optimizer type="sgd"></gd-optimizer
            ></gd-optimizer-race>`,
        )}
      </div>`,
    );
    const members = [...holder.children];
    expect(members).to.have.length(50);
    await settleAll(members);
    // A seeded sequence: which member each change goes to, and its value in (0.01, 0.99).
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let last = 0;
    for (let f = 0; f < 60; f++) {
      for (let i = 0; i < 50; i++) {
        last = Math.round((0.01 + 0.98 * random()) * 1000) / 1000;
        target(members[Math.floor(random() * members.length)]).learningRate = last;
      }
      await frame();
    }
    await settleAll(members);
    expect(
      members.map(rateOf).filter((rate) => rate !== last),
      `members not on ${last}`,
    ).to.deep.equal([]);
    // No echo: nothing changes hands once the storm is over.
    let heard = 0;
    holder.addEventListener('gd-link-change', () => heard++);
    await settleAll(members);
    expect(heard).to.equal(0);
  });
});
