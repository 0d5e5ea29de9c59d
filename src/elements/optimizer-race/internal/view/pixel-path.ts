/**
 * A trajectory as the pixels it covers, built incrementally as points arrive, with a
 * bounded size however long the race runs:
 * - a point closer than `minDistance` pixels to the previous one is skipped (a path
 *   settling into a minimum stops growing);
 * - a segment whose pixel-rounded ends were already drawn is skipped (an optimizer
 *   that bounces between the same two places, as RMSprop does near a minimum with a
 *   constant step, adds nothing after its first bounce).
 * So drawing a minute-old race costs what drawing its first second did, and nothing is
 * rebuilt from scratch each frame.
 */
export class PixelPath {
  /** Vertices; a NaN pair starts a new sub-path (after skipped segments). */
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private readonly drawn = new Set<string>();
  private lastX = NaN;
  private lastY = NaN;
  private broken = false;
  /** How many data points have been looked at. */
  consumed = 0;

  constructor(private readonly minDistance = 0.75) {}

  /** Number of stored vertices (for tests and budgets). */
  get size(): number {
    return this.xs.length;
  }

  /** Appends points[consumed…] (data coordinates) through the pixel mapping. */
  extend(points: ArrayLike<ArrayLike<number>>, toPixel: (w1: number, w2: number) => [number, number], limit = points.length): void {
    const min2 = this.minDistance * this.minDistance;
    for (let i = this.consumed; i < limit; i++) {
      const point = points[i];
      if (!Number.isFinite(point[0]) || !Number.isFinite(point[1])) break;
      const [x, y] = toPixel(point[0], point[1]);
      if (Number.isNaN(this.lastX)) {
        this.push(x, y);
        continue;
      }
      const dx = x - this.lastX;
      const dy = y - this.lastY;
      if (dx * dx + dy * dy < min2) continue;
      const key = segmentKey(this.lastX, this.lastY, x, y);
      if (this.drawn.has(key)) {
        this.broken = true;
      } else {
        this.drawn.add(key);
        if (this.broken) {
          this.xs.push(NaN, this.lastX);
          this.ys.push(NaN, this.lastY);
          this.broken = false;
        }
        this.xs.push(x);
        this.ys.push(y);
      }
      this.lastX = x;
      this.lastY = y;
    }
    this.consumed = Math.max(this.consumed, limit);
  }

  /** Traces the path (and, if given, a line on to the current point). */
  trace(context: CanvasRenderingContext2D, last?: [number, number]): void {
    context.beginPath();
    let open = false;
    for (let i = 0; i < this.xs.length; i++) {
      const x = this.xs[i];
      if (Number.isNaN(x)) {
        open = false;
        continue;
      }
      if (open) context.lineTo(x, this.ys[i]);
      else context.moveTo(x, this.ys[i]);
      open = true;
    }
    if (last && open && !this.broken) context.lineTo(last[0], last[1]);
  }

  private push(x: number, y: number): void {
    this.xs.push(x);
    this.ys.push(y);
    this.lastX = x;
    this.lastY = y;
  }
}

function segmentKey(x0: number, y0: number, x1: number, y1: number): string {
  const a = `${Math.round(x0)},${Math.round(y0)}`;
  const b = `${Math.round(x1)},${Math.round(y1)}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
