import { evaluateGrid, type Landscape } from '../../../core/index.js';
import { clientToData } from './layout.js';

/** At most this often the readout changes (it is a live region: a screen reader reads each change). */
const READOUT_INTERVAL_MS = 150;

/**
 * The (w₁, w₂, J) line under the map: where the pointer is, or where the focused start
 * handle is moved with the keys. Changes are throttled; the last one always shows.
 */
export class PointReadout {
  text = '';
  private last = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private pending?: () => void;

  constructor(private readonly changed: () => void) {}

  /** Shows `point` on `landscape` (ignored outside its plotted area); `now` skips the throttle (a key press). */
  show(landscape: Landscape, point: readonly number[], format: (value: number) => string, now = false): void {
    const { w1, w2 } = landscape.domain;
    const [x, y] = point;
    if (!(x >= w1[0] && x <= w1[1] && y >= w2[0] && y <= w2[1])) return;
    this.pending = () => {
      this.text = `w₁ = ${format(x)}, w₂ = ${format(y)}, J = ${format(costAt(landscape, x, y))}`;
      this.last = performance.now();
      this.changed();
    };
    const wait = now ? 0 : this.last + READOUT_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.pending();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pending?.();
      }, wait);
    }
  }

  /** The map's listeners: the point under the pointer; on focus (the start handle), the start. */
  handlers(landscape: Landscape, start: () => readonly number[], format: (value: number) => string) {
    return {
      move: (event: PointerEvent) => {
        const svg = (event.currentTarget as Element).querySelector('svg');
        if (svg) this.show(landscape, clientToData(svg, landscape, event.clientX, event.clientY), format);
      },
      focus: () => this.show(landscape, start(), format, true),
    };
  }
}

/** J(x, y) as the race computes it (float32, the landscape's own tf ops). */
function costAt(landscape: Landscape, x: number, y: number): number {
  return evaluateGrid(landscape, { n: 2, domain: { w1: [x, x], w2: [y, y] } }).values[0];
}
