/**
 * Core benchmarks: stepping speed, grid evaluation, line-fit grids. Loops over both
 * backends itself; every figure is a median over repeated runs.
 */
import * as tf from '../../src/core/tf.js';
import {
  ParticleRun,
  evaluateGrid,
  getLandscape,
  initBackend,
  lineCostGrid,
  lineStats,
  makeLineData,
  type BackendName,
  type OptimizerType,
  type ParticleConfig,
} from '../../src/core/index.js';

type Report = (name: string, value: number, unit: string) => void;

const RACE: OptimizerType[] = ['sgd', 'momentum', 'rmsprop', 'adam'];
const LEARNING_RATE: Record<string, number> = { sgd: 0.002, momentum: 0.002, rmsprop: 0.01, adam: 0.02 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function particles(perOptimizer: number): ParticleConfig[] {
  const out: ParticleConfig[] = [];
  for (const type of RACE) {
    for (let i = 0; i < perOptimizer; i++) {
      // spread the swarm over the plotting window, deterministically
      const start = perOptimizer === 1 ? [-1.5, 2] : [-2 + 4 * ((i * 0.618) % 1), -1 + 4 * ((i * 0.382) % 1)];
      out.push({ start, optimizer: { type, learningRate: LEARNING_RATE[type] } });
    }
  }
  return out;
}

/** updates per second per particle, and the per-call (frame) times, for step(k) calls over ~`ms`. */
function measureSteps(perOptimizer: number, k: number, ms: number, warmUpdates = k): { rate: number; frames: number[] } {
  const landscape = getLandscape('rosenbrock')!;
  const run = new ParticleRun({
    landscape,
    particles: particles(perOptimizer),
    bound: 1e9,
    tolerance: { step: 0, gradient: 0 },
  });
  // warm-up: JIT, shader compilation, kernel caches (≥ 0.5 s); or a long history, as
  // after a minute of play
  const warmStart = performance.now();
  while (run.iteration < warmUpdates || performance.now() - warmStart < 500) run.step(k);
  const frames: number[] = [];
  const begin = performance.now();
  let updates = 0;
  while (performance.now() - begin < ms) {
    const t0 = performance.now();
    run.step(k);
    frames.push(performance.now() - t0);
    updates += k;
    // keep trajectories from growing without bound inside the benchmark
    if (run.iteration >= warmUpdates + 4000) run.reset();
  }
  const elapsed = performance.now() - begin;
  run.dispose();
  return { rate: (updates / elapsed) * 1000, frames };
}

function timeMedian(repeats: number, body: () => void): number {
  body(); // warm-up
  body();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    body();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(report: Report, backends: BackendName[] = ['cpu', 'webgl']): Promise<void> {
  const goldstein = getLandscape('goldstein-price')!;
  const data = makeLineData({ size: 100000, noise: 0.5, slope: 2, intercept: -1, seed: 7 });
  for (const backend of backends) {
    const active = await initBackend(backend);
    if (active !== backend) continue;
    await tf.ready();
    const label = (name: string) => `${backend}: ${name}`;

    // the race: 4 optimizers × 1 particle, 4 updates per frame as a 60 Hz page does for 240/s
    const race = measureSteps(1, 4, 1500);
    report(label('4 optimizers × 1 particle steps/s'), race.rate, 'steps/s');
    report(label('4 optimizers × 1 particle step(4) median ms'), median(race.frames), 'ms');
    report(label('4 optimizers × 1 particle step(4) p95 ms'), quantile(race.frames, 0.95), 'ms');

    if (backend === 'cpu') {
      // a minute of play at 240 updates/s: trajectories 14,400 points long
      const late = measureSteps(1, 4, 1500, 14400);
      report(label('4 optimizers × 1 particle steps/s after 14,400 updates'), late.rate, 'steps/s');
      report(label('4 optimizers × 1 particle step(4) p95 ms after 14,400 updates'), quantile(late.frames, 0.95), 'ms');
    }

    const swarm = measureSteps(250, 2, 1500);
    report(label('4 optimizers × 1000 particles steps/s'), swarm.rate, 'steps/s');
    report(label('4 optimizers × 1000 particles step(2) median ms'), median(swarm.frames), 'ms');

    // drag preview: every optimizer's next 100 steps from a new start
    const landscape = getLandscape('rosenbrock')!;
    const preview = new ParticleRun({ landscape, particles: particles(1) });
    report(
      label('drag preview 4 × 100 steps ms'),
      timeMedian(5, () => void preview.preview(100)),
      'ms',
    );
    preview.dispose();

    report(
      label('grid 256×256 ms (goldstein-price)'),
      timeMedian(9, () => void evaluateGrid(goldstein, { n: 256 })),
      'ms',
    );

    report(
      label('line-fit grid 256×256 ms, m=100000'),
      timeMedian(9, () => void lineCostGrid(lineStats(data.x, data.y), { n: 256, w: [-1, 5], b: [-4, 2] })),
      'ms',
    );
  }
}
