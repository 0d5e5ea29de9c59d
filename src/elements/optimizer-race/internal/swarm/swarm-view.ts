import { html, nothing, type TemplateResult } from 'lit';
import type { PlotScales } from '../view/layout.js';
import type { Landscape } from '../../../../core/index.js';
import { TAIL_LENGTH, type SwarmCounts, type SwarmOptimizerTally, type SwarmTails, type SwarmTally } from './swarm-model.js';
import type { Format } from '../../../shared/format.js';
import { renderSwatch } from '../../../shared/plot/series-style.js';

/** Side of a particle's square dot, in CSS pixels. */
const DOT_SIZE = 3;
/** A tail segment longer than this (device pixels) is left out: early leaps would cost a frame and read as streaks, not tails. */
const LONGEST_SEGMENT = 40;
/**
 * The most particles drawn. A larger swarm (10,000 starts × 16 optimizers is 160,000)
 * draws an even sample of its starts, the same ones for every optimizer: drawing every
 * particle with its tail took ~0.7 µs each, over 100 ms for 160,000, while 20,000 dots
 * already cover a plot hundreds of pixels wide. The tally counts every particle.
 */
export const MAX_DRAWN_PARTICLES = 20_000;

/** [r, g, b] of a resolved CSS colour (`rgb(…)`, `rgba(…)` or `color(srgb …)`). */
function channels(color: string | undefined): [number, number, number] {
  const numbers = (color ?? '').match(/[\d.]+/g)?.map(Number) ?? [];
  const scale = color?.startsWith('color(') ? 255 : 1;
  return [0, 1, 2].map((i) => Math.round((numbers[i] ?? 0) * scale)) as [number, number, number];
}

/**
 * Writes `word` (its alpha in the top byte) into the pixels of a segment where it is the
 * stronger: `steps` points from (x0, y0), (sx, sy) apart, each rounded to its pixel. The
 * pixel loops are plain functions of numbers, so the engine optimises them within the
 * first frames of play, when the tails are longest.
 */
function plotSegment(
  pixels: Uint32Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  sx: number,
  sy: number,
  steps: number,
  word: number,
): void {
  const alpha = word >>> 24;
  // Math.round(v) is Math.floor(v + 0.5).
  let x = x0 + 0.5;
  let y = y0 + 0.5;
  for (let s = 0; s < steps; s++, x += sx, y += sy) {
    const px = Math.floor(x);
    const py = Math.floor(y);
    if (px < 0 || py < 0 || px >= width || py >= height) continue;
    const k = py * width + px;
    if (pixels[k] >>> 24 <= alpha) pixels[k] = word;
  }
}

/** The same for a dot: a `side`-pixel square with its top left at (x, y), clipped to the image. */
function plotSquare(pixels: Uint32Array, width: number, height: number, x: number, y: number, side: number, word: number): void {
  const alpha = word >>> 24;
  const left = Math.max(0, x);
  const right = Math.min(width, x + side);
  for (let j = Math.max(0, y); j < Math.min(height, y + side); j++) {
    for (let k = j * width + left; k < j * width + right; k++) if (pixels[k] >>> 24 <= alpha) pixels[k] = word;
  }
}

/**
 * Draws every particle of the swarm as a small dot in its optimizer's colour, with a
 * short tail that fades with age; the focused optimizer is drawn last, the others faded,
 * and diverged particles are gone from the picture (the tally counts them).
 *
 * The pixels are written in JavaScript into one image, which goes onto the canvas in a
 * single `drawImage`. Stroking tens of thousands of translucent segments through the
 * canvas API cost the page its frame rate (the rasteriser, not the script, was the
 * bottleneck: a p95 frame of ~130 ms for 1,000 starts × 4 optimizers with software
 * raster); a pixel written here is one read and one write.
 */
export class SwarmPainter {
  private layer?: HTMLCanvasElement;
  private image?: ImageData;
  /** What the layer holds: while it is the same (a frame the swarm made no whole update in), only the drawImage is repeated. */
  private drawn?: { positions: Float32Array; iteration: number; key: string };

  /** What the last draw was for: `renderAhead` draws the next positions for the same. */
  private view?: { plot: PlotScales; colors: Readonly<Record<string, string>>; focus: number | null };

  draw(
    context: CanvasRenderingContext2D,
    tails: SwarmTails,
    plot: PlotScales,
    colors: Readonly<Record<string, string>>,
    focus: number | null,
    /** The newest positions will be drawn ahead (`renderAhead`) soon: the layer as it is will do meanwhile. */
    later = false,
  ): void {
    this.view = { plot, colors, focus };
    this.render(tails, plot, colors, focus, later);
    context.drawImage(this.layer!, 0, 0, plot.innerWidth, plot.innerHeight);
  }

