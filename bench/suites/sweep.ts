/**
 * Sweep benchmarks: how fast `<gd-sweep>`'s batched run steps every cell, on a race
 * landscape (momentum over α × β on Rosenbrock) and on the line fit's data (sgd over
 * α × batch size, each row on its own mini-batches), for about 1,000 and 10,000 cells, on
 * both backends. The model is built directly (the element caps cells at 64 per axis).
 */
import * as tf from '../../src/core/tf.js';
import { getLandscape, initBackend, type BackendName } from '../../src/core/index.js';
import { SweepModel, type SweepConfig } from '../../src/elements/sweep/internal/model.js';
import { BATCH_AXIS, SWEEP_AXES } from '../../src/elements/sweep/internal/axes.js';
import { median } from '../stats.js';

type Report = (name: string, value: number, unit: string) => void;

/** Updates per `step(k)` call: about what one frame's chunk makes for a large sweep. */
const K = 10;

function landscapeSweep(side: number, backend: BackendName): SweepConfig {
  const landscape = getLandscape('rosenbrock')!;
  return {
    landscape,
    optimizer: 'momentum',
    start: landscape.start,
    steps: 1e9,
    x: SWEEP_AXES['learning-rate'],
    xRange: [1e-4, 2e-3],
    y: SWEEP_AXES.beta,
    yRange: [0, 0.95],
    cells: side,
    backend,
  };
}

/** Rows 1, 2, 4, …, 64, 100 (8 batch sizes of m = 100); `columns` learning rates each. */
function lineFitSweep(columns: number, backend: BackendName): SweepConfig {
  return {
    landscape: getLandscape('bowl')!,
    data: { size: 100, noise: 0.5, trueSlope: 2, trueIntercept: -1, seed: 1 },
    optimizer: 'sgd',
    start: [-2, 3],
    steps: 1e9,
    x: SWEEP_AXES['learning-rate'],
    xRange: [1e-3, 0.5],
    y: BATCH_AXIS,
    yRange: [1, 100],
    cells: columns,
    backend,
  };
}

/** Updates per second of every cell, and the median step(K) time, over ~`ms` after a warm-up. */
async function measure(config: SweepConfig, ms: number): Promise<{ cells: number; rate: number; frame: number }> {
  const model = await SweepModel.create(config);
  try {
    const warm = performance.now();
    while (performance.now() - warm < 500) model.step(K);
    const frames: number[] = [];
    const begin = performance.now();
    let updates = 0;
    while (performance.now() - begin < ms) {
      const t0 = performance.now();
      model.step(K);
      frames.push(performance.now() - t0);
      updates += K;
    }
    const elapsed = performance.now() - begin;
    return { cells: model.columns * model.rows, rate: (updates / elapsed) * 1000, frame: median(frames) };
  } finally {
    model.dispose();
  }
}

export async function run(report: Report, backends: BackendName[] = ['cpu', 'webgl']): Promise<void> {
  for (const backend of backends) {
    const active = await initBackend(backend);
    if (active !== backend) continue;
    await tf.ready();
    const cases: [string, SweepConfig][] = [
      ['rosenbrock momentum α × β, 32 × 32', landscapeSweep(32, backend)],
      ['rosenbrock momentum α × β, 100 × 100', landscapeSweep(100, backend)],
      ['line-fit data sgd α × batch size, 125 × 8', lineFitSweep(125, backend)],
      ['line-fit data sgd α × batch size, 1250 × 8', lineFitSweep(1250, backend)],
    ];
    for (const [name, config] of cases) {
      const { cells, rate, frame } = await measure(config, 1500);
      report(`${backend}: ${name} steps/s (${cells} cells)`, Number(rate.toFixed(1)), 'steps/s');
      report(`${backend}: ${name} step(${K}) median ms`, Number(frame.toFixed(2)), 'ms');
    }
  }
}
