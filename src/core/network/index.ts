/** Small networks for 2-D classification: data, the model and its cost, and slices of its loss landscape. */
export { CLASSIFICATION_DATASETS, makeClassificationData } from './datasets.js';
export type { ClassificationData, ClassificationDataOptions, ClassificationDataset } from './datasets.js';
export {
  MLP_ACTIVATIONS,
  MLP_INITS,
  MlpEvaluator,
  crossEntropy,
  initialWeights,
  mlpCost,
  mlpParameterCount,
  mlpRowGradient,
  mlpShape,
  sigmoid,
} from './mlp.js';
export type { MlpActivation, MlpInit, MlpLayer, MlpMetrics, MlpShape } from './mlp.js';
export { MlpObjective } from './objective.js';
export type { MlpObjectiveOptions } from './objective.js';
export {
  filterNormalizedDirection,
  largestRise,
  lineCosts,
  principalDirections,
  projectOnto,
  randomDirections,
  sliceRows,
  symmetricAxis,
} from './slice.js';
export type { DirectionPair, PrincipalDirections, SliceData } from './slice.js';
