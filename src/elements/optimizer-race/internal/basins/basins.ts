import {
  ParticleRun,
  backendFor,
  ensureBackend,
  type HyperparameterName,
  type Landscape,
  type OptimizerType,
} from '../../../../core/index.js';
import { OFF_SCREEN_RETRY_MS, SLICE_MS, nextTask, sliceNow } from '../../../../core/slices.js';
import { PART_ROWS, SWARM_STEPS } from '../settings.js';
import { RUNAWAY_BOUND, classifyEnd, unbounded } from '../run/verdict.js';

/** Cells per side of a basin map: 64 × 64 = 4,096 starts, in batched parts. */
export const BASIN_GRID = 64;

/**
 * What a cell's class holds: the index of the listed stationary point its start ended
 * at (0, 1, …), or one of these codes.
 */
export const BASIN_MOVING = -1;
export const BASIN_DIVERGED = -2;
/** Stopped at a stationary point that is not listed and is not a minimum. */
export const BASIN_SADDLE = -3;
/** Stopped at a minimum that is not listed (a formula landscape whose search missed it). */
export const BASIN_UNLISTED = -4;

/** The optimizer a map is drawn for: its rule and every hyperparameter in force. */
export interface BasinOptimizer {
  type: OptimizerType;
  hyperparameters: Readonly<Partial<Record<HyperparameterName, number>>>;
}

/** A finished map: `classes[row * grid + column]`, row 0 the lowest w₂, column 0 the lowest w₁. */
export interface BasinMap {
  key: string;
  grid: number;
  classes: Int16Array;
  /** Cells per class, keyed by the class (minimum index or code). */
  counts: Map<number, number>;
}

/**
 * The identity of a map: the landscape (its formula and window tell bowls and formulas
 * apart; its listed minima name the classes, and a formula's are found later), the
 * optimizer, the grid and the budget.
 */
export function basinKey(landscape: Landscape, optimizer: BasinOptimizer, grid = BASIN_GRID, steps = SWARM_STEPS): string {
  const hyper = Object.entries(optimizer.hyperparameters).sort(([a], [b]) => (a < b ? -1 : 1));
  const minima = landscape.minima.map((m) => [m.position, m.kind ?? 'minimum', m.global !== false]);
  return JSON.stringify([landscape.id, landscape.tex, landscape.domain, minima, optimizer.type, hyper, grid, steps]);
}

/** The start at the centre of every cell, row after row from the lowest w₂. */
export function basinStarts(landscape: Landscape, grid = BASIN_GRID): number[][] {
  const [a, b] = landscape.domain.w1;
  const [c, d] = landscape.domain.w2;
  const starts: number[][] = [];
  for (let row = 0; row < grid; row++) {
    for (let column = 0; column < grid; column++) {
      starts.push([a + ((column + 0.5) * (b - a)) / grid, c + ((row + 0.5) * (d - c)) / grid]);
    }
  }
  return starts;
}

/** The class a cell's end gets (see BASIN_MOVING and the other codes). */
function classCode(landscape: Landscape, status: 'running' | 'converged' | 'diverged', point: readonly number[], cost: number): number {
  const end = classifyEnd(landscape, status, point, cost);
  if (end.minimum >= 0) return end.minimum;
  switch (end.kind) {
    case 'moving':
      return BASIN_MOVING;
    case 'diverged':
      return BASIN_DIVERGED;
    case 'saddle':
      return BASIN_SADDLE;
    default:
      return BASIN_UNLISTED;
  }
}

/** Finished maps, most recently used last: switching optimizer or landscape back is instant. */
const CACHE_SIZE = 12;
const cache = new Map<string, BasinMap>();

/** The finished map for this key, if one is cached (it becomes the most recently used). */
export function cachedBasins(key: string): BasinMap | undefined {
  const map = cache.get(key);
  if (map) {
    cache.delete(key);
    cache.set(key, map);
  }
  return map;
}

