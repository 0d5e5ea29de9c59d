import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { ParticleRun, currentBackend, getLandscape, initBackend, probeWebGL } from '../../src/core/index.js';
import { costOfRows } from '../../src/core/landscapes/index.js';

// Runs in a page of its own (one test file, one page), so nothing else loaded webgl first.
describe('the webgl backend loads only when a run needs it', () => {
  it('a page on auto that runs small races never loads the webgl code', async () => {
    expect(await initBackend()).to.equal('cpu');
    const landscape = getLandscape('himmelblau')!;
    const run = new ParticleRun({
      cost: (p) => costOfRows(landscape, p),
      particles: [{ start: [1, 1], optimizer: { type: 'adam', learningRate: 0.1 } }],
    });
    run.step(20);
    run.dispose();
    expect(currentBackend()).to.equal('cpu');
    // The webgl module registers its backend when it runs: none registered, never run.
    expect(tf.findBackendFactory('webgl')).to.equal(null);
  });

  it('a forced webgl loads it and runs there (or falls back to cpu without WebGL2)', async () => {
    const backend = await initBackend('webgl');
    expect(tf.findBackendFactory('webgl')).to.not.equal(null);
    if (!probeWebGL().webgl2) {
      // Headless Firefox has no WebGL2: the code loads, the backend cannot start, cpu it is.
      expect(backend).to.equal('cpu');
      return;
    }
    expect(backend).to.equal('webgl');
    expect(tf.findBackendFactory('webgl')).to.not.equal(null);
    expect(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).arraySync())).to.deep.equal([2, 3]);
    expect(await initBackend('cpu')).to.equal('cpu');
  });
});
