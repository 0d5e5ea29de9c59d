/** `gd-kit/core`: the optimizer core, no DOM and no lit. */
export {
  CALIBRATION_SIZES,
  backendCalibration,
  backendFor,
  backendGeneration,
  calibrateBackends,
  crossoverRows,
  currentBackend,
  ensureBackend,
  initBackend,
  loadWebGL,
  isSoftwareRenderer,
  onBackendChange,
  probeWebGL,
  runOn,
  setWebGLProbe,
  timeReferenceUpdate,
  webglContextLost,
} from './backend.js';
export type { BackendChangeReason, BackendListener, BackendName, BackendPreference, Calibration, WebGLProbe } from './backend.js';

export {
  DEFAULT_BOWL_KAPPA,
  DEFAULT_FORMULA_DOMAIN,
  DEFAULT_LANDSCAPE,
  LANDSCAPE_IDS,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  ackley,
  beale,
  booth,
  bowl,
  costOfRows,
  findFormulaMinima,
  formulaTex,
  getLandscape,
  goldsteinPrice,
  himmelblau,
  matyas,
  mccormick,
  parseFormula,
  rastrigin,
  rosenbrock,
  saddle,
  sixHumpCamel,
  styblinskiTang,
  threeHumpCamel,
} from './landscapes/index.js';
export type {
  FormulaError,
  FormulaFunction,
  FormulaNode,
  FormulaResult,
  Landscape,
  LandscapeGradient,
  LandscapeId,
  Minimum,
  Vec2,
} from './landscapes/index.js';

export {
  ARTICLE_OPTIMIZERS,
  COMMON_DEFAULTS,
  OPTIMIZER_TYPES,
  adagrad,
  adam,
  adamw,
  getOptimizer,
  momentum,
  nesterov,
  rmsprop,
  sgd,
} from './optimizers/index.js';
export type { HyperparameterName, Hyperparameters, OptimizerConfig, OptimizerRule, OptimizerType, RuleStep } from './optimizers/index.js';

export { HYPERPARAMETER_RANGES, describeRange, inRange, narrowRange } from './ranges.js';
export type { NumberRange } from './ranges.js';

export { INVERSE_TIME_DECAY_TEX, inverseTimeDecay, inverseTimeDecayTensor } from './schedules.js';

export { ParticleRun, resolveOptimizer } from './run.js';
export { curvatureScale, eigenvalues2, hessianAt, largestEigenvalue } from './hessian.js';
export type { ParticleConfig, ParticleRunOptions, ParticleState, ParticleStatus, RowGradient, StepResult } from './run.js';

export { evaluateGrid, evaluateGridRows, gridAxis, gridExtent, lineCostGrid } from './grid.js';
export type { CostGrid } from './grid.js';

export {
  MiniBatcher,
  createRandom,
  leastSquares,
  lineMse,
  lineMseAt,
  lineMseFromStats,
  lineQuadratic,
  lineStats,
  makeLineData,
} from './data.js';
export type { LineData, LineDataOptions, LineQuadratic, LineStats, Random, Seed } from './data.js';

export {
  CLASSIFICATION_DATASETS,
  MLP_ACTIVATIONS,
  MLP_INITS,
  MlpEvaluator,
  MlpObjective,
  crossEntropy,
  filterNormalizedDirection,
  initialWeights,
  largestRise,
  lineCosts,
  makeClassificationData,
  mlpCost,
  mlpParameterCount,
  mlpRowGradient,
  mlpShape,
  principalDirections,
  projectOnto,
  randomDirections,
  sigmoid,
  sliceRows,
  symmetricAxis,
} from './network/index.js';
export type {
  ClassificationData,
  ClassificationDataOptions,
  ClassificationDataset,
  DirectionPair,
  MlpActivation,
  MlpInit,
  MlpLayer,
  MlpMetrics,
  MlpObjectiveOptions,
  MlpShape,
  PrincipalDirections,
  SliceData,
} from './network/index.js';
