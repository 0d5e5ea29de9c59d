/**
 * How wide each optimizer's good learning rates are, on a sweep with a row per optimizer:
 * the article says Adam needs little tuning, and a row whose good cells span a wide range
 * of α is what that looks like. No DOM.
 */
import type { OptimizerType } from '../../../core/index.js';
import type { SweepCell } from './model.js';

/** A cell is good when its final J − J* is below this share of the start's (0.1 %). */
export const GOOD_SHARE = 1e-3;

/** One row's good learning rates: the longest run of neighbouring good cells. */
export interface GoodRange {
  row: number;
  type: OptimizerType;
  /** Columns of the first and last good cell of the run, or undefined when none is good. */
  first?: number;
  last?: number;
  /** α of those cells, and their ratio (how many-fold α may vary). */
  from?: number;
  to?: number;
  ratio?: number;
}

/**
 * Per row, the longest run of neighbouring cells whose final gap J − J* (`gaps`, NaN for
 * a diverged cell) is at most GOOD_SHARE of the start's gap. Ties keep the run with the
 * smaller rates.
 */
export function goodRanges(cells: readonly SweepCell[], gaps: readonly number[], startGap: number, columns: number): GoodRange[] {
  const rows = new Map<number, GoodRange>();
  const limit = GOOD_SHARE * startGap;
  let run: { row: number; first: number } | undefined;
  const close = (row: number, last: number) => {
    const range = rows.get(row)!;
    if (!run) return;
    if (range.first === undefined || last - run.first > range.last! - range.first) {
      range.first = run.first;
      range.last = last;
    }
    run = undefined;
  };
  cells.forEach((cell, i) => {
    const row = Math.floor(i / columns);
    const column = i % columns;
    if (!rows.has(row)) rows.set(row, { row, type: cell.values.optimizer ?? 'sgd' });
    const good = cell.status !== 'diverged' && gaps[i] <= limit;
    if (good && !run) run = { row, first: column };
    if ((!good || column === columns - 1) && run) close(row, good ? column : column - 1);
  });
  for (const range of rows.values()) {
    if (range.first === undefined) continue;
    range.from = cells[range.row * columns + range.first].values.learningRate;
    range.to = cells[range.row * columns + range.last!].values.learningRate;
    if (range.from !== undefined && range.to !== undefined) range.ratio = range.to / range.from;
  }
  return [...rows.values()];
}
