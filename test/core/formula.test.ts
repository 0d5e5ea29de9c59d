import { expect } from '@open-wc/testing';
import katex from 'katex';
import * as tf from '../../src/core/tf.js';
import {
  MAX_FORMULA_DEPTH,
  ParticleRun,
  costOfRows,
  evaluateGrid,
  evaluateGridRows,
  findFormulaMinima,
  getLandscape,
  parseFormula,
  type FormulaResult,
  type Landscape,
  type OptimizerConfig,
} from '../../src/core/index.js';
import { BACKENDS, expectClose, useBackend } from './helpers.js';
import { timerRunsWhile } from '../elements/main-thread.js';
import { setSliceClock } from '../../src/core/slices.js';

const ROSENBROCK = '(1 - w1)^2 + 100 (w2 - w1^2)^2';
const HIMMELBLAU = '(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2';

function landscapeOf(result: FormulaResult): Landscape {
  if (!result.ok) throw new Error(`expected a landscape, got: ${result.error.message}`);
  return result.landscape;
}

/** The landscape with its minima found (the search runs in slices after parsing). */
async function withMinima(result: FormulaResult): Promise<Landscape> {
  return findFormulaMinima(landscapeOf(result));
}

/** Deterministic points spread over a landscape's domain. */
function pointsIn(landscape: Landscape, count: number): number[][] {
  const { w1, w2 } = landscape.domain;
  return Array.from({ length: count }, (_, k) => {
    const u = (k * 0.618034 + 0.1) % 1;
    const v = (k * 0.754878 + 0.3) % 1;
    return [w1[0] + u * (w1[1] - w1[0]), w2[0] + v * (w2[1] - w2[0])];
  });
}

function costs(landscape: Landscape, points: number[][]): number[] {
  return tf.tidy(() => Array.from(costOfRows(landscape, tf.tensor2d(points)).dataSync()));
}

function trajectory(landscape: Landscape, start: number[], optimizer: OptimizerConfig, steps: number): number[][] {
  const run = new ParticleRun({ cost: (p) => costOfRows(landscape, p), particles: [{ start, optimizer }] });
  run.step(steps);
  const points = run.particles[0].points.map((p) => [...p]);
  run.dispose();
  return points;
}

const SAME_AS_BUILT_IN: [string, string, string][] = [
  ['rosenbrock', ROSENBROCK, '-2,2,-1,3'],
  ['himmelblau', HIMMELBLAU, '-5,5,-5,5'],
];

