import type { LinkedValues } from '../../shared/controllers/link-controller.js';
import type { Format } from '../../shared/format.js';
import { clamp } from '../../shared/plot/drag.js';
import { getOptimizer } from '../../../core/index.js';
import { SWEEP_RULES, type SweepAxis } from './axes.js';
import type { SweepCell, SweepConfig } from './model.js';

/** A cell of the figure by place: `column` along x, `row` up along y (0 at the bottom). */
export interface CellPlace {
  column: number;
  row: number;
}

/** "α = 0.12, β = 0.9: final J = 0.00032" (or "…: diverged after 41 steps") for a cell. */
export function describeCell(cell: SweepCell, config: SweepConfig, format: Format): string {
  const digits = { digits: 3 };
  const part = (axis: SweepAxis) => {
    if (axis.scale === 'rule') return getOptimizer(cell.values.optimizer ?? 'sgd')?.name ?? '';
    const value = cell.values[axis.name as Exclude<SweepAxis['name'], 'optimizer'>] as number;
    const full = axis.scale === 'batch' && value === config.data?.size ? ' (full)' : '';
    return `${axis.symbol} = ${format(value, digits)}${full}`;
  };
  // The x setting first, as the plot reads; a row's optimizer leads.
  const parts = [part(config.x)];
  if (config.y) parts[config.y.scale === 'rule' ? 'unshift' : 'push'](part(config.y));
  const setting = parts.join(', ');
  if (cell.status === 'diverged') return `${setting}: diverged after ${format(cell.stoppedAt ?? 0)} steps`;
  const updates = config.epochs !== undefined ? ` after ${format(cell.updates)} updates` : '';
  return `${setting}: final J = ${format(cell.cost, digits)}${updates}`;
}

/**
 * What the sweep sweeps, in one sentence above the figure: the rule (or the rules of the
 * rows), the landscape with its κ or the line fit's data, the start, the work per cell
 * and the swept settings with their ranges.
 */
export function describeSweep(config: SweepConfig, cells: { columns: number; rows: number }, format: Format): string {
  const digits = { digits: 3 };
  const pair = (p: readonly number[]) => `(${format(p[0], digits)}, ${format(p[1], digits)})`;
  const data = config.data;
  const who =
    config.y?.scale === 'rule'
      ? `${SWEEP_RULES.map((type) => getOptimizer(type)?.name).join(', ')} (a row each)`
      : (getOptimizer(config.optimizer)?.name ?? config.optimizer);
  const kappa = /\\kappa = ([\d.]+)/.exec(config.landscape.tex)?.[1];
  const where = data
    ? `fitting ŷ = wx + b to the line fit's data (m = ${format(data.size)}, noise ${format(data.noise)}, seed ${format(data.seed)}) from (w, b) = ${pair(config.start)}`
    : `on the ${config.landscape.name} landscape${config.landscape.id === 'bowl' && kappa ? ` (κ = ${kappa})` : ''} from (w₁, w₂) = ${pair(config.start)}`;
  const work =
    config.epochs !== undefined && data
      ? `${format(config.epochs)} ${config.epochs === 1 ? 'epoch' : 'epochs'} per cell (equal work: every row sees ${format(config.epochs * data.size)} examples, so batch size b makes ${format(config.epochs)}·⌈m/b⌉ updates)`
      : `${format(config.steps)} steps per cell`;
  const span = (axis: SweepAxis, range: [number, number], count: number) =>
    axis.scale === 'batch'
      ? `${count} batch sizes from ${format(range[0])} to ${format(range[1])}`
      : `${count} values of ${axis.symbol} from ${format(range[0], digits)} to ${format(range[1], digits)} (${axis.scale} scale)`;
  const axes = [span(config.x, config.xRange, cells.columns)];
  if (config.y && config.yRange && config.y.scale !== 'rule') axes.push(span(config.y, config.yRange, cells.rows));
  return `${who} ${where}: the cost after ${work}, for ${axes.join(' × ')}.`;
}

/**
 * What picking a cell sends to its link group: the optimizer and the cell's swept settings
 * (the batch size included), or undefined when it sweeps nothing another element takes.
 */
export function linkedValuesOf(cell: SweepCell, config: SweepConfig): LinkedValues | undefined {
  const shared: LinkedValues = { type: config.optimizer };
  if (cell.values.optimizer) shared.type = cell.values.optimizer;
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
