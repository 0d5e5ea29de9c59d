/** Fixed formulas the race shows (typeset at build time by `npm run typeset`). */

/** What the cost chart plots: the gap to the published minimum, lifted by ε for the log axis. */
export const GAP_TEX = 'J(w_1, w_2) - J^{\\star} + \\epsilon';

/** The default race's bowl (κ = 50), typeset like the landscapes' own formulas (the core's bowl has κ = 10). */
export const DEFAULT_BOWL_TEX = 'J(w_1,w_2) = \\tfrac{1}{2}\\left(w_1^2 + \\kappa\\, w_2^2\\right),\\quad \\kappa = 50';
