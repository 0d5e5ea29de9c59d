import type { DefineComponent } from "vue";

import type {
  GdCurvature,
  GdStepEvent,
  GdDoneEvent,
  GdParamsChangeEvent,
  GdLinkChangeEvent,
} from "../dist/elements/curvature/gd-curvature.js";
import type {
  GdLineFit,
  GdStepEvent,
  GdDoneEvent,
  GdParamsChangeEvent,
  GdLinkChangeEvent,
} from "../dist/elements/line-fit/gd-line-fit.js";
import type {
  GdNetwork,
  GdStepEvent,
  GdDoneEvent,
  GdParamsChangeEvent,
  GdLinkChangeEvent,
} from "../dist/elements/network/gd-network.js";
import type {
  GdOptimizerRace,
  GdStepEvent,
  GdDoneEvent,
  GdParamsChangeEvent,
  GdLinkChangeEvent,
} from "../dist/elements/optimizer-race/gd-optimizer-race.js";
import type { GdOptimizer } from "../dist/elements/optimizer/gd-optimizer.js";
import type { GdSweep, GdStepEvent, GdSelectEvent, GdDoneEvent } from "../dist/elements/sweep/gd-sweep.js";

type GdCurvatureProps = {
  /** Curvature c = J''(w*) of the cost at its minimum (0.001 … 1000). */
  curvature?: GdCurvature["curvature"];
  /** Learning rate α (greater than 0, at most 1000). */
  "learning-rate"?: GdCurvature["learningRate"];
  /** Starting point w₀ (−10,000 … 10,000). */
  init?: GdCurvature["init"];
  /** Position w* of the minimum (−10,000 … 10,000). */
  minimum?: GdCurvature["minimum"];
  /** Shape of the cost: `quadratic`, `quartic` or `double-well`. */
  cost?: GdCurvature["cost"];
  /** Updates per second while playing. */
  speed?: GdCurvature["speed"];
  /** Seed of the pseudo-random generator: the same seed gives the same run everywhere. */
  seed?: GdCurvature["seed"];
  /** `auto` follows the page's colour scheme; `light` or `dark` force one. */
  theme?: GdCurvature["theme"];
  /** Elements with the same `link` value share their hyperparameters. */
  link?: GdCurvature["link"];
  /** Parts to leave out, separated by spaces (`hide="picker panels chart"`): `picker`,
`panels`, `chart`, `controls`, `caption`, `formula`, `notes` and the element's other
part names (each element's README section lists its words). */
  hide?: GdCurvature["hide"];
  /** The widget's whole state, as `toJSON()` gives it. Setting it (an object, or its JSON
text as the `state` attribute) restores the widget: its settings, then the same
number of updates from the start, which reproduces the same run. */
  state?: GdCurvature["state"];
  /** `history[k] = { iteration: k, w, cost }`; `history[0]` is the start. Empty until
the element has first updated (`await element.updateComplete`) or stepped. */
  history?: GdCurvature["history"];
  /** What the iterates do: from αc on the parabola; on the other costs from αJ''(w) at
the current point, where the curvature is not c. */
  regime?: GdCurvature["regime"];
  /** Updates applied so far. */
  iteration?: GdCurvature["iteration"];
  /** Whether the element is playing (it may still wait for being scrolled into view). */
  playing?: GdCurvature["playing"];
  /** After each batch of updates; detail `{ iteration, values: { w, cost, slope } }`. */
  "ongd-step"?: (e: CustomEvent<GdStepEvent>) => void;
  /** When a run stops; detail `{ reason: 'converged' | 'diverged' | 'max-steps', iteration }`. */
  "ongd-done"?: (e: CustomEvent<GdDoneEvent>) => void;
  /** When the user changes curvature, learning rate, cost or the start; detail: the changed values. */
  "ongd-params-change"?: (e: CustomEvent<GdParamsChangeEvent>) => void;
  /** When the widget takes a plain-GD (`sgd`) learning rate from its `link` group; detail `{link, type, values}`. */
  "ongd-link-change"?: (e: CustomEvent<GdLinkChangeEvent>) => void;
};

