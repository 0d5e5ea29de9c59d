import { expect } from '@open-wc/testing';
import { getLandscape } from '../../../../src/core/index.js';
import { RaceRun } from '../../../../src/elements/optimizer-race/internal/run/race-run.js';
import { resolveEntries } from '../../../../src/elements/optimizer-race/internal/optimizers/entries.js';
import type { RaceSettings } from '../../../../src/elements/optimizer-race/internal/run/race-model.js';
import { nextTask } from '../../../../src/core/slices.js';
import { fakeHost } from '../../shared/fake-host.js';

/**
 * A run on a stand-in race (in the page, never previewing), counting its reports and the
 * swarm's draws; with `swarm`, a swarm of that many starts per optimizer.
 */
function setup(swarm = 0) {
  const settings: RaceSettings = { landscape: getLandscape('booth')!, start: [-6, 8], entries: resolveEntries('booth', [], []) };
  const race = { settings, reports: 0, swarmDraws: 0 };
  const run = new RaceRun(fakeHost(), {
    settings: () => race.settings,
    swarm: () => (swarm > 0 ? { landscape: settings.landscape, entries: settings.entries, size: swarm, seed: 1 } : undefined),
    paint: () => {},
    previewed: () => {},
    previewWanted: () => false,
    dragging: () => false,
    swarmMoved: () => race.swarmDraws++,
    stepped: () => race.reports++,
  });
  return { race, run };
}

describe('RaceRun', () => {
  it('reports a step(n) that ran, and nothing for one a reset or a rebuild cut short', async () => {
    const { race, run } = setup();
    const first = run.sync();
    expect(run.sync(), 'the same settings keep the model').to.equal(first);
    await run.step(3);
    expect(first.iteration).to.equal(3);
    expect(race.reports).to.equal(1);

    const reset = run.step(100_000);
    run.reset();
    await reset;
    expect(first.iteration).to.equal(0);
    expect(race.reports).to.equal(1);

    const rebuilt = run.step(100_000);
    race.settings = { ...race.settings, start: [1, 1] };
    const second = run.sync();
    await rebuilt;
    expect(second).to.not.equal(first);
    expect(second.iteration).to.equal(0);
    expect(race.reports).to.equal(1);
    await run.step(2);
    expect(race.reports).to.equal(2);
    second.releaseTensors();
  });

  it('plays the swarm’s share of a frame in a task after the frame’s, draws it in the task after that, and drops it on a reset', async () => {
    const { race, run } = setup(20);
    const model = run.sync();
    run.syncSwarm();
    await run.step(1);
    const swarm = run.swarm.model!;
    expect([model.iteration, swarm.iteration]).to.deep.equal([1, 1]);

    // The frame's own task: the race's update only.
    run.frame(1, false);
    expect([model.iteration, swarm.iteration]).to.deep.equal([2, 1]);
    await nextTask();
    expect(swarm.iteration, 'its share, in the next task').to.equal(2);
    expect(run.swarmDrawPending, 'a paint meanwhile shows the particles drawn last').to.equal(true);
    expect(race.swarmDraws).to.equal(0);
    await nextTask();
    expect(race.swarmDraws, 'drawn in the task after').to.equal(1);
    expect(run.swarmDrawPending).to.equal(false);

    run.frame(1, false);
    run.reset();
    await nextTask();
    await nextTask();
    expect([model.iteration, swarm.iteration], 'a reset drops the share waiting').to.deep.equal([0, 0]);
    expect(race.swarmDraws).to.equal(1);
    model.releaseTensors();
    run.swarm.dispose();
  });
});
