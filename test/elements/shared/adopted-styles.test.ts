import { expect, fixture } from '@open-wc/testing';
import '../../../src/index.js';

/** A blank same-origin iframe, loaded. */
async function blankFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = '<!doctype html><html><body></body></html>';
  document.body.append(frame);
  await loaded;
  return frame;
}

type Lit = HTMLElement & { updateComplete: Promise<unknown> };

/** What the element's own style sheets decide: the host's display and the controls' layout. */
function styled(element: HTMLElement, part: string): { host: string; part: string } {
  const view = element.ownerDocument.defaultView!;
  return {
    host: view.getComputedStyle(element).display,
    part: view.getComputedStyle(element.shadowRoot!.querySelector(`[part~="${part}"]`)!).display,
  };
}

describe('styles after adoptNode into another document', () => {
  for (const [tag, part, display] of [
    ['gd-curvature', 'controls', 'flex'],
    ['gd-line-fit', 'controls', 'grid'],
    ['gd-optimizer-race', 'controls', 'flex'],
  ] as const) {
    it(`<${tag}> keeps its styles in an iframe and after moving back`, async () => {
      const element = await fixture<Lit>(`<${tag}></${tag}>`);
      await element.updateComplete;
      const home = element.parentElement!;
      const before = styled(element, part);
      expect(before.host).to.equal('block');
      expect(before.part).to.equal(display);

      const frame = await blankFrame();
      try {
        const other = frame.contentDocument!;
        other.body.append(other.adoptNode(element));
        await element.updateComplete;
        expect(element.shadowRoot!.adoptedStyleSheets.length, 'sheets in the iframe').to.be.above(0);
        expect(styled(element, part), 'in the iframe').to.deep.equal(before);

        home.append(document.adoptNode(element));
        await element.updateComplete;
        expect(styled(element, part), 'back home').to.deep.equal(before);
      } finally {
        frame.remove();
      }
    });
  }

  it('<gd-optimizer> stays hidden in an iframe', async () => {
    const race = await fixture<Lit>('<gd-optimizer-race><gd-optimizer type="adam"></gd-optimizer></gd-optimizer-race>');
    const child = race.querySelector('gd-optimizer') as Lit;
    await child.updateComplete;
    const frame = await blankFrame();
    try {
      const other = frame.contentDocument!;
      other.body.append(other.adoptNode(child));
      expect(frame.contentWindow!.getComputedStyle(child).display).to.equal('none');
    } finally {
      frame.remove();
    }
  });
});
