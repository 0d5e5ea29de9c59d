/**
 * The batched workloads against their plain-JS floor (bench/floor.ts), on the cpu
 * backend, side by side in this page: swarm 4 × 1,000 and 4 × 10,000 on Himmelblau, a
 * 64 × 64 basin map, sweeps of ~1,000 and ~10,000 cells (a landscape α × β and the line
 * fit's data α × batch size), the race's preview of 4 × 100 steps, and the network's
 * training (4 racers × a 2-8-8-1 network, m = 200, full batch). Each is run as the
 * element runs it (SwarmModel, computeBasins, SweepModel, RacePreview, NetworkModel); the
 * floor does the same updates of the same rows with the same rules, hyperparameters and
 * starts.
 * Every figure is the best of several alternating kit / floor runs (see `sideBySide`);
 * the first (warm-up) run of each is not counted.
 */
import * as tf from '../../src/core/tf.js';
import { getLandscape, getOptimizer, initBackend, type Landscape, type OptimizerType } from '../../src/core/index.js';
import { RaceModel, RacePreview } from '../../src/elements/optimizer-race/internal/run/race-model.js';
import { resolveEntries } from '../../src/elements/optimizer-race/internal/optimizers/entries.js';
import { SwarmModel } from '../../src/elements/optimizer-race/internal/swarm/swarm-model.js';
import { SWARM_STEPS } from '../../src/elements/optimizer-race/internal/settings.js';
import { basinStarts, clearBasinCache, computeBasins } from '../../src/elements/optimizer-race/internal/basins/basins.js';
import { SweepModel, type SweepConfig } from '../../src/elements/sweep/internal/model.js';
import { BATCH_AXIS, SWEEP_AXES } from '../../src/elements/sweep/internal/axes.js';
import { NetworkModel } from '../../src/elements/network/internal/model.js';
import { WEIGHT_BOUND } from '../../src/elements/network/internal/settings.js';
import {
  FloorLineSweep,
  FloorNetwork,
  FloorRun,
  himmelblauGradient,
  repeatStarts,
  rosenbrockGradient,
  type FloorBlock,
  type FloorRacer,
} from '../floor.js';

type Report = (name: string, value: number, unit: string) => void;

/** Work to time, alone or after an untimed `setup` (what making or resetting the rows costs once per change of settings). */
type Job = (() => unknown) | { setup: () => unknown; work: () => unknown };

/**
 * Milliseconds one job's work takes (sync or async): repeated until 20 ms of it have
 * passed, since a floor can take less than the page's clock can tell apart.
 */
async function time(job: Job): Promise<number> {
  const { setup, work } = typeof job === 'function' ? { setup: undefined, work: job } : job;
  let spent = 0;
  let times = 0;
  do {
    await setup?.();
    const t0 = performance.now();
    await work();
    spent += performance.now() - t0;
    times++;
  } while (spent < 20);
  return spent / times;
}

/**
 * The best kit and floor times of `runs` alternating runs after one warm-up of each. Best,
 * not median: on a machine shared with other work a run is only ever slowed down, never
 * sped up, so the fastest run is the one least disturbed, for both.
 */
async function sideBySide(runs: number, kit: Job, floor: Job): Promise<{ kit: number; floor: number }> {
  await time(kit);
  await time(floor);
  const kits: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    kits.push(await time(kit));
    floors.push(await time(floor));
  }
  return { kit: Math.min(...kits), floor: Math.min(...floors) };
}

function reportPair(report: Report, name: string, unit: string, { kit, floor }: { kit: number; floor: number }): void {
  report(`${name}: kit ${unit}`, kit, 'ms');
  report(`${name}: plain-JS floor ${unit}`, floor, 'ms');
  report(`${name}: kit / floor`, Number((kit / floor).toFixed(2)), '×');
}

