import { expect } from '@open-wc/testing';
import { getLandscape } from '../../../src/core/index.js';
import { cellAfterKey, describeCell, linkedValuesOf } from '../../../src/elements/sweep/internal/cells.js';
import { axisOf } from '../../../src/elements/sweep/internal/axes.js';
import type { SweepCell, SweepConfig } from '../../../src/elements/sweep/internal/model.js';

const format = (value: number, options?: { digits?: number }) => String(Number(value.toPrecision(options?.digits ?? 4)));

function config(partial: Partial<SweepConfig>): SweepConfig {
  return {
    landscape: getLandscape('rosenbrock')!,
    optimizer: 'momentum',
    start: [-1, 1],
    steps: 100,
    x: axisOf('learning-rate')!,
    xRange: [0.0001, 0.01],
    cells: 8,
    ...partial,
  };
}

const cell = (values: SweepCell['values'], more: Partial<SweepCell> = {}): SweepCell => ({
  column: 0,
  row: 0,
  values,
  cost: 0.000321987,
  status: 'running',
  stoppedAt: null,
  updates: 100,
  ...more,
});

describe('sweep cells (no DOM)', () => {
  it('describes a cell by its settings and where it ended', () => {
    const twoAxes = config({ y: axisOf('beta'), yRange: [0, 0.99] });
    expect(describeCell(cell({ learningRate: 0.0012345, beta: 0.9 }), twoAxes, format)).to.equal(
      'α = 0.00123, β = 0.9: final J = 0.000322',
    );
    expect(describeCell(cell({ learningRate: 0.02, beta: 0.5 }, { status: 'diverged', stoppedAt: 41 }), twoAxes, format)).to.equal(
      'α = 0.02, β = 0.5: diverged after 41 steps',
    );
  });

  it('marks the batch size that is the whole dataset as full', () => {
    const batches = config({ y: axisOf('batch-size'), yRange: [1, 64], data: { size: 64 } as SweepConfig['data'] });
    expect(describeCell(cell({ learningRate: 0.01, batchSize: 64 }), batches, format)).to.equal(
      'α = 0.01, batch size = 64 (full): final J = 0.000322',
    );
    expect(describeCell(cell({ learningRate: 0.01, batchSize: 8 }), batches, format)).to.equal(
      'α = 0.01, batch size = 8: final J = 0.000322',
    );
  });

  it('sends the optimizer and the swept settings to the link group', () => {
    expect(linkedValuesOf(cell({ learningRate: 0.01, beta: 0.8 }), config({}))).to.deep.equal({
      type: 'momentum',
      learningRate: 0.01,
      beta: 0.8,
    });
    expect(linkedValuesOf(cell({ batchSize: 16, learningRate: 0.1 }), config({ optimizer: 'sgd' }))).to.deep.equal({
      type: 'sgd',
      learningRate: 0.1,
      batchSize: 16,
    });
    expect(linkedValuesOf(cell({ epsilon: 1e-6 }), config({ optimizer: 'adam' })), 'nothing swept that another element takes').to.equal(
      undefined,
    );
  });

  it('moves between cells with the keys, never off the figure', () => {
    const at = { column: 3, row: 2 };
    expect(cellAfterKey('ArrowLeft', at, 8, 5)).to.deep.equal({ column: 2, row: 2 });
    expect(cellAfterKey('ArrowUp', at, 8, 5), 'Up is a larger y value').to.deep.equal({ column: 3, row: 3 });
    expect(cellAfterKey('ArrowDown', { column: 0, row: 0 }, 8, 5)).to.deep.equal({ column: 0, row: 0 });
    expect(cellAfterKey('End', at, 8, 5)).to.deep.equal({ column: 7, row: 2 });
    expect(cellAfterKey('Home', at, 8, 5)).to.deep.equal({ column: 0, row: 2 });
    expect(cellAfterKey('ArrowUp', { column: 3, row: 0 }, 8, 1), 'a 1-D sweep has one row').to.deep.equal({ column: 3, row: 0 });
    expect(cellAfterKey('x', at, 8, 5)).to.equal(undefined);
  });
});
