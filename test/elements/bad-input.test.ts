import { expect, fixture } from '@open-wc/testing';
import '../../src/index.js';
// gd-kit defines <gd-network> when a page first has one; these tests make theirs at once.
import '../../src/elements/network/define.js';
import { warnedCount } from '../../src/elements/shared/rules.js';

/*
 * Every value an author, a framework or a URL can send, on every element: attributes
 * (typed text, removed), properties (numbers as text, null, undefined, and JavaScript
 * values of the wrong kind), and extreme values that are still valid. For each case:
 * nothing throws, nothing non-finite reaches the rendered text or any attribute in the
 * shadow DOM, a rejected value is quoted in a visible note and warns exactly once, an
 * accepted or cleared one warns never, and five more updates settle with finite numbers.
 */

type Tag = 'gd-line-fit' | 'gd-curvature' | 'gd-optimizer-race' | 'gd-sweep' | 'gd-optimizer' | 'gd-network';
type Outcome = 'reject' | 'accept' | 'default';

interface Case {
  tag: Tag;
  /** Property name (camelCase) and attribute name (kebab-case). */
  property: string;
  attribute: string;
  /** How the value arrives. */
  via: 'attribute' | 'property' | 'remove';
  value?: unknown;
  /** Makes the value for each run (symbols, functions, objects without a prototype). */
  make?: () => unknown;
  outcome: Outcome;
  /** accept/default: the value the property must hold afterwards. */
  stored?: unknown;
  /** reject: how the note must quote the input (text values: computed from the text). */
  quote?: string;
  /** Extra attributes of the element before the change, as markup. */
  setup?: string;
  title?: string;
}

const LONG = 'x'.repeat(100_000);
const NULL_PROTO = () => Object.create(null) as object;

