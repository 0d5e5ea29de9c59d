/** The decision maps' numbers (no DOM): the plotted window and each racer's ŷ over it. */
import type { ClassificationData, MlpShape } from '../../../core/index.js';
import type { NetworkModel } from './model.js';
import { MAP_SIZE } from './settings.js';

/** Half the side of the square window the data is drawn in: every point inside, at least [−1.2, 1.2]². */
export function mapHalfWidth(data: ClassificationData): number {
  let reach = 1.2;
  for (const values of [data.x, data.testX]) for (let k = 0; k < values.length; k++) reach = Math.max(reach, 1.05 * Math.abs(values[k]));
  return reach;
}

/** The map's sample points for a window: (x₁, x₂) pairs, row 0 at the top (x₂ = +half), each at the centre of its cell. */
export function mapPoints(half: number): Float64Array {
  const points = new Float64Array(2 * MAP_SIZE * MAP_SIZE);
  const step = (2 * half) / MAP_SIZE;
  for (let r = 0; r < MAP_SIZE; r++) {
    for (let c = 0; c < MAP_SIZE; c++) {
      points[2 * (r * MAP_SIZE + c)] = -half + (c + 0.5) * step;
      points[2 * (r * MAP_SIZE + c) + 1] = half - (r + 0.5) * step;
    }
  }
  return points;
}

/**
 * Every racer's map, worked out again only when its weights moved (a new update, a
 * reset, another model): the views repaint every frame while playing, the maps only
 * when there is something new to show.
 */
export class MapCache {
  private key = '';
  private grids: Float64Array[] = [];

  private points?: { half: number; values: Float64Array };

  /** The maps for `model` after its latest update: ŷ of each racer on `mapPoints(half)` (row-major, MAP_SIZE per row). */
  gridsFor(model: NetworkModel, half: number): readonly Float64Array[] {
    const key = `${model.key}|${model.iteration}|${model.records.map((r) => r.cost.length).join(',')}|${half}`;
    if (key !== this.key) {
      if (this.points?.half !== half) this.points = { half, values: mapPoints(half) };
      const points = this.points.values;
      this.grids = model.entries.map((_, i) =>
        model.evaluator.probabilities(model.weights(i), 0, points, this.grids[i] ?? new Float64Array(MAP_SIZE * MAP_SIZE)),
      );
      this.key = key;
    }
    return this.grids;
  }
}

/**
 * How many units of each hidden layer differ from one another (by their incoming weights
 * and bias, and their outgoing weights): 8 for a layer of 8 after a random init, 1 after
 * `zeros`, whose units stay copies of each other however long the network trains.
 */
export function distinctUnits(shape: MlpShape, weights: ArrayLike<number>): number[] {
  return shape.hidden.map((width, l) => {
    const into = shape.layers[l];
    const out = shape.layers[l + 1];
    const signature = (j: number) => {
      const values: number[] = [weights[into.biases + j]];
      for (let i = 0; i < into.inputs; i++) values.push(weights[into.weights + i * width + j]);
      for (let k = 0; k < out.outputs; k++) values.push(weights[out.weights + j * out.outputs + k]);
      return values.join(',');
    };
    return new Set(Array.from({ length: width }, (_, j) => signature(j))).size;
  });
}
