import { svg, type SVGTemplateResult } from 'lit';

/** A d3 continuous scale as the axes need it (linear or log). */
export interface AxisScale {
  (value: number): number;
  ticks(count?: number): number[];
  domain(): number[];
  range(): number[];
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface AxesOptions {
  x: AxisScale;
  y: AxisScale;
  margin: Margin;
  xLabel: string;
  yLabel: string;
  format: (value: number) => string;
  xTickCount?: number;
  yTickCount?: number;
  /** The y ticks as they are (no thinning): a band axis lists its rows, every one of which it has room for. */
  yTicks?: number[];
  /** The y labels' words where they are not numbers (a row per optimizer). */
  yFormat?: (value: number) => string;
  /** Light grid lines behind the data. */
  grid?: boolean;
}

/**
 * Axes in SVG (crisp, themeable with CSS, readable by the accessibility tree as text).
 * Scales map data to plot-area pixels; the margin places the plot area in the SVG.
 */
export function renderAxes(options: AxesOptions): SVGTemplateResult {
  const { x, y, margin, format } = options;
  const [x0, x1] = x.range();
  const [y0, y1] = y.range();
  const bottom = Math.max(y0, y1);
  const top = Math.min(y0, y1);
  const xTicks = thin(x.ticks(options.xTickCount ?? 5));
  const yTicks = options.yTicks ?? thin(y.ticks(options.yTickCount ?? 5));
  const yFormat = options.yFormat ?? format;
  return svg`<g class="axes" transform="translate(${margin.left},${margin.top})" aria-hidden="true">
    ${
      options.grid
        ? svg`<g class="grid">${xTicks.map((t) => svg`<line x1=${x(t)} x2=${x(t)} y1=${top} y2=${bottom}></line>`)}${yTicks.map(
            (t) => svg`<line x1=${x0} x2=${x1} y1=${y(t)} y2=${y(t)}></line>`,
          )}</g>`
        : null
    }
    <rect class="frame" x=${Math.min(x0, x1)} y=${top} width=${Math.abs(x1 - x0)} height=${bottom - top}></rect>
    <g class="x-axis">${xTicks.map(
      (t) => svg`<g transform="translate(${x(t)},${bottom})"><line y2="4"></line><text y="16" text-anchor="middle">${format(t)}</text></g>`,
    )}</g>
    <g class="y-axis">${yTicks.map(
      (t) =>
        // A label at the bottom corner sits on its tick, clear of the first x label under it.
        svg`<g transform="translate(${x0},${y(t)})"><line x2="-4"></line><text x="-7" dy=${bottom - y(t) < 6 ? '0' : '0.32em'} text-anchor="end">${yFormat(t)}</text></g>`,
    )}</g>
    <text class="label" x=${(x0 + x1) / 2} y=${bottom + 32} text-anchor="middle">${options.xLabel}</text>
    <text class="label" transform="translate(${x0 - margin.left + 12},${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">${options.yLabel}</text>
  </g>`;
}

/**
 * Log-scale tick lists can be long (1, 2, …, 9 in every decade); keep at most ~6 labels
 * so they never overlap, and on a log axis keep the powers of ten, which a reader can
 * place at a glance (a stride through the list would keep 9 × 10⁻⁴, 0.005, 0.06, …).
 */
export function thin(ticks: number[], most = 7): number[] {
  if (ticks.length <= most) return ticks;
  const powers = ticks.filter((t) => t > 0 && Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  const kept = powers.length >= 2 ? powers : ticks;
  if (kept.length <= most) return kept;
  const stride = Math.ceil(kept.length / (most - 1));
  return kept.filter((_, i) => i % stride === 0);
}