type GdLineFitProps = {
  /** Number of training points m (2 … 100,000: a line needs two). */
  size?: GdLineFit["size"];
  /** Standard deviation of the Gaussian noise added to y. */
  noise?: GdLineFit["noise"];
  /** Slope w* of the line the data is sampled from. */
  "true-slope"?: GdLineFit["trueSlope"];
  /** Intercept b* of the line the data is sampled from. */
  "true-intercept"?: GdLineFit["trueIntercept"];
  /** Fraction of extra points held out as a test set (0 turns the test cost off). */
  "test-split"?: GdLineFit["testSplit"];
  /** Learning rate α (greater than 0, at most 10). */
  "learning-rate"?: GdLineFit["learningRate"];
  /** Inverse-time decay of the learning rate: update t uses α / (1 + decay·t); 0 keeps α fixed. */
  decay?: GdLineFit["decay"];
  /** Points per update: a whole number (capped at m) or `full` for the whole training set. */
  "batch-size"?: GdLineFit["batchSize"];
  /** Optimizer type: sgd, momentum, nesterov, rmsprop, adagrad, adam or adamw. */
  optimizer?: GdLineFit["optimizer"];
  /** Initial parameters as `"w,b"` (the red dot). */
  init?: GdLineFit["init"];
  /** Updates per animation frame while playing. */
  speed?: GdLineFit["speed"];
  /** Seed of the pseudo-random generator: the same seed gives the same run everywhere. */
  seed?: GdLineFit["seed"];
  /** `auto` follows the page's colour scheme; `light` or `dark` force one. */
  theme?: GdLineFit["theme"];
  /** Elements with the same `link` value share their hyperparameters. */
  link?: GdLineFit["link"];
  /** Parts to leave out, separated by spaces (`hide="picker panels chart"`): `picker`,
`panels`, `chart`, `controls`, `caption`, `formula`, `notes` and the element's other
part names (each element's README section lists its words). */
  hide?: GdLineFit["hide"];
  /** The widget's whole state, as `toJSON()` gives it. Setting it (an object, or its JSON
text as the `state` attribute) restores the widget: its settings, then the same
number of updates from the start, which reproduces the same run. */
  state?: GdLineFit["state"];
  /** The training set, `{x, y}` (copies). */
  data?: GdLineFit["data"];
  /** The hold-out test set, `{x, y}` (empty arrays when `test-split` is 0). */
  testData?: GdLineFit["testData"];
  /** The current parameters `{w, b}`. */
  params?: GdLineFit["params"];
  /** One entry per applied update plus the start: `history[0]` is the initialisation,
`history[k]` the parameters after k updates, `epoch` the epochs completed by then,
`cost` the training MSE there (and `testCost` the test MSE when a test set exists). */
  history?: GdLineFit["history"];
  /** `running`, `converged` or `diverged`. */
  status?: GdLineFit["status"];
  /** Updates per epoch: ⌈m / batch size⌉. */
  batchesPerEpoch?: GdLineFit["batchesPerEpoch"];
  /** The indices into `data` of the points highlighted on the scatter: the batch the next
update uses, `batchIndices(iteration)` (none with the full batch or a stopped run). */
  highlightedIndices?: GdLineFit["highlightedIndices"];
  /** The least-squares solution of the training data (the landscape's minimum). */
  leastSquares?: GdLineFit["leastSquares"];
  /** The cost landscape as drawn: `values` row-major n×n; sample (r, c) is J at
w = w₀ + c·(w₁ − w₀)/(n − 1), b = b₀ + r·(b₁ − b₀)/(n − 1), so row 0 is the lowest b. */
  costGrid?: GdLineFit["costGrid"];
  /** Whether the element is playing (it may still wait for being scrolled into view). */
  playing?: GdLineFit["playing"];
  /** After each batch of updates (a frame while playing, or a `step()` call); detail `{iteration, values: {w, b, cost, epoch, testCost?}}`. */
  "ongd-step"?: (e: CustomEvent<GdStepEvent>) => void;
  /** When the run stops by itself; detail `{reason: 'converged' | 'diverged' | 'max-steps', iteration}`. */
  "ongd-done"?: (e: CustomEvent<GdDoneEvent>) => void;
  /** When the user changes a setting (controls, the dragged initialisation); detail holds the changed properties. */
  "ongd-params-change"?: (e: CustomEvent<GdParamsChangeEvent>) => void;
  /** When the widget takes a learning rate, optimizer or batch size from its `link` group; detail `{link, type, values}`. */
  "ongd-link-change"?: (e: CustomEvent<GdLinkChangeEvent>) => void;
};

