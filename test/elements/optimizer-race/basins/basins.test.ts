import { expect } from '@open-wc/testing';
import * as tf from '../../../../src/core/tf.js';
import { getLandscape, type Landscape } from '../../../../src/core/index.js';
import {
  BASIN_DIVERGED,
  BASIN_MOVING,
  basinStarts,
  cachedBasins,
  clearBasinCache,
  computeBasins,
  type BasinMap,
} from '../../../../src/elements/optimizer-race/internal/basins/basins.js';
import { BASIN_COLOR_SLOTS, basinSlots, paintBasins } from '../../../../src/elements/optimizer-race/internal/basins/basin-paint.js';

const himmelblau = getLandscape('himmelblau')!;
const sgd = (learningRate: number) => ({ type: 'sgd' as const, hyperparameters: { learningRate } });

/** The cell (row, column) whose square holds `point`. */
function cellOf(landscape: Landscape, grid: number, [x, y]: readonly number[]): number {
  const [a, b] = landscape.domain.w1;
  const [c, d] = landscape.domain.w2;
  const column = Math.floor(((x - a) / (b - a)) * grid);
  const row = Math.floor(((y - c) / (d - c)) * grid);
  return row * grid + column;
}

function total(map: BasinMap): number {
  return [...map.counts.values()].reduce((sum, n) => sum + n, 0);
}

