import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
// gd-kit defines <gd-network> when a page first has one; these tests make theirs at once.
import '../../src/elements/network/define.js';
import type { GdElement } from '../../src/elements/shared/gd-element.js';

/*
 * On a phone held upright (375 × 667), the plot and the controls that change it are on
 * screen together: wherever the page is scrolled so that at least half of the plot shows
 * (not hidden under a sticky bar), the primary controls are in the viewport and not
 * covered by anything.
 */

interface Case {
  name: string;
  template: TemplateResult;
  plot: string;
  controls: string[];
}

const CASES: Case[] = [
  {
    name: 'gd-line-fit',
    template: html`<gd-line-fit></gd-line-fit>`,
    plot: '[part~="plot"] .plot',
    controls: ['button.play', 'input#rate'],
  },
  {
    name: 'gd-curvature',
    template: html`<gd-curvature></gd-curvature>`,
    plot: '[part~="plot"]',
    controls: ['[part~="controls"] button.primary', 'input#learning-rate'],
  },
  {
    name: 'gd-optimizer-race',
    template: html`<gd-optimizer-race></gd-optimizer-race>`,
    plot: '.plot[part~="plot"]',
    controls: ['button.play', '.speed input[type="range"]'],
  },
  {
    name: 'gd-sweep',
    template: html`<gd-sweep></gd-sweep>`,
    plot: '[part~="plot"]',
    controls: ['[part~="controls"] button'],
  },
  {
    name: 'gd-network',
    template: html`<gd-network></gd-network>`,
    plot: '[part~="data"] .map-grid',
    controls: ['button.play', '.speed input[type="range"]'],
  },
];

const VIEW = { width: 375, height: 667 };

function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : resolve());
    next(n);
  });
}

/** Rows of the plot in the viewport that no control bar (a sticky ancestor of a control) covers. */
function visiblePlotRows(plot: DOMRect, covers: DOMRect[]): number {
  const top = Math.max(plot.top, 0);
  const bottom = Math.min(plot.bottom, innerHeight);
  let rows = 0;
  for (let y = Math.ceil(top); y < bottom; y++) if (!covers.some((c) => y >= c.top && y < c.bottom)) rows++;
  return rows;
}

/** The nearest ancestor (within the shadow root) with position: sticky, if any. */
function stickyAncestor(element: Element): Element | undefined {
  for (let e: Element | null = element; e; e = e.parentElement) if (getComputedStyle(e).position === 'sticky') return e;
  return undefined;
}