type GdNetworkProps = {
  /** The classification task, i.e. which data: `circles`, `xor`, `gaussians`, `spiral` or
`moons`. (Not called `dataset`: every element has a `dataset` property, its data-*
attributes, which React and Vue would set.) */
  task?: GdNetwork["task"];
  /** Training points m (10–1,000). */
  size?: GdNetwork["size"];
  /** Standard deviation of the Gaussian noise on both coordinates (0–1; the data spans about [−1, 1]²). */
  noise?: GdNetwork["noise"];
  /** Test points as a fraction of `size`, drawn after the training points (0 turns the test set off; at most 0.9). */
  "test-split"?: GdNetwork["testSplit"];
  /** Hidden layers' widths, `"8,8"`; `"0"` is logistic regression. At most 6 layers of 64 units and 2,000 parameters. */
  layers?: GdNetwork["layers"];
  /** The hidden units' activation: `tanh`, `relu`, `sigmoid` or `linear`. */
  activation?: GdNetwork["activation"];
  /** How the weights start (with `seed`): `xavier`, `he`, `normal` (N(0, 1)) or `zeros` (never breaks the symmetry). */
  init?: GdNetwork["init"];
  /** Examples per update: a whole number (capped at m) or `full` for the whole training set. */
  "batch-size"?: GdNetwork["batchSize"];
  /** Updates per animation frame while playing (1–100). */
  speed?: GdNetwork["speed"];
  /** The racer (1-based place) whose weights the landscape slice goes through. */
  racer?: GdNetwork["racer"];
  /** The slice's directions: `random` (filter-normalised, Li et al. 2018) or `pca` (the principal directions of the racers' paths). */
  directions?: GdNetwork["directions"];
  /** The cost charts' x axis: `updates` or `epochs`. */
  axis?: GdNetwork["axis"];
  /** Seed of the pseudo-random generator: the same seed gives the same run everywhere. */
  seed?: GdNetwork["seed"];
  /** `auto` follows the page's colour scheme; `light` or `dark` force one. */
  theme?: GdNetwork["theme"];
  /** Elements with the same `link` value share their hyperparameters. */
  link?: GdNetwork["link"];
  /** Parts to leave out, separated by spaces (`hide="picker panels chart"`): `picker`,
`panels`, `chart`, `controls`, `caption`, `formula`, `notes` and the element's other
part names (each element's README section lists its words). */
  hide?: GdNetwork["hide"];
  /** The widget's whole state, as `toJSON()` gives it. Setting it (an object, or its JSON
text as the `state` attribute) restores the widget: its settings, then the same
number of updates from the start, which reproduces the same run. */
  state?: GdNetwork["state"];
  /** The training set: `x[i]` the point (x₁, x₂), `y[i]` its class (0 or 1). */
  data?: GdNetwork["data"];
  /** The test set, as `data` (empty arrays when `test-split` is 0). */
  testData?: GdNetwork["testData"];
  /** The network's parameters in all: Σ (inputs + 1) · outputs over its layers. */
  parameterCount?: GdNetwork["parameterCount"];
  /** Every racer's current weights (its last good ones if it diverged), one array each,
layer after layer: W⁽ˡ⁾ row-major [inputs × outputs] (the weight from input i to unit
j at i·outputs + j), then b⁽ˡ⁾. Setting it (one array for every racer, or one per
racer; `parameterCount` numbers each, within ±1,000) starts every racer again from
those weights, at update 0, instead of `init`'s. */
  weights?: GdNetwork["weights"];
  /** Per racer, one entry per update plus the start: `history[r][0]` is racer r's initial
weights, `history[r][k]` after k updates, with the training cost J and accuracy (and
the test cost and accuracy with a test set). A diverged racer's history stops at its
last good weights. */
  history?: GdNetwork["history"];
  /** The racers: rule, label, learning rate, status and whether they race. */
  racers?: GdNetwork["racers"];
  /** Updates made since the start. */
  iteration?: GdNetwork["iteration"];
  /** Updates per epoch: ⌈m / batch size⌉. */
  batchesPerEpoch?: GdNetwork["batchesPerEpoch"];
  /** The loss-landscape slice shown (see `computeLandscape`), or undefined before one is
asked for: `values[r · n + c]` is J on the training set at θ + alphas[c]·d₁ + betas[r]·d₂,
θ the racer's weights after `iteration` updates (the middle sample, `centreCost`, is
its reported cost), and `line` the 1-D slices from each racer's initial weights. */
  landscapeSlice?: GdNetwork["landscapeSlice"];
  /** Whether the element is playing (it may still wait for being scrolled into view). */
  playing?: GdNetwork["playing"];
  /** After updates are applied (on play, step() and the Step button); detail `{iteration, values: {racers: [{label, type, cost, accuracy, testCost?, testAccuracy?, status}]}}`. */
  "ongd-step"?: (e: CustomEvent<GdStepEvent>) => void;
  /** When every racer has converged or diverged, or play reached 10,000 updates; detail `{reason, iteration}`. */
  "ongd-done"?: (e: CustomEvent<GdDoneEvent>) => void;
  /** When the user changes a setting (data, network, a racer's hyperparameter, speed). */
  "ongd-params-change"?: (e: CustomEvent<GdParamsChangeEvent>) => void;
  /** When racers take a learning rate or decay from the `link` group; detail `{link, type, values, optimizers}`. */
  "ongd-link-change"?: (e: CustomEvent<GdLinkChangeEvent>) => void;
};

