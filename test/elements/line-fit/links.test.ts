import { expect } from '@open-wc/testing';
import { OPTIMIZER_TYPES } from '../../../src/core/index.js';
import { batchSizeRule } from '../../../src/elements/shared/batch-size.js';
import { linkedTakes, sharedChanges } from '../../../src/elements/line-fit/internal/links.js';
import { numberRule, type PropertyRule } from '../../../src/elements/shared/rules.js';
import { isOneOf } from '../../../src/elements/shared/parse.js';

/* What a line fit takes from and sends to its link group, without an element or a document. */

describe('line-fit link values', () => {
  const rules = {
    optimizer: { attribute: 'optimizer', accepts: '', valid: isOneOf(OPTIMIZER_TYPES), fallback: 'sgd' } as PropertyRule,
    learningRate: numberRule('learning-rate', { min: 1e-6, max: 10 }, 0.1),
    batchSize: batchSizeRule.rule(100_000),
  };
  const current = { optimizer: 'sgd', learningRate: '0.1', batchSize: 'full' as const };

  const takes = (...args: Parameters<typeof linkedTakes>) => linkedTakes(...args).taken;

  it('follows a chosen rule and takes its rate in the same message; a rate of another rule or out of range is left', () => {
    expect(takes({ type: 'adam', chosen: true, learningRate: 0.01 }, current, rules)).to.deep.equal({
      optimizer: 'adam',
      learningRate: 0.01,
    });
    expect(takes({ type: 'adam', learningRate: 0.01 }, current, rules)).to.deep.equal({});
    expect(takes({ type: 'sgd', learningRate: 50 }, current, rules)).to.deep.equal({});
    // The same rate as a typed string is no change; a batch size is taken whatever the rule.
    expect(takes({ type: 'adam', learningRate: 0.1, batchSize: 8 }, { ...current, optimizer: 'adam' }, rules)).to.deep.equal({
      batchSize: 8,
    });
    expect(takes({ type: 'sgd', batchSize: 0 }, current, rules)).to.deep.equal({});
    expect(takes({ type: 'nope', chosen: true }, current, rules)).to.deep.equal({});
  });

  it('takes only values newer than those it holds, and holds an equal value by the newer number', () => {
    const message = { type: 'adam', chosen: true, learningRate: 0.01, batchSize: 8 };
    // Its own rate was set after the message's: it keeps it, and still follows the rule.
    expect(linkedTakes(message, current, rules, (name) => name !== 'learningRate')).to.deep.equal({
      taken: { optimizer: 'adam', batchSize: 8 },
      held: ['optimizer', 'batchSize'],
    });
    // Equal values are held (so an older message cannot undo them), not taken.
    expect(linkedTakes({ type: 'sgd', learningRate: 0.1 }, current, rules)).to.deep.equal({ taken: {}, held: ['learningRate'] });
  });

  it('sends the rate and rule changed here since the last update, with their numbers; nothing else', () => {
    const now = { optimizer: 'adam', learningRate: '0.02' };
    const both = new Map([
      ['optimizer', 4],
      ['learningRate', 7],
    ]);
    expect(sharedChanges(both, now)).to.deep.equal({
      type: 'adam',
      chosen: true,
      learningRate: 0.02,
      stamps: { optimizer: 4, learningRate: 7 },
    });
    expect(sharedChanges(new Map([['learningRate', 9]]), now)).to.deep.equal({
      type: 'adam',
      learningRate: 0.02,
      stamps: { learningRate: 9 },
    });
    expect(sharedChanges(new Map(), now)).to.equal(undefined);
    expect(sharedChanges(new Map([['size', 3]]), now)).to.equal(undefined);
  });
});