describe('small screens: plot and controls on screen together at 375 × 667', () => {
  before(async () => {
    await setViewport(VIEW);
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const c of CASES) {
    it(`${c.name}: wherever half its plot shows, its primary controls show too`, async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div style="padding: 0 8px">
          <p style="height: 500px; margin: 0">Text before the figure.</p>
          ${c.template}
          <p style="height: 900px; margin: 0">Text after the figure.</p>
        </div>`,
      );
      expect(innerWidth).to.equal(VIEW.width);
      const el = wrapper.querySelector<GdElement>(c.name)!;
      await el.updateComplete;
      await frames(4);
      await el.updateComplete;
      const root = el.shadowRoot!;
      const plot = root.querySelector(c.plot)!;
      const controls = c.controls.map((selector) => root.querySelector<HTMLElement>(selector)!);
      controls.forEach((control, i) => expect(control, c.controls[i]).to.exist);
      let checked = 0;
      const end = document.documentElement.scrollHeight - innerHeight;
      for (let y = 0; y <= end; y += 23) {
        window.scrollTo(0, y);
        await frames(1);
        const box = plot.getBoundingClientRect();
        const bars = controls
          .map((control) => stickyAncestor(control))
          .filter((bar): bar is Element => bar !== undefined && !bar.contains(plot));
        const shown = visiblePlotRows(
          box,
          bars.map((bar) => bar.getBoundingClientRect()),
        );
        if (shown < box.height / 2) continue;
        checked++;
        for (const [i, control] of controls.entries()) {
          const rect = control.getBoundingClientRect();
          const where = `${c.controls[i]} at scroll ${y} (plot ${Math.round(box.top)}…${Math.round(box.bottom)})`;
          expect(rect.bottom > 0 && rect.top < innerHeight && rect.width > 0, `${where} is in the viewport`).to.equal(true);
          // Not covered: the topmost element at the control's visible middle is the control.
          const midY = (Math.max(rect.top, 0) + Math.min(rect.bottom, innerHeight)) / 2;
          const hit = root.elementFromPoint(rect.left + rect.width / 2, midY);
          expect(
            hit !== null && (control === hit || control.contains(hit)),
            `${where} is not covered (hit: ${hit?.outerHTML.slice(0, 60)})`,
          ).to.equal(true);
        }
      }
      expect(checked, 'some scroll positions show half the plot').to.be.above(3);
      window.scrollTo(0, 0);
    });
  }
});

describe('small screens: the keys and panels stay with what they describe at 375 × 667', () => {
  before(async () => {
    await setViewport(VIEW);
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('gd-line-fit: the colour key rides at the top of the docked controls: wherever half the map shows, the key shows uncovered', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div style="padding: 0 8px">
        <p style="height: 400px; margin: 0">Text before the figure.</p>
        <gd-line-fit></gd-line-fit>
        <p style="height: 900px; margin: 0">Text after the figure.</p>
      </div>`,
    );
    const el = wrapper.querySelector<GdElement>('gd-line-fit')!;
    await el.updateComplete;
    await frames(4);
    const root = el.shadowRoot!;
    const key = root.querySelector<SVGElement>('[part~="plot"] .color-legend')!;
    const map = root.querySelector('[part~="plot"] .plot')!;
    expect(key.closest('.dock'), 'the key is in the dock').to.not.equal(null);
    let seen = 0;
    const end = document.documentElement.scrollHeight - innerHeight;
    const dock = root.querySelector('.dock')!;
    for (let y = 0; y <= end; y += 29) {
      window.scrollTo(0, y);
      await frames(1);
      const mapBox = map.getBoundingClientRect();
      if (visiblePlotRows(mapBox, [dock.getBoundingClientRect()]) < mapBox.height / 2) continue;
      const box = key.getBoundingClientRect();
      expect(box.top >= 0 && box.bottom <= innerHeight, `the key at scroll ${y} is on screen`).to.equal(true);
      seen++;
      const hit = root.elementFromPoint(box.left + box.width / 2, box.top + 6);
      expect(hit !== null && key.contains(hit), `the key at scroll ${y} (hit: ${hit?.outerHTML.slice(0, 60)})`).to.equal(true);
    }
    expect(seen, 'scroll positions with the key on screen').to.be.above(3);
    window.scrollTo(0, 0);
  });

  it('gd-curvature: the regime panel follows the plot directly, before the key and the controls', async () => {
    const el = await fixture<GdElement>(html`<gd-curvature cost="double-well" init="-1.4"></gd-curvature>`);
    await el.updateComplete;
    await frames(2);
    const root = el.shadowRoot!;
    const plot = root.querySelector('[part~="plot"]')!.getBoundingClientRect();
    const regime = root.querySelector('[part~="regime"]')!.getBoundingClientRect();
    const legend = root.querySelector('[part~="legend"]')!.getBoundingClientRect();
    const readout = root.querySelector('[part~="readout"]')!.getBoundingClientRect();
    expect(regime.top).to.be.at.least(plot.bottom - 1);
    expect(regime.top - plot.bottom, 'no more than a gap between plot and regime').to.be.below(24);
    expect(regime.bottom).to.be.at.most(legend.top + 1);
    expect(readout.top).to.be.at.least(regime.bottom);
  });

  for (const width of [375, 1200]) {
    it(`gd-optimizer-race at ${width} px: every landscape name fits its thumbnail, no word split, no two names touching`, async () => {
      await setViewport({ width, height: 900 });
      const el = await fixture<GdElement>(html`<gd-optimizer-race></gd-optimizer-race>`);
      await el.updateComplete;
      await frames(2);
      const names = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.thumb-name')];
      expect(names).to.have.length(14);
      const boxes = names.map((name) => name.getBoundingClientRect());
      names.forEach((name, i) => {
        const words = name.textContent.trim().split(/[\s–-]+/).length;
        const range = document.createRange();
        range.selectNodeContents(name);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        expect(lines.size, `${name.textContent} is on at most one line per word`).to.be.at.most(words);
        const cell = name.closest('.thumb')!.getBoundingClientRect();
        expect(boxes[i].left >= cell.left - 0.5 && boxes[i].right <= cell.right + 0.5, `${name.textContent} inside its cell`).to.equal(
          true,
        );
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          expect(apart, `${name.textContent} and ${names[j].textContent} apart`).to.equal(true);
        }
      });
      await setViewport(VIEW);
    });
  }
});
