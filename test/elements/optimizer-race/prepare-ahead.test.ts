import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/optimizer-race/define.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';
import { LANDSCAPE_IDS, getLandscape } from '../../../src/core/index.js';
import { hasLandscapeData, landscapeData, landscapeGrid } from '../../../src/elements/optimizer-race/internal/landscape/landscape-cache.js';
import { BAND_COUNT, GRID_SIZE } from '../../../src/elements/optimizer-race/internal/settings.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the race's own IntersectionObserver has told it whether it is on screen
 * (`onScreen`, private): Chromium may report another observer made later first, so the
 * test waits for the race's own notion, however long a loaded machine takes.
 */
function raceSees(race: Element, onScreen: boolean): Promise<void> {
  const seen = () => (race as unknown as { player: { onScreen: boolean } }).player.onScreen === onScreen;
  return waitUntil(seen, `the race knows it is ${onScreen ? 'on' : 'off'} screen`, { timeout: 50_000 });
}

/**
 * requestIdleCallback under the test's control: callbacks wait in a queue until pumped,
 * each with a deadline that allows `slices` calls of timeRemaining() above the margin.
 */
function fakeIdle() {
  const queue: ((deadline: IdleDeadline) => void)[] = [];
  const real = { request: window.requestIdleCallback.bind(window), cancel: window.cancelIdleCallback.bind(window) };
  window.requestIdleCallback = (callback) => queue.push(callback);
  window.cancelIdleCallback = (id) => {
    if (queue[id - 1]) queue[id - 1] = () => {};
  };
  return {
    /** Runs the callbacks queued now; each may see `allowance` checks of a generous remaining time. */
    pump(allowance: number): number {
      const now = queue.splice(0);
      // Ids are positions: keep them stable by leaving holes.
      queue.length = 0;
      for (const callback of now) {
        let left = allowance;
        callback({ didTimeout: false, timeRemaining: () => (left-- > 0 ? 50 : 0) });
      }
      return now.length;
    },
    restore() {
      window.requestIdleCallback = real.request;
      window.cancelIdleCallback = real.cancel;
    },
  };
}

// The landscape shown (the default bowl) is made at once; the others in idle time.
const OTHERS = LANDSCAPE_IDS.filter((id) => id !== 'bowl').map((id) => getLandscape(id)!);
const prepared = () => OTHERS.filter((landscape) => hasLandscapeData(landscape, 256, 22)).length;

// A page of its own: the landscape cache is shared by every race on the page.
describe('<gd-optimizer-race>: idle-time preparation', () => {
  let idle: ReturnType<typeof fakeIdle>;
  beforeEach(() => {
    idle = fakeIdle();
  });
  afterEach(() => idle.restore());

  it('prepares nothing while the race is off-screen', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div style="margin-top: 300vh"><gd-optimizer-race></gd-optimizer-race></div>`);
    const race = holder.querySelector('gd-optimizer-race')!;
    await race.updateComplete;
    await raceSees(race, false);
    for (let round = 0; round < 5; round++) idle.pump(1000);
    expect(prepared()).to.equal(0);
    holder.remove();
  });

  it('stops at the idle deadline: one slice of a few ms per check, many callbacks per landscape', async () => {
    const race = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    await race.updateComplete;
    await raceSees(race, true);
    let callbacks = 0;
    for (let round = 0; round < 2000 && prepared() < OTHERS.length; round++) {
      const ran = idle.pump(1);
      callbacks += ran;
      if (!ran) await sleep(5);
    }
    expect(prepared()).to.equal(OTHERS.length);
    // The thumbnails, then per landscape 8 blocks of grid rows, the levels and 22 bands,
    // each in its own callback when the deadline allows one slice (the old code made a
    // whole landscape per callback, 50–157 ms each).
    expect(callbacks).to.be.at.least(OTHERS.length * 31);
  });

  it('draws every thumbnail within a few tasks of the first paint, with no idle time at all', async () => {
    // The fake idle queue is never pumped here: a page that is never idle still gets its picker.
    const race = await fixture<GdOptimizerRace>(html`<gd-optimizer-race></gd-optimizer-race>`);
    await race.updateComplete;
    const painted = () => race.shadowRoot!.querySelectorAll('canvas.thumb-image[data-painted]').length;
    let tasks = 0;
    while (painted() < LANDSCAPE_IDS.length && tasks < 60) {
      await sleep(0);
      await race.updateComplete;
      tasks++;
    }
    expect(painted()).to.equal(LANDSCAPE_IDS.length);
    expect(race.shadowRoot!.querySelectorAll('.thumb-blank')).to.have.length(0);
    // Each is a picture of its landscape, not a blank: its pixels vary.
    for (const canvas of race.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas.thumb-image')) {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      expect(colours.size, canvas.dataset.landscape).to.be.above(3);
    }
  });

  it('shares one cache between the races of a page', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div>
        <gd-optimizer-race landscape="rosenbrock"></gd-optimizer-race><gd-optimizer-race landscape="rosenbrock"></gd-optimizer-race>
      </div>`,
    );
    const [a, b] = Array.from(holder.querySelectorAll('gd-optimizer-race'));
    await a.updateComplete;
    await b.updateComplete;
    // Both races read the grid and bands the page's one cache holds (made once, by whichever asked first).
    const rosenbrock = getLandscape('rosenbrock')!;
    expect(hasLandscapeData(rosenbrock, GRID_SIZE, BAND_COUNT)).to.equal(true);
    expect(landscapeGrid(rosenbrock)).to.equal(landscapeData(rosenbrock, GRID_SIZE, BAND_COUNT));
  });
});
