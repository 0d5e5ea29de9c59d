/**
 * Formula landscapes: a cost J(w₁, w₂) typed by an author, e.g.
 * `(1 - w1)^2 + 100 (w2 - w1^2)^2`, parsed into a small tree and turned into tf ops
 * (gradients by tf autodiff, like every built-in landscape), a TeX string, and minima
 * found numerically.
 *
 * The parser is our own, a recursive descent over a dozen token kinds, not jsep: jsep
 * parses `-w1^2` as (−w₁)² even with `^` added as a right-associative operator (its
 * unary minus binds tighter than any binary operator), rejects `2w1` ("Variable names
 * cannot start with a number"), reads `100 (x)` and `(a)(b)` as calls and `3 sin(w1)`
 * as a Compound that cannot be told apart from `w1;w2`, and keeps no source positions
 * for the errors found after parsing (unknown names). Its JavaScript grammar (member
 * access, strings, `this`, `new`) would also all have to be rejected afterwards. Here
 * the grammar is exactly the teaching one, every error carries its position, and
 * nothing is ever evaluated as code: the tree is walked by a switch (no eval, no
 * Function), so the kit keeps working under a strict CSP.
 *
 * Grammar, loosest first:
 *   sum     = product (("+" | "-") product)*
 *   product = unary (("*" | "/") unary | factor)*   a juxtaposed factor multiplies
 *   unary   = ("-" | "+") unary | power              so -w1^2 = −(w₁²)
 *   power   = primary ("^" unary)?                   right-associative: 2^3^2 = 2^9
 *   primary = number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
 * where a juxtaposed factor is one that starts with a name or "(": `2w1`, `3 sin(w1)`,
 * `100 (w2 - w1^2)^2`, `(w1)(w2)`, `w1 w2`; it binds like `*` (1/2w1 = ½·w₁, which the
 * TeX shows). `log` is the natural logarithm (shown as ln; `ln` is accepted too).
 */
import * as tf from '../tf.js';
import { ParticleRun } from '../run.js';
import type { Landscape, Minimum, Vec2 } from './landscape.js';

/** Longest formula accepted, in characters. */
export const MAX_FORMULA_LENGTH = 500;
/** Deepest nesting accepted (parentheses, signs, exponents and calls together). */
export const MAX_FORMULA_DEPTH = 32;
/** The window used when no domain is given. */
export const DEFAULT_FORMULA_DOMAIN = '-5,5,-5,5';

export type FormulaFunction = 'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'min' | 'max';

/** A parsed formula; `start`/`end` are character positions in the source. */
export type FormulaNode = { start: number; end: number } & (
  | { kind: 'number'; value: number; raw: string }
  | { kind: 'variable'; name: 'w1' | 'w2' }
  | { kind: 'constant'; name: 'pi' | 'e'; value: number }
  | { kind: 'negate'; argument: FormulaNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: FormulaNode; right: FormulaNode }
  | { kind: 'call'; name: FormulaFunction; args: FormulaNode[] }
);

export interface FormulaError {
  /** a plain sentence for the page's author */
  message: string;
  /** 0-based character position of the problem in the text named by `field` */
  index: number;
  /** which text the problem is in */
  field: 'formula' | 'domain';
}

export type FormulaResult = { ok: true; landscape: Landscape; ast: FormulaNode } | { ok: false; error: FormulaError };

const ARITY = new Map<string, number>([
  ['sin', 1],
  ['cos', 1],
  ['tan', 1],
  ['exp', 1],
  ['log', 1],
  ['sqrt', 1],
  ['abs', 1],
  ['tanh', 1],
  ['min', 2],
  ['max', 2],
]);
const ALIASES = new Map<string, string>([['ln', 'log']]);
const CONSTANTS = new Map<string, number>([
  ['pi', Math.PI],
  ['e', Math.E],
]);
const VOCABULARY = 'use w1, w2, numbers, + − × / ^, parentheses, and sin, cos, tan, exp, log, sqrt, abs, tanh, min, max, pi, e';

