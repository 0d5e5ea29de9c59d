import { expect } from '@open-wc/testing';
import { getLandscape } from '../../../../src/core/index.js';
import { RaceRun } from '../../../../src/elements/optimizer-race/internal/run/race-run.js';
import { resolveEntries } from '../../../../src/elements/optimizer-race/internal/optimizers/entries.js';
import type { RaceSettings } from '../../../../src/elements/optimizer-race/internal/run/race-model.js';
import { fakeHost } from '../../shared/fake-host.js';

/** A run on a stand-in race (in the page, never previewing), counting its reports. */
function setup() {
  const settings: RaceSettings = { landscape: getLandscape('booth')!, start: [-6, 8], entries: resolveEntries('booth', [], []) };
  const race = { settings, reports: 0 };
  const run = new RaceRun(fakeHost(), {
    settings: () => race.settings,
    swarm: () => undefined,
    paint: () => {},
    previewed: () => {},
    previewWanted: () => false,
    dragging: () => false,
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
});
