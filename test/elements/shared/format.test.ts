import { expect } from '@open-wc/testing';
import { formatNumber } from '../../../src/elements/shared/format.js';

describe('formatNumber', () => {
  const inLang = (lang: string) => {
    const element = document.createElement('span');
    element.lang = lang;
    document.body.append(element);
    return element;
  };
  afterEach(() => document.querySelectorAll('body > span[lang]').forEach((element) => element.remove()));

  it('writes large and small magnitudes as × 10ⁿ, never as E-notation', () => {
    const element = inLang('en');
    expect(formatNumber(element, 1.26e17)).to.equal('1.26 × 10¹⁷');
    expect(formatNumber(element, -8.95e10)).to.equal('-8.95 × 10¹⁰');
    expect(formatNumber(element, 3.2e-4)).to.equal('3.2 × 10⁻⁴');
    expect(formatNumber(element, 1e-12)).to.equal('1 × 10⁻¹²');
  });

  it('keeps plain notation between 0.001 and a million', () => {
    const element = inLang('en');
    expect(formatNumber(element, 0.0123)).to.equal('0.0123');
    expect(formatNumber(element, 123456)).to.equal('123,500');
    expect(formatNumber(element, 0)).to.equal('0');
  });

  it('uses the decimal sign of the lang it is in', () => {
    expect(formatNumber(inLang('de'), 1.26e17)).to.equal('1,26 × 10¹⁷');
    expect(formatNumber(inLang('de'), 2.5)).to.equal('2,5');
  });

  it('shows a dash, never NaN or Infinity', () => {
    const element = inLang('en');
    expect(formatNumber(element, NaN)).to.equal('—');
    expect(formatNumber(element, Infinity)).to.equal('—');
  });
});