  /**
   * Draws `tails` into the layer now, for the plot, colours and focus of the last draw,
   * so that the next `draw` of the same positions only copies the layer: the element
   * calls it in a task of its own after the swarm moved, and the frame's task is spared
   * the pixels (at the start of play, with the tails long and the code not yet
   * optimised, they took up to 40 ms).
   */
  renderAhead(tails: SwarmTails): void {
    if (this.view) this.render(tails, this.view.plot, this.view.colors, this.view.focus);
  }

  /** Draws the particles into the layer, unless it already holds this swarm at this update (or, `later`, at any) for this view. */
  private render(tails: SwarmTails, plot: PlotScales, colors: Readonly<Record<string, string>>, focus: number | null, later = false): void {
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const width = Math.max(1, Math.round(plot.innerWidth * ratio));
    const height = Math.max(1, Math.round(plot.innerHeight * ratio));
    this.layer ??= document.createElement('canvas');
    const layer = this.layer;
    const key = `${width}|${height}|${focus}|${plot.x(0)}|${plot.x(1)}|${plot.y(0)}|${plot.y(1)}|${tails.optimizers.map((i) => colors[`series${i}`]).join()}`;
    const drawn = this.drawn;
    if (drawn && drawn.key === key && drawn.positions === tails.positions && (later || drawn.iteration === tails.iteration)) return;
    this.drawn = { positions: tails.positions, iteration: tails.iteration, key };
    if (layer.width !== width || layer.height !== height || !this.image) {
      layer.width = width;
      layer.height = height;
      this.image = new ImageData(width, height);
    }
    // One 32-bit word per pixel, RGBA in memory order (every browser runs little-endian).
    const pixels = new Uint32Array(this.image.data.buffer);
    pixels.fill(0);
    const { positions, head, length, size, diverged } = tails;
    // The scales are linear: two multiply-adds per point, in device pixels.
    const ax = (plot.x(1) - plot.x(0)) * ratio;
    const bx = plot.x(0) * ratio;
    const ay = (plot.y(1) - plot.y(0)) * ratio;
    const by = plot.y(0) * ratio;
    const dot = Math.max(1, Math.round(DOT_SIZE * ratio));
    const blocks = tails.optimizers.map((index, block) => ({ index, block })).filter(({ index }) => index !== focus);
    const focused = tails.optimizers.indexOf(focus ?? -1);
    if (focused >= 0) blocks.push({ index: focus!, block: focused });
    const slot = (age: number) => (head - age + TAIL_LENGTH) % TAIL_LENGTH;
    // Every `stride`-th start of each optimizer, when there are more than MAX_DRAWN_PARTICLES in all.
    const stride = Math.max(1, Math.ceil((size * tails.optimizers.length) / MAX_DRAWN_PARTICLES));

    // A pixel takes the stronger of what is there and what comes: tails drawn oldest
    // first fade towards the dot, and a dot covers any tail. No blending arithmetic, so
    // a pixel costs one read and one write.
    let r = 0;
    let g = 0;
    let b = 0;
    const wordOf = (value: number) => ((Math.round(255 * value) << 24) | (b << 16) | (g << 8) | r) >>> 0;

    for (const { index, block } of blocks) {
      [r, g, b] = channels(colors[`series${index}`]);
      const dim = focus !== null && focus !== index ? 0.15 : 1;
      const first = block * size;
      // Oldest segment first, so newer (stronger) ones are drawn over it.
      for (let age = length - 1; age >= 1; age--) {
        const from = slot(age);
        const to = slot(age - 1);
        const word = wordOf(dim * 0.55 * (1 - age / TAIL_LENGTH));
        for (let row = first; row < first + size; row += stride) {
          if (diverged[row]) continue;
          const p = (row * TAIL_LENGTH + from) * 2;
          const q = (row * TAIL_LENGTH + to) * 2;
          const x0 = ax * positions[p] + bx;
          const y0 = ay * positions[p + 1] + by;
          const dx = ax * positions[q] + bx - x0;
          const dy = ay * positions[q + 1] + by - y0;
          const steps = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
          // At rest (no tail), a jump, or a point off any finite position.
          if (!(steps >= 1 && steps <= LONGEST_SEGMENT)) continue;
          plotSegment(pixels, width, height, x0, y0, dx / steps, dy / steps, steps, word);
        }
      }
      const now = slot(0);
      const word = wordOf(dim * 0.85);
      for (let row = first; row < first + size; row += stride) {
        if (diverged[row]) continue;
        const p = (row * TAIL_LENGTH + now) * 2;
        const x = Math.round(ax * positions[p] + bx - dot / 2);
        const y = Math.round(ay * positions[p + 1] + by - dot / 2);
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        plotSquare(pixels, width, height, x, y, dot, word);
      }
    }
    layer.getContext('2d')!.putImageData(this.image, 0, 0);
  }
}

