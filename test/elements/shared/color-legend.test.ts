import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { contourPlan } from '../../../src/elements/shared/plot/contours.js';
import { legendTicks, renderColorLegend } from '../../../src/elements/shared/plot/color-legend.js';

/** An n×n grid of J = w1² + w2² on [−r, r]² (its minimum 0 at the centre sample). */
function bowl(n: number, r: number) {
  const values = new Float64Array(n * n);
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++) {
      const w1 = -r + (2 * r * col) / (n - 1);
      const w2 = -r + (2 * r * row) / (n - 1);
      values[row * n + col] = w1 * w1 + w2 * w2;
    }
  return { values, n };
}

describe('colour legend of a contour map', () => {
  it('labels the bar in the cost’s units, each tick where its colour is', () => {
    const plan = contourPlan(bowl(41, 10));
    const ticks = legendTicks(plan);
    expect(ticks[0]).to.deep.equal({ cost: 0, at: 0 });
    // The top of the bar is J = 200 (a corner); ticks are 1-2-5 steps or whole decades below it.
    for (const tick of ticks.slice(1)) {
      expect(tick.cost).to.be.at.most(200);
      expect(tick.at).to.be.closeTo(Math.log1p(tick.cost) / Math.log1p(200), 1e-12);
      const mantissa = tick.cost / 10 ** Math.floor(Math.log10(tick.cost));
      expect([1, 2, 5]).to.include(Math.round(mantissa));
    }
    expect(ticks.length).to.be.within(3, 6);
    // Increasing along the bar.
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].at).to.be.greaterThan(ticks[i - 1].at);
  });

  it('keeps a long range to a few decades, and shifts ticks by the grid’s minimum', () => {
    const grid = bowl(41, 1000);
    for (let i = 0; i < grid.values.length; i++) grid.values[i] -= 5;
    const ticks = legendTicks(contourPlan(grid));
    expect(ticks[0].cost).to.equal(-5);
    expect(ticks.length).to.be.at.most(6);
    for (const tick of ticks.slice(1)) expect(Math.log10(tick.cost + 5) % 1).to.be.closeTo(0, 1e-9);
  });

  it('renders readable labels and names its numbers for screen readers', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const plan = contourPlan(bowl(41, 10));
    render(renderColorLegend(plan, { width: 300, id: 'legend-test', label: 'Cost J', format: (v) => String(v) }), host);
    const labels = [...host.querySelectorAll('text')].map((text) => text.textContent);
    expect(labels[0]).to.equal('0');
    expect(labels.length).to.equal(legendTicks(plan).length);
    expect(host.querySelector('svg')!.getAttribute('aria-label')).to.match(/^Cost J: 0, .*lighter is lower$/);
    host.remove();
  });
});
