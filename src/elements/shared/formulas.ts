/** Formulas more than one element shows (typeset at build time by `npm run typeset`). */
import { OPTIMIZER_TYPES, getOptimizer, type OptimizerType } from '../../core/optimizers/index.js';

/**
 * An update rule line by line: MathML has no line breaks inside one inline formula, so
 * each `\\`-separated line of a rule's TeX is typeset on its own.
 */
export function ruleLines(source: string): string[] {
  return source
    .split('\\\\')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Every line of every optimizer's rule, for the build-time typesetting. */
export const RULE_LINES: string[] = OPTIMIZER_TYPES.flatMap((type) => ruleLines(getOptimizer(type)?.tex ?? ''));

/** Inverse-time learning-rate decay, shown once above the optimizer panels. */
export const DECAY_TEX = '\\alpha_t = \\dfrac{\\alpha}{1 + \\text{decay}\\cdot t}';

/** The state each rule's formula names, besides W: one number of each per parameter. */
const STATE_NAMES: Record<OptimizerType, string[]> = {
  sgd: [],
  momentum: ['V'],
  nesterov: ['V'],
  rmsprop: ['S'],
  adagrad: ['S'],
  adam: ['V', 'S'],
  adamw: ['V', 'S'],
};

/**
 * What an optimizer keeps in memory between updates, in words: the article compares
 * them (plain descent the least, Adam the most). Each state is one number per
 * parameter, as many as the core's rule keeps slots; Adam's bias correction also needs
 * the step count t, one number for the whole model.
 */
export function ruleMemory(type: OptimizerType): string {
  const names = STATE_NAMES[type];
  const slots = getOptimizer(type)?.slots ?? names.length;
  if (slots === 0) return 'Memory: nothing besides W itself (the least of these rules).';
  const count = slots === 1 ? 'one number' : `${slots} numbers`;
  const step = type === 'adam' || type === 'adamw' ? ', plus the step count t' : '';
  return `Memory: ${names.join(' and ')}, ${count} per parameter besides W${step}.`;
}
