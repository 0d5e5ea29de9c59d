import { css, html, unsafeCSS, type CSSResult, type TemplateResult } from 'lit';
import { cssomStyle } from '../cssom-style.js';

/**
 * How the i-th optimizer (racer) of an element is drawn: a colour from the tokens'
 * Okabe–Ito palette, plus a dash pattern and a marker shape, so that lines stay
 * distinguishable without colour. The colour is the element's private `--_racer-n`,
 * which `racerColors` defines from the element's own public tokens.
 */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export interface SeriesStyle {
  /** CSS colour expression (resolved for canvas with resolveColors). */
  color: string;
  dash: number[];
  marker: MarkerShape;
}

const DASHES: number[][] = [[], [7, 4], [2, 3], [9, 3, 2, 3]];
const MARKERS: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];
const PALETTE_SIZE = 8;
/** Dash × marker pairs: each dash meets each marker once in 16 series. */
const PAIRS = DASHES.length * MARKERS.length;
/** Colour and pair vary independently, so the first 8 × 16 = 128 series all differ. */
const PERIOD = PALETTE_SIZE * PAIRS;

/**
 * The style of the `index`-th series; no two indices share one. The first four differ
 * in colour, dash and marker at once. Colour cycles every 8 and the dash-marker pair
 * every 16, the colour shifted by one each lap of 16, so colour and pair are independent
 * and the first 128 are distinct; after that each lap of 128 lengthens the dashes (a
 * solid line becomes a long dash), which no earlier lap uses.
 */
export function seriesStyle(index: number): SeriesStyle {
  const i = Math.max(0, Math.floor(index)) % PERIOD;
  const lap = Math.floor(Math.max(0, Math.floor(index)) / PERIOD);
  const pair = i % PAIRS;
  const colour = (i + Math.floor(i / PAIRS)) % PALETTE_SIZE;
  const dash = DASHES[pair % DASHES.length];
  return {
    color: `var(--_racer-${colour + 1})`,
    dash: lap === 0 ? dash : dash.length ? dash.map((length) => length + lap) : [16 + 4 * lap, 3],
    // Shift the marker cycle after each lap of dashes so every dash meets every marker.
    marker: MARKERS[(pair + Math.floor(pair / DASHES.length)) % MARKERS.length],
  };
}

/**
 * The racers' colours of one element: `--_racer-1` … `-8` from its public
 * `--gd-<element>-series-n` tokens, each defaulting to the kit's palette `--gd-series-n`.
 */
export function racerColors(element: 'race' | 'network'): CSSResult {
  const lines = Array.from(
    { length: PALETTE_SIZE },
    (_, i) => `--_racer-${i + 1}: var(--gd-${element}-series-${i + 1}, var(--_series-${i + 1}));`,
  );
  return css`
    :host {
      ${unsafeCSS(lines.join('\n'))}
    }
  `;
}

/** Traces a marker centred on (x, y) of radius r as the current path. */
export function traceMarker(context: CanvasRenderingContext2D, shape: MarkerShape, x: number, y: number, r: number): void {
  context.beginPath();
  switch (shape) {
    case 'circle':
      context.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 'square':
      context.rect(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
      break;
    case 'triangle':
      context.moveTo(x, y - r * 1.15);
      context.lineTo(x + r * 1.05, y + r * 0.75);
      context.lineTo(x - r * 1.05, y + r * 0.75);
      context.closePath();
      break;
    case 'diamond':
      context.moveTo(x, y - r * 1.25);
      context.lineTo(x + r * 1.05, y);
      context.lineTo(x, y + r * 1.25);
      context.lineTo(x - r * 1.05, y);
      context.closePath();
      break;
  }
}

/** The same marker as an SVG path (legend swatches), centred on (x, y). */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  switch (shape) {
    case 'circle':
      return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    case 'square':
      return `M${x - r * 0.88},${y - r * 0.88}h${r * 1.76}v${r * 1.76}h${-r * 1.76}z`;
    case 'triangle':
      return `M${x},${y - r * 1.15}L${x + r * 1.05},${y + r * 0.75}L${x - r * 1.05},${y + r * 0.75}z`;
    case 'diamond':
      return `M${x},${y - r * 1.25}L${x + r * 1.05},${y}L${x},${y + r * 1.25}L${x - r * 1.05},${y}z`;
  }
}

/** The i-th optimizer's swatch: its dash and marker in its colour (legend, panels, swarm tally). */
export function renderSwatch(i: number): TemplateResult {
  const style = seriesStyle(i);
  return html`<svg class="swatch" width="34" height="14" aria-hidden="true" style=${cssomStyle({ color: style.color })}>
    <line x1="2" x2="32" y1="7" y2="7" stroke="currentColor" stroke-width="2.2" stroke-dasharray=${style.dash.join(' ') || 'none'}></line>
    <path d=${markerPath(style.marker, 17, 7, 4)} fill="currentColor"></path>
  </svg>`;
}
