/**
 * `landscape="custom"` on the model side: an author's formula parsed into a landscape,
 * and the tree each such landscape was parsed from (the MathML is built from it).
 */
import { DEFAULT_FORMULA_DOMAIN, parseFormula, type FormulaNode, type FormulaResult, type Landscape } from '../../../../core/index.js';

/** The `landscape` value that selects the formula. */
export const CUSTOM = 'custom';

/** The tree of each formula landscape made here (for the MathML). */
const trees = new WeakMap<Landscape, FormulaNode>();

/** Parses `formula` over `domain` (the default window when unset); never throws. */
export function parseCustom(formula: unknown, domain: unknown): FormulaResult {
  const result = parseFormula(formula as string, domain === null || domain === undefined ? DEFAULT_FORMULA_DOMAIN : (domain as string));
  if (result.ok) trees.set(result.landscape, result.ast);
  return result;
}

/** Whether the landscape is an author's formula (not a built-in). */
export function isCustomLandscape(landscape: Landscape): boolean {
  return trees.has(landscape);
}

/** The parsed tree of an author's formula landscape, or `undefined` for a built-in. */
export function formulaTreeOf(landscape: Landscape): FormulaNode | undefined {
  return trees.get(landscape);
}
