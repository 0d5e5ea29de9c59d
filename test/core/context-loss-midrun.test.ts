import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { ParticleRun, costOfRows, getLandscape, initBackend, type ParticleConfig } from '../../src/core/index.js';
import { expectClose } from './helpers.js';

// A page of its own: a lost context stays lost for the rest of the page.
describe('WebGL context lost between two steps', () => {
  it('a step issued before the webglcontextlost event arrives records the cpu result, not zeros', async () => {
    const landscape = getLandscape('rosenbrock')!;
    const particles: ParticleConfig[] = [
      { start: [-1.2, 1], optimizer: { type: 'adam', learningRate: 0.05 } },
      { start: [0.5, 2], optimizer: { type: 'momentum', learningRate: 0.001 } },
    ];
    const cost = (p: tf.Tensor2D) => costOfRows(landscape, p);
    await initBackend('webgl');
    const run = new ParticleRun({ cost, particles });
    expect(run.backend).to.equal('webgl');
    run.step(10);

    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      // No await: the event is still queued when these steps run.
      run.step(10);
      run.step(10);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(run.backend).to.equal('cpu');
    expect(run.iteration).to.equal(30);

    const reference = new ParticleRun({ cost, particles, backend: 'cpu' });
    reference.step(30);
    reference.particles.forEach((ref, i) => {
      const got = run.particles[i];
      expect(got.status).to.equal(ref.status);
      expect(got.points).to.have.length(ref.points.length);
      ref.points.forEach((p, k) => p.forEach((x, j) => expectClose(got.points[k][j], x, 1e-4, 1e-5, `particle ${i} step ${k}`)));
    });
    reference.dispose();
    run.dispose();
  });
});
