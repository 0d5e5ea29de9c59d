import type { LinkedValues } from '../../shared/controllers/link-controller.js';
import type { PropertyRule } from '../../shared/rules.js';

/** The line fit's settings a link group reads or sets. */
export interface LinkedSettings {
  optimizer: string;
  learningRate: number | string;
  batchSize: number | 'full';
}

/**
 * What a line fit takes from another member's change: a chosen rule is followed, a
 * learning rate only when it belongs to this widget's rule (the one just taken, if any),
 * a batch size always. Only values its rules accept and that differ from its own.
 */
export function linkedTakes(
  values: LinkedValues,
  current: LinkedSettings,
  rules: Record<'optimizer' | 'learningRate' | 'batchSize', PropertyRule>,
): Partial<LinkedSettings> {
  const taken: Partial<LinkedSettings> = {};
  let optimizer = current.optimizer;
  if (values.chosen && values.type !== optimizer && rules.optimizer.valid(values.type)) {
    optimizer = values.type;
    taken.optimizer = values.type;
  }
  const rate = values.learningRate;
  if (values.type === optimizer && rate !== undefined && rate !== Number(current.learningRate) && rules.learningRate.valid(rate)) {
    taken.learningRate = rate;
  }
  // A batch size belongs to the data, not to a rule: taken whatever the rule (a sweep's pick).
  const batch = values.batchSize;
  if (batch !== undefined && batch !== current.batchSize && rules.batchSize.valid(batch)) {
    taken.batchSize = batch;
  }
  return taken;
}

/**
 * What a line fit sends its link group after an update: a learning rate or rule set by the
 * user or by page script, not one it took from the group itself (`isEcho`); undefined for
 * neither. `changed` holds the values before the update, as lit's changed properties do.
 */
export function sharedChanges(
  changed: ReadonlyMap<PropertyKey, unknown>,
  current: Pick<LinkedSettings, 'optimizer' | 'learningRate'>,
  isEcho: (name: string, value: unknown) => boolean,
): LinkedValues | undefined {
  const moved = (name: 'learningRate' | 'optimizer') =>
    changed.has(name) && changed.get(name) !== current[name] && !isEcho(name, current[name]);
  const chosen = moved('optimizer');
  const rate = moved('learningRate');
  if (!chosen && !rate) return undefined;
  return {
    type: current.optimizer,
    ...(chosen ? { chosen } : {}),
    ...(rate ? { learningRate: Number(current.learningRate) } : {}),
  };
}
