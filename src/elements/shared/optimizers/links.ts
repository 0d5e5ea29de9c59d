import type { LinkedValues } from '../controllers/link-controller.js';
import { NUMERIC_RULES, type GdOptimizer } from '../../optimizer/gd-optimizer.js';
import type { OptimizerEntry } from './entries.js';

/** The settings a link group shares, as one comparable string. */
function sharedKey(settings: GdOptimizer['settings']): string {
  return JSON.stringify([settings.type, settings.learningRate ?? null, settings.decay ?? null]);
}

/**
 * Each child's shared settings (learning rate, decay) as last sent to or taken from the
 * link group, so that a child's report of a value the group gave it is not sent back.
 */
export class SharedSettings {
  private readonly seen = new WeakMap<GdOptimizer, string>();

  /** The child's settings now are known to the group (set from the panel or the group). */
  mark(child: GdOptimizer): void {
    this.seen.set(child, sharedKey(child.settings));
  }

  /**
   * What the group should hear from a child that reported its settings: its learning rate
   * or decay if page script (or an attribute) changed them. The first report of a child
   * is its starting value, which stays its own.
   */
  changes(child: GdOptimizer): LinkedValues | undefined {
    const settings = child.settings;
    const key = sharedKey(settings);
    const before = this.seen.get(child);
    this.seen.set(child, key);
    if (before === undefined || before === key) return undefined;
    const [, learningRate, decay] = JSON.parse(before) as [string, number | null, number | null];
    const values: LinkedValues = { type: settings.type };
    if (settings.learningRate !== undefined && settings.learningRate !== learningRate) values.learningRate = settings.learningRate;
    if (settings.decay !== undefined && settings.decay !== decay) values.decay = settings.decay;
    return values.learningRate !== undefined || values.decay !== undefined ? values : undefined;
  }
}

/** The settings a linked widget's values change in these optimizers (only those of the rule it names). */
export function linkedChanges(
  entries: readonly OptimizerEntry[],
  values: LinkedValues,
): { index: number; name: 'learningRate' | 'decay'; value: number }[] {
  const names = (['learningRate', 'decay'] as const).filter(
    (name) => values[name] !== undefined && NUMERIC_RULES[name].valid(values[name]),
  );
  return entries.flatMap((entry, index) =>
    entry.type !== values.type
      ? []
      : names.filter((name) => entry.hyperparameters[name] !== values[name]).map((name) => ({ index, name, value: values[name]! })),
  );
}

/**
 * The notes of an element with its children's notes (bad values on a `<gd-optimizer>`) as
 * `optimizer-<i>-<attribute>`; undefined when they are already so.
 */
export function withChildNotes(
  notes: Readonly<Record<string, string>>,
  children: readonly GdOptimizer[],
): Record<string, string> | undefined {
  const wanted: Record<string, string> = {};
  children.forEach((child, i) => {
    for (const [attribute, text] of Object.entries(child.notes)) wanted[`optimizer-${i}-${attribute}`] = text;
  });
  const current = Object.keys(notes).filter((key) => key.startsWith('optimizer-'));
  const changed = current.length !== Object.keys(wanted).length || current.some((key) => notes[key] !== wanted[key]);
  if (!changed) return undefined;
  return { ...Object.fromEntries(Object.entries(notes).filter(([key]) => !key.startsWith('optimizer-'))), ...wanted };
}
