import { css } from 'lit';

/** Layout of <gd-line-fit>: three linked views, a readout and the controls. */
export const lineFitStyles = css`
  :host {
    --_point: var(--gd-line-fit-point-color, light-dark(rgba(29, 35, 48, 0.55), rgba(228, 231, 236, 0.55)));
    --_trajectory: var(--gd-line-fit-trajectory-color, var(--_model));
    --_test: var(--gd-line-fit-test-color, var(--_series-2));
    --_train: var(--gd-line-fit-train-color, var(--_fg));
    --_batch: var(--gd-line-fit-batch-color, light-dark(#c2410c, #ff9a4d));
  }
  .views {
    display: grid;
    grid-template-columns: 1fr;
    gap: 0.75rem 1rem;
  }
  @container (min-width: 720px) {
    .views {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    /* Fewer views when the author hides some. */
    .views[data-columns='2'] {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .views[data-columns='1'] {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  figure {
    margin: 0;
    min-width: 0;
  }
  figcaption {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.6rem;
    margin: 0 0 0.25rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  figcaption strong {
    color: var(--_fg);
    font-weight: 600;
  }
  .legend {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }
  .swatch {
    display: inline-block;
    width: 0.9rem;
    height: 0;
    border-top: 2px solid currentColor;
  }
  .swatch.dot {
    width: 0.55rem;
    height: 0.55rem;
    border: 1px solid var(--_bg);
    border-radius: 50%;
    background: currentColor;
  }
  .swatch.dashed {
    border-top-style: dashed;
  }
  /* Legend text stays in the muted text colour (contrast); only the swatch is coloured. */
  .truth .swatch {
    color: var(--_truth);
  }
  .model .swatch {
    color: var(--_model);
  }
  .test .swatch {
    color: var(--_test);
  }
  .train .swatch {
    color: var(--_train);
  }
  /* The lines are drawn inside a nested svg that clips them to the plot area. */
  .plot svg.clip {
    position: static;
    overflow: hidden;
  }
  .plot svg .truth-line {
    stroke: var(--_truth);
    stroke-width: 2;
  }
  .plot svg .model-line {
    stroke: var(--_model);
    stroke-width: 2.5;
  }
  .plot svg .trajectory {
    fill: none;
    stroke: var(--_trajectory);
    stroke-width: 2;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .plot svg .halo {
    fill: none;
    stroke: rgba(255, 255, 255, 0.85);
    stroke-width: 4;
    stroke-linejoin: round;
  }
  .plot svg .truth-dot {
    fill: var(--_truth);
    stroke: #fff;
    stroke-width: 1.5;
  }
  .plot svg .lsq-mark {
    fill: none;
    stroke: #1b1b1b;
    stroke-width: 2;
  }
  .plot svg .current-dot {
    fill: var(--_model);
    stroke: #fff;
    stroke-width: 1.5;
  }
  .plot svg .init-dot {
    fill: var(--_model);
    stroke: #fff;
    stroke-width: 2;
  }
  .plot svg .floor {
    stroke: var(--_muted);
    stroke-dasharray: 2 3;
  }
  .plot svg .floor-label {
    fill: var(--_muted);
    font-size: 11px;
  }
  .readout {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0.75rem 0 0.5rem;
    padding: 0.4rem 0.6rem;
    background: var(--_panel);
    border-radius: var(--_radius);
    font-variant-numeric: tabular-nums;
  }
  .readout div {
    display: flex;
    gap: 0.35rem;
    align-items: baseline;
  }
  .readout dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .readout dd {
    margin: 0;
    min-width: 4.5ch;
  }
  .readout .sub {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .readout .status {
    color: var(--_warning);
    font-weight: 600;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.35rem;
    font-size: 0.8em;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .panels {
    display: grid;
    grid-template-columns: 1fr;
    gap: 0.75rem 1.5rem;
  }
  @container (min-width: 720px) {
    .panels {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }
  .stack {
    display: grid;
    gap: 0.7rem;
  }
  .stack .field {
    min-width: 0;
    flex: none;
  }
  .inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 0.75rem;
    align-items: center;
  }
  .field label,
  .field .label {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .field .check {
    justify-content: flex-start;
  }
  .segmented {
    display: inline-flex;
  }
  .segmented button {
    border-radius: 0;
    padding: 0.3rem 0.55rem;
    margin-left: -1px;
  }
  .segmented button:first-child {
    border-radius: var(--_radius) 0 0 var(--_radius);
    margin-left: 0;
  }
  .segmented button:last-child {
    border-radius: 0 var(--_radius) var(--_radius) 0;
  }
  .segmented button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    position: relative;
  }
  input[type='number'] {
    width: 6.5rem;
  }
  select {
    width: 100%;
  }
  .play {
    min-width: 5.5rem;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 2.25rem;
    color: var(--_fg);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .rule {
    margin-top: 0.35rem;
    color: var(--_fg);
    font-size: 0.95em;
    max-width: 100%;
  }
  .tex math {
    font-size: 1.05em;
  }
  .formula {
    margin: 0.5rem 0 0;
    font-size: 0.9em;
    color: var(--_muted);
  }
  /* The smallest phones: the mini-batch cost and the update rules fit on one line. */
  @container (max-width: 22rem) {
    .formula,
    .rule {
      font-size: 0.8em;
    }
  }
  /* The next update's batch and its step beside the full-data step. */
  .batch .swatch,
  .batch-step .swatch {
    color: var(--_batch);
  }
  .full-step .swatch {
    color: var(--_fg);
  }
  .plot svg .batch circle {
    fill: none;
    stroke: var(--_batch);
    stroke-width: 2;
  }
  /* On the cost map (the same colours in both themes) the arrows have fixed colours with a light rim. */
  .plot svg .arrow line {
    stroke-width: 2.5;
  }
  .plot svg .arrow {
    filter: drop-shadow(0 0 1px #fff);
  }
  .plot svg .batch-step line {
    stroke: #d9480f;
  }
  .plot svg .batch-step polygon,
  .plot svg circle.batch-step {
    fill: #d9480f;
  }
  .plot svg .full-step line {
    stroke: #1b1b1b;
    stroke-width: 1.5;
  }
  .plot svg .full-step polygon,
  .plot svg circle.full-step {
    fill: #1b1b1b;
  }
  .plot svg .ghost {
    fill: none;
    stroke: var(--_trajectory);
    stroke-width: 2;
    stroke-dasharray: 4 3;
    opacity: 0.45;
  }
  .ghost .swatch {
    color: var(--_muted);
  }
  .color-legend {
    display: block;
    margin-top: 0.1rem;
    overflow: visible;
  }
  .color-legend-tick {
    stroke: var(--_muted);
  }
  .color-legend-label {
    fill: var(--_muted);
    font-size: 11px;
  }
  .point-readout {
    margin: 0.15rem 0 0;
    min-height: 1.3em;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  /* A phone: the play bar and the learning rate under the map, quiet, set off by a hairline. */
  .dock {
    display: grid;
    gap: 0.3rem;
    margin-top: 0.3rem;
    padding-top: 0.4rem;
    border-top: 1px solid var(--_border);
    font-size: 0.95em;
  }
  .lesson-note {
    margin: 0 0 0.5rem;
    padding: 0.4rem 0.6rem;
    border-left: 3px solid var(--_warning);
    background: var(--_panel);
    border-radius: var(--_radius);
  }
  #decay {
    width: 6.5rem;
  }
  /*
   * Narrow screens: the cost map stays at the top of the screen while the reader scrolls
   * through the readout and the controls below it, so a change shows where it acts. Only
   * where the screen is tall enough for both (a phone held upright).
   */
  @media (min-height: 560px) {
    @container (max-width: 719.98px) {
      .views {
        display: contents;
      }
      .views > figure {
        margin-bottom: 0.75rem;
      }
      .views > figure[part='plot'] {
        position: sticky;
        top: 0;
        z-index: 2;
        padding-block: 0.25rem;
        background: var(--_bg);
        box-shadow: 0 6px 6px -6px rgba(0, 0, 0, 0.35);
      }
      /* While the map comes up from the bottom of the screen, its controls are already there. */
      .dock {
        position: sticky;
        bottom: 0;
        z-index: 1;
        padding-bottom: 0.25rem;
        background: var(--_bg);
      }
    }
  }
`;
