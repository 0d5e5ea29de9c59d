/**
 * The parsed tree of each formula landscape (kept apart from formula.ts so that the grid
 * code can read it without importing the parser's tf graph and minima search).
 */
import type { FormulaNode } from './formula-syntax.js';
import type { Landscape } from './landscape.js';

export const formulaTrees = new WeakMap<Landscape, FormulaNode>();
