/**
 * Formula landscapes: a cost J(w₁, w₂) typed by an author, e.g.
 * `(1 - w1)^2 + 100 (w2 - w1^2)^2`, over a window typed as "w1min,w1max,w2min,w2max",
 * turned into a landscape like the built-ins: tf ops built from the parsed tree
 * (gradients by tf autodiff), a TeX string, and minima found numerically. The syntax
 * (and why it is parsed here, not by jsep) is in formula-syntax.ts, the TeX in
 * formula-tex.ts, the search for minima in formula-minima.ts.
 */
import * as tf from '../tf.js';
import { findMinima } from './formula-minima.js';
import { FormulaSyntaxError, at, evaluate, parseSyntax, quote, usesVariables, type FormulaNode } from './formula-syntax.js';
import { formulaTex } from './formula-tex.js';
import { formulaTrees } from './formula-trees.js';
import type { Landscape, Vec2 } from './landscape.js';

export { MAX_FORMULA_DEPTH } from './formula-syntax.js';
export type { FormulaFunction, FormulaNode } from './formula-syntax.js';
export { formulaTex } from './formula-tex.js';

/** Longest formula accepted, in characters. */
export const MAX_FORMULA_LENGTH = 500;
/** The window used when no domain is given. */
export const DEFAULT_FORMULA_DOMAIN = '-5,5,-5,5';

export interface FormulaError {
  /** a plain sentence for the page's author */
  message: string;
  /** 0-based character position of the problem in the text named by `field` */
  index: number;
  /** which text the problem is in */
  field: 'formula' | 'domain';
}

export type FormulaResult = { ok: true; landscape: Landscape; ast: FormulaNode } | { ok: false; error: FormulaError };

// ---------------------------------------------------------------------------
// tf ops. Subtrees without w₁ or w₂ are folded to plain numbers first, so `100` or
// `pi/2` enter the graph as constants; x^2 becomes tf.square, as in the built-ins.

type Value = tf.Tensor | number;

function toTensor(node: FormulaNode, w1: tf.Tensor, w2: tf.Tensor): Value {
  if (!usesVariables(node)) return evaluate(node, 0, 0);
  switch (node.kind) {
    case 'variable':
      return node.name === 'w1' ? w1 : w2;
    case 'negate':
      return tf.neg(toTensor(node.argument, w1, w2));
    case 'binary': {
      const a = toTensor(node.left, w1, w2);
      const b = toTensor(node.right, w1, w2);
      if (node.op === '+') return tf.add(a, b);
      if (node.op === '-') return tf.sub(a, b);
      if (node.op === '*') return tf.mul(a, b);
      if (node.op === '/') return tf.div(a, b);
      if (typeof b === 'number') return b === 2 ? tf.square(a) : b === 1 ? a : tf.pow(a, b);
      return a === Math.E ? tf.exp(b) : tf.pow(a, b);
    }
    case 'call': {
      const a = toTensor(node.args[0], w1, w2);
      if (node.name === 'min' || node.name === 'max') {
        const b = toTensor(node.args[1], w1, w2);
        return node.name === 'min' ? tf.minimum(a, b) : tf.maximum(a, b);
      }
      const x = a as tf.Tensor;
      if (node.name === 'sin') return tf.sin(x);
      if (node.name === 'cos') return tf.cos(x);
      if (node.name === 'tan') return tf.tan(x);
      if (node.name === 'exp') return tf.exp(x);
      if (node.name === 'log') return tf.log(x);
      if (node.name === 'sqrt') return tf.sqrt(x);
      if (node.name === 'abs') return tf.abs(x);
      return tf.tanh(x);
    }
    default:
      // numbers and constants never use the variables, so they were folded above
      throw new Error('unreachable');
  }
}

// ---------------------------------------------------------------------------
// Domain text: "w1min,w1max,w2min,w2max".

/** Coordinates beyond this count as diverged in a run (ParticleRun's default bound). */
const DOMAIN_LIMIT = 1e6;
/**
 * The narrowest window side: at least MIN_DOMAIN_WIDTH, and at least MIN_DOMAIN_SHARE of
 * the side's largest |end|. Runs and grids are float32 (about 7 significant digits): a
 * narrower side has fewer distinct values than the 256 columns of the contour grid, and a
 * side of denormal numbers (−1e-320 … 1e-320) has no axis ticks at all.
 */
