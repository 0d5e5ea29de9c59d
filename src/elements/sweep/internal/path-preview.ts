/**
 * The path of one picked cell: the same run as the cell's (its settings, its start, its
 * updates; on the line fit's data its row's batches), made again as a single particle
 * that keeps every point, over a small cost map. A sweep shows where each run ended; this
 * shows how the picked one got there, with or without a linked widget. No DOM.
 */
import * as tf from '../../../core/tf.js';
import {
  ParticleRun,
  costOfRows,
  evaluateGrid,
  lineCostGrid,
  type CostGrid,
  type OptimizerConfig,
  type OptimizerType,
  type ParticleStatus,
} from '../../../core/index.js';
import { SLICE_MS, sliceNow, yieldMacrotask } from '../../../core/slices.js';
import { lineObjective } from './line-data.js';
import type { SweepCell, SweepConfig } from './model.js';

/** Samples per side of the preview's cost map. */
const PREVIEW_GRID = 64;

/** What the preview draws: a plain snapshot. */
export interface PathPreview {
  cell: SweepCell;
  type: OptimizerType;
  /** points[k]: the parameters after k updates (points[0] the start); it ends early where the run stopped. */
  points: [number, number][];
  costs: number[];
  status: ParticleStatus;
  /** The map under the path: its grid (row 0 the lowest second parameter) and window. */
  grid: CostGrid<{ w1: [number, number]; w2: [number, number] }>;
  /** The parameters' names: w₁, w₂ on a landscape, w, b on the line fit's data. */
  labels: [string, string];
  /** The lowest point of the map: the landscape's global minima, or the least-squares line. */
  minima: [number, number][];
}

/** The optimizer a cell runs: the sweep's rule (or its row's) with the cell's swept settings. */
function cellOptimizer(config: SweepConfig, cell: SweepCell): OptimizerConfig {
  const { optimizer, batchSize, ...settings } = cell.values;
  void batchSize;
  return { type: optimizer ?? config.optimizer, ...settings };
}

/**
 * Runs the picked cell again, keeping every point, in slices of about SLICE_MS with a
 * macrotask between them (up to 10,000 updates of one particle is ~½ s of tfjs calls).
 * `current()` false stops it (another pick, a new sweep): it then resolves undefined.
 */
export async function previewPath(config: SweepConfig, cell: SweepCell, current: () => boolean): Promise<PathPreview | undefined> {
  const optimizer = cellOptimizer(config, cell);
  const data = config.data;
  const batch = data ? Math.min(cell.values.batchSize ?? data.size, data.size) : 0;
  const objective = data ? lineObjective(data, [batch], 1) : undefined;
  const run = new ParticleRun({
    cost: objective ? objective.cost : (params: tf.Tensor2D) => costOfRows(config.landscape, params),
    ...(objective ? { reportCost: objective.reportCost, bound: 1e6 } : {}),
    particles: [{ start: [...config.start], optimizer }],
    backend: 'cpu',
  });
  try {
    let chunk = 1;
    while (run.iteration < cell.updates && run.particles[0].status === 'running') {
      const began = sliceNow();
      run.step(Math.min(chunk, cell.updates - run.iteration));
      // A chunk that took well under a slice doubles, one that took over it halves.
      const took = sliceNow() - began;
      chunk = took < SLICE_MS / 2 ? chunk * 2 : took > SLICE_MS ? Math.max(1, Math.floor(chunk / 2)) : chunk;
      await yieldMacrotask();
      if (!current()) return undefined;
    }
    const particle = run.particles[0];
    const points = particle.points.map((p) => [p[0], p[1]] as [number, number]);
    if (objective && data) {
      const { w, b } = objective.leastSquares;
      const window = lineWindow(points, [w, b]);
      const grid = lineCostGrid(objective.stats, { n: PREVIEW_GRID, w: window.w1, b: window.w2 });
      return {
        cell,
        type: optimizer.type,
        points,
        costs: particle.costs.slice(),
        status: particle.status,
        grid: { ...grid, domain: window },
        labels: ['w', 'b'],
        minima: [[w, b]],
      };
    }
    const { landscape } = config;
    return {
      cell,
      type: optimizer.type,
      points,
      costs: particle.costs.slice(),
      status: particle.status,
      grid: evaluateGrid(landscape, { n: PREVIEW_GRID }),
      labels: ['w₁', 'w₂'],
      minima: landscape.minima.filter((m) => m.kind !== 'saddle' && m.global !== false).map((m) => [m.position[0], m.position[1]]),
    };
  } finally {
    run.dispose();
    objective?.dispose();
  }
}

/**
 * The line fit's window for a path: the start, the least-squares line and the path's
 * finite points within 10 of the line (a diverging path leaves; its start and first
 * steps stay in view), padded by a fifth, the same span along both axes.
 */
function lineWindow(points: readonly [number, number][], best: [number, number]): { w1: [number, number]; w2: [number, number] } {
  const kept = points.filter((p) => Math.abs(p[0] - best[0]) <= 10 && Math.abs(p[1] - best[1]) <= 10);
  const all = [best, points[0], ...kept];
  const [w0, w1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [b0, b1] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const half = (Math.max(w1 - w0, b1 - b0, 1) / 2) * 1.2;
  const [cw, cb] = [(w0 + w1) / 2, (b0 + b1) / 2];
  return { w1: [cw - half, cw + half], w2: [cb - half, cb + half] };
}
