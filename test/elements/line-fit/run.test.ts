import { expect } from '@open-wc/testing';
import { stopNote, stopReason } from '../../../src/elements/line-fit/internal/run.js';

/* When and why a line-fit run stops by itself, without an element or a document. */

describe('line-fit run stops', () => {
  it('stops for a diverged or converged run at any time, at the iteration cap only while playing', () => {
    expect(stopReason({ status: 'running', iteration: 10 }, true, 100)).to.equal(undefined);
    expect(stopReason({ status: 'diverged', iteration: 10 }, false, 100)).to.equal('diverged');
    expect(stopReason({ status: 'converged', iteration: 100 }, true, 100)).to.equal('converged');
    expect(stopReason({ status: 'running', iteration: 100 }, true, 100)).to.equal('max-steps');
    // A step(n) past the cap is the caller's choice: nothing stops it.
    expect(stopReason({ status: 'running', iteration: 150 }, false, 100)).to.equal(undefined);
  });

  it('says how many updates ran, and on divergence which learning rate to lower', () => {
    const format = (value: number, options?: { fraction?: number }) => value.toFixed(options?.fraction ?? 2);
    expect(stopNote('converged', 42, 0.1, format)).to.equal('Converged after 42 updates.');
    expect(stopNote('diverged', 7, 1.5, format)).to.equal(
      'Diverged after 7 updates: the cost grew without bound. Lower the learning rate (now 1.50) and press Reset.',
    );
    expect(stopNote('max-steps', 20000, 0.1, format)).to.match(/^Stopped after 20000 updates, the most one play runs\./);
  });
});
