import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { evaluateGrid, evaluateGridRows, getLandscape, lineCostGrid, lineStats, makeLineData } from '../../src/core/index.js';
import { BACKENDS, expectClose, useBackend } from './helpers.js';

const himmelblau = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;

/** Direct float64 mean of squared errors. */
function mse(x: number[], y: number[], w: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (w * x[i] + b - y[i]) ** 2;
  return sum / x.length;
}

/** Least squares by the normal equations, solved here independently. */
function normalEquations(x: number[], y: number[]): { w: number; b: number } {
  const m = x.length;
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let i = 0; i < m; i++) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const w = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  return { w, b: (sy - w * sx) / m };
}

for (const backend of BACKENDS) {
  describe(`grids on ${backend}`, () => {
    before(() => useBackend(backend));

    it('evaluateGrid: row-major, rows follow w2 from its low end, columns w1; min and max', () => {
      const landscape = getLandscape('himmelblau')!;
      const domain = { w1: [-5, 3] as [number, number], w2: [-2, 4] as [number, number] };
      const n = 9;
      const before = tf.memory().numTensors;
      const grid = evaluateGrid(landscape, { n, domain });
      expect(tf.memory().numTensors).to.equal(before);
      expect(grid.n).to.equal(n);
      expect(grid.values).to.have.length(n * n);
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          const w1 = -5 + c;
          const w2 = -2 + (6 * r) / 8;
          const want = himmelblau(w1, w2);
          min = Math.min(min, want);
          max = Math.max(max, want);
          expectClose(grid.values[r * n + c], want, 1e-5, 1e-5, `J(${w1}, ${w2})`);
        }
      }
      expectClose(grid.min, min, 1e-5, 1e-5, 'min');
      expectClose(grid.max, max, 1e-5, 1e-5, 'max');
    });

    it('evaluateGrid defaults to 256×256 over the landscape domain', () => {
      const grid = evaluateGrid(getLandscape('goldstein-price')!);
      expect(grid.n).to.equal(256);
      expect(grid.values).to.have.length(256 * 256);
      expect(grid.domain).to.deep.equal({ w1: [-2, 2], w2: [-2, 2] });
      expect(grid.min).to.be.at.least(3 - 1e-3);
    });

    for (const [label, options] of [
      ['centred data', { size: 1000, noise: 0.5, slope: 2, intercept: -1, seed: 11 }],
      [
        'far-off data (x ∈ [100, 101], y ≈ 300)',
        { size: 100000, noise: 0.05, slope: 3, intercept: 0, seed: 12, xRange: [100, 101] as [number, number] },
      ],
    ] as const) {
      it(`lineCostGrid equals the direct mean of squared errors; minimum cell nearest least squares (${label})`, () => {
        const data = makeLineData(options);
        const truth = normalEquations(data.x, data.y);
        const n = 41;
        const w: [number, number] = [truth.w - 2, truth.w + 2.3];
        const b: [number, number] = [truth.b - 1.7, truth.b + 2];
        const before = tf.memory().numTensors;
        const grid = lineCostGrid(lineStats(data.x, data.y), { n, w, b });
        expect(tf.memory().numTensors).to.equal(before);
        let best = 0;
        for (let r = 0; r < n; r++) {
          for (let c = 0; c < n; c++) {
            const wc = w[0] + ((w[1] - w[0]) * c) / (n - 1);
            const br = b[0] + ((b[1] - b[0]) * r) / (n - 1);
            // float32 storage of the value, plus float32 rounding of the cell offsets
            expectClose(grid.values[r * n + c], mse(data.x, data.y, wc, br), 1e-5, 1e-6, `J(${wc}, ${br})`);
            if (grid.values[r * n + c] < grid.values[best]) best = r * n + c;
          }
        }
        const cellW = (w[1] - w[0]) / (n - 1);
        const cellB = (b[1] - b[0]) / (n - 1);
        const nearestC = Math.round((truth.w - w[0]) / cellW);
        const nearestR = Math.round((truth.b - b[0]) / cellB);
        // on a strongly correlated quadratic (far-off x) the lowest cell may sit one
        // cell off the nearest: compare costs, which is what the plot shows
        expect(grid.values[best]).to.be.at.most(grid.values[nearestR * n + nearestC]);
        if (label === 'centred data') expect(best).to.equal(nearestR * n + nearestC);
        expect(grid.min).to.equal(grid.values[best]);
      });
    }
  });
}

describe('evaluateGridRows', () => {
  it('gives the same values as the whole grid, a block of rows at a time', () => {
    const landscape = getLandscape('rosenbrock')!;
    const n = 40;
    const whole = evaluateGrid(landscape, { n });
    const assembled = new Float32Array(n * n);
    for (let from = 0; from < n; from += 16) {
      const to = Math.min(n, from + 16);
      assembled.set(evaluateGridRows(landscape, { n, from, to }), from * n);
    }
    expect(Array.from(assembled)).to.deep.equal(Array.from(whole.values));
    expect(() => evaluateGridRows(landscape, { n, from: 30, to: 41 })).to.throw(RangeError);
  });
});
