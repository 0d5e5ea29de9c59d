/**
 * An author's formula shown as MathML, built from its parsed tree with lit templates.
 * The kit typesets its own formulas with KaTeX at build time (shared/tex.ts); a formula
 * typed into an attribute is not in that table, and KaTeX is not shipped. Every piece of
 * text goes in through a text binding and every element is one of a fixed few (math,
 * mrow, mi, mn, mo, msub, msup, mfrac, msqrt), so no input can create other elements.
 */
import { html, mathml, type TemplateResult } from 'lit';
import type { FormulaNode } from '../../../../core/index.js';

type Fragment = TemplateResult;

/** The name shown for each function (`log` is the natural logarithm, shown as ln). */
const SHOWN: Record<string, string> = { log: 'ln' };

const isSum = (node: FormulaNode) => node.kind === 'binary' && (node.op === '+' || node.op === '-');
/** A base that takes an exponent without parentheses: w₁, π, 2, sin(w₁). */
const isAtom = (node: FormulaNode) =>
  node.kind === 'variable' || node.kind === 'constant' || node.kind === 'call' || (node.kind === 'number' && !/e/i.test(node.raw));

const op = (text: string): Fragment => mathml`<mo>${text}</mo>`;
const fence = (inner: Fragment): Fragment => mathml`<mrow><mo>(</mo>${inner}<mo>)</mo></mrow>`;

function numberMl(raw: string): Fragment {
  const [mantissa, exponent] = raw.toLowerCase().split('e');
  const digits = mantissa.startsWith('.') ? `0${mantissa}` : mantissa.endsWith('.') ? mantissa.slice(0, -1) : mantissa;
  if (exponent === undefined) return mathml`<mn>${digits}</mn>`;
  const power = mathml`<msup><mn>10</mn><mn>${String(Number(exponent))}</mn></msup>`;
  return Number(digits) === 1 ? power : mathml`<mrow><mn>${digits}</mn><mo>·</mo>${power}</mrow>`;
}

/** The MathML of one node (without the `J(w₁, w₂) =` in front). */
export function nodeMathml(node: FormulaNode): Fragment {
  switch (node.kind) {
    case 'number':
      return numberMl(node.raw);
    case 'variable':
      return mathml`<msub><mi>w</mi><mn>${node.name === 'w1' ? '1' : '2'}</mn></msub>`;
    case 'constant':
      return mathml`<mi>${node.name === 'pi' ? 'π' : 'e'}</mi>`;
    case 'negate': {
      const inner = nodeMathml(node.argument);
      const wrap = isSum(node.argument) || node.argument.kind === 'negate';
      return mathml`<mrow><mo>−</mo>${wrap ? fence(inner) : inner}</mrow>`;
    }
    case 'call': {
      const args = node.args.map(nodeMathml);
      if (node.name === 'sqrt') return mathml`<msqrt>${args[0]}</msqrt>`;
      if (node.name === 'abs') return mathml`<mrow><mo>|</mo>${args[0]}<mo>|</mo></mrow>`;
      const list = args.length === 1 ? args[0] : mathml`<mrow>${args[0]}<mo>,</mo>${args[1]}</mrow>`;
      return mathml`<mrow><mi>${SHOWN[node.name] ?? node.name}</mi><mo>&#x2061;</mo>${fence(list)}</mrow>`;
    }
    case 'binary': {
      const { left, right } = node;
      if (node.op === '/') return mathml`<mfrac>${nodeMathml(left)}${nodeMathml(right)}</mfrac>`;
      if (node.op === '^') {
        const base = isAtom(left) ? nodeMathml(left) : fence(nodeMathml(left));
        return mathml`<msup>${base}${nodeMathml(right)}</msup>`;
      }
      if (node.op === '+' || node.op === '-') {
        const wrap = right.kind === 'negate' || (node.op === '-' && isSum(right));
        const r = nodeMathml(right);
        return mathml`<mrow>${nodeMathml(left)}${op(node.op === '+' ? '+' : '−')}${wrap ? fence(r) : r}</mrow>`;
      }
      const l = isSum(left) ? fence(nodeMathml(left)) : nodeMathml(left);
      const r = isSum(right) || right.kind === 'negate' ? fence(nodeMathml(right)) : nodeMathml(right);
      // Juxtaposed (2w₁), with a visible dot where two numbers would meet.
      const times = right.kind === 'number' || right.kind === 'negate' ? '·' : '\u2062';
      return mathml`<mrow>${l}${op(times)}${r}</mrow>`;
    }
  }
}

/** `J(w₁, w₂) = …` as inline MathML, in the same wrapper as the kit's typeset formulas. */
export function formulaMathml(node: FormulaNode, label: string): TemplateResult {
  return html`<span class="tex" part="formula"
    ><math aria-label=${label}
      ><mrow
        ><mi>J</mi><mo>(</mo><msub><mi>w</mi><mn>1</mn></msub
        ><mo>,</mo><msub><mi>w</mi><mn>2</mn></msub
        ><mo>)</mo><mo>=</mo>${nodeMathml(node)}</mrow
      ></math
    ></span
  >`;
}
