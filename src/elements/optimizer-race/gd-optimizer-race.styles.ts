import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { controls, playControls } from '../shared/controls.styles.js';
import { plotStyles } from '../shared/plot/plot.styles.js';
import { racerColors } from '../shared/plot/series-style.js';
import { optimizerPanelStyles } from '../shared/optimizers/panels.styles.js';

const race = css`
  :host {
    /* Off-screen, the browser skips laying out and painting the race (a page of a hundred
       races renders the few in view), keeping the size it last had. */
    content-visibility: auto;
    contain-intrinsic-size: auto 900px;
    --_start: var(--gd-race-start, var(--_model));
    /* Basin map: global minima take the strong family (1-4), local ones the pale one (5-8). */
    --_basin-1: var(--gd-race-basin-1, light-dark(#c8324a, #ff7d8e));
    --_basin-2: var(--gd-race-basin-2, light-dark(#1f8a7e, #4fd1c0));
    --_basin-3: var(--gd-race-basin-3, light-dark(#d08a12, #f5c16c));
    --_basin-4: var(--gd-race-basin-4, light-dark(#6a4fa0, #b39ddb));
    --_basin-5: var(--gd-race-basin-5, light-dark(#a9bad2, #6f819c));
    --_basin-6: var(--gd-race-basin-6, light-dark(#c2d6a4, #7f9466));
    --_basin-7: var(--gd-race-basin-7, light-dark(#dcc0e6, #94789e));
    --_basin-8: var(--gd-race-basin-8, light-dark(#efd3a8, #a08a66));
    --_basin-diverged: var(--gd-race-basin-diverged, light-dark(#7d838c, #5a6069));
    --_basin-saddle: var(--gd-race-basin-saddle, light-dark(#2e3744, #d0d5dc));
    --_basin-unlisted: var(--gd-race-basin-unlisted, light-dark(#8fa0b3, #6b7a8c));
  }
  .race {
    display: flex;
    flex-direction: column;
    gap: 0.9rem;
  }
  figure {
    margin: 0;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    font-size: 0.85em;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }

  /* Landscape picker: a radio group of thumbnails, one scrolling row. */
  /* Every landscape in sight: the thumbnails wrap into rows (no hidden horizontal scroller). */
  .thumbs {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(4.6rem, 1fr));
    gap: 0.4rem;
    padding: 0.35rem 0.15rem 0.4rem;
  }
  /* On a phone each name keeps a cell wide enough for its longest word (Himmelblau, Rosenbrock), so names never run together. */
  .narrow .thumbs {
    grid-template-columns: repeat(auto-fill, minmax(4.5rem, 1fr));
    gap: 0.25rem;
  }
  .narrow .thumb canvas,
  .narrow .thumb-blank {
    width: 40px;
    height: 40px;
  }
  .thumb {
    position: relative;
    min-width: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.2rem;
    padding: 0.3rem 0.1rem 0.25rem;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
    /* Small enough that the longest one-word name (Himmelblau) fits a cell in every engine's fonts. */
    font-size: 0.66rem;
    line-height: 1.2;
    text-align: center;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .thumb:hover {
    border-color: var(--_border);
  }
  .thumb input {
    position: absolute;
    opacity: 0;
    width: 1px;
    height: 1px;
    margin: 0;
  }
  .thumb canvas,
  .thumb-blank {
    display: block;
    width: 56px;
    height: 56px;
    border-radius: 4px;
    background: var(--_panel);
    box-shadow: 0 0 0 1px var(--_border);
  }
  .thumb:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_panel);
    color: var(--_fg);
    font-weight: 600;
  }
  .thumb:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .landscape-formula {
    margin: 0;
    padding-block: 0.4rem 0.2rem;
    overflow: auto hidden;
    font-size: 0.95em;
  }
  .landscape-formula strong {
    margin-right: 0.5rem;
  }

  /* Plot beside legend and chart when there is room, stacked otherwise. */
  .stage {
    display: flex;
    flex-direction: column;
    gap: 1rem;
  }
  .wide .stage {
    flex-direction: row;
    align-items: flex-start;
    gap: 1.5rem;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    min-width: 0;
    flex: 1 1 auto;
  }
  .plot canvas.paths,
  .plot canvas.basins {
    pointer-events: none;
  }
  /* Basin map: the select and the key of colours under the map. */
  .basin-panel {
    display: flex;
    flex-direction: column;
    gap: 0.35rem;
    margin-top: 0.5rem;
    font-size: 0.8em;
  }
  .basin-select {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 600;
  }
  .basin-status {
    margin: 0;
    color: var(--_muted);
  }
  .basin-key {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .basin-key li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .basin-swatch {
    display: inline-block;
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 2px;
    border: 1px solid var(--_border);
  }
  .drag-surface {
    fill: transparent;
    cursor: crosshair;
    touch-action: none;
  }
  .handle .hit {
    fill: transparent;
  }
  .handle .ring {
    fill: none;
    stroke: none;
  }
  .start-dot {
    fill: var(--_start);
    stroke: white;
    stroke-width: 2;
  }
  .minimum {
    fill: white;
    stroke: #1b2a4a;
    stroke-width: 1;
  }
  .minimum.local {
    fill: none;
    stroke: white;
    stroke-width: 1.4;
  }
  .minimum.saddle {
    fill: #1b2a4a;
    stroke: white;
  }
  .caption {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 1rem;
    margin-top: 0.35rem;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .caption .key {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .caption .minimum {
    stroke: var(--_muted);
  }
  .ghost {
    pointer-events: none;
    opacity: 0.4;
  }
  .ghost polyline {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-dasharray: 2 3;
  }
  .ghost text {
    fill: currentColor;
    font-size: 10px;
    paint-order: stroke;
    stroke: var(--_bg);
    stroke-width: 3px;
  }
  .point-readout {
    margin: 0;
    min-height: 1.3em;
    font-variant-numeric: tabular-nums;
    color: var(--_fg);
  }
  .chart .caption {
    display: block;
  }

  /* Legend: hover or focus isolates one optimizer; a click pins it. */
  .legend {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.15rem;
  }
  .legend-item {
    width: 100%;
    justify-content: flex-start;
    gap: 0.6rem;
    min-height: 2rem;
    padding: 0.2rem 0.5rem;
    border-color: transparent;
    background: transparent;
    text-align: left;
    flex-wrap: wrap;
  }
  .legend-item[aria-pressed='true'] {
    border-color: var(--_border);
    background: var(--_panel);
  }
  .legend-item.faded {
    opacity: 0.45;
  }
  .legend-label {
    font-weight: 600;
    min-width: 5.5rem;
  }
  .legend-rate {
    color: var(--_muted);
    font-weight: 400;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .legend-status {
    color: var(--_muted);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .legend-status.warn {
    color: var(--_warning);
    font-weight: 600;
  }
  /* Who got there first: the order of arrival at the minimum, or of escape from the saddle. */
  .finish-order {
    margin: 0.35rem 0 0.5rem;
    padding: 0.35rem 0.5rem;
    border-left: 3px solid var(--_accent);
    background: var(--_panel);
    border-radius: var(--_radius);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .finish-order .waiting {
    color: var(--_muted);
  }
  .finish-line line {
    stroke: var(--_muted);
    stroke-width: 1;
    stroke-dasharray: 5 4;
  }
  .finish-line text {
    fill: var(--_muted);
    font-size: 11px;
  }
  .finish-mark {
    fill: var(--_bg);
    stroke: currentColor;
    stroke-width: 2;
  }
  .swatch {
    flex: 0 0 auto;
  }

  .tex math {
    font-size: 1.05em;
  }

  /* Swarm mode's tally: counts and shares, one row per optimizer. */
  .swarm-scroll {
    overflow-x: auto;
  }
  .swarm-scroll:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .swarm-tally {
    width: 100%;
    max-width: 52rem;
    border-collapse: collapse;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .swarm-tally caption {
    text-align: left;
    padding-bottom: 0.3rem;
    font-weight: 600;
  }
  .swarm-progress {
    color: var(--_muted);
    font-weight: 400;
  }
  .swarm-tally th,
  .swarm-tally td {
    padding: 0.2rem 0.4rem;
    border-bottom: 1px solid var(--_border);
    text-align: right;
    vertical-align: baseline;
  }
  .swarm-tally th[scope='row'],
  .swarm-tally th:first-child {
    text-align: left;
    white-space: nowrap;
  }
  .swarm-tally th[scope='col'] {
    color: var(--_muted);
    font-weight: 600;
  }
  .swarm-tally .swatch {
    vertical-align: middle;
  }
  .swarm-tally .share {
    color: var(--_muted);
  }
  @container (max-width: 30rem) {
    .landscape-formula {
      font-size: 0.8em;
    }
    .legend-label {
      min-width: 0;
    }
    /* Six columns in a phone's width: smaller type, shares under the counts, labels that wrap. */
    .swarm-tally {
      font-size: 0.75em;
    }
    .swarm-tally th,
    .swarm-tally td {
      padding: 0.2rem 0.12rem;
    }
    .swarm-tally th[scope='row'] {
      white-space: normal;
    }
    .swarm-tally .share {
      display: block;
    }
    .swarm-tally .swatch {
      display: none;
    }
  }
`;

export const styles = [tokens, controls, playControls, plotStyles, racerColors('race'), optimizerPanelStyles, race];