type Op = '+' | '-' | '*' | '/' | '^' | '(' | ')' | ',';
type Token =
  | { type: 'number'; value: number; raw: string; start: number; end: number }
  | { type: 'name'; name: string; start: number; end: number }
  | { type: 'op'; op: Op; start: number; end: number }
  | { type: 'end'; start: number; end: number };

/** What a teacher may type for an operator: ASCII, or the printed signs pasted from a text. */
const OPERATORS = new Map<string, Op>([
  ['+', '+'],
  ['-', '-'],
  ['\u2212', '-'],
  ['*', '*'],
  ['\u00d7', '*'],
  ['\u00b7', '*'],
  ['\u22c5', '*'],
  ['/', '/'],
  ['\u00f7', '/'],
  ['^', '^'],
  ['(', '('],
  [')', ')'],
  [',', ','],
]);
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

const at = (index: number) => `at character ${index + 1}`;
const quote = (text: string) => `'${text.length > 24 ? `${text.slice(0, 24)}…` : text}'`;

/** Reads one token at a time, so that the first problem from the left is the one reported. */
class Lexer {
  private i = 0;

  constructor(private readonly text: string) {}

  next(): Token {
    const text = this.text;
    while (this.i < text.length && /\s/.test(text[this.i])) this.i++;
    const i = this.i;
    if (i >= text.length) return { type: 'end', start: text.length, end: text.length };
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      const value = Number(number[0]);
      if (!Number.isFinite(value)) throw new FormulaSyntaxError(`The number ${quote(number[0])} ${at(i)} is too large.`, i);
      this.i += number[0].length;
      return { type: 'number', value, raw: number[0], start: i, end: this.i };
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      this.i += name[0].length;
      return { type: 'name', name: name[0], start: i, end: this.i };
    }
    const ch = text[i];
    if (ch === '\u03c0') {
      this.i++;
      return { type: 'name', name: 'pi', start: i, end: this.i };
    }
    const op = OPERATORS.get(ch);
    if (op === undefined) {
      const shown = String.fromCodePoint(text.codePointAt(i)!);
      throw new FormulaSyntaxError(`Unexpected character ${quote(shown)} ${at(i)}: ${VOCABULARY}.`, i);
    }
    this.i++;
    return { type: 'op', op, start: i, end: this.i };
  }
}