type GdOptimizerRaceProps = {
  /** Landscape id (`bowl`, `himmelblau`, `rosenbrock`, `goldstein-price`, …, `saddle`), or `custom` for `formula`. */
  landscape?: GdOptimizerRace["landscape"];
  /** The bowl's condition number κ (1–1000): how much steeper the valley is across than along. Only the bowl uses it. */
  kappa?: GdOptimizerRace["kappa"];
  /** With `landscape="custom"`: the cost J in w1 and w2, e.g. `(1 - w1)^2 + 100 (w2 - w1^2)^2`. */
  formula?: GdOptimizerRace["formula"];
  /** With `landscape="custom"`: the plotted window `"w1min,w1max,w2min,w2max"` (default `-5,5,-5,5`). */
  domain?: GdOptimizerRace["domain"];
  /** Start point `"w1,w2"` inside the landscape's plotted area; unset, the landscape's own start. Switching landscape moves it to that landscape's start. */
  start?: GdOptimizerRace["start"];
  /** Updates per animation frame while playing (1–100). */
  speed?: GdOptimizerRace["speed"];
  /** Swarm mode: this many seeded random starts per optimizer (1–10,000) race as dots with fading tails, with a tally of where they end; 0 (default) races one start. */
  swarm?: GdOptimizerRace["swarm"];
  /** Basin map: `off` (default), or the 1-based place of the optimizer whose basins of
attraction colour the map (where a start in each cell ends after the swarm's budget).
Works without `swarm` too; the select that sets it shows in swarm mode and while a map is on. */
  basins?: GdOptimizerRace["basins"];
  /** Seed of the pseudo-random generator: the same seed gives the same run everywhere. */
  seed?: GdOptimizerRace["seed"];
  /** `auto` follows the page's colour scheme; `light` or `dark` force one. */
  theme?: GdOptimizerRace["theme"];
  /** Elements with the same `link` value share their hyperparameters. */
  link?: GdOptimizerRace["link"];
  /** Parts to leave out, separated by spaces (`hide="picker panels chart"`): `picker`,
`panels`, `chart`, `controls`, `caption`, `formula`, `notes` and the element's other
part names (each element's README section lists its words). */
  hide?: GdOptimizerRace["hide"];
  /** The widget's whole state, as `toJSON()` gives it. Setting it (an object, or its JSON
text as the `state` attribute) restores the widget: its settings, then the same
number of updates from the start, which reproduces the same run. */
  state?: GdOptimizerRace["state"];
  /** One entry per optimizer (the `<gd-optimizer>` children in document order, or the
four defaults): `points[0]` is the start, `points[k]` the parameters after k
updates, `costs[k]` the cost there. A converged or diverged optimizer stops
growing: its last point is where it stopped. */
  trajectories?: GdOptimizerRace["trajectories"];
  /** The basin map shown (see `basins`), once it is computed; undefined while it is worked out or off. */
  basinMap?: GdOptimizerRace["basinMap"];
  /** With `swarm`: where each enabled optimizer's particles are (at a global or a local
minimum, at a saddle, diverged, still moving; the counts sum to `swarm`) and after
how many of the swarm's 500 updates. `null` while `swarm` is 0. */
  swarmTally?: GdOptimizerRace["swarmTally"];
  /** Updates made since the start. */
  iteration?: GdOptimizerRace["iteration"];
  /** Whether the element is playing (it may still wait for being scrolled into view). */
  playing?: GdOptimizerRace["playing"];
  /** After steps are applied (on play, step() and the Step button); detail: iteration and each optimizer's position, cost and status (with `swarm`, also the swarm's iteration). */
  "ongd-step"?: (e: CustomEvent<GdStepEvent>) => void;
  /** When every optimizer has converged or diverged (and a swarm has made its 500 steps), or after 100,000 steps; detail: reason. */
  "ongd-done"?: (e: CustomEvent<GdDoneEvent>) => void;
  /** When the user changes the landscape, the start point or an optimizer setting. */
  "ongd-params-change"?: (e: CustomEvent<GdParamsChangeEvent>) => void;
  /** When optimizers of this race take a learning rate or decay from its `link` group; detail `{link, type, values, optimizers}`. */
  "ongd-link-change"?: (e: CustomEvent<GdLinkChangeEvent>) => void;
};

type GdOptimizerProps = {
  /** The update rule: `sgd`, `momentum`, `nesterov`, `rmsprop`, `adagrad`, `adam` or `adamw`. */
  type?: GdOptimizer["type"];
  /** Shown in the legend (at most 200 characters); defaults to the rule's name. */
  label?: GdOptimizer["label"];
  /** α, the step size (greater than 0, at most 10⁶). Unset: the race's default for the landscape and rule. */
  "learning-rate"?: GdOptimizer["learningRate"];
  /** Inverse-time decay: α_t = α / (1 + decay · t) (0 … 10⁶, default 0). */
  decay?: GdOptimizer["decay"];
  /** β of momentum, Nesterov and RMSprop, in [0, 1) (default 0.9). */
  beta?: GdOptimizer["beta"];
  /** β₁ of Adam and AdamW, in [0, 1) (default 0.9). */
  beta1?: GdOptimizer["beta1"];
  /** β₂ of Adam and AdamW, in [0, 1) (default 0.999). */
  beta2?: GdOptimizer["beta2"];
  /** ε of RMSprop, Adagrad, Adam and AdamW (10⁻³⁰ … 10⁶, default 10⁻⁸). */
  epsilon?: GdOptimizer["epsilon"];
  /** λ of AdamW's decoupled weight decay (0 … 10⁶). */
  "weight-decay"?: GdOptimizer["weightDecay"];
  /** Leaves this optimizer out of the race's plot and chart. */
  disabled?: GdOptimizer["disabled"];
  /** Notes about rejected values, by attribute name (the race shows them). */
  notes?: GdOptimizer["notes"];
  /** The validated settings; unset values are left out. Checked here as well as on
update, so a parent reading them before this element's first update never sees
a rejected value. */
  settings?: GdOptimizer["settings"];
};

