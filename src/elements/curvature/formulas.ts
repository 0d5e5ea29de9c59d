/**
 * Every fixed formula <gd-curvature> shows, as TeX. `npm run typeset` turns these
 * strings into MathML at build time (see src/elements/shared/tex.ts).
 */

/** J(w) for each cost shape; the same forms are written in tf ops in internal/costs.ts. */
export const COST_TEX = {
  quadratic: String.raw`J(w) = \tfrac{1}{2}\,c\,(w - w^{\star})^2`,
  quartic: String.raw`J(w) = \tfrac{c}{2}(w - w^{\star})^2 + \tfrac{c}{24}(w - w^{\star})^4`,
  'double-well': String.raw`J(w) = \tfrac{c}{8}\,(w - w^{\star})^2\,(w - w^{\star} + 2)^2`,
} as const;

/** The gradient-descent rule the element runs. */
export const UPDATE_TEX = String.raw`w \leftarrow w - \alpha\,J'(w)`;

/** Why the product αc decides everything on a quadratic. */
export const ERROR_RECURRENCE_TEX = String.raw`w_{k+1} - w^{\star} = (1 - \alpha c)\,(w_k - w^{\star})`;
