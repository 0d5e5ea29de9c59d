/**
 * The race's finish line: when each optimizer got there, so the legend, the chart and the
 * order under the legend can say who was first. On a landscape with a minimum an
 * optimizer finishes at the first step where its cost is within FINISH_GAP of the lowest
 * minimum's (J − J* < 10⁻³; where |J*| is large, the power of ten nearest 10⁻³·|J*|); on one without (the
 * saddle) the race is about leaving, so it finishes at the first step outside the plotted
 * window: it has escaped the saddle. No DOM.
 */
import type { Landscape } from '../../../../core/index.js';
import { unbounded } from './verdict.js';

/** How close to J* counts as having reached the minimum (relative to |J*| above 1). */
export const FINISH_GAP = 1e-3;

/** What the finish line means on a landscape: reaching the minimum, escaping the saddle, or nothing to measure yet. */
export type FinishLine = { kind: 'minimum'; reference: number; tolerance: number } | { kind: 'escape' } | { kind: 'none' };

/** The finish line of `landscape`: within FINISH_GAP of its lowest listed minimum, or out of its window where it has none. */
export function finishLine(landscape: Landscape): FinishLine {
  if (unbounded(landscape)) return { kind: 'escape' };
  const values = landscape.minima.filter((m) => m.kind !== 'saddle').map((m) => m.value);
  if (!values.length) return { kind: 'none' };
  const reference = Math.min(...values);
  // A round power of ten (the line's label reads 10⁻³, not 0.001032), scaled with |J*| where that is large.
  const tolerance = 10 ** Math.round(Math.log10(FINISH_GAP * Math.max(1, Math.abs(reference))));
  return { kind: 'minimum', reference, tolerance };
}

/** Whether the point (with its cost) is past the line. */
function crossed(line: FinishLine, landscape: Landscape, point: readonly number[], cost: number): boolean {
  if (line.kind === 'minimum') return cost - line.reference < line.tolerance;
  if (line.kind === 'escape') {
    const { w1, w2 } = landscape.domain;
    return !(point[0] >= w1[0] && point[0] <= w1[1] && point[1] >= w2[0] && point[1] <= w2[1]);
  }
  return false;
}

/**
 * The first step of each trajectory past the finish line, found incrementally: a race's
 * paths grow by a few points a frame and may reach 100,000, so each call reads only the
 * points added since the last. `reset()` forgets everything (a new run, a new landscape).
 */
export class FinishTracker {
  private scanned: number[] = [];
  private found: (number | undefined)[] = [];
  private line?: FinishLine;
  private landscape?: Landscape;

  /** The step at which trajectory `i` first crossed the line, or undefined (not yet, or nothing to measure). */
  step(i: number, landscape: Landscape, points: readonly (readonly number[])[], costs: readonly number[]): number | undefined {
    // A formula's minima arrive after its first paint: a new line means a fresh scan.
    const line = finishLine(landscape);
    if (landscape !== this.landscape || JSON.stringify(line) !== JSON.stringify(this.line)) {
      this.reset();
      this.landscape = landscape;
      this.line = line;
    }
    if (this.found[i] !== undefined) return this.found[i];
    // A trajectory shorter than what was scanned is a new run from the start.
    let from = this.scanned[i] ?? 0;
    if (from > costs.length) from = 0;
    for (let k = from; k < costs.length; k++) {
      if (crossed(line, landscape, points[k], costs[k])) {
        this.found[i] = k;
        break;
      }
    }
    this.scanned[i] = costs.length;
    return this.found[i];
  }

  reset(): void {
    this.scanned = [];
    this.found = [];
  }
}

/** One optimizer in the finish order. */
export interface Finisher {
  index: number;
  label: string;
  /** The step it crossed the line at, or undefined while it has not. */
  step: number | undefined;
}

/**
 * The optimizers in the order they crossed the line (ties keep the legend's order),
 * then those still on the way, in the legend's order.
 */
export function finishOrder(finishers: readonly Finisher[]): Finisher[] {
  const done = finishers.filter((f) => f.step !== undefined).sort((a, b) => a.step! - b.step! || a.index - b.index);
  return [...done, ...finishers.filter((f) => f.step === undefined)];
}
