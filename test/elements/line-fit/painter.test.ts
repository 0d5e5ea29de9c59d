import { expect } from '@open-wc/testing';
import { LineDataset } from '../../../src/elements/line-fit/internal/dataset.js';
import { LineFitPainter, type LineFitPaintSnapshot } from '../../../src/elements/line-fit/internal/painter.js';
import { dataScales } from '../../../src/elements/line-fit/internal/layout.js';

/* The painter alone: plain canvases and a plain snapshot, no element. */

function alphaAt(canvas: HTMLCanvasElement, x: number, y: number): number {
  const ratio = canvas.width / parseFloat(canvas.style.width);
  return canvas.getContext('2d')!.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data[3];
}

describe('line-fit painter', () => {
  let root: HTMLDivElement;
  let snapshot: LineFitPaintSnapshot;
  const dataset = new LineDataset({ size: 30, noise: 0.2, slope: 1, intercept: 0, seed: 4, testFraction: 0 });

  beforeEach(() => {
    root = document.createElement('div');
    root.style.cssText = '--_point: rgb(0, 0, 255); --_train: rgb(255, 0, 0); --_test: rgb(0, 128, 0)';
    document.body.append(root);
    snapshot = {
      canvases: {
        scatter: document.createElement('canvas'),
        contours: document.createElement('canvas'),
        costs: document.createElement('canvas'),
      },
      innerW: 200,
      innerH: 120,
      dataset,
      dataKey: 'a',
      history: [{ iteration: 0, epoch: 0, w: -2, b: 3, cost: dataset.cost(-2, 3) }],
      domain: { x: [-3, 5], y: [-4, 4] },
      styleRoot: root,
      themeKey: 'light',
    };
  });
  afterEach(() => root.remove());

  it('draws every layer once, then only what changed: the chart always, contours for a new window, the scatter for a new theme', () => {
    const painter = new LineFitPainter();
    expect(painter.paint(snapshot)).to.deep.equal({ scatter: true, contours: true, chart: true });
    expect(painter.paint(snapshot)).to.deep.equal({ scatter: false, contours: false, chart: true });
    expect(painter.paint({ ...snapshot, domain: { x: [-2, 6], y: [-4, 4] } })).to.deep.equal({
      scatter: false,
      contours: true,
      chart: true,
    });
    expect(painter.paint({ ...snapshot, domain: { x: [-2, 6], y: [-4, 4] }, themeKey: 'dark' })).to.include({
      scatter: true,
      contours: false,
    });
    expect(painter.paint({ ...snapshot, dataKey: 'b', innerW: 180 })).to.include({ scatter: true, contours: true });
    painter.invalidate();
    expect(painter.paint({ ...snapshot, dataKey: 'b', innerW: 180 })).to.include({ scatter: true, contours: true });
  });

  it('puts a dot at each data point in the colour the theme resolves to', () => {
    new LineFitPainter().paint(snapshot);
    const canvas = snapshot.canvases.scatter!;
    const { x, y } = dataScales(dataset.extent, 200, 120);
    const [px, py] = [x(dataset.x[0]), y(dataset.y[0])];
    expect(alphaAt(canvas, px, py)).to.be.above(0);
    const ratio = canvas.width / 200;
    const [r, g, b] = canvas.getContext('2d')!.getImageData(Math.round(px * ratio), Math.round(py * ratio), 1, 1).data;
    expect([r, g, b]).to.deep.equal([0, 0, 255]);
    // The data rise along y = x: the top-left and bottom-right corners stay empty.
    expect(alphaAt(canvas, 2, 2)).to.equal(0);
    expect(alphaAt(canvas, 198, 118)).to.equal(0);
  });

  it('paints nothing without its canvases', () => {
    const painted = new LineFitPainter().paint({ ...snapshot, canvases: { ...snapshot.canvases, costs: undefined } });
    expect(painted).to.deep.equal({ scatter: false, contours: false, chart: false });
  });
});