function remember(map: BasinMap): void {
  cache.delete(map.key);
  cache.set(map.key, map);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/** Forgets every cached map (tests). */
export function clearBasinCache(): void {
  cache.clear();
}

export interface BasinOptions {
  grid?: number;
  /** Updates every start makes (default SWARM_STEPS, the swarm's budget). */
  steps?: number;
  /** Time one slice may take (default the kit's slice, SLICE_MS). */
  budgetMs?: number;
  /** false while the map's element is off-screen: no slice runs then, it looks again later. */
  onScreen?: () => boolean;
  /** Called after each slice with the fraction of the updates made. */
  onProgress?: (fraction: number) => void;
}

/** A map being computed: `done` resolves with it, or with undefined once cancelled. */
export interface BasinJob {
  readonly key: string;
  readonly done: Promise<BasinMap | undefined>;
  cancel(): void;
}

/** The most updates one slice makes (one read-back each; keeps a graph small). */
const MAX_SLICE = 50;

/**
 * Computes the basin map of one optimizer on one landscape: a start at the centre of
 * every cell of a grid × grid raster over the plotted window, in batched runs of
 * PART_ROWS starts (`trajectory: 'latest'`: only where each ended is kept), stepped in slices of about
 * `budgetMs` (the number of updates per slice follows the measured time of the last),
 * each in its own task, so input and paint run between them. Every cell is then
 * classified by where its start ended. A cached map is returned without any work.
 * Cancelling frees the runs' tensors at once (or at the end of the slice under way).
 */
export function computeBasins(landscape: Landscape, optimizer: BasinOptimizer, options: BasinOptions = {}): BasinJob {
  const grid = options.grid ?? BASIN_GRID;
  const steps = options.steps ?? SWARM_STEPS;
  const budgetMs = options.budgetMs ?? SLICE_MS;
  const key = basinKey(landscape, optimizer, grid, steps);
  const hit = cachedBasins(key);
  if (hit) return { key, done: Promise.resolve(hit), cancel: () => {} };

  let cancelled = false;
  let runs: ParticleRun[] = [];
  const free = () => {
    runs.forEach((run) => run.dispose());
    runs = [];
  };
  const work = async (): Promise<BasinMap | undefined> => {
    // The runs themselves (and their start costs) are the first slice.
    await nextTask();
    if (cancelled) return undefined;
    ensureBackend();
    const starts = basinStarts(landscape, grid);
    // Parts of PART_ROWS starts on the cpu backend: one update of all 4,096 would hold a
    // frame there (~20 ms), one of a part takes a few ms. (On webgl the cost is per
    // kernel, not per row: one part.) Cells are independent, so each
    // part runs to the budget on its own, the least advanced first.
    const partRows = backendFor(starts.length) === 'webgl' ? starts.length : PART_ROWS;
    for (let from = 0; from < starts.length; from += partRows) {
      runs.push(
        new ParticleRun({
          landscape,
          ...(unbounded(landscape) ? { bound: RUNAWAY_BOUND } : {}),
          trajectory: 'latest',
          particles: starts.slice(from, from + partRows).map((start) => ({
            start,
            optimizer: { type: optimizer.type, ...optimizer.hyperparameters },
          })),
        }),
      );
    }
    const parts = runs;
    // A part whose starts have all stopped is done: nothing more can change there.
    const left = (run: ParticleRun) => (run.particles.some((p) => p.status === 'running') ? steps - run.iteration : 0);
    let size = 1;
    try {
      for (;;) {
        const part = parts.reduce((best, run) => (left(run) > left(best) ? run : best));
        const remaining = left(part);
        if (remaining === 0) break;
        await nextTask();
        if (cancelled) return undefined;
        if (options.onScreen && !options.onScreen()) {
          await new Promise((resolve) => setTimeout(resolve, OFF_SCREEN_RETRY_MS));
          continue;
        }
        const k = Math.min(size, remaining);
        const began = sliceNow();
        part.step(k);
        const perUpdate = (sliceNow() - began) / k;
        size = Math.max(1, Math.min(MAX_SLICE, Math.floor(budgetMs / Math.max(perUpdate, 1e-3))));
        const made = parts.reduce((sum, run) => sum + steps - left(run), 0);
        options.onProgress?.(made / (parts.length * steps));
      }
      const classes = new Int16Array(grid * grid);
      const counts = new Map<number, number>();
      parts
        .flatMap((run) => run.particles)
        .forEach((particle, i) => {
          const point = particle.points[particle.points.length - 1];
          const code = classCode(landscape, particle.status, point, particle.costs[particle.costs.length - 1]);
          classes[i] = code;
          counts.set(code, (counts.get(code) ?? 0) + 1);
        });
      const map: BasinMap = { key, grid, classes, counts };
      remember(map);
      return map;
    } finally {
      free();
    }
  };
  const done = work();
  return {
    key,
    done,
    cancel: () => {
      cancelled = true;
      // No slice is under way between tasks: the tensors can go now.
      free();
    },
  };
}
