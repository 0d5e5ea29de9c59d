import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { MiniBatcher, createRandom, leastSquares, lineMse, lineMseFromStats, lineStats, makeLineData } from '../../src/core/index.js';
import { BACKENDS, expectClose, useBackend } from './helpers.js';

const BASE = { size: 200, noise: 0.3, slope: 2, intercept: -1, seed: 42 };

describe('datasets', () => {
  it('same seed → same dataset; different seed → different', () => {
    const a = makeLineData(BASE);
    const b = makeLineData(BASE);
    expect(a).to.deep.equal(b);
    const c = makeLineData({ ...BASE, seed: 43 });
    expect(c.x).to.not.deep.equal(a.x);
    expect(makeLineData({ ...BASE, seed: 'lesson-1' })).to.deep.equal(makeLineData({ ...BASE, seed: 'lesson-1' }));
    expect(makeLineData({ ...BASE, seed: 'lesson-1' }).x).to.not.deep.equal(makeLineData({ ...BASE, seed: 'lesson-2' }).x);
  });

  it('is mulberry32: agrees with the reference algorithm written out here', () => {
    // Tommy Ettinger's mulberry32, as commonly published
    function mulberry32(a: number) {
      return () => {
        let t = (a += 0x6d2b79f5);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    for (const seed of [1, 42, 123456789]) {
      const reference = mulberry32(seed);
      const random = createRandom(seed);
      for (let i = 0; i < 1000; i++) expect(random.next()).to.equal(reference());
    }
  });

  it('draws x in xRange and y on the line plus N(0, noise²) noise', () => {
    const data = makeLineData({ size: 20000, noise: 0.5, slope: -3, intercept: 4, seed: 9, xRange: [2, 5] });
    expect(data.x.every((x) => x >= 2 && x < 5)).to.equal(true);
    const residuals = data.y.map((y, i) => y - (-3 * data.x[i] + 4));
    const mean = residuals.reduce((s, r) => s + r, 0) / residuals.length;
    const variance = residuals.reduce((s, r) => s + (r - mean) ** 2, 0) / residuals.length;
    expect(Math.abs(mean)).to.be.below(0.02); // σ/√n = 0.0035
    expect(Math.abs(Math.sqrt(variance) - 0.5)).to.be.below(0.02);
    expect(data.testX).to.have.length(0);
  });

  it('noise 0: least squares recovers the line exactly; a test split leaves the training set alone', () => {
    const clean = makeLineData({ ...BASE, noise: 0 });
    const { w, b } = leastSquares(lineStats(clean.x, clean.y));
    expectClose(w, 2, 1e-12, 1e-12, 'w');
    expectClose(b, -1, 1e-12, 1e-12, 'b');
    const split = makeLineData({ ...BASE, testFraction: 0.25 });
    expect(split.x).to.deep.equal(makeLineData(BASE).x);
    expect(split.testX).to.have.length(50);
    expect(split.testY).to.have.length(50);
  });

  it('lineStats: m, the five sums and the centred sums', () => {
    const x = [1, 2, 3, 4];
    const y = [2, 3, 5, 9];
    const s = lineStats(x, y);
    expect([s.m, s.sumX, s.sumY, s.sumXX, s.sumXY, s.sumYY]).to.deep.equal([4, 10, 19, 30, 59, 119]);
    expect([s.meanX, s.meanY, s.sxx, s.sxy]).to.deep.equal([2.5, 4.75, 5, 11.5]);
    expectClose(s.syy, 119 - (19 * 19) / 4, 1e-12, 1e-12, 'syy');
  });

  it('MiniBatcher: one epoch is ceil(m/b) batches covering every index exactly once', () => {
    for (const [m, b] of [
      [10, 3],
      [100, 10],
      [7, 7],
      [5, 50],
      [1000, 1],
      [37, 8],
    ]) {
      const batcher = new MiniBatcher(m, b, 5);
      expect(batcher.batchesPerEpoch).to.equal(Math.ceil(m / Math.min(b, m)));
      for (const epoch of [0, 1, 4]) {
        const seen: number[] = [];
        for (let k = 0; k < batcher.batchesPerEpoch; k++) {
          const iteration = epoch * batcher.batchesPerEpoch + k;
          expect(batcher.epochOf(iteration)).to.equal(epoch);
          const batch = batcher.indices(iteration);
          const last = k === batcher.batchesPerEpoch - 1;
          expect(batch.length).to.equal(last ? m - k * Math.min(b, m) : Math.min(b, m));
          seen.push(...batch);
        }
        expect(seen.sort((p, q) => p - q)).to.deep.equal(Array.from({ length: m }, (_, i) => i));
      }
    }
  });

  it('MiniBatcher: reshuffles each epoch, same seed → same batches, random access', () => {
    const a = new MiniBatcher(50, 10, 'x');
    const b = new MiniBatcher(50, 10, 'x');
    const epoch0 = Array.from(a.indices(0));
    const epoch1 = Array.from(a.indices(5));
    expect(epoch0).to.not.deep.equal(epoch1);
    expect(Array.from(b.indices(5))).to.deep.equal(epoch1); // jump ahead first
    expect(Array.from(b.indices(0))).to.deep.equal(epoch0); // then back
    expect(Array.from(new MiniBatcher(50, 10, 'y').indices(0))).to.not.deep.equal(epoch0);
  });

  for (const backend of BACKENDS) {
    it(`lineMse and lineMseFromStats equal the direct float64 MSE on ${backend}`, async () => {
      await useBackend(backend);
      const data = makeLineData({ size: 500, noise: 0.4, slope: 1.5, intercept: 0.5, seed: 3, xRange: [-2, 3] });
      const params = [
        [1.5, 0.5],
        [0, 0],
        [-2, 4],
        [3.2, -1.1],
      ];
      const direct = params.map(([w, b]) => data.x.reduce((s, x, i) => s + (w * x + b - data.y[i]) ** 2, 0) / data.x.length);
      const before = tf.memory().numTensors;
      const { viaData, viaStats } = tf.tidy(() => {
        const p = tf.tensor2d(params);
        return {
          viaData: lineMse(p, data.x, data.y).arraySync(),
          viaStats: lineMseFromStats(p, lineStats(data.x, data.y)).arraySync(),
        };
      });
      expect(tf.memory().numTensors).to.equal(before);
      direct.forEach((d, i) => {
        expectClose(viaData[i], d, 1e-5, 1e-6, `lineMse ${params[i]}`);
        expectClose(viaStats[i], d, 1e-5, 1e-6, `lineMseFromStats ${params[i]}`);
      });
    });
  }
});