for (const backend of BACKENDS) {
  describe(`formula landscapes on ${backend}`, () => {
    before(() => useBackend(backend));

    for (const [id, formula, domain] of SAME_AS_BUILT_IN) {
      it(`${id}: the formula gives the built-in's costs and 100-step trajectories`, () => {
        const builtIn = getLandscape(id)!;
        const custom = landscapeOf(parseFormula(formula, domain));
        expect(custom.domain).to.deep.equal(builtIn.domain);
        const points = pointsIn(builtIn, 20);
        const expected = costs(builtIn, points);
        costs(custom, points).forEach((c, k) => expectClose(c, expected[k], 1e-6, 1e-6, `${id} J at ${points[k].join(',')}`));
        const optimizers: OptimizerConfig[] = [
          { type: 'adam', learningRate: 0.01 },
          { type: 'sgd', learningRate: id === 'rosenbrock' ? 0.0005 : 0.005 },
          { type: 'momentum', learningRate: id === 'rosenbrock' ? 0.0002 : 0.002, beta: 0.9 },
        ];
        for (const optimizer of optimizers) {
          const a = trajectory(builtIn, builtIn.start, optimizer, 100);
          const b = trajectory(custom, builtIn.start, optimizer, 100);
          expect(b.length, `${id} ${optimizer.type} length`).to.equal(a.length);
          expect(a.length, `${id} ${optimizer.type} steps`).to.be.greaterThan(50);
          a.forEach((p, k) => p.forEach((x, j) => expectClose(b[k][j], x, 1e-5, 1e-6, `${id} ${optimizer.type} step ${k}`)));
        }
      });
    }

    it('gives the contour grid of the built-in (computed from the tree, rows as the whole)', () => {
      const builtIn = getLandscape('rosenbrock')!;
      const custom = landscapeOf(parseFormula(ROSENBROCK, '-2,2,-1,3'));
      const expected = evaluateGrid(builtIn, { n: 64 });
      const actual = evaluateGrid(custom, { n: 64 });
      expect(actual.values.length).to.equal(expected.values.length);
      expected.values.forEach((v, k) => expectClose(actual.values[k], v, 1e-5, 1e-5, `grid cell ${k}`));
      expect(Array.from(evaluateGridRows(custom, { n: 64, from: 10, to: 20 }))).to.deep.equal(
        Array.from(actual.values.subarray(640, 1280)),
      );
    });

    it('builds every function and constant from tf ops, with gradients', () => {
      const formula =
        'sin(w1) + cos(w2) + tan(w1/4) + exp(w2/5) + log(w1^2 + 1) + sqrt(w2^2 + 1) + abs(w1) + tanh(w2) + min(w1, w2) + max(w1, w2)^3 + pi + e + 2^w1';
      const landscape = landscapeOf(parseFormula(formula));
      const reference = (x: number, y: number) =>
        Math.sin(x) +
        Math.cos(y) +
        Math.tan(x / 4) +
        Math.exp(y / 5) +
        Math.log(x * x + 1) +
        Math.sqrt(y * y + 1) +
        Math.abs(x) +
        Math.tanh(y) +
        Math.min(x, y) +
        Math.max(x, y) ** 3 +
        Math.PI +
        Math.E +
        2 ** x;
      const points = pointsIn(landscape, 12);
      // float32 against float64, and webgl's sin/exp/pow are a few ulps coarser than cpu's
      costs(landscape, points).forEach((c, k) =>
        expectClose(c, reference(points[k][0], points[k][1]), 1e-4, 1e-3, `J at ${points[k].join(',')}`),
      );
      const gradient = tf.tidy(() => {
        const w1 = tf.tensor1d(points.map((p) => p[0]));
        const w2 = tf.tensor1d(points.map((p) => p[1]));
        const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(landscape.fn(a, b)))([w1, w2]);
        return [Array.from(g1.dataSync()), Array.from(g2.dataSync())];
      });
      points.forEach(([x, y], k) => {
        const h = 1e-4;
        const d1 = (reference(x + h, y) - reference(x - h, y)) / (2 * h);
        const d2 = (reference(x, y + h) - reference(x, y - h)) / (2 * h);
        expectClose(gradient[0][k], d1, 1e-3, 1e-3, `∂J/∂w1 at ${x},${y}`);
        expectClose(gradient[1][k], d2, 1e-3, 1e-3, `∂J/∂w2 at ${x},${y}`);
      });
    });

    it('a formula without w1 or w2 still gives one cost per row', async () => {
      const landscape = await withMinima(parseFormula('2 pi'));
      expect(
        costs(landscape, [
          [0, 0],
          [1, 2],
          [-3, 4],
        ]),
      ).to.deep.equal([Math.fround(2 * Math.PI), Math.fround(2 * Math.PI), Math.fround(2 * Math.PI)]);
      // flat: every point is a minimum, so none is marked
      expect(landscape.minima).to.deep.equal([]);
      const points = trajectory(landscape, [1, 1], { type: 'sgd', learningRate: 0.1 }, 3);
      expect(points[points.length - 1]).to.deep.equal([1, 1]);
    });

    it('marks a local minimum apart from the global one, and none where the surface falls off the domain', async () => {
      const wells = await withMinima(parseFormula('(w1^2 - 1)^2 + 0.3 w1 + w2^2', '-2,2,-2,2'));
      const globals = wells.minima.filter((m) => m.global !== false);
      const locals = wells.minima.filter((m) => m.global === false);
      expect(globals).to.have.length(1);
      expect(locals).to.have.length(1);
      expect(globals[0].position[0]).to.be.lessThan(-0.9);
      expect(locals[0].position[0]).to.be.greaterThan(0.9);
      expect(locals[0].found).to.equal(true);
      expect(globals[0].value).to.be.lessThan(locals[0].value);
      // the start reaches the global minimum: it lies in the left well's basin
      expect(wells.start[0]).to.be.lessThan(0);

      const plane = await withMinima(parseFormula('w1 + 2w2', '-1,1,-1,1'));
      expect(plane.minima).to.deep.equal([]);
      expect(plane.start).to.deep.equal([0, 0]);
    });

    it('gives the landscape at once and finds its minima in slices that never hold the main thread', async () => {
      // a formula of its own per backend: the same text would give the landscape already searched
      const landscape = landscapeOf(parseFormula(`(w1 - 0.5)^2 + 3 (w2 + 0.25)^2 + 0.1 sin(w1) + ${backend.length}`, '-3,3,-3,3'));
      expect(landscape.minima).to.deep.equal([]);
      expect(landscape.start).to.deep.equal([0, 0]);
      // A clock that says every slice overran its budget (10 ms a reading, against 8): a
      // search that asks the clock before each piece of work hands the main thread back
      // after every Adam update and every polished end (149 + 64 times). Made at once, it
      // would give a timer no run until the end. Counted, not timed.
      let now = 0;
      setSliceClock(() => (now += 10));
      try {
        const search = findFormulaMinima(landscape);
        expect(findFormulaMinima(landscape)).to.equal(search);
        let found = false;
        void search.then(() => (found = true));
        const runs = await timerRunsWhile(() => !found, Infinity);
        await search;
        expect(landscape.minima).to.have.length(1);
        expect(runs, 'timer runs while searching').to.be.at.least(150);
      } finally {
        setSliceClock();
      }
    });

    it('finds the minimum of Rosenbrock near (1, 1) and the four of Himmelblau', async () => {
      const rosenbrock = await withMinima(parseFormula(ROSENBROCK, '-2,2,-1,3'));
      const globals = rosenbrock.minima.filter((m) => m.global !== false);
      expect(globals).to.have.length(1);
      expect(globals[0].found).to.equal(true);
      expectClose(globals[0].position[0], 1, 0, 1e-3, 'Rosenbrock w1');
      expectClose(globals[0].position[1], 1, 0, 1e-3, 'Rosenbrock w2');
      expectClose(globals[0].value, 0, 0, 1e-6, 'Rosenbrock J');

      const himmelblau = await withMinima(parseFormula(HIMMELBLAU, '-5,5,-5,5'));
      const found = himmelblau.minima.filter((m) => m.global !== false);
      expect(found).to.have.length(4);
      for (const published of getLandscape('himmelblau')!.minima) {
        const near = found.filter((m) => Math.hypot(m.position[0] - published.position[0], m.position[1] - published.position[1]) < 1e-3);
        expect(near, `a found minimum at ${published.position.join(',')}`).to.have.length(1);
        expect(near[0].found).to.equal(true);
        expectClose(near[0].value, 0, 0, 1e-6, 'Himmelblau J');
      }
      // the default start is one whose run reaches the global minimum, inside the domain
      const [x, y] = himmelblau.start;
      expect(x >= -5 && x <= 5 && y >= -5 && y <= 5).to.equal(true);
    });
  });
}

