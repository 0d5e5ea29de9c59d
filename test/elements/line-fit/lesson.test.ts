import { expect } from '@open-wc/testing';
import { gradientAt, lineHessian, nextGhost, risingSteps, rateAt } from '../../../src/elements/line-fit/internal/lesson.js';
import type { LineFitHistoryEntry } from '../../../src/elements/line-fit/internal/trainer.js';

/* The line fit's teaching arithmetic, without an element. */

const entry = (iteration: number, cost: number, w = 0, b = 0): LineFitHistoryEntry => ({ iteration, epoch: 0, w, b, cost });

describe('line-fit lesson', () => {
  it('the Hessian of the MSE is (2/m)[[Σx², Σx], [Σx, m]] and λ_max its larger eigenvalue', () => {
    const x = [-1, 0.5, 2, 3];
    const m = x.length;
    const sumX = x.reduce((s, v) => s + v, 0);
    const sumXX = x.reduce((s, v) => s + v * v, 0);
    const { h, lambdaMax } = lineHessian({ m, sumX, sumXX });
    expect(h).to.deep.equal([
      [(2 / m) * sumXX, (2 / m) * sumX],
      [(2 / m) * sumX, 2],
    ]);
    // λ_max is an eigenvalue: det(H − λI) = 0, and no larger one exists (trace − λ_max is the other).
    const det = (h[0][0] - lambdaMax) * (h[1][1] - lambdaMax) - h[0][1] * h[1][0];
    expect(Math.abs(det)).to.be.below(1e-9);
    expect(h[0][0] + h[1][1] - lambdaMax).to.be.at.most(lambdaMax);
  });

  it('the batch gradient averages over the given points only', () => {
    const data = { x: [1, 2, 3], y: [1, 1, 10] };
    // At w = 0, b = 0 the residuals are −y: ∂/∂w = (2/B)Σ −yx, ∂/∂b = (2/B)Σ −y.
    expect(gradientAt(data, 0, 0, [0, 1])).to.deep.equal([(2 / 2) * -(1 + 2), (2 / 2) * -2]);
    expect(gradientAt(data, 0, 0)).to.deep.equal([(2 / 3) * -(1 + 2 + 30), (2 / 3) * -12]);
  });

  it('counts the updates in a row that raised the cost, from the last back', () => {
    expect(risingSteps([entry(0, 5)])).to.equal(0);
    expect(risingSteps([5, 4, 4.5, 6, 7].map((c, i) => entry(i, c)))).to.equal(3);
    expect(risingSteps([5, 6, 7, 6].map((c, i) => entry(i, c)))).to.equal(0);
  });

  it('uses the core’s inverse-time decay', () => {
    expect(rateAt(0.2, 0.05, 30)).to.equal(0.2 / 2.5);
    expect(rateAt(0.2, 0, 1000)).to.equal(0.2);
  });

  it('leaves a ghost when a hyperparameter changes after steps, keeps it for a moved start, drops it on reset and new data', () => {
    const settings = { learningRate: 0.1, batchSize: 'full' as const, optimizer: 'sgd', decay: 0 };
    const run = (over: Partial<typeof settings>, history: LineFitHistoryEntry[], dataKey = 'd') => ({
      dataKey,
      settings: { ...settings, ...over },
      trainer: { history },
    });
    const stepped = run({}, [entry(0, 3, -2, 3), entry(1, 2, -1, 2)]);
    const fresh = (over: Partial<typeof settings>, start: [number, number] = [-2, 3], dataKey = 'd') =>
      run(over, [entry(0, 3, ...start)], dataKey);
    const format = (v: number) => String(v);
    const ghost = nextGhost(undefined, stepped, fresh({ learningRate: 0.3 }), format)!;
    expect(ghost.label).to.equal('before: α = 0.1');
    expect(ghost.points).to.deep.equal([
      { w: -2, b: 3 },
      { w: -1, b: 2 },
    ]);
    expect(nextGhost(undefined, stepped, fresh({ optimizer: 'adam', batchSize: 'full' }), format)!.label).to.equal('before: sgd');
    // A change before any step keeps the ghost there was.
    expect(nextGhost(ghost, fresh({ learningRate: 0.3 }), fresh({ learningRate: 0.4 }), format)).to.equal(ghost);
    // A moved start keeps it; a reset (same settings, same start) and new data drop it.
    expect(nextGhost(ghost, stepped, fresh({}, [1, 1]), format)).to.equal(ghost);
    expect(nextGhost(ghost, stepped, fresh({}), format)).to.equal(undefined);
    expect(nextGhost(ghost, stepped, fresh({ learningRate: 0.3 }, [-2, 3], 'other'), format)).to.equal(undefined);
  });
});
