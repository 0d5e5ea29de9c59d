import { svg, type SVGTemplateResult } from 'lit';
import type { ContourPlan } from './contours.js';

/** One labelled tick of a colour legend: a cost and where it sits along the bar (0–1). */
export interface LegendTick {
  cost: number;
  at: number;
}

/**
 * Ticks for a contour map's colour bar, in the cost's own units. The map colours
 * log(1 + J − J_min), so equal steps along the bar are equal ratios of J − J_min: ticks
 * are J_min and then J_min + 1, 2, 5 × 10ᵏ (thinned to whole decades when the range is
 * long), each placed where its colour is. At most `count` ticks besides J_min.
 */
export function legendTicks(plan: Pick<ContourPlan, 'minCost' | 'maxLevel'>, count = 5): LegendTick[] {
  const { minCost, maxLevel } = plan;
  const ticks: LegendTick[] = [{ cost: minCost, at: 0 }];
  if (!(maxLevel > 0) || !Number.isFinite(minCost)) return ticks;
  const span = Math.expm1(maxLevel);
  const top = Math.floor(Math.log10(span));
  const candidates = (mantissas: number[]) => {
    const found: number[] = [];
    for (let k = top - 12; k <= top; k++) for (const m of mantissas) if (m * 10 ** k <= span) found.push(m * 10 ** k);
    // Ticks closer than 1/12 of the bar to J_min (or to each other) would collide.
    return found.filter((delta) => Math.log1p(delta) / maxLevel > 1 / 12);
  };
  let deltas = candidates([1, 2, 5]);
  if (deltas.length > count) deltas = candidates([1]);
  // A long range has more decades than room: keep every second, third, … decade from the top.
  const stride = Math.ceil(deltas.length / count);
  deltas = deltas.filter((_, i) => (deltas.length - 1 - i) % stride === 0);
  for (const delta of deltas) ticks.push({ cost: minCost + delta, at: Math.log1p(delta) / maxLevel });
  return ticks;
}

/**
 * A horizontal colour bar with numeric ticks for a contour map, in SVG so it themes
 * with CSS and reads as text: `width` wide, the bar 10 px tall, labels below it.
 * `format` writes the numbers (the element's locale and × 10ⁿ notation).
 */
export function renderColorLegend(
  plan: Pick<ContourPlan, 'minCost' | 'maxLevel' | 'color'>,
  options: { width: number; id: string; label: string; format: (value: number, options: { digits: number }) => string },
): SVGTemplateResult {
  const { width, id, format } = options;
  const inset = 16;
  const bar = Math.max(40, width - 2 * inset);
  const stops = Array.from({ length: 11 }, (_, i) => i / 10);
  const labelled = visibleTicks(
    legendTicks(plan).map((tick) => ({ ...tick, text: format(tick.cost, { digits: legendDigits(tick.cost) }) })),
    bar,
  );
  return svg`<svg class="color-legend" part="color-legend" width=${width} height="34" role="img" aria-label=${`${options.label}: ${labelled
    .map((tick) => tick.text)
    .join(', ')}, lighter is lower`}>
    <defs>
      <linearGradient id=${id}>
        ${stops.map((at) => svg`<stop offset=${at} stop-color=${plan.color(at * plan.maxLevel)}></stop>`)}
      </linearGradient>
    </defs>
    <rect x=${inset} y="2" width=${bar} height="10" fill=${`url(#${id})`} class="color-legend-bar"></rect>
    ${labelled.map(
      (tick) => svg`<g transform=${`translate(${inset + tick.at * bar},0)`}>
        <line y1="2" y2="15" class="color-legend-tick"></line>
        <text y="27" text-anchor=${tick.anchor} class="color-legend-label">${tick.text}</text>
      </g>`,
    )}
  </svg>`;
}

/**
 * Significant digits for a legend label: two (a colour bar is read to a glance's
 * precision: J_min 0.0035, not 0.003531), and never fewer than the whole part's (1,235
 * stays 1,235, not 1,200). From a million up the numbers are written × 10ⁿ, where three
 * digits read well (1.26 × 10¹⁷).
 */
export function legendDigits(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return 3;
  const whole = magnitude >= 1 ? Math.floor(Math.log10(magnitude)) + 1 : 0;
  return Math.max(2, whole);
}

/** A label's width in px at the legend's 11–12 px type: generous, so labels never touch. */
const labelWidth = (text: string) => 7 * text.length + 8;

/**
 * The ticks whose labels fit side by side on a `bar` px bar, from J_min up (a label that
 * would touch the one before it is dropped), each anchored so it stays inside the bar's
 * ends: the first starts at its tick, the last may end there.
 */
export function visibleTicks<T extends LegendTick & { text: string }>(ticks: T[], bar: number): (T & { anchor: string })[] {
  const kept: (T & { anchor: string; left: number; right: number })[] = [];
  for (const tick of ticks) {
    const x = tick.at * bar;
    const width = labelWidth(tick.text);
    let anchor = 'middle';
    let left = x - width / 2;
    if (left < 0) [anchor, left] = ['start', x];
    else if (x + width / 2 > bar) [anchor, left] = ['end', x - width];
    const previous = kept.at(-1);
    if (previous && left < previous.right) continue;
    kept.push({ ...tick, anchor, left, right: left + width });
  }
  return kept;
}
