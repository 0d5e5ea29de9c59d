/**
 * The race's settings in one place: the sizes and step budgets of its runs, previews,
 * swarms and maps, and its attributes' defaults and accepted values. A leaf: it imports
 * nothing of the race, so the model and the view both take their numbers from here.
 */
import { DEFAULT_BOWL_KAPPA, getLandscape, type Landscape } from '../../../core/index.js';
import { kappaOf, numberRule } from '../../shared/rules.js';

/** The contour map's grid (n×n samples) and its number of filled bands. */
export const GRID_SIZE = 256;
export const BAND_COUNT = 22;
/** Steps of every optimizer the preview shows from the start. */
export const PREVIEW_STEPS = 100;
/** A race stops by itself after this many updates ("max-steps"). */
export const MAX_STEPS = 100_000;
/** The most seeded starts per optimizer a swarm may have. */
export const MAX_SWARM = 10_000;
/** Updates a swarm (and a basin map) makes before its tally is final. */
export const SWARM_STEPS = 500;
/**
 * Rows per batched part of a swarm or a basin map on the cpu backend, where an update's
 * cost grows with its rows. With the core's fused kernel an update of 8,192 rows takes
 * about 1 ms here (4,000 rows took ~20 ms as tfjs ops), so a swarm of 4 × 1,000 or a
 * basin map is one part, and the largest swarm (7 × 10,000) steps in parts of about a
 * millisecond each, so no task holds a frame.
 */
export const PART_ROWS = 8192;

/**
 * The race a page gets without attributes: a long, narrow valley (the bowl with the
 * core's condition number, 100). Plain descent, as fast as it can be without diverging,
 * zig-zags across the valley and crawls along it; momentum averages the zig-zag away and
 * reaches the minimum in fewer than half the updates (the rates and why:
 * `optimizers/defaults.ts`). The saddle (`landscape="saddle"`) shows the other lesson:
 * RMSprop and Adam leave the flat saddle long before plain descent does.
 */
export const DEFAULT_LANDSCAPE = 'bowl';

/** The bowl's condition number κ unless the `kappa` attribute says otherwise: the core's, which every element shares. */
export const DEFAULT_KAPPA = DEFAULT_BOWL_KAPPA;

/** The `kappa` values accepted: the rule every element that shows the bowl shares. */
export { KAPPA_RULE, kappaOf } from '../../shared/rules.js';

/** The `speed` values accepted: updates per animation frame while playing. */
export const SPEED_RULE = numberRule('speed', { min: 1, max: 100, integer: true }, 5, 'a whole number of steps per frame from 1 to 100');

/** The `swarm` values accepted: seeded starts per optimizer, 0 for off. */
export const SWARM_RULE = numberRule(
  'swarm',
  { min: 0, max: MAX_SWARM, integer: true },
  0,
  `a whole number of starts per optimizer from 0 (off) to ${MAX_SWARM}`,
);

/** Landscape `id` as a race shows it: the bowl with the race's κ. */
export function raceLandscape(id: string, kappa: unknown): Landscape | undefined {
  return getLandscape(id, { kappa: kappaOf(kappa) });
}
