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

  it('follows a chosen rule and takes its rate in the same message; a rate of another rule or out of range is left', () => {
    expect(linkedTakes({ type: 'adam', chosen: true, learningRate: 0.01 }, current, rules)).to.deep.equal({
      optimizer: 'adam',
      learningRate: 0.01,
    });
    expect(linkedTakes({ type: 'adam', learningRate: 0.01 }, current, rules)).to.deep.equal({});
    expect(linkedTakes({ type: 'sgd', learningRate: 50 }, current, rules)).to.deep.equal({});
    // The same rate as a typed string is no change; a batch size is taken whatever the rule.
    expect(linkedTakes({ type: 'adam', learningRate: 0.1, batchSize: 8 }, { ...current, optimizer: 'adam' }, rules)).to.deep.equal({
      batchSize: 8,
    });
    expect(linkedTakes({ type: 'sgd', batchSize: 0 }, current, rules)).to.deep.equal({});
    expect(linkedTakes({ type: 'nope', chosen: true }, current, rules)).to.deep.equal({});
  });

  it('sends a changed rate or rule, but not one taken from the group', () => {
    const now = { optimizer: 'adam', learningRate: '0.02' };
    const changed = new Map<PropertyKey, unknown>([
      ['optimizer', 'sgd'],
      ['learningRate', 0.1],
    ]);
    const never = () => false;
    expect(sharedChanges(changed, now, never)).to.deep.equal({ type: 'adam', chosen: true, learningRate: 0.02 });
    expect(sharedChanges(changed, now, (name) => name === 'optimizer')).to.deep.equal({ type: 'adam', learningRate: 0.02 });
    expect(sharedChanges(changed, now, () => true)).to.equal(undefined);
    // Set back to the value it had (or never changed): nothing to send.
    expect(sharedChanges(new Map([['learningRate', '0.02']]), now, never)).to.equal(undefined);
    expect(sharedChanges(new Map([['size', 10]]), now, never)).to.equal(undefined);
  });
});
