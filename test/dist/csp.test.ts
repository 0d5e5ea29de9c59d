import { expect } from '@open-wc/testing';

type CspWindow = Window & { __violations: string[]; __loaded: Promise<boolean>; __flushReports(): void };
type Steppable = HTMLElement & { updateComplete: Promise<unknown>; step(n?: number): Promise<void> } & Record<string, unknown>;

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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls up to 50 s, under the 60 s test timeout: a loaded machine is slow, not broken. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await pause(100);
}

/** The violations a page (or a frame in it) recorded so far, its reports flushed first. */
function violations(win: CspWindow): string[] {
  win.__flushReports();
  return win.__violations;
}

describe('strict Content-Security-Policy: every view of every element', () => {
  let frame: HTMLIFrameElement;
  /**
   * Brings an element of the frame into this page's viewport, where the kit's on-screen
   * work (a race's paints and basin map) happens: the frame is in view whole, so scrolling
   * within it is enough (Firefox would not scroll this page to a part of a taller frame).
   */
  const show = (element: Element) => {
    element.scrollIntoView();
    frame.scrollIntoView();
  };
  /** Some of the element is inside the frame's viewport. */
  const inView = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < frame.clientHeight;
  };
  let win: CspWindow;
  const $ = <T extends Element = Steppable>(selector: string) => frame.contentDocument!.querySelector(selector) as unknown as T;

  before(async () => {
    frame = document.createElement('iframe');
    frame.style.width = '1000px';
    // No taller than this page's viewport: whatever is scrolled into view in the frame is on screen.
    frame.style.height = `${Math.min(560, window.innerHeight - 40)}px`;
    frame.src = '/test/dist/csp-page.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    win = frame.contentWindow as CspWindow;
    await win.__loaded;
  });

  after(() => frame.remove());

  it('runs the line fit, curvature, race and a formula race with no unsafe-inline or unsafe-eval and no violations', async () => {
    // The policy allows images from the page's own origin only: no data: or blob: URLs.
    const policy = frame.contentDocument!.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(policy).to.match(/img-src 'self';/);
    const elements = TAGS.map((tag) => $(tag));
    await Promise.all(elements.map((element) => element.updateComplete));
    for (const element of elements) await element.step(5);
    // Let idle work (the race's landscape thumbnails) and first draws happen; a race
    // prepares only while on screen.
    show(elements[2]);
    const thumbnailsDone = () => !elements[2].shadowRoot!.querySelector('.thumb-blank');
    await until(() => {
      if (!inView(elements[2])) show(elements[2]);
      return thumbnailsDone() && elements.every((el) => painted(el) || el.localName === 'gd-curvature');
    });
    // A race on an author's formula: parsed without eval, shown as MathML, its minima found.
    const custom = $('#custom');
    await custom.step(5);
    await until(() => custom.shadowRoot!.textContent.includes('found minimum'));
    expect(custom.shadowRoot!.querySelector('.landscape-formula math'), 'formula as MathML').to.not.equal(null);
    expect(custom.shadowRoot!.textContent, 'minima found').to.include('found minimum');
    expect(painted(custom), 'custom race drawn').to.equal(true);
    expect(violations(win), violations(win).join('\n')).to.deep.equal([]);
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
  });

  it('draws the ghost of an earlier run in its optimizer colour, and notes with their markers, with no violations', async () => {
    const race = $('#ghosts');
    show(race);
    await race.step(20);
    // A new learning rate after 20 steps: the run before it stays as a faded, labelled ghost.
    $<HTMLElement & { learningRate: number }>('#ghosts gd-optimizer').learningRate = 0.02;
    await race.updateComplete;
    await until(() => race.shadowRoot!.querySelector('.ghost polyline') !== null);
    const ghost = race.shadowRoot!.querySelector<SVGGElement>('.ghost')!;
    expect(ghost, 'a ghost').to.not.equal(null);
    // Its colour came through the CSSOM: an inline style attribute would have been blocked and left the text colour.
    const line = race.shadowRoot!.querySelector<SVGPolylineElement>('.ghost polyline')!;
    expect(ghost.style.getPropertyValue('color')).to.not.equal('');
    expect(getComputedStyle(ghost).color).to.not.equal(getComputedStyle(race).color);
    expect(line.getAttribute('points')!.split(' ').length).to.be.above(10);
    // A rejected value's note, and a rejected formula's note with its marker under the character at fault.
    const noted = $('#noted');
    await noted.updateComplete;
    expect(noted.shadowRoot!.querySelector('.note[data-note="size"]')!.textContent).to.include('size="-5"');
    const custom = $('#custom');
    custom.formula = 'w1 + x';
    await custom.updateComplete;
    const marker = custom.shadowRoot!.querySelector<HTMLElement>('.note[data-note="formula"] .note-at')!;
    expect(getComputedStyle(marker).fontFamily).to.match(/monospace/);
    expect(getComputedStyle(marker).whiteSpace).to.equal('pre');
    expect(violations(win), violations(win).join('\n')).to.deep.equal([]);
  });

  it('plays a swarm with its tally and computes a basin map, with no violations', async () => {
    const race = $('#swarm');
    show(race);
    await race.step(30);
    expect((race.swarmTally as { iteration: number }).iteration).to.equal(30);
    expect(race.shadowRoot!.querySelector('[part~="swarm"]'), 'the tally table').to.not.equal(null);
    const basins = () => race.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.basins');
    // Kept in view while it waits: widgets above that finish their first render later
    // (a loaded machine) grow and push the race out of the frame's view, where it waits.
    await until(() => {
      if (!inView(race)) show(race);
      return race.basinMap !== undefined && basins() !== null && paintedCanvas(basins()!);
    });
    expect(race.basinMap, 'the basin map').to.not.equal(undefined);
    expect(paintedCanvas(race.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.basins')!), 'basins painted').to.equal(true);
    expect(violations(win), violations(win).join('\n')).to.deep.equal([]);
  });

  it('runs sweeps over α, α × β and the line fit’s data, with no violations', async () => {
    for (const id of ['#sweep-1d', '#sweep-2d', '#sweep-data']) {
      const sweep = $(id);
      show(sweep);
      await sweep.updateComplete;
      await until(() => (sweep.results as unknown[]).length > 0 && sweep.iteration === Number(sweep.getAttribute('steps')));
      expect(sweep.iteration, id).to.equal(Number(sweep.getAttribute('steps')));
      const figure = sweep.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!;
      expect(figure.getBoundingClientRect().height, `${id} plot height`).to.be.greaterThan(50);
    }
    await until(() => painted($('#sweep-2d')));
    expect(painted($('#sweep-2d')), 'heat map painted').to.equal(true);
    expect(violations(win), violations(win).join('\n')).to.deep.equal([]);
  });

  it('runs the embed page restoring a state from its URL, with no violations in it', async () => {
    const embed = $<HTMLIFrameElement>('#embed');
    show(embed);
    const inner = () => embed.contentWindow as CspWindow | null;
    await until(() => !!inner()?.__loaded);
    await inner()!.__loaded;
    const race = () => embed.contentDocument!.querySelector('gd-optimizer-race') as unknown as Steppable | null;
    await until(() => race() !== null);
    await race()!.updateComplete;
    await until(() => race()!.iteration === 20 && painted(race()!));
    expect(race()!.iteration, 'the restored updates').to.equal(20);
    expect((race()!.trajectories as { type: string }[]).map((t) => t.type)).to.deep.equal(['adam']);
    expect(painted(race()!), 'drawn').to.equal(true);
    expect(violations(inner()!), violations(inner()!).join('\n')).to.deep.equal([]);
    expect(violations(win), violations(win).join('\n')).to.deep.equal([]);
  });
});
