import { expect } from '@open-wc/testing';
import { scaleLog } from 'd3-scale';
import { formatLogTick } from '../../../src/elements/shared/format.js';
import { MARGIN, landscapeDomain, trajectoryPath, viewSize, withLogTicks } from '../../../src/elements/line-fit/internal/layout.js';

/* The line fit's geometry, without an element or a document. */

const entry = (iteration: number, w: number, b: number) => ({ iteration, epoch: iteration, w, b, cost: 1 });

describe('line-fit layout', () => {
  it('puts the visible views side by side from 720 px, stacked below, 220 to 340 px tall', () => {
    const wide = viewSize(900, 3);
    // Three columns and two 16 px gaps fill 900 px.
    expect(wide.column).to.equal(Math.floor((900 - 32) / 3));
    expect(wide.height).to.equal(260); // 0.9 × 289.3, rounded
    expect(wide.innerW).to.equal(wide.column - MARGIN.left - MARGIN.right);
    expect(wide.innerH).to.equal(wide.height - MARGIN.top - MARGIN.bottom);
    expect(viewSize(900, 1).column).to.equal(900);
    expect(viewSize(900, 1).height).to.equal(340);
    const narrow = viewSize(500, 3);
    expect(narrow.column).to.equal(500);
    // Never narrower than 240 px, never lower than 220 px.
    expect(viewSize(100, 3)).to.include({ column: 240, height: 220 });
  });

  it('centres the landscape on the truth, at least ±4 wide, and widens it to show the start and the minimum', () => {
    expect(landscapeDomain([2, -1], [1, 0], { w: 2.1, b: -0.9 })).to.deep.equal({ x: [-2, 6], y: [-5, 3] });
    const far = landscapeDomain([0, 0], [10, -20], { w: 0, b: 0 });
    expect(far.x[0]).to.be.closeTo(-11.5, 1e-12);
    expect(far.x[1]).to.be.closeTo(11.5, 1e-12);
    expect(far.y[1]).to.be.closeTo(23, 1e-12);
    // A diverged solution (not finite) does not blow the window up.
    expect(landscapeDomain([0, 0], [0, 0], { w: NaN, b: Infinity })).to.deep.equal({ x: [-4, 4], y: [-4, 4] });
  });

  it('labels a log axis 1-2-5 over two decades and by whole decades beyond', () => {
    const short = withLogTicks(scaleLog().domain([0.1, 10]).range([100, 0]));
    expect(short.ticks()).to.deep.equal([0.1, 0.2, 0.5, 1, 2, 5, 10]);
    const long = withLogTicks(scaleLog().domain([1e-6, 1e4]).range([100, 0]));
    expect(long.ticks()).to.deep.equal([1e-6, 1e-4, 0.01, 1, 100, 1e4]);
    expect(short(1)).to.be.closeTo(50, 1e-9);
    const plain = (v: number) => String(v);
    expect(formatLogTick(1e-6, plain, 4)).to.equal('10⁻⁶');
    expect(formatLogTick(1e12, plain, 4)).to.equal('10¹²');
    expect(formatLogTick(100, plain, 4)).to.equal('100');
    expect(formatLogTick(2e-6, plain, 4)).to.equal('0.000002');
  });

  it('draws the trajectory clamped to the window, thinned, ending at the last point, and stops at a non-finite one', () => {
    const domain = { x: [0, 10] as [number, number], y: [0, 10] as [number, number] };
    const x = (v: number) => v * 10;
    const y = (v: number) => 100 - v * 10;
    expect(trajectoryPath([entry(0, 1, 1)], x, y, domain, 10)).to.equal('');
    expect(trajectoryPath([entry(0, 1, 1), entry(1, 20, -5)], x, y, domain, 10)).to.equal('M10.0,90.0L100.0,100.0');
    const long = Array.from({ length: 101 }, (_, i) => entry(i, i / 10, 5));
    const path = trajectoryPath(long, x, y, domain, 10);
    const vertices = path.split(/[ML]/).filter(Boolean);
    expect(vertices.length).to.be.at.most(12);
    expect(vertices.at(-1)).to.equal('100.0,50.0');
    expect(trajectoryPath([entry(0, 1, 1), entry(1, 2, 2), entry(2, NaN, 0)], x, y, domain, 10)).to.equal('M10.0,90.0L20.0,80.0');
  });
});
