import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/elements/line-fit/define.js';
import type { GdLineFit } from '../../../src/elements/line-fit/gd-line-fit.js';
import { settled } from './settled.js';

/** J(w, b) = (1/m)Σ(w·xᵢ + b − yᵢ)², point by point in float64. */
function mse({ x, y }: { x: number[]; y: number[] }, w: number, b: number): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += (w * x[i] + b - y[i]) ** 2;
  return total / x.length;
}

function readoutOf(el: GdLineFit): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"] .point-readout')!;
}

/** The readout's numbers (en: "−2.5" or "-2.5", "1,234.5"). */
function parse(el: GdLineFit): { w: number; b: number; j: number } | undefined {
  const match = /w = (\S+), b = (\S+), J = (\S+)/.exec(readoutOf(el).textContent ?? '');
  if (!match) return undefined;
  const number = (text: string) => Number(text.replace(/−/g, '-').replace(/,/g, ''));
  return { w: number(match[1]), b: number(match[2]), j: number(match[3]) };
}

describe('gd-line-fit (w, b, J) readout', () => {
  it('hovering the cost map reads out (w, b) under the pointer and the full-data MSE there', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit init="-2,3" seed="5"></gd-line-fit>`);
    expect(readoutOf(el).getAttribute('aria-live')).to.equal('polite');
    expect(parse(el)).to.equal(undefined);
    await settled(el);
    // The centre of the start handle is (w, b) = (−2, 3) on the map.
    const box = el.shadowRoot!.querySelector('[part~="handle"] .init-dot')!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    // Changes are throttled: the last one lands within the interval, however late a loaded
    // machine runs it. Within a pixel or so of the handle's centre (the window is about 8
    // wide on ~300 px).
    const nearCentre = () => {
      const point = parse(el);
      return point !== undefined && Math.abs(point.w + 2) <= 0.06 && Math.abs(point.b - 3) <= 0.06;
    };
    await waitUntil(nearCentre, 'the readout shows the point under the pointer', { timeout: 50_000 });
    const shown = parse(el)!;
    // J is the closed form at the point shown (four significant digits), and near J(−2, 3).
    expect(shown.j).to.be.closeTo(mse(el.data, shown.w, shown.b), 2e-3 * shown.j);
    expect(shown.j).to.be.closeTo(mse(el.data, -2, 3), 0.05 * shown.j);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('follows the focused start handle as the arrow keys move it, with the cost there', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit init="-2,3" seed="5"></gd-line-fit>`);
    const handle = el.shadowRoot!.querySelector<SVGGElement>('[part~="handle"]')!;
    handle.focus();
    await el.updateComplete;
    expect(parse(el)).to.deep.include({ w: -2, b: 3 });
    expect(parse(el)!.j).to.be.closeTo(mse(el.data, -2, 3), 1e-3 * parse(el)!.j);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    const { w, b } = el.params;
    expect(w).to.be.above(-2);
    // A key press shows at once (no throttle): the new start, with J there.
    const shown = parse(el)!;
    expect(shown.w).to.be.closeTo(w, 5e-4 * Math.abs(w));
    expect(shown.b).to.equal(b);
    expect(shown.j).to.be.closeTo(mse(el.data, w, b), 1e-3 * shown.j);
    await expect(el).to.be.accessible();
  });
});
