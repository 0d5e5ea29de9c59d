/**
 * The syntax of formula landscapes: an author's J(w₁, w₂), e.g.
 * `(1 - w1)^2 + 100 (w2 - w1^2)^2`, read into a small tree, and a float64 interpreter
 * of that tree.
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

/** Deepest nesting accepted (parentheses, signs, exponents and calls together). */
export const MAX_FORMULA_DEPTH = 32;

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

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

export const at = (index: number) => `at character ${index + 1}`;
export const quote = (text: string) => `'${text.length > 24 ? `${text.slice(0, 24)}…` : text}'`;

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

export type Round = (x: number) => number;
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

export function evaluate(node: FormulaNode, w1: number, w2: number, round: Round = exact): number {
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

export function usesVariables(node: FormulaNode): boolean {
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

/** The tree of a formula; throws a FormulaSyntaxError, with the position, for bad text. */
export function parseSyntax(text: string): FormulaNode {
  return new Parser(new Lexer(text)).parse();
}
