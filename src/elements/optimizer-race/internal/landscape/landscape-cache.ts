import { evaluateGridRows, gridExtent, type CostGrid, type Landscape } from '../../../../core/index.js';
import { SLICE_MS, sliceNow, yieldMacrotask } from '../../../../core/slices.js';
import { contourBand, contourPlan, type ContourBand, type ContourPlan } from '../../../shared/plot/contours.js';
import { BAND_COUNT, GRID_SIZE } from '../settings.js';

/** A landscape's grid and filled contour bands, as the race's contour map needs them. */
export interface LandscapeData {
  grid: CostGrid<Landscape['domain']>;
  bands: ContourBand[];
  /** The map's colour scale, for its numeric colour legend. */
  plan: Pick<ContourPlan, 'minCost' | 'maxLevel' | 'color'>;
}

/** Grid rows evaluated per slice: a few ms of tensor work. */
const ROWS_PER_SLICE = 32;
/** Side of the coarse grid an author's formula shows until the full one is made (a few ms at once). */
const COARSE_GRID = 48;

/** A preparation under way: rows first, then one band at a time. */
interface Preparation {
  landscape: Landscape;
  n: number;
  bandCount: number;
  values: Float32Array;
  nextRow: number;
  grid?: CostGrid<Landscape['domain']>;
  plan?: ContourPlan;
  bands: ContourBand[];
}

/**
 * One cache for every race on the page, keyed by landscape (its id and formula, so bowls
 * of different κ never share an entry), grid size and band count: a
 * landscape's 256×256 grid and bands are made once however many races show it (each race
 * used to keep its own, ~20 MB a race).
 */
const done = new Map<string, LandscapeData>();
const underway = new Map<string, Preparation>();

function keyOf(landscape: Landscape, n: number, bands: number): string {
  return `${landscape.id}|${landscape.tex}|${n}|${bands}`;
}

/** Whether the data is made (no work left for it). */
export function hasLandscapeData(landscape: Landscape, n: number, bands: number): boolean {
  return done.has(keyOf(landscape, n, bands));
}

/**
 * One slice of the work (a block of grid rows, or one band), each a few milliseconds,
 * so idle-time preparation can stop whenever the idle period runs out. Returns true once
 * the data is complete.
 */
export function prepareSlice(landscape: Landscape, n: number, bands: number): boolean {
  const key = keyOf(landscape, n, bands);
  if (done.has(key)) return true;
  let work = underway.get(key);
  if (!work) {
    work = { landscape, n, bandCount: bands, values: new Float32Array(n * n), nextRow: 0, bands: [] };
    underway.set(key, work);
  }
  if (work.nextRow < n) {
    const to = Math.min(n, work.nextRow + ROWS_PER_SLICE);
    work.values.set(evaluateGridRows(landscape, { n, from: work.nextRow, to }), work.nextRow * n);
    work.nextRow = to;
    return false;
  }
  if (!work.grid || !work.plan) {
    work.grid = { values: work.values, n, domain: landscape.domain, ...gridExtent(work.values) };
    work.plan = contourPlan(work.grid, bands);
    return false;
  }
  work.bands.push(contourBand(work.plan, work.bands.length));
  if (work.bands.length < bands) return false;
  const { minCost, maxLevel, color } = work.plan;
  done.set(key, { grid: work.grid, bands: work.bands, plan: { minCost, maxLevel, color } });
  underway.delete(key);
  return true;
}

/** The data now: whatever idle time has not prepared yet is made at once. */
export function landscapeData(landscape: Landscape, n: number, bands: number): LandscapeData {
  while (!prepareSlice(landscape, n, bands)) {
    /* the remaining slices, in one go */
  }
  return done.get(keyOf(landscape, n, bands))!;
}

/**
 * The contour map's data to draw now: the full grid once it is made (in idle time, or in
 * slices by `prepareInSlices`, see ContourGridController), until then a coarse map made
 * at once (a few ms).
 */
export function landscapeGrid(landscape: Landscape): LandscapeData {
  const coarse = !hasLandscapeData(landscape, GRID_SIZE, BAND_COUNT);
  return landscapeData(landscape, coarse ? COARSE_GRID : GRID_SIZE, BAND_COUNT);
}

/** One preparation per landscape and grid, shared by every race showing it. */
const slicing = new Map<string, Promise<void>>();

/** Makes the full grid and bands in slices of about SLICE_MS, a macrotask between them. */
export function prepareInSlices(landscape: Landscape, n: number, bands: number): Promise<void> {
  const key = `${landscape.id}|${n}|${bands}`;
  let preparation = slicing.get(key);
  if (!preparation) {
    preparation = (async () => {
      for (;;) {
        const began = sliceNow();
        let complete: boolean;
        // At least one piece per slice, whatever the clock says (a test's may jump ahead).
        do complete = prepareSlice(landscape, n, bands);
        while (!complete && sliceNow() - began < SLICE_MS);
        if (complete) return;
        await yieldMacrotask();
      }
    })().finally(() => slicing.delete(key));
    slicing.set(key, preparation);
  }
  return preparation;
}
