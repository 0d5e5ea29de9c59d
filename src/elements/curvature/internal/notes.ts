import type { CostShape } from './costs.js';
import type { Format } from '../../shared/format.js';
import type { HistoryEntry } from './simulation.js';

/** The note for a run stopped as diverged, with what to change. */
export function divergedNote(entries: readonly HistoryEntry[], cost: CostShape, curvature: number, format: Format): string {
  const last = entries[entries.length - 1];
  return (
    `Diverged: after ${format(last.iteration)} steps w = ${format(last.w)}, far outside the plot, and every step throws it farther out, so the run stopped. ` +
    (cost === 'quadratic'
      ? `Keep α below 2/c = ${format(2 / curvature, { digits: 3 })} and press Reset.`
      : `Try a smaller α or a start nearer the minimum, and press Reset.`)
  );
}

/**
 * Says so as soon as the point has left the run's own window (`halfWidth` from w*) and keeps moving
 * away; undefined otherwise. `bound` is where the run will stop.
 */
export function escapeNote(
  entries: readonly HistoryEntry[],
  minimum: number,
  halfWidth: number,
  bound: number,
  format: Format,
): string | undefined {
  if (entries.length < 2) return undefined;
  const distance = Math.abs(entries[entries.length - 1].w - minimum);
  const before = Math.abs(entries[entries.length - 2].w - minimum);
  if (!(distance > halfWidth && distance > before)) return undefined;
  return (
    `Diverging: w = ${format(entries[entries.length - 1].w)} is outside the starting window and every step takes it farther out. ` +
    `The plot widens to follow it for a few steps; the run stops when w is ${format(bound)} from the minimum.`
  );
}
