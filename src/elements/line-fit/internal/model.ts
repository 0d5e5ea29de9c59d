import type { Vec2 } from '../../../core/index.js';
import { parsePair } from '../../shared/parse.js';
import { judge, type PropertyRule } from '../../shared/rules.js';
import { LineDataset } from './dataset.js';
import { LineTrainer } from './trainer.js';

/** The settings a model is built from, every one already valid. */
export interface LineFitSettings {
  size: number;
  noise: number;
  trueSlope: number;
  trueIntercept: number;
  testSplit: number;
  seed: number;
  learningRate: number;
  /** inverse-time decay of the learning rate, α_t = α / (1 + decay·t) */
  decay: number;
  batchSize: number | 'full';
  optimizer: string;
  /** `"w,b"` */
  init: string;
}

/**
 * One dataset and one run on it, built from one set of settings. Building costs no
 * tensors (the trainer makes them at its first step), so a model can be made from
 * settings at any time; only `dispose()` of a trainer that has stepped frees any.
 */
export class LineFitModel {
  /** what the dataset depends on: a model with the same key shares its dataset */
  readonly dataKey: string;
  /** what the run depends on: the same key, the same run */
  readonly runKey: string;

  private constructor(
    readonly settings: LineFitSettings,
    readonly dataset: LineDataset,
    readonly trainer: LineTrainer,
  ) {
    this.dataKey = dataKeyOf(settings);
    this.runKey = runKeyOf(settings, dataset.x.length);
  }

  /**
   * The model for `settings`: `previous` itself when nothing changed, `previous`'s run when
   * nothing that matters to it did, a new run on the previous dataset when only the
   * training settings changed, else all new.
   */
  static for(settings: LineFitSettings, previous?: LineFitModel): LineFitModel {
    const dataset =
      previous?.dataKey === dataKeyOf(settings)
        ? previous.dataset
        : new LineDataset({
            size: settings.size,
            noise: settings.noise,
            slope: settings.trueSlope,
            intercept: settings.trueIntercept,
            seed: settings.seed,
            testFraction: settings.testSplit,
          });
    if (previous?.dataset === dataset && previous.runKey === runKeyOf(settings, dataset.x.length)) {
      // The same run; settings that differ only in form (a batch of m or more is the full
      // batch) still replace the old ones, which the controls show.
      const same = (Object.keys(settings) as (keyof LineFitSettings)[]).every((key) => settings[key] === previous.settings[key]);
      return same ? previous : new LineFitModel(settings, dataset, previous.trainer);
    }
    return new LineFitModel(settings, dataset, newTrainer(settings, dataset));
  }

  /** The same settings and data, the run back at its start. */
  restarted(): LineFitModel {
    return new LineFitModel(this.settings, this.dataset, newTrainer(this.settings, this.dataset));
  }

  /** Points per update (a `full` batch or one larger than m is m). */
  get batchSize(): number {
    return effectiveBatchSize(this.settings.batchSize, this.dataset.x.length);
  }

  get initPoint(): Vec2 {
    return initPointOf(this.settings.init);
  }
}

/**
 * The settings in `values` (the element's properties): each value its rule accepts, the
 * rule's default for a cleared one, and for one it will reject the value `previous` used
 * (or the default). Read between a property set and lit's update, no unchecked value gets in.
 */
export function validSettings(
  values: Record<string, unknown>,
  rules: Record<string, PropertyRule>,
  previous?: LineFitSettings,
): LineFitSettings {
  const pick = <K extends keyof LineFitSettings>(key: K): LineFitSettings[K] => {
    const verdict = judge(rules[key], values[key]);
    if (verdict.kind === 'accept') return verdict.value as LineFitSettings[K];
    if (verdict.kind === 'default' || !previous) return rules[key].fallback as LineFitSettings[K];
    return previous[key];
  };
  const number = (key: 'size' | 'noise' | 'trueSlope' | 'trueIntercept' | 'testSplit' | 'seed' | 'learningRate' | 'decay') =>
    Number(pick(key));
  const batchSize = pick('batchSize');
  return {
    size: number('size'),
    noise: number('noise'),
    trueSlope: number('trueSlope'),
    trueIntercept: number('trueIntercept'),
    testSplit: number('testSplit'),
    seed: number('seed'),
    learningRate: number('learningRate'),
    decay: number('decay'),
    batchSize: batchSize === 'full' ? 'full' : Number(batchSize),
    optimizer: pick('optimizer'),
    init: pick('init'),
  };
}

function dataKeyOf(s: LineFitSettings): string {
  return [s.size, s.noise, s.trueSlope, s.trueIntercept, s.testSplit, s.seed].join('|');
}

function runKeyOf(s: LineFitSettings, m: number): string {
  return [dataKeyOf(s), s.learningRate, s.decay, effectiveBatchSize(s.batchSize, m), s.optimizer, s.init].join('|');
}

function effectiveBatchSize(batchSize: number | 'full', m: number): number {
  return batchSize === 'full' ? m : Math.min(batchSize, m);
}

function initPointOf(init: string): Vec2 {
  return parsePair(init) ?? [-2, 3];
}

function newTrainer(settings: LineFitSettings, dataset: LineDataset): LineTrainer {
  return new LineTrainer(dataset, {
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    decay: settings.decay,
    batchSize: effectiveBatchSize(settings.batchSize, dataset.x.length),
    init: initPointOf(settings.init),
    seed: settings.seed,
  });
}
