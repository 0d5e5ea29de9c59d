/**
 * The picked cell's path as a figure: a small filled contour map (lighter = lower, the
 * maps' colours) with the start, the minimum and every step of the run, and a caption
 * naming the cell. The canvas is painted by `paintPathMap`, the rest is SVG.
 */
import { html, svg, nothing, type TemplateResult } from 'lit';
import { scaleLinear } from 'd3-scale';
import { renderAxes, type Margin } from '../../shared/plot/axes.js';
import { prepareCanvas } from '../../shared/plot/canvas.js';
import { drawFilledContours } from '../../shared/plot/contours.js';
import { cssomStyle } from '../../shared/cssom-style.js';
import type { PathPreview } from './path-preview.js';

const MARGIN: Margin = { top: 8, right: 10, bottom: 36, left: 44 };

/** The map's side in CSS pixels for a host `width` wide. */
export function pathMapSize(width: number): number {
  return Math.round(Math.max(200, Math.min(280, width)));
}

const scales = (preview: PathPreview, size: number) => {
  const inner = size - MARGIN.left - MARGIN.right;
  const { w1, w2 } = preview.grid.domain;
  return {
    inner,
    x: scaleLinear().domain(w1).range([0, inner]),
    y: scaleLinear().domain(w2).range([inner, 0]),
  };
};

/** The path figure: its canvas (painted by paintPathMap), axes, start, minimum and path, and its caption. */
export function renderPathPreview(preview: PathPreview, size: number, caption: string, format: (value: number) => string): TemplateResult {
  const { inner, x, y } = scales(preview, size);
  const points = preview.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ');
  const end = preview.points[preview.points.length - 1];
  const [start1, start2] = preview.points[0];
  const diverged = preview.status === 'diverged';
  const height = inner + MARGIN.top + MARGIN.bottom;
  return html`<figure
    class="path-preview"
    part="preview"
    data-steps=${preview.points.length - 1}
    data-status=${preview.status}
    data-final-cost=${preview.costs[preview.costs.length - 1]}
  >
    <div class="path-map" style=${cssomStyle({ width: size, height })}>
      <canvas class="path-contours" style=${cssomStyle({ left: MARGIN.left, top: MARGIN.top })}></canvas>
      <svg width=${size} height=${height} role="img" aria-label=${caption}>
        ${renderAxes({ x, y, margin: MARGIN, xLabel: preview.labels[0], yLabel: preview.labels[1], format, xTickCount: 4, yTickCount: 4 })}
        <svg x=${MARGIN.left} y=${MARGIN.top} width=${inner} height=${inner} class="path-clip">
          ${preview.minima.map(([a, b]) => svg`<circle class="path-minimum" cx=${x(a)} cy=${y(b)} r="4"></circle>`)}
          <polyline class="path-line" points=${points}></polyline>
          <circle class="path-start" cx=${x(start1)} cy=${y(start2)} r="4.5"></circle>
          ${diverged ? nothing : svg`<rect class="path-end" x=${x(end[0]) - 3.5} y=${y(end[1]) - 3.5} width="7" height="7"></rect>`}
        </svg>
      </svg>
    </div>
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/** Paints the path figure's contour map (the PaintController calls it with the sweep's heat map). */
export function paintPathMap(canvas: HTMLCanvasElement, preview: PathPreview, size: number): void {
  const { inner } = scales(preview, size);
  const context = prepareCanvas(canvas, inner, inner);
  drawFilledContours(context, preview.grid, { width: inner, height: inner, bands: 16 });
}
