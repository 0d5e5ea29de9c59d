import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
// gd-kit defines <gd-network> when a page first has one; these tests make theirs at once.
import '../../src/elements/network/define.js';
import type { GdElement } from '../../src/elements/shared/gd-element.js';

/*
 * From 320 to 1,600 px nothing of an element is cut off: no part reaches past the host's
 * edges, no container that hides its overflow has more content than it shows, and the
 * labels of the SVG axes and colour keys never overlap each other.
 */

const WIDTHS = [320, 360, 375, 420, 768, 1100, 1200, 1600];

const CASES: { name: string; template: () => TemplateResult; ready?: (el: GdElement) => Promise<unknown> }[] = [
  { name: 'gd-line-fit', template: () => html`<gd-line-fit test-split="0.2" batch-size="16"></gd-line-fit>`, ready: (el) => el.step(20) },
  { name: 'gd-curvature', template: () => html`<gd-curvature></gd-curvature>`, ready: (el) => el.step(3) },
  { name: 'gd-optimizer-race', template: () => html`<gd-optimizer-race></gd-optimizer-race>`, ready: (el) => el.step(30) },
  { name: 'gd-sweep', template: () => html`<gd-sweep></gd-sweep>`, ready: (el) => el.step(50) },
  {
    name: 'gd-sweep',
    template: () => html`<gd-sweep optimizer="momentum" y="beta" cells="12"></gd-sweep>`,
    ready: (el) => el.step(50),
  },
  {
    name: 'gd-network',
    template: () => html`<gd-network directions="pca" batch-size="20"></gd-network>`,
    ready: async (el) => {
      await el.step(20);
      await (el as GdElement & { computeLandscape(): Promise<void> }).computeLandscape();
    },
  },
];

function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : resolve());
    next(n);
  });
}

/** Every element of a shadow root, nested shadow roots included. */
function descendants(root: ShadowRoot): Element[] {
  const all: Element[] = [];
  for (const e of root.querySelectorAll('*')) {
    all.push(e);
    if (e.shadowRoot) all.push(...descendants(e.shadowRoot));
  }
  return all;
}

function shown(e: Element): boolean {
  const style = getComputedStyle(e);
  if (style.display === 'none' || style.visibility === 'hidden') return false;
  const r = e.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

function describe_(e: Element): string {
  return `<${e.localName}${e.id ? `#${e.id}` : ''}${e.getAttribute('class') ? `.${e.getAttribute('class')!.trim().replace(/\s+/g, '.')}` : ''}>`;
}

/** Pairs of overlapping labels in the axes and colour keys of each SVG. */
function overlappingLabels(root: ShadowRoot): string[] {
  const found: string[] = [];
  const groups = root.querySelectorAll('svg g.axes, svg.color-legend, .color-key svg');
  for (const group of groups) {
    const labels = [...group.querySelectorAll('text')].filter((t) => shown(t) && t.textContent.trim() !== '');
    const boxes = labels.map((t) => t.getBoundingClientRect());
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        // Firefox measures a text's whole line box (a few px above and below the glyphs), so
        // boxes that touch by up to 2 px are apart on screen.
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (across > 0.5 && down > 2)
          found.push(
            `"${labels[i].textContent.trim()}" and "${labels[j].textContent.trim()}" (${across.toFixed(1)} × ${down.toFixed(1)} px)`,
          );
      }
    }
  }
  return found;
}

describe('nothing is clipped from 320 to 1,600 px', () => {
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const c of CASES) {
    it(`${c.template().strings.join('').trim()}: inside its host at every width, axis labels apart`, async () => {
      const problems: string[] = [];
      for (const width of WIDTHS) {
        await setViewport({ width, height: 900 });
        const el = await fixture<GdElement>(c.template());
        await c.ready?.(el);
        await frames(3);
        await el.updateComplete;
        await frames(2);
        const host = el.getBoundingClientRect();
        const root = el.shadowRoot!;
        if (el.scrollWidth > el.clientWidth)
          problems.push(`${width}px: host scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
        for (const e of descendants(root)) {
          if (!shown(e)) continue;
          const style = getComputedStyle(e);
          if (e instanceof HTMLElement && /hidden|clip|auto|scroll/.test(style.overflowX) && e.scrollWidth > e.clientWidth + 1) {
            problems.push(`${width}px: ${describe_(e)} hides ${e.scrollWidth - e.clientWidth}px (overflow-x ${style.overflowX})`);
          }
          const r = e.getBoundingClientRect();
          if (r.right > host.right + 1 || r.left < host.left - 1) {
            problems.push(
              `${width}px: ${describe_(e)} spans ${Math.round(r.left)}…${Math.round(r.right)}, host ${Math.round(host.left)}…${Math.round(host.right)}`,
            );
          }
        }
        for (const pair of overlappingLabels(root)) problems.push(`${width}px: labels ${pair} overlap`);
        el.remove();
      }
      expect(problems, problems.slice(0, 30).join('\n')).to.deep.equal([]);
    });
  }

  it('all 14 race landscapes can be picked without a scroller at 320 px', async () => {
    await setViewport({ width: 320, height: 900 });
    const el = await fixture<GdElement>(html`<gd-optimizer-race></gd-optimizer-race>`);
    await frames(3);
    const host = el.getBoundingClientRect();
    const thumbs = [...el.shadowRoot!.querySelectorAll('.thumb')];
    expect(thumbs).to.have.length(14);
    for (const thumb of thumbs) {
      const r = thumb.getBoundingClientRect();
      expect(
        r.left >= host.left - 1 && r.right <= host.right + 1 && r.width > 0,
        `${thumb.textContent.trim()} is inside the host`,
      ).to.equal(true);
    }
  });
});
