/** Fixed formulas the race shows (typeset at build time by `npm run typeset`). */

/** Inverse-time learning-rate decay, shown once above the optimizer panels. */
export const DECAY_TEX = '\\alpha_t = \\dfrac{\\alpha}{1 + \\text{decay}\\cdot t}';

/** What the cost chart plots: the gap to the published minimum, lifted by ε for the log axis. */
export const GAP_TEX = 'J(w_1, w_2) - J^{\\star} + \\epsilon';
