/**
 * The loss-landscape views' numbers, computed on request and in slices (no DOM): the 2-D
 * slice of J through one racer's weights and the 1-D slice from every racer's initial
 * weights to its current ones. The weights are copied when asked, so training may go on
 * while the slice is made; the picture is of the moment it was asked for.
 */
import {
  largestRise,
  lineCosts,
  principalDirections,
  projectOnto,
  randomDirections,
  sliceRows,
  symmetricAxis,
  type DirectionPair,
} from '../../../core/index.js';
import { SLICE_MS, sliceNow, yieldMacrotask } from '../../../core/slices.js';
import type { NetworkModel } from './model.js';
import { LINE_TAUS, RANDOM_SPAN, SLICE_SIZE, type SliceDirections } from './settings.js';

/** A racer's path on the slice: its weights along the way, projected onto the two directions. */
export interface SlicePath {
  racer: number;
  points: [number, number][];
}

/** The straight line from each racer's initial weights to its current ones. */
export interface LineSlice {
  /** τ: 0 the initial weights, 1 the current ones */
  taus: Float64Array;
  /** J on the training set along each racer's line (null for a racer switched off) */
  costs: (Float64Array | null)[];
  /** the largest rise of J between τ = 0 and τ = 1 (a barrier when above 0), and at which τ */
  rises: ({ rise: number; tau: number } | null)[];
}

export interface LossSlice {
  /** the racer (0-based) the slice goes through, and after how many updates */
  racer: number;
  iteration: number;
  /** the directions used: `pca` falls back to `random` before a path has three points */
  directions: SliceDirections;
  requested: SliceDirections;
  /** α along d₁ (columns) and β along d₂ (rows); the middle of each is 0 */
  alphas: Float64Array;
  betas: Float64Array;
  /** J on the training set, row-major, `alphas.length` per row (row 0 at the lowest β) */
  values: Float64Array;
  /** J at the centre: the racer's own cost */
  centreCost: number;
  /** with `pca`: the share of the paths' variance along each direction */
  explained?: [number, number];
  /** with `pca`: every racer's path, projected */
  paths: SlicePath[];
  /** whether the directions vanish (filter-normalised directions of all-zero weights) */
  flat: boolean;
  line: LineSlice;
}

export interface SliceRequest {
  model: NetworkModel;
  racer: number;
  directions: SliceDirections;
  seed: number;
}

/**
 * Makes one slice at a time: a new request (or `cancel()`) ends the one under way at its
 * next slice boundary. Each slice of work takes about SLICE_MS (rows of the 2-D slice, or
 * one racer's line), then hands the main thread back.
 */
export class LandscapeJob {
  private generation = 0;
  /** when the current slice of work began (the slice clock) */
  private sliceBegan = 0;
  /** rows made of the one under way, out of all (undefined while idle) */
  progress?: { done: number; total: number };

  constructor(private readonly onProgress: () => void) {}

  get busy(): boolean {
    return this.progress !== undefined;
  }

  cancel(): void {
    this.generation++;
    if (this.progress) {
      this.progress = undefined;
      this.onProgress();
    }
  }

  /** The slice for `request`, or undefined when cancelled or superseded. */
  async compute({ model, racer, directions: requested, seed }: SliceRequest): Promise<LossSlice | undefined> {
    const generation = ++this.generation;
    const stale = () => generation !== this.generation;
    const { evaluator, data, shape, entries } = model;
    const P = shape.parameters;
    const iteration = model.iteration;
    const centre = Float64Array.from(model.weights(racer));
    const current = entries.map((_, i) => Float64Array.from(model.weights(i)));
    const trails = entries.map((entry, i) => (entry.disabled ? [] : [...model.records[i].trail, current[i]]));
    const enabled = entries.map((entry) => !entry.disabled);

    let directions: SliceDirections = 'random';
    let pair: DirectionPair;
    let explained: [number, number] | undefined;
    let halfAlpha = RANDOM_SPAN;
    let halfBeta = RANDOM_SPAN;
    const principal = requested === 'pca' ? principalDirections(trails.flat(), P) : undefined;
    if (principal) {
      directions = 'pca';
      pair = principal.directions;
      explained = principal.explained;
    } else pair = randomDirections(shape, centre, seed);
    const paths: SlicePath[] =
      directions === 'pca'
        ? trails.flatMap((trail, i) => (trail.length ? [{ racer: i, points: trail.map((w) => projectOnto(w, centre, pair)) }] : []))
        : [];
    if (directions === 'pca') {
      // The window holds every path with a margin; neither side shorter than a tenth of the other.
      const reach = (axis: 0 | 1) => Math.max(...paths.flatMap((path) => path.points.map((p) => Math.abs(p[axis]))), 1e-6);
      const a = reach(0);
      const b = reach(1);
      halfAlpha = 1.15 * Math.max(a, b / 10);
      halfBeta = 1.15 * Math.max(b, a / 10);
    }
    const flat = pair.every((d) => d.every((value) => value === 0));
    const alphas = symmetricAxis(halfAlpha, SLICE_SIZE);
    const betas = symmetricAxis(halfBeta, SLICE_SIZE);
    const values = new Float64Array(SLICE_SIZE * SLICE_SIZE);
    const train = { x: data.x, y: data.y };
    const lines = entries.length;
    this.progress = { done: 0, total: SLICE_SIZE + lines };
    this.onProgress();

    // The 1-D lines first (one racer per slice of work), then the rows of the 2-D slice.
    const costs: (Float64Array | null)[] = [];
    this.sliceBegan = sliceNow();
    for (let i = 0; i < lines; i++) {
      if (stale()) return undefined;
      costs.push(enabled[i] ? lineCosts(evaluator, model.starts[i], current[i], LINE_TAUS, train) : null);
      this.advance(1);
      if (sliceNow() - this.sliceBegan > SLICE_MS) await this.handBack();
    }
    let row = 0;
    while (row < SLICE_SIZE) {
      if (stale()) return undefined;
      const begin = sliceNow();
      // At least one row per slice; as many as fit in SLICE_MS.
      do {
        sliceRows(evaluator, centre, pair, alphas, betas, train, row, row + 1, values);
        row++;
        this.advance(1);
      } while (row < SLICE_SIZE && sliceNow() - begin < SLICE_MS);
      if (row < SLICE_SIZE) await this.handBack();
    }
    if (stale()) return undefined;
    this.progress = undefined;
    this.onProgress();
    const middle = (SLICE_SIZE - 1) / 2;
    const zero = LINE_TAUS.findIndex((tau) => Math.abs(tau) < 1e-12);
    const one = LINE_TAUS.findIndex((tau) => Math.abs(tau - 1) < 1e-12);
    return {
      racer,
      iteration,
      directions,
      requested,
      alphas,
      betas,
      values,
      centreCost: values[middle * SLICE_SIZE + middle],
      explained,
      paths,
      flat,
      line: {
        taus: LINE_TAUS,
        costs,
        rises: costs.map((line) => {
          if (!line) return null;
          const { rise, at } = largestRise(line, zero, one);
          return { rise, tau: LINE_TAUS[at] };
        }),
      },
    };
  }

  private advance(count: number): void {
    if (this.progress) this.progress = { ...this.progress, done: this.progress.done + count };
  }

  private async handBack(): Promise<void> {
    this.onProgress();
    await yieldMacrotask();
    this.sliceBegan = sliceNow();
  }
}
