import type { LinkedValues } from '../../shared/controllers/link-controller.js';
import type { Format } from '../../shared/format.js';
import { clamp } from '../../shared/plot/drag.js';
import type { SweepAxis } from './axes.js';
import type { SweepCell, SweepConfig } from './model.js';

/** A cell of the figure by place: `column` along x, `row` up along y (0 at the bottom). */
export interface CellPlace {
  column: number;
  row: number;
}

/** "α = 0.12, β = 0.9: final J = 0.00032" (or "…: diverged after 41 steps") for a cell. */
export function describeCell(cell: SweepCell, config: SweepConfig, format: Format): string {
  const digits = { digits: 3 };
  const setting = [config.x, config.y]
    .filter((axis): axis is SweepAxis => axis !== undefined)
    .map((axis) => {
      const value = cell.values[axis.name] as number;
      const full = axis.scale === 'batch' && value === config.data?.size ? ' (full)' : '';
      return `${axis.symbol} = ${format(value, digits)}${full}`;
    })
    .join(', ');
  if (cell.status === 'diverged') return `${setting}: diverged after ${format(cell.stoppedAt ?? 0)} steps`;
  return `${setting}: final J = ${format(cell.cost, digits)}`;
}

/**
 * What picking a cell sends to its link group: the optimizer and the cell's swept settings
 * (the batch size included), or undefined when it sweeps nothing another element takes.
 */
export function linkedValuesOf(cell: SweepCell, config: SweepConfig): LinkedValues | undefined {
  const shared: LinkedValues = { type: config.optimizer };
  for (const name of ['learningRate', 'decay', 'beta', 'batchSize'] as const) {
    const value = cell.values[name];
    if (value !== undefined) shared[name] = value;
  }
  return Object.keys(shared).length > 1 ? shared : undefined;
}

/**
 * The cell a key moves to from `at` on a `columns` × `rows` figure: arrows step (Up is a
 * larger y value), Home and End go to the row's ends; undefined for any other key.
 */
export function cellAfterKey(key: string, at: CellPlace, columns: number, rows: number): CellPlace | undefined {
  const { column, row } = at;
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [column - 1, row],
    ArrowRight: [column + 1, row],
    ArrowUp: [column, row + 1],
    ArrowDown: [column, row - 1],
    Home: [0, row],
    End: [columns - 1, row],
  };
  const move = moves[key];
  return move && { column: clamp(move[0], 0, columns - 1), row: clamp(move[1], 0, rows - 1) };
}