type GdSweepProps = {
  /** Landscape id (`bowl`, `himmelblau`, `rosenbrock`, …). */
  landscape?: GdSweep["landscape"];
  /** `line-fit`: fit a line to the line fit's data (below) instead of walking the landscape. */
  data?: GdSweep["data"];
  /** Training points m of the line-fit data (2–100,000). */
  size?: GdSweep["size"];
  /** Standard deviation of the Gaussian noise on y of the line-fit data. */
  noise?: GdSweep["noise"];
  /** Slope w* of the line the data is sampled from. */
  "true-slope"?: GdSweep["trueSlope"];
  /** Intercept b* of the line the data is sampled from. */
  "true-intercept"?: GdSweep["trueIntercept"];
  /** The update rule every cell runs. */
  optimizer?: GdSweep["optimizer"];
  /** Start point `"w1,w2"` inside the landscape's plotted area; unset, the landscape's own start. */
  start?: GdSweep["start"];
  /** Updates every cell makes (1–10,000). */
  steps?: GdSweep["steps"];
  /** The setting swept along x: `learning-rate`, `beta`, `beta1`, `beta2`, `epsilon` or `decay`. */
  x?: GdSweep["x"];
  /** `"from,to"` of the x axis; unset, the setting's default span. */
  "x-range"?: GdSweep["xRange"];
  /** A second swept setting for a heat map (`beta`); unset, a 1-D sweep. */
  y?: GdSweep["y"];
  /** `"from,to"` of the y axis; unset, the setting's default span. */
  "y-range"?: GdSweep["yRange"];
  /** Cells per axis (2–64). */
  cells?: GdSweep["cells"];
  /** The bowl's condition number κ (1–1000), the race's by default: the same bowl in both. Other landscapes ignore it. */
  kappa?: GdSweep["kappa"];
  /** With `data="line-fit"`: passes over the data per cell instead of `steps` updates (equal work for every batch size); unset, `steps` counts. */
  epochs?: GdSweep["epochs"];
  /** Seed of the pseudo-random generator: the same seed gives the same run everywhere. */
  seed?: GdSweep["seed"];
  /** `auto` follows the page's colour scheme; `light` or `dark` force one. */
  theme?: GdSweep["theme"];
  /** Elements with the same `link` value share their hyperparameters. */
  link?: GdSweep["link"];
  /** Parts to leave out, separated by spaces (`hide="picker panels chart"`): `picker`,
`panels`, `chart`, `controls`, `caption`, `formula`, `notes` and the element's other
part names (each element's README section lists its words). */
  hide?: GdSweep["hide"];
  /** The widget's whole state, as `toJSON()` gives it. Setting it (an object, or its JSON
text as the `state` attribute) restores the widget: its settings, then the same
number of updates from the start, which reproduces the same run. */
  state?: GdSweep["state"];
  /** Updates every cell has made. */
  iteration?: GdSweep["iteration"];
  /** Every cell in reading order (row 0 = the lowest y value): its settings, final cost and status. */
  results?: GdSweep["results"];
  /** 2/λ_max at the start, where the plot marks it (plain gradient descent, or a row of it, over the learning rate); otherwise null. */
  stabilityEdge?: GdSweep["stabilityEdge"];
  /** The picked cell's path (its points from the start, its costs and status), or undefined before a pick. */
  pickedPath?: GdSweep["pickedPath"];
  /** The backend the cells run on (`cpu` or `webgl`, picked by the batch's size). */
  backend?: GdSweep["backend"];
  /** Whether the element is playing (it may still wait for being scrolled into view). */
  playing?: GdSweep["playing"];
  /** After each batch of updates of every cell; detail `{ iteration, values: { cells, diverged } }` (the number of cells and of diverged ones). */
  "ongd-step"?: (e: CustomEvent<GdStepEvent>) => void;
  /** When the user picks a cell (click, Enter or Space); detail `{ type, learningRate, beta?, batchSize?, cost, diverged }`. With `link`, the picked settings also go to the link group as the optimizer's settings (and the batch size). */
  "ongd-select"?: (e: CustomEvent<GdSelectEvent>) => void;
  /** When every cell has made its `steps` updates; detail `{ reason: 'max-steps', iteration }`. */
  "ongd-done"?: (e: CustomEvent<GdDoneEvent>) => void;
};

