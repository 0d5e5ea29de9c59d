import { expect } from '@open-wc/testing';
import { scaleLinear } from 'd3-scale';
import { TAIL_LENGTH, type SwarmTails } from '../../../../src/elements/optimizer-race/internal/swarm/swarm-model.js';
import { SwarmPainter } from '../../../../src/elements/optimizer-race/internal/swarm/swarm-view.js';
import type { PlotScales } from '../../../../src/elements/optimizer-race/internal/view/layout.js';

const plot: PlotScales = {
  x: scaleLinear().domain([0, 10]).range([0, 100]),
  y: scaleLinear().domain([0, 10]).range([100, 0]),
  innerWidth: 100,
  innerHeight: 100,
};

/** One particle of one optimizer, resting at (w1, w2): every tail slot holds that point. */
function restingAt(tails: SwarmTails, w1: number, w2: number): void {
  for (let slot = 0; slot < TAIL_LENGTH; slot++) [tails.positions[slot * 2], tails.positions[slot * 2 + 1]] = [w1, w2];
}

/** Whether anything is painted within 3 px of a canvas point. */
function paintedNear(context: CanvasRenderingContext2D, x: number, y: number): boolean {
  const data = context.getImageData(x - 3, y - 3, 7, 7).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
  return false;
}

/** A 100 × 100 canvas, a swarm of one particle of one optimizer at update 0, and a painter. */
function onePainter() {
  const canvas = document.createElement('canvas');
  canvas.width = 100;
  canvas.height = 100;
  const tails: SwarmTails = {
    optimizers: [0],
    size: 1,
    positions: new Float32Array(TAIL_LENGTH * 2),
    head: 0,
    length: 1,
    diverged: new Uint8Array(1),
    iteration: 0,
  };
  return { context: canvas.getContext('2d')!, tails, painter: new SwarmPainter(), colors: { series0: 'rgb(200, 0, 0)' } };
}

describe('SwarmPainter', () => {
  it('draws each particle where the latest whole update left it, and again after the next one', () => {
    const { context, tails, painter, colors } = onePainter();
    restingAt(tails, 2, 2);
    painter.draw(context, tails, plot, colors, null);
    expect(paintedNear(context, 20, 80), 'the dot at (2, 2)').to.equal(true);
    // The same frame painted again (nothing new from the swarm): the same picture.
    context.clearRect(0, 0, 100, 100);
    painter.draw(context, tails, plot, colors, null);
    expect(paintedNear(context, 20, 80)).to.equal(true);
    // The next whole update moved it.
    restingAt(tails, 7, 7);
    tails.iteration = 1;
    context.clearRect(0, 0, 100, 100);
    painter.draw(context, tails, plot, colors, null);
    expect(paintedNear(context, 70, 30), 'the dot at (7, 7)').to.equal(true);
    expect(paintedNear(context, 20, 80), 'nothing left at (2, 2)').to.equal(false);
  });

  it('draws new positions ahead of the paint; a paint told they come later shows the ones drawn last', () => {
    const { context, tails, painter, colors } = onePainter();
    restingAt(tails, 2, 2);
    painter.draw(context, tails, plot, colors, null);
    restingAt(tails, 7, 7);
    tails.iteration = 1;
    context.clearRect(0, 0, 100, 100);
    painter.draw(context, tails, plot, colors, null, true);
    expect(paintedNear(context, 20, 80), 'still the dot at (2, 2)').to.equal(true);
    expect(paintedNear(context, 70, 30)).to.equal(false);
    painter.renderAhead(tails);
    context.clearRect(0, 0, 100, 100);
    painter.draw(context, tails, plot, colors, null, true);
    expect(paintedNear(context, 70, 30), 'the dot at (7, 7), drawn ahead').to.equal(true);
    expect(paintedNear(context, 20, 80)).to.equal(false);
  });
});
