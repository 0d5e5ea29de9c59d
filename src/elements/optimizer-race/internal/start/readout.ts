import { evaluateGrid, type Landscape } from '../../../../core/index.js';
import type { PointReadout } from '../../../shared/plot/point-readout.js';
import { clientToData } from '../view/layout.js';

/** Shows `point` on `landscape` as (w₁, w₂, J) (ignored outside its plotted area); `now` skips the throttle (a key press). */
export function showRacePoint(
  readout: PointReadout,
  landscape: Landscape,
  point: readonly number[],
  format: (value: number) => string,
  now = false,
): void {
  const { w1, w2 } = landscape.domain;
  const [x, y] = point;
  if (!(x >= w1[0] && x <= w1[1] && y >= w2[0] && y <= w2[1])) return;
  readout.show(() => `w₁ = ${format(x)}, w₂ = ${format(y)}, J = ${format(costAt(landscape, x, y))}`, now);
}

/** The map's listeners: the point under the pointer; on focus (the start handle), the start. */
export function raceReadoutHandlers(
  readout: PointReadout,
  landscape: Landscape,
  start: () => readonly number[],
  format: (value: number) => string,
) {
  return {
    move: (event: PointerEvent) => {
      const svg = (event.currentTarget as Element).querySelector('svg');
      if (svg) showRacePoint(readout, landscape, clientToData(svg, landscape, event.clientX, event.clientY), format);
    },
    focus: () => showRacePoint(readout, landscape, start(), format, true),
  };
}

/** J(x, y) as the race computes it (float32, the landscape's own tf ops). */
function costAt(landscape: Landscape, x: number, y: number): number {
  return evaluateGrid(landscape, { n: 2, domain: { w1: [x, x], w2: [y, y] } }).values[0];
}
