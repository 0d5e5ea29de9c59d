/** Formulas more than one element shows (typeset at build time by `npm run typeset`). */
import { OPTIMIZER_TYPES, getOptimizer } from '../../core/optimizers/index.js';

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