export const MIN_DOMAIN_WIDTH = 1e-6;
export const MIN_DOMAIN_SHARE = 1e-4;
const DOMAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseDomain(text: string): { w1: Vec2; w2: Vec2 } | FormulaError {
  const fail = (message: string, index: number): FormulaError => ({ message, index, field: 'domain' });
  const example = 'four numbers w1min, w1max, w2min, w2max, e.g. -2,2,-1,3';
  const parts: { value: number; index: number }[] = [];
  let offset = 0;
  for (const piece of text.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const index = offset + lead;
    const trimmed = piece.trim().replace(/^\u2212/, '-');
    if (parts.length === 4) return fail(`The domain has more than four numbers (${at(offset - 1)}): write ${example}.`, offset - 1);
    if (!DOMAIN_NUMBER.test(trimmed)) {
      return fail(
        `${trimmed ? `${quote(trimmed)} ${at(index)} is not a number` : `A number is missing ${at(index)}`}: write ${example}.`,
        index,
      );
    }
    const value = Number(trimmed);
    if (!(Math.abs(value) <= DOMAIN_LIMIT))
      return fail(`The domain number ${quote(trimmed)} ${at(index)} is too large (at most ${DOMAIN_LIMIT}).`, index);
    parts.push({ value, index });
    offset += piece.length + 1;
  }
  if (parts.length < 4) return fail(`The domain needs four numbers, it has ${parts.length}: write ${example}.`, text.length);
  for (const [lo, hi, axis] of [[0, 1, 'w1'] as const, [2, 3, 'w2'] as const]) {
    if (!(parts[hi].value > parts[lo].value)) {
      return fail(`The largest ${axis} (${at(parts[hi].index)}) must be larger than the smallest (${parts[lo].value}).`, parts[hi].index);
    }
    const least = Math.max(MIN_DOMAIN_WIDTH, MIN_DOMAIN_SHARE * Math.max(Math.abs(parts[lo].value), Math.abs(parts[hi].value)));
    if (!(parts[hi].value - parts[lo].value >= least)) {
      return fail(
        `The ${axis} side is too narrow to draw (${at(parts[hi].index)}): it must be at least ${least} wide ` +
          `(at least ${MIN_DOMAIN_WIDTH}, and ${MIN_DOMAIN_SHARE} of its largest end).`,
        parts[hi].index,
      );
    }
  }
  return { w1: [parts[0].value, parts[1].value], w2: [parts[2].value, parts[3].value] };
}

// ---------------------------------------------------------------------------

const GRID = 16;
/**
 * The last few landscapes made, by formula and domain text: an element that parses the
 * same attributes again gets the same landscape back without a second search for minima.
 */
const RECENT = 16;
const recent = new Map<string, FormulaResult>();

/** What the search for a formula landscape's minima needs, and the search once begun. */
const searches = new WeakMap<Landscape, { ast: FormulaNode; gridRange: number; found?: Promise<Landscape> }>();

/**
 * Parses an author's formula for J(w₁, w₂) over `domain` ("w1min,w1max,w2min,w2max",
 * default −5…5 on both axes) into a landscape. Never throws: every problem comes back as
 * `{ ok: false, error }` with a plain message and the character position. The same
 * text and domain give the same landscape object (the last 16 are kept).
 *
 * The landscape is ready at once, without minima (`minima: []`, the window's centre
 * as `start`, or the finite point of a 16×16 grid nearest to it where J is not finite
 * there): `findFormulaMinima(landscape)` searches for them in time slices.
 */
