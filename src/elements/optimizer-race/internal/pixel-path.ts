/**
 * A trajectory as the pixels it covers. New points are appended as they arrive and
 * points closer than `minDistance` pixels to the last kept one are dropped, so a path
 * that has settled into a minimum stops growing: drawing a minute-old race costs what
 * drawing its first second did, and nothing is rebuilt from scratch each frame.
 */
export class PixelPath {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  /** How many data points have been looked at. */
  consumed = 0;

  constructor(private readonly minDistance = 0.75) {}

  /** Appends points[consumed…] (data coordinates) through the pixel mapping. */
  extend(points: ArrayLike<ArrayLike<number>>, toPixel: (w1: number, w2: number) => [number, number], limit = points.length): void {
    const min2 = this.minDistance * this.minDistance;
    for (let i = this.consumed; i < limit; i++) {
      const point = points[i];
      if (!Number.isFinite(point[0]) || !Number.isFinite(point[1])) break;
      const [x, y] = toPixel(point[0], point[1]);
      const n = this.xs.length;
      if (n > 0) {
        const dx = x - this.xs[n - 1];
        const dy = y - this.ys[n - 1];
        if (dx * dx + dy * dy < min2) continue;
      }
      this.xs.push(x);
      this.ys.push(y);
    }
    this.consumed = Math.max(this.consumed, limit);
  }

  /** Traces the path (and, if given, a last point that may not have been kept). */
  trace(context: CanvasRenderingContext2D, last?: [number, number]): void {
    context.beginPath();
    const n = this.xs.length;
    for (let i = 0; i < n; i++) {
      if (i === 0) context.moveTo(this.xs[i], this.ys[i]);
      else context.lineTo(this.xs[i], this.ys[i]);
    }
    if (last && n > 0) context.lineTo(last[0], last[1]);
  }
}
