import { expect } from '@open-wc/testing';
import * as tf from '../../../../src/core/tf.js';
import { ParticleRun, getLandscape, getOptimizer, type OptimizerType } from '../../../../src/core/index.js';
import { PREVIEW_STEPS } from '../../../../src/elements/optimizer-race/internal/settings.js';
import type { RaceEntry } from '../../../../src/elements/optimizer-race/internal/optimizers/entries.js';
import { RaceModel, type RaceSettings } from '../../../../src/elements/optimizer-race/internal/run/race-model.js';

const booth = getLandscape('booth')!;

function entry(type: OptimizerType, learningRate: number, disabled = false): RaceEntry {
  const rule = getOptimizer(type)!;
  return { type, label: rule.name, hyperparameters: { ...rule.defaults, learningRate }, disabled };
}

function settings(overrides: Partial<RaceSettings> = {}): RaceSettings {
  return {
    landscape: booth,
    start: [-6, 8],
    entries: [entry('sgd', 0.01), entry('momentum', 0.03), entry('adam', 0.3)],
    ...overrides,
  };
}

/** The run a race makes, built by hand: its landscape (hand-written gradient), its optimizers. */
function referenceRun({ landscape, start, entries }: RaceSettings): ParticleRun {
  return new ParticleRun({
    landscape,
    particles: entries.map((e) => ({ start: [...start], optimizer: { type: e.type, ...e.hyperparameters } })),
  });
}

