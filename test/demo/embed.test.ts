import { expect } from '@open-wc/testing';
import { timerRunsWhile } from '../elements/main-thread.js';

/** Loads the iframe embed page and collects the heights it posts to its parent. */
async function embed(query: string, page = '/demo/embed.html') {
  const heights: number[] = [];
  const onMessage = (event: MessageEvent<{ type?: string; height?: number } | null>) => {
    if (event.data?.type === 'gd-kit:resize' && typeof event.data.height === 'number') heights.push(event.data.height);
  };
  window.addEventListener('message', onMessage);
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '300px';
  frame.src = `${page}?${query}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return {
    frame,
    heights,
    done() {
      window.removeEventListener('message', onMessage);
      frame.remove();
    },
  };
}

const until = async (condition: () => boolean) => {
  // Up to 50 s, under the 60 s test timeout: a frame loading the kit on a loaded machine is slow, not broken.
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('demo/embed.html', () => {
  // The dev-server page (sources) and the built static page (dist/embed/, on the CDN bundle).
  for (const page of ['/demo/embed.html', '/dist/embed/index.html']) {
    it(`${page} renders the race from URL parameters, optimizers included, and posts its height`, async () => {
      const embedded = await embed('widget=race&landscape=booth&start=-6,8&optimizer=sgd:0.05:Plain%20GD&optimizer=adam:0.5', page);
      const race = embedded.frame.contentDocument!.querySelector('gd-optimizer-race') as HTMLElement & {
        updateComplete: Promise<unknown>;
        trajectories: { type: string; label: string; points: number[][] }[];
      };
      await race.updateComplete;
      const contentHeight = () => embedded.frame.contentDocument!.documentElement.getBoundingClientRect().height;
      // The race grows as its parts render; wait for the posts to catch up with it.
      await until(
        () => race.trajectories.length === 2 && embedded.heights.length > 0 && Math.abs(embedded.heights.at(-1)! - contentHeight()) < 2,
      );
      expect(race.getAttribute('landscape')).to.equal('booth');
      expect(race.trajectories.map((t) => [t.type, t.label])).to.deep.equal([
        ['sgd', 'Plain GD'],
        ['adam', 'Adam'],
      ]);
      expect(race.trajectories[0].points[0]).to.deep.equal([-6, 8]);
      // The posted height is the content's height, taller than the 300 px frame it sits in.
      const last = embedded.heights[embedded.heights.length - 1];
      expect(last).to.be.greaterThan(300);
      expect(Math.abs(last - contentHeight())).to.be.below(2);
      embedded.done();
    });
  }

  it('renders a sweep from URL parameters', async () => {
    const embedded = await embed('widget=sweep&landscape=booth&optimizer=momentum&y=beta&cells=4&steps=20');
    const sweep = embedded.frame.contentDocument!.querySelector('gd-sweep') as HTMLElement & {
      updateComplete: Promise<unknown>;
      results: { cost: number }[];
    };
    expect(sweep, 'a <gd-sweep>').to.not.equal(null);
    await sweep.updateComplete;
    await until(() => sweep.results.length === 16 && embedded.heights.length > 0);
    expect([sweep.getAttribute('landscape'), sweep.getAttribute('optimizer'), sweep.getAttribute('y')]).to.deep.equal([
      'booth',
      'momentum',
      'beta',
    ]);
    expect(sweep.results).to.have.length(4 * 4);
    expect(embedded.heights[embedded.heights.length - 1]).to.be.above(100);
    embedded.done();
  });

  it('restores a big state from its URL in slices: 100 optimizers (the first 16 kept), a swarm, 50 updates', async () => {
    const types = ['sgd', 'momentum', 'rmsprop', 'adam'];
    // 100, not thousands: the test server, like most, refuses a request line over 16 KiB.
    const optimizers = Array.from({ length: 100 }, (_, i) => ({ type: types[i % types.length], learningRate: 0.01 }));
    const state = { landscape: 'himmelblau', swarm: 200, iteration: 50, optimizers };
    const page = await embed(`widget=race&share=off&state=${encodeURIComponent(JSON.stringify(state))}`);
    const race = () =>
      page.frame.contentDocument!.querySelector('gd-optimizer-race') as
        (HTMLElement & { iteration: number; trajectories: unknown[]; swarmTally: { iteration: number } | null }) | null;
    await until(() => race() !== null);
    // The frame shares this page's main thread: replayed in one task, a timer here would not run until the end.
    const runs = await timerRunsWhile(() => !(race()!.iteration === 50 && race()!.swarmTally?.iteration === 50), Infinity);
    expect(race()!.iteration).to.equal(50);
    expect(race()!.swarmTally!.iteration).to.equal(50);
    expect(race()!.trajectories).to.have.length(16);
    expect(runs, 'timer runs while the state is restored').to.be.at.least(20);
    page.done();
  });

  it('says so visibly for an unknown widget', async () => {
    const page = await embed('widget=nope');
    await until(() => !!page.frame.contentDocument!.querySelector('.embed-error'));
    expect(page.frame.contentDocument!.querySelector('.embed-error')!.textContent).to.contain('Unknown widget');
    page.done();
  });

  // Names an object literal would find on Object.prototype.
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`rejects widget=${name} with a visible message and still posts its height`, async () => {
      const errors: string[] = [];
      const page = await embed(`widget=${name}`);
      page.frame.contentWindow!.addEventListener('error', (event) => errors.push(event.message));
      await until(() => !!page.frame.contentDocument!.querySelector('.embed-error') && page.heights.length > 0);
      const message = page.frame.contentDocument!.querySelector('.embed-error');
      expect(message?.textContent).to.contain(`Unknown widget "${name}"`);
      expect(message!.getBoundingClientRect().height).to.be.above(0);
      expect(page.heights.length).to.be.above(0);
      expect(page.heights[page.heights.length - 1]).to.be.above(0);
      expect(page.frame.contentDocument!.querySelector('gd-optimizer-race, gd-line-fit, gd-curvature, gd-sweep')).to.equal(null);
      expect(errors).to.deep.equal([]);
      page.done();
    });
  }

  it('keeps every character of a label, colons included', async () => {
    const label = 'GD: α = 0.01 : fast';
    const page = await embed(`widget=race&landscape=booth&optimizer=${encodeURIComponent(`sgd:0.01:${label}`)}&optimizer=adam`);
    const race = page.frame.contentDocument!.querySelector('gd-optimizer-race') as HTMLElement & {
      updateComplete: Promise<unknown>;
      trajectories: { type: string; label: string }[];
    };
    await race.updateComplete;
    await until(() => race.trajectories.length === 2);
    expect(race.trajectories.map((t) => [t.type, t.label])).to.deep.equal([
      ['sgd', label],
      ['adam', 'Adam'],
    ]);
    const child = page.frame.contentDocument!.querySelector('gd-optimizer')!;
    expect(child.getAttribute('learning-rate')).to.equal('0.01');
    page.done();
  });
});