export type CustomElements = {
  /**
   * Learning rate against curvature: gradient descent on a 1-D cost.
   * ---
   *
   *
   * ### **Events:**
   *  - **gd-step** - After each batch of updates; detail `{ iteration, values: { w, cost, slope } }`.
   * - **gd-done** - When a run stops; detail `{ reason: 'converged' | 'diverged' | 'max-steps', iteration }`.
   * - **gd-params-change** - When the user changes curvature, learning rate, cost or the start; detail: the changed values.
   * - **gd-link-change** - When the widget takes a plain-GD (`sgd`) learning rate from its `link` group; detail `{link, type, values}`.
   *
   * ### **Methods:**
   *
   *
   *
   *
   *
   * - **step(count): _Promise<void>_** - Applies `count` updates (fewer if the run diverges first); works paused, off-screen
   * and before the element is in a page. Long requests run in frame-sized chunks; a
   * `reset()` or `pause()` meanwhile ends them.
   * - **reset(): _void_** - Returns to w₀ at iteration 0 and stops playing; a pending `step(n)` ends here.
   * - **pause(): _void_** - Stops the animation; the state is kept.
   * - **play(): _void_** - Starts the animation.
   *
   *
   *
   *
   * - **toJSON(): _Record<string, unknown>_** - The widget's whole state: its settings and `iteration`, the updates made (`JSON.stringify(element)` uses it).
   *
   *
   *
   *
   *
   *
   *
   *
   *
   * ### **Slots:**
   *  - **caption** - A caption for the figure (a question, a task for the reader), shown above it.
   *
   * ### **CSS Properties:**
   *  - **--gd-curvature-curve-color** - The cost curve and the next point. _(default: var(--gd-series-1))_
   * - **--gd-curvature-tangent-color** - The tangent and the step it implies. _(default: var(--gd-series-2))_
   * - **--gd-curvature-error-color** - The approximation error. _(default: var(--gd-color-model))_
   * - **--gd-curvature-point-color** - The current point. _(default: var(--gd-color-text))_
   *
   * ### **CSS Parts:**
   *  - **plot** - The figure: cost curve, tangent, step, error, trail and the draggable start.
   * - **legend** - The key below the plot.
   * - **controls** - Play, step and reset buttons and the iteration counter.
   * - **readout** - The panel with w, J(w), J'(w) and the update with numbers.
   * - **regime** - The panel naming the regime in words.
   * - **formula** - A typeset formula (the cost and the update rule).
   * - **params** - The curvature, learning-rate and cost controls.
   * - **notes** - Notes about rejected input and a stopped run.
   * - **caption** - The wrapper of the `caption` slot.
   */
  "gd-curvature": DefineComponent<GdCurvatureProps>;

  /**
   * Fit ŷ = wx + b by gradient descent and watch data, cost landscape and cost curve move together.
   * ---
   *
   *
   * ### **Events:**
   *  - **gd-step** - After each batch of updates (a frame while playing, or a `step()` call); detail `{iteration, values: {w, b, cost, epoch, testCost?}}`.
   * - **gd-done** - When the run stops by itself; detail `{reason: 'converged' | 'diverged' | 'max-steps', iteration}`.
   * - **gd-params-change** - When the user changes a setting (controls, the dragged initialisation); detail holds the changed properties.
   * - **gd-link-change** - When the widget takes a learning rate, optimizer or batch size from its `link` group; detail `{link, type, values}`.
   *
   * ### **Methods:**
   *
   *
   * - **batchIndices(iteration: _number_): _number[]_** - The indices into `data` of the training points used by update `iteration`
   * (0-based; read-only information, the schedule is fixed by the seed).
   *
   *
   *
   * - **step(n): _Promise<void>_** - Applies `n` updates (fewer if the run stops), in frame-sized chunks; works paused,
   * off-screen and before the widget is in a page. A `reset()` or `pause()` ends it.
   * - **reset(): _void_** - Returns to the initial state.
   * - **pause(): _void_** - Stops the animation; the state is kept.
   * - **play(): _void_** - Starts the animation.
   *
   *
   *
   *
   * - **toJSON(): _Record<string, unknown>_** - The widget's whole state: its settings and `iteration`, the updates made (`JSON.stringify(element)` uses it).
   *
   *
   *
   *
   *
   *
   *
   *
   *
   * ### **Slots:**
   *  - _default_ - Optional caption or explanation shown above the figure.
   * - **caption** - A caption for the figure (a question, a task for the reader), shown above it.
   *
   * ### **CSS Properties:**
   *  - **--gd-line-fit-point-color** - Colour of the data points. _(default: light-dark(rgba(29,35,48,.55), rgba(228,231,236,.55)))_
   * - **--gd-line-fit-trajectory-color** - Colour of the optimizer's path on the landscape. _(default: var(--gd-color-model))_
   * - **--gd-line-fit-train-color** - Colour of the training-cost curve. _(default: var(--gd-color-text))_
   * - **--gd-line-fit-test-color** - Colour of the test-cost curve. _(default: var(--gd-series-2))_
   * - **--gd-line-fit-batch-color** - Ring around the next mini-batch's points. _(default: light-dark(#c2410c, #ff9a4d))_
   * - **--gd-color-truth** - The ground truth (line and dot). _(default: light-dark(#1f63c6, #6aa8ff))_
   * - **--gd-color-model** - The model (line, initialisation, current point). _(default: light-dark(#c8302a, #ff7b72))_
   *
   * ### **CSS Parts:**
   *  - **data** - The scatter plot of the training data with the true and the model line.
   * - **plot** - The cost landscape J(w, b) with the initialisation and the trajectory.
   * - **chart** - The cost per iteration (log scale).
   * - **handle** - The draggable red initialisation point on the landscape.
   * - **readout** - Iteration, epoch, w, b and cost.
   * - **controls** - Every control (data, training, play bar).
   * - **panel** - The Data and the Training panel of the controls.
   * - **caption** - The wrapper of the `caption` slot.
   * - **formula** - A typeset formula.
   * - **notes** - The polite live region for rejected input and run state.
   * - **color-legend** - The colour bar under the cost landscape.
   */
  "gd-line-fit": DefineComponent<GdLineFitProps>;

  /**
   * A small network trained in the page: optimizers racing, decision boundaries, costs and slices of its loss landscape.
   * ---
   *
   *
   * ### **Events:**
   *  - **gd-step** - After updates are applied (on play, step() and the Step button); detail `{iteration, values: {racers: [{label, type, cost, accuracy, testCost?, testAccuracy?, status}]}}`.
   * - **gd-done** - When every racer has converged or diverged, or play reached 10,000 updates; detail `{reason, iteration}`.
   * - **gd-params-change** - When the user changes a setting (data, network, a racer's hyperparameter, speed).
   * - **gd-link-change** - When racers take a learning rate or decay from the `link` group; detail `{link, type, values, optimizers}`.
   *
   * ### **Methods:**
   *
   *
   * - **batchIndices(iteration: _number_): _number[]_** - The indices into `data` of the training points update `iteration` (0-based) uses, the
   * same for every racer: each epoch a fresh seeded shuffle of 0 … m − 1 cut into batches
   * of `batch-size` (the last one the remainder); with the full batch, all of them in order.
   * - **computeLandscape(): _Promise<void>_** - Works out the loss landscape through the `racer`'s weights as they are now (the 2-D
   * slice along `directions` and every racer's 1-D slice), in slices that leave the page
   * responsive; resolves once it is shown. Another request, a reset or a new network
   * meanwhile ends it.
   *
   *
   *
   *
   * - **step(n): _Promise<void>_** - Applies exactly `n` updates to every racer (works paused, off-screen and before the
   * element is in a page), in frame-sized chunks: the page stays responsive, and a
   * `reset()` meanwhile ends it at once.
   * - **reset(): _void_** - Back to update 0 from the initial weights; a pending `step(n)` ends here.
   * - **pause(): _void_** - Stops playing; a pending `step(n)` ends here too.
   * - **play(): _void_** - Starts the animation.
   *
   *
   *
   *
   * - **toJSON(): _Record<string, unknown>_** - The widget's whole state: its settings and `iteration`, the updates made (`JSON.stringify(element)` uses it).
   *
   *
   *
   *
   *
   *
   *
   *
   * ### **Slots:**
   *  - _default_ - `<gd-optimizer>` elements, one per racer, in legend order.
   * - **caption** - A caption for the figure (a question, a task for the reader), shown above it.
   *
   * ### **CSS Properties:**
   *  - **--gd-network-series-1** - Colour of the 1st racer (also -2 … -8). _(default: var(--gd-series-1))_
   * - **--gd-network-class-0** - Colour of class 0 (points and the map's shade). _(default: var(--gd-series-2))_
   * - **--gd-network-class-1** - Colour of class 1. _(default: var(--gd-series-1))_
   * - **--gd-font-family** - Font of all text. _(default: system-ui)_
   * - **--gd-color-accent** - Accent of buttons and sliders. _(default: #2456a8)_
   *
   * ### **CSS Parts:**
   *  - **data** - The decision maps: each racer's ŷ over the plane with the data.
   * - **chart** - The training and test cost per update (or epoch).
   * - **landscape** - The 2-D slice of the loss landscape, its controls and colour legend.
   * - **interpolation** - The 1-D slice from the initial to the current weights.
   * - **formula** - A typeset formula (the cost, the loss, the model, the update rules).
   * - **legend** - The racers with their rates, costs and test accuracy.
   * - **controls** - Play/pause, step, reset and speed.
   * - **panel** - The data's and the network's settings.
   * - **optimizers** - The per-racer panels with their hyperparameters.
   * - **notes** - Notes about rejected input and the run's state.
   * - **caption** - The wrapper of the `caption` slot.
   * - **color-legend** - The colour bar under the landscape slice.
   */
  "gd-network": DefineComponent<GdNetworkProps>;

  /**
   * Optimizers racing on a 2-D cost landscape.
   * ---
   *
   *
   * ### **Events:**
   *  - **gd-step** - After steps are applied (on play, step() and the Step button); detail: iteration and each optimizer's position, cost and status (with `swarm`, also the swarm's iteration).
   * - **gd-done** - When every optimizer has converged or diverged (and a swarm has made its 500 steps), or after 100,000 steps; detail: reason.
   * - **gd-params-change** - When the user changes the landscape, the start point or an optimizer setting.
   * - **gd-link-change** - When optimizers of this race take a learning rate or decay from its `link` group; detail `{link, type, values, optimizers}`.
   *
   * ### **Methods:**
   *
   *
   *
   *
   *
   *
   *
   * - **step(n): _Promise<void>_** - Applies exactly `n` updates to every optimizer (works paused, off-screen and before
   * the race is in a page), in frame-sized chunks: the page stays responsive, and a
   * `reset()` meanwhile ends it at once. With `swarm`, the swarm makes the same `n`
   * updates, as far as its 500 go (play instead paces it by the time a frame has).
   * - **reset(): _void_** - Back to iteration 0 at the current start; a pending `step(n)` ends here.
   * - **pause(): _void_** - Stops playing; a pending `step(n)` ends here too.
   * - **play(): _void_** - Starts the animation.
   *
   *
   *
   *
   *
   * - **toJSON(): _Record<string, unknown>_** - The widget's whole state: its settings and `iteration`, the updates made (`JSON.stringify(element)` uses it).
   *
   *
   *
   *
   *
   *
   * ### **Slots:**
   *  - _default_ - `<gd-optimizer>` elements, one per racing optimizer, in legend order.
   * - **caption** - A caption for the figure (a question, a task for the reader), shown above it.
   *
   * ### **CSS Properties:**
   *  - **--gd-race-series-1** - Colour of the 1st optimizer (also -2 … -8). _(default: var(--gd-series-1))_
   * - **--gd-race-start** - Colour of the start point. _(default: var(--gd-color-model))_
   * - **--gd-race-basin-1** - Basin map: colour of the 1st global minimum's basin (also -2 … -4; -5 … -8 for local minima, paler). _(default: undefined)_
   * - **--gd-race-basin-diverged** - Basin map: colour of starts that diverged (also -saddle, -unlisted). _(default: undefined)_
   * - **--gd-font-family** - Font of all text. _(default: system-ui)_
   * - **--gd-color-accent** - Accent of buttons and sliders. _(default: #2456a8)_
   *
   * ### **CSS Parts:**
   *  - **picker** - The landscape picker (a radio group of thumbnails).
   * - **plot** - The contour map with the trajectories and the start point.
   * - **legend** - The list of optimizers; hover or focus isolates one.
   * - **chart** - The cost-per-step chart.
   * - **controls** - Play/pause, step, reset and speed.
   * - **optimizers** - The per-optimizer panels with their hyperparameters.
   * - **formula** - A typeset formula (update rules, the landscape).
   * - **notes** - Notes about rejected input and the race's state.
   * - **caption** - The wrapper of the `caption` slot.
   * - **swarm** - With `swarm`: the table of where each optimizer's particles are.
   */
  "gd-optimizer-race": DefineComponent<GdOptimizerRaceProps>;

  /**
   * One optimizer entered in a `<gd-optimizer-race>`.
   *
   * It fires no event of its own for pages: its `gd-optimizer-change` (bubbling, not
   * composed, on any change) is internal, the parent race's cue to re-run, and is left out
   * of the documented events (custom-elements.json and the typings made from it).
   * ---
   *
   */
  "gd-optimizer": DefineComponent<GdOptimizerProps>;

  /**
   * A learning-rate sweep: final cost against α (and β), all cells in one batched run.
   * ---
   *
   *
   * ### **Events:**
   *  - **gd-step** - After each batch of updates of every cell; detail `{ iteration, values: { cells, diverged } }` (the number of cells and of diverged ones).
   * - **gd-select** - When the user picks a cell (click, Enter or Space); detail `{ type, learningRate, beta?, batchSize?, cost, diverged }`. With `link`, the picked settings also go to the link group as the optimizer's settings (and the batch size).
   * - **gd-done** - When every cell has made its `steps` updates; detail `{ reason: 'max-steps', iteration }`.
   *
   * ### **Methods:**
   *
   *
   *
   *
   *
   * - **step(count): _Promise<void>_** - Applies `count` more updates to every cell (never past `steps`); resolves when they are applied.
   * - **reset(): _void_** - Back to iteration 0 (every cell at the start); `play()` or `step(n)` runs it again.
   * - **play(): _void_** - Runs the cells to `steps` updates (a sweep has nothing to animate beyond that).
   * - **pause(): _void_** - Stops the animation; the state is kept.
   *
   *
   *
   *
   *
   * - **toJSON(): _Record<string, unknown>_** - The widget's whole state: its settings and `iteration`, the updates made (`JSON.stringify(element)` uses it).
   *
   *
   *
   *
   *
   *
   *
   *
   *
   * ### **Slots:**
   *  - **caption** - A caption for the figure, shown above it.
   *
   * ### **CSS Properties:**
   *  - **--gd-sweep-line-color** - The 1-D cost line and its points. _(default: var(--gd-series-1))_
   * - **--gd-sweep-edge-color** - The 2/λ_max mark. _(default: var(--gd-color-model))_
   * - **--gd-sweep-diverged-color** - The diverged cells' grey. _(default: var(--gd-series-8))_
   *
   * ### **CSS Parts:**
   *  - **plot** - The figure (focusable: arrow keys move between cells, Enter or Space picks one).
   * - **legend** - The key: the colour scale with its numbers, or the marks of the 1-D plot.
   * - **readout** - The live text naming the active cell and its final cost.
   * - **controls** - The run's progress and the Run again button.
   * - **notes** - Notes about rejected input.
   * - **caption** - The wrapper of the `caption` slot.
   */
  "gd-sweep": DefineComponent<GdSweepProps>;
};

declare module "vue" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalComponents extends CustomElements {}
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}
