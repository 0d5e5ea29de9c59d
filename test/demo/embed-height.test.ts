import { expect } from '@open-wc/testing';
import { HOST_SCRIPT } from '../../demo/embed-share.js';

// The height an embed page posts while the reader has not scrolled to it: browsers do not
// render a cross-origin frame that is off-screen (no ResizeObserver callbacks, no animation
// frames, and in Chromium not even its new size), so anything the widget sizes there must
// come from layout, at the width the host's script (the embed code's) reports. The page
// must not jump when the reader arrives, nor when the host narrows the frame meanwhile.

const until = async (condition: () => boolean, tries = 400) => {
  for (let i = 0; i < tries && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
};

/** The same server under another host name: a cross-origin frame, as on a real LMS page. */
function otherOrigin(): string {
  const host = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  return `${location.protocol}//${host}:${location.port}`;
}

function frame(src: string, width: number) {
  const element = document.createElement('iframe');
  // 900 px high at first, as the README's embed code has it; the host script then gives it its posted height.
  Object.assign(element.style, { width: `${width}px`, border: '0', display: 'block' });
  element.height = '900';
  element.src = src;
  const loaded = new Promise((resolve) => element.addEventListener('load', resolve, { once: true }));
  return { element, loaded };
}

const WIDGETS: [string, string][] = [
  ['race', 'widget=race&landscape=rosenbrock&start=-1.5,2&optimizer=sgd:0.001&optimizer=adam:0.02'],
  ['line fit', 'widget=line-fit&size=200&learning-rate=0.05'],
  ['curvature', 'widget=curvature&curvature=3&learning-rate=0.5'],
  ['sweep', 'widget=sweep&landscape=bowl&optimizer=momentum&y=beta&cells=8&steps=20'],
];

describe('demo/embed.html: the height posted off-screen', () => {
  for (const [name, query] of WIDGETS) {
    it(`${name}: a cross-origin frame never scrolled to posts its on-screen height at 1,280 px, and again when the host narrows it to 390 px`, async function () {
      // Two page loads and two layouts of a whole widget, on a machine that runs both browsers at once.
      this.timeout(150000);
      const heights = new Map<MessageEventSource, number[]>();
      const onMessage = (event: MessageEvent<{ type?: string; height?: number } | null>) => {
        if (event.data?.type !== 'gd-kit:resize' || typeof event.data.height !== 'number' || !event.source) return;
        if (!heights.has(event.source)) heights.set(event.source, []);
        heights.get(event.source)!.push(event.data.height);
      };
      window.addEventListener('message', onMessage);
      // The reference: the same page in a same-origin frame on screen, of the same width.
      const reference = frame(`/demo/embed.html?${query}`, 1280);
      const spacer = document.createElement('div');
      spacer.style.height = `${3 * innerHeight}px`;
      const below = frame(`${otherOrigin()}/demo/embed.html?${query}`, 1280);
      document.body.append(reference.element, spacer, below.element);
      try {
        // What a host page runs (the embed code carries it): heights from the frames, widths to them.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the embed code's own script text, as a host page runs it
        (new Function(HOST_SCRIPT) as () => void)();
        await Promise.all([reference.loaded, below.loaded]);
        const onScreen = () => Math.ceil(reference.element.contentDocument!.documentElement.getBoundingClientRect().height);
        const lastOf = (target: HTMLIFrameElement) => heights.get(target.contentWindow!)?.at(-1);
        const settled = () => {
          const [ref, off] = [lastOf(reference.element), lastOf(below.element)];
          return ref !== undefined && off !== undefined && ref === onScreen() && Math.abs(off - ref) <= 2;
        };
        for (const width of [1280, 390]) {
          for (const target of [reference, below]) target.element.style.width = `${width}px`;
          // Settled means: both agree, twice in a row a second apart (parts render late).
          await until(settled, 600);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          await until(settled, 400);
          expect(window.scrollY, 'the test page was never scrolled').to.equal(0);
          expect(below.element.getBoundingClientRect().top).to.be.above(2 * innerHeight);
          expect(onScreen(), `${name} at ${width} px is taller than its frame`).to.be.above(300);
          const posted = lastOf(below.element);
          expect(posted, `height posted off-screen at ${width} px`).to.be.a('number');
          expect(Math.abs(posted! - onScreen()), `${name} at ${width} px: off-screen ${posted}, on screen ${onScreen()}`).to.be.at.most(2);
        }
      } finally {
        window.removeEventListener('message', onMessage);
        reference.element.remove();
        spacer.remove();
        below.element.remove();
      }
    });
  }
});
