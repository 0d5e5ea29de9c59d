import type { LinkedValues } from '../../shared/controllers/link-controller.js';
import type { PropertyRule } from '../../shared/rules.js';

/** The line fit's settings a link group reads or sets. */
export interface LinkedSettings {
  optimizer: string;
  learningRate: number | string;
  batchSize: number | 'full';
}

/** The line fit's link numbers: whether a message's value of a property is newer than the one held. */
export type Newer = (name: 'optimizer' | 'learningRate' | 'batchSize') => boolean;

/**
 * What a line fit takes from another member's change: a chosen rule is followed, a
 * learning rate only when it belongs to this widget's rule (the one just taken, if any),
 * a batch size always. Only values its rules accept and newer than the ones it holds
 * (`newer`); `taken` are those that differ from its own, `held` every one it now holds
 * by the message's number (taken or already equal).
 */
export function linkedTakes(
  values: LinkedValues,
  current: LinkedSettings,
  rules: Record<'optimizer' | 'learningRate' | 'batchSize', PropertyRule>,
  newer: Newer = () => true,
): { taken: Partial<LinkedSettings>; held: ('optimizer' | 'learningRate' | 'batchSize')[] } {
  const taken: Partial<LinkedSettings> = {};
  const held: ('optimizer' | 'learningRate' | 'batchSize')[] = [];
  let optimizer = current.optimizer;
  if (values.chosen && rules.optimizer.valid(values.type) && newer('optimizer')) {
    held.push('optimizer');
    if (values.type !== optimizer) taken.optimizer = values.type;
    optimizer = values.type;
  }
  const rate = values.learningRate;
  if (values.type === optimizer && rate !== undefined && rules.learningRate.valid(rate) && newer('learningRate')) {
    held.push('learningRate');
    if (rate !== Number(current.learningRate)) taken.learningRate = rate;
  }
  // A batch size belongs to the data, not to a rule: taken whatever the rule (a sweep's pick).
  const batch = values.batchSize;
  if (batch !== undefined && rules.batchSize.valid(batch) && newer('batchSize')) {
    held.push('batchSize');
    if (batch !== current.batchSize) taken.batchSize = batch;
  }
  return { taken, held };
}

/**
 * What a line fit sends its link group at an update: the learning rate and the rule
 * changed by the user or by page script since the last one (`pending`: their numbers in
 * the page's order of changes, `LinkStamps.flush()`), not those taken from the group;
 * undefined for neither.
 */
export function sharedChanges(
  pending: ReadonlyMap<string, number>,
  current: Pick<LinkedSettings, 'optimizer' | 'learningRate'>,
): LinkedValues | undefined {
  const chosen = pending.get('optimizer');
  const rate = pending.get('learningRate');
  if (chosen === undefined && rate === undefined) return undefined;
  return {
    type: current.optimizer,
    ...(chosen !== undefined ? { chosen: true } : {}),
    ...(rate !== undefined ? { learningRate: Number(current.learningRate) } : {}),
    stamps: { ...(chosen !== undefined ? { optimizer: chosen } : {}), ...(rate !== undefined ? { learningRate: rate } : {}) },
  };
}
