import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import '../../../../src/elements/optimizer/define.js';
import type { LinkedValues } from '../../../../src/elements/shared/controllers/link-controller.js';
import { MAX_RESTORED_OPTIMIZERS, OptimizerSettingsController } from '../../../../src/elements/shared/optimizers/optimizer-settings.js';
import { raceDefaults, resolveEntries } from '../../../../src/elements/optimizer-race/internal/optimizers/entries.js';

/** A bare element as the settings' host, and what the settings told the race. */
function setup() {
  const host = Object.assign(document.createElement('div'), {
    addController: (_: ReactiveController) => {},
    removeController: (_: ReactiveController) => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  }) as HTMLDivElement & ReactiveControllerHost;
  const notes: Record<string, string | undefined> = {};
  const changed: Record<string, unknown>[] = [];
  const shared: LinkedValues[] = [];
  const settings: OptimizerSettingsController = new OptimizerSettingsController(host, {
    defaults: () => raceDefaults('booth', 50),
    entries: () => settings.read(),
    note: (key, text) => (notes[key] = text),
    format: (value) => String(value),
    changed: (detail) => changed.push(detail),
    share: (values) => shared.push(values),
  });
  return { host, settings, notes, changed, shared };
}

const input = (value: string) => Object.assign(document.createElement('input'), { value });

describe('OptimizerSettingsController', () => {
  it('keeps panel edits of the default optimizers, rejects bad values with a note, and shares only learning rate and decay', () => {
    const { settings, notes, changed, shared } = setup();
    const defaults = resolveEntries('booth', [], [], 50);
    expect(settings.read()).to.deep.equal(defaults);

    settings.edit(3, 'learningRate', input('0.07'));
    settings.edit(1, 'beta', input('0.8'));
    expect(settings.read()[3].hyperparameters.learningRate).to.equal(0.07);
    expect(settings.read()[1].hyperparameters.beta).to.equal(0.8);
    expect(settings.saved()[3]).to.include({ type: 'adam', learningRate: 0.07, disabled: false });
    expect(changed).to.deep.equal([
      { optimizer: 3, label: defaults[3].label, learningRate: 0.07 },
      { optimizer: 1, label: defaults[1].label, beta: 0.8 },
    ]);
    // Sent with its number in the page's order of changes, so the group keeps the value set last.
    expect(shared).to.have.length(1);
    expect(shared[0]).to.include({ type: 'adam', learningRate: 0.07 });
    expect(Object.keys(shared[0].stamps!)).to.deep.equal(['learningRate']);
    expect(shared[0].stamps!.learningRate).to.be.a('number');

    const bad = input('-1');
    settings.edit(3, 'learningRate', bad);
    expect(bad.value, 'the field is put back').to.equal('0.07');
    expect(notes['panel-3-learningRate']).to.contain('kept 0.07');
    expect(settings.read()[3].hyperparameters.learningRate).to.equal(0.07);
    expect(changed).to.have.length(2);
    settings.edit(3, 'learningRate', input('0.05'));
    expect(notes['panel-3-learningRate']).to.equal(undefined);

    settings.setEnabled(0, false);
    expect(settings.read().map((entry) => entry.disabled)).to.deep.equal([true, false, false, false]);
    expect(changed.at(-1)).to.deep.equal({ optimizer: 0, label: defaults[0].label, enabled: false });
  });

  it('restores saved optimizers as children: into the children there are when as many, else new ones (at most 16)', () => {
    const { host, settings } = setup();
    settings.edit(0, 'learningRate', input('0.5'));
    settings.restore([{ type: 'momentum', learningRate: 0.02, beta: 0.5 }, null, 'text', { type: 'adam', label: 'Mine', disabled: true }]);
    const children = settings.children();
    expect(children.map((child) => child.type)).to.deep.equal(['momentum', 'adam']);
    const entries = settings.read();
    expect(entries[0].hyperparameters).to.include({ learningRate: 0.02, beta: 0.5 });
    expect(entries[1]).to.include({ label: 'Mine', disabled: true });
    expect(settings.saved()[0]).to.include({ type: 'momentum', learningRate: 0.02, beta: 0.5 });

    settings.restore([{ type: 'sgd' }, { type: 'rmsprop', decay: 0.8 }]);
    expect(settings.children(), 'the same elements').to.deep.equal(children);
    expect(children.map((child) => child.type)).to.deep.equal(['sgd', 'rmsprop']);
    expect(settings.read()[1].hyperparameters.decay).to.equal(0.8);

    settings.restore('not a list');
    expect(settings.children()).to.deep.equal(children);
    settings.restore(Array.from({ length: 20 }, () => ({ type: 'sgd' })));
    expect(host.children).to.have.length(MAX_RESTORED_OPTIMIZERS);
  });

  it('drops the default optimizers’ edits once saved optimizers are restored', () => {
    const { settings } = setup();
    settings.edit(0, 'learningRate', input('0.5'));
    settings.restore([{ type: 'sgd' }]);
    expect(settings.read()[0].hyperparameters.learningRate).to.equal(resolveEntries('booth', [], [], 50)[0].hyperparameters.learningRate);
  });
});
