import { expect } from '@open-wc/testing';
import { seriesStyle } from '../../../src/elements/shared/plot/series-style.js';

const key = (i: number) => JSON.stringify(seriesStyle(i));

describe('racer series styles', () => {
  it('gives every optimizer its own colour, dash and marker combination, however many race', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const style = key(i);
      expect(seen.has(style), `optimizers ${seen.get(style)} and ${i} look the same: ${style}`).to.equal(false);
      seen.set(style, i);
    }
  });

  it('keeps optimizers 0 and 16 (the old repeat) apart', () => {
    expect(key(16)).to.not.equal(key(0));
  });

  it('varies colour, dash and marker at once among the first four', () => {
    const first = [0, 1, 2, 3].map(seriesStyle);
    for (const field of ['color', 'marker'] as const) expect(new Set(first.map((s) => s[field])).size, field).to.equal(4);
    expect(new Set(first.map((s) => JSON.stringify(s.dash))).size, 'dash').to.equal(4);
  });

  it('draws only finite, positive dash lengths', () => {
    for (let i = 0; i < 1000; i++) {
      for (const length of seriesStyle(i).dash) expect(Number.isFinite(length) && length > 0, `${i}: ${length}`).to.equal(true);
    }
  });
});
