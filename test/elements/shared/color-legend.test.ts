import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { contourPlan } from '../../../src/elements/shared/plot/contours.js';
import { legendDigits, legendTicks, renderColorLegend, visibleTicks } from '../../../src/elements/shared/plot/color-legend.js';

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

describe('colour legend labels', () => {
  it('never overlap and stay inside the bar, however close their ticks are', () => {
    const ticks = [
      { cost: 0.0392, at: 0, text: '0.0392' },
      { cost: 2.039, at: 0.08, text: '2.039' },
      { cost: 10.04, at: 0.3, text: '10.04' },
      { cost: 1.26e17, at: 1, text: '1.26 × 10¹⁷' },
    ];
    const kept = visibleTicks(ticks, 300);
    expect(kept.map((tick) => tick.text)).to.deep.equal(['0.0392', '10.04', '1.26 × 10¹⁷']);
    expect(kept[0].anchor).to.equal('start');
    expect(kept.at(-1)!.anchor).to.equal('end');
  });

  it('renders labels that do not overlap in the page', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const grid = bowl(41, 30);
    render(
      renderColorLegend(contourPlan(grid), { width: 240, id: 'legend-overlap', label: 'Cost J', format: (v) => v.toPrecision(4) }),
      host,
    );
    // The elements set the labels at 10–11 px; measure them as drawn there.
    host.querySelectorAll('text').forEach((text) => (text.style.fontSize = '11px'));
    const boxes = [...host.querySelectorAll('text')].map((text) => text.getBoundingClientRect());
    const bar = host.querySelector('rect')!.getBoundingClientRect();
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].left).to.be.at.least(boxes[i - 1].right);
    expect(boxes[0].left).to.be.at.least(bar.left - 2); // a glyph's side bearing
    expect(boxes.at(-1)!.right).to.be.at.most(bar.right + 2);
    host.remove();
  });

  it('are read at a glance: two significant digits, all of a whole part, three in × 10ⁿ', () => {
    expect([0.003531, 0.25, 1.0035, 12.34, 1234.5, 999_999, 1.26e17, 0].map(legendDigits)).to.deep.equal([2, 2, 2, 2, 4, 6, 3, 2]);
    const host = document.createElement('div');
    document.body.append(host);
    // A bowl lifted so its lowest cost is 0.003531 (Himmelblau's grid minimum reads so).
    const grid = bowl(41, 10);
    grid.values.forEach((value, i) => (grid.values[i] = value + 0.003531));
    const format = (value: number, { digits }: { digits: number }) =>
      new Intl.NumberFormat('en', { maximumSignificantDigits: digits }).format(value);
    render(renderColorLegend(contourPlan(grid), { width: 300, id: 'legend-digits', label: 'Cost J', format }), host);
    const labels = [...host.querySelectorAll('text')].map((text) => text.textContent);
    expect(labels[0]).to.equal('0.0035');
    for (const label of labels.slice(1)) expect(label, 'J_min + 1, 2, 5 × 10ᵏ read as round numbers').to.match(/^[125]0*$/);
    host.remove();
  });
});
