import { html, nothing, type TemplateResult } from 'lit';
import type { PlotScales } from '../view/layout.js';
import { TAIL_LENGTH, type SwarmCounts, type SwarmTails, type SwarmTally } from './swarm-model.js';
import type { Format } from '../../../shared/format.js';
import { renderSwatch } from '../../../shared/plot/series-style.js';

/** Side of a particle's square dot, in CSS pixels. */
const DOT_SIZE = 3;
/** A tail segment longer than this (device pixels) is left out: early leaps would cost a frame and read as streaks, not tails. */
const LONGEST_SEGMENT = 40;

/** [r, g, b] of a resolved CSS colour (`rgb(…)`, `rgba(…)` or `color(srgb …)`). */
function channels(color: string | undefined): [number, number, number] {
  const numbers = (color ?? '').match(/[\d.]+/g)?.map(Number) ?? [];
  const scale = color?.startsWith('color(') ? 255 : 1;
  return [0, 1, 2].map((i) => Math.round((numbers[i] ?? 0) * scale)) as [number, number, number];
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

  draw(
    context: CanvasRenderingContext2D,
    tails: SwarmTails,
    plot: PlotScales,
    colors: Readonly<Record<string, string>>,
    focus: number | null,
  ): void {
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const width = Math.max(1, Math.round(plot.innerWidth * ratio));
    const height = Math.max(1, Math.round(plot.innerHeight * ratio));
    this.layer ??= document.createElement('canvas');
    const layer = this.layer;
    const key = `${width}|${height}|${focus}|${plot.x(0)}|${plot.x(1)}|${plot.y(0)}|${plot.y(1)}|${tails.optimizers.map((i) => colors[`series${i}`]).join()}`;
    const drawn = this.drawn;
    if (drawn && drawn.positions === tails.positions && drawn.iteration === tails.iteration && drawn.key === key) {
      context.drawImage(layer, 0, 0, plot.innerWidth, plot.innerHeight);
      return;
    }
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

    // A pixel takes the stronger of what is there and what comes: tails drawn oldest
    // first fade towards the dot, and a dot covers any tail. No blending arithmetic, so
    // a pixel costs one read and one write.
    let r = 0;
    let g = 0;
    let b = 0;
    let alpha = 0;
    let word = 0;
    const setAlpha = (value: number) => {
      alpha = Math.round(255 * value);
      word = ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
    };
    const plot1 = (x: number, y: number) => {
      if (x < 0 || y < 0 || x >= width || y >= height) return;
      const k = y * width + x;
      if (pixels[k] >>> 24 <= alpha) pixels[k] = word;
    };

    for (const { index, block } of blocks) {
      [r, g, b] = channels(colors[`series${index}`]);
      const dim = focus !== null && focus !== index ? 0.15 : 1;
      const first = block * size;
      // Oldest segment first, so newer (stronger) ones are drawn over it.
      for (let age = length - 1; age >= 1; age--) {
        const from = slot(age);
        const to = slot(age - 1);
        setAlpha(dim * 0.55 * (1 - age / TAIL_LENGTH));
        for (let row = first; row < first + size; row++) {
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
          for (let s = 0; s < steps; s++) plot1(Math.round(x0 + (dx * s) / steps), Math.round(y0 + (dy * s) / steps));
        }
      }
      const now = slot(0);
      setAlpha(dim * 0.85);
      for (let row = first; row < first + size; row++) {
        if (diverged[row]) continue;
        const p = (row * TAIL_LENGTH + now) * 2;
        const x = Math.round(ax * positions[p] + bx - dot / 2);
        const y = Math.round(ay * positions[p + 1] + by - dot / 2);
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        for (let j = 0; j < dot; j++) for (let i = 0; i < dot; i++) plot1(x + i, y + j);
      }
    }
    layer.getContext('2d')!.putImageData(this.image, 0, 0);
    context.drawImage(layer, 0, 0, plot.innerWidth, plot.innerHeight);
  }
}

const COLUMNS: { kind: keyof SwarmCounts; label: string }[] = [
  { kind: 'global', label: 'Global min' },
  { kind: 'local', label: 'Local min' },
  { kind: 'saddle', label: 'Saddle' },
  { kind: 'diverged', label: 'Diverged' },
  { kind: 'moving', label: 'Still moving' },
];

/** The tally as a table: one row per optimizer in the swarm, counts and shares of where its particles are. */
export function renderSwarmTally(tally: SwarmTally | undefined, format: Format): TemplateResult | typeof nothing {
  if (!tally) return nothing;
  const { size } = tally;
  const count = (value: number) => format(value, { digits: 6 });
  const state = tally.iteration >= tally.steps ? `after all ${tally.steps} steps` : `after ${tally.iteration} of ${tally.steps} steps`;
  // A phone narrower than the table scrolls it sideways; the region can take focus so keys scroll it too.
  return html`<div class="swarm-scroll" role="region" aria-labelledby="swarm-caption" tabindex="0">
    <table class="swarm-tally" part="swarm">
      <caption id="swarm-caption">
        Where ${count(size)} random starts per optimizer are ·
        <span class="swarm-progress">${state}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Optimizer</th>
          ${COLUMNS.map(({ label }) => html`<th scope="col">${label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${tally.optimizers.map(
          (row) =>
            html`<tr data-optimizer=${row.index}>
              <th scope="row">${renderSwatch(row.index)} ${row.label}</th>
              ${COLUMNS.map(
                ({ kind }) =>
                  html`<td data-kind=${kind}>
                    <span class="count">${count(row[kind])}</span> <span class="share">${Math.round((100 * row[kind]) / size)}%</span>
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
