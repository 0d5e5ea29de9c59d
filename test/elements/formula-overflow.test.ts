import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/line-fit/define.js';
import '../../src/elements/curvature/define.js';
import '../../src/elements/optimizer/define.js';
import '../../src/elements/optimizer-race/define.js';

/*
 * A typeset formula must fit its box: where the box scrolls (overflow auto, kept for
 * long formulas on narrow screens), even a few pixels of overflow show a scrollbar on
 * platforms with classic scrollbars (Firefox, Chrome on Windows and Linux). Headless
 * Firefox draws them, so this test means most there.
 */

type Figure = HTMLElement & { updateComplete: Promise<boolean> };

/** Every scrolling box in a shadow root that holds a formula, with how far it overflows. */
function scrollingFormulaBoxes(root: ShadowRoot) {
  const boxes = [...root.querySelectorAll<HTMLElement>('*')].filter((node) => {
    const style = getComputedStyle(node);
    return node.querySelector('math') && /auto|scroll/.test(`${style.overflowX} ${style.overflowY}`);
  });
  return boxes.map((box) => ({
    box: `${box.tagName.toLowerCase()}.${[...box.classList].join('.')}`,
    x: box.scrollWidth - box.clientWidth,
    y: box.scrollHeight - box.clientHeight,
  }));
}

describe('typeset formulas', () => {
  it('fit their boxes in every element: no scrollbar beside an update rule', async () => {
    const page = await fixture<HTMLElement>(
      html`<div style="width: 960px">
        <gd-optimizer-race landscape="rosenbrock">
          ${['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam', 'adamw'].map((type) => html`<gd-optimizer type=${type}></gd-optimizer>`)}
        </gd-optimizer-race>
        <gd-line-fit optimizer="adam"></gd-line-fit>
        <gd-curvature cost="quartic"></gd-curvature>
      </div>`,
    );
    const figures = [...page.children] as Figure[];
    await Promise.all(figures.map((figure) => figure.updateComplete));
    const boxes = figures.flatMap((figure) => scrollingFormulaBoxes(figure.shadowRoot!));
    expect(
      boxes.filter((b) => b.box.startsWith('div.rule')),
      'the race has one rule per optimizer',
    ).to.have.length.of.at.least(7);
    expect(boxes.filter((b) => b.x > 0 || b.y > 0)).to.deep.equal([]);
  });
});
