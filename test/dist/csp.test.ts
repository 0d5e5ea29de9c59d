import { expect } from '@open-wc/testing';

type CspWindow = Window & { __violations: string[]; __loaded: Promise<boolean>; __flushReports(): void };
type Steppable = HTMLElement & { updateComplete: Promise<unknown>; step(n?: number): Promise<void> };

const TAGS = ['gd-line-fit', 'gd-curvature', 'gd-optimizer-race'];

/** Some pixel of the canvas is painted. */
function paintedCanvas(canvas: HTMLCanvasElement): boolean {
  if (canvas.width < 2 || canvas.height < 2) return false;
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4 * 13) if (pixels[i] !== 0) return true;
  return false;
}

/** Some pixel of some canvas in the element's shadow root is painted. */
function painted(element: Element): boolean {
  return [...element.shadowRoot!.querySelectorAll('canvas')].some(paintedCanvas);
}

describe('strict Content-Security-Policy', () => {
  it('runs every element with no unsafe-inline or unsafe-eval and no violations', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '1000px';
    frame.style.height = '2400px';
    frame.src = '/test/dist/csp-page.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as CspWindow;
    // The policy allows images from the page's own origin only: no data: or blob: URLs.
    const policy = frame.contentDocument!.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(policy).to.match(/img-src 'self';/);
    await win.__loaded;
    const elements = TAGS.map((tag) => frame.contentDocument!.querySelector(tag) as Steppable);
    await Promise.all(elements.map((element) => element.updateComplete));
    for (const element of elements) await element.step(5);
    // Let idle work (the race's landscape thumbnails) and first draws happen; a race
    // prepares only while on screen.
    elements[2].scrollIntoView();
    const thumbnailsDone = () => !elements[2].shadowRoot!.querySelector('.thumb-blank');
    for (let i = 0; i < 250 && !(thumbnailsDone() && elements.every((el) => painted(el) || el.localName === 'gd-curvature')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A race on an author's formula: parsed without eval, shown as MathML, its minima found.
    const custom = frame.contentDocument!.querySelector('#custom') as Steppable;
    await custom.step(5);
    for (let i = 0; i < 250 && !custom.shadowRoot!.textContent.includes('found minimum'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(custom.shadowRoot!.querySelector('.landscape-formula math'), 'formula as MathML').to.not.equal(null);
    expect(custom.shadowRoot!.textContent, 'minima found').to.include('found minimum');
    expect(painted(custom), 'custom race drawn').to.equal(true);
    win.__flushReports();
    expect(win.__violations, win.__violations.join('\n')).to.deep.equal([]);
    for (const element of elements) {
      // Laid out at a real size (inline style attributes would have been blocked).
      const box = element.getBoundingClientRect();
      expect(box.height, `${element.localName} height`).to.be.greaterThan(150);
      for (const plot of element.shadowRoot!.querySelectorAll<HTMLElement>('.plot')) {
        expect(plot.getBoundingClientRect().height, `${element.localName} plot height`).to.be.greaterThan(50);
      }
    }
    expect(painted(elements[0]), 'line fit drawn').to.equal(true);
    expect(painted(elements[2]), 'race drawn').to.equal(true);
    // Every landscape thumbnail is drawn, with no image from a data: URL.
    expect(thumbnailsDone(), 'thumbnails made').to.equal(true);
    const thumbnails = [...elements[2].shadowRoot!.querySelectorAll<HTMLCanvasElement>('[part~="picker"] canvas')];
    expect(thumbnails.length).to.be.above(10);
    expect(thumbnails.every(paintedCanvas), 'thumbnails painted').to.equal(true);
    expect(frame.contentDocument!.querySelectorAll('img').length + elements.reduce((n, el) => n + el.shadowRoot!.querySelectorAll('img').length, 0)).to.equal(0);
    frame.remove();
  });
});
