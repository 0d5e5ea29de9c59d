import { prepareCanvas, resolveColors } from '../../shared/plot/canvas.js';
import { contourBand, fillContourBands } from '../../shared/plot/contours.js';
import { drawSeries } from '../../shared/plot/series.js';
import type { Domain2D } from '../../shared/plot/drag.js';
import type { LineDataset } from './dataset.js';
import { chartScales, chartSeries, dataScales } from './layout.js';
import type { LineFitHistoryEntry } from './trainer.js';

/** Cells per side of the drawn cost landscape (and of the `costGrid` property). */
export const GRID_CELLS = 64;
/** Large datasets are drawn thinned to about this many points. */
export const MAX_SCATTER_POINTS = 2500;

/** Everything one paint needs, read from the element at paint time. */
export interface LineFitPaintSnapshot {
  canvases: { scatter?: HTMLCanvasElement; contours?: HTMLCanvasElement; costs?: HTMLCanvasElement };
  /** the plotting area inside the margins, CSS pixels */
  innerW: number;
  innerH: number;
  dataset: LineDataset;
  /** identifies `dataset`: the same key, the same points */
  dataKey: string;
  history: readonly LineFitHistoryEntry[];
  domain: Domain2D;
  /** where the canvas colours are read from (custom properties `--_point`, `--_train`, `--_test`) */
  styleRoot: ShadowRoot | HTMLElement;
  /** changes whenever those colours may have changed (theme, colour scheme) */
  themeKey: string;
}

/** Which layers a paint drew (the others were still up to date). */
export interface PaintedLayers {
  scatter: boolean;
  contours: boolean;
  chart: boolean;
}

interface CanvasColors {
  point: string;
  train: string;
  test: string;
}

/**
 * Draws the line fit's three canvases: the scatter of the data, the filled contours of
 * J(w, b) and the cost curves. The scatter and the contours change only with the data,
 * the size, the window or the theme, so each is redrawn only when its key moved; the
 * cost chart changes with every update and is drawn every time.
 */
export class LineFitPainter {
  private scatterKey = '';
  private contourKey = '';
  private colors?: CanvasColors & { key: string };

  paint(snapshot: LineFitPaintSnapshot): PaintedLayers {
    const painted = { scatter: false, contours: false, chart: false };
    const { canvases, innerW, innerH, dataset, dataKey, domain, themeKey } = snapshot;
    if (!canvases.scatter || !canvases.contours || !canvases.costs || innerW <= 0 || innerH <= 0) return painted;
    const colors = this.resolve(snapshot);

    const scatterKey = [dataKey, innerW, innerH, themeKey].join('|');
    if (scatterKey !== this.scatterKey) {
      this.scatterKey = scatterKey;
      drawScatter(prepareCanvas(canvases.scatter, innerW, innerH), dataset, innerW, innerH, colors.point);
      painted.scatter = true;
    }
    const contourKey = [dataKey, innerW, innerH, domain.x, domain.y].join('|');
    if (contourKey !== this.contourKey) {
      this.contourKey = contourKey;
      const plan = dataset.costPlan(GRID_CELLS, domain.x, domain.y);
      const bands = plan.thresholds.map((_, i) => contourBand(plan, i));
      fillContourBands(prepareCanvas(canvases.contours, innerW, innerH), bands, plan.n, {
        width: innerW,
        height: innerH,
        lineColor: 'rgba(255,255,255,0.35)',
      });
      painted.contours = true;
    }
    const series = chartSeries(snapshot.history, dataset.testX.length > 0, colors);
    const floor = dataset.cost(dataset.solution.w, dataset.solution.b);
    const { x, y } = chartScales(series, floor, innerW, innerH);
    drawSeries(prepareCanvas(canvases.costs, innerW, innerH), series, x, y, innerW);
    painted.chart = true;
    return painted;
  }

  /** Forgets what was drawn: the next paint redraws every layer (new canvases, say). */
  invalidate(): void {
    this.scatterKey = '';
    this.contourKey = '';
  }

  private resolve(snapshot: LineFitPaintSnapshot): CanvasColors {
    // Resolving colours forces a style pass, so it happens once per theme, not per frame.
    if (this.colors?.key !== snapshot.themeKey) {
      this.colors = {
        key: snapshot.themeKey,
        ...resolveColors(snapshot.styleRoot, { point: 'var(--_point)', train: 'var(--_train)', test: 'var(--_test)' }),
      };
    }
    return this.colors;
  }
}

function drawScatter(context: CanvasRenderingContext2D, dataset: LineDataset, innerW: number, innerH: number, color: string): void {
  const { x, y } = dataScales(dataset.extent, innerW, innerH);
  const xs = dataset.x;
  const ys = dataset.y;
  // Large datasets are drawn thinned (every k-th point of an i.i.d. sample is itself a
  // random sample); the training always uses every point.
  const stride = Math.max(1, Math.ceil(xs.length / MAX_SCATTER_POINTS));
  const radius = xs.length <= 100 ? 3 : xs.length <= 1000 ? 2.2 : 1.6;
  context.fillStyle = color;
  context.beginPath();
  for (let i = 0; i < xs.length; i += stride) {
    const px = x(xs[i]);
    const py = y(ys[i]);
    context.moveTo(px + radius, py);
    context.arc(px, py, radius, 0, 2 * Math.PI);
  }
  context.fill();
}