class Parser {
  private position = 0;
  private depth = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly lexer: Lexer) {}

  parse(): FormulaNode {
    const node = this.sum();
    const next = this.peek();
    if (next.type !== 'end') throw this.unexpected(next, 'the end of the formula');
    return node;
  }

  private peek(): Token {
    while (this.tokens.length <= this.position) this.tokens.push(this.lexer.next());
    return this.tokens[this.position];
  }

  private isOp(op: Op): boolean {
    const token = this.peek();
    return token.type === 'op' && token.op === op;
  }

  private nest<T>(index: number, parse: () => T): T {
    if (++this.depth > MAX_FORMULA_DEPTH) {
      throw new FormulaSyntaxError(`The formula is nested too deeply ${at(index)} (more than ${MAX_FORMULA_DEPTH} levels).`, index);
    }
    const result = parse();
    this.depth--;
    return result;
  }

  /** The error for a token that cannot stand where it is; `expected` says what could. */
  private unexpected(token: Token, expected: string): FormulaSyntaxError {
    if (token.type === 'end') {
      return new FormulaSyntaxError(`The formula stops too early ${at(token.start)}: ${expected} should follow.`, token.start);
    }
    if (token.type === 'op' && token.op === ')') {
      return new FormulaSyntaxError(`Unexpected ')' ${at(token.start)}: there is no '(' for it to close.`, token.start);
    }
    if (token.type === 'op' && token.op === ',') {
      return new FormulaSyntaxError(
        `Unexpected ',' ${at(token.start)}: a comma only separates the two arguments of min or max.`,
        token.start,
      );
    }
    if (token.type === 'number') {
      return new FormulaSyntaxError(`An operator is missing before ${quote(token.raw)} ${at(token.start)}, e.g. + or *.`, token.start);
    }
    const shown = token.type === 'name' ? token.name : token.op;
    return new FormulaSyntaxError(`Unexpected ${quote(shown)} ${at(token.start)}: ${expected} should come here.`, token.start);
  }

  private sum(): FormulaNode {
    let left = this.product();
    for (let token = this.peek(); token.type === 'op' && (token.op === '+' || token.op === '-'); token = this.peek()) {
      this.position++;
      const right = this.product();
      left = { kind: 'binary', op: token.op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private product(): FormulaNode {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      let op: '*' | '/';
      if (token.type === 'op' && (token.op === '*' || token.op === '/')) {
        this.position++;
        op = token.op;
      } else if (token.type === 'name' || (token.type === 'op' && token.op === '(')) {
        op = '*';
      } else {
        return left;
      }
      const right = this.unary();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): FormulaNode {
    const token = this.peek();
    if (token.type === 'op' && (token.op === '-' || token.op === '+')) {
      this.position++;
      const argument = this.nest(token.start, () => this.unary());
      return token.op === '+' ? argument : { kind: 'negate', argument, start: token.start, end: argument.end };
    }
    return this.power();
  }

  private power(): FormulaNode {
    const base = this.primary();
    const token = this.peek();
    if (!(token.type === 'op' && token.op === '^')) return base;
    this.position++;
    const exponent = this.nest(token.start, () => this.unary());
    return { kind: 'binary', op: '^', left: base, right: exponent, start: base.start, end: exponent.end };
  }

  private primary(): FormulaNode {
    const token = this.peek();
    const operand = 'a number, w1, w2, a function or (';
    if (token.type === 'number') {
      this.position++;
      return { kind: 'number', value: token.value, raw: token.raw, start: token.start, end: token.end };
    }
    if (token.type === 'op' && token.op === '(') {
      this.position++;
      if (this.isOp(')')) throw new FormulaSyntaxError(`Empty parentheses ${at(token.start)}: put an expression inside.`, token.start);
      const inner = this.nest(token.start, () => this.sum());
      this.close(token);
      return { ...inner, start: token.start, end: this.tokens[this.position - 1].end };
    }
    if (token.type === 'op' && token.op === ')') {
      throw new FormulaSyntaxError(`Something is missing before ')' ${at(token.start)}: ${operand} should come there.`, token.start);
    }
    if (token.type !== 'name') throw this.unexpected(token, operand);
    this.position++;
    const name = ALIASES.get(token.name) ?? token.name;
    if (name === 'w1' || name === 'w2') return { kind: 'variable', name, start: token.start, end: token.end };
    const constant = CONSTANTS.get(name);
    if (constant !== undefined) return { kind: 'constant', name: name as 'pi' | 'e', value: constant, start: token.start, end: token.end };
    const arity = ARITY.get(name);
    if (arity === undefined)
      throw new FormulaSyntaxError(`Unknown name ${quote(token.name)} ${at(token.start)}: ${VOCABULARY}.`, token.start);
    const open = this.peek();
    if (!(open.type === 'op' && open.op === '(')) {
      throw new FormulaSyntaxError(
        `${quote(token.name)} needs its argument in parentheses ${at(open.start)}, e.g. ${name}(w1).`,
        open.start,
      );
    }
    this.position++;
    const args = this.nest(open.start, () => {
      const list = [this.sum()];
      while (this.isOp(',')) {
        const comma = this.peek();
        if (list.length === arity) {
          throw new FormulaSyntaxError(
            `${quote(token.name)} takes ${arity === 1 ? 'one argument' : 'two arguments'}: unexpected ',' ${at(comma.start)}.`,
            comma.start,
          );
        }
        this.position++;
        list.push(this.sum());
      }
      return list;
    });
    if (args.length < arity && this.isOp(')')) {
      const index = this.peek().start;
      throw new FormulaSyntaxError(
        `${quote(token.name)} takes two arguments, e.g. ${name}(w1, w2): the second is missing ${at(index)}.`,
        index,
      );
    }
    this.close(open);
    return { kind: 'call', name: name as FormulaFunction, args, start: token.start, end: this.tokens[this.position - 1].end };
  }

  private close(open: Token): void {
    const token = this.peek();
    if (token.type === 'op' && token.op === ')') {
      this.position++;
      return;
    }
    if (token.type === 'end') {
      throw new FormulaSyntaxError(`A ')' is missing ${at(token.start)} to close the '(' ${at(open.start)}.`, token.start);
    }
    throw this.unexpected(token, `an operator or ')'`);
  }
}

// ---------------------------------------------------------------------------
// Evaluation without tf: constant folding, the finiteness check and the polishing of
// minima (float64). `round` is applied after every operation: Math.fround reproduces
// float32 overflow (exp(100) is infinite in the tensors that plot and run the surface).

type Round = (x: number) => number;
const exact: Round = (x) => x;

const UNARY = new Map<string, (x: number) => number>([
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['exp', Math.exp],
  ['log', Math.log],
  ['sqrt', Math.sqrt],
  ['abs', Math.abs],
  ['tanh', Math.tanh],
]);

function evaluate(node: FormulaNode, w1: number, w2: number, round: Round = exact): number {
  switch (node.kind) {
    case 'number':
    case 'constant':
      return round(node.value);
    case 'variable':
      return round(node.name === 'w1' ? w1 : w2);
    case 'negate':
      return -evaluate(node.argument, w1, w2, round);
    case 'binary': {
      const a = evaluate(node.left, w1, w2, round);
      const b = evaluate(node.right, w1, w2, round);
      if (node.op === '+') return round(a + b);
      if (node.op === '-') return round(a - b);
      if (node.op === '*') return round(a * b);
      if (node.op === '/') return round(a / b);
      return round(a ** b);
    }
    case 'call': {
      const a = evaluate(node.args[0], w1, w2, round);
      if (node.name === 'min' || node.name === 'max') {
        const b = evaluate(node.args[1], w1, w2, round);
        return Number.isNaN(a) || Number.isNaN(b) ? NaN : node.name === 'min' ? Math.min(a, b) : Math.max(a, b);
      }
      return round(UNARY.get(node.name)!(a));
    }
  }
}

function usesVariables(node: FormulaNode): boolean {
  switch (node.kind) {
    case 'variable':
      return true;
    case 'number':
    case 'constant':
      return false;
    case 'negate':
      return usesVariables(node.argument);
    case 'binary':
      return usesVariables(node.left) || usesVariables(node.right);
    case 'call':
      return node.args.some(usesVariables);
  }
}

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
// TeX, from the tree: grouping parentheses are put back by precedence only.

const TEX_FUNCTION = new Map<string, string>([
  ['sin', '\\sin'],
  ['cos', '\\cos'],
  ['tan', '\\tan'],
  ['exp', '\\exp'],
  ['log', '\\ln'],
  ['tanh', '\\tanh'],
  ['min', '\\min'],
  ['max', '\\max'],
]);

/** (…), or \left(…\right) around something tall. */
const paren = (tex: string) => (/\\frac|\\sqrt|\^\{/.test(tex) ? `\\left(${tex}\\right)` : `(${tex})`);

function numberTex(raw: string): string {
  const [mantissa, exponent] = raw.toLowerCase().split('e');
  const digits = mantissa.startsWith('.') ? `0${mantissa}` : mantissa.endsWith('.') ? mantissa.slice(0, -1) : mantissa;
  if (exponent === undefined) return digits;
  const power = `10^{${Number(exponent)}}`;
  return Number(digits) === 1 ? power : `${digits} \\cdot ${power}`;
}

const isSum = (node: FormulaNode) => node.kind === 'binary' && (node.op === '+' || node.op === '-');
/** A base that takes an exponent without parentheses: w₁, π, 2, sin(w₁). */
const isAtom = (node: FormulaNode) =>
  node.kind === 'variable' || node.kind === 'constant' || node.kind === 'call' || (node.kind === 'number' && !/e/i.test(node.raw));

/** Joins two factors: juxtaposed (2w_1, 100\,(…)), or with \cdot where a number would meet a digit or sign. */
function juxtapose(left: FormulaNode, leftTex: string, rightTex: string): string {
  if (/^[\d.-]/.test(rightTex)) return `${leftTex} \\cdot ${rightTex}`;
  if (left.kind === 'number' && /^(\(|\\left\()/.test(rightTex)) return `${leftTex}\\,${rightTex}`;
  return /\\[A-Za-z]+$/.test(leftTex) ? `${leftTex} ${rightTex}` : `${leftTex}${rightTex}`;
}

/** TeX of a parsed formula (without the `J(w_1,w_2) =` in front). */
export function formulaTex(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return numberTex(node.raw);
    case 'variable':
      return node.name === 'w1' ? 'w_1' : 'w_2';
    case 'constant':
      return node.name === 'pi' ? '\\pi' : 'e';
    case 'negate': {
      const inner = formulaTex(node.argument);
      return isSum(node.argument) || node.argument.kind === 'negate' ? `-${paren(inner)}` : `-${inner}`;
    }
    case 'call': {
      const args = node.args.map(formulaTex);
      if (node.name === 'sqrt') return `\\sqrt{${args[0]}}`;
      if (node.name === 'abs') return `\\left|${args[0]}\\right|`;
      return `${TEX_FUNCTION.get(node.name)!}${paren(args.join(', '))}`;
    }
    case 'binary': {
      const { op, left, right } = node;
      if (op === '/') return `\\frac{${formulaTex(left)}}{${formulaTex(right)}}`;
      if (op === '^') {
        const base = isAtom(left) ? formulaTex(left) : paren(formulaTex(left));
        const exponent = formulaTex(right);
        return `${base}^${exponent.length === 1 ? exponent : `{${exponent}}`}`;
      }
      if (op === '+' || op === '-') {
        const r = formulaTex(right);
        const wrap = right.kind === 'negate' || (op === '-' && isSum(right));
        return `${formulaTex(left)} ${op} ${wrap ? paren(r) : r}`;
      }
      const l = isSum(left) ? paren(formulaTex(left)) : formulaTex(left);
      const r = isSum(right) || right.kind === 'negate' ? paren(formulaTex(right)) : formulaTex(right);
      return juxtapose(left, l, r);
    }
  }
}

// ---------------------------------------------------------------------------
// Domain text: "w1min,w1max,w2min,w2max".

/** Coordinates beyond this count as diverged in a run (ParticleRun's default bound). */
const DOMAIN_LIMIT = 1e6;
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
  }
  return { w1: [parts[0].value, parts[1].value], w2: [parts[2].value, parts[3].value] };
}

// ---------------------------------------------------------------------------
// Minima, found numerically: a batched Adam run from an 8×8 grid of starts (the run the
// kit uses for its races; 150 steps cross the domain about one and a half times), then each end point polished by damped Newton steps in
// float64 (finite differences on the tree) and kept if it is a local minimum inside
// the domain. Duplicates merge; the lowest (within rounding) are global.

const STARTS_PER_AXIS = 8;
const ADAM_STEPS = 150;
const MAX_MINIMA = 8;

type Point = [number, number];

function polish(node: FormulaNode, from: Point, scale: Point): Point {
  const f = (p: Point) => evaluate(node, p[0], p[1]);
  const h = [scale[0] * 1e-5, scale[1] * 1e-5];
  const gradient = (p: Point): Point => [
    (f([p[0] + h[0], p[1]]) - f([p[0] - h[0], p[1]])) / (2 * h[0]),
    (f([p[0], p[1] + h[1]]) - f([p[0], p[1] - h[1]])) / (2 * h[1]),
  ];
  let p: Point = [...from];
  for (let k = 0; k < 60; k++) {
    const g = gradient(p);
    const gx = gradient([p[0] + h[0] * 10, p[1]]);
    const gy = gradient([p[0], p[1] + h[1] * 10]);
    const a = (gx[0] - g[0]) / (h[0] * 10);
    const b = ((gx[1] - g[1]) / (h[0] * 10) + (gy[0] - g[0]) / (h[1] * 10)) / 2;
    const c = (gy[1] - g[1]) / (h[1] * 10);
    const det = a * c - b * b;
    // Newton where the Hessian is positive definite, else steepest descent.
    let d: Point = a > 0 && det > 0 ? [-(c * g[0] - b * g[1]) / det, -(a * g[1] - b * g[0]) / det] : [-g[0], -g[1]];
    if (!(Number.isFinite(d[0]) && Number.isFinite(d[1]))) break;
    const slope = d[0] * g[0] + d[1] * g[1];
    if (slope >= 0) break;
    const f0 = f(p);
    let t = 1;
    while (t > 1e-12 && !(f([p[0] + t * d[0], p[1] + t * d[1]]) <= f0 + 1e-4 * t * slope)) t /= 2;
    if (t <= 1e-12) break;
    d = [t * d[0], t * d[1]];
    p = [p[0] + d[0], p[1] + d[1]];
    if (Math.abs(d[0]) < scale[0] * 1e-13 && Math.abs(d[1]) < scale[1] * 1e-13) break;
  }
  return p;
}

/** True when no point on a small ring around p is lower (within rounding). */
function isLocalMinimum(node: FormulaNode, p: Point, scale: Point): boolean {
  const value = evaluate(node, p[0], p[1]);
  if (!Number.isFinite(value)) return false;
  const slack = 1e-9 * (1 + Math.abs(value));
  for (let k = 0; k < 8; k++) {
    const angle = (k * Math.PI) / 4;
    const q = evaluate(node, p[0] + 1e-3 * scale[0] * Math.cos(angle), p[1] + 1e-3 * scale[1] * Math.sin(angle));
    if (!(q >= value - slack)) return false;
  }
  return true;
}

function findMinima(landscape: Landscape, node: FormulaNode, gridRange: number): { minima: Minimum[]; start: Vec2 } {
  const { w1, w2 } = landscape.domain;
  const scale: Point = [w1[1] - w1[0], w2[1] - w2[0]];
  const center: Vec2 = [(w1[0] + w1[1]) / 2, (w2[0] + w2[1]) / 2];
  const starts: Point[] = [];
  for (let i = 0; i < STARTS_PER_AXIS; i++) {
    for (let j = 0; j < STARTS_PER_AXIS; j++) {
      starts.push([w1[0] + ((i + 0.5) * scale[0]) / STARTS_PER_AXIS, w2[0] + ((j + 0.5) * scale[1]) / STARTS_PER_AXIS]);
    }
  }
  // A flat surface has no minimum worth marking (every point is one).
  if (!(gridRange > 1e-12)) return { minima: [], start: center };
  const learningRate = Math.min(1, 0.01 * Math.max(scale[0], scale[1]));
  const run = new ParticleRun({
    cost: (params) =>
      tf.tidy(() => {
        const [a, b] = tf.split(params, 2, 1);
        return tf.reshape<tf.Rank.R1>(landscape.fn(a, b), [-1]);
      }),
    particles: starts.map((start) => ({ start, optimizer: { type: 'adam', learningRate, decay: 0.01 } })),
    // 64 rows are far below the size where webgl pays off, and cpu needs no shader compiles.
    backend: 'cpu',
  });
  let ends: { start: Point; end: Point }[];
  try {
    run.step(ADAM_STEPS);
    ends = run.particles.map((p, i) => ({ start: starts[i], end: p.points[p.points.length - 1] as Point }));
  } finally {
    run.dispose();
  }
  const inside = (p: Point) => p[0] >= w1[0] && p[0] <= w1[1] && p[1] >= w2[0] && p[1] <= w2[1];
  const found: { position: Point; value: number; starts: Point[] }[] = [];
  for (const { start, end } of ends) {
    const polished = polish(node, end, scale);
    const endValue = evaluate(node, end[0], end[1]);
    const candidate = evaluate(node, polished[0], polished[1]) <= endValue ? polished : end;
    if (!inside(candidate) || !isLocalMinimum(node, candidate, scale)) continue;
    const same = found.find(
      (m) => Math.abs(m.position[0] - candidate[0]) <= 1e-3 * scale[0] && Math.abs(m.position[1] - candidate[1]) <= 1e-3 * scale[1],
    );
    const value = evaluate(node, candidate[0], candidate[1]);
    if (!same) found.push({ position: candidate, value, starts: [start] });
    else {
      same.starts.push(start);
      if (value < same.value) Object.assign(same, { position: candidate, value });
    }
  }
  if (!found.length) return { minima: [], start: center };
  found.sort((a, b) => a.value - b.value);
  const best = found[0].value;
  const tolerance = 1e-6 * Math.max(1, gridRange);
  const globals = found.filter((m) => m.value - best <= tolerance);
  const locals = found.filter((m) => m.value - best > tolerance).slice(0, Math.max(0, MAX_MINIMA - globals.length));
  const minima: Minimum[] = [
    ...globals.map((m) => ({ position: m.position, value: m.value, found: true })),
    ...locals.map((m) => ({ position: m.position, value: m.value, global: false, found: true })),
  ];
  // The default start: of the starts that reach the global minimum, the farthest from it.
  const goal = found[0];
  const distance = (p: Point) => Math.hypot((p[0] - goal.position[0]) / scale[0], (p[1] - goal.position[1]) / scale[1]);
  const start = goal.starts.reduce((far, p) => (distance(p) > distance(far) ? p : far));
  return { minima, start: [start[0], start[1]] };
}

// ---------------------------------------------------------------------------

const GRID = 16;
/**
 * The last few landscapes made, by formula and domain text: an element that parses the
 * same attributes again gets the same landscape back without a second search for minima.
 */
const RECENT = 16;
const recent = new Map<string, FormulaResult>();

/**
 * Parses an author's formula for J(w₁, w₂) over `domain` ("w1min,w1max,w2min,w2max",
 * default −5…5 on both axes) into a landscape. Never throws: every problem comes back as
 * `{ ok: false, error }` with a plain message and the character position. The same
 * text and domain give the same landscape object (the last 16 are kept).
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
  let ast: FormulaNode;
  try {
    ast = new Parser(new Lexer(text)).parse();
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return fail(error.message, error.index);
    return fail('The formula could not be read.', 0);
  }
  const box = parseDomain(domain);
  if ('message' in box) return { ok: false, error: box };

  // Finiteness as the float32 tensors will see it, on the centres of a coarse grid.
  let bad = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      const x = box.w1[0] + ((i + 0.5) * (box.w1[1] - box.w1[0])) / GRID;
      const y = box.w2[0] + ((j + 0.5) * (box.w2[1] - box.w2[0])) / GRID;
      const value = evaluate(ast, x, y, Math.fround);
      if (!Number.isFinite(value)) bad++;
      else {
        low = Math.min(low, value);
        high = Math.max(high, value);
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
  const key = `${text}\n${domain}`;
  const known = recent.get(key);
  if (known) return known;
  const landscape: Landscape = {
    // One id per formula and window: caches keyed by id (the races' shared grid cache)
    // must never hand one formula's contours to another.
    id: `custom(${box.w1.join(',')},${box.w2.join(',')}):${tex}`,
    name: 'Custom formula',
    tex: `J(w_1,w_2) = ${tex}`,
    domain: box,
    minima: [],
    start: [(box.w1[0] + box.w1[1]) / 2, (box.w2[0] + box.w2[1]) / 2],
    fn: (w1, w2) =>
      tf.tidy(() => {
        const value = toTensor(source, w1, w2);
        return typeof value === 'number' ? tf.add(tf.zerosLike(w1), value) : value;
      }),
  };
  try {
    const { minima, start } = findMinima(landscape, ast, high - low);
    landscape.minima = minima;
    landscape.start = start;
  } catch {
    // A failed search (e.g. a lost WebGL context mid-run) leaves the surface usable, unmarked.
  }
  const result: FormulaResult = { ok: true, landscape, ast };
  recent.set(key, result);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return result;
}
