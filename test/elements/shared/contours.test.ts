import { expect } from '@open-wc/testing';
import { drawFilledContours } from '../../../src/elements/shared/plot/contours.js';

describe('filled contours', () => {
  it('put the lowest band where the minimum is (samples span the plot edge to edge)', () => {
    // J = (u − 0.3)² + (v − 0.7)² on an 11×11 grid over [0, 1]², sampled at i / 10.
    const n = 11;
    const values = new Float64Array(n * n);
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) values[row * n + col] = (col / (n - 1) - 0.3) ** 2 + (row / (n - 1) - 0.7) ** 2;
    }
    const size = 201;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    drawFilledContours(context, { values, n }, { width: size, height: size, bands: 12 });
    const pixels = context.getImageData(0, 0, size, size).data;
    // The lightest colour is the lowest band; its centroid is the minimum's pixel.
    let brightest = 0;
    for (let i = 0; i < pixels.length; i += 4) brightest = Math.max(brightest, pixels[i] + pixels[i + 1] + pixels[i + 2]);
    let sx = 0;
    let sy = 0;
    let count = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = (y * size + x) * 4;
        if (pixels[i] + pixels[i + 1] + pixels[i + 2] === brightest) {
          sx += x + 0.5;
          sy += y + 0.5;
          count++;
        }
      }
    }
    expect(count).to.be.greaterThan(10);
    // u = 0.3 → 30% from the left; v = 0.7 → 70% up, i.e. 30% from the top.
    expect(sx / count).to.be.closeTo(0.3 * size, 1.5);
    expect(sy / count).to.be.closeTo(0.3 * size, 1.5);
  });
});
