import { expect } from '@open-wc/testing';
import { scaleLinear, scaleLog } from 'd3-scale';
import { thin } from '../../../src/elements/shared/plot/axes.js';

describe('axis ticks a reader can place', () => {
  it('keeps the powers of ten on a log axis that spans decades (the sweep’s α from 0.001 to 2)', () => {
    const ticks = scaleLog().domain([0.0008, 2.5]).ticks(5);
    expect(ticks.length).to.be.above(7);
    expect(thin(ticks)).to.deep.equal([0.001, 0.01, 0.1, 1]);
  });

  it('thins a long run of powers of ten to at most the number asked', () => {
    const kept = thin(scaleLog().domain([1e-12, 1e6]).ticks(5), 6);
    expect(kept.length).to.be.at.most(6);
    expect(kept.every((t) => Number.isInteger(Math.round(Math.log10(t) * 1e9) / 1e9))).to.equal(true);
  });

  it('leaves a short linear list as it is', () => {
    const ticks = scaleLinear().domain([0, 1]).ticks(5);
    expect(thin(ticks)).to.deep.equal(ticks);
  });
});
