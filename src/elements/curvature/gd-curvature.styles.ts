import { css } from 'lit';
import { rateMarkStyles } from '../shared/rate-marks.js';
import { stickyBottomBar } from '../shared/controls.styles.js';

export const styles = css`
  :host {
    --_curve: var(--gd-curvature-curve-color, var(--_series-1));
    --_tangent: var(--gd-curvature-tangent-color, var(--_series-2));
    --_error: var(--gd-curvature-error-color, var(--_model));
    --_point: var(--gd-curvature-point-color, var(--_fg));
  }

  .layout {
    display: grid;
    gap: 0.75rem;
  }

  .plot {
    /* plotHeight() in gd-curvature.ts computes the same height for the drawing. */
    height: clamp(220px, 46cqi, 340px);
  }
  .plot svg {
    display: block;
    width: 100%;
    height: 100%;
    overflow: hidden;
  }
  .curve {
    fill: none;
    stroke: var(--_curve);
    stroke-width: 2.25;
  }
  .tangent-line {
    stroke: var(--_tangent);
    stroke-width: 1.25;
    stroke-dasharray: 5 4;
    opacity: 0.85;
  }
  .tangent-step {
    stroke: var(--_tangent);
    stroke-width: 3;
    stroke-linecap: round;
  }
  .arrowhead {
    fill: var(--_tangent);
  }
  .prediction {
    fill: var(--_tangent);
  }
  .error {
    stroke: var(--_error);
    stroke-width: 2.5;
  }
  .error-label {
    fill: var(--_error);
    font-size: 11px;
  }
  .next {
    fill: var(--_bg);
    stroke: var(--_curve);
    stroke-width: 2;
  }
  .trail-path {
    fill: none;
    stroke: var(--_muted);
    stroke-width: 1;
    stroke-dasharray: 1 3;
    opacity: 0.7;
  }
  .trail circle {
    fill: var(--_muted);
  }
  .ghost-path {
    fill: none;
    stroke: var(--_muted);
    stroke-width: 1.5;
    stroke-dasharray: 6 4;
    opacity: 0.55;
  }
  .ghost circle {
    fill: none;
    stroke: var(--_muted);
    opacity: 0.55;
  }
  .ghost-label {
    fill: var(--_muted);
    font-size: 11px;
    /* A halo in the background colour keeps it legible where the curve or a grid line passes. */
    paint-order: stroke;
    stroke: var(--_bg);
    stroke-width: 3px;
    stroke-linejoin: round;
  }
  .current {
    fill: var(--_point);
    stroke: var(--_bg);
    stroke-width: 2;
    transition: transform 180ms ease-out;
  }
  .handle .hit {
    fill: transparent;
  }
  .handle .start {
    fill: none;
    stroke: var(--_point);
    stroke-width: 1.5;
    stroke-dasharray: 3 2;
  }
  .handle .ring {
    fill: none;
    stroke: none;
  }
  .handle:hover .start {
    stroke-dasharray: none;
  }
  .start-label {
    fill: var(--_fg);
    font-size: 11px;
    pointer-events: none;
  }
  .minimum-guide {
    stroke: var(--_muted);
    stroke-width: 1;
    stroke-dasharray: 2 3;
    opacity: 0.7;
  }
  .minimum-label,
  .offplot-label {
    fill: var(--_fg);
    font-size: 11px;
  }
  .offplot {
    fill: var(--_error);
  }

  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    display: inline-block;
    width: 1.25rem;
    height: 0;
    border-top: 2.5px solid currentColor;
  }
  .swatch.curve-swatch {
    color: var(--_curve);
  }
  .swatch.tangent-swatch {
    color: var(--_tangent);
    border-top-style: dashed;
    border-top-width: 2px;
  }
  .swatch.step-swatch {
    color: var(--_tangent);
    border-top-width: 3.5px;
  }
  .swatch.error-swatch {
    color: var(--_error);
    width: 0;
    height: 0.9rem;
    border-top: none;
    border-left: 2.5px solid currentColor;
  }
  .swatch.trail-swatch {
    width: 0.45rem;
    height: 0.45rem;
    border: none;
    border-radius: 50%;
    background: var(--_muted);
  }

  .swatch.start-swatch {
    width: 0.7rem;
    height: 0.7rem;
    border: 1.5px dashed var(--_fg);
    border-radius: 50%;
  }

  .dock {
    display: grid;
    gap: 0.75rem;
  }
  /*
   * A phone held upright: the play bar and the sliders stay at the bottom of the screen
   * while the plot is on it, so a change shows where it acts.
   */
  @container (max-width: 39.99rem) {
    .dock,
    .dock .params {
      gap: 0.35rem;
    }
  }
  /* Position only, no size (see stickyBottomBar): the layout is the same whatever the screen's height. */
  @media (min-height: 560px) {
    @container (max-width: 39.99rem) {
      .dock {
        ${stickyBottomBar}
      }
    }
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .bar .iteration {
    margin-left: auto;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .bar .iteration strong {
    color: var(--_fg);
    font-weight: 600;
  }
  .play-icon {
    width: 0.8em;
    height: 0.8em;
    fill: currentColor;
  }

  .panels {
    display: grid;
    gap: 0.75rem;
  }
  /*
   * A phone: the regime (what αc means for the iterates) right under the plot it
   * describes, before the key and the controls; the current point's numbers stay last.
   */
  @container (max-width: 39.99rem) {
    .panels {
      display: contents;
    }
    .panel[part~='regime'] {
      order: -1;
    }
    .plot {
      order: -2;
    }
  }
  @container (min-width: 40rem) {
    .panels {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
  .panel {
    padding: 0.6rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_panel);
    min-width: 0;
  }
  .panel h3 {
    margin: 0 0 0.35rem;
    font-size: 0.8em;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .readout {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.1rem 0.75rem;
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .readout dt {
    color: var(--_muted);
  }
  .readout dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .update {
    margin: 0.45rem 0 0;
  }
  math {
    font-size: 1.05em;
  }
  .regime-name {
    margin: 0;
    font-weight: 600;
  }
  .regime-name[data-regime='diverging'] {
    color: var(--_warning);
  }
  .regime-text,
  .formula {
    margin: 0.25rem 0 0;
    font-size: 0.92em;
  }
  .formula {
    color: var(--_muted);
  }
  .formula .tex {
    color: var(--_fg);
  }
  .run-state {
    margin: 0.35rem 0 0;
    font-size: 0.9em;
    color: var(--_muted);
  }

  .params {
    display: grid;
    gap: 0.75rem 1.25rem;
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 40rem) {
    .params {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr) minmax(0, 0.7fr);
    }
  }
  .params .field {
    min-width: 0;
  }
  .params label {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
  }
  ${rateMarkStyles}
`;
