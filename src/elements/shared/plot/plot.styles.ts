import { css } from 'lit';

/** Shared look of plots: axes, frames, labels, draggable handles. */
export const plotStyles = css`
  .plot {
    position: relative;
    width: 100%;
  }
  .plot canvas {
    position: absolute;
    display: block;
  }
  .plot svg {
    position: absolute;
    inset: 0;
    overflow: visible;
  }
  .axes text {
    fill: var(--_muted);
    font-size: 11px;
    font-variant-numeric: tabular-nums;
  }
  .axes .label {
    fill: var(--_fg);
    font-size: 12px;
  }
  .axes line {
    stroke: var(--_muted);
  }
  .axes .grid line {
    stroke: var(--_grid);
  }
  .axes .frame {
    fill: none;
    stroke: var(--_border);
  }
  /* The numeric colour bar of a contour map (renderColorLegend). */
  .color-legend {
    display: block;
    overflow: visible;
    max-width: 100%;
  }
  .color-legend-tick {
    stroke: var(--_muted);
  }
  .color-legend-label {
    fill: var(--_muted);
    font-size: 10px;
  }
  .handle {
    cursor: grab;
    touch-action: none;
  }
  .handle:active {
    cursor: grabbing;
  }
  .handle:focus {
    outline: none;
  }
  .handle:focus-visible .ring {
    stroke: var(--_focus);
    stroke-width: 3;
    fill: none;
  }
`;
