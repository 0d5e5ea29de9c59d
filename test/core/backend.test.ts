import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import {
  ParticleRun,
  costOfRows,
  currentBackend,
  evaluateGrid,
  getLandscape,
  initBackend,
  isSoftwareRenderer,
  onBackendChange,
  probeWebGL,
  type BackendChangeReason,
  type BackendName,
  type ParticleConfig,
} from '../../src/core/index.js';
import { expectClose } from './helpers.js';

// These tests run in order in one page: auto-selection needs a page where nothing
// chose a backend yet, and the context-loss test leaves the page on cpu for good.
describe('backend', () => {
  it('recognises software renderers', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'softpipe',
      'Microsoft Basic Render Driver',
      'Software Adapter',
    ]) {
      expect(isSoftwareRenderer(name), name).to.equal(true);
    }
    for (const name of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11)', 'Apple M2', 'Mali-G78', null]) {
      expect(isSoftwareRenderer(name), String(name)).to.equal(false);
    }
  });

  it('a core call before initBackend picks the cpu backend on this software-WebGL machine', () => {
    const probe = probeWebGL();
    expect(probe.webgl2).to.equal(true);
    expect(probe.software, probe.renderer ?? '').to.equal(true);
    expect(currentBackend()).to.equal(null);
    evaluateGrid(getLandscape('booth')!, { n: 4 });
    expect(currentBackend()).to.equal('cpu');
    expect(tf.getBackend()).to.equal('cpu');
  });

  it('initBackend shares one promise; auto keeps the running backend; explicit switches and notifies', async () => {
    expect(initBackend()).to.equal(initBackend('auto'));
    expect(await initBackend()).to.equal('cpu');
    const seen: [BackendName, BackendChangeReason][] = [];
    const off = onBackendChange((backend, reason) => seen.push([backend, reason]));
    expect(await initBackend('webgl')).to.equal('webgl');
    expect(tf.getBackend()).to.equal('webgl');
    expect(await initBackend()).to.equal('webgl');
    expect(await initBackend('webgl')).to.equal('webgl');
    expect(seen).to.deep.equal([['webgl', 'switch']]);
    off();
  });

  it('on a lost WebGL context: warns once, carries on on cpu, loses nothing', async () => {
    const landscape = getLandscape('rosenbrock')!;
    const particles: ParticleConfig[] = [
      { start: [-1.2, 1], optimizer: { type: 'adam', learningRate: 0.05 } },
      { start: [0.5, 2], optimizer: { type: 'momentum', learningRate: 0.001 } },
      { start: [-1.5, 2], optimizer: { type: 'rmsprop', learningRate: 0.01 } },
    ];
    const cost = (p: tf.Tensor2D) => costOfRows(landscape, p);

    await initBackend('webgl');
    const run = new ParticleRun({ cost, particles });
    run.step(15);

    const warnings: unknown[][] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    const changed = new Promise<[BackendName, BackendChangeReason]>((resolve) => {
      const off = onBackendChange((backend, reason) => {
        off();
        resolve([backend, reason]);
      });
    });
    try {
      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      expect(await changed).to.deep.equal(['cpu', 'context-lost']);
    } finally {
      console.warn = originalWarn;
    }
    expect(currentBackend()).to.equal('cpu');
    expect(tf.getBackend()).to.equal('cpu');
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.match(/WebGL context was lost/);
    // an explicit webgl request after the loss stays on cpu
    expect(await initBackend('webgl')).to.equal('cpu');

    run.step(15);
    expect(run.iteration).to.equal(30);

    // the same 30 updates, all on cpu
    const reference = new ParticleRun({ cost, particles });
    reference.step(30);
    reference.particles.forEach((ref, i) => {
      const got = run.particles[i];
      expect(got.points).to.have.length(ref.points.length);
      ref.points.forEach((p, k) => p.forEach((x, j) => expectClose(got.points[k][j], x, 1e-4, 1e-5, `particle ${i} step ${k}`)));
    });
    reference.dispose();
    run.dispose();
  });
});
