import { expect } from '@open-wc/testing';
import { scaleLinear } from 'd3-scale';
import { clampToDomain, clientToPlot, nudgePoint, startPointDrag, type Domain2D } from '../../../src/elements/shared/plot/drag.js';

const DOMAIN: Domain2D = { x: [0, 10], y: [-5, 5] };

/**
 * A real small element: a 200 × 100 px plot with a handle. Pixels map to data as
 * x = px / 20, y = 5 − py / 10, so the plot shows exactly DOMAIN and points outside it
 * are outside the box.
 */
function plotWithHandle() {
  const plot = document.createElement('div');
  plot.style.cssText = 'position: fixed; left: 0; top: 0; width: 200px; height: 100px;';
  const handle = document.createElement('div');
  handle.style.cssText = 'position: absolute; left: 90px; top: 40px; width: 20px; height: 20px;';
  plot.append(handle);
  document.body.append(plot);

  const frames: (() => void)[] = [];
  const previews: [number, number][] = [];
  const commits: [number, number][] = [];
  const toData = (clientX: number, clientY: number): [number, number] => {
    const box = plot.getBoundingClientRect();
    return [(clientX - box.left) / 20, 5 - (clientY - box.top) / 10];
  };
  handle.addEventListener('pointerdown', (event) =>
    startPointDrag(event, {
      toData,
      domain: DOMAIN,
      onPreview: (point) => previews.push(point),
      onCommit: (point) => commits.push(point),
      schedule: (callback) => void frames.push(callback),
    }),
  );
  const pointer = (type: string, clientX: number, clientY: number) =>
    handle.dispatchEvent(new PointerEvent(type, { clientX, clientY, pointerId: 7, bubbles: true, cancelable: true }));
  /** Runs the frame: every callback scheduled so far. */
  const frame = () => frames.splice(0).forEach((callback) => callback());
  return { plot, handle, previews, commits, frames, pointer, frame, remove: () => plot.remove() };
}

describe('startPointDrag (a real element, synthetic pointer events, frames under the test’s control)', () => {
  it('previews the press at once, the moves at most once per frame with the last position, and commits once', () => {
    const drag = plotWithHandle();
    try {
      drag.pointer('pointerdown', 100, 50);
      expect(drag.previews, 'the press previews at once').to.deep.equal([[5, 0]]);

      // Two moves in one frame, then three in the next.
      drag.pointer('pointermove', 120, 40);
      drag.pointer('pointermove', 140, 30);
      expect(drag.frames).to.have.length(1);
      expect(drag.previews, 'no preview before the frame').to.have.length(1);
      drag.frame();
      expect(drag.previews).to.deep.equal([
        [5, 0],
        [7, 2],
      ]);
      drag.pointer('pointermove', 150, 60);
      drag.pointer('pointermove', 160, 70);
      drag.pointer('pointermove', 180, 80);
      expect(drag.frames, 'one frame asked for, however many moves').to.have.length(1);
      drag.frame();
      expect(drag.previews).to.have.length(3);
      expect(drag.previews[2]).to.deep.equal([9, -3]);
      expect(drag.commits).to.deep.equal([]);

      drag.pointer('pointerup', 180, 80);
      expect(drag.commits).to.deep.equal([[9, -3]]);
    } finally {
      drag.remove();
    }
  });

  it('folds a preview still waiting into the commit: no preview after it, and no events after release', () => {
    const drag = plotWithHandle();
    try {
      drag.pointer('pointerdown', 100, 50);
      for (const x of [110, 120, 130, 140, 150]) drag.pointer('pointermove', x, 50);
      expect(drag.frames).to.have.length(1);
      drag.pointer('pointerup', 150, 50);
      expect(drag.commits).to.deep.equal([[7.5, 0]]);
      drag.frame();
      expect(drag.previews, 'only the press previewed').to.deep.equal([[5, 0]]);
      // Moves and a second release after the drag ended change nothing.
      drag.pointer('pointermove', 20, 20);
      drag.pointer('pointerup', 20, 20);
      drag.frame();
      expect(drag.frames).to.have.length(0);
      expect(drag.previews).to.have.length(1);
      expect(drag.commits).to.have.length(1);
    } finally {
      drag.remove();
    }
  });

  it('clamps previews and the commit to the domain when the pointer leaves the plot', () => {
    const drag = plotWithHandle();
    try {
      drag.pointer('pointerdown', 100, 50);
      drag.pointer('pointermove', 400, -300);
      drag.frame();
      expect(drag.previews[1]).to.deep.equal([10, 5]);
      drag.pointer('pointermove', -50, 180);
      drag.frame();
      expect(drag.previews[2]).to.deep.equal([0, -5]);
      drag.pointer('pointermove', 60, 400);
      drag.pointer('pointercancel', 60, 400);
      expect(drag.commits, 'a cancel commits the last clamped position').to.deep.equal([[3, -5]]);
    } finally {
      drag.remove();
    }
  });

  it('clamps a press outside the domain too', () => {
    const drag = plotWithHandle();
    try {
      // The press is on the handle; a toData that disagrees (a plot resized meanwhile) still clamps.
      const far = new PointerEvent('pointerdown', { clientX: 1000, clientY: -1000, pointerId: 7, bubbles: true, cancelable: true });
      drag.handle.dispatchEvent(far);
      expect(far.defaultPrevented, 'the press does not start a text selection or a scroll').to.equal(true);
      expect(drag.previews).to.deep.equal([[10, 5]]);
      drag.pointer('pointerup', 1000, -1000);
      expect(drag.commits).to.deep.equal([[10, 5]]);
    } finally {
      drag.remove();
    }
  });
});

describe('clampToDomain and nudgePoint', () => {
  it('clamps each coordinate to its range', () => {
    expect(clampToDomain([-1, 9], DOMAIN)).to.deep.equal([0, 5]);
    expect(clampToDomain([4, -2], DOMAIN)).to.deep.equal([4, -2]);
  });

  it('moves by 1% of the domain (10% with Shift), clamped, and ignores other keys', () => {
    const key = (key: string, shiftKey = false) => new KeyboardEvent('keydown', { key, shiftKey, cancelable: true });
    expect(nudgePoint(key('ArrowRight'), [5, 0], DOMAIN)).to.deep.equal([5.1, 0]);
    expect(nudgePoint(key('ArrowUp', true), [5, 0], DOMAIN)).to.deep.equal([5, 1]);
    expect(nudgePoint(key('ArrowLeft', true), [0.5, 0], DOMAIN)).to.deep.equal([0, 0]);
    const other = key('a');
    expect(nudgePoint(other, [5, 0], DOMAIN)).to.equal(undefined);
    expect(other.defaultPrevented).to.equal(false);
  });
});

describe('clientToPlot', () => {
  it('maps a pointer through the scales from the svg as drawn, inside its margin', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '240');
    svg.setAttribute('height', '140');
    svg.style.cssText = 'position: fixed; left: 30px; top: 50px';
    document.body.append(svg);
    try {
      // A 200 × 100 inner frame 20 px in from the left and 10 px down: x = px / 20, y = 5 − py / 10.
      const scales = { x: scaleLinear([0, 10], [0, 200]), y: scaleLinear([-5, 5], [100, 0]) };
      const margin = { left: 20, top: 10 };
      expect(clientToPlot(svg, scales, margin, 30 + 20 + 100, 50 + 10 + 30)).to.deep.equal([5, 2]);
      expect(clientToPlot(svg, scales, margin, 30 + 20, 50 + 10 + 100)).to.deep.equal([0, -5]);
    } finally {
      svg.remove();
    }
  });
});
