import { expect } from '@open-wc/testing';
import { OPTIMIZER_TYPES, getOptimizer } from '../../../src/core/index.js';
import { ruleMemory } from '../../../src/elements/shared/formulas.js';

describe('what each rule keeps in memory', () => {
  it('names one state per slot the core keeps, and ranks plain descent least and Adam most, as the article does', () => {
    for (const type of OPTIMIZER_TYPES) {
      const text = ruleMemory(type);
      const slots = getOptimizer(type)!.slots;
      if (slots === 0) expect(text, type).to.contain('nothing besides W');
      else expect(text, type).to.contain(slots === 1 ? 'one number per parameter' : `${slots} numbers per parameter`);
      // Every state the text names appears in the rule's own formula.
      const named = /Memory: (.+?),/.exec(text)?.[1].split(' and ') ?? [];
      for (const name of named) expect(getOptimizer(type)!.tex, `${type}: ${name}`).to.contain(name);
    }
    const slots = (type: string) => getOptimizer(type)!.slots;
    expect(slots('sgd')).to.be.below(slots('momentum'));
    expect(slots('momentum')).to.equal(slots('rmsprop'));
    expect(slots('rmsprop')).to.be.below(slots('adam'));
    expect(ruleMemory('adam')).to.contain('step count t');
  });
});