describe('basin maps (where every start of a grid ends)', function () {
  this.timeout(60_000);
  beforeEach(() => clearBasinCache());

  it('puts the starts at the cell centres over the plotted window, row 0 the lowest w₂', () => {
    const starts = basinStarts(himmelblau, 4);
    expect(starts).to.have.length(16);
    expect(starts[0]).to.deep.equal([-3.75, -3.75]);
    expect(starts[3]).to.deep.equal([3.75, -3.75]);
    expect(starts[15]).to.deep.equal([3.75, 3.75]);
  });

  it('on Himmelblau with plain GD at a small α, each minimum owns its own cell and a basin of its own; every cell has a class', async () => {
    const grid = 32;
    const map = (await computeBasins(himmelblau, sgd(0.005), { grid }).done)!;
    expect(map.classes).to.have.length(grid * grid);
    expect(total(map)).to.equal(grid * grid);
    himmelblau.minima.forEach((m, i) => {
      expect(map.classes[cellOf(himmelblau, grid, m.position)], `the cell of minimum ${i}`).to.equal(i);
      expect(map.counts.get(i) ?? 0, `cells of minimum ${i}`).to.be.greaterThan(grid);
    });
    // Every class is a listed minimum or one of the codes; nothing else.
    for (const code of map.classes) expect(code).to.be.within(BASIN_DIVERGED - 2, himmelblau.minima.length - 1);
  });

  it('a round-enough bowl is one basin', async () => {
    const bowl = getLandscape('bowl', { kappa: 2 })!;
    const map = (await computeBasins(bowl, sgd(0.3), { grid: 16 }).done)!;
    expect(map.counts.get(0)).to.equal(16 * 16);
  });

  it('leaves a start that has not arrived within the budget as still moving', async () => {
    const bowl = getLandscape('bowl', { kappa: 2 })!;
    const map = (await computeBasins(bowl, sgd(0.3), { grid: 8, steps: 1 }).done)!;
    expect(map.counts.get(BASIN_MOVING)).to.be.greaterThan(0);
    expect(total(map)).to.equal(64);
  });

  it('is computed in slices, each in its own task: a timer queued after it starts fires before it ends', async () => {
    const job = computeBasins(himmelblau, sgd(0.01), { grid: 24, steps: 200 });
    let timerFired = false;
    let finished = false;
    setTimeout(() => (timerFired = true), 0);
    const map = await job.done.then((result) => {
      finished = true;
      return result;
    });
    expect(map).to.not.equal(undefined);
    expect(finished).to.equal(true);
    expect(timerFired, 'a timer ran between the slices').to.equal(true);
    // And the slices were many: progress was reported more than once.
    clearBasinCache();
    const fractions: number[] = [];
    await computeBasins(himmelblau, sgd(0.01), { grid: 24, steps: 200, budgetMs: 1, onProgress: (f) => fractions.push(f) }).done;
    expect(fractions.length).to.be.greaterThan(1);
    expect(fractions[fractions.length - 1]).to.equal(1);
  });

  it('a timer queued after it starts fires while it is still under way', async () => {
    let finished = false;
    const job = computeBasins(himmelblau, sgd(0.01), { grid: 24, steps: 300, budgetMs: 2 });
    void job.done.then(() => (finished = true));
    const finishedWhenTimerFired = await new Promise<boolean>((resolve) => setTimeout(() => resolve(finished), 0));
    expect(finishedWhenTimerFired).to.equal(false);
    await job.done;
  });

  it('cancel stops it, resolves with nothing and leaks no tensors', async () => {
    await computeBasins(getLandscape('booth')!, sgd(0.01), { grid: 4, steps: 2 }).done; // backend and kernels warm
    clearBasinCache();
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const job = computeBasins(himmelblau, sgd(0.01), { grid: 24, steps: 400, budgetMs: 2, onProgress: (f) => progress.push(f) });
    while (progress.length < 2) await new Promise((resolve) => setTimeout(resolve, 0));
    job.cancel();
    const seen = progress.length;
    expect(await job.done).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(progress.length, 'no slice after cancel').to.equal(seen);
    expect(tf.memory().numTensors).to.equal(before);
    expect(cachedBasins(job.key)).to.equal(undefined);
  });

  it('a finished map leaks no tensors, and asking again gives the same array at once', async () => {
    const before = tf.memory().numTensors;
    const first = (await computeBasins(himmelblau, sgd(0.01), { grid: 16, steps: 50 }).done)!;
    expect(tf.memory().numTensors).to.equal(before);
    const again = computeBasins(himmelblau, sgd(0.01), { grid: 16, steps: 50 });
    expect((await again.done)!.classes).to.equal(first.classes);
    // Another optimizer (or α) is another map.
    const other = (await computeBasins(himmelblau, sgd(0.02), { grid: 16, steps: 50 }).done)!;
    expect(other.classes).to.not.equal(first.classes);
  });

  it('gives global minima the first family of colours and local ones the second; paints moving cells clear', () => {
    const styblinski = getLandscape('styblinski-tang')!;
    expect(basinSlots(styblinski)).to.deep.equal(['basin-1', 'basin-5', 'basin-6', 'basin-7']);
    expect(basinSlots(himmelblau)).to.deep.equal(['basin-1', 'basin-2', 'basin-3', 'basin-4']);
    expect(basinSlots(getLandscape('saddle')!)).to.deep.equal(['basin-saddle']);
    // Every slot has its colour among the ones a race resolves.
    for (const slot of [...basinSlots(styblinski), ...basinSlots(himmelblau), 'basin-diverged', 'basin-unlisted'])
      expect(BASIN_COLOR_SLOTS[slot], slot).to.equal(`var(--_${slot})`);
    const canvas = document.createElement('canvas');
    canvas.width = 20;
    canvas.height = 10;
    const context = canvas.getContext('2d')!;
    // Two cells: bottom row minimum 0, top row still moving (row 0 is the lowest w₂, drawn at the bottom).
    const map: BasinMap = { key: 'k', grid: 2, classes: Int16Array.from([0, 0, BASIN_MOVING, BASIN_MOVING]), counts: new Map() };
    paintBasins(context, map, { minima: ['rgb(255, 0, 0)'], diverged: 'grey', saddle: 'black', unlisted: 'blue' }, 20, 10);
    const bottom = context.getImageData(5, 8, 1, 1).data;
    const top = context.getImageData(5, 2, 1, 1).data;
    expect(bottom[0]).to.be.greaterThan(200);
    expect(bottom[3]).to.be.within(100, 160);
    expect(top[3]).to.equal(0);
  });
});