async function swarm(report: Report, himmelblau: Landscape, size: number): Promise<void> {
  const entries = resolveEntries('himmelblau', [], []);
  const model = new SwarmModel({ landscape: himmelblau, entries, size, seed: 1, backend: 'cpu' });
  const updates = size >= 10000 ? 10 : 40;
  const blocks: FloorBlock[] = entries.map((e) => ({ type: e.type, h: e.hyperparameters, rows: size }));
  const starts = repeatStarts(model.starts, entries.length);
  const result = await sideBySide(
    11,
    () => {
      // Each sample goes on from where the last one stopped (12 × 40 updates fit the
      // swarm's budget of 500): reset() frees the parts' runs, and making them again (a few
      // ms a part, once per change of settings) is not the per-update cost measured here.
      if (model.iteration + updates > SWARM_STEPS) model.reset();
      // One update per call, as a frame of play makes for a large swarm.
      for (let u = 0; u < updates; u++) model.step(1);
    },
    () => new FloorRun(himmelblauGradient, blocks, starts).step(updates),
  );
  model.dispose();
  const perUpdate = { kit: result.kit / updates, floor: result.floor / updates };
  reportPair(report, `swarm ${size.toLocaleString('en')} starts × 4 optimizers (Himmelblau)`, 'ms per update', perUpdate);
}

async function basins(report: Report, himmelblau: Landscape): Promise<void> {
  const momentum = resolveEntries('himmelblau', [], [])[1];
  const starts = basinStarts(himmelblau);
  const block: FloorBlock = { type: 'momentum', h: momentum.hyperparameters, rows: starts.length };
  const result = await sideBySide(
    9,
    async () => {
      clearBasinCache();
      await computeBasins(himmelblau, { type: 'momentum', hyperparameters: momentum.hyperparameters }).done;
    },
    () => new FloorRun(himmelblauGradient, [block], repeatStarts(starts, 1)).step(500),
  );
  reportPair(report, 'basin map 64 × 64, Momentum on Himmelblau, 500 updates', 'ms', result);
}

function landscapeSweep(side: number): SweepConfig {
  const landscape = getLandscape('rosenbrock')!;
  return {
    landscape,
    optimizer: 'momentum',
    start: landscape.start,
    steps: 1e9,
    x: SWEEP_AXES['learning-rate'],
    xRange: [1e-4, 2e-3],
    y: SWEEP_AXES.beta,
    yRange: [0, 0.95],
    cells: side,
    backend: 'cpu',
  };
}

function lineFitSweep(columns: number): SweepConfig {
  return {
    landscape: getLandscape('bowl')!,
    data: { size: 100, noise: 0.5, trueSlope: 2, trueIntercept: -1, seed: 1 },
    optimizer: 'sgd',
    start: [-2, 3],
    steps: 1e9,
    x: SWEEP_AXES['learning-rate'],
    xRange: [1e-3, 0.5],
    y: BATCH_AXIS,
    yRange: [1, 100],
    cells: columns,
    backend: 'cpu',
  };
}

/** Updates per `step(k)` call: about what one frame's chunk makes for a large sweep. */
const SWEEP_K = 10;

async function sweep(report: Report, name: string, config: SweepConfig, calls: number): Promise<void> {
  const model = await SweepModel.create(config);
  const cells = model.columns * model.rows;
  const updates = calls * SWEEP_K;
  // Both sides start every sample from the start, made or reset outside the timed part
  // (as the element does once per change of settings), and time the updates alone.
  let makeFloor: () => { step(updates: number): void };
  if (config.data) {
    const d = config.data;
    const data = { size: d.size, noise: d.noise, slope: d.trueSlope, intercept: d.trueIntercept, seed: d.seed };
    const alphas = Float32Array.from(model.xValues);
    makeFloor = () => new FloorLineSweep(data, model.yValues, alphas, config.start);
  } else {
    const h = { ...getOptimizer(config.optimizer)!.defaults };
    const alpha = new Float32Array(cells);
    const beta = new Float32Array(cells);
    for (let i = 0; i < cells; i++) {
      alpha[i] = model.xValues[i % model.columns];
      beta[i] = model.yValues[Math.floor(i / model.columns)];
    }
    const block: FloorBlock = { type: config.optimizer, h, rows: cells, alpha, beta };
    const starts = repeatStarts(
      Array.from({ length: cells }, () => config.start),
      1,
    );
    makeFloor = () => new FloorRun(rosenbrockGradient, [block], starts);
  }
  let floor = makeFloor();
  const result = await sideBySide(
    9,
    {
      setup: () => model.reset(),
      work: () => {
        for (let c = 0; c < calls; c++) model.step(SWEEP_K);
      },
    },
    { setup: () => (floor = makeFloor()), work: () => floor.step(updates) },
  );
  const reset = await time(() => model.reset());
  model.dispose();
  report(`sweep ${name} (${cells.toLocaleString('en')} cells): kit reset() (once per change of settings)`, reset, 'ms');
  reportPair(report, `sweep ${name} (${cells.toLocaleString('en')} cells)`, 'ms per update', {
    kit: result.kit / updates,
    floor: result.floor / updates,
  });
}

