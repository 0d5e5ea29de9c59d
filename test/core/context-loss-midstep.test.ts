import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { ParticleRun, costOfRows, getLandscape, initBackend, type ParticleConfig } from '../../src/core/index.js';
import { expectClose } from './helpers.js';

// A page of its own: a lost context stays lost for the rest of the page.
describe('WebGL context lost in the middle of a step', () => {
  it('the read-back from the dead context is discarded and the same updates are made on cpu', async () => {
    const landscape = getLandscape('himmelblau')!;
    const particles: ParticleConfig[] = [
      { start: [-1.5, 2], optimizer: { type: 'rmsprop', learningRate: 0.01 } },
      { start: [0.5, -2], optimizer: { type: 'sgd', learningRate: 0.005 } },
    ];
    let loseAt = -1;
    const cost = (p: tf.Tensor2D, t: number) => {
      // Lost while the graph of a multi-update step is being built: before its read-back.
      if (t === loseAt && tf.getBackend() === 'webgl') {
        loseAt = -1;
        (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
      }
      return costOfRows(landscape, p);
    };
    await initBackend('webgl');
    const run = new ParticleRun({ cost, particles });
    expect(run.backend).to.equal('webgl');
    run.step(10);
    loseAt = 14;
    const warn = console.warn;
    console.warn = () => {};
    try {
      run.step(10);
    } finally {
      console.warn = warn;
    }
    expect(run.backend).to.equal('cpu');
    run.step(10);

    const reference = new ParticleRun({ cost: (p) => costOfRows(landscape, p), particles, backend: 'cpu' });
    reference.step(30);
    reference.particles.forEach((ref, i) => {
      const got = run.particles[i];
      expect(got.status).to.equal('running');
      expect(got.points).to.have.length(31);
      ref.points.forEach((p, k) => p.forEach((x, j) => expectClose(got.points[k][j], x, 1e-4, 1e-5, `particle ${i} step ${k}`)));
    });
    reference.dispose();
    run.dispose();
  });
});
