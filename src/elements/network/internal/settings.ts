/**
 * The network's settings in one place: its attributes' accepted values and defaults, the
 * caps that keep a network small enough to train in a page, and the sizes of its views'
 * grids. A leaf: it imports nothing of the element, so the model and the view both take
 * their numbers from here.
 */
import {
  CLASSIFICATION_DATASETS,
  MLP_ACTIVATIONS,
  MLP_INITS,
  mlpParameterCount,
  type ClassificationDataset,
  type MlpActivation,
  type MlpInit,
} from '../../../core/index.js';
import { isIntegerInRange, isOneOf, parseFiniteNumber } from '../../shared/parse.js';
import { numberRule, type PropertyRule } from '../../shared/rules.js';

/** The most parameters a network may have: an update of four racers stays a few milliseconds at m = 1,000. */
export const MAX_PARAMETERS = 2000;
/** The most hidden layers, and units in one. */
export const MAX_LAYERS = 6;
export const MAX_WIDTH = 64;
/** The largest training set. */
export const MAX_SIZE = 1000;
/** Play stops here ("max-steps"); `step(n)` may go on. */
export const MAX_STEPS = 10_000;
/** A racer whose weights leave ±BOUND has diverged (no weight of these problems needs a hundredth of it). */
export const WEIGHT_BOUND = 1000;

/** The loss-landscape slice's samples per side (odd: the middle one is the racer's weights). */
export const SLICE_SIZE = 41;
/** Filled bands of the slice's contour map. */
export const SLICE_BANDS = 16;
/** The random directions' half-width on each axis (filter-normalised units, as Li et al. plot them). */
export const RANDOM_SPAN = 1;
/** The 1-D slice: τ from −0.25 to 1.25 in steps of 1/40 (τ = 0 the initial weights, 1 the current ones). */
export const LINE_TAUS = Float64Array.from({ length: 61 }, (_, k) => -0.25 + k / 40);
/** The decision maps' samples per side. */
export const MAP_SIZE = 40;
/** Weight snapshots each racer keeps for the principal directions and the paths (thinned as it trains). */
export const TRAIL_POINTS = 256;

export const DEFAULT_DATASET: ClassificationDataset = 'circles';
export const DEFAULT_LAYERS = '8,8';

/**
 * `layers` as hidden widths: "8,8" → [8, 8], "0" → [] (logistic regression); undefined
 * for anything else (text that is not whole numbers 1–64 separated by commas, more than
 * six layers, more than MAX_PARAMETERS parameters).
 */
export function parseLayers(value: unknown): number[] | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 1 && parseFiniteNumber(parts[0]) === 0) return [];
  if (parts.length > MAX_LAYERS || !parts.every((part) => isIntegerInRange(1, MAX_WIDTH)(part))) return undefined;
  const widths = parts.map(Number);
  return mlpParameterCount(widths) <= MAX_PARAMETERS ? widths : undefined;
}

/** The attribute's text for hidden widths ([] → "0"). */
export const layersText = (widths: readonly number[]) => (widths.length ? widths.join(',') : '0');

export const LAYERS_RULE: PropertyRule = {
  attribute: 'layers',
  accepts: `hidden widths "w1,w2,…" (whole numbers 1–${MAX_WIDTH}, at most ${MAX_LAYERS} layers, at most ${MAX_PARAMETERS.toLocaleString('en')} parameters), or "0" for none`,
  valid: (value) => parseLayers(value) !== undefined,
  normalize: (value) => layersText(parseLayers(value)!),
  fallback: DEFAULT_LAYERS,
};

export const DATASET_RULE: PropertyRule = {
  attribute: 'task',
  accepts: `one of ${CLASSIFICATION_DATASETS.join(', ')}`,
  valid: isOneOf(CLASSIFICATION_DATASETS),
  fallback: DEFAULT_DATASET,
};

export const ACTIVATION_RULE: PropertyRule = {
  attribute: 'activation',
  accepts: `one of ${MLP_ACTIVATIONS.join(', ')}`,
  valid: isOneOf(MLP_ACTIVATIONS),
  fallback: 'tanh' satisfies MlpActivation,
};

export const INIT_RULE: PropertyRule = {
  attribute: 'init',
  accepts: `one of ${MLP_INITS.join(', ')}`,
  valid: isOneOf(MLP_INITS),
  fallback: 'xavier' satisfies MlpInit,
};

export const SIZE_RULE = numberRule('size', { min: 10, max: MAX_SIZE, integer: true }, 200);
export const NOISE_RULE = numberRule('noise', { min: 0, max: 1 }, 0.1);
export const TEST_SPLIT_RULE = numberRule('test-split', { min: 0, max: 0.9 }, 0.5, 'a fraction from 0 to 0.9');
export const SPEED_RULE = numberRule('speed', { min: 1, max: 100, integer: true }, 3, 'a whole number of updates per frame from 1 to 100');

export const DIRECTIONS = ['random', 'pca'] as const;
export type SliceDirections = (typeof DIRECTIONS)[number];
export const DIRECTIONS_RULE: PropertyRule = {
  attribute: 'directions',
  accepts: 'random (filter-normalised, Li et al.) or pca (the principal directions of the paths)',
  valid: isOneOf(DIRECTIONS),
  fallback: 'random',
};

export const CHART_AXES = ['updates', 'epochs'] as const;
export type ChartAxis = (typeof CHART_AXES)[number];
export const AXIS_RULE: PropertyRule = {
  attribute: 'axis',
  accepts: 'updates or epochs',
  valid: isOneOf(CHART_AXES),
  fallback: 'updates',
};

/** `racer`: the 1-based place of the racer the landscape views follow, among `count`. */
export function racerRule(count: number): PropertyRule {
  return numberRule(
    'racer',
    { min: 1, max: Math.max(1, count), integer: true },
    1,
    `a whole number from 1 to ${Math.max(1, count)} (a racer's place)`,
  );
}