export function parseFormula(text: string, domain: string = DEFAULT_FORMULA_DOMAIN): FormulaResult {
  const fail = (message: string, index: number, field: FormulaError['field'] = 'formula'): FormulaResult => ({
    ok: false,
    error: { message, index, field },
  });
  if (typeof text !== 'string') return fail('The formula must be text.', 0);
  if (typeof domain !== 'string') return fail('The domain must be text.', 0, 'domain');
  if (text.length > MAX_FORMULA_LENGTH) {
    return fail(`The formula is too long: ${text.length} characters, at most ${MAX_FORMULA_LENGTH}.`, MAX_FORMULA_LENGTH);
  }
  if (!text.trim()) return fail('The formula is empty: write J in terms of w1 and w2, e.g. w1^2 + w2^2.', 0);
  const key = `${text}\n${domain}`;
  const known = recent.get(key);
  if (known) return known;
  let ast: FormulaNode;
  try {
    ast = parseSyntax(text);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return fail(error.message, error.index);
    return fail('The formula could not be read.', 0);
  }
  const box = parseDomain(domain);
  if ('message' in box) return { ok: false, error: box };

  // Finiteness as the float32 tensors will see it, on the centres of a coarse grid.
  const center: Vec2 = [(box.w1[0] + box.w1[1]) / 2, (box.w2[0] + box.w2[1]) / 2];
  const finiteAt = (x: number, y: number) => Number.isFinite(evaluate(ast, x, y, Math.fround));
  let bad = 0;
  let low = Infinity;
  let high = -Infinity;
  // Where a run starts before the search for minima: the centre, or, where J is not
  // finite there (1/(w1^2+w2^2), log(w1*w2) on a window around 0), the finite sample
  // point nearest to it, so no race begins diverged.
  const centerFinite = finiteAt(center[0], center[1]);
  let start: Vec2 | undefined = centerFinite ? center : undefined;
  let nearest = Infinity;
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      const x = box.w1[0] + ((i + 0.5) * (box.w1[1] - box.w1[0])) / GRID;
      const y = box.w2[0] + ((j + 0.5) * (box.w2[1] - box.w2[0])) / GRID;
      const value = evaluate(ast, x, y, Math.fround);
      if (!Number.isFinite(value)) bad++;
      else {
        low = Math.min(low, value);
        high = Math.max(high, value);
        const distance = Math.hypot((x - center[0]) / (box.w1[1] - box.w1[0]), (y - center[1]) / (box.w2[1] - box.w2[0]));
        if (!centerFinite && distance < nearest) [nearest, start] = [distance, [x, y]];
      }
    }
  }
  if (bad > (GRID * GRID) / 2) {
    return fail(
      `The formula is not finite over most of the domain (${bad} of ${GRID * GRID} sample points give a division by zero, ` +
        'the log or square root of a negative number, or an overflow).',
      0,
    );
  }

  const source = ast;
  const tex = formulaTex(ast);
  const landscape: Landscape = {
    // One id per formula and window: caches keyed by id (the races' shared grid cache)
    // must never hand one formula's contours to another.
    id: `custom(${box.w1.join(',')},${box.w2.join(',')}):${tex}`,
    name: 'Custom formula',
    tex: `J(w_1,w_2) = ${tex}`,
    domain: box,
    minima: [],
    // At least one sample point is finite: more than half are, or the formula was refused.
    start: start ?? center,
    fn: (w1, w2) =>
      tf.tidy(() => {
        const value = toTensor(source, w1, w2);
        return typeof value === 'number' ? tf.add(tf.zerosLike(w1), value) : value;
      }),
  };
  searches.set(landscape, { ast, gridRange: high - low });
  formulaTrees.set(landscape, ast);
  const result: FormulaResult = { ok: true, landscape, ast };
  recent.set(key, result);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return result;
}

/**
 * Searches a formula landscape (from `parseFormula`) for its minima in slices of a
 * few ms with a macrotask between them (a few hundred ms in all, none of it a long
 * task), then fills in its `minima` (each `found: true`) and a `start` whose run reaches
 * the global one. One search per landscape: later calls get the same promise. Never
 * rejects; a landscape not made by `parseFormula` resolves unchanged.
 */
export function findFormulaMinima(landscape: Landscape): Promise<Landscape> {
  const search = searches.get(landscape);
  if (!search) return Promise.resolve(landscape);
  search.found ??= findMinima(landscape, search.ast, search.gridRange).then(
    ({ minima, start }) => {
      landscape.minima = minima;
      landscape.start = start;
      return landscape;
    },
    // The marks are a nicety: should tf fail during the search, the surface stays usable, unmarked.
    () => landscape,
  );
  return search.found;
}
