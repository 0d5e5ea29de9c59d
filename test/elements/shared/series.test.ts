import { expect } from '@open-wc/testing';
import { drawSeries } from '../../../src/elements/shared/plot/series.js';

function paintedAt(context: CanvasRenderingContext2D, x: number, y: number): boolean {
  return context.getImageData(Math.round(x), Math.round(y), 1, 1).data[3] > 0;
}

describe('cost-per-step series', () => {
  it('shows the starting cost as a dot before the first update, and a line after', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 100;
    canvas.height = 100;
    const context = canvas.getContext('2d')!;
    const x = (i: number) => 10 + i * 40;
    const y = (value: number) => 100 - value * 10;
    drawSeries(context, [{ values: [5], color: '#c8302a' }], x, y, 100);
    expect(paintedAt(context, 10, 50)).to.equal(true);

    context.clearRect(0, 0, 100, 100);
    drawSeries(context, [{ values: [5, 3], color: '#c8302a' }], x, y, 100);
    expect(paintedAt(context, 30, 60)).to.equal(true); // halfway along the segment
    expect(paintedAt(context, 10, 40)).to.equal(false); // no dot above the line's start
  });

  it('leaves non-finite costs out instead of drawing them', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 100;
    canvas.height = 100;
    const context = canvas.getContext('2d')!;
    drawSeries(
      context,
      [{ values: [Number.NaN, Number.POSITIVE_INFINITY], color: '#000' }],
      (i) => i * 50,
      (v) => v,
      100,
    );
    const pixels = context.getImageData(0, 0, 100, 100).data;
    expect(pixels.some((value, i) => i % 4 === 3 && value > 0)).to.equal(false);
  });
});
