/**
 * Where webgl overtakes cpu: milliseconds per update of a mixed race (SGD, Momentum,
 * RMSprop and Adam particles in equal shares) on Rosenbrock, for growing particle
 * counts and for 1 and 10 updates per read-back, each run pinned to one backend through
 * ParticleRun's `backend` option. Also the figures the kit's own `auto` calibration
 * would measure here, and the crossover it would derive. Runs unchanged on any machine;
 * on one with a real GPU it tells where the kit starts sending batches to webgl.
 */
import * as tf from '../../src/core/tf.js';
import {
  CALIBRATION_SIZES,
  ParticleRun,
  crossoverRows,
  getLandscape,
  initBackend,
  probeWebGL,
  timeReferenceUpdate,
  loadWebGL,
  type BackendName,
  type OptimizerType,
} from '../../src/core/index.js';

type Report = (name: string, value: number, unit: string) => void;

const RULES: OptimizerType[] = ['sgd', 'momentum', 'rmsprop', 'adam'];
const SIZES = [4, 16, 64, 256, 1024, 4096, 16384];
const STEPS_PER_READ = [1, 10];

/** Median milliseconds per update of `rows` particles stepped k at a time on `backend`. */
function perUpdate(backend: BackendName, rows: number, k: number): number {
  const landscape = getLandscape('rosenbrock')!;
  const run = new ParticleRun({
    landscape,
    particles: Array.from({ length: rows }, (_, i) => ({
      start: [-2 + 4 * ((i * 0.618) % 1), -1 + 4 * ((i * 0.382) % 1)],
      optimizer: { type: RULES[i % RULES.length], learningRate: 1e-4 },
    })),
    backend,
    bound: 1e9,
    tolerance: { step: 0, gradient: 0 },
  });
  run.step(k); // warm-up: shader compilation, kernel caches
  const times: number[] = [];
  const begin = performance.now();
  while (times.length < 3 || (times.length < 30 && performance.now() - begin < 400)) {
    // A sample of at least 2 ms: one cpu update of a few rows is below the clock's tick.
    const t0 = performance.now();
    let updates = 0;
    do {
      run.step(k);
      updates += k;
      if (run.iteration > 2000) run.reset();
    } while (performance.now() - t0 < 2);
    times.push((performance.now() - t0) / updates);
  }
  run.dispose();
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function run(report: Report): Promise<void> {
  await initBackend('cpu');
  await loadWebGL();
  await tf.ready();
  const probe = probeWebGL();
  report(`webgl renderer: ${probe.renderer ?? 'none'} (software: ${probe.software})`, probe.webgl2 ? 1 : 0, 'webgl2');
  for (const k of STEPS_PER_READ) {
    let crossover: number | null = null;
    for (const rows of SIZES) {
      const cpu = perUpdate('cpu', rows, k);
      const webgl = perUpdate('webgl', rows, k);
      report(`${rows} particles, ${k} update(s) per read-back: cpu ms/update`, cpu, 'ms');
      report(`${rows} particles, ${k} update(s) per read-back: webgl ms/update`, webgl, 'ms');
      report(`${rows} particles, ${k} update(s) per read-back: webgl ÷ cpu`, webgl / cpu, '×');
      if (webgl < cpu && crossover === null) crossover = rows;
      if (webgl >= cpu) crossover = null;
    }
    report(
      `crossover, ${k} update(s) per read-back: webgl faster from (particles; 0 = never up to ${SIZES.at(-1)})`,
      crossover ?? 0,
      'particles',
    );
  }
  // What the kit's `auto` measures on a real GPU (here measured regardless), and its pick.
  const cpu = CALIBRATION_SIZES.map((rows) => timeReferenceUpdate('cpu', rows)) as [number, number];
  const webgl = CALIBRATION_SIZES.map((rows) => timeReferenceUpdate('webgl', rows)) as [number, number];
  CALIBRATION_SIZES.forEach((rows, i) => {
    report(`auto calibration, ${rows} rows: cpu ms/update`, cpu[i], 'ms');
    report(`auto calibration, ${rows} rows: webgl ms/update`, webgl[i], 'ms');
  });
  const derived = crossoverRows(CALIBRATION_SIZES, cpu, webgl);
  report('auto calibration crossover (rows; 0 = never)', Number.isFinite(derived) ? derived : 0, 'rows');
}
