/** TeX of a formula landscape, written from its tree. */
import type { FormulaNode } from './formula-syntax.js';

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
