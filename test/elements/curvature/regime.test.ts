import { expect } from '@open-wc/testing';
import { regimeOf, type Regime } from '../../../src/elements/curvature/internal/regime.js';

/**
 * The regime read off the iteration itself, in float64: w ← w − α·c·(w − w*) from a unit
 * distance, judged by what the distances do over 40 steps (the closed form behind the
 * rule, not the rule's own comparisons).
 */
function observed(learningRate: number, curvature: number): Regime {
  let d = 1;
  const distances = [d];
  for (let k = 0; k < 40; k++) {
    d -= learningRate * curvature * d;
    distances.push(d);
  }
  const last = Math.abs(distances[distances.length - 1]);
  if (Math.abs(last - 1) < 1e-6) return 'periodic';
  if (last > 1) return 'diverging';
  return distances.every((x) => x >= 0) ? 'converging' : 'oscillating';
}

describe('curvature regime rule (αc against 1 and 2)', () => {
  const curvature = 4;
  // Products on both sides of each boundary, down to a few thousandths: a rule with its
  // edge moved (αc < 2.01, αc ≤ 1.01) reads one of them wrong.
  const products = [0.25, 0.9, 0.999, 1, 1.001, 1.01, 1.5, 1.99, 1.995, 1.999, 2, 2.001, 2.005, 2.01, 2.5, 3];

  for (const product of products) {
    it(`αc = ${product}: the rule agrees with the iteration`, () => {
      expect(regimeOf(product / curvature, curvature)).to.equal(observed(product / curvature, curvature));
    });
  }

  it('names the boundaries as the article does', () => {
    expect(regimeOf(0.1, 1)).to.equal('converging');
    expect(regimeOf(1, 1), 'αc = 1 lands on w* in one step').to.equal('converging');
    expect(regimeOf(1.5, 1)).to.equal('oscillating');
    expect(regimeOf(2, 1)).to.equal('periodic');
    expect(regimeOf(2.005, 1)).to.equal('diverging');
    expect(regimeOf(1.995, 1)).to.equal('oscillating');
  });

  it('reads α = 2/c typed as a decimal as the periodic boundary, and nothing farther from it', () => {
    expect(regimeOf(0.6666666667, 3)).to.equal('periodic');
    expect(regimeOf(0.667, 3), 'αc = 2.001').to.equal('diverging');
    expect(regimeOf(0.666, 3), 'αc = 1.998').to.equal('oscillating');
  });
});
