import { expect, fixture, html } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import '../../src/index.js';
import { LANDSCAPE_IDS, getLandscape } from '../../src/core/index.js';
import { hasLandscapeData } from '../../src/elements/optimizer-race/internal/landscape/landscape-cache.js';
import { settlesBeforeNextTask, watchGaps } from './main-thread-gaps.js';

/** What the three elements share for these checks. */
interface Widget extends HTMLElement {
  step(n?: number): Promise<void>;
  reset(): void;
  pause(): void;
  readonly iteration: number;
  readonly updateComplete: Promise<boolean>;
}

const TAGS = ['gd-optimizer-race', 'gd-curvature', 'gd-line-fit'] as const;

/** What each element reports as its run so far (a getter that must never touch tensors). */
function readRun(element: Widget): unknown {
  const record = element as unknown as Record<string, unknown>;
  return element.localName === 'gd-optimizer-race' ? record.trajectories : record.history;
}

/** The iteration, read the same way for every element. */
function iterationOf(element: Widget): number {
  if (element.localName === 'gd-line-fit') return (readRun(element) as unknown[]).length - 1;
  return element.iteration;
}

/** Settles with 'settled' or 'timeout'. */
function within<T>(promise: Promise<T>, ms: number): Promise<'settled' | 'timeout'> {
  return Promise.race([
    promise.then(() => 'settled' as const),
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms)),
  ]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('run lifecycle, the same in every element', () => {
  for (const tag of TAGS) {
    describe(`<${tag}>`, () => {
      it('step(100000) runs in slices that give the main thread back, and reset() ends it at once at iteration 0', async () => {
        const holder = await fixture<HTMLDivElement>(html`<div></div>`);
        const element = document.createElement(tag) as unknown as Widget;
        // A line fit with a tiny learning rate runs long instead of converging.
        if (tag === 'gd-line-fit') element.setAttribute('learning-rate', '0.0001');
        holder.append(element);
        await element.updateComplete;
        // The race's idle-time preparation (its own slices) is measured elsewhere; let it finish.
        for (let i = 0; i < 300 && !LANDSCAPE_IDS.every((id) => hasLandscapeData(getLandscape(id)!, 256, 22)); i++) await sleep(50);
        await element.step(1);
        const stop = watchGaps();
        const pending = element.step(100_000);
        let settled = false;
        void pending.then(() => (settled = true));
        await sleep(600);
        const gaps = stop();
        expect(settled, 'still stepping after 600 ms').to.equal(false);
        expect(iterationOf(element)).to.be.above(1);
        // The main thread came back between chunks many times (a step(n) in one task gives
        // the timer no run at all until it ends). How long each chunk takes is the
        // benchmark's business (npm run bench), not a test's: a loaded machine moves it.
        expect(gaps.length, 'timer runs while stepping').to.be.above(20);
        element.reset();
        expect(await settlesBeforeNextTask(pending), 'the step ends in the task that reset it').to.equal(true);
        await element.updateComplete;
        expect(iterationOf(element)).to.equal(0);
      });

      it('pause() ends a pending step(n) too', async () => {
        const element = await fixture<Widget>(html`<div></div>`).then((holder) => {
          const created = document.createElement(tag) as unknown as Widget;
          holder.append(created);
          return created;
        });
        await element.updateComplete;
        const pending = element.step(100_000);
        await sleep(100);
        element.pause();
        expect(await within(pending, 40)).to.equal('settled');
        const stoppedAt = iterationOf(element);
        expect(stoppedAt).to.be.below(100_001);
        await sleep(50);
        expect(iterationOf(element)).to.equal(stoppedAt);
      });

      it('keeps its run when moved, and when removed for a while and put back', async () => {
        const holder = await fixture<HTMLDivElement>(
          html`<div>
            <section class="a"></section>
            <section class="b"></section>
          </div>`,
        );
        const element = document.createElement(tag) as unknown as Widget;
        holder.querySelector('.a')!.append(element);
        await element.updateComplete;
        await element.step(5);
        holder.querySelector('.b')!.append(element);
        await element.updateComplete;
        await element.step(2);
        expect(iterationOf(element)).to.equal(7);
        element.remove();
        await sleep(100);
        holder.querySelector('.a')!.append(element);
        await element.updateComplete;
        await element.step(1);
        expect(iterationOf(element)).to.equal(8);
      });

      it('steps when never connected, and no getter makes or frees tensors', async () => {
        const element = document.createElement(tag) as unknown as Widget;
        const before = tf.memory().numTensors;
        for (let i = 0; i < 10; i++) readRun(element);
        expect(tf.memory().numTensors, 'reading a never-connected element').to.equal(before);
        expect(await within(element.step(5), 5000)).to.equal('settled');
        expect(iterationOf(element)).to.equal(5);
        const built = tf.memory().numTensors;
        for (let i = 0; i < 10; i++) readRun(element);
        expect(tf.memory().numTensors, 'reading after steps').to.equal(built);

        const connected = await fixture<Widget>(html`<div></div>`).then((holder) => {
          const created = document.createElement(tag) as unknown as Widget;
          holder.append(created);
          return created;
        });
        await connected.updateComplete;
        await connected.step(3);
        await connected.updateComplete;
        const live = tf.memory().numTensors;
        for (let i = 0; i < 10; i++) readRun(connected);
        expect(tf.memory().numTensors, 'reading a connected element').to.equal(live);
      });
    });
  }
});
