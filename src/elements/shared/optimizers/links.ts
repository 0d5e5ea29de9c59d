import type { LinkedValues } from '../controllers/link-controller.js';
import { NUMERIC_RULES, type GdOptimizer } from '../../optimizer/gd-optimizer.js';
import type { OptimizerEntry } from './entries.js';

/**
 * What the link group hears from one optimizer: its learning rate and decay changed by the
 * reader or page script since last sent (`pending`: their numbers in the page's order of
 * changes), with those numbers; undefined when neither changed.
 */
export function linkedMessage(
  type: string,
  settings: { learningRate?: number; decay?: number },
  pending: ReadonlyMap<string, number>,
): LinkedValues | undefined {
  const message: LinkedValues = { type, stamps: {} };
  for (const name of ['learningRate', 'decay'] as const) {
    const stamp = pending.get(name);
    const value = settings[name];
    if (stamp === undefined || value === undefined) continue;
    message[name] = value;
    message.stamps![name] = stamp;
  }
  return message.learningRate !== undefined || message.decay !== undefined ? message : undefined;
}

/**
 * The settings a linked widget's values reach in these optimizers: only those of the rule
 * it names, only values the optimizer's rules accept and newer than the value it holds
 * (`newer`); `differs` when the value is not the one it has already.
 */
export function linkedChanges(
  entries: readonly OptimizerEntry[],
  values: LinkedValues,
  newer: (index: number, name: 'learningRate' | 'decay') => boolean = () => true,
): { index: number; name: 'learningRate' | 'decay'; value: number; differs: boolean }[] {
  const names = (['learningRate', 'decay'] as const).filter(
    (name) => values[name] !== undefined && NUMERIC_RULES[name].valid(values[name]),
  );
  return entries.flatMap((entry, index) =>
    entry.type !== values.type
      ? []
      : names
          .filter((name) => newer(index, name))
          .map((name) => ({ index, name, value: values[name]!, differs: entry.hyperparameters[name] !== values[name] })),
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