async function preview(report: Report, himmelblau: Landscape): Promise<void> {
  const entries = resolveEntries('himmelblau', [], []);
  const race = new RaceModel({ landscape: himmelblau, start: himmelblau.start, entries });
  const run = race.build();
  const start: [number, number] = [-1, 3.5];
  const blocks: FloorBlock[] = entries.map((e) => ({ type: e.type, h: e.hyperparameters, rows: 1 }));
  const starts = repeatStarts([start], entries.length);
  const trail = new Float32Array(entries.length * 101 * 2);
  const result = await sideBySide(
    15,
    () => new RacePreview(run, start).advance(100),
    () => {
      // The trajectory is kept (what a preview draws).
      const floor = new FloorRun(himmelblauGradient, blocks, starts);
      trail.set(floor.w, 0);
      for (let u = 1; u <= 100; u++) {
        floor.step(1);
        trail.set(floor.w, u * floor.w.length);
      }
    },
  );
  race.dispose();
  reportPair(report, 'race preview, 4 optimizers × 100 updates (Himmelblau)', 'ms', result);
}

/**
 * `<gd-network>`'s budget workload (the network suite's): 4 racers (SGD α 0.3, Momentum
 * 0.1, RMSprop and Adam 0.01) × a 2-8-8-1 tanh network on the spiral, m = 200 with as
 * many test points, full batch; `step(3)` calls, as a frame of play at speed 3 makes.
 * Each update records every racer's training and test metrics, on both sides.
 */
async function network(report: Report): Promise<void> {
  const rates: [OptimizerType, number][] = [
    ['sgd', 0.3],
    ['momentum', 0.1],
    ['rmsprop', 0.01],
    ['adam', 0.01],
  ];
  const racers: FloorRacer[] = rates.map(([type, learningRate]) => ({ type, h: { ...getOptimizer(type)!.defaults, learningRate } }));
  const model = new NetworkModel({
    dataset: 'spiral',
    size: 200,
    noise: 0.1,
    testSplit: 0.5,
    seed: 1,
    hidden: [8, 8],
    activation: 'tanh',
    init: 'xavier',
    batchSize: 'full',
    entries: racers.map(({ type, h }) => ({ type, label: type, hyperparameters: h, disabled: false })),
  });
  const calls = 10;
  const updates = calls * 3;
  let floor: FloorNetwork;
  const makeFloor = () => new FloorNetwork(model.shape.sizes, model.data, racers, model.starts, WEIGHT_BOUND);
  const result = await sideBySide(
    9,
    {
      setup: () => model.reset(),
      work: () => {
        for (let c = 0; c < calls; c++) model.step(3);
      },
    },
    { setup: () => (floor = makeFloor()), work: () => floor.step(updates) },
  );
  // The floor trains the same networks: the same training J after the same updates.
  model.reset();
  for (let c = 0; c < calls; c++) model.step(3);
  const check = makeFloor();
  check.step(updates);
  racers.forEach(({ type }, i) => {
    const kit = model.latest(i).cost;
    const plain = check.metrics[i * 4];
    if (!(Math.abs(kit - plain) <= 1e-4 * Math.max(1, Math.abs(kit))))
      throw new Error(`network floor: ${type}'s J is ${plain}, the kit's ${kit}`);
  });
  model.dispose();
  reportPair(report, 'network 4 racers × 2-8-8-1, m = 200, full batch', 'ms per update', {
    kit: result.kit / updates,
    floor: result.floor / updates,
  });
}

export async function run(report: Report): Promise<void> {
  if ((await initBackend('cpu')) !== 'cpu') throw new Error('the cpu backend did not start');
  await tf.ready();
  const himmelblau = getLandscape('himmelblau')!;
  await swarm(report, himmelblau, 1000);
  await swarm(report, himmelblau, 10000);
  await basins(report, himmelblau);
  await sweep(report, 'Rosenbrock momentum α × β, 32 × 32', landscapeSweep(32), 4);
  await sweep(report, 'Rosenbrock momentum α × β, 100 × 100', landscapeSweep(100), 2);
  await sweep(report, 'line-fit data sgd α × batch size, 125 × 8', lineFitSweep(125), 4);
  await sweep(report, 'line-fit data sgd α × batch size, 1250 × 8', lineFitSweep(1250), 2);
  await preview(report, himmelblau);
  await network(report);
}
