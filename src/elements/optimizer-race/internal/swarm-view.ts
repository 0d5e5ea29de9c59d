import { html, nothing, type TemplateResult } from 'lit';
import type { PlotScales } from './layout.js';
import { TAIL_LENGTH, type SwarmCounts, type SwarmTails, type SwarmTally } from './swarm-model.js';
import { renderSwatch, type Format } from './templates.js';

/** Side of a particle's square dot, in CSS pixels. */
const DOT_SIZE = 3;

/**
 * Draws every particle of the swarm as a small dot in its optimizer's colour, with a
 * short tail that fades with age. One path per optimizer and age (a few dozen strokes
 * for tens of thousands of particles) with butt caps, and the dots as `fillRect`s: on a
 * software canvas both are several times cheaper than round caps and one path of
 * rectangles. The focused optimizer is drawn last, the others faded. Diverged particles
 * are gone from the picture (the tally counts them).
 */
export function drawSwarm(
  context: CanvasRenderingContext2D,
  tails: SwarmTails,
  plot: PlotScales,
  colors: Readonly<Record<string, string>>,
  focus: number | null,
): void {
  const { positions, head, length, size, diverged } = tails;
  // The scales are linear: two multiply-adds per point instead of a d3 call.
  const ax = plot.x(1) - plot.x(0);
  const bx = plot.x(0);
  const ay = plot.y(1) - plot.y(0);
  const by = plot.y(0);
  const blocks = tails.optimizers.map((index, block) => ({ index, block })).filter(({ index }) => index !== focus);
  const focused = tails.optimizers.indexOf(focus ?? -1);
  if (focused >= 0) blocks.push({ index: focus!, block: focused });
  const slot = (age: number) => (head - age + TAIL_LENGTH) % TAIL_LENGTH;
  context.lineWidth = 1.2;
  for (const { index, block } of blocks) {
    const color = colors[`series${index}`] ?? '#000';
    const dim = focus !== null && focus !== index ? 0.15 : 1;
    context.strokeStyle = color;
    context.fillStyle = color;
    const first = block * size;
    // Oldest segment first, so newer (stronger) ones are drawn over it.
    for (let age = length - 1; age >= 1; age--) {
      const from = slot(age);
      const to = slot(age - 1);
      context.beginPath();
      for (let row = first; row < first + size; row++) {
        if (diverged[row]) continue;
        const a = (row * TAIL_LENGTH + from) * 2;
        const b = (row * TAIL_LENGTH + to) * 2;
        const x0 = ax * positions[a] + bx;
        const y0 = ay * positions[a + 1] + by;
        const x1 = ax * positions[b] + bx;
        const y1 = ay * positions[b + 1] + by;
        // A particle at rest draws no tail.
        if (Math.abs(x1 - x0) + Math.abs(y1 - y0) < 0.5) continue;
        context.moveTo(x0, y0);
        context.lineTo(x1, y1);
      }
      context.globalAlpha = dim * 0.55 * (1 - age / TAIL_LENGTH);
      context.stroke();
    }
    const now = slot(0);
    context.globalAlpha = dim * 0.85;
    for (let row = first; row < first + size; row++) {
      if (diverged[row]) continue;
      const a = (row * TAIL_LENGTH + now) * 2;
      const x = ax * positions[a] + bx;
      const y = ay * positions[a + 1] + by;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      context.fillRect(x - DOT_SIZE / 2, y - DOT_SIZE / 2, DOT_SIZE, DOT_SIZE);
    }
  }
  context.globalAlpha = 1;
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