describe('RaceModel (no DOM)', () => {
  it('makes no tensors until built; before that each optimizer is at its start', () => {
    const before = tf.memory().numTensors;
    const model = new RaceModel(settings());
    expect(model.built).to.equal(false);
    expect(model.iteration).to.equal(0);
    const trajectories = model.trajectories();
    expect(trajectories.map((t) => t.points)).to.deep.equal([[[-6, 8]], [[-6, 8]], [[-6, 8]]]);
    expect(trajectories.every((t) => t.costs.length === 0 && t.status === 'running')).to.equal(true);
    expect(tf.memory().numTensors).to.equal(before);
    model.dispose();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('builds, steps like a bare ParticleRun, and reading it never touches tensors', () => {
    const model = new RaceModel(settings());
    expect(model.step(7)).to.equal(7);
    expect(model.built).to.equal(true);
    const live = tf.memory().numTensors;
    const got = model.trajectories();
    model.positions();
    expect(tf.memory().numTensors).to.equal(live);
    const reference = referenceRun(settings());
    reference.step(7);
    expect(got.map((t) => t.points)).to.deep.equal(reference.particles.map((p) => p.points));
    expect(got.map((t) => t.costs)).to.deep.equal(reference.particles.map((p) => p.costs));
    reference.dispose();
    model.reset();
    expect(model.iteration).to.equal(0);
    expect(model.trajectories()[0].points).to.have.length(1);
    model.dispose();
  });

  it('computes the preview in slices, exactly a one-shot preview from that start, and drops it once the race passes it', () => {
    const model = new RaceModel(settings());
    model.build();
    const preview = model.startPreview([2, -3]);
    expect(preview.steps).to.equal(0);
    expect(preview.costs.map((c) => c.length)).to.deep.equal([1, 1, 1]);
    for (const k of [25, 10, 40, 50]) preview.advance(k);
    expect(preview.complete).to.equal(true);
    expect(preview.steps).to.equal(PREVIEW_STEPS);
    expect(preview.advance(5)).to.equal(0);
    const reference = referenceRun(settings());
    const oneShot = reference.preview(PREVIEW_STEPS, [
      [2, -3],
      [2, -3],
      [2, -3],
    ]);
    expect(preview.points).to.deep.equal(oneShot.map((p) => p.points));
    expect(preview.costs).to.deep.equal(oneShot.map((p) => p.costs));
    reference.dispose();
    expect(model.previewFrom([2, -3])).to.equal(preview);
    expect(model.previewFrom([2, -3.5])).to.equal(undefined);
    // The race itself is untouched, and once it is past the preview's steps the preview goes.
    expect(model.iteration).to.equal(0);
    model.step(PREVIEW_STEPS);
    expect(model.preview).to.equal(undefined);
    model.dispose();
  });

  it('is rebuilt when a setting that decides the run changes; a preview from the new start is handed over', () => {
    const first = new RaceModel(settings());
    expect(RaceModel.keyOf(settings())).to.equal(first.key);
    // Labels and switches change no run.
    const relabelled = settings();
    relabelled.entries[0] = { ...relabelled.entries[0], label: 'Plain', disabled: true };
    expect(RaceModel.keyOf(relabelled)).to.equal(first.key);
    expect(RaceModel.keyOf(settings({ start: [-6, 7] }))).to.not.equal(first.key);
    expect(RaceModel.keyOf(settings({ landscape: getLandscape('himmelblau')! }))).to.not.equal(first.key);
    expect(RaceModel.keyOf(settings({ entries: [entry('sgd', 0.02), entry('momentum', 0.03), entry('adam', 0.3)] }))).to.not.equal(
      first.key,
    );

    first.build();
    const dragged = first.startPreview([1, 1]);
    dragged.advance(30);
    const moved = new RaceModel(settings({ start: [1, 1] }));
    expect(moved.adoptPreview(first.takePreview(), first.key)).to.equal(true);
    expect(moved.preview).to.equal(dragged);
    expect(first.preview).to.equal(undefined);
    // It carries on where it was.
    dragged.advance(PREVIEW_STEPS);
    expect(dragged.points[0]).to.have.length(PREVIEW_STEPS + 1);

    // Another landscape (or another start) does not take it; the preview is freed.
    const before = tf.memory().numTensors;
    const stale = moved.startPreview([2, 2]);
    stale.advance(10);
    const other = new RaceModel(settings({ start: [2, 2], landscape: getLandscape('himmelblau')! }));
    expect(other.adoptPreview(moved.takePreview(), moved.key)).to.equal(false);
    expect(other.preview).to.equal(undefined);
    first.dispose();
    moved.dispose();
    other.dispose();
    expect(tf.memory().numTensors).to.be.at.most(before);
  });

  it('dispose frees every tensor it made, the preview included', () => {
    const before = tf.memory().numTensors;
    const model = new RaceModel(settings());
    model.step(3);
    model.startPreview([0, 0]).advance(20);
    expect(tf.memory().numTensors).to.be.above(before);
    model.dispose();
    expect(tf.memory().numTensors).to.equal(before);
    expect(() => model.build()).to.throw();
  });

  it('releases its tensors and carries on from the same place', () => {
    const model = new RaceModel(settings());
    model.step(4);
    const before = model.trajectories();
    model.releaseTensors();
    model.step(3);
    const reference = referenceRun(settings());
    reference.step(7);
    expect(model.trajectories().map((t) => t.points)).to.deep.equal(reference.particles.map((p) => p.points));
    expect(before[0].points).to.have.length(5);
    reference.dispose();
    model.dispose();
  });

  it('reports done once: diverged when every racing optimizer diverged, converged otherwise', () => {
    const wild = new RaceModel(settings({ entries: [entry('sgd', 9), entry('sgd', 0.05, true)] }));
    wild.step(50);
    expect(wild.trajectories()[0].status).to.equal('diverged');
    expect(wild.finished).to.equal(true);
    expect(wild.takeDone()).to.equal('diverged');
    expect(wild.takeDone()).to.equal(undefined);
    wild.reset();
    expect(wild.finished).to.equal(false);
    expect(wild.takeDone()).to.equal(undefined);
    wild.dispose();

    const mixed = new RaceModel(settings({ entries: [entry('sgd', 9), entry('sgd', 0.05)] }));
    mixed.step(20);
    expect(mixed.takeDone()).to.equal(undefined);
    mixed.step(2000);
    expect(mixed.trajectories().map((t) => t.status)).to.deep.equal(['diverged', 'converged']);
    expect(mixed.takeDone()).to.equal('converged');
    mixed.dispose();
  });
});
