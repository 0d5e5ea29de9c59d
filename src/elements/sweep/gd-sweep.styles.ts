import { css } from 'lit';
import { stickyBottomBar } from '../shared/controls.styles.js';

export const styles = css`
  :host {
    --_line: var(--gd-sweep-line-color, var(--_series-1));
    --_edge: var(--gd-sweep-edge-color, var(--_model));
    --_diverged-ground: var(--gd-sweep-diverged-color, var(--_series-8));
    --_diverged-stripe: var(--_fg);
  }

  .layout {
    display: grid;
    gap: 0.6rem;
  }

  /* figure() in gd-sweep.ts computes the same heights for the drawing. */
  .plot.line {
    height: clamp(220px, 50cqi, 340px);
  }
  .plot.heat {
    height: clamp(240px, 62cqi, 420px);
  }
  .plot {
    cursor: pointer;
    border-radius: var(--_radius);
  }
  .plot:focus {
    outline: none;
  }
  .plot:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .plot canvas {
    inset: 0;
  }
  .plot svg {
    width: 100%;
    height: 100%;
  }

  .cost-line {
    fill: none;
    stroke: var(--_line);
    stroke-width: 2;
  }
  .cell-point {
    fill: var(--_line);
  }
  .diverged-mark {
    stroke: var(--_diverged-ground);
    stroke-width: 2;
  }
  .diverged-label {
    fill: var(--_muted);
    font-size: 11px;
  }
  .edge-mark line {
    stroke: var(--_edge);
    stroke-width: 1.5;
    stroke-dasharray: 5 4;
  }
  /* A halo of the page's background keeps the marks readable over any cell of the heat map. */
  .edge-mark text,
  .edge-curve text {
    fill: var(--_edge);
    font-size: 12px;
    paint-order: stroke;
    stroke: var(--_bg);
    stroke-width: 3px;
  }
  .edge-curve path {
    fill: none;
    stroke: var(--_edge);
    stroke-width: 2;
    stroke-dasharray: 6 4;
    filter: drop-shadow(0 0 1.5px var(--_bg));
  }
  .edge-key {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .active-cell {
    fill: none;
    stroke: var(--_focus);
    stroke-width: 2.5;
  }
  .heat .active-cell {
    stroke: var(--_bg);
    outline: 2px solid var(--_focus);
  }

  .readout {
    margin: 0;
    min-height: 1.4em;
    font-variant-numeric: tabular-nums;
  }

  .legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .legend li,
  .diverged-key {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    display: inline-block;
    width: 1.25rem;
    text-align: center;
  }
  .point-swatch {
    height: 0;
    border-top: 2.5px solid var(--_line);
  }
  .diverged-swatch {
    color: var(--_diverged-ground);
    font-weight: bold;
  }
  .edge-swatch {
    height: 0;
    border-top: 2px dashed var(--_edge);
  }
  .edge-key .edge-swatch {
    border-top-color: currentColor;
  }
  .color-key {
    margin: 0;
  }
  .color-key figcaption {
    margin-bottom: 0.2rem;
  }
  .color-key svg {
    display: block;
    overflow: visible;
  }
  .color-key .tick line {
    stroke: var(--_muted);
  }
  .color-key .tick text {
    fill: var(--_muted);
    font-size: 10px;
  }
  .hatch-ground {
    fill: var(--_diverged-ground);
  }
  .hatch-stripe {
    stroke: var(--_diverged-stripe);
    stroke-width: 1.5;
  }

  /* What the sweep sweeps, in one sentence above the figure. */
  .what {
    margin: 0;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .good-range {
    fill: none;
    stroke: var(--_fg);
    stroke-width: 2;
    filter: drop-shadow(0 0 1px var(--_bg));
  }
  .good-ranges {
    flex: 1 1 100%;
  }
  .good-ranges li {
    display: list-item;
  }
  .good-ranges p {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    margin: 0;
  }
  .good-ranges ul {
    margin: 0.2rem 0 0;
    padding-left: 1.6rem;
  }
  .good-swatch {
    height: 0.7rem;
    border: 2px solid var(--_fg);
    border-radius: 2px;
  }
  /* The picked cell's path over a small cost map. */
  .path-preview {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.4rem 1rem;
  }
  .path-preview figcaption {
    flex: 1 1 12rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .path-map {
    position: relative;
    flex: none;
  }
  .path-map canvas {
    position: absolute;
  }
  .path-map svg {
    position: relative;
    display: block;
  }
  .path-line {
    fill: none;
    stroke: var(--_model);
    stroke-width: 1.75;
    stroke-linejoin: round;
  }
  .path-start {
    fill: var(--_model);
    stroke: var(--_bg);
    stroke-width: 1.5;
  }
  .path-end {
    fill: var(--_fg);
    stroke: var(--_bg);
    stroke-width: 1;
  }
  .path-minimum {
    fill: none;
    stroke: var(--_fg);
    stroke-width: 1.5;
  }

  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  /* A phone held upright: Run again stays at the bottom of the screen while the plot is on it. */
  @media (min-height: 560px) {
    @container (max-width: 39.99rem) {
      .bar {
        ${stickyBottomBar}
      }
    }
  }
  .iteration {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
`;