/** What the note should show for typed text: quoted, cut to 40 characters with an ellipsis. */
const quoteText = (text: string) => `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;

const DEFAULTS: Record<Tag, Record<string, unknown>> = {
  'gd-line-fit': {
    size: 100,
    noise: 0.5,
    trueSlope: 2,
    trueIntercept: -1,
    testSplit: 0,
    seed: 1,
    learningRate: 0.1,
    batchSize: 'full',
    optimizer: 'sgd',
    init: '-2,3',
    speed: 1,
    theme: 'auto',
    link: null,
  },
  'gd-curvature': { curvature: 1, learningRate: 0.3, init: 2, minimum: 0, cost: 'quadratic', speed: 3, seed: 1, theme: 'auto', link: null },
  'gd-optimizer-race': {
    landscape: 'bowl',
    kappa: 100,
    start: null,
    speed: 5,
    basins: 'off',
    formula: null,
    domain: null,
    seed: 1,
    theme: 'auto',
    link: null,
  },
  'gd-network': {
    task: 'circles',
    size: 200,
    noise: 0.1,
    testSplit: 0.5,
    layers: '8,8',
    activation: 'tanh',
    init: 'xavier',
    batchSize: 'full',
    speed: 3,
    racer: 1,
    directions: 'random',
    axis: 'updates',
    seed: 1,
    theme: 'auto',
    link: null,
  },
  'gd-sweep': {
    landscape: 'bowl',
    kappa: 100,
    optimizer: 'sgd',
    steps: 50,
    x: 'learning-rate',
    xRange: null,
    y: null,
    yRange: null,
    cells: 40,
    seed: 1,
  },
  'gd-optimizer': {
    type: 'sgd',
    label: null,
    learningRate: null,
    decay: null,
    beta: null,
    beta1: null,
    beta2: null,
    epsilon: null,
    weightDecay: null,
  },
};

const kebab = (name: string) => name.replace(/[A-Z0-9]+/g, (m) => `-${m.toLowerCase()}`).replace(/-(\d)/, '$1');
const attributeOf = (tag: Tag, property: string) => (tag === 'gd-optimizer' && property.startsWith('beta') ? property : kebab(property));

const CASES: Case[] = [];
const reject = (
  tag: Tag,
  property: string,
  via: 'attribute' | 'property',
  value: unknown,
  quote?: string,
  setup?: string,
  title?: string,
) => CASES.push({ tag, property, attribute: attributeOf(tag, property), via, value, outcome: 'reject', quote, setup, title });
const accept = (
  tag: Tag,
  property: string,
  via: 'attribute' | 'property',
  value: unknown,
  stored: unknown,
  setup?: string,
  title?: string,
) => CASES.push({ tag, property, attribute: attributeOf(tag, property), via, value, outcome: 'accept', stored, setup, title });
/** Removal, null and undefined: back to the default, silently (after a good non-default value). */
const clears = (tag: Tag, property: string, goodAttribute: string) => {
  const attribute = attributeOf(tag, property);
  const setup = `${attribute}="${goodAttribute}"`;
  CASES.push({ tag, property, attribute, via: 'remove', outcome: 'default', stored: DEFAULTS[tag][property], setup });
  CASES.push({ tag, property, attribute, via: 'property', value: null, outcome: 'default', stored: DEFAULTS[tag][property], setup });
  CASES.push({ tag, property, attribute, via: 'property', value: undefined, outcome: 'default', stored: DEFAULTS[tag][property], setup });
};
/** JavaScript values of the wrong kind, set as properties. */
const wrongKinds = (tag: Tag, property: string, kinds = ['null-proto', 'symbol', 'bigint', 'function']) => {
  const values: Record<string, [() => unknown, string]> = {
    'null-proto': [NULL_PROTO, 'an object'],
    symbol: [() => Symbol('x'), 'Symbol(x)'],
    bigint: [() => 10n, '10n'],
    function: [() => () => 1, 'a function'],
    array: [() => [1, 2, 3], 'an array of 3'],
    boolean: [() => true, 'true'],
    nan: [() => NaN, 'NaN'],
    infinity: [() => Infinity, 'Infinity'],
  };
  for (const kind of kinds) {
    const [make, quote] = values[kind];
    CASES.push({ tag, property, attribute: attributeOf(tag, property), via: 'property', make, outcome: 'reject', quote, title: kind });
  }
};

// ------------------------------------------------------------------ <gd-line-fit>
{
  const t = 'gd-line-fit';
  for (const text of ['2,', 'abc', '1e999', '', '0x10', '-5', '100001', '2.5', '1', ' ', '10abc', LONG])
    reject(t, 'size', 'attribute', text);
  accept(t, 'size', 'attribute', '1e3', 1000);
  accept(t, 'size', 'attribute', '100000', 100000, undefined, 'largest');
  accept(t, 'size', 'attribute', '2', 2, undefined, 'smallest');
  accept(t, 'size', 'property', '50', 50, undefined, 'number as text');
  clears(t, 'size', '10');
  wrongKinds(t, 'size', ['nan', 'infinity', 'array']);
  for (const text of ['abc', '-1', '101', 'NaN']) reject(t, 'noise', 'attribute', text);
  accept(t, 'noise', 'property', '0.5', 0.5, 'noise="2"', 'number as text');
  accept(t, 'noise', 'attribute', '100', 100, undefined, 'largest');
  clears(t, 'noise', '2');
  for (const text of ['1001', 'x']) reject(t, 'trueSlope', 'attribute', text);
  accept(t, 'trueSlope', 'attribute', '-1000', -1000, undefined, 'extreme');
  accept(t, 'trueSlope', 'property', '3', 3, undefined, 'number as text');
  reject(t, 'trueIntercept', 'attribute', '1e4');
  accept(t, 'trueIntercept', 'attribute', '1000', 1000, undefined, 'extreme');
  for (const text of ['0.95', '-0.1']) reject(t, 'testSplit', 'attribute', text);
  accept(t, 'testSplit', 'attribute', '0.9', 0.9, undefined, 'largest');
  for (const text of ['banana', '-1', '1.5', '4294967296']) reject(t, 'seed', 'attribute', text);
  accept(t, 'seed', 'attribute', '4294967295', 4294967295, undefined, 'largest');
  accept(t, 'seed', 'property', '7', 7, undefined, 'number as text');
  clears(t, 'seed', '9');
  for (const text of ['abc', '0', '-1', '11', '1e20', '0x1']) reject(t, 'learningRate', 'attribute', text);
  wrongKinds(t, 'learningRate');
  accept(t, 'learningRate', 'attribute', '10', 10, undefined, 'largest');
  accept(t, 'learningRate', 'attribute', '1e-6', 1e-6, undefined, 'tiny');
  accept(t, 'learningRate', 'property', '0.5', 0.5, undefined, 'number as text');
  clears(t, 'learningRate', '0.2');
  for (const text of ['0', 'huge', '1.5', '100001']) reject(t, 'batchSize', 'attribute', text);
  accept(t, 'batchSize', 'attribute', 'FULL', 'full', 'batch-size="8"', 'any case');
  accept(t, 'batchSize', 'attribute', '32', 32);
  accept(t, 'batchSize', 'property', '16', 16, undefined, 'number as text');
  clears(t, 'batchSize', '8');
  for (const text of ['fast', '']) reject(t, 'optimizer', 'attribute', text);
  wrongKinds(t, 'optimizer', ['symbol', 'null-proto']);
  accept(t, 'optimizer', 'attribute', 'adamw', 'adamw');
  clears(t, 'optimizer', 'adam');
  for (const text of ['1', '1,2,3', 'a,b', '2000,0', '0x1,2']) reject(t, 'init', 'attribute', text);
  accept(t, 'init', 'attribute', '1000,-1000', '1000,-1000', undefined, 'extreme');
  accept(t, 'init', 'property', [1, 2], '1,2', undefined, 'array');
  clears(t, 'init', '1,1');
  for (const text of ['0', '0x10', '1e999', '1001', '2,']) reject(t, 'speed', 'attribute', text);
  accept(t, 'speed', 'attribute', '1000', 1000, undefined, 'largest');
  clears(t, 'speed', '4');
  reject(t, 'theme', 'attribute', 'blue');
  wrongKinds(t, 'theme', ['null-proto', 'nan']);
  clears(t, 'theme', 'dark');
  wrongKinds(t, 'link', ['symbol', 'null-proto', 'function']);
  accept(t, 'link', 'attribute', 'group-a', 'group-a');
  clears(t, 'link', 'group-b');
}

// ------------------------------------------------------------------ <gd-curvature>
{
  const t = 'gd-curvature';
  for (const text of ['0', '-1', 'abc', '1001', '0x10', '0.0009', '']) reject(t, 'curvature', 'attribute', text);
  wrongKinds(t, 'curvature', ['null-proto', 'bigint']);
  accept(t, 'curvature', 'attribute', '1000', 1000, undefined, 'largest');
  accept(t, 'curvature', 'attribute', '0.001', 0.001, undefined, 'smallest');
  accept(t, 'curvature', 'property', '2', 2, undefined, 'number as text');
  clears(t, 'curvature', '3');
  for (const text of ['1e20', '1001', '0', 'abc']) reject(t, 'learningRate', 'attribute', text);
  wrongKinds(t, 'learningRate', ['symbol', 'null-proto']);
  accept(t, 'learningRate', 'attribute', '1000', 1000, undefined, 'largest');
  accept(t, 'learningRate', 'property', '0.75', 0.75, undefined, 'number as text');
  clears(t, 'learningRate', '0.5');
  for (const text of ['1e30', '10001', 'x']) reject(t, 'init', 'attribute', text);
  reject(t, 'init', 'attribute', '2e19', undefined, 'cost="quadratic"', 'on the parabola');
  reject(t, 'init', 'attribute', '3e9', undefined, 'cost="quartic"', 'on the quartic');
  accept(t, 'init', 'attribute', '10000', 10000, undefined, 'largest');
  accept(t, 'init', 'attribute', '-10000', -10000, undefined, 'smallest');
  accept(t, 'init', 'property', '3', 3, undefined, 'number as text');
  clears(t, 'init', '1.5');
  for (const text of ['1e38', '-10001', 'y']) reject(t, 'minimum', 'attribute', text);
  accept(t, 'minimum', 'attribute', '10000', 10000, undefined, 'largest');
  accept(t, 'minimum', 'attribute', '-10000', -10000, undefined, 'smallest');
  clears(t, 'minimum', '1');
  reject(t, 'cost', 'attribute', 'cubic');
  wrongKinds(t, 'cost', ['null-proto', 'symbol']);
  accept(t, 'cost', 'attribute', 'double-well', 'double-well');
  clears(t, 'cost', 'quartic');
  for (const text of ['0.4', '61', '0x10']) reject(t, 'speed', 'attribute', text);
  accept(t, 'speed', 'attribute', '60', 60, undefined, 'largest');
  accept(t, 'speed', 'property', '2', 2, undefined, 'number as text');
  reject(t, 'theme', 'attribute', 'sepia');
  wrongKinds(t, 'link', ['symbol']);
  // The largest accepted values together, on every cost, with the start and the minimum
  // at opposite ends: the plot, the readout and five steps stay finite.
  for (const cost of ['quadratic', 'quartic', 'double-well']) {
    for (const [init, minimum] of [
      ['10000', '-10000'],
      ['-10000', '10000'],
    ]) {
      accept(
        t,
        'curvature',
        'attribute',
        '1000',
        1000,
        `cost="${cost}" learning-rate="1000" init="${init}" minimum="${minimum}"`,
        `extremes, ${cost}, w₀ = ${init}`,
      );
    }
    accept(
      t,
      'curvature',
      'attribute',
      '0.001',
      0.001,
      `cost="${cost}" learning-rate="1e-6" init="10000" minimum="10000"`,
      `start on the minimum, ${cost}`,
    );
  }
}

// ------------------------------------------------------------------ <gd-optimizer-race>
{
  const t = 'gd-optimizer-race';
  for (const text of ['nope', 'toString', '__proto__']) reject(t, 'landscape', 'attribute', text);
  wrongKinds(t, 'landscape', ['null-proto', 'boolean']);
  accept(t, 'landscape', 'attribute', 'rosenbrock', 'rosenbrock');
  clears(t, 'landscape', 'booth');
  // Himmelblau's plotted area is [−5, 5]²: (6, 0) lies outside, (5, −5) is its corner.
  const himmelblau = 'landscape="himmelblau"';
  for (const text of ['1', '1e30,1e30', 'a,b', '6,0', '0x1,0', '']) reject(t, 'start', 'attribute', text, undefined, himmelblau);
  wrongKinds(t, 'start', ['null-proto', 'symbol']);
  accept(t, 'start', 'attribute', '5,-5', '5,-5', himmelblau, 'corner');
  accept(t, 'start', 'property', [1, 2], '1,2', undefined, 'array');
  clears(t, 'start', '1,1');
  for (const text of ['0', '101', '2,', '0x10', 'abc', '1.5', '']) reject(t, 'speed', 'attribute', text);
  wrongKinds(t, 'speed', ['symbol', 'nan']);
  accept(t, 'speed', 'attribute', '100', 100, undefined, 'largest');
  accept(t, 'speed', 'property', '7', 7, undefined, 'number as text');
  clears(t, 'speed', '9');
  for (const text of ['0', '0.5', '1001', '-50', 'abc', '']) reject(t, 'kappa', 'attribute', text);
  wrongKinds(t, 'kappa', ['symbol', 'nan', 'infinity']);
  accept(t, 'kappa', 'attribute', '1000', 1000, undefined, 'largest');
  accept(t, 'kappa', 'property', '10', 10, undefined, 'number as text');
  clears(t, 'kappa', '20');
  // basins: off, or the place of one of the four default optimizers.
  for (const text of ['0', '5', '1.5', 'on', '-1', '']) reject(t, 'basins', 'attribute', text);
  wrongKinds(t, 'basins', ['symbol', 'null-proto']);
  accept(t, 'basins', 'attribute', '4', 4, undefined, 'the last optimizer');
  accept(t, 'basins', 'property', '2', 2, undefined, 'number as text');
  clears(t, 'basins', '3');
  for (const text of ['banana', '-3']) reject(t, 'seed', 'attribute', text);
  reject(t, 'theme', 'attribute', 'night');
  wrongKinds(t, 'link', ['symbol', 'null-proto']);
  accept(t, 'link', 'property', 42, '42', undefined, 'a number');
}

// ------------------------------------------------------------------ <gd-network>
{
  const t = 'gd-network';
  for (const text of ['nope', 'toString', '__proto__', '']) reject(t, 'task', 'attribute', text);
  wrongKinds(t, 'task', ['null-proto', 'symbol']);
  accept(t, 'task', 'attribute', 'spiral', 'spiral');
  clears(t, 'task', 'xor');
  // Hidden widths: whole numbers 1–64, at most 6 layers and 2,000 parameters (64,64 has 4,417).
  for (const text of ['1000,1000', '-1', '', '8,,8', '8.5', '65', '1,1,1,1,1,1,1', '0,8', 'abc', '64,64', '0x8'])
    reject(t, 'layers', 'attribute', text);
  wrongKinds(t, 'layers', ['null-proto', 'symbol', 'array']);
  accept(t, 'layers', 'attribute', '0', '0', undefined, 'logistic regression');
  accept(t, 'layers', 'attribute', ' 4 , 4 ', '4,4', undefined, 'spaces');
  accept(t, 'layers', 'attribute', '40,40', '40,40', undefined, 'near the parameter cap');
  accept(t, 'layers', 'property', 6, '6', undefined, 'a number');
  clears(t, 'layers', '4');
  for (const text of ['softmax', 'Tanh']) reject(t, 'activation', 'attribute', text);
  accept(t, 'activation', 'attribute', 'relu', 'relu');
  clears(t, 'activation', 'sigmoid');
  reject(t, 'init', 'attribute', 'ones');
  wrongKinds(t, 'init', ['symbol']);
  accept(t, 'init', 'attribute', 'zeros', 'zeros');
  clears(t, 'init', 'he');
  for (const text of ['9', '1001', '2.5', 'abc', '']) reject(t, 'size', 'attribute', text);
  accept(t, 'size', 'attribute', '1000', 1000, undefined, 'largest');
  accept(t, 'size', 'property', '10', 10, undefined, 'smallest, as text');
  clears(t, 'size', '50');
  for (const text of ['-0.1', '1.5']) reject(t, 'noise', 'attribute', text);
  accept(t, 'noise', 'attribute', '1', 1, undefined, 'largest');
  reject(t, 'testSplit', 'attribute', '0.95');
  accept(t, 'testSplit', 'attribute', '0', 0, undefined, 'no test set');
  for (const text of ['0', '1001', 'huge']) reject(t, 'batchSize', 'attribute', text);
  accept(t, 'batchSize', 'attribute', 'Full', 'full', 'batch-size="8"', 'any case');
  accept(t, 'batchSize', 'attribute', '16', 16);
  clears(t, 'batchSize', '8');
  for (const text of ['0', '101']) reject(t, 'speed', 'attribute', text);
  accept(t, 'speed', 'attribute', '100', 100, undefined, 'largest');
  for (const text of ['0', '5', '1.5']) reject(t, 'racer', 'attribute', text);
  accept(t, 'racer', 'attribute', '4', 4, undefined, 'the last of four');
  clears(t, 'racer', '2');
  reject(t, 'directions', 'attribute', 'pcaa');
  accept(t, 'directions', 'attribute', 'pca', 'pca');
  clears(t, 'directions', 'pca');
  reject(t, 'axis', 'attribute', 'time');
  accept(t, 'axis', 'attribute', 'epochs', 'epochs');
  CASES.push(
    {
      tag: t,
      property: 'weights',
      attribute: 'weights',
      via: 'property',
      make: () => [1, 2, 3],
      outcome: 'reject',
      quote: 'an array of 3',
      title: 'too short',
    },
    { tag: t, property: 'weights', attribute: 'weights', via: 'property', value: 'abc', outcome: 'reject' },
    {
      tag: t,
      property: 'weights',
      attribute: 'weights',
      via: 'property',
      make: () => [...new Array<number>(104).fill(0.1), NaN],
      outcome: 'reject',
      quote: 'an array of 105',
      title: 'a NaN among them',
    },
    {
      tag: t,
      property: 'weights',
      attribute: 'weights',
      via: 'property',
      make: () => Array.from({ length: 4 }, () => new Array<number>(105).fill(2000)),
      outcome: 'reject',
      quote: 'an array of 4',
      title: 'one per racer, past ±1,000',
    },
    {
      tag: t,
      property: 'weights',
      attribute: 'weights',
      via: 'property',
      value: new Array<number>(105).fill(0.1),
      outcome: 'accept',
      stored: Array.from({ length: 4 }, () => new Array<number>(105).fill(Math.fround(0.1))),
      title: 'one array for every racer',
    },
  );
  for (const text of ['banana', '-3']) reject(t, 'seed', 'attribute', text);
  reject(t, 'theme', 'attribute', 'blue');
  wrongKinds(t, 'link', ['symbol']);
}

// ------------------------------------------------------------------ <gd-sweep>
{
  const t = 'gd-sweep';
  // A log axis padded half a cell past 1e-300 (or a denormal end) underflowed to 0: NaN coordinates.
  for (const text of ['1e-300,1e6', '1e-320,1', '0,1', '5,1', 'abc', '1e-31,1']) reject(t, 'xRange', 'attribute', text);
  reject(t, 'xRange', 'attribute', '1e-300,1', undefined, 'x="decay"', 'decay on a log axis');
  accept(t, 'xRange', 'attribute', '1e-30,1e6', '1e-30,1000000', 'cells="2"', 'the widest log axis, 2 cells');
  accept(t, 'xRange', 'property', [0.01, 0.5], '0.01,0.5', undefined, 'array');
  clears(t, 'xRange', '0.01,0.5');
  reject(t, 'yRange', 'attribute', '0,1', undefined, 'optimizer="momentum" y="beta"', 'β reaches 1');
  accept(t, 'yRange', 'attribute', '0.999998,0.999999', '0.999998,0.999999', 'optimizer="adam" y="beta2" cells="2"', 'narrowest β₂');
  for (const text of ['1', '65', '1.5', 'abc', '']) reject(t, 'cells', 'attribute', text);
  wrongKinds(t, 'cells', ['symbol', 'nan']);
  accept(t, 'cells', 'attribute', '2', 2, undefined, 'smallest');
  clears(t, 'cells', '6');
  for (const text of ['0', '10001', 'many']) reject(t, 'steps', 'attribute', text);
  accept(t, 'steps', 'property', '7', 7, undefined, 'number as text');
  reject(t, 'x', 'attribute', 'nope');
  reject(t, 'landscape', 'attribute', 'nowhere');
  wrongKinds(t, 'landscape', ['null-proto']);
}

// ------------------------------------------------------------------ custom formulas in a race
{
  const t = 'gd-optimizer-race';
  const custom = 'landscape="custom" formula="w1^2 + w2^2"';
  // A window too narrow to draw (its axis ticks threw on every render), or too narrow for float32.
  for (const text of ['-1e-320,1e-320,-1e-320,1e-320', '0,1e-7,0,1', '-1,1,1000,1000.05', '1,1,0,1'])
    reject(t, 'domain', 'attribute', text, undefined, custom);
  accept(t, 'domain', 'attribute', '0,1e-6,1000,1000.2', '0,1e-6,1000,1000.2', custom, 'narrowest sides');
  // ±∞ or NaN at the window centre: accepted, and the run starts where J is finite.
  for (const formula of ['1/(w1^2+w2^2)', 'log(w1^2+w2^2)', 'log(w1*w2)', 'w1/w2'])
    accept(t, 'formula', 'attribute', formula, formula, custom, 'not finite at the centre');
  for (const text of ['w1 +', 'log(-1 - w1^2)']) reject(t, 'formula', 'attribute', text, undefined, custom);
}

// ------------------------------------------------------------------ state, on every widget
{
  /** Values a page can hand the `state` setter: none may throw, each is refused with a note. */
  const hostile: [string, () => unknown, string][] = [
    ['a bigint', () => 10n, '10n'],
    ['[10n]', () => [10n], 'an array of 1'],
    [
      'a circular array',
      () => {
        const a: unknown[] = [1, 2];
        a.push(a);
        return a;
      },
      'an array of 3',
    ],
    [
      'an array whose toJSON throws',
      () =>
        Object.assign([1, 2, 3, 4], {
          toJSON() {
            throw new Error('no');
          },
        }),
      'an array of 4',
    ],
    [
      'a revoked proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
      'a revoked proxy',
    ],
    [
      'a proxy whose has throws',
      () =>
        new Proxy(
          { speed: 1 },
          {
            has() {
              throw new Error('no');
            },
          },
        ),
      'an object {speed}',
    ],
    [
      'a getter that throws',
      () => ({
        get iteration(): number {
          throw new Error('no');
        },
      }),
      'an object {iteration}',
    ],
    ['iteration: Symbol()', () => ({ iteration: Symbol('i'), seed: 1 }), 'an object {iteration, seed}'],
    ['iteration: an object without a prototype', () => ({ seed: 1, iteration: NULL_PROTO() }), 'an object {seed, iteration}'],
    // Objects are quoted by their first keys: a second key tells this one from the getter's.
    ['iteration: −3', () => ({ iteration: -3, speed: 1 }), 'an object {iteration, speed}'],
    ['a huge array', () => new Array<number>(10_000_000), 'an array of 10000000'],
    ['a symbol', () => Symbol('state'), 'Symbol(state)'],
    ['a function', () => () => ({}), 'a function'],
    ['JSON text of a number', () => '42', '"42"'],
    ['text that is not JSON', () => '{"landscape": "booth",', '"{"landscape": "booth","'],
  ];
  for (const tag of ['gd-line-fit', 'gd-curvature', 'gd-optimizer-race', 'gd-sweep', 'gd-network'] as const) {
    for (const [title, make, quote] of hostile)
      CASES.push({ tag, property: 'state', attribute: 'state', via: 'property', make, outcome: 'reject', quote, title });
  }
}

// ------------------------------------------------------------------ <gd-optimizer> in a race
{
  const t = 'gd-optimizer';
  reject(t, 'type', 'attribute', 'fast');
  wrongKinds(t, 'type', ['null-proto']);
  accept(t, 'type', 'attribute', 'adamw', 'adamw');
  clears(t, 'type', 'adam');
  wrongKinds(t, 'label', ['null-proto', 'symbol', 'function']);
  reject(t, 'label', 'attribute', LONG);
  accept(t, 'label', 'attribute', 'GD: α = 0.01', 'GD: α = 0.01', undefined, 'with a colon');
  accept(t, 'label', 'property', 3, '3', undefined, 'a number');
  clears(t, 'label', 'Mine');
  for (const text of ['-3', 'abc', '1e999', '0', '1000001', '0x10', '']) reject(t, 'learningRate', 'attribute', text);
  wrongKinds(t, 'learningRate', ['null-proto', 'bigint']);
  accept(t, 'learningRate', 'attribute', '1000000', 1000000, undefined, 'largest');
  accept(t, 'learningRate', 'property', '0.5', 0.5, undefined, 'number as text');
  clears(t, 'learningRate', '0.2');
  reject(t, 'decay', 'attribute', '-1');
  accept(t, 'decay', 'attribute', '1000000', 1000000, undefined, 'largest');
  accept(t, 'decay', 'property', '0.01', 0.01, undefined, 'number as text');
  for (const text of ['1', '-0.1']) reject(t, 'beta', 'attribute', text);
  accept(t, 'beta', 'attribute', '0.999999', 0.999999, undefined, 'largest');
  reject(t, 'beta1', 'attribute', '1.5');
  accept(t, 'beta1', 'attribute', '0', 0, undefined, 'smallest');
  reject(t, 'beta2', 'attribute', 'one');
  clears(t, 'beta2', '0.9');
  for (const text of ['0', '1e-31', '-1e-8']) reject(t, 'epsilon', 'attribute', text);
  accept(t, 'epsilon', 'attribute', '1e-30', 1e-30, undefined, 'smallest');
  accept(t, 'epsilon', 'attribute', '1000000', 1000000, undefined, 'largest');
  reject(t, 'weightDecay', 'attribute', '-0.1');
  accept(t, 'weightDecay', 'property', '0.5', 0.5, 'type="adamw"', 'number as text');
}

// ------------------------------------------------------------------ helpers

type Any = HTMLElement & Record<string, unknown> & { updateComplete: Promise<unknown>; step(n?: number): Promise<void> };

function markup(c: Case): string {
  const setup = c.setup ?? '';
  // A small, short sweep unless the case is about its size.
  if (c.tag === 'gd-sweep') {
    const small = [
      /\bsteps=/.test(setup) || c.property === 'steps' ? '' : 'steps="5"',
      /\bcells=/.test(setup) || c.property === 'cells' ? '' : 'cells="4"',
    ];
    return `<gd-sweep ${small.join(' ')} ${setup}></gd-sweep>`;
  }
  if (c.tag === 'gd-optimizer')
    return `<gd-optimizer-race landscape="booth" start="-6,8"><gd-optimizer ${setup}></gd-optimizer></gd-optimizer-race>`;
  return `<${c.tag} ${setup}></${c.tag}>`;
}

const settle = async (host: Any, target: Any) => {
  await target.updateComplete;
  await host.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await host.updateComplete;
};

/** Every number the element reports after its updates. */
function reportedNumbers(tag: Tag, host: Any): number[] {
  if (tag === 'gd-line-fit') {
    const history = host.history as { w: number; b: number; cost: number; epoch: number }[];
    const params = host.params as { w: number; b: number };
    return [params.w, params.b, ...history.flatMap((e) => [e.w, e.b, e.cost, e.epoch])];
  }
  if (tag === 'gd-curvature') {
    const history = host.history as { w: number; cost: number; iteration: number }[];
    expect(history.length, 'curvature history').to.be.above(0);
    return history.flatMap((e) => [e.w, e.cost, e.iteration]);
  }
  if (tag === 'gd-network') {
    const history = host.history as { cost: number; accuracy: number; testCost?: number }[][];
    expect(history.length, 'network history').to.be.above(0);
    return [...history.flat().flatMap((e) => [e.cost, e.accuracy, e.testCost ?? 0]), ...(host.weights as number[][]).flat()];
  }
  if (tag === 'gd-sweep') {
    const results = host.results as { cost: number; status: string; values: Record<string, number> }[];
    expect(results.length, 'sweep cells').to.be.above(0);
    // A diverged cell's cost is left off the plot (it ran away); every other number is drawn.
    return results.flatMap((cell) => [...Object.values(cell.values), ...(cell.status === 'diverged' ? [] : [cell.cost])]);
  }
  const trajectories = host.trajectories as { points: number[][]; costs: number[] }[];
  expect(trajectories.length, 'race trajectories').to.be.above(0);
  return trajectories.flatMap((t) => [...t.points.flat(), ...t.costs]);
}

const BAD_TEXT = /NaN|Infinity|undefined/;

function expectCleanShadow(host: Any, allowed: string | undefined): void {
  const root = host.shadowRoot!;
  let text = root.textContent ?? '';
  // The only place a NaN may appear is the author's own input, quoted in the note.
  if (allowed) text = text.split(allowed).join('');
  const bad = text.match(new RegExp(`.{0,60}(${BAD_TEXT.source}).{0,60}`));
  expect(bad, `rendered text: …${bad?.[0]}…`).to.equal(null);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of Array.from(element.attributes)) {
      expect(BAD_TEXT.test(attribute.value), `<${element.localName} ${attribute.name}="${attribute.value.slice(0, 120)}">`).to.equal(false);
    }
  }
}

function title(c: Case): string {
  const shown =
    c.via === 'remove'
      ? 'removed'
      : c.make
        ? `<${c.title}>`
        : typeof c.value === 'string'
          ? `"${c.value.length > 24 ? `${c.value.slice(0, 24)}… (${c.value.length} chars)` : c.value}"`
          : c.value === undefined
            ? 'undefined'
            : JSON.stringify(c.value);
  const how = c.via === 'attribute' ? c.attribute : c.via === 'remove' ? c.attribute : `.${c.property}`;
  const extra = c.title && !c.make ? ` (${c.title})` : '';
  return `${c.tag} ${how} = ${shown}${extra}${c.setup ? ` [${c.setup.slice(0, 90)}]` : ''} → ${c.outcome}`;
}

// ------------------------------------------------------------------ the table

describe('bad input: one rule for every attribute and property', function () {
  this.timeout(60000);

  it(`has ${CASES.length} cases (at least 470) over all six elements, none repeating a warned value`, () => {
    expect(CASES.length).to.be.at.least(470);
    for (const tag of Object.keys(DEFAULTS))
      expect(
        CASES.some((c) => c.tag === tag),
        tag,
      ).to.equal(true);
    // Warnings are once per element, attribute and value: a repeat would warn zero times.
    const seen = new Set<string>();
    for (const c of CASES.filter((c) => c.outcome === 'reject')) {
      const key = `${c.tag}|${c.attribute}|${c.quote ?? String(c.value)}`;
      expect(seen.has(key), key).to.equal(false);
      seen.add(key);
    }
  });

  for (const c of CASES) {
    it(title(c), async () => {
      const errors: string[] = [];
      const warnings: string[] = [];
      const onError = (event: ErrorEvent) => errors.push(String(event.message));
      const onRejection = (event: PromiseRejectionEvent) => errors.push(`unhandled rejection: ${String(event.reason)}`);
      const { warn, error } = console;
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      console.warn = (...args: unknown[]) => warnings.push(args.map((a) => String(a)).join(' '));
      console.error = (...args: unknown[]) => errors.push(args.map((a) => String(a)).join(' '));
      try {
        const wrapper = await fixture<Any>(markup(c));
        const host = wrapper;
        const target = (c.tag === 'gd-optimizer' ? host.querySelector('gd-optimizer') : host) as Any;
        await settle(host, target);
        warnings.length = 0;
        const before = target[c.property];

        const value = c.make ? c.make() : c.value;
        if (c.via === 'attribute') target.setAttribute(c.attribute, value as string);
        else if (c.via === 'remove') target.removeAttribute(c.attribute);
        else target[c.property] = value;
        await settle(host, target);

        const ignored = warnings.filter((w) => w.includes(`ignored ${c.attribute}=`));
        const noteKey = c.tag === 'gd-optimizer' ? `optimizer-0-${c.attribute}` : c.attribute;
        const note = host.shadowRoot!.querySelector(`[data-note="${noteKey}"]`);
        const quote = c.outcome === 'reject' ? (c.quote ?? quoteText(String(value))) : undefined;
        if (c.outcome === 'reject') {
          expect(target[c.property], 'keeps the last good value').to.deep.equal(before);
          expect(note, 'a visible note').to.not.equal(null);
          expect(note!.getBoundingClientRect().height, 'the note is visible').to.be.above(0);
          expect(note!.textContent, 'the note quotes the input').to.contain(`${c.attribute}=${quote}`);
          expect(note!.textContent.length, 'the note stays short').to.be.below(400);
          expect(ignored, `one warning: ${warnings.join(' | ')}`).to.have.length(1);
          expect(ignored[0], 'the warning quotes the input').to.contain(quote);
          expect(ignored[0].length, 'the warning stays short').to.be.below(400);
        } else {
          expect(target[c.property], 'the stored value').to.deep.equal(c.stored);
          expect(note, `no note: ${note?.textContent}`).to.equal(null);
          expect(ignored, `no warning: ${ignored.join(' | ')}`).to.have.length(0);
        }
        expectCleanShadow(host, quote);

        await host.step(5);
        await settle(host, target);
        const numbers = reportedNumbers(c.tag, host);
        expect(
          numbers.every(Number.isFinite),
          `finite numbers after step(5): ${numbers.filter((n) => !Number.isFinite(n)).join(', ')}`,
        ).to.equal(true);
        expectCleanShadow(host, quote);
        expect(errors, errors.join('\n')).to.have.length(0);
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onRejection);
        console.warn = warn;
        console.error = error;
      }
    });
  }

  // A note clears as soon as the value that caused it is replaced by a good one, also the
  // very value the widget kept (lit sees no change then): good → bad → good, by attribute
  // and by property.
  const CLEARED: [Tag, string, string, string, string, unknown, string][] = [
    ['gd-line-fit', 'size', 'size', '100', '-5', 100, ''],
    ['gd-curvature', 'learning-rate', 'learningRate', '0.3', '1e20', 0.3, ''],
    ['gd-sweep', 'cells', 'cells', '4', '1000', 4, 'steps="5"'],
    ['gd-optimizer-race', 'speed', 'speed', '5', '0', 5, ''],
    ['gd-optimizer-race', 'formula', 'formula', 'w1^2 + w2^2', 'w1 +', 'w1^2 + w2^2', 'landscape="custom"'],
    ['gd-optimizer', 'learning-rate', 'learningRate', '0.2', '-3', 0.2, ''],
  ];
  for (const [tag, attribute, property, good, bad, goodValue, setup] of CLEARED) {
    for (const via of ['attribute', 'property'] as const) {
      it(`${tag} ${attribute}: ${good} → ${bad} → ${good} (${via}) clears the note`, async () => {
        const { warn } = console;
        console.warn = () => {};
        try {
          const c = { tag, property, attribute, via, outcome: 'default' as const, setup: `${setup} ${attribute}="${good}"` };
          const host = await fixture<Any>(markup(c));
          const target = (tag === 'gd-optimizer' ? host.querySelector('gd-optimizer') : host) as Any;
          await settle(host, target);
          const key = tag === 'gd-optimizer' ? `optimizer-0-${attribute}` : attribute;
          const note = () => host.shadowRoot!.querySelector(`[data-note="${key}"]`);
          const set = (value: unknown) =>
            via === 'attribute' ? target.setAttribute(attribute, String(value)) : (target[property] = value);
          set(bad);
          await settle(host, target);
          expect(note(), 'the note of the bad value').to.not.equal(null);
          expect(target[property]).to.deep.equal(goodValue);
          set(via === 'attribute' ? good : goodValue);
          await settle(host, target);
          expect(note(), `still noted: ${note()?.textContent}`).to.equal(null);
          expect(target[property]).to.deep.equal(goodValue);
        } finally {
          console.warn = warn;
        }
      });
    }
  }

  it('remembers a bounded number of warned values, however many long ones arrive', async () => {
    const el = await fixture<Any>('<gd-line-fit></gd-line-fit>');
    const { warn } = console;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      for (let i = 0; i < 300; i++) {
        el.setAttribute('noise', `${i}${'y'.repeat(250_000)}`);
        await el.updateComplete;
      }
    } finally {
      console.warn = warn;
    }
    expect(warnings.length).to.be.at.least(1);
    expect(warnings.every((w) => w.length < 400)).to.equal(true);
    expect(warnedCount()).to.be.at.most(256);
  });
});