/** One column of the tally: a listed minimum, or one of the kinds no single minimum stands for. */
interface TallyColumn {
  kind: keyof SwarmCounts | 'other';
  label: string;
  /** the listed minimum it counts, for a minimum's column */
  minimum?: number;
  count: (row: SwarmOptimizerTally) => number;
}

/**
 * The tally's columns: one per listed minimum (Himmelblau's four global minima each get
 * their own, so the table says which basin caught each particle, not only "global"),
 * then minima the landscape does not list, global or local, where particles stopped at
 * such, then the saddle, diverged and still moving. Each particle is in exactly one column.
 */
export function tallyColumns(landscape: Landscape, tally: SwarmTally, format: Format): TallyColumn[] {
  const place = (p: readonly number[]) => `(${format(p[0], { digits: 3 })}, ${format(p[1], { digits: 3 })})`;
  const listed = landscape.minima.flatMap((m, i): TallyColumn[] =>
    m.kind === 'saddle'
      ? []
      : [
          {
            kind: m.global === false ? 'local' : 'global',
            label: `${m.global === false ? 'Local' : 'Global'} min ${place(m.position)}`,
            minimum: i,
            count: (row) => row.minima[i] ?? 0,
          },
        ],
  );
  const atListed = (row: SwarmOptimizerTally, kind: 'global' | 'local') =>
    listed.reduce((sum, column) => sum + (column.kind === kind ? column.count(row) : 0), 0);
  // Minima the landscape does not list (the six-hump camel publishes only its two global
  // ones): judged global or local by their cost, counted apart. Listed saddles are counted
  // under "Saddle", with the saddles the Hessian found.
  const otherGlobal = (row: SwarmOptimizerTally) => row.global - atListed(row, 'global');
  const otherLocal = (row: SwarmOptimizerTally) => row.local - atListed(row, 'local');
  const columns: TallyColumn[] = [...listed];
  if (!listed.length) columns.push({ kind: 'other', label: 'At a minimum', count: (row) => row.global + row.local });
  else {
    if (tally.optimizers.some((row) => otherGlobal(row) > 0))
      columns.push({ kind: 'other', label: 'Other global min', count: otherGlobal });
    if (tally.optimizers.some((row) => otherLocal(row) > 0))
      columns.push({ kind: 'other', label: 'Local min (not listed)', count: otherLocal });
  }
  columns.push(
    { kind: 'saddle', label: 'Saddle', count: (row) => row.saddle },
    { kind: 'diverged', label: 'Diverged', count: (row) => row.diverged },
    { kind: 'moving', label: 'Still moving', count: (row) => row.moving },
  );
  return columns;
}

/** The tally as a table: one row per optimizer in the swarm, counts and shares of where its particles are, minimum by minimum. */
export function renderSwarmTally(tally: SwarmTally | undefined, landscape: Landscape, format: Format): TemplateResult | typeof nothing {
  if (!tally) return nothing;
  const { size } = tally;
  const count = (value: number) => format(value, { digits: 6 });
  const state = tally.iteration >= tally.steps ? `after all ${tally.steps} steps` : `after ${tally.iteration} of ${tally.steps} steps`;
  const columns = tallyColumns(landscape, tally, format);
  // A phone narrower than the table scrolls it sideways; the region can take focus so keys scroll it too.
  return html`<div class="swarm-scroll" role="region" aria-labelledby="swarm-caption" tabindex="0">
    <table class="swarm-tally" part="swarm">
      <caption id="swarm-caption">
        Where ${count(size)} random starts per optimizer are, minimum by minimum ·
        <span class="swarm-progress">${state}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Optimizer</th>
          ${columns.map(({ label, kind }) => html`<th scope="col" data-kind=${kind}>${label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${tally.optimizers.map(
          (row) =>
            html`<tr data-optimizer=${row.index}>
              <th scope="row">${renderSwatch(row.index)} ${row.label}</th>
              ${columns.map((column) => {
                const value = column.count(row);
                return html`<td data-kind=${column.kind} data-minimum=${column.minimum ?? ''} data-count=${value}>
                  <span class="count">${count(value)}</span> <span class="share">${Math.round((100 * value) / size)}%</span>
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
