/** Fixed formulas the race shows (typeset at build time by `npm run typeset`). */

/** What the cost chart plots: the gap to the published minimum, lifted by ε for the log axis. */
export const GAP_TEX = 'J(w_1, w_2) - J^{\\star} + \\epsilon';
