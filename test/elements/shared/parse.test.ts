import { expect } from '@open-wc/testing';
import { describeValue, parseFiniteNumber, parsePair } from '../../../src/elements/shared/parse.js';

describe('parsing attribute text and property values', () => {
  it('reads decimal and exponent forms, with spaces around', () => {
    const good: [string, number][] = [
      ['12', 12],
      ['-0.5', -0.5],
      ['.5', 0.5],
      ['5.', 5],
      ['+3', 3],
      ['1e-3', 0.001],
      ['2E+2', 200],
      [' 7 ', 7],
      ['1e308', 1e308],
    ];
    for (const [text, value] of good) expect(parseFiniteNumber(text), text).to.equal(value);
  });

  it('rejects hex, binary, trailing characters, empty text and non-finite values', () => {
    for (const text of ['0x10', '0b1', '0o7', '1_000', '2,', '10abc', '', ' ', 'NaN', 'Infinity', '1e999', '--1', '1e', 'e5', '.']) {
      expect(parseFiniteNumber(text), JSON.stringify(text)).to.equal(undefined);
    }
    for (const value of [NaN, Infinity, -Infinity, 10n, true, null, undefined, {}, Object.create(null), Symbol('s'), () => 1, [1]]) {
      expect(parseFiniteNumber(value), describeValue(value)).to.equal(undefined);
    }
  });

  it('reads a pair from text or a two-number array', () => {
    expect(parsePair('1,-2')).to.deep.equal([1, -2]);
    expect(parsePair([3, '4'])).to.deep.equal([3, 4]);
    for (const value of ['1', '1,2,3', '0x1,2', ',', [1], Object.create(null)]) expect(parsePair(value)).to.equal(undefined);
  });

  it('describes any value without throwing, quoting text cut to 40 characters', () => {
    expect(describeValue('abc')).to.equal('"abc"');
    expect(describeValue('z'.repeat(100_000))).to.equal(`"${'z'.repeat(40)}…"`);
    expect(describeValue(NaN)).to.equal('NaN');
    expect(describeValue(10n)).to.equal('10n');
    expect(describeValue(Symbol('s'))).to.equal('Symbol(s)');
    expect(describeValue(Object.create(null))).to.equal('an object');
    expect(describeValue(() => 1)).to.equal('a function');
    expect(describeValue([1, 2])).to.equal('an array of 2');
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    expect(describeValue(proxy)).to.equal('a revoked proxy');
    // Objects by their first keys, so two rejected objects are told apart; traps that throw are not a throw here.
    expect(describeValue({ iteration: 1, seed: 2 })).to.equal('an object {iteration, seed}');
    expect(describeValue({ a: 1, b: 2, c: 3, d: 4, e: 5 })).to.equal('an object {a, b, c, …}');
    expect(describeValue({ ['k'.repeat(60)]: 1 })).to.equal(`an object {${'k'.repeat(29)}…`);
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    expect(describeValue(hostile)).to.equal('an unreadable object');
  });
});
