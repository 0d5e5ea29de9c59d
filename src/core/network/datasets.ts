/**
 * Seeded 2-D classification data for a small network: two classes (labels 0 and 1) in
 * five shapes, the points spanning about [−1, 1]². Plain JS float64 from the core's
 * seeded generator (`createRandom`), so a seed gives the same points in every browser.
 *
 * Every point is drawn for its label (labels alternate 0, 1, 0, …, so the classes are
 * balanced), then moved by Gaussian noise of standard deviation `noise` in both
 * coordinates. The test points are drawn after the training points from the same
 * stream: turning the split on or off never changes the training set.
 */
import { createRandom, type Random, type Seed } from '../data.js';

/** The datasets, in the order a picker lists them. */
export const CLASSIFICATION_DATASETS = ['circles', 'xor', 'gaussians', 'spiral', 'moons'] as const;
export type ClassificationDataset = (typeof CLASSIFICATION_DATASETS)[number];

export interface ClassificationDataOptions {
  dataset: ClassificationDataset;
  /** training points m */
  size: number;
  /** standard deviation of the Gaussian noise added to both coordinates */
  noise: number;
  seed: Seed;
  /** held-out points as a fraction of `size`, drawn after the training points */
  testFraction?: number;
}

export interface ClassificationData {
  /** training inputs, row-major [m × 2]: point i is (x[2i], x[2i + 1]) */
  x: Float64Array;
  /** training labels, 0 or 1 */
  y: Uint8Array;
  testX: Float64Array;
  testY: Uint8Array;
}

/** A noiseless point of class `label` (0 or 1); `random` draws where. */
type Shape = (random: Random, label: number) => [number, number];

const TWO_PI = 2 * Math.PI;

const SHAPES: Record<ClassificationDataset, Shape> = {
  // Class 1 inside radius 0.5, class 0 on a ring from 0.7 to 1.
  circles: (random, label) => {
    const radius = label ? 0.5 * random.next() : 0.7 + 0.3 * random.next();
    const angle = TWO_PI * random.next();
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  },
  // Class 1 in the quadrants where x₁·x₂ > 0, kept 0.05 off the axes.
  xor: (random, label) => {
    const a = 0.05 + 0.95 * random.next();
    const b = 0.05 + 0.95 * random.next();
    const flip = random.next() < 0.5 ? -1 : 1;
    return label ? [flip * a, flip * b] : [flip * a, -flip * b];
  },
  // Two round clusters, at (−0.45, −0.45) and (0.45, 0.45), standard deviation 0.25.
  gaussians: (random, label) => {
    const centre = label ? 0.45 : -0.45;
    return [centre + 0.25 * random.gaussian(), centre + 0.25 * random.gaussian()];
  },
  // Two arms winding 1.75 turns out from the centre, half a turn apart.
  spiral: (random, label) => {
    const along = random.next();
    const radius = 0.05 + 0.9 * along;
    const angle = 1.75 * TWO_PI * along + (label ? Math.PI : 0);
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  },
  // Two interleaved half circles (the upper one class 0), centred and scaled to [−1, 1].
  moons: (random, label) => {
    const angle = Math.PI * random.next();
    const [x, y] = label ? [1 - Math.cos(angle), 0.5 - Math.sin(angle)] : [Math.cos(angle), Math.sin(angle)];
    return [0.65 * (x - 0.5), 0.65 * (y - 0.25)];
  },
};

/** m training points (and `testFraction · m` test points) of one of the datasets. */
export function makeClassificationData(options: ClassificationDataOptions): ClassificationData {
  const { dataset, size, noise, seed, testFraction = 0 } = options;
  const shape = SHAPES[dataset];
  if (!shape) throw new RangeError(`makeClassificationData: unknown dataset ${JSON.stringify(dataset)}`);
  if (!(Number.isInteger(size) && size >= 2)) throw new RangeError(`makeClassificationData: size must be a whole number ≥ 2, got ${size}`);
  if (!(Number.isFinite(noise) && noise >= 0)) throw new RangeError(`makeClassificationData: noise must be ≥ 0, got ${noise}`);
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new RangeError(`makeClassificationData: testFraction must be in [0, 1), got ${testFraction}`);
  }
  const random = createRandom(seed);
  const draw = (count: number) => {
    const x = new Float64Array(2 * count);
    const y = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const label = i % 2;
      const [a, b] = shape(random, label);
      x[2 * i] = a + noise * random.gaussian();
      x[2 * i + 1] = b + noise * random.gaussian();
      y[i] = label;
    }
    return { x, y };
  };
  const train = draw(size);
  const test = draw(Math.round(size * testFraction));
  return { x: train.x, y: train.y, testX: test.x, testY: test.y };
}
