import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
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
