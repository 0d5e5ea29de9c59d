import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { GdOptimizerRace } from '../../src/elements/optimizer-race/gd-optimizer-race.js';
import { setSliceClock } from '../../src/core/slices.js';
import { timerRunsWhile } from './main-thread.js';

/*
 * Work proportional to what a page asks for is handed out in slices, never one task:
 * many widgets added at once render one after another, step(10) on each of them steps
 * race after race, and a large swarm steps part by part. Counted, not timed: a timer
 * gets no run while one task holds the main thread, and one run per task handed back.
 */

type Race = GdOptimizerRace & { hasUpdated: boolean };

describe('many widgets and big sizes: sliced, never one task', function () {
  this.timeout(120000);

  afterEach(() => setSliceClock());

  it('100 races added at once render in many tasks, and step(10) on each hands the main thread back between races', async () => {
    // A clock that moves 10 ms at every reading: each task's slice (8 ms) holds one piece
    // of kit work, whatever this machine's speed, so the counts below are the same everywhere.
    let now = 0;
    setSliceClock(() => (now += 10));
    const holder = await fixture<HTMLDivElement>(html`<div style="width: 600px"></div>`);
    /** Resolves in the first task after this one, before any timer queued later: what one task did. */
    const afterThisTask = <T>(read: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(read()), 0));
    const renderedInOneTask = afterThisTask(() => races.filter((race) => race.hasUpdated).length);
    holder.innerHTML = Array.from({ length: 100 }, () => '<gd-optimizer-race hide="picker panels chart"></gd-optimizer-race>').join('');
    const races = [...holder.querySelectorAll<Race>('gd-optimizer-race')];
    // lit updates each element in a microtask of the task that made it: all 100 in that task, before.
    expect(await renderedInOneTask, 'races rendered in the task that added them').to.be.below(10);
    const rendering = await timerRunsWhile(() => !races.every((race) => race.hasUpdated), Infinity);
    expect(rendering, 'timer runs while 100 races render').to.be.at.least(50);
    await Promise.all(races.map((race) => race.updateComplete));
    // Each step(n) makes its first chunk at once when it can: all 100 in the calling task, before.
    const steppedInOneTask = afterThisTask(() => races.filter((race) => race.iteration > 0).length);
    let stepped = false;
    const all = Promise.all(races.map((race) => race.step(10))).then(() => (stepped = true));
    expect(await steppedInOneTask, 'races stepped in the task that asked for it').to.be.below(10);
    const stepping = await timerRunsWhile(() => !stepped, Infinity);
    await all;
    // Chunks of different races share a round of timers: about one timer run per round of chunks.
    expect(stepping, 'timer runs while 100 races make 10 steps each').to.be.at.least(5);
    expect(races.map((race) => race.iteration)).to.deep.equal(races.map(() => 10));
  });

  it('a swarm of 2,000 starts × 16 optimizers steps in slices of part updates, not whole updates', async () => {
    const types = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam', 'adamw'];
    const race = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="six-hump-camel" swarm="2000" hide="picker panels"
        >${Array.from({ length: 16 }, (_, i) => html`<gd-optimizer type=${types[i % types.length]}></gd-optimizer>`)}</gd-optimizer-race
      >`,
    );
    // 32,000 rows in parts of 512: 63 part updates per swarm update. Stepped a whole update
    // at a time, step(2) would give a timer two or three runs; part by part, dozens.
    let done = false;
    const step = race.step(2).then(() => (done = true));
    const runs = await timerRunsWhile(() => !done, Infinity);
    await step;
    expect(race.swarmTally!.iteration).to.equal(2);
    expect(runs, 'timer runs while the swarm makes 2 updates').to.be.at.least(20);
    expect(race.swarmTally!.optimizers).to.have.length(16);
    for (const row of race.swarmTally!.optimizers) {
      expect(row.global + row.local + row.saddle + row.diverged + row.moving, row.label).to.equal(2000);
    }
  });
});
