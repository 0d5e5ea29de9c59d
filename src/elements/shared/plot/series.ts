import { scaleLinear, scaleLog } from 'd3-scale';

export interface Series {
  values: ArrayLike<number>;
  color: string;
  dash?: number[];
  /** Drawn faint (another series is isolated). */
  faded?: boolean;
}

/**
 * Scales for cost-per-step charts: steps on x, cost on a log axis. Non-positive costs
 * (a shifted landscape can go below zero) are left out of the log domain.
 */
export function costScales(series: Series[], width: number, height: number, minSteps = 10) {
  let steps = minSteps;
  let low = Infinity;
  let high = -Infinity;
  for (const { values } of series) {
    steps = Math.max(steps, values.length - 1);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value > 0 && Number.isFinite(value)) {
        if (value < low) low = value;
        if (value > high) high = value;
      }
    }
  }
  if (!(low < high)) {
    low = Number.isFinite(low) ? low / 10 : 1e-3;
    high = Number.isFinite(high) ? high * 10 : 1;
  }
  return {
    x: scaleLinear().domain([0, steps]).range([0, width]),
    y: scaleLog().domain([low, high]).range([height, 0]).nice(),
  };
}

/**
 * Draws polylines on a canvas. Long histories are thinned to about two points per
 * pixel column so a minute of play costs no more per frame than its first second.
 */
export function drawSeries(
  context: CanvasRenderingContext2D,
  series: Series[],
  x: (value: number) => number,
  y: (value: number) => number,
  width: number,
  transform: (value: number) => number = (value) => value,
): void {
  for (const line of series) {
    const { values } = line;
    const stride = Math.max(1, Math.floor(values.length / (2 * Math.max(1, width))));
    context.beginPath();
    let open = false;
    let drawn = 0;
    let first: [number, number] | undefined;
    for (let i = 0; i < values.length; i += stride) {
      const value = transform(values[i]);
      if (!Number.isFinite(value)) {
        open = false;
        continue;
      }
      const px = x(i);
      const py = y(value);
      if (!Number.isFinite(py)) {
        open = false;
        continue;
      }
      if (open) context.lineTo(px, py);
      else context.moveTo(px, py);
      open = true;
      first ??= [px, py];
      drawn++;
    }
    context.setLineDash(line.dash ?? []);
    context.strokeStyle = line.color;
    context.globalAlpha = line.faded ? 0.2 : 1;
    context.lineWidth = 1.75;
    context.stroke();
    // A series of one point (before the first update) shows as a dot, not as nothing.
    if (drawn === 1 && first) {
      context.beginPath();
      context.arc(first[0], first[1], 3, 0, 2 * Math.PI);
      context.fillStyle = line.color;
      context.fill();
    }
  }
  context.setLineDash([]);
  context.globalAlpha = 1;
}
