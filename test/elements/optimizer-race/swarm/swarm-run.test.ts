import { expect } from '@open-wc/testing';
import { getLandscape } from '../../../../src/core/index.js';
import { resolveEntries } from '../../../../src/elements/optimizer-race/internal/optimizers/entries.js';
import { SwarmRun } from '../../../../src/elements/optimizer-race/internal/swarm/swarm-run.js';
import type { SwarmSettings } from '../../../../src/elements/optimizer-race/internal/swarm/swarm-model.js';

const settings: SwarmSettings = {
  landscape: getLandscape('himmelblau')!,
  entries: resolveEntries('himmelblau', [], []),
  size: 20,
  seed: 1,
  backend: 'cpu',
};

/**
 * A controller on a fake clock where each swarm update (of its one part) costs
 * `msPerUpdate` (changed by `setCost`); `clock` reads the fake time.
 */
function pacedController(msPerUpdate: number): {
  controller: SwarmRun;
  frames: (count: number, limit: number) => number[];
  setCost: (ms: number) => void;
  clock: () => number;
} {
  let clock = 0;
  const controller = new SwarmRun({ budgetMs: 5, now: () => clock });
  controller.sync(settings);
  const model = controller.model!;
  // 80 rows: one part, so a part update is a whole update.
  expect(model.partCount).to.equal(1);
  const advanceParts = model.advanceParts.bind(model);
  model.advanceParts = (k: number) => {
    const made = advanceParts(k);
    clock += made * msPerUpdate;
    return made;
  };
  return {
    controller,
    frames: (count, limit) => Array.from({ length: count }, () => controller.advanceForFrame(limit)),
    setCost: (ms) => (msPerUpdate = ms),
    clock: () => clock,
  };
}

describe('SwarmRun (play pace)', () => {
  it('fills a frame budget with cheap updates, never ahead of the race’s own updates', () => {
    const { controller, frames } = pacedController(1);
    const made = frames(12, 8);
    // The first frame makes the swarm's run (no update) and the second measures one; the
    // time saved up meanwhile goes first, then 5 ms hold five a frame.
    expect(made.slice(0, 2)).to.deep.equal([0, 1]);
    expect(made.slice(6)).to.deep.equal(Array(6).fill(5));
    controller.dispose();
    // When the race asks for less than the budget holds, the swarm makes just that.
    const calm = pacedController(1);
    const paced = calm.frames(12, 2);
    expect(paced.slice(-6)).to.deep.equal(Array(6).fill(2));
    expect(paced.reduce((sum, k) => sum + k, 0)).to.equal(24);
    calm.controller.dispose();
  });

  it('makes up in later frames what a frame’s budget could not hold, and stays level with the race', () => {
    const { controller, frames } = pacedController(1);
    let race = 0;
    let swarm = 0;
    const behind: number[] = [];
    // Six frames where the race makes 8 updates (more than 5 ms holds), then 1 a frame.
    for (const limit of [...Array<number>(6).fill(8), ...Array<number>(20).fill(1)]) {
      race += limit;
      swarm += frames(1, limit)[0];
      expect(swarm, 'never ahead of the race').to.be.at.most(race);
      behind.push(race - swarm);
    }
    expect(behind[5], 'behind after the fast frames').to.be.above(10);
    expect(behind.slice(-10), 'level again').to.deep.equal(Array(10).fill(0));
    // A reset owes nothing from before: level again with the race's three updates.
    controller.reset();
    expect(frames(3, 1)).to.deep.equal([0, 2, 1]);
    controller.dispose();
  });

  it('ends a frame’s share at its credit when an update costs more than measured', () => {
    const { controller, frames, setCost, clock } = pacedController(1);
    frames(12, 8);
    // Measured at 1 ms an update, the swarm expects five in a frame; they now take 15 each.
    setCost(15);
    const from = clock();
    expect(frames(1, 8)).to.deep.equal([1]);
    expect(clock() - from, 'one update, not five').to.equal(15);
    controller.dispose();
  });

  it('gives a dear update the time of several frames instead of a long frame each', () => {
    const { controller, frames } = pacedController(15);
    const made = frames(60, 5);
    expect(Math.max(...made)).to.equal(1);
    // About 5 ms a frame on average: 60 frames × 5 ms / 15 ms ≈ 20 updates.
    const total = made.reduce((sum, k) => sum + k, 0);
    expect(total).to.be.within(18, 22);
    controller.dispose();
  });

  it('stops at the step budget, is settled then, and is rebuilt only for new settings', () => {
    const controller = new SwarmRun();
    expect(controller.settled).to.equal(true);
    expect(controller.sync(settings)).to.equal(true);
    expect(controller.sync({ ...settings })).to.equal(false);
    expect(controller.settled).to.equal(false);
    expect(controller.step(600)).to.equal(500);
    expect(controller.settled).to.equal(true);
    expect(controller.advanceForFrame(5)).to.equal(0);
    expect(controller.sync({ ...settings, seed: 2 })).to.equal(true);
    expect(controller.model!.iteration).to.equal(0);
    expect(controller.sync(undefined)).to.equal(true);
    expect(controller.model).to.equal(undefined);
    controller.dispose();
  });
});