describe('formula landscapes: parsing', () => {
  it('reads implicit products, right-associative powers and unary minus as in mathematics', () => {
    const at = (formula: string, w1: number, w2: number) => costs(landscapeOf(parseFormula(formula)), [[w1, w2]])[0];
    const cases: [string, number, number, number][] = [
      ['-w1^2', 3, 0, -9],
      ['2^3^2', 0, 0, 512],
      ['2^-1', 0, 0, 0.5],
      ['2w1', 1.5, 0, 3],
      ['3 sin(w1)', Math.PI / 2, 0, 3],
      ['(w1)(w2)', 2, 3, 6],
      ['w1 w2', 2, 3, 6],
      ['2(w1 + 1)w2', 1, 3, 12],
      ['1/2w1', 4, 0, 2],
      ['1e-3 w1', 2, 0, 0.002],
      ['2.5e2', 0, 0, 250],
      ['w1 − w2 × 2 ÷ 4 · 2', 5, 1, 4],
      ['2π', 0, 0, 2 * Math.PI],
      ['ln(e)', 0, 0, 1],
      ['--w1 + +w2', 1, 2, 3],
      ['w1 - w2 - 1', 5, 1, 3],
      ['w1 / w2 / 2', 8, 2, 2],
    ];
    for (const [formula, w1, w2, expected] of cases) expectClose(at(formula, w1, w2), expected, 1e-6, 1e-6, formula);
  });

  // Each formula, the position (0-based) of its problem, and a word the message must contain.
  const MALFORMED: [string, number, string][] = [
    ['', 0, 'empty'],
    ['   ', 0, 'empty'],
    ['w1 + x', 5, "Unknown name 'x'"],
    ['w1 +', 4, 'stops too early'],
    ['(w1 + w2', 8, "')' is missing"],
    ['w1 + w2)', 7, "no '('"],
    ['2 3', 2, 'operator is missing'],
    ['w1 ** 2', 4, "Unexpected '*'"],
    ['sin w1', 4, 'parentheses'],
    ['sin()', 4, 'missing'],
    ['min(w1)', 6, 'two arguments'],
    ['sin(w1, w2)', 6, 'one argument'],
    ['()', 0, 'Empty parentheses'],
    ['w1 @ w2', 3, "Unexpected character '@'"],
    ['1.2.3', 3, 'operator is missing'],
    ['w1^', 3, 'stops too early'],
    ['1e999 + w1', 0, 'too large'],
    ['w1 + , w2', 5, "Unexpected ','"],
    ['W1 + w2', 0, "Unknown name 'W1'"],
    ['2 sin', 5, 'parentheses'],
    ['w1 + w2 w3', 8, "Unknown name 'w3'"],
    ['w1 + '.repeat(101), 500, 'too long'],
    [`${'('.repeat(40)}w1${')'.repeat(40)}`, MAX_FORMULA_DEPTH, 'nested too deeply'],
    [`${'-'.repeat(40)}w1`, MAX_FORMULA_DEPTH, 'nested too deeply'],
    ['log(w1 - 10)', 0, 'not finite over most of the domain'],
    ['1/0', 0, 'not finite over most of the domain'],
    ['sqrt(-1 - w1^2)', 0, 'not finite over most of the domain'],
    ['exp(100 + w1)', 0, 'not finite over most of the domain'],
  ];

  it('rejects malformed formulas with the position of the problem and a plain message', () => {
    expect(MALFORMED.length).to.be.at.least(20);
    for (const [formula, index, words] of MALFORMED) {
      const result = parseFormula(formula);
      expect(result.ok, formula).to.equal(false);
      if (result.ok) continue;
      expect(result.error.index, `${formula}: ${result.error.message}`).to.equal(index);
      expect(result.error.field, formula).to.equal('formula');
      expect(result.error.message, formula).to.contain(words);
      expect(result.error.message, formula).to.match(/^[A-Z'].*\.$/);
    }
  });

  it('names the character of a syntax error in its message, counting from 1', () => {
    const result = parseFormula('w1 + x');
    expect(!result.ok && result.error.message).to.equal(
      "Unknown name 'x' at character 6: use w1, w2, numbers, + − × / ^, parentheses, and sin, cos, tan, exp, log, sqrt, abs, tanh, min, max, pi, e.",
    );
  });

  it('rejects a bad domain, pointing into the domain text', () => {
    const cases: [string, number, string][] = [
      ['-2,2,-1', 7, 'four numbers'],
      ['2,-2,0,1', 2, 'larger'],
      ['-2,2,3,3', 7, 'larger'],
      ['-2,2,x,3', 5, "'x'"],
      ['-2,2,-1,3,4', 9, 'more than four'],
      ['-2,,-1,3', 3, 'missing'],
      ['-1e9,1,0,1', 0, 'too large'],
      ['', 0, 'missing'],
      // A window too narrow to draw: denormal ends, sides under 1e-6, or under 1e-4 of their magnitude.
      ['-1e-320,1e-320,-1e-320,1e-320', 8, 'too narrow'],
      ['0,1e-7,0,1', 2, 'too narrow'],
      ['-1,1,1000,1000.05', 10, 'too narrow'],
    ];
    for (const [domain, index, words] of cases) {
      const result = parseFormula('w1^2 + w2^2', domain);
      expect(result.ok, domain).to.equal(false);
      if (result.ok) continue;
      expect(result.error.field, domain).to.equal('domain');
      expect(result.error.index, `${domain}: ${result.error.message}`).to.equal(index);
      expect(result.error.message, domain).to.contain(words);
    }
    // The narrowest sides accepted: 1e-6 wide near 0, 1e-4 of the magnitude away from it.
    expect(parseFormula('w1^2 + w2^2', '0,1e-6,1000,1000.2').ok).to.equal(true);
    const fine = landscapeOf(parseFormula('w1^2 + w2^2', ' -2 , 2, −1, 3e0 '));
    expect(fine.domain).to.deep.equal({ w1: [-2, 2], w2: [-1, 3] });
    expect(landscapeOf(parseFormula('w1^2 + w2^2')).domain).to.deep.equal({ w1: [-5, 5], w2: [-5, 5] });
  });

  it('starts a formula that is not finite at the window centre at a finite point, before and after its minima are searched', async () => {
    // Each is ±∞ or NaN at the centre (0, 0) of the default window, and finite on most of it.
    for (const formula of ['1/(w1^2+w2^2)', 'log(w1^2+w2^2)', 'log(w1*w2)', 'w1/w2']) {
      const landscape = landscapeOf(parseFormula(formula));
      const check = (when: string) => {
        const [cost] = costs(landscape, [[...landscape.start]]);
        expect(Number.isFinite(cost), `${formula} ${when}: J${JSON.stringify(landscape.start)} = ${cost}`).to.equal(true);
        const { w1, w2 } = landscape.domain;
        const [x, y] = landscape.start;
        expect(x >= w1[0] && x <= w1[1] && y >= w2[0] && y <= w2[1], `${formula} ${when}: inside`).to.equal(true);
      };
      check('as parsed');
      // The nearest finite point of the 16×16 sample grid: half a cell from the centre on each axis.
      expect(landscape.start.map(Math.abs), formula).to.deep.equal([0.3125, 0.3125]);
      await findFormulaMinima(landscape);
      check('after the search');
    }
    // A formula finite at the centre still starts there before its search.
    expect(landscapeOf(parseFormula('w1^2 + 3 w2^2', '-1,3,-2,2')).start).to.deep.equal([1, 0]);
  });

  it('gives one id per formula and domain, and the same landscape for the same text', () => {
    const a = landscapeOf(parseFormula(HIMMELBLAU, '-5,5,-5,5'));
    expect(landscapeOf(parseFormula(HIMMELBLAU, '-5,5,-5,5'))).to.equal(a);
    const otherDomain = landscapeOf(parseFormula(HIMMELBLAU, '-4,4,-4,4'));
    const otherFormula = landscapeOf(parseFormula('w1^2 + w2^2', '-5,5,-5,5'));
    expect(new Set([a.id, otherDomain.id, otherFormula.id, getLandscape('himmelblau')!.id]).size).to.equal(4);
    expect(a.id.startsWith('custom')).to.equal(true);
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [undefined, null, 42, {}, ['w1'], Symbol('w1')];
    for (const value of odd) expect(parseFormula(value as string).ok).to.equal(false);
    expect(parseFormula('w1', 7 as unknown as string).ok).to.equal(false);
  });

  it('rejects hostile text without ever running it', () => {
    const HOSTILE: [string, number][] = [
      ['constructor', 0],
      ['__proto__', 0],
      ['__proto__.polluted', 0],
      ['w1.constructor', 2],
      ['w1 + constructor', 5],
      ['alert(1)', 0],
      ['this', 0],
      ['w1[0]', 2],
      ['"str"', 0],
      ['`x`', 0],
      ['`${alert(1)}`', 0],
      ['new Date()', 0],
      ['a=1', 0],
      ['w1;w2', 2],
      ['window', 0],
      ['globalThis', 0],
      ["Function('x')", 0],
      ['eval("alert(1)")', 0],
      ["import('data:text/javascript,alert(1)')", 0],
      ['w1 => w2', 3],
      ['toString', 0],
      ['valueOf()', 0],
      ['hasOwnProperty', 0],
      ['sin.call(w1)', 3],
      ['</script><script>alert(1)</script>', 0],
    ];
    const scope = globalThis as unknown as Record<string, unknown>;
    const names = ['alert', 'eval', 'Function', 'Date', 'setTimeout'];
    const saved = names.map((name) => scope[name]);
    const calls: string[] = [];
    names.forEach((name) => (scope[name] = () => calls.push(name)));
    const results: FormulaResult[] = [];
    try {
      for (const [formula] of HOSTILE) results.push(parseFormula(formula));
    } finally {
      names.forEach((name, k) => (scope[name] = saved[k]));
    }
    expect(calls, 'script reached').to.deep.equal([]);
    HOSTILE.forEach(([formula, index], k) => {
      const result = results[k];
      expect(result.ok, formula).to.equal(false);
      if (!result.ok) expect(result.error.index, `${formula}: ${result.error.message}`).to.equal(index);
    });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('formula landscapes: TeX', () => {
  const TEX: [string, string][] = [
    [ROSENBROCK, getLandscape('rosenbrock')!.tex],
    [HIMMELBLAU, getLandscape('himmelblau')!.tex],
    ['2w1 + 3 sin(w1)', 'J(w_1,w_2) = 2w_1 + 3\\sin(w_1)'],
    ['1/(1 + exp(-w1))', 'J(w_1,w_2) = \\frac{1}{1 + \\exp(-w_1)}'],
    ['-w1^2 + 2^-w2', 'J(w_1,w_2) = -w_1^2 + 2^{-w_2}'],
    ['w1^2^3 + (w2^2)^3', 'J(w_1,w_2) = w_1^{2^3} + (w_2^2)^3'],
    ['2*3*w1 + w2 * 2', 'J(w_1,w_2) = 2 \\cdot 3w_1 + w_2 \\cdot 2'],
    ['1e-3 w1 + 2.5e3', 'J(w_1,w_2) = 10^{-3}w_1 + 2.5 \\cdot 10^{3}'],
    ['sqrt(w1^2 + w2^2) + abs(w1)', 'J(w_1,w_2) = \\sqrt{w_1^2 + w_2^2} + \\left|w_1\\right|'],
    ['pi w1 - (w2 - 1) + max(w1, w2)', 'J(w_1,w_2) = \\pi w_1 - (w_2 - 1) + \\max(w_1, w_2)'],
    ['log(w1^2 + 1) + e^w2 + w1*(-w2)', 'J(w_1,w_2) = \\ln(w_1^2 + 1) + e^{w_2} + w_1(-w_2)'],
    ['(w1 + w2)/2 - -w1', 'J(w_1,w_2) = \\frac{w_1 + w_2}{2} - (-w_1)'],
    ['(1/w1 + 1)^2 + tanh(w2/2)', 'J(w_1,w_2) = \\left(\\frac{1}{w_1} + 1\\right)^2 + \\tanh\\left(\\frac{w_2}{2}\\right)'],
  ];

  it('writes fractions, powers, functions and products as a teacher would', () => {
    for (const [formula, tex] of TEX) expect(landscapeOf(parseFormula(formula)).tex, formula).to.equal(tex);
  });

  it('gives TeX that KaTeX typesets without error', () => {
    for (const [formula] of TEX) {
      const { tex } = landscapeOf(parseFormula(formula));
      const markup = katex.renderToString(tex, { output: 'mathml', trust: false, strict: 'error', throwOnError: true });
      expect(markup, formula).to.contain('<math');
    }
  });
});
