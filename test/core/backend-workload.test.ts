import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import {
  CALIBRATION_SIZES,
  ParticleRun,
  backendCalibration,
  backendFor,
  calibrateBackends,
  loadWebGL,
  costOfRows,
  crossoverRows,
  getLandscape,
  initBackend,
  setWebGLProbe,
} from '../../src/core/index.js';

// A page of its own: `auto` is decided once per page, and this one pretends that the
// machine's software WebGL (SwiftShader) is a hardware GPU.
describe('backend by workload', () => {
  it('the crossover of two per-update lines is where they meet', () => {
    // cpu: 0.1 ms + 2.4 µs/row; webgl: 2 ms + 0.24 µs/row → equal at ≈ 887 rows.
    const sizes: [number, number] = [16, 4096];
    const cpu: [number, number] = [0.1 + 16 * 0.0024, 0.1 + 4096 * 0.0024];
    const webgl: [number, number] = [2 + 16 * 0.00024, 2 + 4096 * 0.00024];
    expect(crossoverRows(sizes, cpu, webgl)).to.equal(Math.ceil((2 - 0.1) / (0.0024 - 0.00024)));
    expect(crossoverRows(sizes, cpu, [cpu[0] * 2, cpu[1] * 2])).to.equal(Infinity);
    expect(crossoverRows(sizes, cpu, [cpu[0] / 2, cpu[1] / 2])).to.equal(0);
  });

  it('a fake GPU that is slower than cpu keeps small runs (and the drag preview) on cpu', async () => {
    setWebGLProbe(() => ({ webgl2: true, renderer: 'Fake GPU (SwiftShader underneath)', software: false }));
    try {
      expect(await initBackend()).to.equal('cpu');
      await loadWebGL();
      // Before the calibration: everything on cpu.
      expect(backendFor(4)).to.equal('cpu');
      const calibration = calibrateBackends()!;
      expect(calibration).to.not.equal(null);
      expect(backendCalibration()).to.equal(calibration);
      expect(calibration.sizes).to.deep.equal(CALIBRATION_SIZES);
      // SwiftShader's per-kernel overhead: slower than cpu for a race-sized run.
      expect(calibration.webgl[0]).to.be.greaterThan(calibration.cpu[0]);
      expect(calibration.crossover).to.be.greaterThan(4);
      expect(backendFor(4)).to.equal('cpu');

      const landscape = getLandscape('himmelblau')!;
      const race = new ParticleRun({
        cost: (p) => costOfRows(landscape, p),
        particles: ['sgd', 'momentum', 'rmsprop', 'adam'].map((type) => ({
          start: [-1.5, 2],
          optimizer: { type: type as 'sgd', learningRate: 0.01 },
        })),
      });
      expect(race.backend).to.equal('cpu');
      race.step(3);
      expect(race.backend).to.equal('cpu');
      race.dispose();

      // A batch at or beyond the measured crossover goes to webgl, if webgl wins at all here.
      if (Number.isFinite(calibration.crossover)) {
        expect(backendFor(calibration.crossover)).to.equal('webgl');
        expect(backendFor(calibration.crossover - 1)).to.equal('cpu');
      } else {
        expect(backendFor(1e6)).to.equal('cpu');
      }
      // The page's own default backend stays cpu.
      expect(tf.getBackend()).to.equal('cpu');
    } finally {
      setWebGLProbe(null);
    }
  });

  it('a run forced onto webgl lives there while the page default stays cpu', async () => {
    await loadWebGL();
    const landscape = getLandscape('booth')!;
    const particles = [{ start: [-6, 8], optimizer: { type: 'sgd' as const, learningRate: 0.05 } }];
    const onGpu = new ParticleRun({ cost: (p) => costOfRows(landscape, p), particles, backend: 'webgl' });
    const onCpu = new ParticleRun({ cost: (p) => costOfRows(landscape, p), particles, backend: 'cpu' });
    expect(onGpu.backend).to.equal('webgl');
    expect(onCpu.backend).to.equal('cpu');
    onGpu.step(20);
    onCpu.step(20);
    expect(tf.getBackend()).to.equal('cpu');
    onGpu.particles[0].points.forEach((p, k) => {
      expect(p[0]).to.be.closeTo(onCpu.particles[0].points[k][0], 1e-4);
      expect(p[1]).to.be.closeTo(onCpu.particles[0].points[k][1], 1e-4);
    });
    onGpu.dispose();
    onCpu.dispose();
  });
});
