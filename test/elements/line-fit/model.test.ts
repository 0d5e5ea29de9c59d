import { expect } from '@open-wc/testing';
import { LineFitModel, validSettings, type LineFitSettings } from '../../../src/elements/line-fit/internal/model.js';
import { numberRule, type PropertyRule } from '../../../src/elements/shared/rules.js';

/* Building the line fit's model from settings, without an element or a document. */

describe('line-fit model', () => {
  const settings: LineFitSettings = {
    size: 20,
    noise: 0.5,
    trueSlope: 2,
    trueIntercept: -1,
    testSplit: 0,
    seed: 3,
    learningRate: 0.1,
    decay: 0,
    batchSize: 'full',
    optimizer: 'sgd',
    init: '1,2',
  };

  it('keeps the model for unchanged settings, the dataset for a new run, and makes everything new for new data', () => {
    const model = LineFitModel.for(settings);
    expect(model.trainer.history[0]).to.include({ w: 1, b: 2 });
    expect(model.batchSize).to.equal(20);
    expect(LineFitModel.for({ ...settings }, model)).to.equal(model);
    const rerun = LineFitModel.for({ ...settings, learningRate: 0.2 }, model);
    expect(rerun).to.not.equal(model);
    expect(rerun.dataset).to.equal(model.dataset);
    expect(rerun.trainer).to.not.equal(model.trainer);
    const redrawn = LineFitModel.for({ ...settings, seed: 4 }, model);
    expect(redrawn.dataset).to.not.equal(model.dataset);
    // A batch size at or beyond m is the full batch: the same run.
    const sameRun = LineFitModel.for({ ...settings, batchSize: 50 }, model);
    expect(sameRun.trainer).to.equal(model.trainer);
    expect(sameRun.settings.batchSize).to.equal(50);
    const restarted = model.restarted();
    expect(restarted.dataset).to.equal(model.dataset);
    expect(restarted.trainer).to.not.equal(model.trainer);
  });

  it('builds only from valid values: a cleared one is the default, a bad one keeps what the model used', () => {
    const rules: Record<string, PropertyRule> = {
      size: numberRule('size', { min: 2, max: 100, integer: true }, 100),
      noise: numberRule('noise', { min: 0, max: 100 }, 0.5),
      trueSlope: numberRule('true-slope', { min: -10, max: 10 }, 2),
      trueIntercept: numberRule('true-intercept', { min: -10, max: 10 }, -1),
      testSplit: numberRule('test-split', { min: 0, max: 0.9 }, 0),
      seed: numberRule('seed', { min: 0, max: 1000, integer: true }, 1),
      learningRate: numberRule('learning-rate', { min: 1e-6, max: 10 }, 0.1),
      decay: numberRule('decay', { min: 0, max: 1e6 }, 0),
      batchSize: { attribute: 'batch-size', accepts: '', valid: (v) => v === 'full' || Number.isInteger(v), fallback: 'full' },
      optimizer: { attribute: 'optimizer', accepts: '', valid: (v) => v === 'sgd' || v === 'adam', fallback: 'sgd' },
      init: { attribute: 'init', accepts: '', valid: (v) => typeof v === 'string', fallback: '-2,3' },
    };
    const values = { ...settings, size: -7, noise: null, seed: '9', optimizer: 'fast' };
    const valid = validSettings(values, rules, settings);
    expect(valid).to.include({ size: 20, noise: 0.5, seed: 9, optimizer: 'sgd', learningRate: 0.1, init: '1,2' });
    // Without a model yet, a bad value falls back to the rule's default.
    expect(validSettings(values, rules).size).to.equal(100);
  });
});
